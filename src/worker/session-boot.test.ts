import { describe, expect, it } from 'vitest';
import { BOOT_SLICE_OBJECTS, bootInSlices, Simulation } from '../sim';
import type { ProgressFrame, RunExportFrame, SimFrame } from '../protocol/messages';
import { bootCommandFromSearch } from '../ui/chrome/large-cluster';
import { parseScenario } from '../scenario/parse';
import { runScenario } from '../scenario/run';
import { traceHash } from '../scenario/trace-hash';
import { SimSession } from './session';

const big = bootCommandFromSearch('?nodes=20&pods=1200', 7).command;

function drain<T, R>(generator: Generator<T, R>): { yielded: T[]; result: R } {
  const yielded: T[] = [];
  for (;;) {
    const step = generator.next();
    if (step.done) return { yielded, result: step.value };
    yielded.push(step.value);
  }
}

describe('applying a boot in slices', () => {
  it('yields after each slice but the last, and returns every apply record', () => {
    const sim = new Simulation({ seed: 7, nodes: big.nodes! });
    const { yielded, result } = drain(bootInSlices(sim, big.objects!));
    expect(BOOT_SLICE_OBJECTS).toBe(500);
    expect(yielded).toEqual([{ done: 500, total: 1200 }, { done: 1000, total: 1200 }]);
    expect(result).toHaveLength(1200);
    expect(result.every((r) => r.done && r.error === undefined)).toBe(true);
    expect(sim.nowMs).toBe(0);
    expect([...sim.api.list('Pod')]).toHaveLength(1200);
  });

  it('a boot of one slice is exactly the unsliced boot', () => {
    const small = bootCommandFromSearch('?nodes=5&pods=40', 3).command;
    const sliced = new Simulation({ seed: 3, nodes: small.nodes! });
    const { yielded } = drain(bootInSlices(sliced, small.objects!));
    const whole = new Simulation({ seed: 3, nodes: small.nodes! });
    for (const object of small.objects!) whole.schedule(0, { do: 'apply', object });
    whole.runUntil(0);
    expect(yielded).toEqual([]);
    expect(sliced.snapshotJson()).toBe(whole.snapshotJson());
  });

  it('the same boot always gives the same world (the slices depend on the objects only)', () => {
    const a = new Simulation({ seed: 7, nodes: big.nodes! });
    const b = new Simulation({ seed: 7, nodes: big.nodes! });
    drain(bootInSlices(a, big.objects!));
    drain(bootInSlices(b, big.objects!));
    a.runUntil(30_000);
    b.runUntil(30_000);
    expect(a.snapshotJson()).toBe(b.snapshotJson());
  });
});

function harness() {
  const frames: SimFrame[] = [];
  const clock = { wallMs: 0, ticking: false };
  const session = new SimSession({ post: (f) => frames.push(structuredClone(f)), wallNowMs: () => clock.wallMs, setTicking: (on) => (clock.ticking = on) });
  return { session, clock, take: () => frames.splice(0) };
}

const progress = (frames: SimFrame[]) => frames.filter((f): f is ProgressFrame => f.type === 'progress');

describe('a big boot in the session', () => {
  it('posts progress slice by slice, holds later commands until it is done, then runs them', () => {
    const { session, clock, take } = harness();
    session.handle(big);
    expect(progress(take())).toEqual([{ type: 'progress', label: 'Booting the cluster', unit: 'objects', done: 500, total: 1200 }]);
    expect(clock.ticking).toBe(true);
    session.handle({ type: 'step', ms: 10_000 });
    expect(take()).toEqual([]);
    // Each tick runs slices until its budget is spent (the fake wall clock stands still: one tick finishes).
    clock.wallMs += 1_000;
    session.tick();
    const frames = take();
    expect(progress(frames).at(-1)).toMatchObject({ finished: 'done' });
    expect(frames.find((f) => f.type === 'snapshot')).toMatchObject({ nowMs: 0 });
    expect(session.snapshotNow()!.nowMs).toBe(10_000);
    expect(session.snapshotNow()!.objects.Pod).toHaveLength(1200);
  });

  it('cancel keeps the world booted before it, and drops what waited', () => {
    const { session, take } = harness();
    session.handle({ type: 'boot', seed: 1 });
    session.handle({ type: 'step', ms: 20_000 });
    const before = session.snapshotNow()!;
    take();
    session.handle(big);
    session.handle({ type: 'step', ms: 10_000 });
    session.handle({ type: 'cancel' });
    expect(progress(take()).at(-1)).toMatchObject({ finished: 'cancelled' });
    session.tick();
    expect(session.snapshotNow()).toEqual(before);
  });

  it('cancelling the first boot boots the default cluster', () => {
    const { session, take } = harness();
    session.handle(big);
    session.handle({ type: 'cancel' });
    const frames = take();
    expect(progress(frames).at(-1)).toMatchObject({ finished: 'cancelled' });
    const snapshot = frames.find((f) => f.type === 'snapshot');
    expect(snapshot && snapshot.type === 'snapshot' && (snapshot.objects.Node ?? []).map((n) => n.metadata.name)).toContain('zone-a-1');
  });
});

/** A scenario file of `count` Namespaces, with a t = 0 action. */
function bigFile(count: number): string {
  const objects = Array.from({ length: count }, (_, i) => `  - apiVersion: v1\n    kind: Namespace\n    metadata: { name: ns-${i} }`);
  return `name: big\nseed: 5\ncluster:\n  zones: [{name: zone-a, nodes: 1}]\nobjects:\n${objects.join('\n')}\nactions:\n  - at: 0s\n    do: kill-node\n    node: zone-a-1\n`;
}

describe('a big boot replays to the trace hash the page showed', () => {
  it('a generated boot of 1200 pods: the exported file run by npm run scenario gives the export\'s (replayed) trace hash', () => {
    const { session, take } = harness();
    session.handle(big);
    session.tick();
    session.handle({ type: 'step', ms: 5_000 });
    session.handle({ type: 'act', action: { do: 'kill-node', node: big.nodes![0]!.name } });
    session.handle({ type: 'step', ms: 60_000 });
    session.handle({ type: 'export-run' });
    const frames = take();
    expect(frames.filter((f) => f.type === 'error')).toEqual([]);
    const exported = frames.find((f): f is RunExportFrame => f.type === 'run-export')!;
    const parsed = parseScenario(exported.text);
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    expect(parsed.scenario.objects).toHaveLength(1200);
    const outcome = runScenario(parsed.scenario);
    if (!outcome.ok) throw new Error(outcome.errors[0]!.message);
    expect(traceHash(outcome.result.trace, exported.untilMs)).toBe(exported.traceHash);
  });
});

describe('a big scenario file in the session', () => {
  it('at most 500 objects: one slice, the t = 0 action runs after the objects in the same instant, as before', () => {
    const parsed = parseScenario(bigFile(BOOT_SLICE_OBJECTS - 1));
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    const outcome = runScenario(parsed.scenario);
    if (!outcome.ok) throw new Error(outcome.errors[0]!.message);
    const actions = outcome.result.trace.filter((e) => e.kind === 'action' && e.atMs === 0).map((e) => e.action!.do);
    expect(actions).toEqual([...Array<string>(BOOT_SLICE_OBJECTS - 1).fill('apply'), 'kill-node']);
  });

  it('more than 500 objects: the t = 0 action runs in the last slice, after every object', () => {
    const parsed = parseScenario(bigFile(1200));
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    const outcome = runScenario(parsed.scenario);
    if (!outcome.ok) throw new Error(outcome.errors[0]!.message);
    const actions = outcome.result.trace.filter((e) => e.kind === 'action' && e.atMs === 0).map((e) => e.action!.do);
    expect(actions).toEqual([...Array<string>(1200).fill('apply'), 'kill-node']);
  });

  it('posts progress while it loads, then shows the file; cancel mid-load keeps the world before it', () => {
    const { session, clock, take } = harness();
    session.handle({ type: 'boot', seed: 1 });
    session.handle({ type: 'step', ms: 20_000 });
    const before = session.snapshotNow()!;
    take();
    session.handle({ type: 'boot-scenario', fileName: 'big.yaml', text: bigFile(1200) });
    expect(progress(take())).toEqual([{ type: 'progress', label: 'Loading big.yaml', unit: 'objects', done: 500, total: 1200 }]);
    expect(clock.ticking).toBe(true);
    session.handle({ type: 'cancel' });
    expect(progress(take()).at(-1)).toMatchObject({ finished: 'cancelled' });
    session.tick();
    expect(session.snapshotNow()).toEqual(before);

    session.handle({ type: 'boot-scenario', fileName: 'big.yaml', text: bigFile(1200) });
    clock.wallMs += 1_000;
    session.tick();
    const frames = take();
    expect(progress(frames).at(-1)).toMatchObject({ finished: 'done' });
    expect(frames.filter((f) => f.type === 'scenario-rejected' || f.type === 'error')).toEqual([]);
    expect((session.snapshotNow()!.objects.Namespace ?? []).filter((n) => n.metadata.name.startsWith('ns-'))).toHaveLength(1200);
  });
});
