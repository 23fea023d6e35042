/**
 * The algorithmic part of one scheduling cycle: find feasible nodes (scanning
 * from where the previous cycle stopped, until enough are found), then pick
 * the best-scoring one, ties broken by reservoir sampling.
 *
 * Upstream: pkg/scheduler/schedule_one.go (findNodesThatFitPod,
 * evaluateNominatedNode, findNodesThatPassFilters, numFeasibleNodesToFind,
 * selectHost).
 */
import type { Rng } from '../core/rng';
import { runFilters, type CycleState } from './filters';
import type { Failure } from './framework';
import type { NodeInfo } from './node-info';

/** Upstream: minFeasibleNodesToFind, minFeasibleNodesPercentageToFind. */
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export interface FilterResult {
  feasible: NodeInfo[];
  failedNodes: string[];
  failures: Failure[];
  /** Nodes the filters ran on. */
  evaluated: number;
  /** How far the round-robin start moves (upstream: len(feasible) + len(statuses)). */
  processed: number;
}

/**
 * Upstream: numFeasibleNodesToFind with percentageOfNodesToScore unset
 * (adaptive): all nodes below 100; else 50 − N/125 percent (at least 5 %),
 * and at least 100 nodes.
 */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  const percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  const num = Math.trunc((numAllNodes * percentage) / 100);
  return Math.max(num, MIN_FEASIBLE_NODES_TO_FIND);
}

/**
 * Upstream: findNodesThatFitPod. A pod nominated by an earlier preemption
 * tries its nominated node alone first; otherwise (or if that fails) the
 * filters run over the nodes from `startIndex`, stopping once
 * numFeasibleNodesToFind nodes passed.
 */
export function findNodesThatFitPod(state: CycleState, nodes: readonly NodeInfo[], startIndex: number, nominated: NodeInfo | undefined): FilterResult {
  if (nominated?.node && !runFilters(state, nominated)) {
    return { feasible: [nominated], failedNodes: [], failures: [], evaluated: 1, processed: 0 };
  }
  const n = nodes.length;
  const wanted = numFeasibleNodesToFind(n);
  const result: FilterResult = { feasible: [], failedNodes: [], failures: [], evaluated: 0, processed: 0 };
  for (let i = 0; i < n; i++) {
    const node = nodes[(startIndex + i) % n]!;
    const failure = runFilters(state, node);
    result.evaluated++;
    if (failure) {
      result.failedNodes.push(node.name);
      result.failures.push(failure);
      continue;
    }
    result.feasible.push(node);
    if (result.feasible.length >= wanted) break;
  }
  result.processed = result.evaluated;
  return result;
}

/** Upstream: selectHost — the highest total; among equals, each is kept with probability 1/count. */
export function selectHost(totals: Int32Array, rng: Rng): number {
  let best = -Infinity;
  let count = 0;
  let selected = 0;
  for (let j = 0; j < totals.length; j++) {
    const total = totals[j]!;
    if (total > best) {
      best = total;
      count = 1;
      selected = j;
    } else if (total === best) {
      count++;
      if (rng.int(count) === 0) selected = j;
    }
  }
  return selected;
}
