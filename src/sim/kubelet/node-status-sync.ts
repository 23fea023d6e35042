/**
 * The kubelet's node status loop: compute the conditions every
 * nodeStatusUpdateFrequency, post them on change or every
 * nodeStatusReportFrequency. Upstream: pkg/kubelet/kubelet_node_status.go.
 */
import { toTimestamp } from '../core/time';
import type { Node } from '../api/types';
import { computeConditions, conditionsDiffer } from './node-status';
import type { KubeletHost } from './host';
import type { KubeletState } from './state';

/**
 * Upstream: tryUpdateNodeStatus. Compute the status; PATCH only if it
 * changed (heartbeats aside) or nodeStatusReportFrequency has passed.
 */
export function syncNodeStatus(host: KubeletHost, name: string): void {
  const state = host.require(name);
  if (state.power === 'off' || !host.reachable(name)) return;
  const node = host.api.get<Node>('Node', name);
  if (!node) return;
  const now = host.ctx.clock.nowMs;
  const { conditions, changes } = computeConditions(node.status.conditions, state.overrides, toTimestamp(now));
  noteSchedulable(host, name, state, node);
  const reportDue = state.lastReportMs === null || now >= state.lastReportMs + state.settings.nodeStatusReportFrequencyMs;
  if (!reportDue && !conditionsDiffer(conditions, node.status.conditions)) return;
  host.api.update<Node>('Node', name, undefined, (draft) => {
    draft.status.conditions = conditions;
    draft.status.capacity = { ...state.resources };
    draft.status.allocatable = { ...state.resources };
  });
  state.lastReportMs = now;
  for (const change of changes) {
    if (change.event) host.recordNodeEvent(name, 'Normal', change.event, `Node ${name} status is now: ${change.event}`);
  }
}

/** The kubelet records NodeSchedulable / NodeNotSchedulable when it sees a cordon change. */
function noteSchedulable(host: KubeletHost, name: string, state: KubeletState, node: Node): void {
  const unschedulable = node.spec.unschedulable ?? false;
  if (unschedulable === state.lastUnschedulable) return;
  state.lastUnschedulable = unschedulable;
  const event = unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable';
  host.recordNodeEvent(name, 'Normal', event, `Node ${name} status is now: ${event}`);
}
