/**
 * `settings` and `kubelet` blocks (scenario-format.md, "settings"): flag names
 * in camelCase, mapped to the engine's SettingsOverrides (durations in ms).
 */
import { SETTING_RANGES, settingProblem } from '../kube/limits';
import type { KubeletSettings, SettingsOverrides } from '../sim';
import type { Reader } from './reader';
import type { Path } from './yaml-source';

type ControllerKey = Exclude<keyof SettingsOverrides, 'kubelet'>;

/** File name → engine field; the allowed range of each is SETTING_RANGES (src/kube/limits.ts). */
export const CONTROLLER_SETTINGS: Readonly<Record<string, ControllerKey>> = {
  nodeMonitorPeriod: 'nodeMonitorPeriodMs',
  nodeMonitorGracePeriod: 'nodeMonitorGracePeriodMs',
  nodeStartupGracePeriod: 'nodeStartupGracePeriodMs',
  nodeEvictionRate: 'nodeEvictionRate',
  secondaryNodeEvictionRate: 'secondaryNodeEvictionRate',
  largeClusterSizeThreshold: 'largeClusterSizeThreshold',
  unhealthyZoneThreshold: 'unhealthyZoneThreshold',
  defaultNotReadyTolerationSeconds: 'defaultNotReadyTolerationSeconds',
  defaultUnreachableTolerationSeconds: 'defaultUnreachableTolerationSeconds',
  terminatedPodGCThreshold: 'terminatedPodGCThreshold',
};

export const KUBELET_SETTINGS: Readonly<Record<string, keyof KubeletSettings>> = {
  nodeStatusUpdateFrequency: 'nodeStatusUpdateFrequencyMs',
  nodeStatusReportFrequency: 'nodeStatusReportFrequencyMs',
  nodeLeaseDurationSeconds: 'nodeLeaseDurationSeconds',
  leaseJitter: 'leaseJitter',
  shutdownGracePeriod: 'shutdownGracePeriodMs',
  shutdownGracePeriodCriticalPods: 'shutdownGracePeriodCriticalPodsMs',
  maxPods: 'maxPods',
  podStartupLatency: 'podStartupLatencyMs',
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
  table: Readonly<Record<string, K>>,
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const [name, to] of Object.entries(table)) {
    const raw = fields[name];
    if (raw === undefined) continue;
    const range = SETTING_RANGES[name]!;
    const value = range.kind === 'duration' ? reader.duration(raw, [...path, name]) : reader.number(raw, [...path, name]);
    if (value === undefined) continue;
    const problem = settingProblem(name, value);
    if (problem) reader.error([...path, name], problem);
    else out[to] = value;
  }
  return out;
}
