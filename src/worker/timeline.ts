/**
 * The timeline's markers and chart samples, collected as the run goes
 * forward into time it has not covered yet (never recomputed on seek): a
 * replay through covered time only keeps the recorder's view of the world in
 * step. Samples sit on a fixed simulated-time grid and count the world at
 * that instant (the session samples before running the next instant). A fork
 * cuts markers and samples after its instant; its undo puts them back.
 */
import { describeAction, type Node, type Pod, type RecordedInput, type Simulation } from '../sim';
import type { ChartSample, TimelineMarker } from '../protocol/messages';

export const SAMPLE_EVERY_MS = 5_000;

const EVENT_MARKERS: Readonly<Record<string, TimelineMarker['kind']>> = {
  NodeNotReady: 'NodeNotReady',
  TaintManagerEviction: 'TaintManagerEviction',
  FailedScheduling: 'FailedScheduling',
};

interface Cut {
  atMs: number;
  markers: TimelineMarker[];
  samples: ChartSample[];
  coveredMs: number;
}

export class TimelineRecorder {
  private markerList: TimelineMarker[] = [];
  private sampleList: ChartSample[] = [];
  /** Markers and samples exist for every instant up to here. */
  private coveredMs: number;
  private posted = { markers: 0, samples: 0 };
  private lastEventSeq = 0;
  private taints = new Map<string, string>();
  private zones = new Map<string, string>();
  private counts = { evictions: 0, failedScheduling: 0 };
  private cut: Cut | null = null;

  constructor(sim: Simulation) {
    this.coveredMs = sim.nowMs;
    this.resync(sim);
    this.sampleList.push(sample(sim, sim.nowMs, this.counts));
  }

  get markers(): readonly TimelineMarker[] {
    return this.markerList;
  }

  get samples(): readonly ChartSample[] {
    return this.sampleList;
  }

  /** After a restore: the recorder's view of the world becomes the restored one's. */
  resync(sim: Simulation): void {
    this.lastEventSeq = sim.api.events.lastSeq;
    this.taints = new Map([...sim.api.list<Node>('Node')].map((n) => [n.metadata.name, taintText(n)]));
    this.zones = new Map(sim.currentViews().zones.map((z) => [z.zone, z.state]));
  }

  /** The user's action: a marker at its instant. */
  action(input: RecordedInput): void {
    if (input.atMs > this.coveredMs) this.markerList.push({ atMs: input.atMs, kind: 'action', label: describeAction(input.action) });
  }

  /** Before the instant at `instantMs` runs: the grid points before it see the world as it is now. */
  beforeInstant(sim: Simulation, instantMs: number): void {
    this.sampleUntil(sim, instantMs - 1);
  }

  /** After an instant ran (or the clock moved to `sim.nowMs`): markers for what it changed. */
  afterInstant(sim: Simulation): void {
    const fresh = sim.nowMs > this.coveredMs;
    if (sim.api.events.lastSeq !== this.lastEventSeq) {
      for (const record of sim.api.events.since(this.lastEventSeq)) {
        const kind = EVENT_MARKERS[record.reason];
        if (!kind || record.lastTimestampMs <= this.coveredMs) continue;
        if (kind === 'TaintManagerEviction') this.counts.evictions++;
        if (kind === 'FailedScheduling') this.counts.failedScheduling++;
        if (kind === 'NodeNotReady' && record.involvedObject.kind !== 'Node') continue;
        this.markerList.push({ atMs: record.lastTimestampMs, kind, label: `${record.involvedObject.name}: ${record.reason}` });
      }
      this.lastEventSeq = sim.api.events.lastSeq;
    }
    for (const node of sim.api.list<Node>('Node')) {
      const text = taintText(node);
      const before = this.taints.get(node.metadata.name);
      if (text === before) continue;
      this.taints.set(node.metadata.name, text);
      if (!fresh) continue;
      const added = (node.spec.taints ?? []).filter((t) => !(before ?? '').split('\n').includes(`${t.key}:${t.effect}`));
      for (const t of added) this.markerList.push({ atMs: sim.nowMs, kind: 'TaintAdded', label: `${node.metadata.name}: taint ${t.key}:${t.effect}` });
    }
    for (const zone of sim.currentViews().zones) {
      if (this.zones.get(zone.zone) === zone.state) continue;
      const known = this.zones.has(zone.zone);
      this.zones.set(zone.zone, zone.state);
      if (fresh && known) this.markerList.push({ atMs: sim.nowMs, kind: 'ZoneState', label: `${zone.zone}: ${zone.state}` });
    }
    if (fresh) this.coveredMs = sim.nowMs;
  }

  /** After running to `untilMs` (the clock now reads it): the grid points up to it. */
  afterRun(sim: Simulation): void {
    this.afterInstant(sim);
    this.sampleUntil(sim, sim.nowMs);
  }

  /** What was appended since the last call, or null if nothing was. */
  appended(): { markers: TimelineMarker[]; samples: ChartSample[] } | null {
    if (this.posted.markers === this.markerList.length && this.posted.samples === this.sampleList.length) return null;
    const out = { markers: this.markerList.slice(this.posted.markers), samples: this.sampleList.slice(this.posted.samples) };
    this.markAllPosted();
    return out;
  }

  markAllPosted(): void {
    this.posted = { markers: this.markerList.length, samples: this.sampleList.length };
  }

  /** A fork at `atMs`: what lies after it is set aside for one undo; the counts restart from the world's event log. */
  fork(sim: Simulation, atMs: number): void {
    this.cut = {
      atMs,
      markers: this.markerList.filter((m) => m.atMs > atMs),
      samples: this.sampleList.filter((s) => s.atMs > atMs),
      coveredMs: this.coveredMs,
    };
    this.markerList = this.markerList.filter((m) => m.atMs <= atMs);
    this.sampleList = this.sampleList.filter((s) => s.atMs <= atMs);
    this.coveredMs = atMs;
    this.counts = countSince(sim, this.sampleList.at(-1)?.atMs ?? 0);
    this.resync(sim);
  }

  /** Undoes the last fork (the session has restored the world at its instant). */
  undo(sim: Simulation): void {
    const cut = this.cut;
    if (!cut) return;
    this.cut = null;
    this.markerList = [...this.markerList.filter((m) => m.atMs <= cut.atMs), ...cut.markers];
    this.sampleList = [...this.sampleList.filter((s) => s.atMs <= cut.atMs), ...cut.samples];
    this.coveredMs = cut.coveredMs;
    const lastSample = this.sampleList.at(-1)?.atMs ?? 0;
    this.counts = lastSample >= cut.coveredMs ? { evictions: 0, failedScheduling: 0 } : this.counts;
    this.resync(sim);
  }

  private sampleUntil(sim: Simulation, untilMs: number): void {
    for (let at = (this.sampleList.at(-1)?.atMs ?? -SAMPLE_EVERY_MS) + SAMPLE_EVERY_MS; at <= untilMs; at += SAMPLE_EVERY_MS) {
      this.sampleList.push(sample(sim, at, this.counts));
      this.counts = { evictions: 0, failedScheduling: 0 };
    }
  }
}

function taintText(node: Node): string {
  return (node.spec.taints ?? []).map((t) => `${t.key}:${t.effect}`).join('\n');
}

/** The world counted for the charts (it is the world at `atMs`: no instant ran in between). */
function sample(sim: Simulation, atMs: number, counts: { evictions: number; failedScheduling: number }): ChartSample {
  const readyNodes: Record<string, number> = {};
  for (const zone of sim.currentViews().zones) readyNodes[zone.zone] = 0;
  for (const node of sim.api.list<Node>('Node')) {
    const zone = node.metadata.labels?.['topology.kubernetes.io/zone'] ?? '';
    const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    readyNodes[zone] = (readyNodes[zone] ?? 0) + (ready ? 1 : 0);
  }
  const pods = { Running: 0, Pending: 0, Terminating: 0, Failed: 0 };
  for (const pod of sim.api.list<Pod>('Pod')) {
    if (pod.metadata.deletionTimestamp) pods.Terminating++;
    else if (pod.status.phase === 'Running' || pod.status.phase === 'Pending' || pod.status.phase === 'Failed') pods[pod.status.phase]++;
  }
  const out: ChartSample = { atMs, readyNodes, pods, evictions: counts.evictions, failedScheduling: counts.failedScheduling };
  const totals = sim.traffic.allTotals();
  if (totals.size > 0) {
    const requests = { ok: 0, failed: 0 };
    const services: Record<string, { ok: number; failed: number }> = {};
    for (const [service, t] of totals) {
      requests.ok += t.ok;
      requests.failed += t.failed;
      services[service] = { ok: t.ok, failed: t.failed };
    }
    out.requests = requests;
    out.services = services;
  }
  return out;
}

/** Evictions and FailedScheduling recorded after `afterMs`, as the event log still holds them (a repeat counts once). */
function countSince(sim: Simulation, afterMs: number): { evictions: number; failedScheduling: number } {
  const counts = { evictions: 0, failedScheduling: 0 };
  for (const record of sim.api.events.all()) {
    if (record.lastTimestampMs <= afterMs) continue;
    if (record.reason === 'TaintManagerEviction') counts.evictions++;
    if (record.reason === 'FailedScheduling') counts.failedScheduling++;
  }
  return counts;
}
