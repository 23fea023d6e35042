import { describe, expect, it } from 'vitest';
import { formValues, settingsWarnings, validateSettings } from './settings-form';
import { DEFAULT_SETTINGS } from '../sim/config';


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
      nodeMonitorGracePeriod: '--node-monitor-grace-period must be a decimal number, got "abc".',
      unhealthyZoneThreshold: '--unhealthy-zone-threshold 1.5 is too large: it must be at most 1 (a fraction of nodes).',
      defaultUnreachableTolerationSeconds: '--default-unreachable-toleration-seconds must be a whole number, got 2.5.',
      nodeEvictionRate: '--node-eviction-rate -1 is too small: it must be at least 0 (a rate cannot be negative).',
      maxPods: 'maxPods is required.',
      shutdownGracePeriodCriticalPods: 'shutdownGracePeriodCriticalPods must not be more than shutdownGracePeriod.',
    });
  });

  it('rejects a zero grace period and warns about one shorter than a lease renewal', () => {
    const values = { ...formValues(DEFAULT_SETTINGS), nodeMonitorGracePeriod: '0' };
    const result = validateSettings(values);
    expect(result.ok || result.errors.nodeMonitorGracePeriod).toMatch(/^--node-monitor-grace-period 0 s is too small: it must be at least 1 s \(a floor of the playground/);
    expect(settingsWarnings({ ...values, nodeMonitorGracePeriod: '8' })).toHaveLength(1);
  });

  it('reads decimal numbers only', () => {
    for (const text of ['0x10', '1e1', 'Infinity', '5s', '1,5', '0b11', ' ']) {
      const result = validateSettings({ ...formValues(DEFAULT_SETTINGS), nodeMonitorPeriod: text });
      expect(result.ok, text).toBe(false);
    }
    const result = validateSettings({ ...formValues(DEFAULT_SETTINGS), nodeMonitorPeriod: '2.5' });
    expect(result.ok && result.overrides.nodeMonitorPeriodMs).toBe(2_500);
  });

  // Upstream: pkg/kubelet/apis/config/validation ("must be either zero or otherwise >= 1 sec", "nodeLeaseDurationSeconds must be greater than 0").
  it("holds kubelet fields to the kubelet's own validation", () => {
    const errors = (values: Record<string, string>) => {
      const result = validateSettings({ ...formValues(DEFAULT_SETTINGS), ...values });
      return result.ok ? {} : result.errors;
    };
    expect(errors({ shutdownGracePeriod: '0.5' }).shutdownGracePeriod).toMatch(/must be 0 or at least 1 s/);
    expect(errors({ shutdownGracePeriod: '0', shutdownGracePeriodCriticalPods: '0' })).toEqual({});
    expect(errors({ nodeLeaseDurationSeconds: '0' }).nodeLeaseDurationSeconds).toMatch(/must be at least 1 \(the kubelet requires more than 0/);
    expect(errors({ nodeStatusUpdateFrequency: '0.0001' }).nodeStatusUpdateFrequency).toMatch(/too small/);
    expect(errors({ nodeMonitorPeriod: '0.0001' }).nodeMonitorPeriod).toMatch(/--node-monitor-period 0.0001 s is too small: it must be at least 1 s/);
  });
});
