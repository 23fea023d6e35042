import { describe, expect, it } from 'vitest';
import { RateLimitedTimedQueue, tryAccept, newTokenBucket } from './rate-limited-queue';
import { computeZoneState } from './zones';

describe('token bucket (burst 1)', () => {
  it('starts full, then accepts one action per 1/qps', () => {
    const limiter = newTokenBucket(0.1);
    expect(tryAccept(limiter, 0)).toBe(true);
    expect(tryAccept(limiter, 9_999)).toBe(false);
    expect(tryAccept(limiter, 10_000)).toBe(true);
    expect(tryAccept(limiter, 10_100)).toBe(false);
  });
});

describe('RateLimitedTimedQueue (rate_limited_queue.go)', () => {
  const drain = (q: RateLimitedTimedQueue, nowMs: number) => {
    const done: string[] = [];
    q.try(nowMs, (v) => {
      done.push(v.value);
      return true;
    });
    return done;
  };

  it('adds a name once until it is removed; processing keeps it in the set', () => {
    const q = RateLimitedTimedQueue.withQps(100);
    expect(q.add('a', 'uid-a', 0)).toBe(true);
    expect(q.add('a', 'uid-a', 0)).toBe(false);
    expect(drain(q, 0)).toEqual(['a']);
    // RemoveFromQueue: gone from the heap, still in the set.
    expect(q.length).toBe(0);
    expect(q.add('a', 'uid-a', 5)).toBe(false);
    q.remove('a');
    expect(q.add('a', 'uid-a', 5)).toBe(true);
  });

  it('takes a token before looking at the head (§8 item 6)', () => {
    const q = RateLimitedTimedQueue.withQps(0.1);
    q.add('a', 'u', 0);
    q.try(0, () => ({ retryAfterMs: 50 }));
    // The retry is due at 50 ms, but the only token went on the failed attempt.
    expect(drain(q, 100)).toEqual([]);
    expect(drain(q, 10_000)).toEqual(['a']);
  });

  it('processes one node per token, in name order for equal processAt', () => {
    const q = RateLimitedTimedQueue.withQps(0.1);
    for (const name of ['c', 'a', 'b']) q.add(name, name, 0);
    expect(drain(q, 0)).toEqual(['a']);
    expect(drain(q, 5_000)).toEqual([]);
    expect(drain(q, 10_000)).toEqual(['b']);
    expect(drain(q, 20_000)).toEqual(['c']);
  });

  it('swaps limiters as upstream: same QPS keeps the bucket, a new one starts drained if the old had no token (§8 item 5)', () => {
    const q = RateLimitedTimedQueue.withQps(0.1);
    q.add('a', 'a', 0);
    q.add('b', 'b', 0);
    expect(drain(q, 0)).toEqual(['a']);
    q.swapLimiter(0.1, 1_000);
    expect(drain(q, 9_900)).toEqual([]);
    q.swapLimiter(0, 2_000);
    expect(drain(q, 50_000)).toEqual([]);
    // The "never" limiter had no token, so the new bucket starts drained.
    q.swapLimiter(0.1, 60_000);
    expect(drain(q, 60_000)).toEqual([]);
    expect(drain(q, 70_000)).toEqual(['b']);
  });

  it('keeps the "never" limiter on a swap to 1 QPS (it reports QPS 1, client-go quirk)', () => {
    const q = RateLimitedTimedQueue.withQps(0.1);
    q.swapLimiter(0, 0);
    q.swapLimiter(1, 0);
    q.add('a', 'a', 0);
    expect(drain(q, 100_000)).toEqual([]);
  });

  it('survives a snapshot with removed names left stale in the heap', () => {
    const q = RateLimitedTimedQueue.withQps(0.1);
    for (const name of ['a', 'b', 'c']) q.add(name, name, 0);
    q.remove('a');
    const copy = new RateLimitedTimedQueue(JSON.parse(JSON.stringify(q.snapshot())));
    expect(copy.waiting().map((v) => v.value)).toEqual(['b', 'c']);
    expect(drain(copy, 0)).toEqual(['b']);
  });
});

describe('ComputeZoneState (§3.2, S10)', () => {
  const state = (ready: number, notReady: number) =>
    computeZoneState([...Array(ready).fill('True'), ...Array(notReady).fill('Unknown')], 0.55).state;

  it('matches the upstream table', () => {
    expect(state(1, 0)).toBe('Normal');
    expect(state(0, 1)).toBe('FullDisruption');
    expect(computeZoneState([undefined, undefined, undefined, undefined], 0.55).state).toBe('FullDisruption');
    expect(state(1, 3)).toBe('PartialDisruption');
    expect(state(3, 2)).toBe('Normal');
    expect(state(2, 3)).toBe('PartialDisruption');
    expect(state(1, 2)).toBe('Normal');
    expect(state(0, 3)).toBe('FullDisruption');
    expect(state(4, 6)).toBe('PartialDisruption');
    expect(state(5, 5)).toBe('Normal');
    expect(state(9, 11)).toBe('PartialDisruption');
    expect(computeZoneState([], 0.55).state).toBe('Normal');
  });
});
