/**
 * A checkpoint as JSON text in pieces: the world's snapshot without its API
 * objects and event records (the head), and one text per object and per
 * record. Stored objects are immutable (a write stores a new copy), so an
 * object's text is written once and the same string is shared by every
 * checkpoint that holds the object; an event record changes only together
 * with its seq, so its text is reused while the seq is the same. A steady
 * hour of a big cluster then costs the changed objects, not the whole world,
 * per checkpoint, and writing one serialises only what changed.
 *
 * Restoring shares the other way: a piece whose text the world being
 * replaced still holds (the same object, or the same record at the same seq)
 * is taken from that world instead of parsed again. The replaced world is
 * dropped, so its records may be adopted; its objects are immutable anyway.
 * Only the pieces that changed since are parsed, and a seek near the
 * current instant costs little more than the head.
 *
 * Two more parts of the world are large enough to be pieces of their own:
 * the action log (a big cluster's boot applies thousands of objects; a
 * record is final once it has run, so its text is written once) and the
 * kubelets' state, one piece per kubelet (a piece equal to that kubelet's
 * previous one reuses its string, so checkpoints share it and it is
 * counted once).
 */
import type { KubeObject } from '../api/types';
import type { EventRecord } from '../apiserver/events';
import type { KubeletsState } from '../kubelet/kubelets';
import { Simulation, type ActionRecord, type WorldSnapshot } from '../simulation';

export interface CheckpointText {
  head: string;
  objects: string[];
  events: string[];
  /** The action log, one record per piece. */
  actions: string[];
  /** The kubelets' state, one `"name":{…}` member per kubelet. */
  kubelets: string[];
}

/** The kubelets' component name in a snapshot. */
const KUBELET = 'kubelet';

export class CheckpointWriter {
  private readonly objectText = new WeakMap<KubeObject, string>();
  private readonly eventText = new WeakMap<EventRecord, { seq: number; text: string }>();
  /** Records that have run, which never change again. */
  private readonly actionText = new WeakMap<ActionRecord, string>();
  /** Each kubelet's last written piece. */
  private readonly kubeletText = new Map<string, string>();

  write(sim: Simulation): CheckpointText {
    const snapshot = sim.snapshotShared();
    const objects = snapshot.api.objects.map((object) => {
      let text = this.objectText.get(object);
      if (text === undefined) this.objectText.set(object, (text = JSON.stringify(object)));
      return text;
    });
    const events = snapshot.api.events.records.map((record) => {
      const cached = this.eventText.get(record);
      if (cached && cached.seq === record.seq) return cached.text;
      const text = JSON.stringify(record);
      this.eventText.set(record, { seq: record.seq, text });
      return text;
    });
    const actions = snapshot.actions.map((record) => {
      let text = this.actionText.get(record);
      if (text === undefined) {
        text = JSON.stringify(record);
        if (record.done) this.actionText.set(record, text);
      }
      return text;
    });
    const kubeletState = snapshot.components[KUBELET] as KubeletsState;
    const kubelets = Object.entries(kubeletState.kubelets).map(([name, state]) => {
      const text = `${JSON.stringify(name)}:${JSON.stringify(state)}`;
      const previous = this.kubeletText.get(name);
      if (previous === text) return previous;
      this.kubeletText.set(name, text);
      return text;
    });
    const head = JSON.stringify({
      ...snapshot,
      api: { ...snapshot.api, objects: [], events: { ...snapshot.api.events, records: [] } },
      actions: [],
      components: { ...snapshot.components, [KUBELET]: { ...kubeletState, kubelets: {} } },
    });
    return { head, objects, events, actions, kubelets };
  }

  /**
   * The world a checkpoint holds, taking from `replaced` (a world about to
   * be dropped) every object and record whose text it still has.
   */
  read(text: CheckpointText, replaced?: Simulation): Simulation {
    const objects = new Map<string, KubeObject>();
    const records = new Map<string, EventRecord>();
    const actionRecords = new Map<string, ActionRecord>();
    if (replaced) {
      for (const object of replaced.api.storedObjects()) {
        const known = this.objectText.get(object);
        if (known !== undefined) objects.set(known, object);
      }
      for (const record of replaced.api.events.all()) {
        const known = this.eventText.get(record);
        if (known && known.seq === record.seq) records.set(known.text, record);
      }
      for (const record of replaced.actionLog()) {
        const known = this.actionText.get(record);
        if (known !== undefined) actionRecords.set(known, record);
      }
    }
    const snapshot = JSON.parse(text.head) as WorldSnapshot;
    snapshot.api.objects = adopt(text.objects, objects, (object, piece) => this.objectText.set(object, piece));
    snapshot.api.events.records = adopt(text.events, records, (record, piece) => this.eventText.set(record, { seq: record.seq, text: piece }));
    snapshot.actions = adopt(text.actions, actionRecords, (record, piece) => {
      if (record.done) this.actionText.set(record, piece);
    });
    (snapshot.components[KUBELET] as KubeletsState).kubelets = JSON.parse(`{${text.kubelets.join(',')}}`) as KubeletsState['kubelets'];
    return new Simulation({}, snapshot);
  }
}

/**
 * The pieces as values: those `known` holds taken from it (each at most
 * once), the others parsed in one go and passed to `parsed` with their text
 * (so that the next restore or checkpoint knows them).
 */
function adopt<T>(pieces: readonly string[], known: Map<string, T>, noteParsed: (value: T, piece: string) => void): T[] {
  const out: (T | undefined)[] = new Array(pieces.length);
  const missing: number[] = [];
  pieces.forEach((piece, i) => {
    const value = known.get(piece);
    if (value === undefined) missing.push(i);
    else {
      out[i] = value;
      // Two equal records are two records: the second is parsed.
      known.delete(piece);
    }
  });
  if (missing.length > 0) {
    const parsed = JSON.parse(`[${missing.map((i) => pieces[i]).join(',')}]`) as T[];
    missing.forEach((i, k) => {
      out[i] = parsed[k];
      noteParsed(parsed[k]!, pieces[i]!);
    });
  }
  return out as T[];
}
