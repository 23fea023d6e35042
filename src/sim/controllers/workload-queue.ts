/**
 * A workload controller's work queue (client-go util/workqueue): keys in
 * FIFO order without duplicates, AddAfter through the simulation's timers,
 * and the per-item exponential failure backoff of
 * DefaultControllerRateLimiter (5 ms doubling, capped at 1000 s; the
 * overall 10 qps bucket is not modelled). Plain data, so it is cloned with
 * the world.
 */
import type { Clock } from '../apiserver/apiserver';
import { TimerSlots, type Timer, type TimerQueue } from '../core/timers';
import { drainQueue } from '../core/heap';

/** Upstream: ItemExponentialFailureRateLimiter(5*time.Millisecond, 1000*time.Second). */
const RATE_LIMIT_BASE_MS = 5;
const RATE_LIMIT_MAX_MS = 1_000_000;

export interface WorkQueueState {
  keys: string[];
  /** Key → when its AddAfter is due. */
  waiting: [string, number][];
  timerSeqs: [string, number][];
  /** Key → consecutive failures (AddRateLimited without Forget). */
  failures: [string, number][];
}

export class WorkQueue {
  private readonly keys: Set<string>;
  private readonly waiting: Map<string, number>;
  private readonly timers: TimerSlots;
  private readonly failures: Map<string, number>;

  constructor(
    private readonly clock: Clock,
    timers: TimerQueue,
    owner: string,
    state?: WorkQueueState,
  ) {
    this.keys = new Set(state?.keys);
    this.waiting = new Map(state?.waiting);
    this.timers = new TimerSlots(timers, owner, new Map(state?.timerSeqs));
    this.failures = new Map(state?.failures);
  }

  add(key: string): void {
    this.keys.add(key);
  }

  /** Upstream: DelayingQueue.AddAfter — a key already waiting keeps its earlier time. */
  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const readyAtMs = this.clock.nowMs + delayMs;
    const waiting = this.waiting.get(key);
    if (waiting !== undefined && waiting <= readyAtMs) return;
    this.waiting.set(key, readyAtMs);
    this.timers.set(key, readyAtMs);
  }

  /** Upstream: AddRateLimited after a failed sync. */
  addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    this.addAfter(key, Math.min(RATE_LIMIT_BASE_MS * 2 ** failures, RATE_LIMIT_MAX_MS));
  }

  /** Upstream: Forget after a successful sync. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** A timer of this queue fired; returns whether it was a live one. */
  onTimer(timer: Timer): boolean {
    if (!this.timers.claim(timer)) return false;
    this.waiting.delete(timer.key);
    this.add(timer.key);
    return true;
  }

  /** The oldest key, removed from the queue. */
  /** Hands every queued key to `handle` until the queue is empty (keys queued meanwhile included). */
  drain(handle: (key: string) => void): boolean {
    return drainQueue(this.keys, handle);
  }

  /**
   * Hands every queued key to `sync` until the queue is empty (keys queued
   * meanwhile included). `sync` returning false re-queues the key with
   * backoff (upstream's handleErr); true forgets its failures. Returns
   * whether anything was processed.
   */
  process(sync: (key: string) => boolean): boolean {
    return this.drain((key) => {
      if (sync(key)) this.forget(key);
      else this.addRateLimited(key);
    });
  }

  get length(): number {
    return this.keys.size;
  }

  /** When a key's AddAfter is due (for tests and the UI). */
  waitingUntil(key: string): number | undefined {
    return this.waiting.get(key);
  }

  snapshot(): WorkQueueState {
    return {
      keys: [...this.keys],
      waiting: [...this.waiting],
      timerSeqs: [...this.timers.seqs],
      failures: [...this.failures],
    };
  }
}
