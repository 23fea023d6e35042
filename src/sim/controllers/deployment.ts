/**
 * The Deployment controller: owns one ReplicaSet per pod template
 * (`<deployment>-<pod-template-hash>`), rolls pods from the old ones to the
 * new one (RollingUpdate or Recreate), spreads scaling over them in
 * proportion, keeps revisionHistoryLimit old ones, and reports status and
 * the Available / Progressing conditions (kubernetes-behaviour.md §6.2).
 *
 * Upstream: pkg/controller/deployment/deployment_controller.go (handlers,
 * syncDeployment, getReplicaSetsForDeployment, getPodMapForDeployment);
 * one sync is in deployment-sync.ts, the strategies in deployment-rolling.ts.
 * Upstream's rollback.go serves only the extensions/v1beta1 rollbackTo
 * field; `kubectl rollout undo` is rollbackDeployment in rollout.ts.
 */
import '../apiserver/workload-kinds';
import type { WatchEvent } from '../apiserver/apiserver';
import { ApiError } from '../apiserver/errors';
import type { Component, ComponentContext } from '../component';
import { fromLabelSelector, matches } from '../api/labels';
import { keyOf, type KubeObject, type OwnerReference, type Pod } from '../api/types';
import type { Timer } from '../core/timers';
import { claimObjects } from './controller-ref-manager';
import { rolloutRecreate, rolloutRolling } from './deployment-rolling';
import { DeploymentSync } from './deployment-sync';
import { WorkQueue, type WorkQueueState } from './workload-queue';
import type { Deployment, ReplicaSet } from './workload-types';
import { compareStrings, controlledPods, getControllerOf, splitKey } from './workload-utils';

export { DEPLOYMENT_SOURCE } from './deployment-sync';

export interface DeploymentControllerState {
  queue: WorkQueueState;
}

export class DeploymentController implements Component {
  readonly name = 'deployment';
  private readonly queue: WorkQueue;
  /** ReplicaSets without a controller, by namespace (adoption candidates). Derived, rebuilt on restore. */
  private readonly orphanReplicaSets = new Map<string, Set<string>>();

  constructor(
    private readonly ctx: ComponentContext,
    state?: DeploymentControllerState,
  ) {
    this.queue = new WorkQueue(ctx.clock, ctx.timers, this.name, state?.queue);
    for (const rs of ctx.api.list<ReplicaSet>('ReplicaSet')) this.indexOrphan(rs, false);
    ctx.api.watch<Deployment>('Deployment', (event) => this.queue.add(keyOf(event.object)));
    ctx.api.watch<ReplicaSet>('ReplicaSet', (event) => this.replicaSetChanged(event));
    ctx.api.watch<Pod>('Pod', (event) => {
      if (event.type === 'DELETED') this.podDeleted(event.object);
    });
    if (!state) for (const key of [...ctx.api.list<Deployment>('Deployment')].map(keyOf).sort(compareStrings)) this.queue.add(key);
  }

  sync(): boolean {
    // The sync re-queues on its own failures; nothing to forget here.
    return this.queue.drain((key) => this.syncDeployment(key));
  }

  onTimer(timer: Timer): void {
    this.queue.onTimer(timer);
  }

  snapshot(): DeploymentControllerState {
    return { queue: this.queue.snapshot() };
  }

  // ---- watch handlers -----------------------------------------------------

  /**
   * Upstream: addReplicaSet / updateReplicaSet / deleteReplicaSet. A
   * controlled RS wakes its Deployment (the old one too when the reference
   * changed); an orphan wakes every Deployment that could adopt it.
   */
  private replicaSetChanged(event: WatchEvent<ReplicaSet>): void {
    const rs = event.object;
    this.indexOrphan(rs, event.type === 'DELETED');
    const ref = getControllerOf(rs);
    const oldRef = event.old && getControllerOf(event.old);
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueController(rs.metadata.namespace, oldRef);
    if (ref) {
      this.enqueueController(rs.metadata.namespace, ref);
      return;
    }
    if (event.type === 'DELETED') return;
    for (const d of this.getDeploymentsForReplicaSet(rs)) this.queue.add(keyOf(d));
  }

  /**
   * Upstream: deletePod — only Recreate waits for pods to disappear (upstream
   * checks that none is left; a spare sync is harmless).
   */
  private podDeleted(pod: Pod): void {
    const rsRef = getControllerOf(pod);
    if (rsRef?.kind !== 'ReplicaSet') return;
    const rs = this.ctx.api.get<ReplicaSet>('ReplicaSet', rsRef.name, pod.metadata.namespace);
    const dRef = rs?.metadata.uid === rsRef.uid ? getControllerOf(rs) : undefined;
    const d = dRef?.kind === 'Deployment' ? this.resolveControllerRef(pod.metadata.namespace, dRef) : undefined;
    if (d?.spec.strategy.type === 'Recreate') this.queue.add(keyOf(d));
  }

  private enqueueController(namespace: string, ref: OwnerReference): void {
    const d = this.resolveControllerRef(namespace, ref);
    if (d) this.queue.add(keyOf(d));
  }

  /** Upstream: resolveControllerRef — only a Deployment with that uid. */
  private resolveControllerRef(namespace: string, ref: OwnerReference): Deployment | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.ctx.api.get<Deployment>('Deployment', ref.name, namespace);
    return d?.metadata.uid === ref.uid ? d : undefined;
  }

  /** Upstream: getDeploymentsForReplicaSet — Deployments whose selector matches the RS's labels. */
  private getDeploymentsForReplicaSet(rs: ReplicaSet): Deployment[] {
    const out: Deployment[] = [];
    for (const d of this.ctx.api.list<Deployment>('Deployment')) {
      if (d.metadata.namespace === rs.metadata.namespace && matches(fromLabelSelector(d.spec.selector), rs.metadata.labels)) out.push(d);
    }
    return out.sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
  }

  private indexOrphan(rs: ReplicaSet, deleted: boolean): void {
    const namespace = rs.metadata.namespace;
    let names = this.orphanReplicaSets.get(namespace);
    if (!deleted && !getControllerOf(rs)) {
      if (!names) this.orphanReplicaSets.set(namespace, (names = new Set()));
      names.add(rs.metadata.name);
    } else if (names) {
      names.delete(rs.metadata.name);
      if (names.size === 0) this.orphanReplicaSets.delete(namespace);
    }
  }

  // ---- reconciliation -----------------------------------------------------

  /** Upstream: syncDeployment. */
  private syncDeployment(key: string): void {
    const { api, clock } = this.ctx;
    const [namespace, name] = splitKey(key);
    const d = api.get<Deployment>('Deployment', name, namespace);
    if (!d) {
      this.queue.forget(key);
      return;
    }
    try {
      const rsList = this.getReplicaSetsForDeployment(d);
      const s = new DeploymentSync(api, clock.nowMs, d, rsList, () => this.getPodMapForDeployment(rsList));
      runSync(s);
      // Upstream enqueues during the sync and forgets once it succeeded.
      if (s.requeue === 'rate-limited') this.queue.addRateLimited(key);
      else if (s.requeue !== undefined) this.queue.addAfter(key, s.requeue);
      this.queue.forget(key);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.queue.addRateLimited(key);
    }
  }

  /**
   * Upstream: getReplicaSetsForDeployment — the RSs it controls, after
   * adopting matching orphans and releasing its RSs that stopped matching.
   */
  private getReplicaSetsForDeployment(d: Deployment): ReplicaSet[] {
    const { api } = this.ctx;
    const byName = new Map<string, ReplicaSet>();
    for (const object of api.dependentsOf(d.metadata.uid)) {
      if (object.kind === 'ReplicaSet') byName.set(object.metadata.name, object as ReplicaSet);
    }
    for (const rsName of this.orphanReplicaSets.get(d.metadata.namespace) ?? []) {
      const rs = api.get<ReplicaSet>('ReplicaSet', rsName, d.metadata.namespace);
      if (rs) byName.set(rsName, rs);
    }
    const candidates = [...byName.values()].sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
    const claim = claimObjects(api, d, fromLabelSelector(d.spec.selector), candidates);
    if (claim.error) throw claim.error;
    return claim.claimed;
  }

  /** Upstream: getPodMapForDeployment — every pod (terminating ones too) of each RS. */
  private getPodMapForDeployment(rsList: readonly ReplicaSet[]): Map<string, Pod[]> {
    const podMap = new Map<string, Pod[]>();
    for (const rs of rsList) podMap.set(rs.metadata.uid, controlledPods(this.ctx.api, rs as KubeObject));
    return podMap;
  }
}

/**
 * Upstream: the second half of syncDeployment. Paused Deployments and
 * scaling events only scale; otherwise the strategy rolls out.
 */
function runSync(s: DeploymentSync): void {
  s.checkPausedConditions();
  if (s.d.spec.paused) return s.sync();
  if (s.isScalingEvent()) return s.sync();
  if (s.d.spec.strategy.type === 'Recreate') return rolloutRecreate(s);
  return rolloutRolling(s);
}
