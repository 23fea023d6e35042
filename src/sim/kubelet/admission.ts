/**
 * The kubelet's own admission of a pod bound to its node: the scheduler's
 * checks again, against the pods this kubelet already runs, because a pod
 * can be bound by hand (spec.nodeName) or on stale information.
 * Upstream: pkg/kubelet/lifecycle/predicate.go (Admit, generalFilter,
 * InsufficientResourceError, PredicateFailureError), kubelet.go rejectPod;
 * TestHandleMemExceeded, TestHandleNodeSelector.
 */
import { cpuMillis, quantityValue } from '../api/quantity';
import { tolerates } from '../api/taints';
import type { Node, Pod } from '../api/types';
import { matchesNodeSelectorAndAffinity } from '../controllers/daemonset-util';
import { newPodInfo } from '../scheduler/pod-info';

export interface Rejection {
  reason: string;
  /** As the pod's status.message shows it. */
  message: string;
}

/** Upstream InsufficientResourceError.Error. */
const insufficient = (resource: string, requested: number, used: number, capacity: number): Rejection => ({
  reason: `OutOf${resource}`,
  message: `Pod was rejected: Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
});

/** Upstream PredicateFailureError.Error: "Predicate %s failed: %s". */
const predicate = (name: string, desc: string): Rejection => ({ reason: name, message: `Pod was rejected: Predicate ${name} failed: ${desc}` });

/** Why the kubelet rejects `pod` on `node` while it runs `admitted`, or null to admit it. */
export function admissionFailure(pod: Pod, node: Node, admitted: readonly Pod[]): Rejection | null {
  const allocatable = node.status.allocatable ?? {};
  // Upstream noderesources.Fits: the pod count first, then cpu and memory requests.
  const maxPods = quantityValue(allocatable.pods ?? '110');
  if (admitted.length + 1 > maxPods) return insufficient('pods', 1, admitted.length, maxPods);
  const request = newPodInfo(pod).request;
  const used = admitted.reduce((sum, p) => {
    const r = newPodInfo(p).request;
    return { cpu: sum.cpu + r.cpu, memory: sum.memory + r.memory };
  }, { cpu: 0, memory: 0 });
  const cpu = cpuMillis(allocatable.cpu ?? '0');
  if (request.cpu > 0 && used.cpu + request.cpu > cpu) return insufficient('cpu', request.cpu, used.cpu, cpu);
  const memory = quantityValue(allocatable.memory ?? '0');
  if (request.memory > 0 && used.memory + request.memory > memory) return insufficient('memory', request.memory, used.memory, memory);
  if (pod.spec.nodeName !== node.metadata.name) return predicate('NodeName', "node(s) didn't match the requested node name");
  if (!matchesNodeSelectorAndAffinity(pod.spec, node)) return predicate('NodeAffinity', "node(s) didn't match Pod's node affinity/selector");
  // Upstream: only NoExecute taints are checked at admission.
  const untolerated = (node.spec.taints ?? []).find((t) => t.effect === 'NoExecute' && !tolerates(pod.spec.tolerations, t));
  if (untolerated) return predicate('TaintToleration', "node(s) had taints that the pod didn't tolerate");
  return null;
}
