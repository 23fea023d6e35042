/**
 * The charts' numbers as columns (one array per series, as uPlot draws
 * them), built from the timeline's samples and grown in place as samples
 * arrive: appending a sample is O(1), so a running hour costs nothing to
 * redraw while scrubbing.
 */
import type { ChartSample } from '../../protocol/messages';

export const MINUTE_MS = 60_000;
export const POD_PHASES = ['Running', 'Pending', 'Terminating', 'Failed'] as const;
export type PodPhase = (typeof POD_PHASES)[number];

/**
 * The minute a sample's counts belong to. A sample counts the events since
 * the previous one, i.e. in (previous, atMs], so minute k holds the events in
 * (k min, k + 1 min]: a sample at exactly 1m0s closes minute 0.
 */
export function minuteOf(atMs: number): number {
  return atMs <= 0 ? 0 : Math.floor((atMs - 1) / MINUTE_MS);
}

export interface ChartColumns {
  /** Zones in the order their series are drawn (sorted by name). */
  zones: string[];
  /** Sample instants. */
  x: number[];
  /** Ready nodes, one column per zone (same order as `zones`). */
  ready: number[][];
  /** Pods, one column per phase (POD_PHASES order). */
  pods: number[][];
  /** Per minute: evictions and FailedScheduling events; index = minute. */
  evictionsPerMinute: number[];
  failedPerMinute: number[];
  /** Per minute, the index of its last sample (the counts at the minute's end). */
  lastSampleOfMinute: number[];
  /** Requests per second to every Service since the previous sample: ok and failed (one value per sample). */
  requestsOk: number[];
  requestsFailed: number[];
  /** Per minute: requests counted in it, ok and failed. */
  requestsOkPerMinute: number[];
  requestsFailedPerMinute: number[];
  /** The running totals at the last sample taken in. */
  requestTotals: { ok: number; failed: number };
  /** Services with traffic ("ns/name", sorted), and the same rates and per-minute counts per Service (same order). */
  services: string[];
  serviceOk: number[][];
  serviceFailed: number[][];
  serviceOkPerMinute: number[][];
  serviceFailedPerMinute: number[][];
  serviceTotals: { ok: number; failed: number }[];
  /** How many samples have been taken in. */
  length: number;
}

export function emptyColumns(zones: readonly string[], services: readonly string[] = []): ChartColumns {
  return {
    zones: [...zones],
    x: [],
    ready: zones.map(() => []),
    pods: POD_PHASES.map(() => []),
    evictionsPerMinute: [],
    failedPerMinute: [],
    lastSampleOfMinute: [],
    requestsOk: [],
    requestsFailed: [],
    requestsOkPerMinute: [],
    requestsFailedPerMinute: [],
    requestTotals: { ok: 0, failed: 0 },
    services: [...services],
    serviceOk: services.map(() => []),
    serviceFailed: services.map(() => []),
    serviceOkPerMinute: services.map(() => []),
    serviceFailedPerMinute: services.map(() => []),
    serviceTotals: services.map(() => ({ ok: 0, failed: 0 })),
    length: 0,
  };
}

/** The zones the samples name, sorted. */
export function zonesOf(samples: readonly ChartSample[]): string[] {
  const zones = new Set<string>();
  for (const sample of samples) for (const zone of Object.keys(sample.readyNodes)) zones.add(zone);
  return [...zones].sort();
}

/** The Services the samples count requests for, sorted. */
export function servicesOf(samples: readonly ChartSample[]): string[] {
  const services = new Set<string>();
  for (const sample of samples) for (const service of Object.keys(sample.services ?? {})) services.add(service);
  return [...services].sort();
}

/** A Service's name as the charts label it: the namespace only when it is not "default". */
export function serviceLabel(service: string): string {
  return service.startsWith('default/') ? service.slice('default/'.length) : service;
}

/**
 * Takes in `samples[columns.length …]`, in place. Returns false (and takes
 * nothing) when a sample names a zone or a Service the columns have no
 * series for: the caller rebuilds them with `buildColumns`.
 */
export function appendSamples(columns: ChartColumns, samples: readonly ChartSample[]): boolean {
  for (let i = columns.length; i < samples.length; i++) {
    for (const zone of Object.keys(samples[i]!.readyNodes)) if (!columns.zones.includes(zone)) return false;
    for (const service of Object.keys(samples[i]!.services ?? {})) if (!columns.services.includes(service)) return false;
  }
  for (let i = columns.length; i < samples.length; i++) takeSample(columns, samples[i]!);
  return true;
}

export function buildColumns(samples: readonly ChartSample[]): ChartColumns {
  const columns = emptyColumns(zonesOf(samples), servicesOf(samples));
  appendSamples(columns, samples);
  return columns;
}

function takeSample(columns: ChartColumns, sample: ChartSample): void {
  const index = columns.x.length;
  columns.x.push(sample.atMs);
  columns.zones.forEach((zone, z) => columns.ready[z]!.push(sample.readyNodes[zone] ?? 0));
  POD_PHASES.forEach((phase, p) => columns.pods[p]!.push(sample.pods[phase]));
  const minute = minuteOf(sample.atMs);
  while (columns.evictionsPerMinute.length <= minute) {
    columns.evictionsPerMinute.push(0);
    columns.failedPerMinute.push(0);
    columns.lastSampleOfMinute.push(-1);
    columns.requestsOkPerMinute.push(0);
    columns.requestsFailedPerMinute.push(0);
    for (const column of columns.serviceOkPerMinute) column.push(0);
    for (const column of columns.serviceFailedPerMinute) column.push(0);
  }
  takeRequests(columns, sample, minute);
  columns.evictionsPerMinute[minute]! += sample.evictions;
  columns.failedPerMinute[minute]! += sample.failedScheduling;
  columns.lastSampleOfMinute[minute] = index;
  columns.length++;
}

/**
 * The requests counted since the previous sample, as a rate per second over
 * its interval. Totals run on, so a sample after a fork (totals from the
 * forked world) still differs from the one before it correctly; a total that
 * went down (a restored world) starts over from zero.
 */
function takeRequests(columns: ChartColumns, sample: ChartSample, minute: number): void {
  const previousMs = columns.x.length > 1 ? columns.x[columns.x.length - 2]! : sample.atMs;
  const seconds = (sample.atMs - previousMs) / 1000;
  const totals = sample.requests ?? { ok: 0, failed: 0 };
  const { ok, failed } = since(columns.requestTotals, totals);
  columns.requestsOk.push(seconds > 0 ? ok / seconds : 0);
  columns.requestsFailed.push(seconds > 0 ? failed / seconds : 0);
  columns.requestsOkPerMinute[minute]! += ok;
  columns.requestsFailedPerMinute[minute]! += failed;
  columns.requestTotals = { ...totals };
  columns.services.forEach((service, i) => {
    const serviceTotals = sample.services?.[service] ?? { ok: 0, failed: 0 };
    const counted = since(columns.serviceTotals[i]!, serviceTotals);
    columns.serviceOk[i]!.push(seconds > 0 ? counted.ok / seconds : 0);
    columns.serviceFailed[i]!.push(seconds > 0 ? counted.failed / seconds : 0);
    columns.serviceOkPerMinute[i]![minute]! += counted.ok;
    columns.serviceFailedPerMinute[i]![minute]! += counted.failed;
    columns.serviceTotals[i] = { ...serviceTotals };
  });
}

/** What running totals gained since `before`; all of `now` when a total went down (a restored world starts over). */
function since(before: { ok: number; failed: number }, now: { ok: number; failed: number }): { ok: number; failed: number } {
  const from = before.ok <= now.ok && before.failed <= now.failed ? before : { ok: 0, failed: 0 };
  return { ok: now.ok - from.ok, failed: now.failed - from.failed };
}

/** The index of the last sample at or before `ms`; -1 when there is none. */
export function sampleIndexAt(columns: ChartColumns, ms: number): number {
  let lo = 0;
  let hi = columns.x.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (columns.x[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** What the charts show at one instant (the hover legend). */
export interface ValuesAt {
  atMs: number;
  ready: number[] | null;
  pods: number[] | null;
  minute: number;
  evictions: number | null;
  failedScheduling: number | null;
  /** Requests per second, ok and failed, over the sample interval ending at or before `atMs`. */
  requests: [number, number] | null;
  /** The same per Service (columns.services order): ok, failed, ok, failed … */
  serviceRequests: number[] | null;
}

export function valuesAt(columns: ChartColumns, ms: number): ValuesAt {
  const index = sampleIndexAt(columns, ms);
  const minute = minuteOf(ms);
  const binned = minute < columns.evictionsPerMinute.length;
  return {
    atMs: ms,
    ready: index < 0 ? null : columns.ready.map((column) => column[index]!),
    pods: index < 0 ? null : columns.pods.map((column) => column[index]!),
    minute,
    evictions: binned ? columns.evictionsPerMinute[minute]! : null,
    failedScheduling: binned ? columns.failedPerMinute[minute]! : null,
    requests: index < 0 ? null : [columns.requestsOk[index]!, columns.requestsFailed[index]!],
    serviceRequests: index < 0 ? null : columns.services.flatMap((_, i) => [columns.serviceOk[i]![index]!, columns.serviceFailed[i]![index]!]),
  };
}

/** One row of the table equivalent: a minute, its event counts, and the counts at its end. */
export interface MinuteRow {
  minute: number;
  evictions: number;
  failedScheduling: number;
  ready: number[];
  pods: number[];
  requestsOk: number;
  requestsFailed: number;
  /** Per Service (columns.services order): requests counted in the minute, ok and failed. */
  services: { ok: number; failed: number }[];
}

export function minuteRows(columns: ChartColumns): MinuteRow[] {
  const rows: MinuteRow[] = [];
  columns.evictionsPerMinute.forEach((evictions, minute) => {
    const index = columns.lastSampleOfMinute[minute]!;
    if (index < 0) return;
    rows.push({
      minute,
      evictions,
      failedScheduling: columns.failedPerMinute[minute]!,
      ready: columns.ready.map((column) => column[index]!),
      pods: columns.pods.map((column) => column[index]!),
      requestsOk: columns.requestsOkPerMinute[minute]!,
      requestsFailed: columns.requestsFailedPerMinute[minute]!,
      services: columns.services.map((_, i) => ({ ok: columns.serviceOkPerMinute[i]![minute]!, failed: columns.serviceFailedPerMinute[i]![minute]! })),
    });
  });
  return rows;
}

/**
 * The per-minute counts as bar slots for one chart: minute k's evictions at
 * k min, its FailedScheduling half a minute later, so the two bars stand
 * side by side inside their minute. Written in place from `fromMinute` on.
 */
export interface BarSlots {
  x: number[];
  evictions: (number | null)[];
  failed: (number | null)[];
}

export function updateBarSlots(slots: BarSlots, columns: ChartColumns, fromMinute: number): void {
  const minutes = columns.evictionsPerMinute.length;
  slots.x.length = slots.evictions.length = slots.failed.length = Math.min(slots.x.length, fromMinute * 2);
  for (let m = Math.min(fromMinute, slots.x.length / 2); m < minutes; m++) {
    slots.x.push(m * MINUTE_MS, m * MINUTE_MS + MINUTE_MS / 2);
    // A minute without events draws no bar (a zero-height bar would still draw its outline).
    slots.evictions.push(columns.evictionsPerMinute[m]! || null, null);
    slots.failed.push(null, columns.failedPerMinute[m]! || null);
  }
}
