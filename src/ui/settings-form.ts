/**
 * The settings panel's fields: upstream's flag names, the unit the page
 * shows, how to read them into the engine's Settings, and what a valid
 * value is. Pure, so the validation is unit-tested.
 */
import type { Settings, SettingsOverrides } from '../protocol/messages';

type Unit = 's' | 'nodes/s' | 'nodes' | 'fraction' | 'pods' | 'count';

export interface SettingField {
  id: string;
  /** Upstream's flag or KubeletConfiguration field. */
  flag: string;
  group: 'Node lifecycle controller' | 'Admission (DefaultTolerationSeconds)' | 'Kubelet' | 'Garbage collection';
  unit: Unit;
  help: string;
  /** The engine's value, in the unit shown. */
  read(settings: Settings): number;
  /** Puts a value (in the unit shown) into overrides. */
  write(overrides: SettingsOverrides, value: number): void;
  min: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Whether `min` itself is allowed. */
  minInclusive: boolean;
  integer: boolean;
}

const ms = (key: keyof Settings): Pick<SettingField, 'read' | 'write'> => ({
  read: (s) => (s[key] as number) / 1000,
  write: (o, v) => {
    (o as Record<string, number>)[key] = Math.round(v * 1000);
  },
});
const plain = (key: keyof Settings): Pick<SettingField, 'read' | 'write'> => ({
  read: (s) => s[key] as number,
  write: (o, v) => {
    (o as Record<string, number>)[key] = v;
  },
});
type KubeletKey = keyof Settings['kubelet'];
const kubeletMs = (key: KubeletKey): Pick<SettingField, 'read' | 'write'> => ({
  read: (s) => s.kubelet[key] / 1000,
  write: (o, v) => {
    o.kubelet = { ...o.kubelet, [key]: Math.round(v * 1000) };
  },
});
const kubeletPlain = (key: KubeletKey): Pick<SettingField, 'read' | 'write'> => ({
  read: (s) => s.kubelet[key],
  write: (o, v) => {
    o.kubelet = { ...o.kubelet, [key]: v };
  },
});

const LC = 'Node lifecycle controller' as const;
const AD = 'Admission (DefaultTolerationSeconds)' as const;
const KU = 'Kubelet' as const;

export const SETTING_FIELDS: readonly SettingField[] = [
  { id: 'nodeMonitorPeriod', flag: '--node-monitor-period', group: LC, unit: 's', help: 'How often the controller checks node health.', ...ms('nodeMonitorPeriodMs'), min: 0, minInclusive: false, integer: false },
  { id: 'nodeMonitorGracePeriod', flag: '--node-monitor-grace-period', group: LC, unit: 's', help: 'Silence after which a node is marked Ready=Unknown.', ...ms('nodeMonitorGracePeriodMs'), min: 0, minInclusive: false, integer: false },
  { id: 'nodeStartupGracePeriod', flag: '--node-startup-grace-period', group: LC, unit: 's', help: 'Grace for a node that never posted status.', ...ms('nodeStartupGracePeriodMs'), min: 0, minInclusive: false, integer: false },
  { id: 'nodeEvictionRate', flag: '--node-eviction-rate', group: LC, unit: 'nodes/s', help: 'NoExecute tainting rate per healthy zone.', ...plain('nodeEvictionRate'), min: 0, minInclusive: true, integer: false },
  { id: 'secondaryNodeEvictionRate', flag: '--secondary-node-eviction-rate', group: LC, unit: 'nodes/s', help: 'Rate in a partially disrupted zone of a large cluster.', ...plain('secondaryNodeEvictionRate'), min: 0, minInclusive: true, integer: false },
  { id: 'largeClusterSizeThreshold', flag: '--large-cluster-size-threshold', group: LC, unit: 'nodes', help: 'At or below this many nodes, a partially disrupted zone stops tainting.', ...plain('largeClusterSizeThreshold'), min: 0, minInclusive: true, integer: true },
  { id: 'unhealthyZoneThreshold', flag: '--unhealthy-zone-threshold', group: LC, unit: 'fraction', help: 'Share of not-Ready nodes (over 2) that makes a zone PartialDisruption.', ...plain('unhealthyZoneThreshold'), min: 0, max: 1, minInclusive: false, integer: false },
  { id: 'defaultNotReadyTolerationSeconds', flag: '--default-not-ready-toleration-seconds', group: AD, unit: 's', help: 'Added to pods without a not-ready toleration.', ...plain('defaultNotReadyTolerationSeconds'), min: 0, minInclusive: true, integer: true },
  { id: 'defaultUnreachableTolerationSeconds', flag: '--default-unreachable-toleration-seconds', group: AD, unit: 's', help: 'Added to pods without an unreachable toleration.', ...plain('defaultUnreachableTolerationSeconds'), min: 0, minInclusive: true, integer: true },
  { id: 'terminatedPodGCThreshold', flag: '--terminated-pod-gc-threshold', group: 'Garbage collection', unit: 'pods', help: 'Terminated pods kept before PodGC deletes the oldest.', ...plain('terminatedPodGCThreshold'), min: 0, minInclusive: true, integer: true },
  { id: 'nodeStatusUpdateFrequency', flag: 'nodeStatusUpdateFrequency', group: KU, unit: 's', help: 'How often the kubelet computes node status.', ...kubeletMs('nodeStatusUpdateFrequencyMs'), min: 0, minInclusive: false, integer: false },
  { id: 'nodeStatusReportFrequency', flag: 'nodeStatusReportFrequency', group: KU, unit: 's', help: 'How often it posts an unchanged status.', ...kubeletMs('nodeStatusReportFrequencyMs'), min: 0, minInclusive: false, integer: false },
  { id: 'nodeLeaseDurationSeconds', flag: 'nodeLeaseDurationSeconds', group: KU, unit: 's', help: 'Lease duration; renewed every quarter of it.', ...kubeletPlain('nodeLeaseDurationSeconds'), min: 0, minInclusive: false, integer: true },
  { id: 'shutdownGracePeriod', flag: 'shutdownGracePeriod', group: KU, unit: 's', help: 'Graceful node shutdown: total time (0 = off).', ...kubeletMs('shutdownGracePeriodMs'), min: 0, minInclusive: true, integer: false },
  { id: 'shutdownGracePeriodCriticalPods', flag: 'shutdownGracePeriodCriticalPods', group: KU, unit: 's', help: 'Of which reserved for critical pods.', ...kubeletMs('shutdownGracePeriodCriticalPodsMs'), min: 0, minInclusive: true, integer: false },
  { id: 'maxPods', flag: 'maxPods', group: KU, unit: 'pods', help: 'Pods a node accepts.', ...kubeletPlain('maxPods'), min: 1, minInclusive: true, integer: true },
];

export type FormValues = Record<string, string>;

export function formValues(settings: Settings): FormValues {
  return Object.fromEntries(SETTING_FIELDS.map((f) => [f.id, String(f.read(settings))]));
}

export type Validation = { ok: true; overrides: SettingsOverrides } | { ok: false; errors: Record<string, string> };

function unitText(unit: Unit): string {
  return unit === 's' ? ' seconds' : unit === 'fraction' ? '' : ` ${unit}`;
}

function checkField(field: SettingField, raw: string): { value: number } | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: `${field.flag} is required.` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: `${field.flag} must be a number, got "${text}".` };
  if (field.integer && !Number.isInteger(value)) return { error: `${field.flag} must be a whole number of${unitText(field.unit)}.` };
  if (field.minInclusive ? value < field.min : value <= field.min) {
    return { error: `${field.flag} must be ${field.minInclusive ? 'at least' : 'more than'} ${field.min}${unitText(field.unit)}.` };
  }
  if (field.max !== undefined && value > field.max) return { error: `${field.flag} must be at most ${field.max}${unitText(field.unit)}.` };
  return { value };
}

/** Reads the form into settings overrides, or says what is wrong with each field. */
export function validateSettings(values: FormValues): Validation {
  const errors: Record<string, string> = {};
  const numbers: Record<string, number> = {};
  for (const field of SETTING_FIELDS) {
    const result = checkField(field, values[field.id] ?? '');
    if ('error' in result) errors[field.id] = result.error;
    else numbers[field.id] = result.value;
  }
  const both = (a: string, b: string) => numbers[a] !== undefined && numbers[b] !== undefined;
  // Upstream's kubelet validation: the critical-pods share cannot exceed the total.
  if (both('shutdownGracePeriod', 'shutdownGracePeriodCriticalPods') && numbers.shutdownGracePeriodCriticalPods! > numbers.shutdownGracePeriod!) {
    errors.shutdownGracePeriodCriticalPods = 'shutdownGracePeriodCriticalPods must not be more than shutdownGracePeriod.';
  }
  // Upstream rejects a report frequency below the update frequency.
  if (both('nodeStatusUpdateFrequency', 'nodeStatusReportFrequency') && numbers.nodeStatusReportFrequency! < numbers.nodeStatusUpdateFrequency!) {
    errors.nodeStatusReportFrequency = 'nodeStatusReportFrequency must be at least nodeStatusUpdateFrequency.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const overrides: SettingsOverrides = {};
  for (const field of SETTING_FIELDS) field.write(overrides, numbers[field.id]!);
  return { ok: true, overrides };
}

/** Hints that are not errors: combinations upstream accepts but that make nodes flap. */
export function settingsWarnings(values: FormValues): string[] {
  const grace = Number(values.nodeMonitorGracePeriod);
  const lease = Number(values.nodeLeaseDurationSeconds);
  const warnings: string[] = [];
  if (Number.isFinite(grace) && Number.isFinite(lease) && grace <= lease / 4) {
    warnings.push(`--node-monitor-grace-period (${grace} s) is not longer than the lease renewal interval (${lease / 4} s): healthy nodes will flap to Unknown.`);
  }
  return warnings;
}
