/**
 * Upstream: pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go and
 * client-go util/flowcontrol (token bucket, burst 1; the "never" limiter).
 * Plain data throughout: the queue is part of the node lifecycle
 * controller's cloned state.
 */
import { Heap } from '../core/heap';

/** Token bucket with burst 1, or the fake "never" limiter (`qps: 0`). */
export interface Limiter {
  /** 0 = never accepts. */
  qps: number;
  /** When the bucket next holds a whole token; a time in the past (−1) means it is full now. */
  readyAtMs: number;
}

/** Simulated time starts at 0, so −1 is "always in the past" and survives JSON (−Infinity does not). */
const FULL = -1;

export function newTokenBucket(qps: number): Limiter {
  return { qps, readyAtMs: FULL };
}

/** Upstream: tokenBucketRateLimiter.TryAccept (burst 1). */
export function tryAccept(limiter: Limiter, nowMs: number): boolean {
  if (limiter.qps <= 0 || nowMs < limiter.readyAtMs) return false;
  limiter.readyAtMs = nowMs + 1000 / limiter.qps;
  return true;
}

/** Upstream quirk: fakeNeverRateLimiter.QPS() reports 1 (client-go throttle.go). */
export function reportedQps(limiter: Limiter): number {
  return limiter.qps <= 0 ? 1 : limiter.qps;
}

export interface TimedValue {
  value: string;
  uid: string;
  addedAtMs: number;
  processAtMs: number;
}

export interface RateLimitedQueueState {
  limiter: Limiter;
  items: TimedValue[];
  /** Names in the queue's set: queued, or processed and not yet removed. */
  set: string[];
}

/** Ties in processAt are broken by name: upstream's order is arbitrary there (§1.1). */
const before = (a: TimedValue, b: TimedValue): boolean =>
  a.processAtMs < b.processAtMs || (a.processAtMs === b.processAtMs && a.value < b.value);

export class RateLimitedTimedQueue {
  limiter: Limiter;
  private readonly heap: Heap<TimedValue>;
  private readonly set: Set<string>;

  constructor(state: RateLimitedQueueState) {
    this.limiter = { ...state.limiter };
    this.heap = new Heap(before, state.items.map((i) => ({ ...i })));
    this.set = new Set(state.set);
  }

  static withQps(qps: number): RateLimitedTimedQueue {
    return new RateLimitedTimedQueue({ limiter: newTokenBucket(qps), items: [], set: [] });
  }

  /** Adds unless the name is already in the set; returns whether it was added. */
  add(value: string, uid: string, nowMs: number): boolean {
    if (this.set.has(value)) return false;
    this.set.add(value);
    this.heap.push({ value, uid, addedAtMs: nowMs, processAtMs: nowMs });
    return true;
  }

  /** Removes from the queue and the set (so the name may be added again). */
  remove(value: string): boolean {
    const had = this.set.delete(value);
    this.heap.removeWhere((i) => i.value === value);
    return had;
  }

  get length(): number {
    return this.heap.size;
  }

  has(value: string): boolean {
    return this.set.has(value);
  }

  /** Names waiting in the heap, in processing order. */
  waiting(): TimedValue[] {
    return [...this.heap.items].sort((a, b) => (before(a, b) ? -1 : 1));
  }

  /**
   * Upstream: RateLimitedTimedQueue.Try. A token is taken before the head's
   * processAt is even looked at (§8 item 6). `fn` returns true on success
   * (the value leaves the heap but stays in the set) or a retry delay.
   */
  try(nowMs: number, fn: (value: TimedValue) => true | { retryAfterMs: number }): void {
    for (let head = this.heap.peek(); head; head = this.heap.peek()) {
      if (!tryAccept(this.limiter, nowMs)) break;
      if (nowMs < head.processAtMs) break;
      const result = fn(head);
      if (result === true) {
        this.heap.pop();
      } else {
        // Upstream adds one nanosecond; a millionth of our millisecond.
        head.processAtMs = nowMs + result.retryAfterMs + 1e-6;
        this.heap.reheap();
      }
    }
  }

  /**
   * Upstream: SwapLimiter. Same QPS: keep the bucket (and its token). A new
   * bucket starts drained if the old limiter had no token right now (§8 item 5).
   */
  swapLimiter(qps: number, nowMs: number): void {
    if (reportedQps(this.limiter) === qps) return;
    if (qps <= 0) {
      this.limiter = { qps: 0, readyAtMs: FULL };
      return;
    }
    const next = newTokenBucket(qps);
    if (!tryAccept(this.limiter, nowMs)) tryAccept(next, nowMs);
    this.limiter = next;
  }

  snapshot(): RateLimitedQueueState {
    return { limiter: { ...this.limiter }, items: this.heap.items.map((i) => ({ ...i })), set: [...this.set] };
  }
}
