/**
 * Taint writes as the node lifecycle controller makes them
 * (pkg/controller/controller_utils.go AddOrUpdateTaintOnNode /
 * RemoveTaintOffNode, pkg/controller/util/node SwapNodeControllerTaint) and
 * the condition → NoSchedule taint map of doNoScheduleTaintingPass.
 */
import type { ApiServer } from '../apiserver/apiserver';
import { toTimestamp } from '../core/time';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  sameTaint,
} from '../api/taints';
import type { Node, Taint } from '../api/types';

export const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };

/** Upstream: nodeConditionToTaintKeyStatusMap. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
};

const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

/** The NoSchedule taints a node's conditions and spec.unschedulable call for. */
export function desiredNoScheduleTaints(node: Node): Taint[] {
  const taints: Taint[] = [];
  for (const condition of node.status.conditions ?? []) {
    const key = CONDITION_TAINTS[condition.type]?.[condition.status];
    if (key) taints.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec.unschedulable) taints.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return taints;
}

/** The node's existing NoSchedule taints that the NoSchedule pass owns. */
export function controlledNoScheduleTaints(node: Node): Taint[] {
  return (node.spec.taints ?? []).filter(
    (t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)),
  );
}

/** Upstream: taintutils.TaintSetDiff — by key and effect. */
export function taintSetDiff(want: readonly Taint[], have: readonly Taint[]): { add: Taint[]; remove: Taint[] } {
  return {
    add: want.filter((w) => !have.some((h) => sameTaint(w, h))),
    remove: have.filter((h) => !want.some((w) => sameTaint(w, h))),
  };
}

/** Upstream: AddOrUpdateTaintOnNode — an equal taint is left alone, a different one with the same key and effect replaced. */
export function addOrUpdateTaints(api: ApiServer, nodeName: string, taints: readonly Taint[]): void {
  if (taints.length === 0 || !api.get('Node', nodeName)) return;
  api.update<Node>('Node', nodeName, undefined, (node) => {
    let changed = false;
    const current = (node.spec.taints ??= []);
    for (const taint of taints) {
      const index = current.findIndex((t) => sameTaint(t, taint));
      if (index < 0) {
        current.push({ ...taint });
        changed = true;
      } else if (!taintsEqual(current[index]!, taint)) {
        current[index] = { ...taint };
        changed = true;
      }
    }
    return changed;
  });
}

/**
 * Upstream: RemoveTaintOffNode. Short-circuits on the caller's (possibly
 * stale) copy of the node, as upstream does to save API calls.
 */
export function removeTaints(api: ApiServer, staleNode: Node | undefined, nodeName: string, taints: readonly Taint[]): boolean {
  if (taints.length === 0) return false;
  if (staleNode && !taints.some((t) => (staleNode.spec.taints ?? []).some((h) => sameTaint(h, t)))) return false;
  if (!api.get('Node', nodeName)) return false;
  let removed = false;
  api.update<Node>('Node', nodeName, undefined, (node) => {
    const before = node.spec.taints ?? [];
    const after = before.filter((h) => !taints.some((t) => sameTaint(h, t)));
    if (after.length === before.length) return false;
    node.spec.taints = after;
    removed = true;
    return true;
  });
  return removed;
}

/** Upstream: SwapNodeControllerTaint — stamps timeAdded, adds, then removes (two writes). */
export function swapNodeControllerTaint(api: ApiServer, toAdd: readonly Taint[], toRemove: readonly Taint[], node: Node): boolean {
  const timeAdded = toTimestamp(api.nowMs);
  addOrUpdateTaints(api, node.metadata.name, toAdd.map((t) => ({ ...t, timeAdded })));
  removeTaints(api, node, node.metadata.name, toRemove);
  return api.get('Node', node.metadata.name) !== undefined;
}

function taintsEqual(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect && (a.value ?? '') === (b.value ?? '') && a.timeAdded === b.timeAdded;
}
