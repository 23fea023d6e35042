import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NodeConfig, SimAction } from '../sim/actions';
import { Simulation } from '../sim/simulation';
import { drainBoot, type BootProgress } from '../sim/boot';
import { defaultNodes, defaultObjects } from '../worker/default-cluster';
import { exportRun, ExportError, type RecordedInput, type RunSource } from './export';
import { formatFileDuration, writeCluster, writeSettings } from './file-form';
import { parseDuration } from './duration';
import { parseScenario } from './parse';
import { buildSimulation, runScenario } from './run';
import { Tracer, type TraceEntry } from './trace';
import { traceHash, traceUntil } from './trace-hash';

const S = 1000;
const DEFAULT: RunSource = { kind: 'cluster', name: 'default-cluster', seed: 1, nodes: defaultNodes(), objects: defaultObjects(), settings: {} };

/** mulberry32: the test's own deterministic stream of choices. */
function chooser(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

function randomAction(c: ReturnType<typeof chooser>, nodes: readonly string[], zones: readonly string[], added: number): SimAction {
  const node = c.pick(nodes);
  const zone = c.pick(zones);
  switch (c.int(12)) {
    case 0: return { do: 'kill-node', node };
    case 1: return { do: 'start-node', node };
    case 2: return { do: 'partition-zone', zone };
    case 3: return { do: 'heal-zone', zone };
    case 4: return { do: 'cordon', node };
    case 5: return { do: 'drain', node };
    case 6: return { do: 'taint', node, taint: { key: 'example.com/maintenance', value: 'yes', effect: c.pick(['NoSchedule', 'NoExecute']) } };
    case 7: return { do: 'set-condition', node, type: 'Ready', status: 'False', reason: 'SetByPlayground' };
    case 8: return { do: 'scale', kind: 'Deployment', name: 'web', namespace: 'default', replicas: c.int(10) };
    case 9: return { do: 'add-node', node: { name: `${zone}-extra-${added}`, zone, region: 'region-1' } };
    case 10: return { do: 'partition-node', node };
    default: return { do: 'heal-node', node };
  }
}

/**
 * A session as the worker's history runs it (history.ts, "When a user
 * action runs"): the user acts while the clock reads c, the input is
 * recorded at c + 1 and scheduled once every instant ≤ c has run.
 */
function playSession(sim: Simulation, seed: number, count: number, nodeNames: string[], zones: string[], boot?: Generator<BootProgress, unknown>) {
  const c = chooser(seed);
  const tracer = new Tracer(sim);
  if (boot) drainBoot(boot);
  sim.runUntil(0);
  const inputs: RecordedInput[] = [];
  let clock = 0;
  for (let i = 0; i < count; i++) {
    clock += c.int(4) === 0 ? c.int(100) : c.int(90 * S);
    sim.runUntil(clock);
    const action = randomAction(c, nodeNames, zones, i);
    if (action.do === 'add-node') nodeNames.push(action.node.name);
    inputs.push({ atMs: clock + 1, action });
    sim.schedule(clock + 1, action);
    sim.runUntil(clock + 1);
    clock += 1;
  }
  const untilMs = clock + c.int(400 * S);
  sim.runUntil(untilMs);
  return { inputs, untilMs, trace: [...tracer.entries()] };
}

function replayFile(text: string): TraceEntry[] {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path} (line ${e.line}): ${e.message}`).join('\n') + '\n' + text);
  const outcome = runScenario(parsed.scenario);
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
  return outcome.result.trace;
}

describe('export run', () => {
  it.each([1, 2, 3, 4, 5, 6])('replays a random session of the default cluster to the identical trace (seed %i)', (seed) => {
    const sim = new Simulation({ seed: 1, nodes: defaultNodes() });
    for (const object of defaultObjects()) sim.schedule(0, { do: 'apply', object });
    const zones = ['zone-a', 'zone-b', 'zone-c'];
    const run = playSession(sim, seed, 12, defaultNodes().map((n) => n.name), zones);
    const file = exportRun({ source: DEFAULT, inputs: run.inputs, untilMs: run.untilMs });
    const replayed = replayFile(file.text);
    expect(traceUntil(replayed, run.untilMs)).toEqual(traceUntil(run.trace, run.untilMs));
    expect(traceHash(replayed, run.untilMs)).toBe(traceHash(run.trace, run.untilMs));
    // The user's actions are in the trace at their times, so the run was not trivially empty.
    expect(run.trace.filter((e) => e.kind === 'action' && e.atMs > 0).map((e) => e.atMs)).toEqual(run.inputs.map((i) => i.atMs));
  });

  it('replays a session on a scenario file, keeping its own actions, expectations and comments', () => {
    const text = readFileSync(new URL('./examples/one-node-dies.yaml', import.meta.url), 'utf8');
    const parsed = parseScenario(text);
    if (!parsed.ok) throw new Error('example does not parse');
    const built = buildSimulation(parsed.scenario);
    const run = playSession(built.sim, 9, 6, ['zone-a-1', 'zone-a-2', 'zone-a-3'], ['zone-a'], built.boot);
    const file = exportRun({ source: { kind: 'file', fileName: 'one-node-dies.yaml', text }, inputs: run.inputs, untilMs: run.untilMs });
    expect(file.fileName).toBe('one-node-dies-run.yaml');
    const again = parseScenario(file.text);
    if (!again.ok) throw new Error(again.errors[0]!.message);
    expect(again.scenario.expectations.map((e) => e.check)).toEqual(parsed.scenario.expectations.map((e) => e.check));
    expect(again.scenario.actions.slice(0, parsed.scenario.actions.length).map((a) => a.action)).toEqual(parsed.scenario.actions.map((a) => a.action));
    expect(file.text).toContain('# Exported from Kube Playground');
    const replayed = replayFile(file.text);
    expect(traceUntil(replayed, run.untilMs)).toEqual(traceUntil(run.trace, run.untilMs));
  });

  it('keeps a file action first where a user input has the same time', () => {
    const text = 'name: same-time\ncluster: {zones: [{name: zone-a, nodes: 2}]}\nactions:\n  - {at: 10001ms, do: kill-node, node: zone-a-1}\n';
    const file = exportRun({ source: { kind: 'file', fileName: 'x.yaml', text }, inputs: [{ atMs: 10_001, action: { do: 'start-node', node: 'zone-a-1' } }], untilMs: 20 * S });
    const parsed = parseScenario(file.text);
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    expect(parsed.scenario.actions.map((a) => [a.atMs, a.action.do])).toEqual([
      [10_001, 'kill-node'],
      [10_001, 'start-node'],
    ]);
  });

  it('writes settings, kubelet overrides and explicit nodes so that they parse back to the same values', () => {
    const nodes: NodeConfig[] = [
      { name: 'zone-b-1', zone: 'zone-b', region: 'r2' },
      { name: 'zone-a-1', zone: 'zone-a', region: 'r1' },
      { name: 'gpu', zone: 'zone-a', region: 'r1', labels: { gpu: 'true' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }], kubelet: { nodeStatusUpdateFrequencyMs: 4_000 } },
      { name: 'loose', capacity: { cpu: '2', memory: '4Gi' }, unschedulable: true },
    ];
    const settings = { nodeMonitorGracePeriodMs: 20_000, nodeEvictionRate: 0.5, kubelet: { nodeStatusUpdateFrequencyMs: 2_500, leaseJitter: 0.04 } };
    const file = exportRun({ source: { kind: 'cluster', name: 'mixed', seed: 42, nodes, objects: [], settings }, inputs: [], untilMs: 1_500 });
    const parsed = parseScenario(file.text);
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message + '\n' + file.text);
    expect(parsed.scenario.seed).toBe(42);
    expect(parsed.scenario.nodes).toEqual(nodes.map((n) => (n.kubelet ? { ...n, kubelet: { ...n.kubelet, nodeStatusReportFrequencyMs: 300_000 } } : n)));
    // The engine keeps upstream's 5 min report frequency when only the update frequency is set; the file says so.
    expect(parsed.scenario.settings).toEqual({ ...settings, kubelet: { ...settings.kubelet, nodeStatusReportFrequencyMs: 300_000 } });
    expect(parsed.scenario.durationMs).toBe(1_500);
  });

  it('writes the default cluster as three zone entries, in registration order', () => {
    expect(writeCluster(defaultNodes(), 300_000)).toEqual({
      zones: ['zone-a', 'zone-b', 'zone-c'].map((name) => ({ name, region: 'region-1', nodes: 3 })),
    });
    expect(writeSettings({})).toBeUndefined();
  });

  it('refuses what a file cannot say, naming it', () => {
    const bad = (nodes: NodeConfig[]) => () => exportRun({ source: { kind: 'cluster', name: 'x', seed: 1, nodes, objects: [], settings: {} }, inputs: [], untilMs: 0 });
    expect(bad([{ name: 'n', region: 'r' }])).toThrow(new ExportError('node n has a region (r) but no zone, which a scenario file cannot say'));
    expect(bad([{ name: 'a', zone: 'z', region: 'r1' }, { name: 'b', zone: 'z', region: 'r2' }])).toThrow(/node b is in region r2 but its zone z is in r1/);
    const message: SimAction = { do: 'set-condition', node: 'zone-a-1', type: 'Ready', status: 'False', message: 'hi' };
    expect(() => exportRun({ source: DEFAULT, inputs: [{ atMs: 5, action: message }], untilMs: 10 })).toThrow(/has a message/);
  });

  it('writes times as exact Go-style durations', () => {
    for (const ms of [0, 1, 999, 1_000, 62_001, 3_600_000, 3_723_004, 86_400_123]) {
      expect(parseDuration(formatFileDuration(ms))).toEqual({ ok: true, value: ms });
    }
    expect(formatFileDuration(62_001)).toBe('1m2s1ms');
  });
});
