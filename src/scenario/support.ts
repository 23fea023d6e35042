/**
 * What this build of the simulation can run. The scenario format names more
 * (scenario-format.md, "objects" and "actions"); what is not here yet is an
 * error saying so, never silently ignored.
 */
import { isServedKind } from '../sim';

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

/** Why objects of `kind` cannot be used, or undefined when they can. */
export function kindProblem(kind: string): string | undefined {
  if (isServedKind(kind)) return undefined;
  return `unknown kind "${kind}" (the scenario format accepts ${CONTRACT_KINDS.join(', ')})`;
}
