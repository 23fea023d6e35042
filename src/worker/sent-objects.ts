/**
 * What the page holds of each mirrored object: the stored object last sent
 * for each key, by reference (a stored object never changes, so the same
 * reference is the same content). After a seek the restored world shares
 * most of its objects with the one it replaced (history/checkpoint-text.ts),
 * so its snapshot frame names those by key (`kept`) and carries only the
 * others: less to copy to the page, and the page keeps its objects' identity,
 * so only what changed draws again.
 */
import type { KubeObject } from '../sim/api/types';
import type { ObjectChange, SnapshotFrame } from '../protocol/messages';

export function objectKey(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

export class SentObjects {
  private byKind = new Map<string, Map<string, KubeObject>>();

  /** The page now holds exactly these (a full snapshot frame). */
  noteSnapshot(objects: Record<string, KubeObject[]>): void {
    this.byKind = new Map(Object.entries(objects).map(([kind, list]) => [kind, new Map(list.map((o) => [objectKey(o), o]))]));
  }

  /** The page applied these changes (a diff frame). */
  noteChanges(changes: readonly ObjectChange[]): void {
    for (const { kind, key, object } of changes) {
      let byKey = this.byKind.get(kind);
      if (!byKey) this.byKind.set(kind, (byKey = new Map()));
      if (object) byKey.set(key, object);
      else byKey.delete(key);
    }
  }

  /** `frame` with every object the page holds as it is named in `kept` instead of sent; then notes the frame. */
  compact(frame: SnapshotFrame): SnapshotFrame {
    const objects: Record<string, KubeObject[]> = {};
    const kept: Record<string, string[]> = {};
    for (const [kind, list] of Object.entries(frame.objects)) {
      const held = this.byKind.get(kind);
      objects[kind] = [];
      kept[kind] = [];
      for (const object of list) {
        const key = objectKey(object);
        if (held?.get(key) === object) kept[kind]!.push(key);
        else objects[kind]!.push(object);
      }
    }
    this.noteSnapshot(frame.objects);
    return { ...frame, objects, kept };
  }
}
