import { describe, expect, it } from 'vitest';
import { CheckpointStore, textBytes } from './checkpoints';
import { checkpointSpacingMs } from './history';

const text = (bytes: number) => 'x'.repeat(bytes);

describe('CheckpointStore', () => {
  it('keeps within its count and byte budget, always keeping the first and the newest', () => {
    const store = new CheckpointStore({ maxCount: 20, maxBytes: 15_000 });
    for (let t = 0; t <= 3_600_000; t += 10_000) store.add({ atMs: t, inputCount: 0, json: text(1_000) }, t);
    expect(store.count).toBe(15);
    expect(store.bytes).toBe(15_000);
    const times = store.times();
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(3_600_000);
  });

  it('spreads what it keeps denser near the latest time', () => {
    const store = new CheckpointStore({ maxCount: 30, maxBytes: Number.POSITIVE_INFINITY });
    for (let t = 0; t <= 3_600_000; t += 5_000) store.add({ atMs: t, inputCount: 0, json: 'x' }, t);
    const times = store.times();
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const firstHalf = gaps.slice(0, gaps.length / 2);
    const lastHalf = gaps.slice(gaps.length / 2);
    const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
    expect(mean(lastHalf) * 2).toBeLessThan(mean(firstHalf));
    expect(gaps.at(-1)!).toBeLessThan(gaps[0]!);
    // Old checkpoints keep a bounded spacing (no single gap takes over the past).
    expect(Math.max(...gaps)).toBeLessThan(3_600_000 / 8);
  });

  it('finds the newest checkpoint at or before a time', () => {
    const store = new CheckpointStore();
    for (const t of [0, 10, 20]) store.add({ atMs: t, inputCount: t / 10, json: '{}' }, t);
    expect(store.atOrBefore(15)?.atMs).toBe(10);
    expect(store.atOrBefore(20)?.atMs).toBe(20);
    expect(store.atOrBefore(-1)).toBeUndefined();
  });

  it('cuts after a time and puts the cut part back', () => {
    const store = new CheckpointStore();
    for (const t of [0, 10, 20, 30]) store.add({ atMs: t, inputCount: 0, json: '{}' }, t);
    const cut = store.cutAfter(15);
    expect(store.times()).toEqual([0, 10]);
    expect(store.bytes).toBe(4);
    store.restore(cut);
    expect(store.times()).toEqual([0, 10, 20, 30]);
    expect(store.bytes).toBe(8);
  });

  it('refuses a checkpoint that is not after the newest', () => {
    const store = new CheckpointStore();
    store.add({ atMs: 10, inputCount: 0, json: '{}' }, 10);
    expect(() => store.add({ atMs: 10, inputCount: 0, json: '{}' }, 10)).toThrow(/not after the last one/);
  });

  it('counts two bytes a character once any character is outside Latin-1', () => {
    expect(textBytes('abc')).toBe(3);
    expect(textBytes('a→c')).toBe(6);
  });

  it('spaces checkpoints by world size, between 5 s and 2 min', () => {
    expect(checkpointSpacingMs(100_000)).toBe(5_000);
    expect(checkpointSpacingMs(9_700_000)).toBe(49_000);
    expect(checkpointSpacingMs(1e9)).toBe(120_000);
  });
});
