/**
 * The default profile's Filter plugins, run in upstream's order; the first
 * one that fails decides the node's status (kubernetes-behaviour.md §5.2).
 * Volume plugins are not modelled (no volumes in the simulation).
 *
 * Upstream: pkg/scheduler/framework/plugins/{nodeunschedulable,nodename,
 * tainttoleration,nodeaffinity,nodeports,noderesources/fit.go,...};
 * framework/runtime/framework.go RunFilterPluginsWithNominatedPods.
 */
import { tolerates, TAINT_UNSCHEDULABLE } from '../api/taints';
import type { Taint, Toleration } from '../api/types';
import {
  FAIL_NODE_AFFINITY,
  FAIL_NODE_NAME,
  FAIL_NODE_PORTS,
  FAIL_NODE_UNSCHEDULABLE,
  REASON_TOO_MANY_PODS,
  fitFailure,
  taintFailure,
  type Failure,
} from './framework';
import { interPodFilter, type InterPodFilterState } from './inter-pod-affinity';
import { matchesRequired, type RequiredNodeAffinity } from './node-affinity';
import type { NodeInfo } from './node-info';
import { requestsNothing, type PodInfo } from './pod-info';
import { spreadFilter, type SpreadFilterState } from './topology-spread';

/** What PreFilter computed for one scheduling cycle (upstream CycleState). */
export interface CycleState {
  pod: PodInfo;
  tolerations: readonly Toleration[];
  tolerateUnschedulable: boolean;
  /** spec.nodeName ('' for the pods we schedule: the NodeName filter then passes everywhere). */
  nodeName: string;
  affinity: RequiredNodeAffinity | null;
  requestsNothing: boolean;
  spread: SpreadFilterState | null;
  interPod: InterPodFilterState | null;
  /** Unassigned pods nominated to nodes (upstream PodNominator). */
  nominated: ReadonlyMap<string, ReadonlyMap<string, PodInfo>>;
}

const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' };

export function newCycleState(
  pod: PodInfo,
  affinity: RequiredNodeAffinity | null,
  spread: SpreadFilterState | null,
  interPod: InterPodFilterState | null,
  nominated: ReadonlyMap<string, ReadonlyMap<string, PodInfo>>,
): CycleState {
  const tolerations = pod.pod.spec.tolerations ?? [];
  return {
    pod,
    tolerations,
    tolerateUnschedulable: tolerates(tolerations, UNSCHEDULABLE_TAINT),
    nodeName: pod.pod.spec.nodeName ?? '',
    affinity,
    requestsNothing: requestsNothing(pod.request),
    spread,
    interPod,
    nominated,
  };
}

/** Runs the filters on one node; null means the node is feasible. */
export function runFilters(state: CycleState, node: NodeInfo): Failure | null {
  if (node.unschedulable && !state.tolerateUnschedulable) return FAIL_NODE_UNSCHEDULABLE;
  if (state.nodeName && state.nodeName !== node.name) return FAIL_NODE_NAME;
  for (const taint of node.filterTaints) {
    if (!tolerates(state.tolerations, taint)) return taintFailure(taint.key, taint.value);
  }
  if (state.affinity && !matchesRequired(state.affinity, node)) return FAIL_NODE_AFFINITY;
  if (state.pod.hostPorts.length && node.hasUsedPorts()) {
    for (const port of state.pod.hostPorts) if (node.portConflict(port)) return FAIL_NODE_PORTS;
  }
  const fit = fitFilter(state, node);
  if (fit) return fit;
  if (state.spread) {
    const failure = spreadFilter(state.spread, state.pod, node);
    if (failure) return failure;
  }
  if (state.interPod) return interPodFilter(state.interPod, state.pod, node);
  return null;
}

/**
 * Upstream: noderesources fitsRequest. Nominated pods of at least the same
 * priority count as if they were on the node (RunFilterPluginsWithNominatedPods;
 * here only for this resource check — a simplification).
 */
export function fitFilter(state: CycleState, node: NodeInfo): Failure | null {
  const pod = state.pod;
  const alloc = node.allocatable;
  let count = node.podCount;
  let cpu = node.requested.cpu;
  let memory = node.requested.memory;
  let ephemeral = node.requested.ephemeral;
  const nominated = state.nominated.size ? state.nominated.get(node.name) : undefined;
  if (nominated) {
    for (const other of nominated.values()) {
      if (other.key === pod.key || other.priority < pod.priority) continue;
      count++;
      cpu += other.request.cpu;
      memory += other.request.memory;
      ephemeral += other.request.ephemeral;
    }
  }
  // Reasons as bits in upstream's order (pods, cpu, memory, ephemeral-storage), so the failure objects are shared.
  let bits = count + 1 > alloc.pods ? TOO_MANY_PODS : 0;
  if (state.requestsNothing) return bits ? standardFitFailure(bits) : null;
  const r = pod.request;
  if (r.cpu > 0 && r.cpu > alloc.cpu - cpu) bits |= INSUFFICIENT_CPU | (r.cpu > alloc.cpu ? UNRESOLVABLE : 0);
  if (r.memory > 0 && r.memory > alloc.memory - memory) bits |= INSUFFICIENT_MEMORY | (r.memory > alloc.memory ? UNRESOLVABLE : 0);
  if (r.ephemeral > 0 && r.ephemeral > alloc.ephemeral - ephemeral) bits |= INSUFFICIENT_EPHEMERAL | (r.ephemeral > alloc.ephemeral ? UNRESOLVABLE : 0);
  if (!r.scalars) return bits ? standardFitFailure(bits) : null;
  const reasons = standardReasons(bits);
  let unresolvable = (bits & UNRESOLVABLE) !== 0;
  for (const name of [...r.scalars.keys()].sort()) {
    const amount = r.scalars.get(name)!;
    const allocatable = alloc.scalars?.get(name) ?? 0;
    if (amount > allocatable - (node.requested.scalars?.get(name) ?? 0)) {
      reasons.push(`Insufficient ${name}`);
      unresolvable ||= amount > allocatable;
    }
  }
  return reasons.length ? fitFailure(reasons, unresolvable) : null;
}

const TOO_MANY_PODS = 1;
const INSUFFICIENT_CPU = 2;
const INSUFFICIENT_MEMORY = 4;
const INSUFFICIENT_EPHEMERAL = 8;
/** A request exceeds the node's whole allocatable: preemption cannot help. */
const UNRESOLVABLE = 16;
const standardFailures: (Failure | undefined)[] = [];

function standardReasons(bits: number): string[] {
  const out: string[] = [];
  if (bits & TOO_MANY_PODS) out.push(REASON_TOO_MANY_PODS);
  if (bits & INSUFFICIENT_CPU) out.push('Insufficient cpu');
  if (bits & INSUFFICIENT_MEMORY) out.push('Insufficient memory');
  if (bits & INSUFFICIENT_EPHEMERAL) out.push('Insufficient ephemeral-storage');
  return out;
}

function standardFitFailure(bits: number): Failure {
  return (standardFailures[bits] ??= fitFailure(standardReasons(bits), (bits & UNRESOLVABLE) !== 0));
}
