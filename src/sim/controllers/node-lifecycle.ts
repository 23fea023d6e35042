/**
 * The node lifecycle controller.
 * Upstream: pkg/controller/nodelifecycle/node_lifecycle_controller.go
 *
 * Three loops, each a component in the per-instant order:
 *  - the monitor pass (`monitorNodeHealth`, every nodeMonitorPeriod): grace
 *    checks, Unknown marking, MarkPodsNotReady, NoExecute taint decisions,
 *    zone states and eviction rates (`handleDisruption`);
 *  - the NoSchedule pass (`doNoScheduleTaintingPass`), on node add/update;
 *  - the NoExecute tainting loop (`doNoExecuteTaintingPass`, every 100 ms),
 *    draining each zone's rate-limited queue.
 *
 * Upstream runs these concurrently with 8 workers; here the monitor pass is
 * one atomic step and nodes are processed in name order (§8 item 16).
 */
import type { ApiServer } from '../apiserver/apiserver';
import type { Component, ComponentContext } from '../component';
import type { Settings } from '../config';
import { deepClone } from '../core/clone';
import { fromTimestamp, toTimestamp } from '../core/time';
import type { Timer } from '../core/timers';
import { getNodeCondition } from '../api/conditions';
import { hasTaint, TAINT_NOT_READY, TAINT_UNREACHABLE } from '../api/taints';
import { NODE_LEASE_NAMESPACE, type Lease, type Node, type NodeCondition, type Pod } from '../api/types';
import { RateLimitedTimedQueue, type RateLimitedQueueState, type TimedValue } from './rate-limited-queue';
import {
  NOT_READY_NO_EXECUTE,
  UNREACHABLE_NO_EXECUTE,
  controlledNoScheduleTaints,
  desiredNoScheduleTaints,
  removeTaints,
  swapNodeControllerTaint,
  taintSetDiff,
} from './node-taints';
import { markPodsNotReady } from './pod-readiness';
import { computeZoneState, getZoneKey, isExcludedFromDisruption, parseZoneKey, type ZoneState } from './zones';

const SOURCE = 'node-controller';
/** Upstream: scheduler.NodeEvictionPeriod. */
export const NODE_EVICTION_PERIOD_MS = 100;
const MONITOR = 'node-lifecycle';
const NO_SCHEDULE = 'node-lifecycle-noschedule';
const TAINTING = 'node-lifecycle-tainting';

/** Upstream: nodeHealthData. Only the Ready condition of the saved status is ever read. */
export interface NodeHealth {
  probeTimestampMs: number;
  readyTransitionTimestampMs: number;
  savedReady: Pick<NodeCondition, 'status' | 'lastHeartbeatTime' | 'lastTransitionTime'> | null;
  /** renewTime of the lease last observed; null when none was seen. */
  leaseRenewTime: string | null;
}

/** Plain JSON: maps as entry lists. */
export interface NodeLifecycleState {
  knownNodes: [string, string][];
  health: [string, NodeHealth][];
  zoneStates: [string, ZoneState][];
  tainters: [string, RateLimitedQueueState][];
  nodesToRetry: string[];
  noScheduleQueue: string[];
  podQueue: string[];
  nextTickAtMs: number | null;
}

type ReadyStatus = string | undefined;

export class NodeLifecycleController {
  readonly name = MONITOR;
  readonly components: Component[];
  private readonly api: ApiServer;
  private readonly settings: Settings;
  private readonly knownNodes: Map<string, string>;
  private readonly health: Map<string, NodeHealth>;
  private readonly zoneStatesMap: Map<string, ZoneState>;
  private readonly tainters: Map<string, RateLimitedTimedQueue>;
  private readonly nodesToRetry: Set<string>;
  private readonly noScheduleQueue: Set<string>;
  private readonly podQueue: Set<string>;
  private nextTickAtMs: number | null;

  constructor(private readonly ctx: ComponentContext, state?: NodeLifecycleState) {
    this.api = ctx.api;
    this.settings = ctx.settings;
    this.knownNodes = new Map(state?.knownNodes);
    this.health = new Map([...(state?.health ?? [])].map(([k, v]) => [k, { ...v }]));
    this.zoneStatesMap = new Map(state?.zoneStates);
    this.tainters = new Map([...(state?.tainters ?? [])].map(([k, v]) => [k, new RateLimitedTimedQueue(v)]));
    this.nodesToRetry = new Set(state?.nodesToRetry);
    this.noScheduleQueue = new Set(state?.noScheduleQueue);
    this.podQueue = new Set(state?.podQueue);
    this.nextTickAtMs = state?.nextTickAtMs ?? null;
    this.components = [
      { name: MONITOR, onTimer: () => this.onMonitorTimer() },
      { name: NO_SCHEDULE, sync: () => this.syncNoSchedule() },
      { name: TAINTING, onTimer: (timer) => this.onTaintingTimer(timer) },
    ];
    this.watch();
  }

  /** Schedules the first monitor pass now; it repeats every nodeMonitorPeriod. */
  start(): void {
    this.ctx.timers.schedule(MONITOR, 'monitor', this.ctx.clock.nowMs);
  }

  // ---- read-only views for the UI, traces and tests ---------------------

  zoneStates(): { key: string; zone: string; region: string; state: ZoneState; evictionQps: number }[] {
    return [...this.zoneStatesMap.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, state]) => ({ key, ...parseZoneKey(key), state, evictionQps: this.tainters.get(key)?.limiter.qps ?? 0 }));
  }

  nodeHealth(name: string): NodeHealth | undefined {
    const h = this.health.get(name);
    return h ? { ...h } : undefined;
  }

  /** Nodes waiting in a zone's queue for their NoExecute taint, in order. */
  taintQueue(zoneKey: string): TimedValue[] {
    return this.tainters.get(zoneKey)?.waiting() ?? [];
  }

  snapshot(): NodeLifecycleState {
    return structuredClone({
      knownNodes: [...this.knownNodes],
      health: [...this.health],
      zoneStates: [...this.zoneStatesMap],
      tainters: [...this.tainters].map(([k, q]): [string, RateLimitedQueueState] => [k, q.snapshot()]),
      nodesToRetry: [...this.nodesToRetry],
      noScheduleQueue: [...this.noScheduleQueue],
      podQueue: [...this.podQueue],
      nextTickAtMs: this.nextTickAtMs,
    });
  }

  // ---- informers ----------------------------------------------------------

  private watch(): void {
    this.api.watch<Node>('Node', (event) => {
      if (event.type === 'DELETED') this.nodesToRetry.delete(event.object.metadata.name);
      else this.noScheduleQueue.add(event.object.metadata.name);
    });
    // Upstream: podUpdated — pods newly bound (or re-bound) to a node.
    this.api.watch<Pod>('Pod', (event) => {
      if (event.type === 'DELETED') return;
      const nodeName = event.object.spec.nodeName;
      if (nodeName && (!event.old || event.old.spec.nodeName !== nodeName)) {
        this.podQueue.add(`${event.object.metadata.namespace}/${event.object.metadata.name}`);
      }
    });
  }

  // ---- the monitor pass ---------------------------------------------------

  private onMonitorTimer(): void {
    this.monitorNodeHealth();
    this.ctx.timers.schedule(MONITOR, 'monitor', this.ctx.clock.nowMs + this.settings.nodeMonitorPeriodMs);
  }

  /** Upstream: monitorNodeHealth. */
  monitorNodeHealth(): void {
    const nodes = [...this.api.list<Node>('Node')].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    this.classifyNodes(nodes);
    const zoneToReady = new Map<string, ReadyStatus[]>();
    for (const listed of nodes) {
      // Upstream retries on conflict with a fresh GET; reading the current object is the same.
      const node = this.api.get<Node>('Node', listed.metadata.name);
      if (!node) continue;
      const { observed, current } = this.tryUpdateNodeHealth(node);
      if (!isExcludedFromDisruption(node)) {
        const zone = getZoneKey(node);
        const list = zoneToReady.get(zone) ?? [];
        list.push(current?.status);
        zoneToReady.set(zone, list);
      }
      if (current) this.afterHealthUpdate(node, observed, current);
      this.nodesToRetry.delete(node.metadata.name);
    }
    this.handleDisruption(zoneToReady, nodes);
    this.scheduleTaintingTick();
  }

  private classifyNodes(nodes: readonly Node[]): void {
    const seen = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name;
      seen.add(name);
      if (!this.knownNodes.has(name)) {
        this.api.recordEvent(node, 'Normal', 'RegisteredNode', `Registered Node ${name} in Controller`, SOURCE);
        this.knownNodes.set(name, getZoneKey(node));
        this.addPodEvictorForNewZone(node);
        this.markNodeAsReachable(node);
      } else if (!this.zoneStatesMap.has(getZoneKey(node))) {
        this.addPodEvictorForNewZone(node);
      }
    }
    for (const [name] of [...this.knownNodes]) {
      if (seen.has(name)) continue;
      this.api.recordEvent(
        { kind: 'Node', apiVersion: 'v1', metadata: { name, uid: '', resourceVersion: '', creationTimestamp: '' } },
        'Normal',
        'RemovingNode',
        `Removing Node ${name} from Controller`,
        SOURCE,
      );
      this.knownNodes.delete(name);
    }
  }

  /** Upstream: addPodEvictorForNewZone — a fresh queue with a full bucket. */
  private addPodEvictorForNewZone(node: Node): void {
    const zone = getZoneKey(node);
    if (this.zoneStatesMap.has(zone)) return;
    this.zoneStatesMap.set(zone, 'Initial');
    this.tainters.set(zone, RateLimitedTimedQueue.withQps(this.settings.nodeEvictionRate));
    this.ctx.viewChanged('zones');
  }

  /**
   * Upstream: tryUpdateNodeHealth. Returns the Ready condition as observed at
   * the start of the pass and as it is after the grace check.
   */
  private tryUpdateNodeHealth(node: Node): { observed: NodeCondition; current: NodeCondition | undefined } {
    const now = this.ctx.clock.nowMs;
    const name = node.metadata.name;
    let health = this.health.get(name);
    const currentReady = getNodeCondition(node, 'Ready');
    let observed: NodeCondition;
    let gracePeriodMs: number;
    if (!currentReady) {
      // Never posted: a fake Unknown condition dated at creation, startup grace.
      const created = node.metadata.creationTimestamp;
      observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: created, lastTransitionTime: created };
      gracePeriodMs = this.settings.nodeStartupGracePeriodMs;
      if (health) health.savedReady = null;
      else health = { probeTimestampMs: fromTimestamp(created), readyTransitionTimestampMs: fromTimestamp(created), savedReady: null, leaseRenewTime: null };
    } else {
      observed = currentReady;
      gracePeriodMs = this.settings.nodeMonitorGracePeriodMs;
    }
    const savedLease = health?.leaseRenewTime ?? null;
    health = this.refreshProbe(health, currentReady, now);
    // Always update the probe time if the lease was renewed (compared as times, not as text).
    const lease = this.api.get<Lease>('Lease', name, NODE_LEASE_NAMESPACE);
    const renewTime = lease?.spec.renewTime ?? '';
    if (lease && (savedLease === null || renewedAfter(savedLease, renewTime))) {
      health.leaseRenewTime = renewTime;
      health.probeTimestampMs = now;
    }
    this.health.set(name, health);
    if (!(now > health.probeTimestampMs + gracePeriodMs)) return { observed, current: currentReady };
    return { observed, current: this.markUnknown(node, observed, health) };
  }

  /**
   * The four cases of tryUpdateNodeHealth that move probeTimestamp on a new
   * status. Each builds a fresh nodeHealthData without the saved lease, as
   * upstream does, so the next pass counts the unchanged lease as renewed once
   * more (a status heartbeat seen without a lease renewal buys one more pass).
   */
  private refreshProbe(health: NodeHealth | undefined, currentReady: NodeCondition | undefined, now: number): NodeHealth {
    const saved = health?.savedReady;
    if (!health || !saved !== !currentReady) {
      return { probeTimestampMs: now, readyTransitionTimestampMs: now, savedReady: pickReady(currentReady), leaseRenewTime: null };
    }
    if (saved && currentReady && saved.lastHeartbeatTime !== currentReady.lastHeartbeatTime) {
      const transitioned = saved.lastTransitionTime !== currentReady.lastTransitionTime;
      return {
        probeTimestampMs: now,
        readyTransitionTimestampMs: transitioned ? now : health.readyTransitionTimestampMs,
        savedReady: pickReady(currentReady),
        leaseRenewTime: null,
      };
    }
    return health;
  }

  /**
   * The grace period ran out: Ready, MemoryPressure, DiskPressure and
   * PIDPressure become Unknown (NetworkUnavailable is never touched).
   * One UpdateStatus, only if the Ready condition changed.
   */
  private markUnknown(node: Node, observed: NodeCondition, health: NodeHealth): NodeCondition | undefined {
    const existing = node.status.conditions ?? [];
    const types = UNKNOWN_ON_TIMEOUT;
    // Already all Unknown: nothing would change (the common case for a node that stays down).
    let unknown = 0;
    for (const c of existing) if (c.status === 'Unknown' && types.includes(c.type)) unknown++;
    if (unknown === types.length) return getNodeCondition(node, 'Ready');
    const now = toTimestamp(this.ctx.clock.nowMs);
    const conditions = deepClone(existing);
    for (const type of types) {
      const condition = conditions.find((c) => c.type === type);
      if (!condition) {
        conditions.push({
          type,
          status: 'Unknown',
          reason: 'NodeStatusNeverUpdated',
          message: 'Kubelet never posted node status.',
          lastHeartbeatTime: node.metadata.creationTimestamp,
          lastTransitionTime: now,
        });
      } else if (condition.status !== 'Unknown') {
        condition.status = 'Unknown';
        condition.reason = 'NodeStatusUnknown';
        condition.message = 'Kubelet stopped posting node status.';
        condition.lastTransitionTime = now;
      }
    }
    const current = conditions.find((c) => c.type === 'Ready')!;
    if (conditionsEqual(current, observed)) return current;
    this.api.update<Node>('Node', node.metadata.name, undefined, (draft) => {
      draft.status.conditions = conditions;
    });
    health.savedReady = pickReady(current);
    health.readyTransitionTimestampMs = this.ctx.clock.nowMs;
    return current;
  }

  /** The part of monitorNodeHealth's per-node function after the health update. */
  private afterHealthUpdate(node: Node, observed: NodeCondition, current: NodeCondition): void {
    const name = node.metadata.name;
    this.processTaintBaseEviction(node, observed);
    const becameNotReady = current.status !== 'True' && observed.status === 'True';
    const needsRetry = this.nodesToRetry.has(name) && current.status !== 'True';
    if (becameNotReady) {
      // Upstream: RecordNodeStatusChange.
      this.api.recordEvent(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, SOURCE);
    }
    if (becameNotReady || needsRetry) markPodsNotReady(this.api, this.api.podsOnNode(name), name, SOURCE);
  }

  /** Upstream: processTaintBaseEviction — decided on the Ready status read at the start of the pass. */
  private processTaintBaseEviction(node: Node, observed: NodeCondition): void {
    const taints = node.spec.taints;
    switch (observed.status) {
      case 'False':
        if (hasTaint(taints, TAINT_UNREACHABLE, 'NoExecute')) {
          swapNodeControllerTaint(this.api, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE], node);
        } else {
          this.markNodeForTainting(node, 'False');
        }
        break;
      case 'Unknown':
        if (hasTaint(taints, TAINT_NOT_READY, 'NoExecute')) {
          swapNodeControllerTaint(this.api, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE], node);
        } else {
          this.markNodeForTainting(node, 'Unknown');
        }
        break;
      case 'True':
        this.markNodeAsReachable(node);
        break;
    }
  }

  /** Upstream: markNodeForTainting — Remove first unless already tainted, then Add. */
  private markNodeForTainting(node: Node, status: 'False' | 'Unknown'): void {
    const queue = this.tainters.get(getZoneKey(node));
    if (!queue) return;
    const key = status === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    if (!hasTaint(node.spec.taints, key, 'NoExecute')) queue.remove(node.metadata.name);
    queue.add(node.metadata.name, node.metadata.uid, this.ctx.clock.nowMs);
  }

  /** Upstream: markNodeAsReachable — drop both NoExecute taints and the queue entry. */
  private markNodeAsReachable(node: Node): void {
    removeTaints(this.api, node, node.metadata.name, [UNREACHABLE_NO_EXECUTE]);
    removeTaints(this.api, node, node.metadata.name, [NOT_READY_NO_EXECUTE]);
    this.tainters.get(getZoneKey(node))?.remove(node.metadata.name);
  }

  // ---- zone disruption ----------------------------------------------------

  /** Upstream: handleDisruption. */
  private handleDisruption(zoneToReady: Map<string, ReadyStatus[]>, nodes: readonly Node[]): void {
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, statuses] of [...zoneToReady].sort(byKey)) {
      const { state } = computeZoneState(statuses, this.settings.unhealthyZoneThreshold);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newStates.set(zone, state);
      if (!this.zoneStatesMap.has(zone)) {
        this.zoneStatesMap.set(zone, 'Initial');
        this.ctx.viewChanged('zones');
      }
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of [...this.zoneStatesMap].sort(byKey)) {
      if (!zoneToReady.has(zone)) {
        this.zoneStatesMap.delete(zone);
        this.ctx.viewChanged('zones');
        continue;
      }
      if (state !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    const now = this.ctx.clock.nowMs;
    if (allAreFullyDisrupted) {
      // "Entering master disruption mode": a control-plane problem is more likely than every node dying.
      for (const node of nodes) {
        const fresh = this.api.get<Node>('Node', node.metadata.name);
        if (fresh) this.markNodeAsReachable(fresh);
      }
      for (const zone of this.zoneStatesMap.keys()) {
        this.tainters.get(zone)?.swapLimiter(0, now);
        this.zoneStatesMap.set(zone, 'FullDisruption');
      }
      this.ctx.viewChanged('zones');
      return;
    }
    if (allWasFullyDisrupted) {
      // "Exiting master disruption mode": every node gets a fresh grace period.
      for (const node of nodes) {
        const health = this.health.get(node.metadata.name);
        if (health) {
          health.probeTimestampMs = now;
          health.readyTransitionTimestampMs = now;
        }
      }
      for (const zone of [...this.zoneStatesMap.keys()]) {
        const state = newStates.get(zone)!;
        this.setLimiterInZone(zone, zoneToReady.get(zone)?.length ?? 0, state);
        this.zoneStatesMap.set(zone, state);
      }
      this.ctx.viewChanged('zones');
      return;
    }
    for (const [zone, state] of [...this.zoneStatesMap]) {
      const next = newStates.get(zone)!;
      if (state === next) continue;
      this.setLimiterInZone(zone, zoneToReady.get(zone)?.length ?? 0, next);
      this.zoneStatesMap.set(zone, next);
      this.ctx.viewChanged('zones');
    }
  }

  /** Upstream: setLimiterInZone with HealthyQPSFunc / ReducedQPSFunc. */
  private setLimiterInZone(zone: string, zoneSize: number, state: ZoneState): void {
    const queue = this.tainters.get(zone);
    if (!queue) return;
    const now = this.ctx.clock.nowMs;
    switch (state) {
      case 'Normal':
      case 'FullDisruption':
        queue.swapLimiter(this.settings.nodeEvictionRate, now);
        break;
      case 'PartialDisruption':
        queue.swapLimiter(zoneSize > this.settings.largeClusterSizeThreshold ? this.settings.secondaryNodeEvictionRate : 0, now);
        break;
      case 'Initial':
        break;
    }
  }

  // ---- NoExecute tainting loop ---------------------------------------------

  private scheduleTaintingTick(): void {
    if (this.nextTickAtMs !== null) return;
    if (![...this.tainters.values()].some((q) => q.length > 0)) return;
    const now = this.ctx.clock.nowMs;
    const at = Math.ceil(now / NODE_EVICTION_PERIOD_MS) * NODE_EVICTION_PERIOD_MS;
    this.nextTickAtMs = at;
    this.ctx.timers.schedule(TAINTING, 'tick', at);
  }

  private onTaintingTimer(timer: Timer): void {
    if (timer.atMs !== this.nextTickAtMs) return;
    this.nextTickAtMs = null;
    this.doNoExecuteTaintingPass();
    if ([...this.tainters.values()].some((q) => q.length > 0)) {
      this.nextTickAtMs = this.ctx.clock.nowMs + NODE_EVICTION_PERIOD_MS;
      this.ctx.timers.schedule(TAINTING, 'tick', this.nextTickAtMs);
    }
  }

  /** Upstream: doNoExecuteTaintingPass. */
  doNoExecuteTaintingPass(): void {
    const now = this.ctx.clock.nowMs;
    for (const [, queue] of [...this.tainters].sort(byKey)) {
      queue.try(now, (value) => {
        const node = this.api.get<Node>('Node', value.value);
        if (!node) return true;
        const ready = getNodeCondition(node, 'Ready');
        if (!ready) return { retryAfterMs: 50 };
        if (ready.status === 'False') {
          return swapNodeControllerTaint(this.api, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE], node) || { retryAfterMs: 0 };
        }
        if (ready.status === 'Unknown') {
          return swapNodeControllerTaint(this.api, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE], node) || { retryAfterMs: 0 };
        }
        return true;
      });
    }
  }

  // ---- NoSchedule pass and pod updates -------------------------------------

  private syncNoSchedule(): boolean {
    const worked = this.noScheduleQueue.size > 0 || this.podQueue.size > 0;
    // Batches, not "take the first" in a loop: that is quadratic on a V8 Set.
    while (this.noScheduleQueue.size > 0) {
      const names = [...this.noScheduleQueue];
      this.noScheduleQueue.clear();
      for (const name of names) this.doNoScheduleTaintingPass(name);
    }
    while (this.podQueue.size > 0) {
      const keys = [...this.podQueue];
      this.podQueue.clear();
      for (const key of keys) this.processPod(key);
    }
    return worked;
  }

  /** Upstream: doNoScheduleTaintingPass. */
  private doNoScheduleTaintingPass(name: string): void {
    const node = this.api.get<Node>('Node', name);
    if (!node) return;
    const { add, remove } = taintSetDiff(desiredNoScheduleTaints(node), controlledNoScheduleTaints(node));
    if (add.length === 0 && remove.length === 0) return;
    swapNodeControllerTaint(this.api, add, remove, node);
  }

  /** Upstream: processPod — a pod bound to a node the controller saw not Ready is marked NotReady. */
  private processPod(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const pod = this.api.get<Pod>('Pod', name, namespace);
    const nodeName = pod?.spec.nodeName;
    if (!pod || !nodeName) return;
    const health = this.health.get(nodeName);
    if (!health?.savedReady || !this.api.get('Node', nodeName)) return;
    if (health.savedReady.status !== 'True') markPodsNotReady(this.api, [pod], nodeName, SOURCE);
  }
}

/** The conditions markUnknown turns Unknown (NetworkUnavailable is left alone). */
const UNKNOWN_ON_TIMEOUT: readonly string[] = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** Upstream: savedLease.Spec.RenewTime.Before(observedLease.Spec.RenewTime). */
function renewedAfter(saved: string, observed: string): boolean {
  if (saved === observed) return false;
  try {
    return fromTimestamp(saved) < fromTimestamp(observed);
  } catch {
    return saved < observed;
  }
}

function pickReady(c: NodeCondition | undefined): NodeHealth['savedReady'] {
  return c ? { status: c.status, lastHeartbeatTime: c.lastHeartbeatTime, lastTransitionTime: c.lastTransitionTime } : null;
}

function conditionsEqual(a: NodeCondition, b: NodeCondition): boolean {
  return (
    a.status === b.status &&
    a.reason === b.reason &&
    a.message === b.message &&
    a.lastHeartbeatTime === b.lastHeartbeatTime &&
    a.lastTransitionTime === b.lastTransitionTime
  );
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
