import { describe, expect, it } from 'vitest';
import type { Settings } from '../protocol/messages';
import { formValues, settingsWarnings, validateSettings } from './settings-form';

/** Upstream's defaults as the worker sends them (the UI may not import the engine's DEFAULT_SETTINGS). */
const DEFAULT_SETTINGS: Settings = {
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
  kubelet: {
    nodeStatusUpdateFrequencyMs: 10_000,
    nodeStatusReportFrequencyMs: 300_000,
    nodeLeaseDurationSeconds: 40,
    leaseJitter: 0,
    shutdownGracePeriodMs: 0,
    shutdownGracePeriodCriticalPodsMs: 0,
    maxPods: 110,
    podStartupLatencyMs: 2_000,
  },
};

describe('settings form', () => {
  it('round-trips upstream defaults', () => {
    const values = formValues(DEFAULT_SETTINGS);
    expect(values.nodeMonitorGracePeriod).toBe('50');
    expect(values.nodeEvictionRate).toBe('0.1');
    const result = validateSettings(values);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.overrides.nodeMonitorGracePeriodMs).toBe(50_000);
    expect(result.overrides.kubelet?.nodeLeaseDurationSeconds).toBe(40);
    expect(result.overrides.kubelet?.shutdownGracePeriodMs).toBe(0);
  });

  it('says what is wrong with each field', () => {
    const values = {
      ...formValues(DEFAULT_SETTINGS),
      nodeMonitorGracePeriod: 'abc',
      unhealthyZoneThreshold: '1.5',
      defaultUnreachableTolerationSeconds: '2.5',
      nodeEvictionRate: '-1',
      maxPods: '',
      shutdownGracePeriod: '10',
      shutdownGracePeriodCriticalPods: '20',
    };
    const result = validateSettings(values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      nodeMonitorGracePeriod: '--node-monitor-grace-period must be a number, got "abc".',
      unhealthyZoneThreshold: '--unhealthy-zone-threshold must be at most 1.',
      defaultUnreachableTolerationSeconds: '--default-unreachable-toleration-seconds must be a whole number of seconds.',
      nodeEvictionRate: '--node-eviction-rate must be at least 0 nodes/s.',
      maxPods: 'maxPods is required.',
      shutdownGracePeriodCriticalPods: 'shutdownGracePeriodCriticalPods must not be more than shutdownGracePeriod.',
    });
  });

  it('rejects a zero grace period and warns about one shorter than a lease renewal', () => {
    const values = { ...formValues(DEFAULT_SETTINGS), nodeMonitorGracePeriod: '0' };
    const result = validateSettings(values);
    expect(result.ok || result.errors.nodeMonitorGracePeriod).toBe('--node-monitor-grace-period must be more than 0 seconds.');
    expect(settingsWarnings({ ...values, nodeMonitorGracePeriod: '8' })).toHaveLength(1);
  });
});
