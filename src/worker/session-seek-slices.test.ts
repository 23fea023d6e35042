import { describe, expect, it } from 'vitest';
import type { ProgressFrame, SimFrame, SnapshotFrame } from '../protocol/messages';
import { SimSession } from './session';
import { sessionHarness } from './session-harness';

/**
 * A recorded line of history booted at 0 that reaches 10 min: its only
 * checkpoint is at 0, so seeking to its end replays all of it. The wall
 * clock moves 101 ms at every look, so a tick's 100 ms budget ends after
 * each slice and the seek goes on as a job, one slice a tick.
 */
function slowSession() {
  const frames: SimFrame[] = [];
  let wallMs = 0;
  const session = new SimSession({
    post: (frame) => frames.push(structuredClone(frame)),
    wallNowMs: () => (wallMs += 101),
    setTicking: () => {},
  });
  session.handle({ type: 'boot', seed: 1, latestMs: 600_000, viewMs: 0 });
  while (session.snapshotNow() === null) session.tick();
  frames.splice(0);
  return { session, take: () => frames.splice(0) };
}

const progress = (frames: SimFrame[]) => frames.filter((f): f is ProgressFrame => f.type === 'progress');
const snapshots = (frames: SimFrame[]) => frames.filter((f): f is SnapshotFrame => f.type === 'snapshot');
/** What a snapshot shows of the world (not the page's playing state). */
const world = (s: SnapshotFrame) => ({ nowMs: s.nowMs, objects: s.objects, events: s.events, machines: s.machines, zones: s.zones, evictions: s.evictions, traffic: s.traffic });

/** The default cluster run straight to `atMs`. */
function straight(atMs: number): SnapshotFrame {
  const { session } = sessionHarness();
  session.handle({ type: 'step', ms: atMs });
  return session.snapshotNow()!;
}

describe('SimSession sliced seek', () => {
  it('a long replay posts progress, then shows the world of the straight run', () => {
    const { session, take } = slowSession();
    session.handle({ type: 'seek', atMs: 600_000 });
    session.tick();
    const first = take();
    expect(snapshots(first)).toEqual([]);
    expect(progress(first)).toEqual([expect.objectContaining({ label: 'Seeking', unit: 'simulated seconds', total: 600 })]);
    expect(progress(first)[0]!.done).toBeLessThan(600);
    const all: SimFrame[] = [];
    for (let ticks = 0; ticks < 10_000 && !progress(all).some((p) => p.finished); ticks++) {
      session.tick();
      all.push(...take());
    }
    const steps = progress(all);
    expect(steps.at(-1)).toMatchObject({ finished: 'done' });
    const done = steps.filter((p) => !p.finished).map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(snapshots(all).map((s) => s.nowMs)).toEqual([600_000]);
    expect(world(session.snapshotNow()!)).toEqual(world(straight(600_000)));
  });

  it('Cancel returns to where the user was, exactly; seeking again still gives the straight run', () => {
    const { session, take } = slowSession();
    session.handle({ type: 'step', ms: 30_000 });
    const before = session.snapshotNow()!;
    take();
    session.handle({ type: 'seek', atMs: 600_000 });
    session.tick();
    const under = take();
    expect(snapshots(under)).toEqual([]);
    expect(progress(under)).toEqual([expect.objectContaining({ label: 'Seeking', total: 570 })]);
    session.handle({ type: 'cancel' });
    const cancelled = take();
    expect(progress(cancelled).at(-1)).toMatchObject({ finished: 'cancelled' });
    expect(snapshots(cancelled).map((s) => s.nowMs)).toEqual([30_000]);
    expect(world(session.snapshotNow()!)).toEqual(world(before));
    expect(world(session.snapshotNow()!)).toEqual(world(straight(30_000)));

    session.handle({ type: 'seek', atMs: 600_000 });
    for (let ticks = 0; ticks < 10_000 && session.snapshotNow()!.nowMs !== 600_000; ticks++) session.tick();
    expect(world(session.snapshotNow()!)).toEqual(world(straight(600_000)));
  });
});
