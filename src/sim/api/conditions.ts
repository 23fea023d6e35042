/** Node and pod condition helpers (pkg/controller/util/node, pkg/api/v1/pod). */
import type { Node, NodeCondition, Pod, PodCondition } from './types';

export function getNodeCondition(node: Node, type: string): NodeCondition | undefined {
  return node.status.conditions?.find((c) => c.type === type);
}

export function isNodeReady(node: Node): boolean {
  return getNodeCondition(node, 'Ready')?.status === 'True';
}

/** A plain loop: this runs for every pod in every controller's sync. */
export function getPodCondition(pod: Pod, type: string): PodCondition | undefined {
  const conditions = pod.status.conditions;
  if (!conditions) return undefined;
  for (let i = 0; i < conditions.length; i++) if (conditions[i]!.type === type) return conditions[i];
  return undefined;
}

export function isPodReady(pod: Pod): boolean {
  return getPodCondition(pod, 'Ready')?.status === 'True';
}

/** Upstream: IsPodActive — not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
}

/**
 * Upstream: podutil.UpdatePodCondition. Sets the condition on a mutable
 * status; lastTransitionTime moves only when the status changes. Returns
 * whether anything changed.
 */
export function setPodCondition(status: Pod['status'], condition: PodCondition, nowTimestamp: string): boolean {
  const conditions = (status.conditions ??= []);
  const index = conditions.findIndex((c) => c.type === condition.type);
  const next: PodCondition = { lastProbeTime: undefined, ...condition, lastTransitionTime: nowTimestamp };
  delete next.lastProbeTime;
  if (index < 0) {
    conditions.push(next);
    return true;
  }
  const old = conditions[index]!;
  if (old.status === next.status) next.lastTransitionTime = old.lastTransitionTime ?? nowTimestamp;
  const changed =
    old.status !== next.status ||
    old.reason !== next.reason ||
    old.message !== next.message ||
    old.lastTransitionTime !== next.lastTransitionTime;
  conditions[index] = next;
  return changed;
}
