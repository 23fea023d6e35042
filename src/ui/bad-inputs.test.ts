/**
 * The corpus's page inputs (src/corpus/bad-inputs.ts) through the page's own
 * readers: the address, the settings form, "Add taint…", and the API
 * server's name and label validation the page shares with the engine.
 */
import { describe, expect, it } from 'vitest';
import { BAD_ADDRESSES, BAD_FILES, BAD_LABEL_KEYS, BAD_LABEL_VALUES, BAD_NODE_NAMES, BAD_SETTINGS, BAD_TAINT_INPUTS } from '../corpus/bad-inputs';
import { validateLabelValue, validateQualifiedName, validateSubdomain } from '../kube/names';
import { taintErrorText, validateTaint } from '../kube/taints';
import { bootCommandFromSearch } from './chrome/large-cluster';
import { formValues, validateSettings } from './settings-form';
import type { Settings } from '../protocol/messages';

/** Upstream's defaults, as the worker sends them to the form. */
const DEFAULTS: Settings = {
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

describe('the corpus of bad page inputs', () => {
  it('holds at least 150 bad inputs in all', () => {
    const total = BAD_FILES.length + BAD_ADDRESSES.length + BAD_SETTINGS.length + BAD_TAINT_INPUTS.length + BAD_LABEL_KEYS.length + BAD_LABEL_VALUES.length + BAD_NODE_NAMES.length;
    expect(total).toBeGreaterThanOrEqual(150);
  });

  it.each(BAD_ADDRESSES)('address %s is refused with a message and the default cluster boots', (search, message) => {
    const { command, problems } = bootCommandFromSearch(search, 1);
    expect(command).toEqual({ type: 'boot', seed: 1 });
    expect(problems[0]).toContain(message);
  });

  it.each(BAD_SETTINGS)('setting %s = %j is refused', (field, text, message) => {
    const result = validateSettings({ ...formValues(DEFAULTS), [field]: text });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toContain(message);
  });

  it.each(BAD_TAINT_INPUTS)('taint key %j value %j is refused as the API server refuses it', (key, value, message) => {
    const problems = validateTaint({ key, ...(value ? { value } : {}), effect: 'NoSchedule' });
    expect(problems.map(taintErrorText).join('\n')).toContain(message);
  });

  it.each(BAD_LABEL_KEYS)('label key %j', (key, message) => expect(validateQualifiedName(key).join('\n')).toContain(message));
  it.each(BAD_LABEL_VALUES)('label value %j', (value, message) => expect(validateLabelValue(value).join('\n')).toContain(message));
  it.each(BAD_NODE_NAMES)('node name %j', (name, message) => expect(validateSubdomain(name).join('\n')).toContain(message));
});
