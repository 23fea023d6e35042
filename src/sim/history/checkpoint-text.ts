/**
 * A checkpoint as JSON text in pieces: the world's snapshot without its API
 * objects and event records (the head), and one text per object and per
 * record. Stored objects are immutable (a write stores a new copy), so an
 * object's text is written once and the same string is shared by every
 * checkpoint that holds the object; an event record changes only together
 * with its seq, so its text is reused while the seq is the same. A steady
 * hour of a big cluster then costs the changed objects, not the whole world,
 * per checkpoint, and writing one serialises only what changed.
 */
import type { KubeObject } from '../api/types';
import type { EventRecord } from '../apiserver/events';
import { Simulation, type WorldSnapshot } from '../simulation';

export interface CheckpointText {
  head: string;
  objects: string[];
  events: string[];
}

export class CheckpointWriter {
  private readonly objectText = new WeakMap<KubeObject, string>();
  private readonly eventText = new WeakMap<EventRecord, { seq: number; text: string }>();

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
    const head = JSON.stringify({ ...snapshot, api: { ...snapshot.api, objects: [], events: { ...snapshot.api.events, records: [] } } });
    return { head, objects, events };
  }
}

/** The world a checkpoint holds (fresh objects: nothing is shared with any other world). */
export function readCheckpoint(text: CheckpointText): Simulation {
  const snapshot = JSON.parse(text.head) as WorldSnapshot;
  snapshot.api.objects = JSON.parse(`[${text.objects.join(',')}]`) as KubeObject[];
  snapshot.api.events.records = JSON.parse(`[${text.events.join(',')}]`) as EventRecord[];
  return new Simulation({}, snapshot);
}
