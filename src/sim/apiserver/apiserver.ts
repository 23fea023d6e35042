/**
 * The simulated API server: an object store with admission (defaulting and
 * validation), uid and resourceVersion counters, graceful pod deletion and
 * synchronous watch events. Controllers and kubelets read from it as from an
 * informer cache and write through it as through a client.
 *
 * Objects handed out are never mutated in place: `update` clones, lets the
 * caller change the copy, and stores the copy.
 */
import { deepClone, deepFreeze } from '../core/clone';
import type { Rng } from '../core/rng';
import { toTimestamp } from '../core/time';
import type { Settings } from '../config';
import { isPodTerminal } from '../api/conditions';
import { NAMESPACED_KINDS, objectKey, type KubeObject, type Manifest, type Pod } from '../api/types';
import { admit, admitUpdate } from './admission';
import { errors } from './errors';
import { checkResourceVersion, decodeManifest, immutableFieldErrors, requiredFieldErrors } from './validation';
import { EventLog, type EventLogState, type EventRecord } from './events';
import { kubernetesService } from './kubernetes-service';

export interface Clock {
  readonly nowMs: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
  /** The object before a MODIFIED event (undefined for ADDED and DELETED). */
  old: T | undefined;
}

export type WatchHandler<T extends KubeObject = KubeObject> = (event: WatchEvent<T>) => void;

export interface DeleteOptions {
  /** Overrides the pod's terminationGracePeriodSeconds; 0 deletes at once. */
  gracePeriodSeconds?: number;
}

export interface ApiServerState {
  resourceVersion: number;
  objects: KubeObject[];
  events: EventLogState;
  /**
   * The indexes' order (pods by node, dependents by owner uid): it follows
   * the history of binds and owner changes, not the objects' order, and
   * controllers iterate it, so a restored world must keep it.
   */
  indexOrder?: { podsByNode: [string, string[]][]; dependents: [string, string[]][] };
}

export interface ObjectChange {
  kind: string;
  key: string;
  /** The object now, or null once it is gone. */
  object: KubeObject | null;
}

export const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

const SYSTEM_PRIORITY_CLASSES: [string, number, string][] = [
  ['system-node-critical', 2_000_001_000, 'Used for system critical pods that must not be moved from their current node.'],
  ['system-cluster-critical', 2_000_000_000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
];

const NO_OBJECTS: readonly KubeObject[] = [];

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class ApiServer {
  readonly events: EventLog;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly podsByNode = new Map<string, Map<string, Pod>>();
  /** owner uid → dependent uid → the dependent's current version (read on every controller sync). */
  private readonly dependentIndex = new Map<string, Map<string, KubeObject>>();
  private readonly watchers = new Map<string, WatchHandler[]>();
  private readonly eventListeners: ((record: EventRecord) => void)[] = [];
  private resourceVersion: number;
  private readonly uidRng: Rng;
  private readonly nameRng: Rng;
  /** Draws Service ClusterIPs (service-ips.ts). */
  readonly clusterIPRng: Rng;
  private changes: Map<string, ObjectChange> | null = null;

  constructor(
    private readonly clock: Clock,
    readonly settings: Settings,
    rngStream: (label: string) => Rng,
    private readonly options: { freeze?: boolean } = {},
    state?: ApiServerState,
  ) {
    this.events = new EventLog(10_000, state?.events);
    this.resourceVersion = state?.resourceVersion ?? 0;
    this.uidRng = rngStream('uids');
    this.nameRng = rngStream('names');
    this.clusterIPRng = rngStream('cluster-ips');
    if (state) {
      // The state is the caller's to give away (Simulation copies or parses it), so it is adopted, not copied again.
      for (const object of state.objects) this.store(object, undefined);
      if (state.indexOrder) this.reorderIndexes(state.indexOrder);
    } else {
      for (const name of DEFAULT_NAMESPACES) this.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      // Upstream: pkg/apis/scheduling SystemPriorityClasses, created by the API server at start.
      for (const [name, value, description] of SYSTEM_PRIORITY_CLASSES) {
        this.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description });
      }
      // Their uids come from a stream of their own, so every other object's uid is what it was before they existed.
      const ownUids = rngStream('uids-apiserver');
      for (const manifest of kubernetesService()) this.createWithUid(manifest, ownUids);
    }
  }

  get nowMs(): number {
    return this.clock.nowMs;
  }

  // ---- reads -------------------------------------------------------------

  get<T extends KubeObject>(kind: string, name: string, namespace?: string): T | undefined {
    return this.objects.get(kind)?.get(objectKey(namespace, name)) as T | undefined;
  }

  list<T extends KubeObject>(kind: string): IterableIterator<T> {
    return ((this.objects.get(kind) ?? new Map()).values() as IterableIterator<T>);
  }

  count(kind: string): number {
    return this.objects.get(kind)?.size ?? 0;
  }

  /** Pods whose spec.nodeName is `nodeName` (the informer index upstream calls "spec.nodeName"). */
  podsOnNode(nodeName: string): Pod[] {
    const pods = this.podsByNode.get(nodeName);
    return pods ? [...pods.values()] : [];
  }

  /** Names of the nodes that have pods bound to them. */
  nodeNamesWithPods(): string[] {
    return [...this.podsByNode.keys()];
  }

  /** Objects whose ownerReferences name `uid`. */
  dependentsOf(uid: string): KubeObject[] {
    return [...this.dependents(uid)];
  }

  /** The same, without a copy: the index itself (do not write while iterating). */
  dependents(uid: string): Iterable<KubeObject> {
    return this.dependentIndex.get(uid)?.values() ?? NO_OBJECTS;
  }

  // ---- writes ------------------------------------------------------------

  /** POST: admission, then store. Throws ApiError. */
  create<T extends KubeObject>(manifest: Manifest): T {
    return this.createWithUid(manifest, this.uidRng);
  }

  /** `create`, with the uid drawn from `uids` (the API server's own objects use their own stream). */
  private createWithUid<T extends KubeObject>(manifest: Manifest, uids: Rng): T {
    const object = admit(this, deepClone(manifest));
    const { kind } = object;
    const { name, namespace } = object.metadata;
    if (namespace !== undefined && kind !== 'Namespace' && !this.get('Namespace', namespace)) {
      throw errors.notFound('Namespace', namespace);
    }
    if (this.get(kind, name, namespace)) throw errors.alreadyExists(kind, name);
    object.metadata.uid = this.newUid(uids);
    object.metadata.creationTimestamp = toTimestamp(this.clock.nowMs);
    object.metadata.resourceVersion = String(++this.resourceVersion);
    this.store(object, undefined);
    this.notify(kind, { type: 'ADDED', object, old: undefined });
    return object as T;
  }

  /**
   * PUT with a read-modify-write: `mutate` changes a private copy of the
   * stored object; returning false means "nothing to write". Returns the
   * stored result. Throws NotFound.
   */
  update<T extends KubeObject>(kind: string, name: string, namespace: string | undefined, mutate: (draft: T) => void | boolean): T {
    const old = this.get<T>(kind, name, namespace);
    if (!old) throw errors.notFound(kind, name);
    const draft = deepClone(old);
    if (mutate(draft) === false) return old;
    if (TRACKS_GENERATION.has(kind) && !sameJson((old as { spec?: unknown }).spec, (draft as { spec?: unknown }).spec)) {
      // The registry strategies' PrepareForUpdate: a spec change is a new generation.
      draft.metadata.generation = (old.metadata.generation ?? 1) + 1;
    }
    draft.metadata.resourceVersion = String(++this.resourceVersion);
    this.store(draft, old);
    this.notify(kind, { type: 'MODIFIED', object: draft, old });
    return draft;
  }

  /**
   * PUT …/status: `next` computes the new status from the stored object
   * (false: nothing to write). Only the status and resourceVersion change,
   * so the new version shares its spec and the rest of its metadata with
   * the stored one instead of copying them (stored objects are never
   * written to; tests freeze them to make sure). Throws NotFound.
   */
  updateStatus<T extends KubeObject & { status?: unknown }>(kind: string, name: string, namespace: string | undefined, next: (stored: T) => T['status'] | false): T {
    const old = this.get<T>(kind, name, namespace);
    if (!old) throw errors.notFound(kind, name);
    const status = next(old);
    if (status === false) return old;
    const updated = { ...old, metadata: { ...old.metadata, resourceVersion: String(++this.resourceVersion) }, status };
    this.store(updated, old);
    this.notify(kind, { type: 'MODIFIED', object: updated, old });
    return updated;
  }

  /**
   * `kubectl apply`: create, or a three-way merge of the last applied
   * manifest, the live object and the new manifest — so fields others set
   * (a pod's nodeName, a paused Deployment's revision annotation) survive,
   * and fields dropped from the manifest are removed. Lists are replaced
   * whole (kubectl merges some by key).
   */
  apply<T extends KubeObject>(manifest: Manifest): T {
    const plan = this.planApply(manifest);
    if (!plan.existing) return this.create<T>(plan.desired);
    return this.update<T>(plan.existing.kind, plan.existing.metadata.name, plan.existing.metadata.namespace, (draft) => writeApplied(draft, plan.incoming!));
  }

  /**
   * `kubectl apply --dry-run=server`: every check apply makes, nothing
   * stored, no counter or random stream moved. Returns the live object (if
   * any) and what it would become. Throws ApiError as apply would.
   */
  dryRunApply(manifest: Manifest): { live: KubeObject | undefined; result: KubeObject } {
    const plan = this.planApply(manifest);
    if (!plan.existing) {
      const desired = deepClone(plan.desired);
      // A generated name would draw from the name stream; a dry run shows the prefix.
      if (!desired.metadata?.name && desired.metadata?.generateName) desired.metadata.name = desired.metadata.generateName;
      const object = admit(this, desired);
      const { name, namespace } = object.metadata;
      if (namespace !== undefined && object.kind !== 'Namespace' && !this.get('Namespace', namespace)) throw errors.notFound('Namespace', namespace);
      if (this.get(object.kind, name, namespace)) throw errors.alreadyExists(object.kind, name);
      object.metadata.creationTimestamp = toTimestamp(this.clock.nowMs);
      return { live: undefined, result: object };
    }
    const draft = deepClone(plan.existing);
    writeApplied(draft, plan.incoming!);
    if (TRACKS_GENERATION.has(draft.kind) && !sameJson((plan.existing as { spec?: unknown }).spec, (draft as { spec?: unknown }).spec)) {
      draft.metadata.generation = (plan.existing.metadata.generation ?? 1) + 1;
    }
    return { live: plan.existing, result: draft };
  }

  /** What apply would do: create `desired`, or write `incoming` over `existing`. Throws ApiError. */
  private planApply(manifest: Manifest): { desired: Manifest; existing?: KubeObject; incoming?: KubeObject } {
    // What a user sends is decoded strictly and checked against the schema first (./validation).
    const info = decodeManifest(manifest);
    const namespace = info.namespaced ? manifest.metadata?.namespace || 'default' : undefined;
    const name = manifest.metadata?.name;
    const existing = name ? this.get(info.kind, name, namespace) : undefined;
    checkResourceVersion(manifest, existing);
    const required = requiredFieldErrors(manifest, info.kind);
    if (required.length) throw errors.invalid(info.kind, name ?? '', required);
    const desired = withLastApplied(withoutServerFields(manifest));
    if (!existing) return { desired };
    const immutable = immutableFieldErrors(existing, manifest);
    if (immutable.length) throw errors.invalid(info.kind, existing.metadata.name, immutable);
    const lastApplied = parseLastApplied(existing);
    const live = deepClone(existing) as KubeObject & { status?: unknown };
    delete live.status;
    const merged = threeWayMerge(live, lastApplied, desired) as Manifest;
    return { desired, existing, incoming: admitUpdate(this, existing, merged) };
  }

  /**
   * DELETE. Pods that are scheduled and not terminal are deleted gracefully:
   * they get a deletionTimestamp and stay until their kubelet confirms
   * (Upstream: pkg/registry/core/pod/strategy.go CheckGracefulDelete).
   * Everything else is removed at once. Throws NotFound.
   */
  delete(kind: string, name: string, namespace?: string, options: DeleteOptions = {}): void {
    const object = this.get(kind, name, namespace);
    if (!object) throw errors.notFound(kind, name);
    if (kind === 'Pod') {
      const graceSeconds = this.podDeletionGraceSeconds(object as Pod, options);
      if (graceSeconds > 0) {
        this.markTerminating(object as Pod, graceSeconds);
        return;
      }
    }
    this.remove(object);
  }

  /** Records an event (client-go EventRecorder.Event). */
  recordEvent(
    object: KubeObject,
    type: EventRecord['type'],
    reason: string,
    message: string,
    source: string,
    host?: string,
  ): void {
    const record = this.events.record(this.clock.nowMs, object, type, reason, message, source, host);
    for (const listener of this.eventListeners) listener(record);
  }

  // ---- watches -----------------------------------------------------------

  /** Calls `handler` synchronously after every write to objects of `kind` ('*' = all kinds). */
  watch<T extends KubeObject>(kind: string, handler: WatchHandler<T>): void {
    const list = this.watchers.get(kind) ?? [];
    list.push(handler as WatchHandler);
    this.watchers.set(kind, list);
  }

  onEvent(listener: (record: EventRecord) => void): void {
    this.eventListeners.push(listener);
  }

  /** Starts collecting changed objects for `drainChanges` (the UI's diffs). */
  trackChanges(): void {
    this.changes ??= new Map();
  }

  /** Objects changed since the last drain, squashed to their latest state. */
  drainChanges(): ObjectChange[] {
    if (!this.changes) return [];
    const out = [...this.changes.values()];
    this.changes.clear();
    return out;
  }

  newGeneratedName(base: string): string {
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[this.nameRng.int(NAME_ALPHABET.length)];
    return base + suffix;
  }

  /** Every stored object itself (immutable: never change one), in no particular order. */
  *storedObjects(): Iterable<KubeObject> {
    for (const byKey of this.objects.values()) yield* byKey.values();
  }

  /** `shared`: the stored objects and event records themselves, not copies (to serialise at once). */
  snapshot(shared = false): ApiServerState {
    const objects: KubeObject[] = [];
    for (const byKey of this.objects.values()) for (const object of byKey.values()) objects.push(shared ? object : deepClone(object));
    return {
      resourceVersion: this.resourceVersion,
      objects,
      events: this.events.snapshot(shared),
      indexOrder: {
        podsByNode: [...this.podsByNode].map(([node, pods]) => [node, [...pods.keys()]]),
        dependents: [...this.dependentIndex].map(([uid, dependents]) => [uid, [...dependents.keys()]]),
      },
    };
  }

  /** Rebuilds the indexes in a snapshot's order (same entries, built from the restored objects). */
  private reorderIndexes(order: NonNullable<ApiServerState['indexOrder']>): void {
    const reorder = <V>(index: Map<string, Map<string, V>>, saved: [string, string[]][]) => {
      const built = new Map(index);
      index.clear();
      for (const [outer, keys] of saved) {
        const entries = built.get(outer);
        if (!entries) continue;
        const ordered = new Map<string, V>();
        for (const k of keys) if (entries.has(k)) ordered.set(k, entries.get(k) as V);
        for (const [k, v] of entries) if (!ordered.has(k)) ordered.set(k, v);
        index.set(outer, ordered);
      }
      for (const [outer, entries] of built) if (!index.has(outer)) index.set(outer, entries);
    };
    reorder(this.podsByNode, order.podsByNode);
    reorder(this.dependentIndex, order.dependents);
  }

  // ---- internals ---------------------------------------------------------

  private podDeletionGraceSeconds(pod: Pod, options: DeleteOptions): number {
    if (!pod.spec.nodeName || isPodTerminal(pod)) return 0;
    const requested = options.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, requested);
  }

  private markTerminating(pod: Pod, graceSeconds: number): void {
    const deadlineMs = this.clock.nowMs + graceSeconds * 1000;
    const current = pod.metadata.deletionTimestamp;
    // A second DELETE may shorten the grace period, never extend it.
    if (current !== undefined && current <= toTimestamp(deadlineMs)) return;
    this.update<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, (draft) => {
      draft.metadata.deletionTimestamp = toTimestamp(deadlineMs);
      draft.metadata.deletionGracePeriodSeconds = graceSeconds;
    });
  }

  private remove(object: KubeObject): void {
    const { kind } = object;
    const key = objectKey(object.metadata.namespace, object.metadata.name);
    this.objects.get(kind)?.delete(key);
    this.reindex(key, undefined, object);
    this.changes?.set(`${kind}\u0000${key}`, { kind, key, object: null });
    this.notify(kind, { type: 'DELETED', object, old: undefined });
  }

  private store(object: KubeObject, old: KubeObject | undefined): void {
    if (this.options.freeze) deepFreeze(object);
    const { kind } = object;
    const key = objectKey(object.metadata.namespace, object.metadata.name);
    let byKey = this.objects.get(kind);
    if (!byKey) this.objects.set(kind, (byKey = new Map()));
    byKey.set(key, object);
    this.reindex(key, object, old);
    this.changes?.set(`${kind}\u0000${key}`, { kind, key, object });
  }

  /**
   * Moves the node and owner indexes from `old` to `object` (either may be
   * absent). An entry whose node or owner did not change is replaced where
   * it stands, so an index keeps first-insertion order.
   */
  private reindex(key: string, object: KubeObject | undefined, old: KubeObject | undefined): void {
    const pod = (object ?? old)!.kind === 'Pod';
    const oldNode = pod ? (old as Pod | undefined)?.spec.nodeName : undefined;
    const newNode = pod ? (object as Pod | undefined)?.spec.nodeName : undefined;
    if (oldNode && oldNode !== newNode) {
      const pods = this.podsByNode.get(oldNode)!;
      pods.delete(key);
      if (pods.size === 0) this.podsByNode.delete(oldNode);
    }
    if (newNode) {
      let pods = this.podsByNode.get(newNode);
      if (!pods) this.podsByNode.set(newNode, (pods = new Map()));
      pods.set(key, object as Pod);
    }
    const oldRefs = old?.metadata.ownerReferences;
    const newRefs = object?.metadata.ownerReferences;
    if (oldRefs) {
      const uid = old!.metadata.uid;
      for (const ref of oldRefs) {
        if (newRefs?.some((r) => r.uid === ref.uid)) continue;
        const refs = this.dependentIndex.get(ref.uid);
        refs?.delete(uid);
        if (refs?.size === 0) this.dependentIndex.delete(ref.uid);
      }
    }
    if (newRefs) {
      const uid = object!.metadata.uid;
      for (const ref of newRefs) {
        let refs = this.dependentIndex.get(ref.uid);
        if (!refs) this.dependentIndex.set(ref.uid, (refs = new Map()));
        refs.set(uid, object!);
      }
    }
  }

  private notify(kind: string, event: WatchEvent): void {
    for (const handler of this.watchers.get(kind) ?? []) handler(event);
    for (const handler of this.watchers.get('*') ?? []) handler(event);
  }

  private newUid(uids: Rng = this.uidRng): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const a = hex(uids.nextUint32());
    const b = hex(uids.nextUint32());
    const c = hex(uids.nextUint32());
    const d = hex(uids.nextUint32());
    // A version-4 UUID, as the API server generates.
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0]!, 16) & 3) | 8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}

export function isNamespacedKind(kind: string): boolean {
  return NAMESPACED_KINDS.has(kind);
}

/** Kinds whose metadata.generation counts spec changes. */
const TRACKS_GENERATION = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'PodDisruptionBudget', 'Service']);

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Writes an applied version's fields over a copy of the stored object (its status and server metadata stay). */
function writeApplied(draft: KubeObject, incoming: KubeObject): void {
  const target = draft as unknown as Record<string, unknown>;
  for (const field of Object.keys(target)) {
    if (!['metadata', 'status', 'kind', 'apiVersion'].includes(field) && !(field in incoming)) delete target[field];
  }
  for (const [field, value] of Object.entries(incoming)) {
    if (field === 'metadata' || field === 'status' || field === 'kind' || field === 'apiVersion') continue;
    target[field] = value;
  }
  draft.metadata.labels = incoming.metadata.labels;
  draft.metadata.annotations = incoming.metadata.annotations;
}

/** The fields the server owns, dropped from what is applied (an edited live copy carries them; checked above). */
function withoutServerFields(manifest: Manifest): Manifest {
  const meta = manifest.metadata;
  if (!meta || !('resourceVersion' in meta || 'uid' in meta || 'creationTimestamp' in meta || 'managedFields' in meta || 'generation' in meta)) return manifest;
  const copy = { ...manifest, metadata: { ...meta } };
  for (const field of ['resourceVersion', 'uid', 'creationTimestamp', 'managedFields', 'generation', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    delete (copy.metadata as Record<string, unknown>)[field];
  }
  return copy;
}

/** The manifest as kubectl sends it: with itself recorded in the last-applied annotation. */
function withLastApplied(manifest: Manifest): Manifest {
  const copy = deepClone(manifest);
  const recorded = deepClone(manifest);
  delete recorded.status;
  copy.metadata = { ...copy.metadata, annotations: { ...copy.metadata?.annotations, [LAST_APPLIED]: JSON.stringify(recorded) } };
  return copy;
}

function parseLastApplied(object: KubeObject): unknown {
  const text = object.metadata.annotations?.[LAST_APPLIED];
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** kubectl's three-way merge, simplified: maps merge, everything else is replaced. */
function threeWayMerge(live: unknown, lastApplied: unknown, desired: unknown): unknown {
  if (!isMap(live) || !isMap(desired)) return deepClone(desired);
  const last = isMap(lastApplied) ? lastApplied : {};
  const out: Record<string, unknown> = { ...live };
  for (const key of Object.keys(last)) if (!(key in desired)) delete out[key];
  for (const [key, value] of Object.entries(desired)) out[key] = threeWayMerge(live[key], last[key], value);
  return out;
}
