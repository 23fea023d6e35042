import { describe, expect, it } from 'vitest';
import type { SimFrame, SnapshotFrame, TimelineFrame } from '../protocol/messages';
import type { Node, Pod } from '../sim';
import type { SimSession } from './session';
import { sessionHarness } from './session-harness';
import { objectKey } from './sent-objects';

const harness = () => sessionHarness();

const of = <T extends SimFrame['type']>(frames: SimFrame[], type: T) => frames.filter((f): f is Extract<SimFrame, { type: T }> => f.type === type);
const ready = (snapshot: SnapshotFrame, name: string) =>
  (snapshot.objects.Node as Node[]).find((n) => n.metadata.name === name)?.status.conditions?.find((c) => c.type === 'Ready')?.status;
const podsOn = (snapshot: SnapshotFrame, name: string) =>
  (snapshot.objects.Pod as Pod[])
    .filter((p) => p.spec.nodeName === name && !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();

/** Seeks, then lets the next tick answer; returns what was posted. */
function seek(session: SimSession, take: () => SimFrame[], atMs: number): SimFrame[] {
  session.handle({ type: 'seek', atMs });
  session.tick();
  return take();
}

describe('SimSession time machine', () => {
  it('seeks back before a kill: the node is Ready again and its pods are where they were', () => {
    const { session, take } = harness();
    session.handle({ type: 'step', ms: 60_000 });
    take();
    const before = session.snapshotNow()!;
    session.handle({ type: 'act', action: { do: 'kill-node', node: 'zone-a-1' } });
    session.handle({ type: 'step', ms: 10 * 60_000 });
    const timeline = of(take(), 'timeline');
    expect(timeline.flatMap((t) => t.markers).map((m) => m.kind)).toEqual(expect.arrayContaining(['action', 'NodeNotReady', 'TaintAdded']));
    expect(ready(session.snapshotNow()!, 'zone-a-1')).toBe('Unknown');

    const frames = seek(session, take, 60_000);
    expect(frames.map((f) => f.type)).toEqual(['snapshot', 'timeline']);
    const shown = frames[0] as SnapshotFrame;
    expect(shown.nowMs).toBe(60_000);
    expect(ready(shown, 'zone-a-1')).toBe('True');
    expect(podsOn(shown, 'zone-a-1')).toEqual(podsOn(before, 'zone-a-1'));
    expect(shown.machines.find((m) => m.name === 'zone-a-1')?.power).toBe('on');
    expect(frames[1]).toMatchObject({ viewMs: 60_000, latestMs: 660_001, live: false, rewritten: null });
  });

  it('acting in the past forks, and undo brings the discarded future back', () => {
    const { session, take } = harness();
    session.handle({ type: 'step', ms: 60_000 });
    session.handle({ type: 'act', action: { do: 'kill-node', node: 'zone-a-1' } });
    session.handle({ type: 'step', ms: 10 * 60_000 });
    const future = session.snapshotNow()!;
    seek(session, take, 30_000);

    session.handle({ type: 'act', action: { do: 'cordon', node: 'zone-b-1' } });
    const forked = take();
    const reset = of(forked, 'timeline').find((t) => t.reset)!;
    expect(reset).toMatchObject({ latestMs: 30_001, viewMs: 30_001, live: true, rewritten: { atMs: 30_000, undoable: true } });
    // The kill after the fork instant is gone from the markers and from the world.
    expect(reset.markers.filter((m) => m.kind === 'action').map((m) => m.label)).toEqual(['kubectl cordon zone-b-1']);
    expect(reset.samples.every((s) => s.atMs <= 30_001)).toBe(true);
    expect(of(forked, 'action-result')[0]).toMatchObject({ description: 'kubectl cordon zone-b-1' });
    session.handle({ type: 'step', ms: 10 * 60_000 });
    take();
    expect(ready(session.snapshotNow()!, 'zone-a-1')).toBe('True');

    session.handle({ type: 'undo-fork' });
    const posted = take();
    // The export's input log is the restored one.
    expect(of(posted, 'recording')[0]?.inputs.map((i) => i.atMs)).toEqual([60_001]);
    const undone = posted.filter((f) => f.type !== 'recording');
    expect(undone.map((f) => f.type)).toEqual(['snapshot', 'timeline']);
    expect((undone[0] as SnapshotFrame).nowMs).toBe(30_000);
    const restored = undone[1] as TimelineFrame;
    expect(restored).toMatchObject({ latestMs: 660_001, reset: true, rewritten: null });
    expect(restored.markers.filter((m) => m.kind === 'action').map((m) => m.label)).toEqual(['node zone-a-1 loses power']);
    session.handle({ type: 'go-live' });
    session.tick();
    const live = of(take(), 'snapshot')[0]!;
    expect(live.nowMs).toBe(660_001);
    expect(session.snapshotNow()!.objects).toEqual(future.objects);
    // The frame sends what the page lacks and names (kept) what it holds as it is: together, every object.
    const keysOf = (frame: SnapshotFrame) =>
      Object.fromEntries(
        Object.keys(future.objects).map((kind) => [kind, [...(frame.objects[kind] ?? []).map(objectKey), ...(frame.kept?.[kind] ?? [])].sort()]),
      );
    expect(keysOf(live)).toEqual(keysOf(future));
  });

  it('answers only the newest of seeks that arrive faster than they are answered', () => {
    const { session, clock, take } = harness();
    session.handle({ type: 'step', ms: 5 * 60_000 });
    take();
    for (const atMs of [10_000, 200_000, 120_000]) session.handle({ type: 'seek', atMs });
    expect(take()).toEqual([]);
    expect(clock.ticking).toBe(true);
    session.tick();
    const frames = take();
    expect(of(frames, 'snapshot').map((f) => f.nowMs)).toEqual([120_000]);
    expect(of(frames, 'timeline').map((f) => f.viewMs)).toEqual([120_000]);
    expect(clock.ticking).toBe(false);
  });

  it('plays the recorded future from the past and is live again at the latest time', () => {
    const { session, take } = harness();
    session.handle({ type: 'step', ms: 60_000 });
    session.handle({ type: 'act', action: { do: 'kill-node', node: 'zone-a-1' } });
    session.handle({ type: 'step', ms: 2 * 60_000 });
    const end = session.snapshotNow()!;
    seek(session, take, 10_000);
    session.handle({ type: 'step', ms: 170_001 });
    const timeline = of(take(), 'timeline').at(-1)!;
    expect(timeline).toMatchObject({ live: true, latestMs: 180_001, viewMs: 180_001 });
    expect(session.snapshotNow()!.objects).toEqual(end.objects);
  });
});
