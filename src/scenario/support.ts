/**
 * What this build of the simulation can run. The scenario format names more
 * (scenario-format.md, "objects" and "actions"); what is not here yet is an
 * error saying so, never silently ignored.
 */
import { isServedKind } from '../sim/apiserver/admission';

/** The kinds the contract names, in its order, plus Lease (accepted as an extra). */
export const CONTRACT_KINDS = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'Service',
  'Node',
  'Namespace',
  'PodDisruptionBudget',
  'PriorityClass',
  'Lease',
] as const;

/** Contract kinds whose controllers are not built yet; a kind leaves this list by being served by the API server. */
const PENDING_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'Service',
  'PodDisruptionBudget',
]);

/** Contract actions the engine cannot carry out yet. */
export const PENDING_ACTIONS: ReadonlySet<string> = new Set(['drain', 'scale']);

const ARRIVES = 'it arrives with the workload controllers';

/** Why objects of `kind` cannot be used in this build, or undefined when they can. */
export function kindProblem(kind: string): string | undefined {
  if (isServedKind(kind)) return undefined;
  if (PENDING_KINDS.has(kind)) return `kind ${kind} is not implemented yet (${ARRIVES})`;
  return `unknown kind "${kind}" (the scenario format accepts ${CONTRACT_KINDS.join(', ')})`;
}

export function actionNotImplemented(action: string): string {
  return `action ${action} is not implemented yet (${ARRIVES})`;
}
