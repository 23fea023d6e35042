/**
 * The store's state and how a worker frame changes it. Pure functions: a
 * frame yields the slices it replaced, every other slice keeps its identity,
 * and a Map or Set that changes is a new Map or Set (never mutated), so a
 * component selecting an unchanged slice does not re-render.
 */
import type { KubeObject, Lease, Node, Pod } from '../sim/api/types';
import type { TrafficView } from '../sim';
import type {
  ActionResultFrame,
  DiffFrame,
  EventRecord,
  MachineView,
  ObjectChange,
  ScheduledEviction,
  SimFrame,
  SnapshotFrame,
  ZoneView,
} from '../protocol/messages';

/** Events the page keeps (the engine keeps 10 000). */
export const MAX_EVENTS = 300;

export interface ClusterSlice {
  nodes: ReadonlyMap<string, Node>;
  pods: ReadonlyMap<string, Pod>;
  leases: ReadonlyMap<string, Lease>;
  /** Objects of every other kind, by kind, then key. */
  others: ReadonlyMap<string, ReadonlyMap<string, KubeObject>>;
  /** Keys of the pods bound to each node (spec.nodeName). */
  podsByNode: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Per node, per taint ("key:effect"), the simulated time the page first saw
   * it. Only NoExecute taints carry timeAdded, so this is how the page tells
   * the age of the others (approximately: to the frame that brought them).
   */
  taintSeenMs: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export interface ClockSlice {
  nowMs: number;
  /** Wall-clock ms of simulated t = 0, to read API timestamps. */
  epochMs: number;
}

export interface EventsSlice {
  /** Oldest first; a repeated event moves to the end with its new count. */
  records: readonly EventRecord[];
  /** Event occurrences received since boot (repeats included). */
  received: number;
}

export interface ZonesSlice {
  zones: readonly ZoneView[];
  /** Zones cut off from the control plane. */
  partitioned: ReadonlySet<string>;
}

export interface EvictionsSlice {
  /** Scheduled taint-eviction deletions by pod key ("namespace/name"). */
  byPod: ReadonlyMap<string, ScheduledEviction>;
}

export interface MachinesSlice {
  byNode: ReadonlyMap<string, MachineView>;
}

export interface TrafficSlice {
  byService: ReadonlyMap<string, TrafficView>;
}

export interface PlaybackSlice {
  playing: boolean;
  speed: number;
}

export interface SessionSlice {
  status: 'connecting' | 'running';
  seed: number | null;
  /** The last error the worker reported; cleared by the next boot. */
  error: string | null;
  lastAction: Omit<ActionResultFrame, 'type'> | null;
}

export interface SimState {
  cluster: ClusterSlice;
  clock: ClockSlice;
  events: EventsSlice;
  zones: ZonesSlice;
  evictions: EvictionsSlice;
  machines: MachinesSlice;
  /** Per Service "ns/name" that has had traffic. */
  traffic: TrafficSlice;
  playback: PlaybackSlice;
  session: SessionSlice;
}

export function initialState(): SimState {
  return {
    cluster: { nodes: new Map(), pods: new Map(), leases: new Map(), others: new Map(), podsByNode: new Map(), taintSeenMs: new Map() },
    clock: { nowMs: 0, epochMs: 0 },
    events: { records: [], received: 0 },
    zones: { zones: [], partitioned: new Set() },
    evictions: { byPod: new Map() },
    machines: { byNode: new Map() },
    traffic: { byService: new Map() },
    playback: { playing: false, speed: 1 },
    session: { status: 'connecting', seed: null, error: null, lastAction: null },
  };
}

/** The slices a frame replaces; null when it changes nothing. */
export function reduceFrame(state: SimState, frame: SimFrame): Partial<SimState> | null {
  switch (frame.type) {
    case 'snapshot':
      return frame.kept ? reduceTimeTravel(state, frame) : reduceSnapshot(frame);
    case 'diff':
      return reduceDiff(state, frame);
    case 'action-result': {
      const { seq, description, error } = frame;
      return { session: { ...state.session, lastAction: { seq, description, ...(error !== undefined ? { error } : {}) } } };
    }
    case 'error':
      return { session: { ...state.session, error: frame.message } };
    case 'explanation':
    case 'container-logs':
    case 'scenario-rejected':
    case 'timeline':
    case 'pong':
    case 'recording':
    case 'run-export':
    case 'lesson':
    case 'kubectl-output':
    case 'editor-result':
    case 'progress':
      // The page's own slices (store.ts, page-state.ts, share/) take these.
      return null;
  }
}

function reduceSnapshot(frame: SnapshotFrame): SimState {
  const changes: ObjectChange[] = [];
  for (const [kind, objects] of Object.entries(frame.objects)) {
    for (const object of objects) changes.push({ kind, key: keyOf(object), object });
  }
  const empty = initialState();
  return {
    cluster: applyChanges(empty.cluster, changes, frame.nowMs),
    clock: { nowMs: frame.nowMs, epochMs: frame.epochMs },
    events: { records: mergeEvents([], frame.events), received: frame.events.length },
    zones: { zones: frame.zones, partitioned: new Set(frame.partitionedZones) },
    evictions: { byPod: evictionsByPod(frame.evictions) },
    machines: { byNode: new Map(frame.machines.map((m) => [m.name, m])) },
    traffic: trafficSlice(frame.traffic ?? []),
    playback: { playing: frame.playing, speed: frame.speed },
    session: { status: 'running', seed: frame.seed, error: null, lastAction: null },
  };
}

/**
 * A snapshot after a seek: the objects named in `kept` are the page's own,
 * as they are. Applied as changes to what the page holds, so every object,
 * Map and Set that did not change keeps its identity (and does not draw
 * again); taints count as first seen now, as in any snapshot.
 */
function reduceTimeTravel(state: SimState, frame: SnapshotFrame): SimState {
  const fresh = reduceSnapshot({ ...frame, objects: {} });
  const changes: ObjectChange[] = [];
  for (const [kind, keys] of Object.entries(frame.kept ?? {})) {
    const held = heldOfKind(state.cluster, kind);
    const sent = frame.objects[kind] ?? [];
    const present = new Set(keys);
    for (const key of keys) if (!held.has(key)) throw new Error(`the page has no ${kind} ${key} to keep`);
    for (const object of sent) {
      const key = keyOf(object);
      present.add(key);
      changes.push({ kind, key, object });
    }
    for (const key of held.keys()) if (!present.has(key)) changes.push({ kind, key, object: null });
  }
  const cluster = applyChanges(state.cluster, changes, frame.nowMs);
  return { ...fresh, cluster: { ...cluster, taintSeenMs: taintsSeenNow(cluster.nodes, state.cluster.taintSeenMs, frame.nowMs) } };
}

function heldOfKind(cluster: ClusterSlice, kind: string): ReadonlyMap<string, KubeObject> {
  if (kind === 'Node') return cluster.nodes;
  if (kind === 'Pod') return cluster.pods;
  if (kind === 'Lease') return cluster.leases;
  return cluster.others.get(kind) ?? new Map();
}

/** Every node's taints as first seen at `nowMs`; an entry of `before` that says just that is kept. */
function taintsSeenNow(nodes: ReadonlyMap<string, Node>, before: ReadonlyMap<string, ReadonlyMap<string, number>>, nowMs: number): ReadonlyMap<string, ReadonlyMap<string, number>> {
  const out = new Map<string, ReadonlyMap<string, number>>();
  let same = true;
  for (const [name, node] of nodes) {
    const ids = (node.spec.taints ?? []).map(taintId);
    if (ids.length === 0) continue;
    const old = before.get(name);
    const keep = old && old.size === ids.length && ids.every((id) => old.get(id) === nowMs);
    if (!keep) same = false;
    out.set(name, keep ? old : new Map(ids.map((id) => [id, nowMs])));
  }
  return same && out.size === before.size ? before : out;
}

function reduceDiff(state: SimState, frame: DiffFrame): Partial<SimState> {
  const next: Partial<SimState> = {};
  if (frame.nowMs !== state.clock.nowMs) next.clock = { ...state.clock, nowMs: frame.nowMs };
  if (frame.changes.length > 0) next.cluster = applyChanges(state.cluster, frame.changes, frame.nowMs);
  if (frame.events.length > 0) {
    next.events = { records: mergeEvents(state.events.records, frame.events), received: state.events.received + frame.events.length };
  }
  if (frame.zones || frame.partitionedZones) {
    next.zones = {
      zones: frame.zones ?? state.zones.zones,
      partitioned: frame.partitionedZones ? new Set(frame.partitionedZones) : state.zones.partitioned,
    };
  }
  if (frame.evictions) next.evictions = { byPod: evictionsByPod(frame.evictions) };
  if (frame.machines) next.machines = { byNode: new Map(frame.machines.map((m) => [m.name, m])) };
  if (frame.traffic) next.traffic = trafficSlice(frame.traffic);
  if (frame.playing !== state.playback.playing || frame.speed !== state.playback.speed) {
    next.playback = { playing: frame.playing, speed: frame.speed };
  }
  return next;
}

function keyOf(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

type MutableMap<V> = Map<string, V>;

/** Applies object changes copy-on-write: only the Maps and Sets that change are new. `nowMs` stamps newly seen taints. */
export function applyChanges(cluster: ClusterSlice, changes: readonly ObjectChange[], nowMs = 0): ClusterSlice {
  let nodes: MutableMap<Node> | null = null;
  let pods: MutableMap<Pod> | null = null;
  let leases: MutableMap<Lease> | null = null;
  let others: Map<string, ReadonlyMap<string, KubeObject>> | null = null;
  const copiedKinds = new Set<string>();
  const index = new PodIndexWriter(cluster.podsByNode);
  let taintSeenMs: Map<string, ReadonlyMap<string, number>> | null = null;

  for (const change of changes) {
    switch (change.kind) {
      case 'Node': {
        nodes ??= new Map(cluster.nodes);
        put(nodes, change.key, change.object as Node | null);
        const before = (taintSeenMs ?? cluster.taintSeenMs).get(change.key);
        const after = taintsSeen(before, change.object as Node | null, nowMs);
        if (after !== before) {
          taintSeenMs ??= new Map(cluster.taintSeenMs);
          put(taintSeenMs, change.key, after ?? null);
        }
        break;
      }
      case 'Pod': {
        pods ??= new Map(cluster.pods);
        const before = pods.get(change.key)?.spec.nodeName;
        const after = (change.object as Pod | null)?.spec.nodeName;
        if (before !== after) index.move(change.key, before, after);
        put(pods, change.key, change.object as Pod | null);
        break;
      }
      case 'Lease':
        leases ??= new Map(cluster.leases);
        put(leases, change.key, change.object as Lease | null);
        break;
      default: {
        others ??= new Map(cluster.others);
        let byKey = others.get(change.kind) as Map<string, KubeObject> | undefined;
        if (!copiedKinds.has(change.kind)) {
          byKey = new Map(byKey);
          others.set(change.kind, byKey);
          copiedKinds.add(change.kind);
        }
        put(byKey!, change.key, change.object);
      }
    }
  }
  return {
    nodes: nodes ?? cluster.nodes,
    pods: pods ?? cluster.pods,
    leases: leases ?? cluster.leases,
    others: others ?? cluster.others,
    podsByNode: index.result(),
    taintSeenMs: taintSeenMs ?? cluster.taintSeenMs,
  };
}

/** "key:effect": how the API tells taints apart (values do not count). */
export function taintId(taint: { key: string; effect: string }): string {
  return `${taint.key}:${taint.effect}`;
}

/** The node's taints with when each was first seen; `before` itself when nothing changed. */
function taintsSeen(before: ReadonlyMap<string, number> | undefined, node: Node | null, nowMs: number): ReadonlyMap<string, number> | undefined {
  const ids = (node?.spec.taints ?? []).map(taintId);
  if (ids.length === 0) return undefined;
  if (before && before.size === ids.length && ids.every((id) => before.has(id))) return before;
  return new Map(ids.map((id) => [id, before?.get(id) ?? nowMs]));
}

function put<V>(map: Map<string, V>, key: string, value: V | null): void {
  if (value === null) map.delete(key);
  else map.set(key, value);
}

/** Copy-on-write edits of the pods-by-node index. */
class PodIndexWriter {
  private map: Map<string, ReadonlySet<string>> | null = null;
  private readonly copied = new Set<string>();

  constructor(private readonly original: ReadonlyMap<string, ReadonlySet<string>>) {}

  move(podKey: string, from: string | undefined, to: string | undefined): void {
    if (from) {
      const set = this.writable(from);
      set.delete(podKey);
      if (set.size === 0) this.map!.delete(from);
    }
    if (to) this.writable(to).add(podKey);
  }

  result(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.map ?? this.original;
  }

  private writable(node: string): Set<string> {
    this.map ??= new Map(this.original);
    let set = this.map.get(node);
    if (!set || !this.copied.has(node)) {
      set = new Set(set);
      this.map.set(node, set);
      this.copied.add(node);
    }
    return set as Set<string>;
  }
}

function evictionsByPod(evictions: readonly ScheduledEviction[]): Map<string, ScheduledEviction> {
  return new Map(evictions.map((e) => [e.pod, e]));
}

function eventIdentity(e: EventRecord): string {
  const o = e.involvedObject;
  return `${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}\u0000${o.uid}\u0000${e.type}\u0000${e.reason}\u0000${e.source}\u0000${e.message}`;
}

/** Appends new records, dropping older copies of repeated events, keeping the newest MAX_EVENTS. */
export function mergeEvents(records: readonly EventRecord[], incoming: readonly EventRecord[]): readonly EventRecord[] {
  if (incoming.length === 0) return records;
  const repeated = new Set(incoming.map(eventIdentity));
  const kept = records.filter((r) => !repeated.has(eventIdentity(r)));
  const merged = [...kept, ...dedupeNewest(incoming)];
  return merged.length > MAX_EVENTS ? merged.slice(-MAX_EVENTS) : merged;
}

/** Within one batch an event can appear once only (the engine sends its latest state), but be safe. */
function dedupeNewest(incoming: readonly EventRecord[]): EventRecord[] {
  const byIdentity = new Map<string, EventRecord>();
  for (const record of incoming) {
    const id = eventIdentity(record);
    byIdentity.delete(id);
    byIdentity.set(id, record);
  }
  return [...byIdentity.values()];
}

function trafficSlice(views: readonly TrafficView[]): TrafficSlice {
  return { byService: new Map(views.map((v) => [v.service, v])) };
}
