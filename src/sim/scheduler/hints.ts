/**
 * Queueing hints: which cluster events may make a pod parked as
 * unschedulable schedulable again, asked of the plugins that rejected it.
 *
 * Upstream: each plugin's EventsToRegister and isSchedulableAfter… hint
 * functions (nodeunschedulable, tainttoleration, nodeaffinity, nodeports,
 * noderesources/fit.go, podtopologyspread/plugin.go, interpodaffinity/plugin.go),
 * applied by scheduling_queue.go movePodsToActiveOrBackoffQueue. Simplified
 * where upstream compares finer details; never stricter than upstream's
 * registration, so a relevant event is not missed.
 */
import { matches } from '../api/labels';
import { tolerates, TAINT_UNSCHEDULABLE } from '../api/taints';
import type { FilterPlugin } from './framework';
import { termMatches } from './inter-pod-affinity';
import { matchesRequired, requiredNodeAffinity } from './node-affinity';
import type { NodeInfo } from './node-info';
import { requestsNothing, type PodInfo } from './pod-info';
import { podConstraints } from './topology-spread';

export type ClusterEvent =
  | { type: 'NodeAdd'; node: NodeInfo }
  | { type: 'NodeUpdate'; old: NodeInfo; node: NodeInfo; changed: NodeChanges }
  | { type: 'NodeDelete'; node: NodeInfo }
  | { type: 'AssignedPodAdd'; pod: PodInfo }
  | { type: 'AssignedPodUpdate'; old: PodInfo; pod: PodInfo }
  | { type: 'AssignedPodDelete'; pod: PodInfo };

export interface NodeChanges {
  unschedulable: boolean;
  taints: boolean;
  labels: boolean;
  allocatable: boolean;
}

/** The plugins that registered for an event (upstream EventsToRegister). */
export function pluginsFor(event: ClusterEvent): FilterPlugin[] {
  switch (event.type) {
    case 'NodeAdd':
      return ['NodeUnschedulable', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity'];
    case 'NodeUpdate': {
      const c = event.changed;
      const out: FilterPlugin[] = [];
      if (c.unschedulable || c.taints) out.push('NodeUnschedulable');
      if (c.taints) out.push('TaintToleration');
      if (c.labels) out.push('NodeAffinity', 'InterPodAffinity');
      if (c.labels || c.taints) out.push('PodTopologySpread');
      if (c.allocatable) out.push('NodeResourcesFit');
      return out;
    }
    case 'NodeDelete':
      return ['PodTopologySpread'];
    case 'AssignedPodAdd':
    case 'AssignedPodUpdate':
      return ['PodTopologySpread', 'InterPodAffinity'];
    case 'AssignedPodDelete':
      return ['NodeResourcesFit', 'NodePorts', 'PodTopologySpread', 'InterPodAffinity'];
  }
}

/** Whether `plugin`, having rejected `pod`, thinks `event` may change that. */
export function hint(plugin: string, pod: PodInfo, event: ClusterEvent): boolean {
  switch (plugin) {
    case 'NodeUnschedulable':
      return nodeUnschedulableHint(pod, event);
    case 'TaintToleration':
      return event.type === 'NodeAdd' || event.type === 'NodeUpdate' ? taintsTolerated(pod, event.node) && (event.type === 'NodeAdd' || !taintsTolerated(pod, event.old)) : false;
    case 'NodeAffinity':
      return nodeAffinityHint(pod, event);
    case 'NodePorts':
      return event.type === 'NodeAdd' || (event.type === 'AssignedPodDelete' && portsOverlap(pod, event.pod));
    case 'NodeResourcesFit':
      return fitHint(pod, event);
    case 'PodTopologySpread':
      return spreadHint(pod, event);
    case 'InterPodAffinity':
      return interPodHint(pod, event);
    default:
      return true;
  }
}

function nodeUnschedulableHint(pod: PodInfo, event: ClusterEvent): boolean {
  if (event.type !== 'NodeAdd' && event.type !== 'NodeUpdate') return false;
  const tolerated = tolerates(pod.pod.spec.tolerations, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  if (event.node.unschedulable && !tolerated) return false;
  return event.type === 'NodeAdd' || event.old.unschedulable;
}

function taintsTolerated(pod: PodInfo, node: NodeInfo): boolean {
  return node.filterTaints.every((t) => tolerates(pod.pod.spec.tolerations, t));
}

function nodeAffinityHint(pod: PodInfo, event: ClusterEvent): boolean {
  if (event.type !== 'NodeAdd' && event.type !== 'NodeUpdate') return false;
  const affinity = requiredNodeAffinity(pod.pod);
  return matchesRequired(affinity, event.node) && (event.type === 'NodeAdd' || !matchesRequired(affinity, event.old));
}

function portsOverlap(pod: PodInfo, gone: PodInfo): boolean {
  return pod.hostPorts.some((p) => gone.hostPorts.some((q) => p.port === q.port && p.protocol === q.protocol && (p.ip === q.ip || p.ip === '0.0.0.0' || q.ip === '0.0.0.0')));
}

/** Upstream: Fit.isSchedulableAfterNodeChange / isSchedulableAfterPodEvent. */
function fitHint(pod: PodInfo, event: ClusterEvent): boolean {
  if (event.type === 'AssignedPodDelete') return true;
  if (event.type !== 'NodeAdd' && event.type !== 'NodeUpdate') return false;
  const alloc = event.node.allocatable;
  const r = pod.request;
  const fitsEmpty =
    alloc.pods >= 1 &&
    r.cpu <= alloc.cpu &&
    r.memory <= alloc.memory &&
    r.ephemeral <= alloc.ephemeral &&
    [...(r.scalars ?? [])].every(([name, amount]) => amount <= (alloc.scalars?.get(name) ?? 0));
  if (!fitsEmpty) return false;
  if (event.type === 'NodeAdd') return true;
  const old = event.old.allocatable;
  if (alloc.pods > old.pods) return true;
  if (requestsNothing(r)) return false;
  return (
    (r.cpu > 0 && alloc.cpu > old.cpu) ||
    (r.memory > 0 && alloc.memory > old.memory) ||
    (r.ephemeral > 0 && alloc.ephemeral > old.ephemeral) ||
    [...(r.scalars ?? [])].some(([name]) => (alloc.scalars?.get(name) ?? 0) > (old.scalars?.get(name) ?? 0))
  );
}

/** Upstream: PodTopologySpread.isSchedulableAfterNodeChange / isSchedulableAfterPodChange. */
function spreadHint(pod: PodInfo, event: ClusterEvent): boolean {
  const constraints = podConstraints(pod, 'DoNotSchedule');
  switch (event.type) {
    case 'NodeAdd':
    case 'NodeUpdate':
    case 'NodeDelete':
      return constraints.every((c) => event.node.labels[c.topologyKey] !== undefined);
    case 'AssignedPodAdd':
    case 'AssignedPodDelete':
      return selects(constraints, pod, event.pod);
    case 'AssignedPodUpdate':
      return selects(constraints, pod, event.old) || selects(constraints, pod, event.pod);
  }
}

function selects(constraints: ReturnType<typeof podConstraints>, pod: PodInfo, other: PodInfo): boolean {
  return other.namespace === pod.namespace && constraints.some((c) => c.selector !== null && matches(c.selector, other.labels));
}

/** Upstream: InterPodAffinity.isSchedulableAfterPodChange / isSchedulableAfterNodeChange. */
function interPodHint(pod: PodInfo, event: ClusterEvent): boolean {
  switch (event.type) {
    case 'NodeAdd':
    case 'NodeUpdate':
      return true;
    case 'NodeDelete':
      return false;
    case 'AssignedPodDelete':
      return true;
    case 'AssignedPodUpdate':
      return true;
    case 'AssignedPodAdd':
      // Only a new match for the required affinity can help; anti-affinity needs a pod to go.
      return pod.requiredAffinity.length > 0 && pod.requiredAffinity.every((t) => termMatches(t, event.pod, () => undefined));
  }
}
