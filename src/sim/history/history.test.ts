import { describe, expect, it } from 'vitest';
import type { SimAction } from '../actions';
import { getNodeCondition } from '../api/conditions';
import type { Node, Pod } from '../api/types';
import { History } from './history';
import { Simulation } from '../simulation';
import { bootWorld, randomWorld, straightRun, workloads } from './test-world';

const world = { ...randomWorld(5), leaseJitter: 0 };
const node = world.nodes[0]!.name;
const kill: SimAction = { do: 'kill-node', node };

function liveRun(inputs: [number, SimAction][], untilMs: number, options = {}): History {
  const history = new History(bootWorld(world), [], { checkpointEveryMs: 30_000, ...options });
  for (const [clockMs, action] of inputs) {
    history.runUntil(clockMs);
    const input = history.act(action);
    history.runUntil(input.atMs);
  }
  history.runUntil(untilMs);
  return history;
}

const ready = (history: History, name: string) => getNodeCondition(history.sim.api.get<Node>('Node', name)!, 'Ready')?.status;
const podsOn = (history: History, name: string) =>
  history.sim.api
    .podsOnNode(name)
    .filter((p: Pod) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();

describe('History', () => {
  it('records an action at now + 1 ms and runs it first in that instant', () => {
    const history = liveRun([], 10_000);
    const input = history.act(kill);
    expect(input.atMs).toBe(10_001);
    history.runUntil(10_001);
    const record = history.sim.actionLog().at(-1)!;
    expect(record).toMatchObject({ atMs: 10_001, action: kill, done: true });
    expect(history.sim.kubelets.view(node)?.power).toBe('off');
  });

  it('seeks back before a kill: the node is Ready and its pods are where they were', () => {
    const before = liveRun([], 60_000);
    const podsBefore = podsOn(before, node);
    const history = liveRun([[60_000, kill]], 20 * 60_000);
    expect(ready(history, node)).toBe('Unknown');
    history.seek(60_000);
    expect(history.live).toBe(false);
    expect(history.nowMs).toBe(60_000);
    expect(ready(history, node)).toBe('True');
    expect(podsOn(history, node)).toEqual(podsBefore);
    expect(history.sim.snapshotJson()).toBe(before.sim.snapshotJson());
  });

  it('clamps seeks to 0 … latest and is live again at the latest time', () => {
    const history = liveRun([[30_000, kill]], 5 * 60_000);
    history.seek(-5);
    expect(history.nowMs).toBe(0);
    history.seek(10 * 60_000);
    expect(history.nowMs).toBe(5 * 60_000);
    expect(history.live).toBe(true);
  });

  it('replays the recorded future when run on from the past, and becomes live at the latest time', () => {
    const history = liveRun([[60_000, kill], [200_000, { do: 'start-node', node }]], 10 * 60_000);
    const end = history.sim.snapshotJson();
    history.seek(30_000);
    history.runUntil(10 * 60_000);
    expect(history.live).toBe(true);
    expect(history.sim.snapshotJson()).toBe(end);
    expect(history.inputs.map((i) => i.atMs)).toEqual([60_001, 200_001]);
  });

  it('forks when acting in the past: the future is set aside, the run goes on from there', () => {
    const history = liveRun([[60_000, kill], [300_000, { do: 'start-node', node }]], 15 * 60_000);
    history.seek(120_000);
    const cordon: SimAction = { do: 'cordon', node: world.nodes[1]!.name };
    const input = history.act(cordon);
    expect(input.atMs).toBe(120_001);
    expect(history.fork).toEqual({ atMs: 120_000, undoable: true });
    expect(history.latestMs).toBe(120_000);
    expect(history.inputs.map((i) => i.atMs)).toEqual([60_001, 120_001]);
    expect(Math.max(...history.checkpointTimes())).toBeLessThanOrEqual(120_000);
    history.runUntil(10 * 60_000);
    // The new line is the straight run of its own inputs.
    let expected = '';
    straightRun(world, history.inputs, [10 * 60_000], (_, sim) => (expected = sim.snapshotJson()));
    expect(history.sim.snapshotJson()).toBe(expected);
    expect(ready(history, node)).toBe('Unknown');
  });

  it('undo brings the discarded future back and shows the fork instant', () => {
    const history = liveRun([[60_000, kill], [300_000, { do: 'start-node', node }]], 15 * 60_000);
    const original = history.inputs.map((i) => ({ ...i }));
    history.seek(14 * 60_000);
    const late = history.sim.snapshotJson();
    history.seek(120_000);
    history.act({ do: 'cordon', node: world.nodes[1]!.name });
    history.runUntil(10 * 60_000);
    expect(history.undoFork()).toBe(120_000);
    expect(history.nowMs).toBe(120_000);
    expect(history.fork).toBeNull();
    expect(history.latestMs).toBe(15 * 60_000);
    expect(history.inputs).toEqual(original);
    history.seek(14 * 60_000);
    expect(history.sim.snapshotJson()).toBe(late);
    expect(history.undoFork()).toBeUndefined();
  });

  it('gives the same API history as a scenario file that schedules the inputs before t = 0', () => {
    const history = liveRun([[45_000, kill], [400_000, { do: 'start-node', node }]], 12 * 60_000);
    // What an exported file does: objects at 0, then the actions at their times, all scheduled up front.
    const fileWorld = new Simulation({ seed: world.seed, nodes: world.nodes, settings: { kubelet: { leaseJitter: 0 } } });
    for (const object of workloads()) fileWorld.schedule(0, { do: 'apply', object });
    for (const input of history.inputs) fileWorld.schedule(input.atMs, input.action);
    fileWorld.runUntil(12 * 60_000);
    expect(JSON.stringify(fileWorld.snapshot().api)).toBe(JSON.stringify(history.sim.snapshot().api));
  });

  it('refuses an input log that is not strictly increasing whole milliseconds', () => {
    expect(() => new History(bootWorld(world), [{ atMs: 5, action: kill }, { atMs: 5, action: kill }])).toThrow(/input 2 \(kill-node\) at 5 ms/);
    expect(() => new History(bootWorld(world), [{ atMs: 1.5, action: kill }])).toThrow(/whole milliseconds/);
  });

  it('replays a recorded input log handed in at boot, checkpointing as it goes', () => {
    const live = liveRun([[60_000, kill], [200_000, { do: 'start-node', node }]], 10 * 60_000);
    const replayed = new History(bootWorld(world), live.inputs, { checkpointEveryMs: 30_000, latestMs: 10 * 60_000 });
    expect(replayed.latestMs).toBe(10 * 60_000);
    replayed.seek(10 * 60_000);
    expect(replayed.sim.snapshotJson()).toBe(live.sim.snapshotJson());
    expect(replayed.checkpointCount).toBeGreaterThan(10);
  });

  it('a sliced seek pauses between slices and ends in the world of the straight run, back and forth', () => {
    const inputs: [number, SimAction][] = [[60_000, kill], [300_000, { do: 'start-node', node }]];
    const history = liveRun(inputs, 12 * 60_000);
    const recorded = history.inputs;
    // Checkpoints are 30 s apart: most of these replay up to 29 s.
    const times = [11 * 60_000 + 29_007, 45_000, 5 * 60_000 + 25_999, 61_000, 12 * 60_000];
    const expected = new Map<number, string>();
    straightRun(world, recorded, [...times].sort((a, b) => a - b), (atMs, sim) => expected.set(atMs, sim.snapshotJson()));
    let slices = 0;
    for (const atMs of times) {
      let last = -1;
      for (const progress of history.seekInSlices(atMs, 3)) {
        slices++;
        expect(progress.doneMs).toBeGreaterThanOrEqual(last);
        expect(progress.doneMs).toBeLessThanOrEqual(progress.totalMs);
        last = progress.doneMs;
      }
      expect(history.sim.snapshotJson()).toBe(expected.get(atMs));
    }
    expect(slices).toBeGreaterThan(times.length);
  });
});
