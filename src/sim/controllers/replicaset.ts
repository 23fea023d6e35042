/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods matching the
 * selector (kubernetes-behaviour.md §6.1). A pod stops counting the moment
 * it is marked for deletion or turns Failed/Succeeded, so its replacement is
 * created at once; Failed pods are left for others to delete.
 *
 * Upstream: pkg/controller/replicaset/replica_set.go (syncReplicaSet,
 * manageReplicas, slowStartBatch, getPodsToDelete) and replica_set_utils.go
 * (calculateStatus, updateReplicaSetStatus).
 *
 * Upstream guards every sync with ControllerExpectations, because its
 * informer cache lags its own writes and a sync on a stale cache would create
 * or delete twice. Our API server is the cache and its watches are
 * synchronous: a sync always sees its own earlier writes, so there is nothing
 * to expect.
 */
import '../apiserver/workload-kinds';
import type { WatchEvent } from '../apiserver/apiserver';
import { ApiError } from '../apiserver/errors';
import type { Component, ComponentContext } from '../component';
import { isPodActive, isPodReady, getPodCondition } from '../api/conditions';
import { fromLabelSelector, matches } from '../api/labels';
import { keyOf, type KubeObject, type OwnerReference, type Pod } from '../api/types';
import { deepClone } from '../core/clone';
import { fromTimestamp, SECOND_MS, toTimestamp } from '../core/time';
import type { Timer } from '../core/timers';
import { claimObjects } from './controller-ref-manager';
import { getPodsToDelete } from './controller-utils';
import { hasLabels, ReplicaSetPodCounts } from './replicaset-counts';
import { WorkQueue, type WorkQueueState } from './workload-queue';
import type { ReplicaSet, ReplicaSetCondition } from './workload-types';
import {
  compareStrings,
  controlledPods,
  createPod,
  deletePod,
  getControllerOf,
  getPodFromTemplate,
  isPodAvailable,
  newControllerRef,
  SLOW_START_INITIAL_BATCH_SIZE,
  slowStartBatch,
  splitKey,
  stableStringify,
} from './workload-utils';

/** The event source (the controller's name in kube-controller-manager). */
export const REPLICASET_SOURCE = 'replicaset-controller';
/** Upstream: BurstReplicas — the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;

export interface ReplicaSetControllerState {
  queue: WorkQueueState;
}

export class ReplicaSetController implements Component {
  readonly name = 'replicaset';
  private readonly queue: WorkQueue;
  /**
   * Pods without a controller, by namespace: the only pods a ReplicaSet could
   * adopt. Upstream lists the whole namespace per sync; at 150k pods we keep
   * the answer. Derived from the API server, so rebuilt on restore.
   */
  private readonly orphanPods = new Map<string, Set<string>>();
  private readonly counts: ReplicaSetPodCounts;

  constructor(
    private readonly ctx: ComponentContext,
    state?: ReplicaSetControllerState,
  ) {
    this.queue = new WorkQueue(ctx.clock, ctx.timers, this.name, state?.queue);
    this.counts = new ReplicaSetPodCounts(ctx.api);
    for (const pod of ctx.api.list<Pod>('Pod')) this.indexOrphan(pod, false);
    ctx.api.watch<ReplicaSet>('ReplicaSet', (event) => this.replicaSetChanged(event));
    ctx.api.watch<Pod>('Pod', (event) => this.podChanged(event));
    // A fresh controller lists what exists, as its informers would on start.
    if (!state) for (const key of [...ctx.api.list<ReplicaSet>('ReplicaSet')].map(keyOf).sort(compareStrings)) this.queue.add(key);
  }

  sync(): boolean {
    // The sync re-queues on its own failures; nothing to forget here.
    return this.queue.drain((key) => this.syncReplicaSet(key));
  }

  onTimer(timer: Timer): void {
    this.queue.onTimer(timer);
  }

  /** Where the kept pod counts differ from a fresh count (for the invariants). */
  verifyCounts(): string[] {
    return this.counts.verify();
  }

  snapshot(): ReplicaSetControllerState {
    return { queue: this.queue.snapshot() };
  }

  // ---- watch handlers -----------------------------------------------------

  /**
   * Upstream: addRS / updateRS / deleteRS. Upstream also wakes on the
   * status writes this controller makes itself; those change nothing it
   * reads, and skipping them halves the syncs at scale.
   */
  private replicaSetChanged(event: WatchEvent<ReplicaSet>): void {
    const { old, object } = event;
    if (event.type === 'DELETED') this.counts.forget(object.metadata.uid);
    if (event.type === 'MODIFIED' && old && old.metadata.generation === object.metadata.generation && stableStringify(old.spec) === stableStringify(object.spec)) {
      return;
    }
    this.queue.add(keyOf(object));
  }

  /**
   * Upstream: addPod / updatePod / deletePod. A controlled pod wakes its
   * controller (the old one too when the reference changed); an orphan wakes
   * every ReplicaSet that could adopt it.
   */
  private podChanged(event: WatchEvent<Pod>): void {
    const pod = event.object;
    this.indexOrphan(pod, event.type === 'DELETED');
    const ref = getControllerOf(pod);
    const oldRef = event.old && getControllerOf(event.old);
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueController(pod.metadata.namespace, oldRef);
    if (ref) {
      this.enqueueController(pod.metadata.namespace, ref);
      return;
    }
    if (event.type === 'DELETED') return;
    if (event.type === 'MODIFIED' && !oldRef && sameLabels(event.old!.metadata.labels, pod.metadata.labels)) return;
    for (const rs of this.getPodReplicaSets(pod)) this.queue.add(keyOf(rs));
  }

  /** Upstream: resolveControllerRef — only a ReplicaSet with that uid. */
  private enqueueController(namespace: string, ref: OwnerReference): void {
    if (ref.kind !== 'ReplicaSet') return;
    const rs = this.ctx.api.get<ReplicaSet>('ReplicaSet', ref.name, namespace);
    if (rs?.metadata.uid === ref.uid) this.queue.add(keyOf(rs));
  }

  /** Upstream: getPodReplicaSets — the ReplicaSets whose selector matches the pod. */
  private getPodReplicaSets(pod: Pod): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const rs of this.ctx.api.list<ReplicaSet>('ReplicaSet')) {
      if (rs.metadata.namespace !== pod.metadata.namespace) continue;
      if (matches(fromLabelSelector(rs.spec.selector), pod.metadata.labels)) out.push(rs);
    }
    return out.sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
  }

  private indexOrphan(pod: Pod, deleted: boolean): void {
    const namespace = pod.metadata.namespace;
    let names = this.orphanPods.get(namespace);
    if (!deleted && !getControllerOf(pod)) {
      if (!names) this.orphanPods.set(namespace, (names = new Set()));
      names.add(pod.metadata.name);
    } else if (names) {
      names.delete(pod.metadata.name);
      if (names.size === 0) this.orphanPods.delete(namespace);
    }
  }

  // ---- reconciliation -----------------------------------------------------

  /** Upstream: syncReplicaSet. */
  private syncReplicaSet(key: string): void {
    const { api } = this.ctx;
    const [namespace, name] = splitKey(key);
    const rs = api.get<ReplicaSet>('ReplicaSet', name, namespace);
    if (!rs) {
      this.queue.forget(key);
      return;
    }
    const nowMs = this.ctx.clock.nowMs;
    const kept = this.counts.get(rs);
    if (kept.unmatched === 0 && !this.orphanPods.has(rs.metadata.namespace) && rs.spec.minReadySeconds <= 0 && kept.active <= rs.spec.replicas) {
      // Nothing to claim and nothing to delete: the kept counts are what a scan would find.
      const counts = { replicas: kept.active, fullyLabeled: kept.fullyLabeled, ready: kept.ready, available: kept.ready };
      const missing = rs.spec.replicas - kept.active;
      const error = missing > 0 ? this.createPods(rs, Math.min(missing, BURST_REPLICAS)) : undefined;
      this.finishSync(key, rs, calculateStatus(rs, counts, error, nowMs), [], error);
      return;
    }
    const active = this.activeCandidatePods(rs);
    const claim = claimObjects(api, rs, fromLabelSelector(rs.spec.selector), active);
    if (claim.error) {
      this.queue.addRateLimited(key);
      return;
    }
    const manageReplicasError = this.manageReplicas(claim.claimed, rs);
    const status = calculateStatus(rs, countPods(rs, claim.claimed, nowMs), manageReplicasError, nowMs);
    this.finishSync(key, rs, status, claim.claimed, manageReplicasError);
  }

  private finishSync(key: string, rs: ReplicaSet, status: ReplicaSetStatus, pods: readonly Pod[], error: ApiError | undefined): void {
    const updated = updateReplicaSetStatus(this.ctx.api, rs, status);
    this.requeueForAvailability(key, updated, pods);
    if (error) this.queue.addRateLimited(key);
    else this.queue.forget(key);
  }

  /**
   * The active pods this ReplicaSet controls (in the owner index's order;
   * whoever needs a deterministic order sorts), then the active orphans of
   * its namespace.
   */
  private activeCandidatePods(rs: ReplicaSet): Pod[] {
    const { api } = this.ctx;
    const out = controlledPods(api, rs, isPodActive);
    for (const name of this.orphanPods.get(rs.metadata.namespace) ?? []) {
      const pod = api.get<Pod>('Pod', name, rs.metadata.namespace);
      if (pod && isPodActive(pod)) out.push(pod);
    }
    return out;
  }

  /** Upstream: manageReplicas. Returns the first error (the sync is then retried with backoff). */
  private manageReplicas(activePods: readonly Pod[], rs: ReplicaSet): ApiError | undefined {
    const diff = activePods.length - rs.spec.replicas;
    if (diff < 0) return this.createPods(rs, Math.min(-diff, BURST_REPLICAS));
    if (diff > 0) return this.deletePods(rs, activePods, Math.min(diff, BURST_REPLICAS));
    return undefined;
  }

  /**
   * Creates in slow-start batches 1, 2, 4, …; a batch with a failure ends
   * the sync, the pods never attempted wait for the retry.
   */
  private createPods(rs: ReplicaSet, count: number): ApiError | undefined {
    const { api } = this.ctx;
    const controllerRef = newControllerRef(rs);
    let firstError: ApiError | undefined;
    slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const result = createPod(api, rs, getPodFromTemplate(rs.spec.template, rs, controllerRef), REPLICASET_SOURCE);
      if (!(result instanceof ApiError)) return true;
      firstError ??= result;
      return false;
    });
    return firstError;
  }

  private deletePods(rs: ReplicaSet, activePods: readonly Pod[], count: number): ApiError | undefined {
    const related = this.getIndirectlyRelatedPods(rs);
    // Name order first, so ties in the ranking (and the order of deletions) do not depend on the owner index.
    const byName = [...activePods].sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
    let firstError: ApiError | undefined;
    for (const pod of getPodsToDelete(byName, related, count, this.ctx.clock.nowMs)) {
      const error = deletePod(this.ctx.api, rs, pod, REPLICASET_SOURCE);
      if (error && error.reason !== 'NotFound') firstError ??= error;
    }
    return firstError;
  }

  /**
   * Upstream: getIndirectlyRelatedPods — the pods of every ReplicaSet with
   * the same controller as `rs` (itself included), each pod once. Upstream
   * lists them by each ReplicaSet's selector; we take the pods each one
   * controls, which is the same set for Deployment-made ReplicaSets.
   */
  private getIndirectlyRelatedPods(rs: ReplicaSet): Pod[] {
    const { api } = this.ctx;
    const ref = getControllerOf(rs);
    if (!ref) return [];
    const related = api
      .dependentsOf(ref.uid)
      .filter((o): o is ReplicaSet => o.kind === 'ReplicaSet' && o.metadata.namespace === rs.metadata.namespace && getControllerOf(o)?.uid === ref.uid)
      .sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
    const seen = new Set<string>();
    const out: Pod[] = [];
    for (const other of related) {
      for (const pod of controlledPods(api, other)) {
        if (seen.has(pod.metadata.uid)) continue;
        seen.add(pod.metadata.uid);
        out.push(pod);
      }
    }
    return out;
  }

  /**
   * With minReadySeconds, a Ready pod becomes available later without any
   * event; upstream's updatePod re-queues the ReplicaSet minReadySeconds + 1 s
   * after the pod turned Ready (the extra second absorbs clock skew).
   */
  private requeueForAvailability(key: string, rs: ReplicaSet, pods: readonly Pod[]): void {
    const minReadyMs = rs.spec.minReadySeconds * SECOND_MS;
    if (minReadyMs <= 0) return;
    const nowMs = this.ctx.clock.nowMs;
    let earliestMs: number | undefined;
    for (const pod of pods) {
      if (!isPodReady(pod) || isPodAvailable(pod, rs.spec.minReadySeconds, nowMs)) continue;
      const since = getPodCondition(pod, 'Ready')?.lastTransitionTime;
      if (!since) continue;
      const dueMs = fromTimestamp(since) + minReadyMs + SECOND_MS;
      if (earliestMs === undefined || dueMs < earliestMs) earliestMs = dueMs;
    }
    if (earliestMs !== undefined) this.queue.addAfter(key, Math.max(1, earliestMs - nowMs));
  }
}

type ReplicaSetStatus = ReplicaSet['status'];

/**
 * Upstream: replica_set_utils.go calculateStatus. Counts are of the active
 * pods the ReplicaSet owns; a failed create or delete sets ReplicaFailure.
 */
export function calculateStatus(rs: ReplicaSet, counts: PodStatusCounts, manageReplicasError: ApiError | undefined, nowMs: number): ReplicaSetStatus {
  const status: ReplicaSetStatus = { ...rs.status };
  const failure = rs.status.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageReplicasError && !failure) {
    const diff = counts.replicas - rs.spec.replicas;
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const condition: ReplicaSetCondition = {
      type: 'ReplicaFailure',
      status: 'True',
      lastTransitionTime: toTimestamp(nowMs),
      reason,
      message: manageReplicasError.message,
    };
    status.conditions = [...(rs.status.conditions ?? []), condition];
  } else if (!manageReplicasError && failure) {
    status.conditions = rs.status.conditions!.filter((c) => c.type !== 'ReplicaFailure');
    if (status.conditions.length === 0) delete status.conditions;
  }
  status.replicas = counts.replicas;
  status.fullyLabeledReplicas = counts.fullyLabeled;
  status.readyReplicas = counts.ready;
  status.availableReplicas = counts.available;
  return status;
}

interface PodStatusCounts {
  replicas: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

/** The counts of calculateStatus over the active pods a ReplicaSet owns. */
function countPods(rs: ReplicaSet, activePods: readonly Pod[], nowMs: number): PodStatusCounts {
  const templateLabels = Object.entries(rs.spec.template.metadata?.labels ?? {});
  const counts = { replicas: activePods.length, fullyLabeled: 0, ready: 0, available: 0 };
  for (const pod of activePods) {
    if (hasLabels(pod, templateLabels)) counts.fullyLabeled++;
    if (!isPodReady(pod)) continue;
    counts.ready++;
    if (isPodAvailable(pod, rs.spec.minReadySeconds, nowMs)) counts.available++;
  }
  return counts;
}

/** Upstream: updateReplicaSetStatus — writes only when something changed. */
export function updateReplicaSetStatus(api: ComponentContext['api'], rs: ReplicaSet, status: ReplicaSetStatus): ReplicaSet {
  const generation = rs.metadata.generation ?? 1;
  const old = rs.status;
  if (
    old.replicas === status.replicas &&
    old.fullyLabeledReplicas === status.fullyLabeledReplicas &&
    old.readyReplicas === status.readyReplicas &&
    old.availableReplicas === status.availableReplicas &&
    old.observedGeneration === generation &&
    JSON.stringify(old.conditions ?? []) === JSON.stringify(status.conditions ?? [])
  ) {
    return rs;
  }
  return api.update<ReplicaSet>('ReplicaSet', rs.metadata.name, rs.metadata.namespace, (draft) => {
    draft.status = deepClone({ ...status, observedGeneration: generation });
  });
}

function sameLabels(a: KubeObject['metadata']['labels'], b: KubeObject['metadata']['labels']): boolean {
  const aKeys = Object.keys(a ?? {});
  return aKeys.length === Object.keys(b ?? {}).length && aKeys.every((k) => a![k] === b?.[k]);
}
