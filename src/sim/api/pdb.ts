/**
 * PodDisruptionBudget: its stored shape and what the disruption controller
 * and the eviction subresource share.
 *
 * Upstream: staging/src/k8s.io/component-helpers/apps/poddisruptionbudget/helpers.go,
 * staging/src/k8s.io/apimachinery/pkg/api/meta/conditions.go (SetStatusCondition).
 */
import type { Condition } from 'kubernetes-types/meta/v1';
import type { PodDisruptionBudgetSpec, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { fromLabelSelector, type Selector } from './labels';
import type { KubeObject, StoredMeta } from './types';

export interface PodDisruptionBudget extends KubeObject {
  kind: 'PodDisruptionBudget';
  metadata: StoredMeta & { namespace: string };
  spec: PodDisruptionBudgetSpec;
  status: PodDisruptionBudgetStatus;
}

export type { Condition };

// Upstream: k8s.io/api/policy/v1 types.go
export const DISRUPTION_ALLOWED_CONDITION = 'DisruptionAllowed';
export const SUFFICIENT_PODS_REASON = 'SufficientPods';
export const INSUFFICIENT_PODS_REASON = 'InsufficientPods';
export const SYNC_FAILED_REASON = 'SyncFailed';
export const DISRUPTION_BUDGET_CAUSE = 'DisruptionBudget';
export const ALWAYS_ALLOW = 'AlwaysAllow';

/**
 * The PDB's pod selector. policy/v1 semantics: a missing selector selects
 * nothing, an empty one every pod of the namespace.
 */
export function pdbSelector(pdb: PodDisruptionBudget): Selector | null {
  return pdb.spec.selector ? fromLabelSelector(pdb.spec.selector) : null;
}

/**
 * The PDB's metadata.generation. The registry sets it to 1 on create; a PDB
 * stored without one is read as that first generation.
 */
export function pdbGeneration(pdb: PodDisruptionBudget): number {
  return pdb.metadata.generation ?? 1;
}

/**
 * Upstream: meta.SetStatusCondition. lastTransitionTime moves only when the
 * status changes; returns whether anything changed.
 */
export function setStatusCondition(
  conditions: Condition[],
  condition: Omit<Condition, 'lastTransitionTime'>,
  nowTimestamp: string,
): boolean {
  const existing = conditions.find((c) => c.type === condition.type);
  if (!existing) {
    conditions.push({ ...condition, lastTransitionTime: nowTimestamp });
    return true;
  }
  let changed = false;
  if (existing.status !== condition.status) {
    existing.status = condition.status;
    existing.lastTransitionTime = nowTimestamp;
    changed = true;
  }
  if (existing.reason !== condition.reason) {
    existing.reason = condition.reason;
    changed = true;
  }
  if (existing.message !== condition.message) {
    existing.message = condition.message;
    changed = true;
  }
  if (existing.observedGeneration !== condition.observedGeneration) {
    existing.observedGeneration = condition.observedGeneration;
    changed = true;
  }
  return changed;
}

/** Upstream: UpdateDisruptionAllowedCondition. */
export function updateDisruptionAllowedCondition(status: PodDisruptionBudgetStatus, nowTimestamp: string): void {
  const conditions = (status.conditions ??= []);
  const allowed = status.disruptionsAllowed > 0;
  setStatusCondition(
    conditions,
    {
      type: DISRUPTION_ALLOWED_CONDITION,
      status: allowed ? 'True' : 'False',
      reason: allowed ? SUFFICIENT_PODS_REASON : INSUFFICIENT_PODS_REASON,
      message: '',
      observedGeneration: status.observedGeneration ?? 0,
    },
    nowTimestamp,
  );
}

/** Upstream: ConditionsAreUpToDate. */
export function conditionsAreUpToDate(pdb: PodDisruptionBudget): boolean {
  const condition = pdb.status.conditions?.find((c) => c.type === DISRUPTION_ALLOWED_CONDITION);
  if (!condition || pdb.status.observedGeneration !== pdbGeneration(pdb)) return false;
  if (pdb.status.disruptionsAllowed > 0) return condition.status === 'True' && condition.reason === SUFFICIENT_PODS_REASON;
  return condition.status === 'False' && condition.reason === INSUFFICIENT_PODS_REASON;
}
