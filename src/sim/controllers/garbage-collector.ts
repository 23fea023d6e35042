/**
 * The garbage collector: background cascading deletion through
 * ownerReferences. When an owner goes, each dependent whose owners are all
 * gone is deleted (with its normal deletion, so a bound pod terminates
 * gracefully); a dependent that still has a live owner only loses the
 * references to the dead ones.
 *
 * Upstream: pkg/controller/garbagecollector/garbagecollector.go
 * (attemptToDeleteItem, classifyReferences) and graph_builder.go. Upstream
 * keeps a graph of every object fed by informers and resolves owners with
 * GETs; our API server indexes dependents by owner uid, which is the same
 * graph without the copy. Not modelled: foreground deletion and orphaning
 * (deleteOptions.propagationPolicy); blockOwnerDeletion; owners of kinds the
 * API server does not serve (upstream retries resolving them forever, so it
 * never deletes such dependents — we leave them alone too).
 */
import { isNamespacedKind, type WatchEvent } from '../apiserver/apiserver';
import { isServedKind } from '../apiserver/admission';
import { ApiError } from '../apiserver/errors';
import type { Component, ComponentContext } from '../component';
import { objectKey, type KubeObject, type OwnerReference } from '../api/types';
import { drainQueue } from '../core/heap';

export interface GarbageCollectorState {
  /** uids of deleted objects whose dependents are still to be looked at. */
  deletedOwnerUids: string[];
  /** "kind\0namespace/name" of objects whose owners are to be checked (attemptToDelete). */
  attemptToDelete: string[];
}

type OwnerState = 'solid' | 'dangling' | 'unresolvable';

export class GarbageCollector implements Component {
  readonly name = 'garbage-collector';
  private readonly deletedOwnerUids: Set<string>;
  private readonly attemptToDelete: Set<string>;

  constructor(
    private readonly ctx: ComponentContext,
    state?: GarbageCollectorState,
  ) {
    this.deletedOwnerUids = new Set(state?.deletedOwnerUids);
    this.attemptToDelete = new Set(state?.attemptToDelete);
    ctx.api.watch('*', (event) => this.onWatchEvent(event));
  }

  sync(): boolean {
    let worked = false;
    // Deleted owners first: they feed attemptToDelete.
    while (this.deletedOwnerUids.size > 0 || this.attemptToDelete.size > 0) {
      worked = drainQueue(this.deletedOwnerUids, (uid) => this.processDeletedOwner(uid)) || worked;
      worked =
        drainQueue(this.attemptToDelete, (ref) => {
          const [kind, key] = splitRef(ref);
          const [namespace, name] = splitKey(key);
          const object = this.ctx.api.get(kind, name, namespace);
          if (object) this.attemptToDeleteItem(object);
        }) || worked;
    }
    return worked;
  }

  snapshot(): GarbageCollectorState {
    return { deletedOwnerUids: [...this.deletedOwnerUids], attemptToDelete: [...this.attemptToDelete] };
  }

  /**
   * Upstream: GraphBuilder.processGraphChanges. A deletion makes the owner's
   * dependents candidates; a new or re-owned object is checked for owners
   * that do not exist (upstream's virtual owner nodes).
   */
  private onWatchEvent(event: WatchEvent): void {
    const object = event.object;
    if (event.type === 'DELETED') {
      this.deletedOwnerUids.add(object.metadata.uid);
      return;
    }
    const refs = object.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    if (event.type === 'MODIFIED' && sameOwnerUids(event.old?.metadata.ownerReferences ?? [], refs)) return;
    this.attemptToDelete.add(refOf(object));
  }

  private processDeletedOwner(uid: string): void {
    const dependents = this.ctx.api.dependentsOf(uid).sort((a, b) => compareStrings(refOf(a), refOf(b)));
    for (const dependent of dependents) this.attemptToDeleteItem(dependent);
  }

  /** Upstream: attemptToDeleteItem, background propagation only. */
  private attemptToDeleteItem(item: KubeObject): void {
    // Upstream: "being deleted" is a one-way trip; its dependents are handled when it is gone.
    if (item.metadata.deletionTimestamp) return;
    const refs = item.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const states = refs.map((ref) => this.ownerState(item, ref));
    // Upstream fails the whole item (and retries) when an owner cannot be resolved.
    if (states.includes('unresolvable')) return;
    const dangling = refs.filter((_, i) => states[i] === 'dangling');
    if (dangling.length === 0) return;
    const { api } = this.ctx;
    const { name, namespace } = item.metadata;
    try {
      if (dangling.length < refs.length) {
        // Upstream: a patch that removes the dangling references; the live owners keep it.
        const deadUids = new Set(dangling.map((ref) => ref.uid));
        api.update(item.kind, name, namespace, (draft) => {
          draft.metadata.ownerReferences = (draft.metadata.ownerReferences ?? []).filter((ref) => !deadUids.has(ref.uid));
        });
      } else {
        api.delete(item.kind, name, namespace);
      }
    } catch (error) {
      // NotFound: someone else deleted it first, which is what we wanted.
      if (!(error instanceof ApiError)) throw error;
    }
  }

  /**
   * Upstream: classifyReferences / isDangling. An owner is dangling when no
   * object of its kind and name exists, or one does with another uid.
   * Owners of a namespaced dependent live in its namespace; a cluster-scoped
   * dependent can only be owned by cluster-scoped objects.
   */
  private ownerState(item: KubeObject, ref: OwnerReference): OwnerState {
    if (!isServedKind(ref.kind)) return 'unresolvable';
    const namespace = isNamespacedKind(ref.kind) ? item.metadata.namespace : undefined;
    if (isNamespacedKind(ref.kind) && !namespace) return 'dangling';
    const owner = this.ctx.api.get(ref.kind, ref.name, namespace);
    return owner && owner.metadata.uid === ref.uid ? 'solid' : 'dangling';
  }
}

function refOf(object: KubeObject): string {
  return `${object.kind}\u0000${objectKey(object.metadata.namespace, object.metadata.name)}`;
}

function splitRef(ref: string): [string, string] {
  const at = ref.indexOf('\u0000');
  return [ref.slice(0, at), ref.slice(at + 1)];
}

/** "ns/name" → [ns, name]; "name" → [undefined, name]. */
function splitKey(key: string): [string | undefined, string] {
  const slash = key.indexOf('/');
  return slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
}

function sameOwnerUids(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  return a.length === b.length && a.every((ref, i) => ref.uid === b[i]!.uid);
}


function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
