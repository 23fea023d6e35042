/**
 * The pods/eviction subresource (POST .../pods/<name>/eviction): a delete
 * that respects PodDisruptionBudgets. It checks the one PDB covering the pod,
 * takes one disruption from its status (recording the pod in
 * status.disruptedPods for the disruption controller), marks the pod with
 * DisruptionTarget and deletes it gracefully; or it refuses with 429.
 *
 * Upstream: pkg/registry/core/pod/storage/eviction.go (EvictionREST.Create,
 * checkAndDecrement, canIgnorePDB, addConditionAndDeletePod). Not modelled:
 * dry-run, resourceVersion preconditions and conflict retries (writes here
 * are read-modify-write on the store, so they cannot conflict).
 */
import { isPodReady, setPodCondition } from '../api/conditions';
import { matches } from '../api/labels';
import {
  ALWAYS_ALLOW,
  DISRUPTION_BUDGET_CAUSE,
  pdbGeneration,
  pdbSelector,
  updateDisruptionAllowedCondition,
  type PodDisruptionBudget,
} from '../api/pdb';
import type { Pod } from '../api/types';
import { toTimestamp } from '../core/time';
import type { ApiServer } from './apiserver';
import { ApiError, errors, type ApiErrorReason } from './errors';

/** Upstream: MaxDisruptedPodSize. */
export const MAX_DISRUPTED_POD_SIZE = 2000;

export const EVICTION_VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";
export const EVICTION_MULTIPLE_PDBS = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

export interface EvictOptions {
  /** The Eviction's deleteOptions.gracePeriodSeconds. */
  gracePeriodSeconds?: number;
}

/** metav1.StatusCause. */
export interface StatusCause {
  type: string;
  message: string;
}

/**
 * An API error carrying what upstream's Status adds to the message: the
 * causes (e.g. which budget blocked the eviction) and Retry-After.
 */
export class EvictionError extends ApiError {
  declare readonly code: number;
  constructor(
    reason: ApiErrorReason,
    message: string,
    readonly causes: StatusCause[] = [],
    readonly retryAfterSeconds = 0,
    code?: number,
  ) {
    super(reason, message);
    if (code !== undefined) this.code = code;
  }
}

/**
 * Evicts a pod; throws ApiError: NotFound, TooManyRequests (429, the budget
 * does not allow it now — retry), Forbidden, or a 500 when several PDBs
 * cover the pod.
 */
export function evictPod(api: ApiServer, namespace: string, name: string, options: EvictOptions = {}): void {
  const pod = api.get<Pod>('Pod', name, namespace);
  if (!pod) throw errors.notFound('Pod', name);
  // A pod that is already gone, done or not running yet disrupts nothing.
  if (canIgnorePDB(pod)) return addConditionAndDeletePod(api, pod, options);

  const pdbs = getPodDisruptionBudgets(api, pod);
  if (pdbs.length > 1) {
    // Upstream returns a failure Status with code 500 and no reason.
    throw new EvictionError('InternalError' as ApiErrorReason, EVICTION_MULTIPLE_PDBS, [], 0, 500);
  }
  const pdb = pdbs[0];
  if (pdb && !canEvictUnhealthyWithoutBudget(pod, pdb)) checkAndDecrement(api, pod.metadata.name, pdb);
  addConditionAndDeletePod(api, pod, options);
}

/** Upstream: canIgnorePDB. */
export function canIgnorePDB(pod: Pod): boolean {
  const phase = pod.status.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp !== undefined;
}

/**
 * An unready pod does not count towards currentHealthy, so deleting it takes
 * nothing from the budget: always with unhealthyPodEvictionPolicy
 * AlwaysAllow; with the default IfHealthyBudget only while the application
 * is not disrupted (currentHealthy ≥ desiredHealthy > 0).
 */
function canEvictUnhealthyWithoutBudget(pod: Pod, pdb: PodDisruptionBudget): boolean {
  if (isPodReady(pod)) return false;
  if (pdb.spec.unhealthyPodEvictionPolicy === ALWAYS_ALLOW) return true;
  const { currentHealthy, desiredHealthy } = pdb.status;
  return currentHealthy >= desiredHealthy && desiredHealthy > 0;
}

/** Upstream: checkAndDecrement. Throws when the budget refuses; else writes the PDB's status. */
function checkAndDecrement(api: ApiServer, podName: string, pdb: PodDisruptionBudget): void {
  const status = pdb.status;
  if ((status.observedGeneration ?? 0) < pdbGeneration(pdb)) throw createTooManyRequestsError(pdb.metadata.name);
  if (status.disruptionsAllowed < 0) throw forbidden(pdb, 'pdb disruptions allowed is negative');
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    throw forbidden(pdb, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  }
  if (status.disruptionsAllowed === 0) {
    const cause = `The disruption budget ${pdb.metadata.name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`;
    throw new EvictionError('TooManyRequests', EVICTION_VIOLATES_BUDGET, [{ type: DISRUPTION_BUDGET_CAUSE, message: cause }]);
  }
  const now = toTimestamp(api.nowMs);
  api.update<PodDisruptionBudget>('PodDisruptionBudget', pdb.metadata.name, pdb.metadata.namespace, (draft) => {
    draft.status.disruptionsAllowed--;
    if (draft.status.disruptionsAllowed === 0) updateDisruptionAllowedCondition(draft.status, now);
    // Tells the disruption controller not to count the pod as healthy until it sees it deleted.
    draft.status.disruptedPods = { ...draft.status.disruptedPods, [podName]: now };
  });
}

/** Upstream: createTooManyRequestsError — the PDB's status is older than its spec. */
function createTooManyRequestsError(pdbName: string): EvictionError {
  const cause = `The disruption budget ${pdbName} is still being processed by the server.`;
  return new EvictionError('TooManyRequests', EVICTION_VIOLATES_BUDGET, [{ type: DISRUPTION_BUDGET_CAUSE, message: cause }], 10);
}

function forbidden(pdb: PodDisruptionBudget, why: string): ApiError {
  return new ApiError('Forbidden', `poddisruptionbudget.policy "${pdb.metadata.name}" is forbidden: ${why}`);
}

/** Upstream: addConditionAndDeletePod. */
function addConditionAndDeletePod(api: ApiServer, pod: Pod, options: EvictOptions): void {
  const { name, namespace } = pod.metadata;
  const now = toTimestamp(api.nowMs);
  api.update<Pod>('Pod', name, namespace, (draft) =>
    setPodCondition(
      draft.status,
      { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' },
      now,
    ),
  );
  api.delete('Pod', name, namespace, options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds });
}

/** Upstream: getPodDisruptionBudgets — every PDB of the pod's namespace whose selector matches it, by name. */
export function getPodDisruptionBudgets(api: ApiServer, pod: Pod): PodDisruptionBudget[] {
  const out: PodDisruptionBudget[] = [];
  for (const pdb of api.list<PodDisruptionBudget>('PodDisruptionBudget')) {
    if (pdb.metadata.namespace !== pod.metadata.namespace) continue;
    const selector = pdbSelector(pdb);
    if (selector && matches(selector, pod.metadata.labels)) out.push(pdb);
  }
  return out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}
