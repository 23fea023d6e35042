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
  /**
   * The heap entry that is live for each queued name. `remove` only forgets
   * the name here; its heap entry turns stale and is dropped when it surfaces.
   * Upstream removes in O(n); a zone outage re-adds every waiting node on
   * every pass, which is O(n²) at a few thousand nodes.
   */
  private readonly live = new Map<string, TimedValue>();

  constructor(state: RateLimitedQueueState) {
    this.limiter = { ...state.limiter };
    const items = state.items.map((i) => ({ ...i }));
    this.heap = new Heap(before, items);
    this.set = new Set(state.set);
    for (const item of items) this.live.set(item.value, item);
  }

  static withQps(qps: number): RateLimitedTimedQueue {
    return new RateLimitedTimedQueue({ limiter: newTokenBucket(qps), items: [], set: [] });
  }

  /** Adds unless the name is already in the set; returns whether it was added. */
  add(value: string, uid: string, nowMs: number): boolean {
    if (this.set.has(value)) return false;
    this.set.add(value);
    const item = { value, uid, addedAtMs: nowMs, processAtMs: nowMs };
    this.live.set(value, item);
    this.heap.push(item);
    return true;
  }

  /** Removes from the queue and the set (so the name may be added again). */
  remove(value: string): boolean {
    this.live.delete(value);
    return this.set.delete(value);
  }

  get length(): number {
    return this.live.size;
  }

  has(value: string): boolean {
    return this.set.has(value);
  }

  /** Names waiting in the heap, in processing order. */
  waiting(): TimedValue[] {
    return [...this.live.values()].sort((a, b) => (before(a, b) ? -1 : 1));
  }

  /** The live head, after dropping stale entries of removed names. */
  private head(): TimedValue | undefined {
    for (let top = this.heap.peek(); top; top = this.heap.peek()) {
      if (this.live.get(top.value) === top) return top;
      this.heap.pop();
    }
    return undefined;
  }

  /**
   * Upstream: RateLimitedTimedQueue.Try. A token is taken before the head's
   * processAt is even looked at (§8 item 6). `fn` returns true on success
   * (the value leaves the heap but stays in the set) or a retry delay.
   */
  try(nowMs: number, fn: (value: TimedValue) => true | { retryAfterMs: number }): void {
    for (let head = this.head(); head; head = this.head()) {
      if (!tryAccept(this.limiter, nowMs)) break;
      if (nowMs < head.processAtMs) break;
      const result = fn(head);
      if (result === true) {
        // Upstream: RemoveFromQueue — out of the heap, still in the set.
        this.heap.pop();
        this.live.delete(head.value);
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
    return { limiter: { ...this.limiter }, items: this.waiting().map((i) => ({ ...i })), set: [...this.set] };
  }
}
