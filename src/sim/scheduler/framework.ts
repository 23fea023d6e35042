/**
 * The scheduling framework's vocabulary for the default profile: plugin
 * names, score weights, filter statuses and their reason strings
 * (kubernetes-behaviour.md §5).
 *
 * Upstream: pkg/scheduler/apis/config/v1/default_plugins.go (plugins and
 * weights), pkg/scheduler/framework/interface.go (status codes) and each
 * plugin's ErrReason constants under pkg/scheduler/framework/plugins/.
 */

/** The scheduler's name: pods with spec.schedulerName unset or this one are ours. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Upstream: framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

export type FilterPlugin =
  | 'NodeUnschedulable'
  | 'NodeName'
  | 'TaintToleration'
  | 'NodeAffinity'
  | 'NodePorts'
  | 'NodeResourcesFit'
  | 'PodTopologySpread'
  | 'InterPodAffinity';

export type ScorePlugin =
  | 'TaintToleration'
  | 'NodeAffinity'
  | 'NodeResourcesFit'
  | 'PodTopologySpread'
  | 'InterPodAffinity'
  | 'NodeResourcesBalancedAllocation'
  | 'ImageLocality';

/** Score plugins in upstream's MultiPoint order, with their weights. */
export const SCORE_PLUGINS: readonly ScorePlugin[] = [
  'TaintToleration',
  'NodeAffinity',
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
  'NodeResourcesBalancedAllocation',
  'ImageLocality',
];

export const SCORE_WEIGHTS: Readonly<Record<ScorePlugin, number>> = {
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
};

/**
 * Upstream: fwk.Code. Unschedulable nodes may be helped by preemption;
 * UnschedulableAndUnresolvable ones cannot ("Preemption is not helpful").
 */
export type FailureCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** A filter's verdict on one node: the first failing plugin and its reasons. */
export interface Failure {
  /** DefaultPreemption appears only in the preemption dry run's statuses. */
  readonly plugin: FilterPlugin | 'DefaultPreemption';
  readonly code: FailureCode;
  readonly reasons: readonly string[];
}

// Upstream reason strings (each plugin's ErrReason…).
export const REASON_NODE_UNSCHEDULABLE = 'node(s) were unschedulable';
export const REASON_NODE_NAME = "node(s) didn't match the requested node name";
export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
export const REASON_SPREAD = "node(s) didn't match pod topology spread constraints";
export const REASON_SPREAD_MISSING_LABEL = `${REASON_SPREAD} (missing required label)`;
export const REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const REASON_TOO_MANY_PODS = 'Too many pods';

/** Upstream: ErrNoNodesAvailable. */
export const MESSAGE_NO_NODES = 'no nodes available to schedule pods';

// DefaultPreemption (pkg/scheduler/framework/preemption/preemption.go, defaultpreemption/default_preemption.go).
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const PREEMPTION_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const PREEMPTION_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const PREEMPTION_TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';

function failure(plugin: FilterPlugin, code: FailureCode, ...reasons: string[]): Failure {
  return Object.freeze({ plugin, code, reasons: Object.freeze(reasons) });
}

/** Shared, frozen failures for the fixed reasons, so filtering allocates nothing. */
export const FAIL_NODE_UNSCHEDULABLE = failure('NodeUnschedulable', 'UnschedulableAndUnresolvable', REASON_NODE_UNSCHEDULABLE);
export const FAIL_NODE_NAME = failure('NodeName', 'UnschedulableAndUnresolvable', REASON_NODE_NAME);
export const FAIL_NODE_AFFINITY = failure('NodeAffinity', 'UnschedulableAndUnresolvable', REASON_NODE_AFFINITY);
export const FAIL_NODE_PORTS = failure('NodePorts', 'Unschedulable', REASON_NODE_PORTS);
export const FAIL_SPREAD = failure('PodTopologySpread', 'Unschedulable', REASON_SPREAD);
export const FAIL_SPREAD_MISSING_LABEL = failure('PodTopologySpread', 'UnschedulableAndUnresolvable', REASON_SPREAD_MISSING_LABEL);
export const FAIL_AFFINITY = failure('InterPodAffinity', 'UnschedulableAndUnresolvable', REASON_AFFINITY);
export const FAIL_ANTI_AFFINITY = failure('InterPodAffinity', 'Unschedulable', REASON_ANTI_AFFINITY);
export const FAIL_EXISTING_ANTI_AFFINITY = failure('InterPodAffinity', 'Unschedulable', REASON_EXISTING_ANTI_AFFINITY);

const taintFailures = new Map<string, Failure>();

/** Upstream: TaintToleration.Filter's "node(s) had untolerated taint {key: value}". */
export function taintFailure(key: string, value: string | undefined): Failure {
  const reason = `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
  let out = taintFailures.get(reason);
  if (!out) {
    out = failure('TaintToleration', 'UnschedulableAndUnresolvable', reason);
    if (taintFailures.size < 1_000) taintFailures.set(reason, out);
  }
  return out;
}

const fitFailures = new Map<string, Failure>();

/** NodeResourcesFit: every insufficient resource is a reason; unresolvable if a request exceeds the node's size. */
export function fitFailure(reasons: string[], unresolvable: boolean): Failure {
  const id = `${unresolvable ? 'U' : 'R'}${reasons.join('\u0000')}`;
  let out = fitFailures.get(id);
  if (!out) {
    out = failure('NodeResourcesFit', unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', ...reasons);
    if (fitFailures.size < 1_000) fitFailures.set(id, out);
  }
  return out;
}
