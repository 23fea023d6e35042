/**
 * Events, as components record them through client-go's EventRecorder.
 * Identical events on the same object are aggregated into one record with a
 * count (upstream's EventCorrelator does this within a 10-minute window; we
 * aggregate for as long as the record is kept). The log keeps the newest
 * `capacity` records (trimmed back to that once it holds twice as many);
 * upstream keeps events for one hour (--event-ttl).
 */
import type { KubeObject } from '../api/types';

export interface EventRecord {
  /** Sequence number of the last occurrence; grows with every recorded event. */
  seq: number;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** The component that recorded it: "node-controller", "kubelet", … */
  source: string;
  host?: string;
  involvedObject: { kind: string; namespace?: string; name: string; uid: string };
  firstTimestampMs: number;
  lastTimestampMs: number;
  count: number;
}

export interface EventLogState {
  seq: number;
  records: EventRecord[];
}

export class EventLog {
  private seq: number;
  private records: EventRecord[];
  private readonly byKey = new Map<string, EventRecord>();
  /** Every occurrence in order, so `since` is a binary search rather than a scan and sort. */
  private readonly occurrences: { seq: number; record: EventRecord }[] = [];

  constructor(
    private readonly capacity = 10_000,
    state?: EventLogState,
  ) {
    this.seq = state?.seq ?? 0;
    // A state is the caller's to give away (a copied or parsed snapshot): adopted, not copied again.
    this.records = state ? state.records : [];
    for (const r of this.records) this.byKey.set(aggregateKey(r), r);
    for (const r of [...this.records].sort((a, b) => a.seq - b.seq)) this.occurrences.push({ seq: r.seq, record: r });
  }

  record(
    nowMs: number,
    object: KubeObject,
    type: EventRecord['type'],
    reason: string,
    message: string,
    source: string,
    host?: string,
  ): EventRecord {
    const involvedObject = {
      kind: object.kind,
      name: object.metadata.name,
      uid: object.metadata.uid,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    };
    const key = aggregateKey({ type, reason, message, source, involvedObject });
    const seq = ++this.seq;
    const existing = this.byKey.get(key);
    if (existing) {
      existing.count++;
      existing.lastTimestampMs = nowMs;
      existing.seq = seq;
      this.occurrences.push({ seq, record: existing });
      return existing;
    }
    const record: EventRecord = {
      seq,
      type,
      reason,
      message,
      source,
      ...(host ? { host } : {}),
      involvedObject,
      firstTimestampMs: nowMs,
      lastTimestampMs: nowMs,
      count: 1,
    };
    this.records.push(record);
    this.byKey.set(key, record);
    this.occurrences.push({ seq, record });
    if (this.records.length > this.capacity * 2) this.trim();
    return record;
  }

  /** Records whose last occurrence came after sequence number `seq`, oldest first. */
  since(seq: number): EventRecord[] {
    let lo = 0;
    let hi = this.occurrences.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.occurrences[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    const out: EventRecord[] = [];
    // A record that recurred is reported once, at its latest occurrence.
    for (let i = lo; i < this.occurrences.length; i++) {
      const { seq: at, record } = this.occurrences[i]!;
      if (record.seq === at && this.byKey.get(aggregateKey(record)) === record) out.push(record);
    }
    return out;
  }

  /** The last `limit` records `since(0)` would list, oldest first, without walking the whole log. */
  latest(limit: number): EventRecord[] {
    const out: EventRecord[] = [];
    for (let i = this.occurrences.length - 1; i >= 0 && out.length < limit; i--) {
      const { seq: at, record } = this.occurrences[i]!;
      if (record.seq === at && this.byKey.get(aggregateKey(record)) === record) out.push(record);
    }
    return out.reverse();
  }

  all(): readonly EventRecord[] {
    return this.records;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** `shared`: the records themselves, not copies (to serialise at once; a record changes only with its seq). */
  snapshot(shared = false): EventLogState {
    if (shared) return { seq: this.seq, records: [...this.records] };
    return { seq: this.seq, records: this.records.map((r) => ({ ...r, involvedObject: { ...r.involvedObject } })) };
  }

  private trim(): void {
    this.records.sort((a, b) => a.seq - b.seq);
    const dropped = this.records.splice(0, this.records.length - this.capacity);
    for (const r of dropped) this.byKey.delete(aggregateKey(r));
    const oldestKept = this.records[0]?.seq ?? this.seq + 1;
    const firstKept = this.occurrences.findIndex((o) => o.seq >= oldestKept);
    this.occurrences.splice(0, firstKept < 0 ? this.occurrences.length : firstKept);
  }
}

function aggregateKey(r: Pick<EventRecord, 'type' | 'reason' | 'message' | 'source' | 'involvedObject'>): string {
  const o = r.involvedObject;
  return `${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}\u0000${o.uid}\u0000${r.type}\u0000${r.reason}\u0000${r.source}\u0000${r.message}`;
}
