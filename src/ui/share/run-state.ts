/**
 * The state a share link and a saved session carry: what was booted, the
 * recorded inputs, the instant viewed, the selection and the speed. Read
 * back from untrusted data (a pasted link, an old database), so every field
 * is checked and the first problem is named in a few words.
 */
import type { BootedRun, RecordedInput } from '../../protocol/messages';
import type { Selection } from '../page-state';

export interface RunState {
  boot: BootedRun;
  inputs: RecordedInput[];
  /** The instant shown. */
  viewMs: number;
  /** How far the recorded run went (≥ viewMs; the timeline's end). */
  latestMs: number;
  selection: Selection | null;
  /** Simulated ms per wall ms. */
  speed: number;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

const SETTING_KEYS = new Set([
  'nodeMonitorPeriodMs',
  'nodeMonitorGracePeriodMs',
  'nodeStartupGracePeriodMs',
  'nodeEvictionRate',
  'secondaryNodeEvictionRate',
  'largeClusterSizeThreshold',
  'unhealthyZoneThreshold',
  'defaultNotReadyTolerationSeconds',
  'defaultUnreachableTolerationSeconds',
  'terminatedPodGCThreshold',
]);
const KUBELET_KEYS = new Set([
  'nodeStatusUpdateFrequencyMs',
  'nodeStatusReportFrequencyMs',
  'nodeLeaseDurationSeconds',
  'leaseJitter',
  'shutdownGracePeriodMs',
  'shutdownGracePeriodCriticalPodsMs',
  'maxPods',
  'podStartupLatencyMs',
]);

class Problem extends Error {}

const fail = (problem: string): never => {
  throw new Problem(problem);
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function record(value: unknown, what: string): Record<string, unknown> {
  return isRecord(value) ? value : fail(`${what} is not an object`);
}

function settingsOf(value: unknown): void {
  const settings = record(value, 'settings');
  for (const [key, v] of Object.entries(settings)) {
    if (key === 'kubelet') {
      for (const [k, kv] of Object.entries(record(v, 'settings.kubelet'))) {
        if (!KUBELET_KEYS.has(k) || typeof kv !== 'number' || !Number.isFinite(kv) || kv < 0) fail(`settings.kubelet.${k} is not a setting`);
      }
    } else if (!SETTING_KEYS.has(key) || typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`settings.${key} is not a setting`);
  }
}

function bootOf(value: unknown): BootedRun {
  const boot = record(value, 'the cluster');
  if (boot.type === 'boot-scenario') {
    if (typeof boot.fileName !== 'string' || typeof boot.text !== 'string') fail('the scenario file is missing');
    return { type: 'boot-scenario', fileName: boot.fileName as string, text: boot.text as string };
  }
  if (boot.type !== 'boot') fail('the cluster is missing');
  if (!isTime(boot.seed) || boot.seed > 0xffff_ffff) fail('the seed is not a whole number');
  const out: BootedRun = { type: 'boot', seed: boot.seed as number };
  if (boot.settings !== undefined) {
    settingsOf(boot.settings);
    out.settings = boot.settings as NonNullable<typeof out.settings>;
  }
  if (boot.nodes !== undefined) {
    if (!Array.isArray(boot.nodes) || !boot.nodes.every((n) => isRecord(n) && typeof n.name === 'string')) fail('the nodes are not a list of nodes');
    out.nodes = boot.nodes as NonNullable<typeof out.nodes>;
    if (boot.objects !== undefined) {
      if (!Array.isArray(boot.objects) || !boot.objects.every(isRecord)) fail('the objects are not a list of manifests');
      out.objects = boot.objects as NonNullable<typeof out.objects>;
    }
  } else {
    if (typeof boot.defaultCluster !== 'string' || !/^default-cluster@\d+$/.test(boot.defaultCluster)) fail('the default cluster is not named');
    out.defaultCluster = boot.defaultCluster as NonNullable<typeof out.defaultCluster>;
  }
  return out;
}

function inputsOf(value: unknown): RecordedInput[] {
  if (!Array.isArray(value)) return fail('the recorded actions are not a list');
  let previous = 0;
  return value.map((entry, i) => {
    const input = record(entry, `action ${i + 1}`);
    if (!isTime(input.atMs) || input.atMs < previous) fail(`action ${i + 1} has no valid time`);
    previous = input.atMs as number;
    const action = record(input.action, `action ${i + 1}`);
    if (typeof action.do !== 'string') fail(`action ${i + 1} says nothing to do`);
    return { atMs: input.atMs as number, action: action as unknown as RecordedInput['action'] };
  });
}

function selectionOf(value: unknown): Selection | null {
  if (value === null || value === undefined) return null;
  const s = record(value, 'the selection');
  if ((s.kind !== 'Node' && s.kind !== 'Pod' && s.kind !== 'Zone') || typeof s.name !== 'string') fail('the selection is not a node, pod or zone');
  if (s.namespace !== undefined && typeof s.namespace !== 'string') fail('the selection has no valid namespace');
  return { kind: s.kind as Selection['kind'], name: s.name as string, ...(typeof s.namespace === 'string' ? { namespace: s.namespace } : {}) };
}

/** The run state in `value`, or the first thing wrong with it. */
export function readRunState(value: unknown): Read<RunState> {
  try {
    const state = record(value, 'the content');
    const boot = bootOf(state.boot);
    const inputs = inputsOf(state.inputs);
    if (!isTime(state.viewMs)) fail('the time viewed is not a time');
    const latestMs: unknown = state.latestMs ?? state.viewMs;
    if (!isTime(latestMs) || latestMs < (state.viewMs as number)) fail('the end of the run is not a time after the time viewed');
    if (typeof state.speed !== 'number' || !Number.isFinite(state.speed) || state.speed <= 0) fail('the speed is not a number');
    const viewMs = state.viewMs as number;
    return { ok: true, value: { boot, inputs, viewMs, latestMs: latestMs as number, selection: selectionOf(state.selection), speed: state.speed as number } };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error.message };
    throw error;
  }
}
