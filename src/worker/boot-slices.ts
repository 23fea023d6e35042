/**
 * Applies a boot's objects at t = 0 in slices, so booting a big cluster
 * (`?nodes=1000`: 30,000 pods, tens of seconds) leaves the worker free
 * between slices to post progress and hear `cancel`. Each slice schedules
 * its objects and runs t = 0 until it settles, before the next slice is
 * scheduled. The slicing depends only on the objects (never on wall time),
 * so the same boot always gives the same world; a boot of at most
 * BOOT_SLICE_OBJECTS objects is one slice, exactly as an unsliced boot.
 */
import type { ActionRecord, Manifest, Simulation } from '../sim';

export const BOOT_SLICE_OBJECTS = 500;

export interface BootProgress {
  done: number;
  total: number;
}

/** Yields after each slice; returns every object's apply record (its error, if refused). */
export function* applyInSlices(sim: Simulation, objects: readonly Manifest[], sliceObjects = BOOT_SLICE_OBJECTS): Generator<BootProgress, ActionRecord[]> {
  const records: ActionRecord[] = [];
  let done = 0;
  do {
    for (const object of objects.slice(done, done + sliceObjects)) records.push(sim.schedule(0, { do: 'apply', object }));
    done = Math.min(objects.length, done + sliceObjects);
    sim.runUntil(0);
    if (done < objects.length) yield { done, total: objects.length };
  } while (done < objects.length);
  return records;
}
