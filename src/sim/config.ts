/**
 * Every tunable of the simulated control plane, in milliseconds where it is a
 * duration. Defaults are upstream's for Kubernetes v1.32+
 * (kubernetes-behaviour.md §2).
 */
export interface KubeletSettings {
  /** Upstream: KubeletConfiguration.nodeStatusUpdateFrequency (10 s). */
  nodeStatusUpdateFrequencyMs: number;
  /** Upstream: KubeletConfiguration.nodeStatusReportFrequency (5 min). */
  nodeStatusReportFrequencyMs: number;
  /** Upstream: nodeLeaseDurationSeconds (40); the lease is renewed every 0.25 × this. */
  nodeLeaseDurationSeconds: number;
  /** Jitter factor of the lease renewal (upstream 0.04; 0 in scenarios so times are exact). */
  leaseJitter: number;
  shutdownGracePeriodMs: number;
  shutdownGracePeriodCriticalPodsMs: number;
  /** Upstream: maxPods (110), reported as allocatable pods. */
  maxPods: number;
  /** Time from a pod being bound to its containers running and Ready (not an upstream setting). */
  podStartupLatencyMs: number;
}

export interface Settings {
  nodeMonitorPeriodMs: number;
  nodeMonitorGracePeriodMs: number;
  nodeStartupGracePeriodMs: number;
  nodeEvictionRate: number;
  secondaryNodeEvictionRate: number;
  largeClusterSizeThreshold: number;
  unhealthyZoneThreshold: number;
  defaultNotReadyTolerationSeconds: number;
  defaultUnreachableTolerationSeconds: number;
  terminatedPodGCThreshold: number;
  kubelet: KubeletSettings;
}

export const DEFAULT_KUBELET_SETTINGS: Readonly<KubeletSettings> = Object.freeze({
  nodeStatusUpdateFrequencyMs: 10_000,
  nodeStatusReportFrequencyMs: 300_000,
  nodeLeaseDurationSeconds: 40,
  leaseJitter: 0,
  shutdownGracePeriodMs: 0,
  shutdownGracePeriodCriticalPodsMs: 0,
  maxPods: 110,
  podStartupLatencyMs: 2_000,
});

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 50_000,
  nodeStartupGracePeriodMs: 60_000,
  nodeEvictionRate: 0.1,
  secondaryNodeEvictionRate: 0.01,
  largeClusterSizeThreshold: 50,
  unhealthyZoneThreshold: 0.55,
  defaultNotReadyTolerationSeconds: 300,
  defaultUnreachableTolerationSeconds: 300,
  terminatedPodGCThreshold: 12_500,
  kubelet: DEFAULT_KUBELET_SETTINGS,
});

export type SettingsOverrides = Partial<Omit<Settings, 'kubelet'>> & { kubelet?: Partial<KubeletSettings> };

export function resolveSettings(overrides: SettingsOverrides = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    ...overrides,
    kubelet: { ...DEFAULT_KUBELET_SETTINGS, ...overrides.kubelet },
  };
}
