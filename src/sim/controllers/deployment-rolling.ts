/**
 * The two rollout strategies (kubernetes-behaviour.md §6.2). RollingUpdate
 * grows the new ReplicaSet within replicas + maxSurge and shrinks the old
 * ones while at least replicas − maxUnavailable pods stay available;
 * Recreate scales the old ones to 0 and waits for their pods to be gone
 * before it creates the new one.
 *
 * Upstream: pkg/controller/deployment/rolling.go and recreate.go, names kept.
 */
import type { Pod } from '../api/types';
import type { DeploymentSync } from './deployment-sync';
import * as util from './deployment-util';
import type { ReplicaSet } from './workload-types';

type MaybeRS = ReplicaSet | undefined;

/** Upstream: rolloutRolling — scale up if we can, else scale down if we can, then status. */
export function rolloutRolling(s: DeploymentSync): void {
  const [newRS, oldRSs] = s.getAllReplicaSetsAndSyncRevision(true);
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(s, allRSs, newRS!)) return s.syncRolloutStatus(allRSs, newRS);
  if (reconcileOldReplicaSets(s, allRSs, util.filterActiveReplicaSets(oldRSs), newRS!)) return s.syncRolloutStatus(allRSs, newRS);
  if (util.deploymentComplete(s.d, s.d.status)) s.cleanupDeployment(oldRSs);
  s.syncRolloutStatus(allRSs, newRS);
}

/** Upstream: reconcileNewReplicaSet. */
function reconcileNewReplicaSet(s: DeploymentSync, allRSs: readonly MaybeRS[], newRS: ReplicaSet): boolean {
  const replicas = s.d.spec.replicas;
  if (newRS.spec.replicas === replicas) return false;
  if (newRS.spec.replicas > replicas) return s.scaleReplicaSetAndRecordEvent(newRS, replicas)[0];
  return s.scaleReplicaSetAndRecordEvent(newRS, util.newRSNewReplicas(s.d, allRSs, newRS))[0];
}

/**
 * Upstream: reconcileOldReplicaSets. maxScaledDown = Σ replicas −
 * minAvailable − the new RS's unavailable pods, so new pods that never
 * become available do not let old ones go. Unhealthy old pods go first.
 */
function reconcileOldReplicaSets(s: DeploymentSync, allRSs: readonly MaybeRS[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (util.getReplicaCountForReplicaSets(oldRSs) === 0) return false;
  const allPodsCount = util.getReplicaCountForReplicaSets(allRSs);
  const minAvailable = s.d.spec.replicas - util.maxUnavailable(s.d);
  const newRSUnavailablePodCount = newRS.spec.replicas - (newRS.status.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;
  const cleanupCount = cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
  // Upstream: an error from the cleanup ends the pass without scaling down (and without an error).
  if (cleanupCount === undefined) return false;
  const scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(s, [...oldRSs, newRS], oldRSs);
  return cleanupCount + scaledDownCount > 0;
}

/**
 * Upstream: cleanupUnhealthyReplicas — shrink old RSs (oldest first) by
 * their unavailable replicas, within maxCleanupCount. The ReplicaSet's
 * deletion ranking then picks exactly the unhealthy pods. Updates `oldRSs`.
 * Undefined is upstream's "invalid request to scale down" error: a stale
 * status showing more available pods than the RS now wants would
 * otherwise scale it up.
 */
function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: ReplicaSet[], maxCleanupCount: number): number | undefined {
  oldRSs.sort(util.byCreationTimestamp);
  let totalScaledDown = 0;
  for (let i = 0; i < oldRSs.length; i++) {
    if (totalScaledDown >= maxCleanupCount) break;
    const rs = oldRSs[i]!;
    const available = rs.status.availableReplicas ?? 0;
    if (rs.spec.replicas === 0 || rs.spec.replicas === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, rs.spec.replicas - available);
    if (scaledDownCount < 0) return undefined;
    oldRSs[i] = s.scaleReplicaSetAndRecordEvent(rs, rs.spec.replicas - scaledDownCount)[1];
    totalScaledDown += scaledDownCount;
  }
  return totalScaledDown;
}

/**
 * Upstream: scaleDownOldReplicaSetsForRollingUpdate — remove at most
 * Σ available − minAvailable old replicas, oldest RS first.
 */
function scaleDownOldReplicaSetsForRollingUpdate(s: DeploymentSync, allRSs: readonly MaybeRS[], oldRSs: ReplicaSet[]): number {
  const minAvailable = s.d.spec.replicas - util.maxUnavailable(s.d);
  const availablePodCount = util.getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  oldRSs.sort(util.byCreationTimestamp);
  const totalScaleDownCount = availablePodCount - minAvailable;
  let totalScaledDown = 0;
  for (const rs of oldRSs) {
    if (totalScaledDown >= totalScaleDownCount) break;
    if (rs.spec.replicas === 0) continue;
    const scaleDownCount = Math.min(rs.spec.replicas, totalScaleDownCount - totalScaledDown);
    s.scaleReplicaSetAndRecordEvent(rs, rs.spec.replicas - scaleDownCount);
    totalScaledDown += scaleDownCount;
  }
  return totalScaledDown;
}

/**
 * Upstream: rolloutRecreate — old RSs to 0; nothing more while any old pod
 * still runs (terminating ones included); then the new RS at full size.
 */
export function rolloutRecreate(s: DeploymentSync): void {
  // No new RS yet: it is created only once the old pods are gone.
  let [newRS, oldRSs] = s.getAllReplicaSetsAndSyncRevision(false);
  let allRSs: MaybeRS[] = [...oldRSs, newRS];
  const activeOldRSs = util.filterActiveReplicaSets(oldRSs);
  if (scaleDownOldReplicaSetsForRecreate(s, activeOldRSs)) return s.syncRolloutStatus(allRSs, newRS);
  if (oldPodsRunning(newRS, oldRSs, s.podMap())) return s.syncRolloutStatus(allRSs, newRS);
  if (!newRS) {
    [newRS, oldRSs] = s.getAllReplicaSetsAndSyncRevision(true);
    allRSs = [...oldRSs, newRS];
  }
  s.scaleReplicaSetAndRecordEvent(newRS!, s.d.spec.replicas);
  if (util.deploymentComplete(s.d, s.d.status)) s.cleanupDeployment(oldRSs);
  s.syncRolloutStatus(allRSs, newRS);
}

/** Upstream: scaleDownOldReplicaSetsForRecreate. */
function scaleDownOldReplicaSetsForRecreate(s: DeploymentSync, oldRSs: readonly ReplicaSet[]): boolean {
  let scaled = false;
  for (const rs of oldRSs) {
    if (rs.spec.replicas === 0) continue;
    if (s.scaleReplicaSetAndRecordEvent(rs, 0)[0]) scaled = true;
  }
  return scaled;
}

/** Upstream: oldPodsRunning — an old RS still counts pods, or an old pod is not terminal. */
export function oldPodsRunning(newRS: MaybeRS, oldRSs: readonly ReplicaSet[], podMap: ReadonlyMap<string, readonly Pod[]>): boolean {
  if (util.getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [rsUid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === rsUid) continue;
    if (pods.some((pod) => pod.status.phase !== 'Failed' && pod.status.phase !== 'Succeeded')) return true;
  }
  return false;
}
