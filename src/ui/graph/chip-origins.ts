/**
 * Where a pod chip that just appeared came from, so it can travel from there
 * instead of popping up. Three real moves count:
 *
 * - the same pod object changed place (Pending → its node, once bound);
 * - a pod was recreated under the same name (a StatefulSet's, on another node);
 * - its owner (ReplicaSet, DaemonSet, Job, StatefulSet) replaced one of its
 *   pods: the replacement comes from the owner's most recent departure.
 *
 * Pure: the caller measures positions (any `T`) and supplies the wall time.
 */
import type { Pod } from '../../sim/api/types';

/** How one pod changed between two versions of the store, as far as chips care. */
export type PodMotion = 'moved' | 'departed' | 'arrived' | null;

/** Where the chip of a pod lives: its node's name, or "" while unscheduled. */
export function chipPlace(pod: Pod): string {
  return pod.spec.nodeName ?? '';
}

/** The controlling owner's uid, if any. */
export function controllerUid(pod: Pod): string | undefined {
  const refs = pod.metadata.ownerReferences ?? [];
  return (refs.find((r) => r.controller) ?? refs[0])?.uid;
}

/**
 * A pod departs when it is marked for deletion, fails, or goes: that is when
 * its owner replaces it (a ReplicaSet counts only active pods; a Job one that
 * failed; a StatefulSet waits until the old object is gone).
 */
export function podMotion(was: Pod | undefined, now: Pod | undefined): PodMotion {
  if (!was) return now ? 'arrived' : null;
  if (!now) return 'departed';
  if (chipPlace(was) !== chipPlace(now)) return 'moved';
  if (!was.metadata.deletionTimestamp && now.metadata.deletionTimestamp) return 'departed';
  if (was.status.phase !== 'Failed' && now.status.phase === 'Failed') return 'departed';
  return null;
}

/**
 * Whose replacement a departure may explain. A pod already marked for
 * deletion that finally goes was replaced when it was marked; its going only
 * explains a pod recreated under its own name (a StatefulSet's).
 */
export function departureOwner(was: Pod, now: Pod | undefined): string | undefined {
  return !now && was.metadata.deletionTimestamp ? undefined : controllerUid(was);
}

interface Departure<T> {
  key: string;
  owner: string | undefined;
  from: T;
  atMs: number;
}

export interface OriginLimits {
  /** A departure older than this (wall time) no longer explains an arrival. */
  ttlMs: number;
  /** Departures remembered at most (oldest forgotten first). */
  max: number;
}

export const DEFAULT_ORIGIN_LIMITS: OriginLimits = { ttlMs: 8_000, max: 200 };

/** Recent departures, by pod key and by owner; each explains at most one arrival. */
export class OriginBook<T> {
  /** Oldest first. */
  private departures: Departure<T>[] = [];

  constructor(private readonly limits: OriginLimits = DEFAULT_ORIGIN_LIMITS) {}

  get size(): number {
    return this.departures.length;
  }

  /** A pod left `from`; a later departure of the same pod replaces the earlier one. */
  depart(key: string, owner: string | undefined, from: T, atMs: number): void {
    this.departures = this.departures.filter((d) => d.key !== key);
    this.departures.push({ key, owner, from, atMs });
    if (this.departures.length > this.limits.max) this.departures.splice(0, this.departures.length - this.limits.max);
  }

  /** Where a new pod came from: its own name's departure, else its owner's most recent one; consumed. */
  arrive(key: string, owner: string | undefined, atMs: number): T | undefined {
    this.expire(atMs);
    let at = this.departures.findIndex((d) => d.key === key);
    if (at < 0 && owner !== undefined) at = this.departures.findLastIndex((d) => d.owner === owner);
    if (at < 0) return undefined;
    const [found] = this.departures.splice(at, 1);
    return found!.from;
  }

  expire(atMs: number): void {
    const first = this.departures.findIndex((d) => atMs - d.atMs <= this.limits.ttlMs);
    if (first !== 0) this.departures.splice(0, first < 0 ? this.departures.length : first);
  }

  clear(): void {
    this.departures = [];
  }
}
