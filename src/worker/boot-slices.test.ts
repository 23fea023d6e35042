import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim';
import type { ProgressFrame, SimFrame } from '../protocol/messages';
import { bootCommandFromSearch } from '../ui/chrome/large-cluster';
import { applyInSlices, BOOT_SLICE_OBJECTS } from './boot-slices';
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
    const { yielded, result } = drain(applyInSlices(sim, big.objects!));
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
    const { yielded } = drain(applyInSlices(sliced, small.objects!));
    const whole = new Simulation({ seed: 3, nodes: small.nodes! });
    for (const object of small.objects!) whole.schedule(0, { do: 'apply', object });
    whole.runUntil(0);
    expect(yielded).toEqual([]);
    expect(sliced.snapshotJson()).toBe(whole.snapshotJson());
  });

  it('the same boot always gives the same world (the slices depend on the objects only)', () => {
    const a = new Simulation({ seed: 7, nodes: big.nodes! });
    const b = new Simulation({ seed: 7, nodes: big.nodes! });
    drain(applyInSlices(a, big.objects!));
    drain(applyInSlices(b, big.objects!));
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
