/**
 * One sync of one Deployment: finding or creating the new ReplicaSet,
 * scaling, history cleanup, status and progress conditions. The rollout
 * strategies (deployment-rolling.ts) drive it.
 *
 * Upstream: pkg/controller/deployment/sync.go and progress.go, names kept.
 * Upstream's functions take the Deployment and mutate a deep copy of it
 * (annotations and status), written back through UpdateStatus; `d` here is
 * that copy. ApiErrors propagate: the controller retries the key with backoff.
 */
import type { ApiServer } from '../apiserver/apiserver';
import { ApiError } from '../apiserver/errors';
import { deepClone } from '../core/clone';
import { fromTimestamp, SECOND_MS } from '../core/time';
import type { Manifest, Pod } from '../api/types';
import { updateWorkloadSpec } from './controller-utils';
import * as util from './deployment-util';
import type { Deployment, ReplicaSet } from './workload-types';
import { getControllerOf, newControllerRef, stableStringify } from './workload-utils';

/** The event source (the controller's name in kube-controller-manager). */
export const DEPLOYMENT_SOURCE = 'deployment-controller';

type Status = Deployment['status'];
type ScaleResult = [scaled: boolean, rs: ReplicaSet];

export class DeploymentSync {
  /** The controller's working copy of the Deployment. */
  d: Deployment;
  /**
   * Set when the Deployment must be looked at again (progress deadline): a
   * delay, or 'rate-limited' for upstream's enqueueRateLimited.
   */
  requeue: number | 'rate-limited' | undefined;

  constructor(
    readonly api: ApiServer,
    readonly nowMs: number,
    deployment: Deployment,
    readonly rsList: readonly ReplicaSet[],
    /** Upstream: getPodMapForDeployment — every pod of each ReplicaSet, by the RS's uid. */
    readonly podMap: () => Map<string, Pod[]>,
  ) {
    this.d = deepClone(deployment);
  }

  /** Upstream: sync — scaling (a paused Deployment, or a scaling event) without rollout progress. */
  sync(): void {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(false);
    this.scale(newRS, oldRSs);
    // Upstream: clean up history only while paused (a rollout does it when complete).
    if (this.d.spec.paused) this.cleanupDeployment(oldRSs);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS);
  }

  /**
   * Upstream: checkPausedConditions — a Progressing=Unknown condition while
   * paused, so the time spent paused never counts against the deadline.
   */
  checkPausedConditions(): void {
    if (!util.hasProgressDeadline(this.d)) return;
    const condition = util.getDeploymentCondition(this.d.status, 'Progressing');
    if (condition?.reason === util.TimedOutReason) return;
    const pausedConditionExists = condition?.reason === util.PausedDeployReason;
    let next;
    if (this.d.spec.paused && !pausedConditionExists) {
      next = util.newDeploymentCondition('Progressing', 'Unknown', util.PausedDeployReason, 'Deployment is paused', this.nowMs);
    } else if (!this.d.spec.paused && pausedConditionExists) {
      next = util.newDeploymentCondition('Progressing', 'Unknown', util.ResumedDeployReason, 'Deployment is resumed', this.nowMs);
    }
    if (!next) return;
    util.setDeploymentCondition(this.d.status, next);
    this.updateStatus();
  }

  /** Upstream: isScalingEvent — an active RS was sized for another replica count. */
  isScalingEvent(): boolean {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(false);
    return util.filterActiveReplicaSets([...oldRSs, newRS]).some((rs) => {
      const desired = util.getDesiredReplicasAnnotation(rs);
      return desired !== undefined && desired !== this.d.spec.replicas;
    });
  }

  /** Upstream: getAllReplicaSetsAndSyncRevision → [new RS (if any), all old RSs]. */
  getAllReplicaSetsAndSyncRevision(createIfNotExisted: boolean): [ReplicaSet | undefined, ReplicaSet[]] {
    const [, allOldRSs] = util.findOldReplicaSets(this.d, this.rsList);
    const newRS = this.getNewReplicaSet(allOldRSs, createIfNotExisted);
    return [newRS, allOldRSs];
  }

  /**
   * Upstream: getNewReplicaSet. The existing new RS gets the highest
   * revision (a rollback bumps it) and the Deployment's annotations; without
   * one, a new RS is created when asked to.
   */
  private getNewReplicaSet(oldRSs: readonly ReplicaSet[], createIfNotExisted: boolean): ReplicaSet | undefined {
    const existing = util.findNewReplicaSet(this.d, this.rsList);
    const newRevision = String(util.maxRevision(oldRSs) + 1);
    if (existing) return this.syncExistingNewReplicaSet(existing, newRevision);
    if (!createIfNotExisted) return undefined;
    return this.createNewReplicaSet(oldRSs, newRevision);
  }

  private syncExistingNewReplicaSet(existing: ReplicaSet, newRevision: string): ReplicaSet {
    const rsCopy = deepClone(existing);
    const annotationsUpdated = util.setNewReplicaSetAnnotations(this.d, rsCopy, newRevision, true);
    if (annotationsUpdated || rsCopy.spec.minReadySeconds !== this.d.spec.minReadySeconds) {
      return updateWorkloadSpec<ReplicaSet>(this.api, 'ReplicaSet', rsCopy.metadata.name, rsCopy.metadata.namespace, (draft) => {
        draft.metadata.annotations = rsCopy.metadata.annotations;
        draft.spec.minReadySeconds = this.d.spec.minReadySeconds;
      });
    }
    let needsUpdate = util.setDeploymentRevision(this.d, rsCopy.metadata.annotations?.[util.REVISION_ANNOTATION] ?? '');
    if (util.hasProgressDeadline(this.d) && !util.getDeploymentCondition(this.d.status, 'Progressing')) {
      const message = `Found new replica set "${rsCopy.metadata.name}"`;
      util.setDeploymentCondition(this.d.status, util.newDeploymentCondition('Progressing', 'True', util.FoundNewRSReason, message, this.nowMs));
      needsUpdate = true;
    }
    if (needsUpdate) this.updateStatus();
    return existing;
  }

  /**
   * Upstream: getNewReplicaSet's creation half. The name is
   * `<deployment>-<hash>`; an existing RS of that name that is not ours (a
   * hash collision) bumps status.collisionCount and the sync is retried.
   */
  private createNewReplicaSet(oldRSs: readonly ReplicaSet[], newRevision: string): ReplicaSet {
    const d = this.d;
    const newRS = this.newReplicaSetObject();
    newRS.spec.replicas = util.newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    util.setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = this.api.create<ReplicaSet>(newRS as unknown as Manifest);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const ours = error.reason === 'AlreadyExists' ? this.ownedWithSameTemplate(newRS.metadata.name) : undefined;
      if (!ours) throw this.newReplicaSetFailed(newRS.metadata.name, error);
      created = ours;
      alreadyExists = true;
    }
    if (!alreadyExists && newRS.spec.replicas > 0) {
      this.recordEvent('ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${newRS.spec.replicas}`);
    }
    let needsUpdate = util.setDeploymentRevision(d, newRevision);
    if (!alreadyExists && util.hasProgressDeadline(d)) {
      const message = `Created new replica set "${created.metadata.name}"`;
      util.setDeploymentCondition(d.status, util.newDeploymentCondition('Progressing', 'True', util.NewReplicaSetReason, message, this.nowMs));
      needsUpdate = true;
    }
    if (needsUpdate) this.updateStatus();
    return created;
  }

  /** The new RS as the controller posts it: the template labelled and selected by its hash. */
  private newReplicaSetObject(): ReplicaSet {
    const d = this.d;
    const hash = util.podTemplateHash(d.spec.template, d.status.collisionCount);
    const template = deepClone(d.spec.template);
    const labels = { ...template.metadata?.labels, [util.DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash };
    template.metadata = { ...template.metadata, labels };
    return {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        ownerReferences: [newControllerRef(d)],
        labels: { ...labels },
      },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec.minReadySeconds,
        selector: util.cloneSelectorAndAddLabel(d.spec.selector, util.DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY, hash),
        template,
      },
      status: {},
    } as unknown as ReplicaSet;
  }

  private ownedWithSameTemplate(name: string): ReplicaSet | undefined {
    const rs = this.api.get<ReplicaSet>('ReplicaSet', name, this.d.metadata.namespace);
    if (rs && getControllerOf(rs)?.uid === this.d.metadata.uid && util.equalIgnoreHash(this.d.spec.template, rs.spec.template)) return rs;
    return undefined;
  }

  /** The error to retry with, after recording why (collision count, or a ReplicaSetCreateError condition and event). */
  private newReplicaSetFailed(name: string, error: ApiError): ApiError {
    const d = this.d;
    if (error.reason === 'AlreadyExists') {
      d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
      this.updateStatus();
      return error;
    }
    const message = `Failed to create new replica set "${name}": ${error.message}`;
    if (util.hasProgressDeadline(d)) {
      util.setDeploymentCondition(d.status, util.newDeploymentCondition('Progressing', 'False', util.FailedRSCreateReason, message, this.nowMs));
      this.updateStatus();
    }
    this.recordEvent(util.FailedRSCreateReason, message, 'Warning');
    return error;
  }

  /**
   * Upstream: scale. One active RS (or none) takes all replicas; a
   * saturated new RS means the old ones go to 0; otherwise a rolling
   * Deployment spreads the change over its active RSs in proportion to size.
   */
  scale(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): void {
    const d = this.d;
    const activeOrLatest = util.findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (activeOrLatest.spec.replicas !== d.spec.replicas) this.scaleReplicaSetAndRecordEvent(activeOrLatest, d.spec.replicas);
      return;
    }
    if (util.isSaturated(d, newRS)) {
      for (const old of util.filterActiveReplicaSets(oldRSs)) this.scaleReplicaSetAndRecordEvent(old, 0);
      return;
    }
    if (util.isRollingUpdate(d)) this.scaleProportionally(newRS, oldRSs);
  }

  /**
   * Upstream: scale's rolling branch. Every active RS gets its proportion of
   * the replicas to add (or remove); the largest absorbs the rounding leftover.
   */
  private scaleProportionally(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): void {
    const d = this.d;
    const allRSs = util.filterActiveReplicaSets([...oldRSs, newRS]);
    const allowedSize = d.spec.replicas > 0 ? d.spec.replicas + util.maxSurge(d) : 0;
    const toAdd = allowedSize - util.getReplicaCountForReplicaSets(allRSs);
    let operation = '';
    if (toAdd > 0) {
      allRSs.sort(util.bySizeNewer);
      operation = 'up';
    } else if (toAdd < 0) {
      allRSs.sort(util.bySizeOlder);
      operation = 'down';
    }
    let added = 0;
    const sizes = allRSs.map((rs) => {
      if (toAdd === 0) return rs.spec.replicas;
      const proportion = util.getProportion(rs, d, toAdd, added);
      added += proportion;
      return rs.spec.replicas + proportion;
    });
    if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
    allRSs.forEach((rs, i) => this.scaleReplicaSet(rs, sizes[i]!, operation));
  }

  /** Upstream: scaleReplicaSetAndRecordEvent. */
  scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number): ScaleResult {
    if (rs.spec.replicas === newScale) return [false, rs];
    return this.scaleReplicaSet(rs, newScale, rs.spec.replicas < newScale ? 'up' : 'down');
  }

  /**
   * Upstream: scaleReplicaSet — sets the size and the desired/max replicas
   * annotations; the ScalingReplicaSet event only when the size changed.
   */
  scaleReplicaSet(rs: ReplicaSet, newScale: number, operation: string): ScaleResult {
    const d = this.d;
    const maxReplicas = d.spec.replicas + util.maxSurge(d);
    const sizeNeedsUpdate = rs.spec.replicas !== newScale;
    if (!sizeNeedsUpdate && !util.replicasAnnotationsNeedUpdate(rs, d.spec.replicas, maxReplicas)) return [false, rs];
    const oldScale = rs.spec.replicas;
    const updated = updateWorkloadSpec<ReplicaSet>(this.api, 'ReplicaSet', rs.metadata.name, rs.metadata.namespace, (draft) => {
      draft.spec.replicas = newScale;
      util.setReplicasAnnotations(draft, d.spec.replicas, maxReplicas);
    });
    if (!sizeNeedsUpdate) return [false, updated];
    this.recordEvent('ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    return [true, updated];
  }

  /**
   * Upstream: cleanupDeployment — delete the oldest revisions beyond
   * revisionHistoryLimit, skipping any RS that still has or wants pods or
   * whose controller has not caught up with it.
   */
  cleanupDeployment(oldRSs: readonly ReplicaSet[]): void {
    const d = this.d;
    if (!util.hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - d.spec.revisionHistoryLimit!;
    if (diff <= 0) return;
    cleanable.sort(util.byRevision);
    for (const rs of cleanable.slice(0, diff)) {
      const pending = (rs.metadata.generation ?? 1) > (rs.status.observedGeneration ?? 0);
      if ((rs.status.replicas ?? 0) !== 0 || rs.spec.replicas !== 0 || pending) continue;
      try {
        this.api.delete('ReplicaSet', rs.metadata.name, rs.metadata.namespace);
      } catch (error) {
        if (!(error instanceof ApiError) || error.reason !== 'NotFound') throw error;
      }
    }
  }

  /** Upstream: syncDeploymentStatus — status without progress estimation. */
  syncDeploymentStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const status = calculateStatus(allRSs, newRS, this.d, this.nowMs);
    if (stableStringify(status) === stableStringify(this.d.status)) return;
    this.d.status = status;
    this.updateStatus();
  }

  /**
   * Upstream: progress.go syncRolloutStatus — status plus the Progressing
   * condition: NewReplicaSetAvailable when complete, ReplicaSetUpdated while
   * anything moves, ProgressDeadlineExceeded after the deadline without progress.
   */
  syncRolloutStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const d = this.d;
    const status = calculateStatus(allRSs, newRS, d, this.nowMs);
    if (!util.hasProgressDeadline(d)) util.removeDeploymentCondition(status, 'Progressing');
    const current = util.getDeploymentCondition(d.status, 'Progressing');
    const isCompleteDeployment = status.replicas === status.updatedReplicas && current?.reason === util.NewRSAvailableReason;
    if (util.hasProgressDeadline(d) && !isCompleteDeployment) this.estimateProgress(status, newRS);
    // ReplicaFailure conditions of the ReplicaSets are not promoted (upstream getReplicaFailures).
    if (stableStringify(status) === stableStringify(d.status)) {
      this.requeueStuckDeployment(status);
      return;
    }
    d.status = status;
    this.updateStatus();
  }

  private estimateProgress(status: Status, newRS: ReplicaSet | undefined): void {
    const d = this.d;
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (util.deploymentComplete(d, status)) {
      const message = `${subject} has successfully progressed.`;
      util.setDeploymentCondition(status, util.newDeploymentCondition('Progressing', 'True', util.NewRSAvailableReason, message, this.nowMs));
    } else if (util.deploymentProgressing(d, status)) {
      // Progress refreshes lastUpdateTime even when the reason stays (SetDeploymentCondition would not).
      const condition = util.newDeploymentCondition('Progressing', 'True', util.ReplicaSetUpdatedReason, `${subject} is progressing.`, this.nowMs);
      const current = util.getDeploymentCondition(d.status, 'Progressing');
      if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
      util.removeDeploymentCondition(status, 'Progressing');
      util.setDeploymentCondition(status, condition);
    } else if (util.deploymentTimedOut(d, status, this.nowMs)) {
      const message = `${subject} has timed out progressing.`;
      util.setDeploymentCondition(status, util.newDeploymentCondition('Progressing', 'False', util.TimedOutReason, message, this.nowMs));
    }
  }

  /**
   * Upstream: requeueStuckDeployment — with no progress, look again when the
   * deadline will have passed, plus the second upstream adds against skew;
   * with under a second left, at once through the rate limiter. A complete
   * rollout that lost availability (its condition says NewReplicaSetAvailable,
   * which never times out) keeps coming back this way while it is degraded,
   * paced by the queue's 10 qps bucket, as upstream.
   */
  private requeueStuckDeployment(status: Status): void {
    const d = this.d;
    const current = util.getDeploymentCondition(d.status, 'Progressing');
    if (!util.hasProgressDeadline(d) || !current?.lastUpdateTime) return;
    if (util.deploymentComplete(d, status) || current.reason === util.TimedOutReason) return;
    const deadlineMs = fromTimestamp(current.lastUpdateTime) + d.spec.progressDeadlineSeconds! * SECOND_MS;
    const afterMs = deadlineMs - this.nowMs;
    this.requeue = afterMs < SECOND_MS ? 'rate-limited' : afterMs + SECOND_MS;
  }

  /** Writes the working copy's status and annotations (upstream: UpdateStatus). */
  updateStatus(): void {
    const d = this.d;
    const stored = this.api.update<Deployment>('Deployment', d.metadata.name, d.metadata.namespace, (draft) => {
      const sameStatus = stableStringify(draft.status) === stableStringify(d.status);
      if (sameStatus && stableStringify(draft.metadata.annotations ?? {}) === stableStringify(d.metadata.annotations ?? {})) return false;
      draft.status = deepClone(d.status);
      if (d.metadata.annotations) draft.metadata.annotations = deepClone(d.metadata.annotations);
      else delete draft.metadata.annotations;
    });
    this.d = deepClone(stored);
  }

  recordEvent(reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    this.api.recordEvent(this.d, type, reason, message, DEPLOYMENT_SOURCE);
  }
}

/**
 * Upstream: sync.go calculateStatus. Replicas count the RSs' (active) pods;
 * Available=True while at least replicas − maxUnavailable pods are available.
 */
export function calculateStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): Status {
  const availableReplicas = util.getAvailableReplicaCountForReplicaSets(allRSs);
  const totalReplicas = util.getReplicaCountForReplicaSets(allRSs);
  const status: Status = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: util.getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: util.getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: util.getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas,
    unavailableReplicas: Math.max(0, totalReplicas - availableReplicas),
    ...(d.status.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    ...(d.status.conditions ? { conditions: deepClone(d.status.conditions) } : {}),
  };
  if (availableReplicas >= d.spec.replicas - util.maxUnavailable(d)) {
    const condition = util.newDeploymentCondition('Available', 'True', util.MinimumReplicasAvailable, 'Deployment has minimum availability.', nowMs);
    util.setDeploymentCondition(status, condition);
  } else {
    const condition = util.newDeploymentCondition('Available', 'False', util.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs);
    util.setDeploymentCondition(status, condition);
  }
  return status;
}
