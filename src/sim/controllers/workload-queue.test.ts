import { describe, expect, it } from 'vitest';
import { TimerQueue } from '../core/timers';
import { reserveToken, WorkQueue } from './workload-queue';

function world() {
  const clock = { nowMs: 0 };
  const timers = new TimerQueue();
  const queue = new WorkQueue(clock, timers, 'test');
  return { clock, timers, queue };
}

describe('reserveToken (x/time/rate Reserve().Delay())', () => {
  it('serves the burst at once, then one token per 1/qps', () => {
    const bucket = { tokens: 100, lastMs: 0 };
    const delays = Array.from({ length: 103 }, () => reserveToken(bucket, 0, 10, 100));
    expect(delays.slice(0, 100).every((d) => d === 0)).toBe(true);
    expect(delays.slice(100)).toEqual([100, 200, 300]);
  });

  it('refills with time, never past the burst', () => {
    const bucket = { tokens: 0, lastMs: 0 };
    expect(reserveToken(bucket, 250, 10, 100)).toBe(0); // 2.5 tokens, one taken
    expect(bucket.tokens).toBeCloseTo(1.5);
    expect(reserveToken(bucket, 1_000_000, 10, 100)).toBe(0);
    expect(bucket.tokens).toBe(99);
  });
});

describe('WorkQueue.addRateLimited (DefaultControllerRateLimiter)', () => {
  it('backs one key off exponentially from 5 ms until it is forgotten', () => {
    const { clock, timers, queue } = world();
    const delays: number[] = [];
    const failOnce = () => {
      queue.addRateLimited('ns/a');
      const due = queue.waitingUntil('ns/a')!;
      delays.push(due - clock.nowMs);
      clock.nowMs = due;
      queue.onTimer(timers.popDue(due)!);
      queue.drain(() => {});
    };
    failOnce();
    failOnce();
    failOnce();
    queue.forget('ns/a');
    failOnce();
    expect(delays).toEqual([5, 10, 20, 5]);
  });

  it('keeps the earlier time for a key already waiting', () => {
    const { queue } = world();
    queue.addAfter('ns/a', 1_000);
    queue.addRateLimited('ns/a');
    queue.addAfter('ns/a', 2_000);
    expect(queue.waitingUntil('ns/a')).toBe(5);
  });

  it('paces all keys together at 10 qps once the burst of 100 is spent', () => {
    const { queue } = world();
    for (let i = 0; i < 100; i++) queue.addRateLimited(`ns/k${i}`);
    queue.addRateLimited('ns/late-1');
    queue.addRateLimited('ns/late-2');
    expect(queue.waitingUntil('ns/k99')).toBe(5);
    expect(queue.waitingUntil('ns/late-1')).toBe(100);
    expect(queue.waitingUntil('ns/late-2')).toBe(200);
  });

  it('keeps the bucket through a snapshot', () => {
    const { clock, timers, queue } = world();
    for (let i = 0; i < 100; i++) queue.addRateLimited(`ns/k${i}`);
    const restored = new WorkQueue(clock, timers, 'test', JSON.parse(JSON.stringify(queue.snapshot())));
    restored.addRateLimited('ns/after-restore');
    expect(restored.waitingUntil('ns/after-restore')).toBe(100);
  });
});
