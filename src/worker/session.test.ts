import { describe, expect, it } from 'vitest';
import type { DiffFrame, SimFrame, SnapshotFrame, TimelineFrame } from '../protocol/messages';
import type { Pod } from '../sim';
import { MAX_WALL_MS_PER_TICK } from './session';
import { sessionHarness } from './session-harness';

const harness = () => sessionHarness();

const diffs = (frames: SimFrame[]) => frames.filter((f): f is DiffFrame => f.type === 'diff');

/** The pods as the UI would hold them, from a snapshot and the diffs after it. */
class PodTracker {
  private readonly pods = new Map<string, Pod>();

  constructor(frames: SimFrame[]) {
    this.follow(frames);
  }

  follow(frames: SimFrame[]): SimFrame[] {
    for (const frame of frames) {
      if (frame.type === 'snapshot') for (const pod of (frame.objects.Pod ?? []) as Pod[]) this.pods.set(`${pod.metadata.namespace}/${pod.metadata.name}`, pod);
      if (frame.type !== 'diff') continue;
      for (const change of frame.changes) {
        if (change.kind !== 'Pod') continue;
        if (change.object) this.pods.set(change.key, change.object as Pod);
        else this.pods.delete(change.key);
      }
    }
    return frames;
  }

  on(node: string): { key: string; owner: string | undefined }[] {
    return [...this.pods]
      .filter(([, pod]) => pod.spec.nodeName === node)
      .map(([key, pod]) => ({ key, owner: pod.metadata.ownerReferences?.[0]?.kind }));
  }
}

describe('SimSession', () => {
  it('boots the default cluster into one snapshot at t = 0', () => {
    const { take } = harness();
    const frames = take();
    // The snapshot, its timeline, then what share links and the saved session keep: the default cluster by its versioned name.
    expect(frames.map((f) => f.type)).toEqual(['snapshot', 'timeline', 'recording']);
    expect(frames[1]).toMatchObject({ latestMs: 0, viewMs: 0, live: true, reset: true, markers: [], rewritten: null });
    expect(frames[2]).toEqual({ type: 'recording', boot: { type: 'boot', seed: 1, defaultCluster: 'default-cluster@2' }, inputs: [], addedExpectations: [] });
    const snapshot = frames[0] as SnapshotFrame;
    expect(snapshot.nowMs).toBe(0);
    expect(snapshot.playing).toBe(false);
    expect(snapshot.objects.Node).toHaveLength(9);
    expect(snapshot.objects.Pod?.length).toBeGreaterThan(0);
    // The workloads too, so the page lists (and scales) them from boot.
    expect(snapshot.objects.Deployment?.map((d) => d.metadata.name).sort()).toEqual(['api', 'coredns', 'web']);
    expect(snapshot.objects.StatefulSet?.map((d) => d.metadata.name)).toEqual(['db']);
    expect(snapshot.objects.DaemonSet?.map((d) => d.metadata.name).sort()).toEqual(['kube-proxy', 'log-agent']);
    // The Services too, for their ClusterIPs and DNS names.
    expect(snapshot.objects.Service?.map((d) => d.metadata.name).sort()).toEqual(['db', 'kube-dns', 'kubernetes', 'web']);
    expect(snapshot.zones.map((z) => z.zone)).toEqual(['zone-a', 'zone-b', 'zone-c']);
    expect(snapshot.machines.every((m) => m.power === 'on' && m.reachable)).toBe(true);
  });

  it('posts nothing while paused and idle', () => {
    const { session, clock, take } = harness();
    take();
    clock.wallMs = 1_000;
    session.tick();
    session.handle({ type: 'speed', factor: 1 });
    expect(take()).toEqual([]);
  });

  it('steps exactly and squashes the step into one diff', () => {
    const { session, take } = harness();
    take();
    session.handle({ type: 'step', ms: 60_000 });
    const frames = take();
    expect(frames.map((f) => f.type)).toEqual(['diff', 'timeline']);
    // The charts' grid: one sample every 5 s, appended as the run covers them.
    const timeline = frames[1] as TimelineFrame;
    expect(timeline).toMatchObject({ latestMs: 60_000, viewMs: 60_000, live: true, reset: false });
    expect(timeline.samples.map((s) => s.atMs)).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 5_000));
    const diff = frames[0] as DiffFrame;
    expect(diff.nowMs).toBe(60_000);
    expect(diff.changes.length).toBeGreaterThan(0);
    // Squashed: each object appears once however often it was written.
    const keys = diff.changes.map((c) => `${c.kind}/${c.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('runs to the next Kubernetes event and stops there', () => {
    const { session, take } = harness();
    session.handle({ type: 'act', action: { do: 'kill-node', node: 'zone-a-1' } });
    take();
    session.handle({ type: 'run-to-next-event' });
    session.handle({ type: 'run-to-next-event' });
    const frames = diffs(take());
    expect(frames.map((f) => f.events.length > 0)).toEqual([true, true]);
    expect(frames[0]!.nowMs).toBeLessThan(frames[1]!.nowMs);
  });

  it('turns wall time × speed into simulated time while playing, capped per tick', () => {
    const { session, clock, take } = harness();
    session.handle({ type: 'speed', factor: 60 });
    session.handle({ type: 'play' });
    expect(clock.ticking).toBe(true);
    take();
    clock.wallMs += 16;
    session.tick();
    expect(diffs(take()).at(-1)?.nowMs).toBe(960);
    // A 10 s stall (background tab) counts as MAX_WALL_MS_PER_TICK.
    clock.wallMs += 10_000;
    session.tick();
    expect(diffs(take()).at(-1)?.nowMs).toBe(960 + MAX_WALL_MS_PER_TICK * 60);
    session.handle({ type: 'pause' });
    expect(clock.ticking).toBe(false);
    expect(diffs(take()).at(-1)?.playing).toBe(false);
  });

  it('lets the simulation lag rather than run past the engine budget', () => {
    const { session, clock, take } = harness();
    session.handle({ type: 'speed', factor: 600 });
    session.handle({ type: 'play' });
    take();
    // Every read of the wall clock costs 3 ms: the engine budget runs out after a few instants.
    let wall = clock.wallMs + MAX_WALL_MS_PER_TICK;
    Object.defineProperty(clock, 'wallMs', { get: () => (wall += 3) });
    session.tick();
    const nowMs = diffs(take()).at(-1)?.nowMs ?? 0;
    expect(nowMs).toBeGreaterThan(0);
    expect(nowMs).toBeLessThan(MAX_WALL_MS_PER_TICK * 600);
  });

  it('reports action results and failures without throwing', () => {
    const { session, take } = harness();
    take();
    session.handle({ type: 'act', action: { do: 'cordon', node: 'zone-b-2' } });
    session.handle({ type: 'act', action: { do: 'kill-node', node: 'nope' } });
    const results = take().filter((f) => f.type === 'action-result');
    expect(results).toEqual([
      { type: 'action-result', seq: expect.any(Number), description: 'kubectl cordon zone-b-2', kubectl: 'kubectl cordon zone-b-2' },
      { type: 'action-result', seq: expect.any(Number), description: 'node nope loses power', error: 'nodes "nope" not found' },
    ]);
  });

  it('posts an error frame for a bad command', () => {
    const { session, take } = harness();
    take();
    session.handle({ type: 'step', ms: Number.NaN });
    expect(take()).toEqual([{ type: 'error', message: 'step must be a duration ≥ 0 ms, got NaN' }]);
  });

  it('sends machine, zone and eviction changes only when they change', () => {
    const { session, take } = harness();
    const pods = new PodTracker(take());
    session.handle({ type: 'act', action: { do: 'kill-node', node: 'zone-a-1' } });
    const [kill] = diffs(pods.follow(take()));
    expect(kill?.machines?.find((m) => m.name === 'zone-a-1')?.power).toBe('off');
    session.handle({ type: 'step', ms: 1_000 });
    const [quiet] = diffs(pods.follow(take()));
    expect(quiet?.machines).toBeUndefined();
    session.handle({ type: 'step', ms: 119_000 });
    const [tainted] = diffs(pods.follow(take()));
    // Every pod bound to the dead node except the DaemonSet's, which tolerates unreachable forever.
    const onNode = pods.on('zone-a-1');
    expect(onNode.some((p) => p.owner === 'DaemonSet')).toBe(true);
    const expected = onNode.filter((p) => p.owner !== 'DaemonSet').map((p) => p.key);
    expect(expected.length).toBeGreaterThan(0);
    expect(tainted?.evictions?.map((e) => e.pod).sort()).toEqual(expected.sort());
  });
});
