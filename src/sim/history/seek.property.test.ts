/**
 * Seeking is exact: for random (seed, fault schedule, t) triples, the world
 * seek(t) gives is the straight run's world at t in every part of the
 * snapshot (objects, timers and their sequence numbers, queues, rate
 * limiters, random streams, events, the action log), with lease jitter on.
 *
 * Each seed is one live run of 30 simulated minutes with 8 user faults; its
 * times are sought in a random order (so both restoring and running on are
 * exercised) and compared with one straight run. Failures name the seed:
 *   HISTORY_SEED_BASE=<seed> HISTORY_SEEDS=1 npx vitest run src/sim/history
 * The default slice is 40 seeds × 5 times = 200 triples.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { History } from './history';
import { bootWorld, firstDifference, randomInputs, randomWorld, straightRun } from './test-world';

const SEEDS = Number(process.env.HISTORY_SEEDS ?? 40);
const SEED_BASE = Number(process.env.HISTORY_SEED_BASE ?? 1);
const TIMES_PER_SEED = 5;
const RUN_MS = 30 * 60_000;
const FAULTS = 8;
/** One seed is about a third of a second of CPU; a shared, busy machine can stretch that many times over. */
const TIMEOUT_MS = 30_000;

describe('seek(t) equals the straight run at t, whole snapshot, lease jitter on', () => {
  it.each(Array.from({ length: SEEDS }, (_, i) => SEED_BASE + i))('seed %i', (seed) => {
    const world = randomWorld(seed);
    const inputs = randomInputs(seed, world, FAULTS, RUN_MS - 60_000);
    const rng = Rng.fromSeed(seed).fork('history-times');
    // Random instants, plus the edges: t = 0, an input's own instant and the one before it.
    const pick = inputs[rng.int(inputs.length)]!;
    const times = [0, pick.atMs - 1, pick.atMs, ...Array.from({ length: TIMES_PER_SEED - 3 }, () => rng.int(RUN_MS + 1))];

    const history = new History(bootWorld(world), [], { checkpointEveryMs: 20_000 + rng.int(100_000) });
    for (const input of inputs) {
      history.runUntil(input.atMs - 1);
      expect(history.act(input.action).atMs).toBe(input.atMs);
      history.runUntil(input.atMs);
    }
    history.runUntil(RUN_MS);

    const expected = new Map<number, string>();
    straightRun(world, inputs, times, (t, sim) => expected.set(t, sim.snapshotJson()));
    for (const t of times) {
      history.seek(t);
      const actual = history.sim.snapshotJson();
      if (actual !== expected.get(t)) {
        const where = firstDifference(JSON.parse(actual), JSON.parse(expected.get(t)!));
        expect.fail(`seed ${seed}, t=${t} ms (checkpoints at ${history.checkpointTimes().join(', ')}): ${where}`);
      }
    }
  }, TIMEOUT_MS);
});
