/**
 * DaemonSet placement rules: which nodes should run a daemon pod, the
 * tolerations every daemon pod gets, and how a daemon pod names its node.
 *
 * Upstream: pkg/controller/daemon/util/daemonset_util.go and
 * daemon_controller.go (NodeShouldRunDaemonPod, predicates, NewPod);
 * node affinity matching after component-helpers/scheduling/corev1/nodeaffinity.
 */
import type * as apps from 'kubernetes-types/apps/v1';
import type { Affinity, NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from 'kubernetes-types/core/v1';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  tolerates,
} from '../api/taints';
import type { KubeObject, Node, Pod, StoredMeta, Taint, Toleration } from '../api/types';

export interface DaemonSet extends apps.DaemonSet, KubeObject {
  kind: 'DaemonSet';
  apiVersion: 'apps/v1';
  metadata: StoredMeta & { namespace: string };
  spec: apps.DaemonSetSpec;
  status?: apps.DaemonSetStatus;
}

/** Upstream: apps.DefaultDaemonSetUniqueLabelKey (= ControllerRevisionHashLabelKey). */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

/** Upstream: metav1.ObjectNameField, the only field matchFields may name. */
const OBJECT_NAME_FIELD = 'metadata.name';

const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
  { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
  { key: TAINT_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
  { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
  { key: TAINT_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
  { key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
];

const HOST_NETWORK_TOLERATION: Toleration = { key: TAINT_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' };

/**
 * Upstream: AddOrUpdateDaemonPodTolerations. The NoExecute ones have no
 * tolerationSeconds, so the taint-eviction controller never evicts a daemon
 * pod from a NotReady or unreachable node. Not-ready/unreachable NoSchedule
 * are deliberately absent: no new daemon pod lands on such a node.
 */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): Toleration[] {
  let tolerations = [...(spec.tolerations ?? [])];
  const wanted = spec.hostNetwork ? [...DAEMON_TOLERATIONS, HOST_NETWORK_TOLERATION] : DAEMON_TOLERATIONS;
  for (const toleration of wanted) tolerations = addOrUpdateToleration(tolerations, toleration);
  return tolerations;
}

/**
 * Upstream: v1helper.AddOrUpdateTolerationInPodSpec — a toleration with the
 * same key, operator, value and effect is replaced (dropping its seconds).
 */
function addOrUpdateToleration(tolerations: Toleration[], toleration: Toleration): Toleration[] {
  for (let i = 0; i < tolerations.length; i++) {
    const t = tolerations[i]!;
    if (
      (t.key ?? '') === (toleration.key ?? '') &&
      (t.operator ?? '') === (toleration.operator ?? '') &&
      (t.value ?? '') === (toleration.value ?? '') &&
      (t.effect ?? '') === (toleration.effect ?? '')
    ) {
      const out = [...tolerations];
      out[i] = { ...toleration };
      return out;
    }
  }
  return [...tolerations, { ...toleration }];
}

/**
 * The tolerations of the pod a DaemonSet would create, per stored version
 * of the DaemonSet (stored objects are never mutated, so a new version is a
 * new object): a sync asks for every node, 5,000 times.
 */
const virtualPodTolerations = new WeakMap<DaemonSet, Toleration[]>();

function daemonPodTolerations(ds: DaemonSet): Toleration[] {
  let tolerations = virtualPodTolerations.get(ds);
  if (!tolerations) virtualPodTolerations.set(ds, (tolerations = addOrUpdateDaemonPodTolerations(ds.spec.template.spec!)));
  return tolerations;
}

export interface ShouldRun {
  /** A daemon pod should be created on the node if there is none. */
  shouldRun: boolean;
  /** A daemon pod already on the node may stay. */
  shouldContinueRunning: boolean;
}

/**
 * Upstream: NodeShouldRunDaemonPod, evaluated with the pod the DaemonSet
 * would create (NewPod: the template plus the daemon tolerations).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): ShouldRun {
  const spec = ds.spec.template.spec!;
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  if (!matchesNodeSelectorAndAffinity(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = daemonPodTolerations(ds);
  const taints = node.spec.taints ?? [];
  if (!hasUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) {
    return { shouldRun: true, shouldContinueRunning: true };
  }
  // Scheduled daemon pods keep running as long as they tolerate every NoExecute taint.
  return { shouldRun: false, shouldContinueRunning: !hasUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute') };
}

/** Upstream: v1helper.FindMatchingUntoleratedTaint, as a yes/no. */
function hasUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], filter: (taint: Taint) => boolean): boolean {
  return taints.some((taint) => filter(taint) && !tolerates(tolerations, taint));
}

/**
 * Upstream: nodeaffinity.GetRequiredNodeAffinity(pod).Match(node) — the
 * nodeSelector and the required node affinity terms (ORed; an empty term
 * matches nothing).
 */
export function matchesNodeSelectorAndAffinity(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) {
    if (labels[key] !== value) return false;
  }
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return required.nodeSelectorTerms.some((term) => matchesTerm(term, node));
}

function matchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  return (
    expressions.every((r) => matchesRequirement(r, labels)) &&
    fields.every((r) => r.key === OBJECT_NAME_FIELD && matchesRequirement(r, { [OBJECT_NAME_FIELD]: node.metadata.name }))
  );
}

function matchesRequirement(r: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(value!) || values.length !== 1) return false;
      return r.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

/**
 * Upstream: ReplaceDaemonSetPodNodeNameNodeAffinity — the required node
 * affinity becomes the single term `metadata.name In [node]`; preferred
 * terms and the other affinities are kept.
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const nodeSelector = {
    nodeSelectorTerms: [{ matchFields: [{ key: OBJECT_NAME_FIELD, operator: 'In', values: [nodeName] }] }],
  };
  return {
    ...affinity,
    nodeAffinity: { ...affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: nodeSelector },
  };
}

/**
 * Upstream: GetTargetNodeName — spec.nodeName, or for a pod not yet bound
 * the node its affinity names. Undefined if it names none.
 */
export function getTargetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const r of term.matchFields ?? []) {
      if (r.key === OBJECT_NAME_FIELD && r.operator === 'In') return r.values?.length === 1 ? r.values[0] : undefined;
    }
  }
  return undefined;
}

/** Upstream: IsPodUpdated (the deprecated templateGeneration label is not modelled). */
export function isPodUpdated(pod: Pod, hash: string): boolean {
  return hash.length > 0 && pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;
}

/**
 * Upstream: podByCreationTimestampAndPhase — bound pods first, then oldest,
 * then by name.
 */
export function compareByCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const aBound = Boolean(a.spec.nodeName);
  if (aBound !== Boolean(b.spec.nodeName)) return aBound ? -1 : 1;
  const ta = a.metadata.creationTimestamp;
  const tb = b.metadata.creationTimestamp;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
