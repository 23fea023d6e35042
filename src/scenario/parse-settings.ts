/**
 * `settings` and `kubelet` blocks (scenario-format.md, "settings"): flag names
 * in camelCase, mapped to the engine's SettingsOverrides (durations in ms).
 */
import type { KubeletSettings, SettingsOverrides } from '../sim';
import type { Reader } from './reader';
import type { Path } from './yaml-source';

type Spec<K> =
  | { to: K; duration: { positive: boolean } }
  | { to: K; number: { min?: number; max?: number; integer?: boolean } };

type ControllerKey = Exclude<keyof SettingsOverrides, 'kubelet'>;

const CONTROLLER_SETTINGS: Readonly<Record<string, Spec<ControllerKey>>> = {
  nodeMonitorPeriod: { to: 'nodeMonitorPeriodMs', duration: { positive: true } },
  nodeMonitorGracePeriod: { to: 'nodeMonitorGracePeriodMs', duration: { positive: true } },
  nodeStartupGracePeriod: { to: 'nodeStartupGracePeriodMs', duration: { positive: true } },
  nodeEvictionRate: { to: 'nodeEvictionRate', number: { min: 0 } },
  secondaryNodeEvictionRate: { to: 'secondaryNodeEvictionRate', number: { min: 0 } },
  largeClusterSizeThreshold: { to: 'largeClusterSizeThreshold', number: { min: 0, integer: true } },
  unhealthyZoneThreshold: { to: 'unhealthyZoneThreshold', number: { min: 0, max: 1 } },
  defaultNotReadyTolerationSeconds: { to: 'defaultNotReadyTolerationSeconds', number: { min: 0, integer: true } },
  defaultUnreachableTolerationSeconds: { to: 'defaultUnreachableTolerationSeconds', number: { min: 0, integer: true } },
  terminatedPodGCThreshold: { to: 'terminatedPodGCThreshold', number: { min: 0, integer: true } },
};

const KUBELET_SETTINGS: Readonly<Record<string, Spec<keyof KubeletSettings>>> = {
  nodeStatusUpdateFrequency: { to: 'nodeStatusUpdateFrequencyMs', duration: { positive: true } },
  nodeStatusReportFrequency: { to: 'nodeStatusReportFrequencyMs', duration: { positive: true } },
  nodeLeaseDurationSeconds: { to: 'nodeLeaseDurationSeconds', number: { min: 1, integer: true } },
  leaseJitter: { to: 'leaseJitter', number: { min: 0, max: 1 } },
  shutdownGracePeriod: { to: 'shutdownGracePeriodMs', duration: { positive: false } },
  shutdownGracePeriodCriticalPods: { to: 'shutdownGracePeriodCriticalPodsMs', duration: { positive: false } },
  maxPods: { to: 'maxPods', number: { min: 1, integer: true } },
  podStartupLatency: { to: 'podStartupLatencyMs', duration: { positive: false } },
};

export function readSettings(value: unknown, path: Path, reader: Reader): SettingsOverrides {
  const fields = reader.mapping(value, path, [...Object.keys(CONTROLLER_SETTINGS), 'kubelet']);
  if (!fields) return {};
  const out: SettingsOverrides = readTable(fields, path, reader, CONTROLLER_SETTINGS);
  if (fields.kubelet !== undefined) {
    const kubelet = readKubelet(fields.kubelet, [...path, 'kubelet'], reader);
    if (kubelet) out.kubelet = defaultReportFrequency(kubelet, false);
  }
  return out;
}

export function readKubelet(value: unknown, path: Path, reader: Reader): Partial<KubeletSettings> | undefined {
  const fields = reader.mapping(value, path, Object.keys(KUBELET_SETTINGS));
  return fields ? readTable(fields, path, reader, KUBELET_SETTINGS) : undefined;
}

/**
 * Upstream (pkg/kubelet/apis/config/v1beta1/defaults.go): when
 * nodeStatusUpdateFrequency is set explicitly and nodeStatusReportFrequency
 * is not, the report frequency defaults to the update frequency, not 5 min.
 * `reportSetAbove`: a wider level (the cluster's kubelet block) set it.
 */
export function defaultReportFrequency(kubelet: Partial<KubeletSettings>, reportSetAbove: boolean): Partial<KubeletSettings> {
  if (kubelet.nodeStatusUpdateFrequencyMs === undefined || kubelet.nodeStatusReportFrequencyMs !== undefined || reportSetAbove) {
    return kubelet;
  }
  return { ...kubelet, nodeStatusReportFrequencyMs: kubelet.nodeStatusUpdateFrequencyMs };
}

/** Upstream kubelet validation: shutdownGracePeriodCriticalPods must be <= shutdownGracePeriod. */
export function checkShutdownGrace(effective: Partial<KubeletSettings>, path: Path, reader: Reader): void {
  const total = effective.shutdownGracePeriodMs ?? 0;
  const critical = effective.shutdownGracePeriodCriticalPodsMs ?? 0;
  if (critical > total) {
    reader.error(path, `shutdownGracePeriodCriticalPods (${critical / 1000}s) must not exceed shutdownGracePeriod (${total / 1000}s)`);
  }
}

function readTable<K extends string>(
  fields: Record<string, unknown>,
  path: Path,
  reader: Reader,
  table: Readonly<Record<string, Spec<K>>>,
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const [name, spec] of Object.entries(table)) {
    const raw = fields[name];
    if (raw === undefined) continue;
    const value = 'duration' in spec ? reader.duration(raw, [...path, name], spec.duration) : reader.number(raw, [...path, name], spec.number);
    if (value !== undefined) out[spec.to] = value;
  }
  return out;
}
