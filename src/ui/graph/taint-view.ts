/** Reading a node's taints for its card: a short name and how long ago each was added. */
import type { Node, Taint } from '../../sim/api/types';
import { simMsOf } from '../format';
import { taintId } from '../frame-reducer';

const WELL_KNOWN_PREFIX = 'node.kubernetes.io/';

/** Upstream's nodeConditionToTaintKeyStatusMap, read backwards: which condition a NoSchedule taint stands for. */
const CONDITION_OF_TAINT: Readonly<Record<string, { type: string; status: string }>> = {
  'node.kubernetes.io/not-ready': { type: 'Ready', status: 'False' },
  'node.kubernetes.io/unreachable': { type: 'Ready', status: 'Unknown' },
  'node.kubernetes.io/memory-pressure': { type: 'MemoryPressure', status: 'True' },
  'node.kubernetes.io/disk-pressure': { type: 'DiskPressure', status: 'True' },
  'node.kubernetes.io/pid-pressure': { type: 'PIDPressure', status: 'True' },
  'node.kubernetes.io/network-unavailable': { type: 'NetworkUnavailable', status: 'True' },
};

/** The key split so a card can print "unreachable" and still say the full key to a screen reader. */
export function splitTaintKey(key: string): { prefix: string; rest: string } {
  return key.startsWith(WELL_KNOWN_PREFIX) ? { prefix: WELL_KNOWN_PREFIX, rest: key.slice(WELL_KNOWN_PREFIX.length) } : { prefix: '', rest: key };
}

/**
 * When a taint was added, in simulated ms. NoExecute taints carry timeAdded.
 * A condition's NoSchedule taint is added as the condition turns, so its
 * lastTransitionTime is used. Anything else: when the page first saw it.
 */
export function taintAddedMs(taint: Taint, node: Node, seen: ReadonlyMap<string, number> | undefined, epochMs: number): number | undefined {
  const added = simMsOf(taint.timeAdded, epochMs);
  if (added !== undefined) return added;
  const condition = CONDITION_OF_TAINT[taint.key];
  if (condition) {
    const c = node.status.conditions?.find((x) => x.type === condition.type);
    if (c?.status === condition.status) {
      const turned = simMsOf(c.lastTransitionTime, epochMs);
      if (turned !== undefined) return turned;
    }
  }
  return seen?.get(taintId(taint));
}
