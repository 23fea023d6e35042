/**
 * What the workload controllers share, after upstream's
 * pkg/controller/controller_utils.go (PodControl, GetPodFromTemplate,
 * ActivePods, ComputeHash), pkg/api/v1/pod (IsPodAvailable) and
 * apimachinery's intstr and rand helpers.
 */
import { ApiError } from '../apiserver/errors';
import type { ApiServer } from '../apiserver/apiserver';
import { getPodCondition, isPodReady } from '../api/conditions';
import { fromTimestamp } from '../core/time';
import type { KubeObject, Manifest, OwnerReference, Pod } from '../api/types';

/** A pod template as workload specs carry it. */
export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] };
  spec: Pod['spec'];
}

/** Upstream: SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

// ---- owner references ------------------------------------------------------

/** Upstream: metav1.NewControllerRef. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Upstream: metav1.GetControllerOf. */
export function getControllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/**
 * The pods whose controller is `owner` (and that `include` accepts), through the API server's owner index
 * (upstream lists the namespace and lets ControllerRefManager claim; adoption
 * of orphans by selector is not modelled).
 */
export function controlledPods(api: ApiServer, owner: KubeObject, include: (pod: Pod) => boolean = () => true): Pod[] {
  const out: Pod[] = [];
  const uid = owner.metadata.uid;
  for (const object of api.dependents(uid)) {
    if (object.kind === 'Pod' && include(object as Pod) && getControllerOf(object)?.uid === uid) out.push(object as Pod);
  }
  return out;
}

// ---- pod control -------------------------------------------------------------

/** Upstream: GetPodFromTemplate — labels, annotations and finalizers of the template, name prefix of the owner. */
export function getPodFromTemplate(template: PodTemplate, owner: KubeObject, controllerRef: OwnerReference): Pod {
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace!,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef],
    },
    spec: structuredClone(template.spec),
  } as unknown as Pod;
}

/**
 * Upstream: RealPodControl.CreatePods — create, and record SuccessfulCreate
 * or FailedCreate on the owner. Returns the pod, or the error.
 */
export function createPod(api: ApiServer, owner: KubeObject, pod: Pod, source: string): Pod | ApiError {
  try {
    const created = api.create<Pod>(pod as unknown as Manifest);
    api.recordEvent(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, source);
    return created;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    api.recordEvent(owner, 'Warning', 'FailedCreate', `Error creating: ${error.message}`, source);
    return error;
  }
}

/** Upstream: RealPodControl.DeletePod — NotFound is an error without an event. */
export function deletePod(api: ApiServer, owner: KubeObject, pod: Pod, source: string): ApiError | undefined {
  try {
    api.delete('Pod', pod.metadata.name, pod.metadata.namespace);
    api.recordEvent(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, source);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.reason !== 'NotFound') api.recordEvent(owner, 'Warning', 'FailedDelete', `Error deleting: ${error.message}`, source);
    return error;
  }
}

/**
 * Upstream's slow-start batches (1, 2, 4, …): stop after the first batch in
 * which an attempt failed, so a quota error does not spam the API server.
 * Returns how many attempts succeeded.
 */
export function slowStartBatch(count: number, initialBatchSize: number, attempt: (index: number) => boolean): number {
  let successes = 0;
  let position = 0;
  for (let batchSize = Math.min(count, initialBatchSize); batchSize > 0; batchSize = Math.min(2 * batchSize, count - position)) {
    let failed = false;
    for (let i = position; i < position + batchSize; i++) {
      if (attempt(i)) successes++;
      else failed = true;
    }
    position += batchSize;
    if (failed) break;
  }
  return successes;
}

// ---- pod state ---------------------------------------------------------------

/**
 * Upstream: podutil.IsPodAvailable — Ready, and Ready for strictly longer
 * than minReadySeconds.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = getPodCondition(pod, 'Ready')?.lastTransitionTime;
  return since !== undefined && fromTimestamp(since) + minReadySeconds * 1000 < nowMs;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Upstream: controller.ActivePods.Less — the pods to delete first come first:
 * unassigned, earlier phase, not ready, ready for less time, more restarts,
 * newer. The name breaks the remaining ties so the order is total.
 */
export function compareActivePods(a: Pod, b: Pod): number {
  const aNode = a.spec.nodeName ?? '';
  const bNode = b.spec.nodeName ?? '';
  if (aNode !== bNode && (aNode === '' || bNode === '')) return aNode === '' ? -1 : 1;
  const aPhase = PHASE_ORDINAL[a.status.phase ?? ''] ?? -1;
  const bPhase = PHASE_ORDINAL[b.status.phase ?? ''] ?? -1;
  if (aPhase !== bPhase) return aPhase - bPhase;
  const aReady = isPodReady(a);
  if (aReady !== isPodReady(b)) return aReady ? 1 : -1;
  if (aReady) {
    const byReadyTime = laterFirst(getPodCondition(a, 'Ready')?.lastTransitionTime, getPodCondition(b, 'Ready')?.lastTransitionTime);
    if (byReadyTime !== 0) return byReadyTime;
  }
  const restarts = maxRestarts(b) - maxRestarts(a);
  if (restarts !== 0) return restarts;
  return laterFirst(a.metadata.creationTimestamp, b.metadata.creationTimestamp) || compareStrings(a.metadata.name, b.metadata.name);
}

/** Upstream: afterOrZero — a missing time first, then the later one. */
function laterFirst(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (!a) return -1;
  if (!b) return 1;
  return a > b ? -1 : 1;
}

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status.containerStatuses ?? []).map((s) => s.restartCount));
}

// ---- hashes and numbers --------------------------------------------------------

const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * Upstream: controller.ComputeHash — fnv32a of the template (and the
 * collision count), spelled with rand.SafeEncodeString. Upstream hashes a
 * spew dump of the Go struct; we hash the JSON with sorted keys, so the
 * values differ from a real cluster's but change exactly when the template does.
 */
export function computeHash(value: unknown, collisionCount?: number): string {
  let hash = 0x811c9dc5;
  const text = stableStringify(value) + (collisionCount ? `#${collisionCount}` : '');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i) & 0xff;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let out = '';
  for (const digit of String(hash >>> 0)) out += SAFE_ALPHANUMS[digit.charCodeAt(0) % SAFE_ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted, so equal values give equal strings whatever their key order. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => compareStrings(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/**
 * Upstream: intstr.GetScaledValueFromIntOrPercent. "25%" of `total`, rounded
 * up or down; a number is taken as is. Invalid values give undefined.
 */
export function scaledValueFromIntOrPercent(value: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // Upstream rejects a string that is not a percentage.
  const match = /^(\d+)%$/.exec(value);
  if (!match) return undefined;
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "ns/name" → [ns, name]. */
export function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
