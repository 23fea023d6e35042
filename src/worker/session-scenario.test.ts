import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckedExpectation, DiffFrame, ExpectationOutcome, SimFrame, SnapshotFrame } from '../protocol/messages';
import { parseScenario } from '../scenario/parse';
import { runScenario } from '../scenario/run';
import { failureReason } from '../scenario/timeline';
import { sessionHarness } from './session-harness';

const harness = () => sessionHarness();

const conformance = (name: string) => readFileSync(new URL(`../scenario/conformance/${name}`, import.meta.url), 'utf8');

/** What the command-line runner says of each expectation, in checking order. */
function cliOutcomes(text: string): ExpectationOutcome[] {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const outcome = runScenario(parsed.scenario);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result.expectations.map((e) => (e.passed ? { passed: true } : { passed: false, reason: failureReason(e) }));
}

/** The outcomes the page would show: the snapshot's, updated by each diff's. */
function pageOutcomes(frames: SimFrame[]): (ExpectationOutcome | undefined)[] {
  let outcomes: (ExpectationOutcome | undefined)[] = [];
  for (const frame of frames) {
    if (frame.type === 'snapshot') outcomes = (frame.scenario?.expectations ?? []).map((e) => e.outcome);
    if (frame.type === 'diff') for (const { index, ...outcome } of frame.expectations ?? []) outcomes[index] = outcome;
  }
  return outcomes;
}

const checked = (frames: SimFrame[]): CheckedExpectation[] => frames.flatMap((f) => (f.type === 'diff' ? (f.expectations ?? []) : []));

// Two expectations fail on purpose: Ready is still True at 54.9 s, and only one pod is on z-1.
const LAB = `name: lab
seed: 1
cluster:
  zones: [{name: z, nodes: 2}]
objects:
  - {apiVersion: v1, kind: Pod, metadata: {name: p1}, spec: {nodeName: z-1, containers: [{name: app, image: nginx}]}}
actions:
  - {at: 5s, do: kill-node, node: z-1}
expect:
  - {at: 0s, node: z-1, condition: {type: Ready, status: "True"}}
  - {at: 55s, node: z-1, condition: {type: Ready, status: Unknown}}
  - {at: 54.9s, node: z-1, condition: {type: Ready, status: Unknown}}
  - {at: 60s, pods: {node: z-1}, count: 2}
`;

describe('SimSession: a scenario\'s expectations tick as time passes', () => {
  it('checks each expectation at its time, with the command line\'s verdict and reason', () => {
    const { session, take } = harness();
    take();
    session.handle({ type: 'boot-scenario', fileName: 'lab.yaml', text: LAB });
    const snapshot = take()[0] as SnapshotFrame;
    expect(snapshot.scenario?.expectations).toEqual([
      { atMs: 0, text: 'node z-1 condition Ready is True', where: 'expect[0], line 10', outcome: { passed: true } },
      { atMs: 54_900, text: 'node z-1 condition Ready is Unknown', where: 'expect[2], line 12' },
      { atMs: 55_000, text: 'node z-1 condition Ready is Unknown', where: 'expect[1], line 11' },
      { atMs: 60_000, text: '2 pods on z-1', where: 'expect[3], line 13' },
    ]);

    session.handle({ type: 'step', ms: 54_899 });
    expect(checked(take())).toEqual([]);
    session.handle({ type: 'step', ms: 1 });
    expect(checked(take())).toEqual([{ index: 1, passed: false, reason: 'expected Unknown, found True (expect[2], line 12)' }]);
    session.handle({ type: 'step', ms: 10_000 });
    expect(checked(take())).toEqual([
      { index: 2, passed: true },
      { index: 3, passed: false, reason: 'expected 2, found 1 (default/p1) (expect[3], line 13)' },
    ]);
    expect(pageOutcomes([snapshot])).toHaveLength(4);
  });

  it('checks an expectation in the frame of its own instant, also when Next event stops there', () => {
    const { session, take } = harness();
    take();
    session.handle({ type: 'boot-scenario', fileName: 'lab.yaml', text: LAB });
    take();
    const frames: DiffFrame[] = [];
    while (!frames.some((f) => f.nowMs >= 55_000)) {
      session.handle({ type: 'run-to-next-event' });
      frames.push(...take().filter((f): f is DiffFrame => f.type === 'diff'));
    }
    const at55 = frames.find((f) => f.nowMs === 55_000);
    expect(at55?.events.some((e) => e.reason === 'NodeNotReady')).toBe(true);
    expect(at55?.expectations).toContainEqual({ index: 2, passed: true });
  });

  it('shows a scheduled kill on the machine at once, before any object changes', () => {
    const { session, take } = harness();
    take();
    session.handle({ type: 'boot-scenario', fileName: 'lab.yaml', text: LAB });
    take();
    session.handle({ type: 'step', ms: 5_000 });
    const [killed] = take().filter((f): f is DiffFrame => f.type === 'diff');
    expect(killed?.machines?.find((m) => m.name === 'z-1')?.power).toBe('off');
  });

  it('agrees with npm run scenario however time is advanced: steps, next event, play', () => {
    const text = conformance('workload-drain-blocked-by-pdb.yaml');
    const expected = cliOutcomes(text);
    expect(expected.length).toBeGreaterThan(40);

    const { session, clock, take } = harness();
    take();
    session.handle({ type: 'boot-scenario', fileName: 'drain.yaml', text });
    const frames = take();
    // Odd steps that fall between the expectations' times (29.9 s, 34.9 s, …), then next-event and play.
    for (const ms of [7_000, 13_000, 9_950, 50, 4_900]) {
      session.handle({ type: 'step', ms });
      frames.push(...take());
    }
    for (let i = 0; i < 20; i++) session.handle({ type: 'run-to-next-event' });
    frames.push(...take());
    session.handle({ type: 'speed', factor: 600 });
    session.handle({ type: 'play' });
    for (let i = 0; i < 10; i++) {
      clock.wallMs += 37;
      session.tick();
    }
    frames.push(...take());
    session.handle({ type: 'step', ms: 200_000 });
    frames.push(...take());
    expect(pageOutcomes(frames)).toEqual(expected);
  });

  it('Reset boots the same scenario again from t = 0, outcomes pending; a boot returns to the default cluster', () => {
    const { session, take } = harness();
    take();
    session.handle({ type: 'boot-scenario', fileName: 'lab.yaml', text: LAB });
    const first = take()[0] as SnapshotFrame;
    session.handle({ type: 'step', ms: 61_000 });
    expect(checked(take())).toHaveLength(3);

    session.handle({ type: 'reset' });
    const [again, ...rest] = take();
    expect(rest.map((f) => f.type)).toEqual(['timeline', 'recording']);
    expect(rest[1]).toEqual({ type: 'recording', boot: { type: 'boot-scenario', fileName: 'lab.yaml', text: LAB }, inputs: [], addedExpectations: [] });
    expect(again).toEqual(first);

    session.handle({ type: 'boot', seed: 1 });
    const back = take()[0] as SnapshotFrame;
    expect(back.scenario).toBeUndefined();
    expect(back.objects.Node).toHaveLength(9);
  });

  it('Reset restarts the default cluster, its settings and seed, and keeps playing', () => {
    const { session, clock, take } = harness();
    session.handle({ type: 'boot', seed: 4, settings: { nodeMonitorGracePeriodMs: 20_000 } });
    const first = take().findLast((f) => f.type === 'snapshot') as SnapshotFrame;
    session.handle({ type: 'speed', factor: 10 });
    session.handle({ type: 'play' });
    clock.wallMs += 50;
    session.tick();
    session.handle({ type: 'act', action: { do: 'kill-node', node: 'zone-a-1' } });
    take();

    session.handle({ type: 'reset' });
    const [again, ...rest] = take();
    // The recorded kill is gone: Reset starts over from t = 0.
    expect(rest.map((f) => f.type)).toEqual(['timeline', 'recording']);
    expect(rest[1]).toEqual(
      { type: 'recording', boot: { type: 'boot', seed: 4, defaultCluster: 'default-cluster@2', settings: { nodeMonitorGracePeriodMs: 20_000 } }, inputs: [], addedExpectations: [] },
    );
    expect(again).toEqual({ ...first, playing: true, speed: 10 });
    expect(clock.ticking).toBe(true);
    clock.wallMs += 50;
    session.tick();
    expect((take().filter((f) => f.type === 'diff').at(-1) as DiffFrame).nowMs).toBe(500);
  });
});
