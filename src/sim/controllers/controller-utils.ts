/**
 * Helpers of upstream's pkg/controller/controller_utils.go that the
 * ReplicaSet and Deployment controllers need beyond workload-utils.ts: the
 * full scale-down ranking (ActivePodsWithRanks, kubernetes-behaviour.md §6.1)
 * and spec writes that move metadata.generation.
 */
import type { ApiServer } from '../apiserver/apiserver';
import { getPodCondition, isPodActive, isPodReady } from '../api/conditions';
import type { KubeObject, Pod } from '../api/types';
import { fromTimestamp } from '../core/time';
import { compareStrings } from './workload-utils';

/** Upstream: core.PodDeletionCost. */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** Upstream: podPhaseToOrdinal; a phase missing from Go's map reads as 0. */
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** A pod and its rank: how many active pods of related ReplicaSets share its node. */
export interface RankedPod {
  pod: Pod;
  rank: number;
}

/**
 * Upstream: ActivePodsWithRanks.Less (PodDeletionCost and
 * LogarithmicScaleDown on, their defaults). Negative when `a` is to be
 * deleted before `b`; 0 keeps the input order (rule 9).
 */
export function compareRankedPods(a: RankedPod, b: RankedPod, nowMs: number): number {
  const pa = a.pod;
  const pb = b.pod;
  const aNode = pa.spec.nodeName ?? '';
  const bNode = pb.spec.nodeName ?? '';
  // 1. Unassigned < assigned.
  if (aNode !== bNode && (aNode === '' || bNode === '')) return aNode === '' ? -1 : 1;
  // 2. Pending < Unknown < Running.
  const phases = (PHASE_ORDINAL[pa.status.phase ?? ''] ?? 0) - (PHASE_ORDINAL[pb.status.phase ?? ''] ?? 0);
  if (phases !== 0) return phases;
  // 3. Not ready < ready.
  const aReady = isPodReady(pa);
  const bReady = isPodReady(pb);
  if (aReady !== bReady) return aReady ? 1 : -1;
  // 4. Lower pod-deletion-cost first.
  const cost = getDeletionCost(pa) - getDeletionCost(pb);
  if (cost !== 0) return cost;
  // 5. Doubled up (more related pods on the same node) first.
  if (a.rank !== b.rank) return b.rank - a.rank;
  // 6. Ready for less time first, by log2 buckets; same bucket ⇒ smaller UID, and no further rules.
  if (aReady && bReady) {
    const byReadyTime = compareTimes(podReadyTimeMs(pa), podReadyTimeMs(pb), pa, pb, nowMs);
    if (byReadyTime !== undefined) return byReadyTime;
  }
  // 7. More container restarts first.
  const restarts = compareMaxContainerRestarts(pa, pb);
  if (restarts !== 0) return restarts;
  // 8. Newer first, bucketed like rule 6.
  const aCreated = fromTimestamp(pa.metadata.creationTimestamp);
  const bCreated = fromTimestamp(pb.metadata.creationTimestamp);
  return compareTimes(aCreated, bCreated, pa, pb, nowMs) ?? 0;
}

/**
 * Rules 6 and 8: undefined when the times are equal (go on to the next
 * rule). A missing time counts as the latest (upstream: afterOrZero).
 */
function compareTimes(aMs: number | undefined, bMs: number | undefined, pa: Pod, pb: Pod, nowMs: number): number | undefined {
  if (aMs === bMs) return undefined;
  if (aMs === undefined || bMs === undefined) return aMs === undefined ? -1 : 1;
  const rankDiff = logarithmicRank(nowMs - aMs) - logarithmicRank(nowMs - bMs);
  if (rankDiff === 0) return compareStrings(pa.metadata.uid, pb.metadata.uid);
  return rankDiff;
}

/**
 * Upstream: logarithmicRankDiff's per-time rank — floor(log2(age in ns)),
 * -1 for an age ≤ 0. Computed exactly (ages in ns stay below 2^53).
 */
export function logarithmicRank(ageMs: number): number {
  if (ageMs <= 0) return -1;
  const ageNs = ageMs * 1_000_000;
  let rank = Math.floor(Math.log2(ageNs));
  if (2 ** rank > ageNs) rank--;
  else if (2 ** (rank + 1) <= ageNs) rank++;
  return rank;
}

/** Upstream: podReadyTime — when the Ready condition turned True. */
function podReadyTimeMs(pod: Pod): number | undefined {
  const ready = getPodCondition(pod, 'Ready');
  if (ready?.status !== 'True' || !ready.lastTransitionTime) return undefined;
  return fromTimestamp(ready.lastTransitionTime);
}

/**
 * Upstream: helper.GetDeletionCostFromPodAnnotations — an int32 without a
 * plus sign or leading zeros; anything else counts as 0.
 */
export function getDeletionCost(pod: Pod): number {
  const value = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (value === undefined || !/^(0|-\d+|[1-9]\d*)$/.test(value)) return 0;
  const cost = Number(value);
  return cost >= -2147483648 && cost <= 2147483647 ? cost : 0;
}

/** Upstream: compareMaxContainerRestarts — regular containers, then restartable init (sidecar) containers. */
function compareMaxContainerRestarts(a: Pod, b: Pod): number {
  const [aRegular, aSidecar] = maxContainerRestarts(a);
  const [bRegular, bSidecar] = maxContainerRestarts(b);
  if (aRegular !== bRegular) return bRegular - aRegular;
  return bSidecar - aSidecar;
}

function maxContainerRestarts(pod: Pod): [number, number] {
  let regular = 0;
  let sidecar = 0;
  for (const s of pod.status.containerStatuses ?? []) regular = Math.max(regular, s.restartCount);
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  for (const s of pod.status.initContainerStatuses ?? []) if (sidecars.has(s.name)) sidecar = Math.max(sidecar, s.restartCount);
  return [regular, sidecar];
}

/**
 * Upstream: getPodsRankedByRelatedPodsOnSameNode. Every pod's rank is the
 * number of active related pods on its node ("" for unassigned pods counts
 * like a node, as upstream's map does).
 */
export function rankPodsByRelatedPodsOnSameNode(podsToRank: readonly Pod[], relatedPods: readonly Pod[]): RankedPod[] {
  const podsOnNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  return podsToRank.map((pod) => ({ pod, rank: podsOnNode.get(pod.spec.nodeName ?? '') ?? 0 }));
}

/**
 * Upstream: replica_set.go getPodsToDelete — the `diff` pods to delete,
 * those in earlier stages of startup first. No ranking when all go.
 */
export function getPodsToDelete(filteredPods: readonly Pod[], relatedPods: readonly Pod[], diff: number, nowMs: number): Pod[] {
  if (diff >= filteredPods.length) return filteredPods.slice(0, diff);
  const ranked = rankPodsByRelatedPodsOnSameNode(filteredPods, relatedPods);
  // Array.prototype.sort is stable, so equal pods keep their (name) order.
  ranked.sort((a, b) => compareRankedPods(a, b, nowMs));
  return ranked.slice(0, diff).map((r) => r.pod);
}

/**
 * Writes a workload's spec (and metadata) through `mutate`; the API server
 * moves metadata.generation on when the spec changed.
 */
export function updateWorkloadSpec<T extends KubeObject & { spec: unknown }>(
  api: ApiServer,
  kind: string,
  name: string,
  namespace: string | undefined,
  mutate: (draft: T) => void | boolean,
): T {
  return api.update<T>(kind, name, namespace, mutate);
}
