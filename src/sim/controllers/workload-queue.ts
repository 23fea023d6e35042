/**
 * A workload controller's work queue (client-go util/workqueue): keys in
 * FIFO order without duplicates, AddAfter through the simulation's timers,
 * and DefaultControllerRateLimiter: the longer of a per-item exponential
 * backoff (5 ms doubling, capped at 1000 s) and an overall token bucket
 * (10 qps, burst 100) shared by every key. Plain data, so it is cloned with
 * the world.
 */
import type { Clock } from '../apiserver/apiserver';
import { TimerSlots, type Timer, type TimerQueue } from '../core/timers';
import { drainQueue } from '../core/heap';

/** Upstream: ItemExponentialFailureRateLimiter(5*time.Millisecond, 1000*time.Second). */
const RATE_LIMIT_BASE_MS = 5;
const RATE_LIMIT_MAX_MS = 1_000_000;
/** Upstream: BucketRateLimiter{rate.NewLimiter(10, 100)}. */
const BUCKET_QPS = 10;
const BUCKET_BURST = 100;

/**
 * golang.org/x/time/rate's Limiter as the bucket uses it: Reserve() always
 * takes a token, and the delay is how long the bucket stays in debt. A new
 * limiter counts as full.
 */
export interface TokenBucketState {
  tokens: number;
  lastMs: number;
}

/** Upstream: Limiter.Reserve().Delay() at `nowMs`; updates `bucket`. */
export function reserveToken(bucket: TokenBucketState, nowMs: number, qps: number, burst: number): number {
  const elapsedMs = Math.max(0, nowMs - bucket.lastMs);
  bucket.tokens = Math.min(burst, bucket.tokens + (elapsedMs * qps) / 1000) - 1;
  bucket.lastMs = Math.max(bucket.lastMs, nowMs);
  return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens * 1000) / qps);
}

export interface WorkQueueState {
  keys: string[];
  /** Key → when its AddAfter is due. */
  waiting: [string, number][];
  timerSeqs: [string, number][];
  /** Key → consecutive failures (AddRateLimited without Forget). */
  failures: [string, number][];
  bucket: TokenBucketState;
}

export class WorkQueue {
  private readonly keys: Set<string>;
  private readonly waiting: Map<string, number>;
  private readonly timers: TimerSlots;
  private readonly failures: Map<string, number>;
  private readonly bucket: TokenBucketState;

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
    this.bucket = state ? { ...state.bucket } : { tokens: BUCKET_BURST, lastMs: clock.nowMs };
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

  /** Upstream: AddRateLimited (MaxOfRateLimiter: both limiters are asked, the longer delay wins). */
  addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    const itemMs = Math.min(RATE_LIMIT_BASE_MS * 2 ** failures, RATE_LIMIT_MAX_MS);
    const bucketMs = reserveToken(this.bucket, this.clock.nowMs, BUCKET_QPS, BUCKET_BURST);
    this.addAfter(key, Math.max(itemMs, bucketMs));
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
      bucket: { ...this.bucket },
    };
  }
}
