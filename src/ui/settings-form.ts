/**
 * The settings panel's fields: upstream's flag names, the unit the page
 * shows, how to read them into the engine's Settings, and what a valid
 * value is. Pure, so the validation is unit-tested.
 */
import { SETTING_RANGES, settingProblem } from '../kube/limits';
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
  { id: 'nodeMonitorPeriod', flag: '--node-monitor-period', group: LC, unit: 's', help: 'How often the controller checks node health.', ...ms('nodeMonitorPeriodMs') },
  { id: 'nodeMonitorGracePeriod', flag: '--node-monitor-grace-period', group: LC, unit: 's', help: 'Silence after which a node is marked Ready=Unknown.', ...ms('nodeMonitorGracePeriodMs') },
  { id: 'nodeStartupGracePeriod', flag: '--node-startup-grace-period', group: LC, unit: 's', help: 'Grace for a node that never posted status.', ...ms('nodeStartupGracePeriodMs') },
  { id: 'nodeEvictionRate', flag: '--node-eviction-rate', group: LC, unit: 'nodes/s', help: 'NoExecute tainting rate per healthy zone.', ...plain('nodeEvictionRate') },
  { id: 'secondaryNodeEvictionRate', flag: '--secondary-node-eviction-rate', group: LC, unit: 'nodes/s', help: 'Rate in a partially disrupted zone of a large cluster.', ...plain('secondaryNodeEvictionRate') },
  { id: 'largeClusterSizeThreshold', flag: '--large-cluster-size-threshold', group: LC, unit: 'nodes', help: 'At or below this many nodes, a partially disrupted zone stops tainting.', ...plain('largeClusterSizeThreshold') },
  { id: 'unhealthyZoneThreshold', flag: '--unhealthy-zone-threshold', group: LC, unit: 'fraction', help: 'Share of not-Ready nodes (over 2) that makes a zone PartialDisruption.', ...plain('unhealthyZoneThreshold') },
  { id: 'defaultNotReadyTolerationSeconds', flag: '--default-not-ready-toleration-seconds', group: AD, unit: 's', help: 'Added to pods without a not-ready toleration.', ...plain('defaultNotReadyTolerationSeconds') },
  { id: 'defaultUnreachableTolerationSeconds', flag: '--default-unreachable-toleration-seconds', group: AD, unit: 's', help: 'Added to pods without an unreachable toleration.', ...plain('defaultUnreachableTolerationSeconds') },
  { id: 'terminatedPodGCThreshold', flag: '--terminated-pod-gc-threshold', group: 'Garbage collection', unit: 'pods', help: 'Terminated pods kept before PodGC deletes the oldest.', ...plain('terminatedPodGCThreshold') },
  { id: 'nodeStatusUpdateFrequency', flag: 'nodeStatusUpdateFrequency', group: KU, unit: 's', help: 'How often the kubelet computes node status.', ...kubeletMs('nodeStatusUpdateFrequencyMs') },
  { id: 'nodeStatusReportFrequency', flag: 'nodeStatusReportFrequency', group: KU, unit: 's', help: 'How often it posts an unchanged status.', ...kubeletMs('nodeStatusReportFrequencyMs') },
  { id: 'nodeLeaseDurationSeconds', flag: 'nodeLeaseDurationSeconds', group: KU, unit: 's', help: 'Lease duration; renewed every quarter of it.', ...kubeletPlain('nodeLeaseDurationSeconds') },
  { id: 'shutdownGracePeriod', flag: 'shutdownGracePeriod', group: KU, unit: 's', help: 'Graceful node shutdown: total time (0 = off).', ...kubeletMs('shutdownGracePeriodMs') },
  { id: 'shutdownGracePeriodCriticalPods', flag: 'shutdownGracePeriodCriticalPods', group: KU, unit: 's', help: 'Of which reserved for critical pods.', ...kubeletMs('shutdownGracePeriodCriticalPodsMs') },
  { id: 'maxPods', flag: 'maxPods', group: KU, unit: 'pods', help: 'Pods a node accepts.', ...kubeletPlain('maxPods') },
];

export type FormValues = Record<string, string>;

export function formValues(settings: Settings): FormValues {
  return Object.fromEntries(SETTING_FIELDS.map((f) => [f.id, String(f.read(settings))]));
}

export type Validation = { ok: true; overrides: SettingsOverrides } | { ok: false; errors: Record<string, string> };

/** A plain decimal number: "0x10", "1e3", "Infinity" and "" are refused rather than read as JavaScript would. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * One field against its range in SETTING_RANGES (src/kube/limits.ts), the
 * table a scenario file's settings are checked against too. Durations are
 * typed in seconds and checked in the engine's milliseconds.
 */
function checkField(field: SettingField, raw: string): { value: number } | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: `${field.flag} is required.` };
  if (!DECIMAL.test(text)) return { error: `${field.flag} must be a decimal number, got "${text.length > 40 ? `${text.slice(0, 39)}…` : text}".` };
  const value = Number(text);
  const range = SETTING_RANGES[field.id];
  const engineValue = range?.kind === 'duration' ? value * 1000 : value;
  const problem = settingProblem(field.id, engineValue);
  return problem ? { error: `${problem.replace(field.id, field.flag)}.` } : { value };
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
