import { describe, expect, it } from 'vitest';
import { checkpointBudget, CheckpointStore, textBytes } from './checkpoints';
import { checkpointSpacingMs } from './history';

/** A checkpoint whose head is unique to its time, `bytes` long, holding `objects`. */
const at = (atMs: number, bytes = 8, objects: string[] = []) => ({ atMs, inputCount: 0, text: { head: String(atMs).padEnd(bytes, 'x'), objects, events: [], actions: [], kubelets: [] } });

describe('CheckpointStore', () => {
  it('keeps within its count and byte budget, always keeping the first and the newest', () => {
    const store = new CheckpointStore({ maxCount: 20, maxBytes: 15_000 });
    for (let t = 0; t <= 3_600_000; t += 10_000) store.add(at(t, 1_000), t);
    expect(store.count).toBe(15);
    expect(store.bytes).toBe(15_000);
    const times = store.times();
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(3_600_000);
  });

  it('spreads what it keeps denser near the latest time', () => {
    const store = new CheckpointStore({ maxCount: 30, maxBytes: Number.POSITIVE_INFINITY });
    for (let t = 0; t <= 3_600_000; t += 5_000) store.add(at(t), t);
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
    for (const t of [0, 10, 20]) store.add({ ...at(t), inputCount: t / 10 }, t);
    expect(store.atOrBefore(15)?.atMs).toBe(10);
    expect(store.atOrBefore(20)?.atMs).toBe(20);
    expect(store.atOrBefore(-1)).toBeUndefined();
  });

  it('cuts after a time and puts the cut part back', () => {
    const store = new CheckpointStore();
    for (const t of [0, 10, 20, 30]) store.add(at(t, 2), t);
    const cut = store.cutAfter(15);
    expect(store.times()).toEqual([0, 10]);
    expect(store.bytes).toBe(4);
    store.restore(cut);
    expect(store.times()).toEqual([0, 10, 20, 30]);
    expect(store.bytes).toBe(8);
  });

  it('refuses a checkpoint that is not after the newest', () => {
    const store = new CheckpointStore();
    store.add(at(10), 10);
    expect(() => store.add(at(10), 10)).toThrow(/not after the last one/);
  });

  it('counts a piece of text shared by several checkpoints once, until the last one holding it goes', () => {
    const store = new CheckpointStore();
    const pod = '{"kind":"Pod"}';
    store.add(at(0, 8, [pod]), 0);
    store.add(at(10, 8, [pod, '{"kind":"Node"}']), 10);
    expect(store.bytes).toBe(8 + 8 + pod.length + 15);
    store.cutAfter(5);
    expect(store.bytes).toBe(8 + pod.length);
  });

  it('counts two bytes a character once any character is outside Latin-1', () => {
    expect(textBytes('abc')).toBe(3);
    expect(textBytes('a→c')).toBe(6);
  });

  it('spaces checkpoints by world size, between 10 s and 2 min', () => {
    expect(checkpointSpacingMs(200)).toBe(10_000);
    expect(checkpointSpacingMs(13_000)).toBe(13_000);
    expect(checkpointSpacingMs(1e9)).toBe(120_000);
  });

  it('sizes the byte budget by the world: 16 MiB for a small cluster, growing with its pieces, at most 180 MiB', () => {
    const MiB = 2 ** 20;
    expect(checkpointBudget(600).maxBytes).toBe(16 * MiB);
    expect(checkpointBudget(4_096).maxBytes).toBe(64 * MiB);
    expect(checkpointBudget(13_000).maxBytes).toBe(180 * MiB);
  });

  it('thins to a smaller budget set later, at the next checkpoint', () => {
    const store = new CheckpointStore({ maxCount: 100, maxBytes: Number.POSITIVE_INFINITY });
    for (let t = 0; t < 20; t++) store.add(at(t * 10, 100), t * 10);
    store.setBudget({ maxCount: 100, maxBytes: 1_000 });
    store.add(at(200, 100), 200);
    expect(store.bytes).toBeLessThanOrEqual(1_000);
    expect(store.times()[0]).toBe(0);
    expect(store.times().at(-1)).toBe(200);
  });
});
