/**
 * The workloads the page lists (Deployment, ReplicaSet, StatefulSet,
 * DaemonSet, Job), their counts as `kubectl get` shows them, which of them
 * `kubectl scale` applies to, and the replica count a user typed. Pure
 * functions over the store's `cluster.others` slice.
 */
import { PAGE_LIMITS } from '../kube/limits';
import { actionLimitProblem } from '../scenario/action-limits';
import type { KubeObject, Pod } from '../sim/api/types';

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Job'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface WorkloadRef {
  kind: string;
  namespace: string;
  name: string;
}

type Others = ReadonlyMap<string, ReadonlyMap<string, KubeObject>>;

interface Loose {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface WorkloadCounts {
  desired: number | undefined;
  ready: number | undefined;
  available: number | undefined;
  /** What else `kubectl get` would show (up-to-date, scheduled, job pods). */
  detail: string;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** "Deployment", "default", "web" → "deployment web"; another namespace is named: "deployment kube-system/web". */
export function workloadLabel(ref: WorkloadRef): string {
  return `${ref.kind.toLowerCase()} ${ref.namespace === 'default' ? ref.name : `${ref.namespace}/${ref.name}`}`;
}

/** The controller reference of an object (metadata.ownerReferences[controller=true]). */
export function controllerOf(object: KubeObject): { kind: string; name: string } | undefined {
  const ref = object.metadata.ownerReferences?.find((o) => o.controller);
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}

/** Whether the page offers "Scale": Deployments, StatefulSets and ReplicaSets no Deployment controls (it would scale them back). */
export function isScalable(object: KubeObject): boolean {
  if (object.kind === 'Deployment' || object.kind === 'StatefulSet') return true;
  return object.kind === 'ReplicaSet' && controllerOf(object)?.kind !== 'Deployment';
}

export function workloadCounts(object: KubeObject): WorkloadCounts {
  const { spec = {}, status = {} } = object as unknown as Loose;
  switch (object.kind) {
    case 'Deployment':
      return {
        desired: num(spec.replicas) ?? 1,
        ready: num(status.readyReplicas) ?? 0,
        available: num(status.availableReplicas) ?? 0,
        detail: `${num(status.updatedReplicas) ?? 0} up-to-date, ${num(status.replicas) ?? 0} current`,
      };
    case 'ReplicaSet':
    case 'StatefulSet':
      return {
        desired: num(spec.replicas) ?? 1,
        ready: num(status.readyReplicas) ?? 0,
        available: num(status.availableReplicas) ?? 0,
        detail: `${num(status.replicas) ?? 0} current`,
      };
    case 'DaemonSet':
      return {
        desired: num(status.desiredNumberScheduled) ?? 0,
        ready: num(status.numberReady) ?? 0,
        available: num(status.numberAvailable) ?? 0,
        detail: `${num(status.currentNumberScheduled) ?? 0} scheduled, ${num(status.numberMisscheduled) ?? 0} misscheduled`,
      };
    case 'Job':
      return {
        desired: num(spec.completions) ?? 1,
        ready: num(status.ready) ?? 0,
        available: undefined,
        detail: `${num(status.active) ?? 0} active, ${num(status.succeeded) ?? 0} succeeded, ${num(status.failed) ?? 0} failed`,
      };
    default:
      return { desired: undefined, ready: undefined, available: undefined, detail: '' };
  }
}

/** Every workload as "Kind/namespace/name", by kind (WORKLOAD_KINDS order), then namespace and name. */
export function workloadIds(others: Others): string[] {
  const ids: string[] = [];
  for (const kind of WORKLOAD_KINDS) {
    const byKey = others.get(kind);
    if (!byKey) continue;
    for (const key of [...byKey.keys()].sort()) ids.push(`${kind}/${key}`);
  }
  return ids;
}

/** "Deployment/default/web" → the object, if the store has it. */
export function workloadById(others: Others, id: string): KubeObject | undefined {
  const slash = id.indexOf('/');
  return others.get(id.slice(0, slash))?.get(id.slice(slash + 1));
}

/**
 * The top of a pod's controller chain when it is scalable: a Deployment for
 * the pods of its ReplicaSets, a StatefulSet, or a standalone ReplicaSet.
 */
export function scalableOwnerOf(pod: Pod, others: Others): WorkloadRef | undefined {
  const namespace = pod.metadata.namespace;
  let object: KubeObject = pod;
  let top: KubeObject | undefined;
  for (let depth = 0; depth < 4; depth++) {
    const ref = controllerOf(object);
    if (!ref) break;
    const owner = others.get(ref.kind)?.get(`${namespace}/${ref.name}`);
    if (!owner) break;
    top = owner;
    object = owner;
  }
  return top && isScalable(top) ? { kind: top.kind, namespace, name: top.metadata.name } : undefined;
}

/** The count typed for `label` ("deployment web"), or what is wrong with it. */
export function parseReplicas(text: string, label: string): { replicas: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `Enter the number of replicas for ${label}.` };
  if (/^-\s*\d+(\.\d+)?$/.test(trimmed)) return { error: `Replicas cannot be negative (got ${trimmed}); enter 0 or more.` };
  if (!/^\d+$/.test(trimmed)) {
    const value = Number(trimmed);
    return {
      error: Number.isFinite(value)
        ? `Replicas must be a whole number (got ${trimmed}).`
        : `Replicas must be a whole number, not "${trimmed}".`,
    };
  }
  const replicas = Number(trimmed);
  // The worker refuses it too (every action is checked there); said here at once, next to the field.
  const problem = actionLimitProblem({ do: 'scale', kind: 'Deployment', name: label, replicas }, PAGE_LIMITS, { nodeCount: 0 });
  if (problem) return { error: `${capitalize(label)}: ${problem}.` };
  return { replicas };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
