import { describe, expect, it } from 'vitest';
import { RandomStreams, Rng } from './rng';
import { TimerQueue } from './timers';
import { formatDuration, fromTimestamp, toTimestamp } from './time';

describe('Rng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = Rng.fromSeed(7);
    const b = Rng.fromSeed(7);
    const c = Rng.fromSeed(8);
    const drawsA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(drawsA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(drawsA);
  });

  it('forks streams that do not depend on draws made elsewhere', () => {
    const root = Rng.fromSeed(1);
    const first = root.fork('scheduler').nextUint32();
    root.nextUint32();
    root.fork('kubelet').nextUint32();
    expect(root.fork('scheduler').nextUint32()).toBe(first);
    expect(root.fork('kubelet').nextUint32()).not.toBe(first);
  });

  it('stays in range', () => {
    const rng = Rng.fromSeed(3);
    for (let i = 0; i < 1000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      expect(rng.int(10)).toBeLessThan(10);
    }
  });
});

describe('RandomStreams', () => {
  it('hands out one stream per label, forked from the seed, and restores each where it stood', () => {
    const streams = new RandomStreams(5);
    expect(streams.stream('kubelet')).toBe(streams.stream('kubelet'));
    expect(streams.stream('kubelet').nextUint32()).toBe(Rng.fromSeed(5).fork('kubelet').nextUint32());
    streams.stream('scheduler').nextUint32();
    const restored = new RandomStreams(5, JSON.parse(JSON.stringify(streams.snapshot())) as never);
    expect(Object.keys(streams.snapshot())).toEqual(['kubelet', 'scheduler']);
    expect(restored.stream('kubelet').nextUint32()).toBe(streams.stream('kubelet').nextUint32());
    expect(restored.stream('scheduler').nextUint32()).toBe(streams.stream('scheduler').nextUint32());
    expect(restored.stream('names').nextUint32()).toBe(streams.stream('names').nextUint32());
  });
});

describe('TimerQueue', () => {
  it('fires by time, then by scheduling order', () => {
    const q = new TimerQueue();
    q.schedule('b', 'late', 200);
    q.schedule('a', 'first', 100);
    q.schedule('c', 'second', 100);
    expect(q.popDue(99)).toBeUndefined();
    expect(q.popDue(100)?.key).toBe('first');
    expect(q.popDue(100)?.key).toBe('second');
    expect(q.popDue(150)).toBeUndefined();
    expect(q.nextAtMs()).toBe(200);
  });

  it('survives a snapshot round trip', () => {
    const q = new TimerQueue();
    for (let i = 0; i < 20; i++) q.schedule('x', `k${i}`, (i * 37) % 11);
    const copy = new TimerQueue(structuredClone(q.snapshot()));
    const drain = (t: TimerQueue) => {
      const out: string[] = [];
      for (let timer = t.popDue(100); timer; timer = t.popDue(100)) out.push(timer.key);
      return out;
    };
    expect(drain(copy)).toEqual(drain(q));
  });
});

describe('time', () => {
  it('round-trips timestamps and prints durations', () => {
    expect(toTimestamp(115_000)).toBe('2025-01-01T00:01:55.000Z');
    expect(fromTimestamp(toTimestamp(60_100))).toBe(60_100);
    expect(formatDuration(115_000)).toBe('1m55s');
    expect(formatDuration(500)).toBe('0.5s');
    expect(formatDuration(3_600_000)).toBe('1h');
  });

  it('reads timestamps exactly as Date.parse does, in any RFC 3339 form', () => {
    const epoch = Date.parse('2025-01-01T00:00:00Z');
    for (const ms of [0, 1, 999, 86_399_999, 31 * 86_400_000 + 7, 400 * 86_400_000 + 12_345]) {
      expect(fromTimestamp(toTimestamp(ms))).toBe(ms);
    }
    for (const text of ['2025-03-01T10:20:30Z', '2025-03-01T10:20:30.123456Z', '2025-03-01T12:20:30.5+02:00', '2025-02-30T00:00:00.000Z', '2025-01-01T24:00:00.000Z']) {
      expect(fromTimestamp(text)).toBe(Date.parse(text) - epoch);
    }
    for (const text of ['2025-13-01T00:00:00.000Z', '2025-01-01T00:60:00.000Z', 'yesterday', '2025-0a-01T00:00:00.000Z']) {
      expect(() => fromTimestamp(text)).toThrow(`invalid timestamp "${text}"`);
    }
  });
});
