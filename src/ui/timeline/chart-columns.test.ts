import { describe, expect, it } from 'vitest';
import type { ChartSample } from '../../protocol/messages';
import { appendSamples, buildColumns, minuteOf, minuteRows, serviceLabel, updateBarSlots, valuesAt, type BarSlots } from './chart-columns';

function s(atMs: number, over: Partial<ChartSample> = {}): ChartSample {
  return {
    atMs,
    readyNodes: { 'zone-b': 3, 'zone-a': 3 },
    pods: { Running: 20, Pending: 1, Terminating: 0, Failed: 0 },
    evictions: 0,
    failedScheduling: 0,
    ...over,
  };
}

describe('minuteOf', () => {
  it('puts a sample in the minute its counting interval (previous, atMs] ends in', () => {
    expect(minuteOf(0)).toBe(0);
    expect(minuteOf(59_999)).toBe(0);
    expect(minuteOf(60_000)).toBe(0);
    expect(minuteOf(60_001)).toBe(1);
    expect(minuteOf(125_000)).toBe(2);
  });
});

describe('chart columns', () => {
  const samples = [
    s(0),
    s(30_000, { evictions: 2 }),
    s(60_000, { evictions: 1, failedScheduling: 4 }),
    s(90_000, { failedScheduling: 1, readyNodes: { 'zone-a': 2, 'zone-b': 3 } }),
    s(150_000, { evictions: 5, readyNodes: { 'zone-a': 2, 'zone-b': 3 } }),
  ];

  it('bins the per-sample event counts into minutes', () => {
    const columns = buildColumns(samples);
    expect(columns.evictionsPerMinute).toEqual([3, 0, 5]);
    expect(columns.failedPerMinute).toEqual([4, 1, 0]);
  });

  it('draws zones in name order, one column each', () => {
    const columns = buildColumns(samples);
    expect(columns.zones).toEqual(['zone-a', 'zone-b']);
    expect(columns.ready).toEqual([
      [3, 3, 3, 2, 2],
      [3, 3, 3, 3, 3],
    ]);
    expect(columns.pods[0]).toEqual([20, 20, 20, 20, 20]);
  });

  it('grows in place to the same columns a rebuild gives', () => {
    const columns = buildColumns(samples.slice(0, 2));
    const x = columns.x;
    expect(appendSamples(columns, samples)).toBe(true);
    expect(columns.x).toBe(x);
    expect(columns).toEqual(buildColumns(samples));
  });

  it('refuses a sample naming a new zone, so the caller rebuilds with a series for it', () => {
    const columns = buildColumns(samples);
    const more = [...samples, s(180_000, { readyNodes: { 'zone-a': 3, 'zone-b': 3, 'zone-c': 1 } })];
    expect(appendSamples(columns, more)).toBe(false);
    expect(columns.length).toBe(samples.length);
    expect(buildColumns(more).zones).toEqual(['zone-a', 'zone-b', 'zone-c']);
  });

  it('reads the values at an instant: the last sample at or before it, and its minute', () => {
    const columns = buildColumns(samples);
    expect(valuesAt(columns, 100_000)).toEqual({ atMs: 100_000, ready: [2, 3], pods: [20, 1, 0, 0], minute: 1, evictions: 0, failedScheduling: 1, requests: [0, 0], serviceRequests: [] });
    expect(valuesAt(columns, 400_000).evictions).toBeNull();
  });

  it('turns running request totals into requests per second over each sample interval, and per-minute counts', () => {
    const columns = buildColumns([
      s(0),
      s(5_000, { requests: { ok: 100, failed: 0 } }),
      s(10_000, { requests: { ok: 150, failed: 50 } }),
      s(65_000, { requests: { ok: 150, failed: 50 } }),
    ]);
    expect(columns.requestsOk).toEqual([0, 20, 10, 0]);
    expect(columns.requestsFailed).toEqual([0, 0, 10, 0]);
    expect(valuesAt(columns, 12_000).requests).toEqual([10, 10]);
    expect(minuteRows(columns).map((r) => [r.minute, r.requestsOk, r.requestsFailed])).toEqual([
      [0, 150, 50],
      [1, 0, 0],
    ]);
  });

  it('keeps one ok and one failed series per Service, in name order, and per-Service minute counts for the table', () => {
    const columns = buildColumns([
      s(0),
      s(5_000, { requests: { ok: 50, failed: 0 }, services: { 'default/web': { ok: 50, failed: 0 } } }),
      s(10_000, { requests: { ok: 110, failed: 20 }, services: { 'default/web': { ok: 80, failed: 20 }, 'shop/api': { ok: 30, failed: 0 } } }),
      s(65_000, { requests: { ok: 110, failed: 20 }, services: { 'default/web': { ok: 80, failed: 20 }, 'shop/api': { ok: 30, failed: 0 } } }),
    ]);
    expect(columns.services).toEqual(['default/web', 'shop/api']);
    expect(columns.services.map(serviceLabel)).toEqual(['web', 'shop/api']);
    expect(columns.serviceOk).toEqual([
      [0, 10, 6, 0],
      [0, 0, 6, 0],
    ]);
    expect(columns.serviceFailed).toEqual([
      [0, 0, 4, 0],
      [0, 0, 0, 0],
    ]);
    expect(valuesAt(columns, 12_000).serviceRequests).toEqual([6, 4, 6, 0]);
    expect(minuteRows(columns).map((r) => [r.minute, r.services])).toEqual([
      [0, [{ ok: 80, failed: 20 }, { ok: 30, failed: 0 }]],
      [1, [{ ok: 0, failed: 0 }, { ok: 0, failed: 0 }]],
    ]);
  });

  it('rebuilds when a Service starts getting traffic: appending refuses a sample that names a Service it has no series for', () => {
    const first = [s(0), s(5_000, { requests: { ok: 5, failed: 0 }, services: { 'default/web': { ok: 5, failed: 0 } } })];
    const columns = buildColumns(first);
    const more = [...first, s(10_000, { requests: { ok: 15, failed: 0 }, services: { 'default/web': { ok: 10, failed: 0 }, 'default/db': { ok: 5, failed: 0 } } })];
    expect(appendSamples(columns, more)).toBe(false);
    expect(columns.length).toBe(2);
    expect(buildColumns(more).services).toEqual(['default/db', 'default/web']);
  });

  it('starts a Service\'s count over when its total went down (a restored world)', () => {
    const columns = buildColumns([
      s(0, { services: { 'default/web': { ok: 0, failed: 0 } } }),
      s(5_000, { services: { 'default/web': { ok: 50, failed: 5 } } }),
      s(10_000, { services: { 'default/web': { ok: 10, failed: 0 } } }),
    ]);
    expect(columns.serviceOk[0]).toEqual([0, 10, 2]);
    expect(columns.serviceFailed[0]).toEqual([0, 1, 0]);
  });

  it('gives one table row per minute, with the counts at its end', () => {
    const rows = minuteRows(buildColumns(samples));
    expect(rows.map((r) => [r.minute, r.evictions, r.failedScheduling, r.ready[0]])).toEqual([
      [0, 3, 4, 3],
      [1, 0, 1, 2],
      [2, 5, 0, 2],
    ]);
  });

  it('lays out the per-minute bars side by side, rewriting only from the minute that changed', () => {
    const columns = buildColumns(samples.slice(0, 4));
    const slots: BarSlots = { x: [], evictions: [], failed: [] };
    updateBarSlots(slots, columns, 0);
    expect(slots).toEqual({ x: [0, 30_000, 60_000, 90_000], evictions: [3, null, null, null], failed: [null, 4, null, 1] });
    appendSamples(columns, samples);
    updateBarSlots(slots, columns, 1);
    expect(slots.x).toEqual([0, 30_000, 60_000, 90_000, 120_000, 150_000]);
    expect(slots.evictions).toEqual([3, null, null, null, 5, null]);
  });
});
