/**
 * Applies a boot's objects at t = 0 in slices: the one way every boot runs
 * t = 0 (the page's generated boot and scenario files, the CLI, lessons,
 * the run export's replay), so a page run exported as a file and replayed
 * by `npm run scenario` gives the trace hash the page showed.
 *
 * Why slices: booting a big cluster (`?nodes=1000`: 30,000 pods, tens of
 * seconds) must leave the worker free between slices to post progress and
 * hear `cancel`. Each slice schedules its objects and runs t = 0 until it
 * settles, before the next slice is scheduled. The slicing depends only on
 * the objects (never on wall time), so the same boot always gives the same
 * world. The `beforeLastRun` hook (a scenario's actions) is scheduled in the
 * last slice after its objects and before its runUntil(0), so a boot of at
 * most BOOT_SLICE_OBJECTS objects is one slice scheduled exactly as an
 * unsliced boot: all objects, then all actions, then t = 0 runs.
 *
 * The generator is lazy: nothing is scheduled until the first next(), so a
 * tracer attached after creating it sees the whole boot.
 */
import type { Manifest } from './api/types';
import type { ActionRecord, Simulation } from './simulation';

export const BOOT_SLICE_OBJECTS = 500;

export interface BootProgress {
  done: number;
  total: number;
}

export interface BootOptions {
  /** Runs once, in the last slice, after its objects are scheduled and before t = 0 runs (a scenario schedules its actions here). */
  beforeLastRun?: () => void;
  sliceObjects?: number;
}

/** Yields after each slice but the last; returns every object's apply record (its error, if refused), in object order. */
export function* bootInSlices(sim: Simulation, objects: readonly Manifest[], options: BootOptions = {}): Generator<BootProgress, ActionRecord[]> {
  const sliceObjects = options.sliceObjects ?? BOOT_SLICE_OBJECTS;
  const records: ActionRecord[] = [];
  let done = 0;
  for (;;) {
    for (const object of objects.slice(done, done + sliceObjects)) records.push(sim.schedule(0, { do: 'apply', object }));
    done = Math.min(objects.length, done + sliceObjects);
    const last = done >= objects.length;
    if (last) options.beforeLastRun?.();
    sim.runUntil(0);
    if (last) return records;
    yield { done, total: objects.length };
  }
}

/** Runs a boot to its end (no one to post progress to): the records. */
export function drainBoot<R>(boot: Generator<BootProgress, R>): R {
  for (;;) {
    const step = boot.next();
    if (step.done) return step.value;
  }
}
