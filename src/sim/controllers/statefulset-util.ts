/**
 * StatefulSet pod identity and health, after upstream's
 * pkg/controller/statefulset/stateful_set_utils.go.
 */
import type * as apps from 'kubernetes-types/apps/v1';
import { isPodTerminal } from '../api/conditions';
import type { KubeObject, Pod, StoredMeta } from '../api/types';
import { CONTROLLER_REVISION_HASH_LABEL } from './daemonset-util';
import { getPodFromTemplate, isPodAvailable, newControllerRef, type PodTemplate } from './workload-utils';

export interface StatefulSet extends apps.StatefulSet, KubeObject {
  kind: 'StatefulSet';
  apiVersion: 'apps/v1';
  metadata: StoredMeta & { namespace: string };
  spec: apps.StatefulSetSpec;
  status?: apps.StatefulSetStatus;
}

/** Upstream: apps.StatefulSetPodNameLabel. */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** Upstream: apps.PodIndexLabel (PodIndexLabel feature, on by default since 1.28). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** Upstream: statefulPodRegex. */
const STATEFUL_POD_RE = /^(.*)-([0-9]+)$/;

/** Upstream: getParentNameAndOrdinal — ordinal -1 when the name has none. */
export function getParentNameAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const match = STATEFUL_POD_RE.exec(pod.metadata.name);
  if (!match) return { parent: '', ordinal: -1 };
  const ordinal = Number(match[2]);
  return { parent: match[1]!, ordinal: ordinal <= 2 ** 31 - 1 ? ordinal : -1 };
}

export function getOrdinal(pod: Pod): number {
  return getParentNameAndOrdinal(pod).ordinal;
}

/** Upstream: isMemberOf. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return getParentNameAndOrdinal(pod).parent === set.metadata.name;
}

/** Upstream: getPodName. */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** Upstream: getStartOrdinal (spec.ordinals.start, StatefulSetStartOrdinal). */
export function getStartOrdinal(set: StatefulSet): number {
  return set.spec.ordinals?.start ?? 0;
}

/** Upstream: getEndOrdinal. */
export function getEndOrdinal(set: StatefulSet): number {
  return getStartOrdinal(set) + (set.spec.replicas ?? 1) - 1;
}

/** Upstream: getPodRevision. */
export function getPodRevision(pod: Pod): string {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
}

/** Upstream: isCreated — the API server has it (a placeholder for a missing ordinal has no phase). */
export function isCreated(pod: Pod): boolean {
  return Boolean(pod.status.phase);
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/** Upstream: isRunningAndReady. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status.phase === 'Running' && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** Upstream: isRunningAndAvailable. */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  return pod.status.phase === 'Running' && isPodAvailable(pod, minReadySeconds, nowMs);
}

/** Upstream: isUnavailable — not healthy (running, ready, not terminating) or not yet available. */
export function isUnavailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  return !(isRunningAndReady(pod) && !isTerminating(pod)) || !isRunningAndAvailable(pod, minReadySeconds, nowMs);
}

/** Failed or Succeeded: upstream restarts the ordinal either way. */
export function isFinished(pod: Pod): boolean {
  return isPodTerminal(pod);
}

/**
 * Upstream: newStatefulSetPod + initIdentity + setPodRevision — the
 * template's pod named `<set>-<ordinal>`, its identity labels, hostname and
 * subdomain, and the revision it was made from. Volume claim templates are
 * not modelled.
 */
export function newStatefulSetPod(set: StatefulSet, template: PodTemplate, ordinal: number, revision: string): Pod {
  const pod = getPodFromTemplate(template, set, newControllerRef(set));
  const name = getPodName(set, ordinal);
  pod.metadata.name = name;
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [STATEFULSET_POD_NAME_LABEL]: name,
    [POD_INDEX_LABEL]: String(ordinal),
    [CONTROLLER_REVISION_HASH_LABEL]: revision,
  };
  pod.spec.hostname = name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
  // A placeholder until created: no phase (see isCreated).
  pod.status = {};
  return pod;
}
