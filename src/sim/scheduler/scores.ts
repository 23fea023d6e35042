/**
 * The default profile's Score plugins (kubernetes-behaviour.md §5.3): raw
 * scores, normalisation to 0…100, weights. Integer arithmetic where upstream
 * uses int64; float where it uses float64.
 *
 * Upstream: framework/runtime/framework.go RunScorePlugins;
 * plugins/noderesources/{least_allocated.go,balanced_allocation.go,resource_allocation.go},
 * plugins/tainttoleration, plugins/nodeaffinity, plugins/helper/normalize_score.go,
 * plugins/imagelocality.
 */
import type { Taint, Toleration } from '../api/types';
import { toleratesTaint } from '../api/taints';
import { MAX_NODE_SCORE, SCORE_PLUGINS, SCORE_WEIGHTS, type ScorePlugin } from './framework';
import { matchesTerm, type PreferredTerm } from './node-affinity';
import type { NodeInfo } from './node-info';
import { requestsNothing, type PodInfo } from './pod-info';

/**
 * Normalised (unweighted) scores of every plugin for the scored nodes, in
 * one buffer: data[p × n + j] for plugin SCORE_PLUGINS[p] and node j.
 */
export interface ScoreTable {
  n: number;
  data: Uint8Array;
  /** false where the plugin was skipped (it then contributes nothing). */
  ran: boolean[];
}

export interface ScoreInputs {
  pod: PodInfo;
  preferred: readonly PreferredTerm[];
  /** PodTopologySpread and InterPodAffinity need the cluster: the caller computes them. */
  spread: (nodes: readonly NodeInfo[], out: Uint8Array) => boolean;
  interPod: (nodes: readonly NodeInfo[], out: Uint8Array) => boolean;
}

const PLUGIN_INDEX = Object.fromEntries(SCORE_PLUGINS.map((p, i) => [p, i])) as Record<ScorePlugin, number>;

export function scoreNodes(inputs: ScoreInputs, nodes: readonly NodeInfo[]): { table: ScoreTable; totals: Int32Array } {
  const n = nodes.length;
  const data = new Uint8Array(SCORE_PLUGINS.length * n);
  const at = (plugin: ScorePlugin) => PLUGIN_INDEX[plugin] * n;
  const ran = SCORE_PLUGINS.map(() => true);
  taintTolerationScores(inputs.pod, nodes, data, at('TaintToleration'));
  ran[PLUGIN_INDEX.NodeAffinity] = nodeAffinityScores(inputs.preferred, nodes, data, at('NodeAffinity'));
  leastAllocatedScores(inputs.pod, nodes, data, at('NodeResourcesFit'));
  ran[PLUGIN_INDEX.PodTopologySpread] = inputs.spread(nodes, data.subarray(at('PodTopologySpread'), at('PodTopologySpread') + n));
  ran[PLUGIN_INDEX.InterPodAffinity] = inputs.interPod(nodes, data.subarray(at('InterPodAffinity'), at('InterPodAffinity') + n));
  ran[PLUGIN_INDEX.NodeResourcesBalancedAllocation] = balancedAllocationScores(inputs.pod, nodes, data, at('NodeResourcesBalancedAllocation'));
  // ImageLocality: no container images are modelled, so no node has any: every node scores 0.
  const totals = new Int32Array(n);
  for (let p = 0; p < SCORE_PLUGINS.length; p++) {
    if (!ran[p]) continue;
    const weight = SCORE_WEIGHTS[SCORE_PLUGINS[p]!];
    const base = p * n;
    for (let j = 0; j < n; j++) totals[j] = totals[j]! + weight * data[base + j]!;
  }
  return { table: { n, data, ran }, totals };
}

/** Upstream: leastRequestedScore — ((capacity − requested) × 100) / capacity, 0 if over. */
function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** NodeResourcesFit's LeastAllocated score, on non-zero requests (100m / 200Mi defaults), cpu and memory weight 1. */
function leastAllocatedScores(pod: PodInfo, nodes: readonly NodeInfo[], out: Uint8Array, at: number): void {
  for (let j = 0; j < nodes.length; j++) {
    const node = nodes[j]!;
    const alloc = node.allocatable;
    let sum = 0;
    let weights = 0;
    if (alloc.cpu > 0) {
      sum += leastRequested(node.nonZeroCpu + pod.nonZeroCpu, alloc.cpu);
      weights++;
    }
    if (alloc.memory > 0) {
      sum += leastRequested(node.nonZeroMemory + pod.nonZeroMemory, alloc.memory);
      weights++;
    }
    out[at + j] = weights === 0 ? 0 : Math.floor(sum / weights);
  }
}

/**
 * NodeResourcesBalancedAllocation on actual requests: 1 − std-dev of the
 * cpu and memory fractions. Skipped for pods that request nothing (newer
 * upstream, issue #129138).
 */
function balancedAllocationScores(pod: PodInfo, nodes: readonly NodeInfo[], out: Uint8Array, at: number): boolean {
  if (requestsNothing(pod.request)) return false;
  for (let j = 0; j < nodes.length; j++) {
    const node = nodes[j]!;
    const alloc = node.allocatable;
    const hasCpu = alloc.cpu > 0;
    const hasMemory = alloc.memory > 0;
    let std = 0;
    if (hasCpu && hasMemory) {
      const cpu = Math.min(1, (node.requested.cpu + pod.request.cpu) / alloc.cpu);
      const memory = Math.min(1, (node.requested.memory + pod.request.memory) / alloc.memory);
      std = Math.abs((cpu - memory) / 2);
    }
    out[at + j] = Math.trunc((1 - std) * MAX_NODE_SCORE);
  }
  return true;
}

/** TaintToleration: untolerated PreferNoSchedule taints, normalised in reverse. */
function taintTolerationScores(pod: PodInfo, nodes: readonly NodeInfo[], out: Uint8Array, at: number): void {
  let raw: number[] | null = null;
  for (let j = 0; j < nodes.length; j++) {
    const taints = nodes[j]!.preferTaints;
    if (taints.length === 0) continue;
    const tolerations = (pod.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    (raw ??= new Array<number>(nodes.length).fill(0))[j] = countIntolerable(taints, tolerations);
  }
  if (!raw) out.fill(MAX_NODE_SCORE, at, at + nodes.length);
  else defaultNormalizeScore(raw, true, out.subarray(at, at + nodes.length));
}

function countIntolerable(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  let count = 0;
  for (const taint of taints) if (!tolerations.some((t) => toleratesTaint(t, taint))) count++;
  return count;
}

/** NodeAffinity: sum of the weights of matching preferred terms; skipped if there are none. */
function nodeAffinityScores(preferred: readonly PreferredTerm[], nodes: readonly NodeInfo[], out: Uint8Array, at: number): boolean {
  if (preferred.length === 0) return false;
  const raw = nodes.map((node) => preferred.reduce((sum, p) => (matchesTerm(p.term, node) ? sum + p.weight : sum), 0));
  defaultNormalizeScore(raw, false, out.subarray(at, at + nodes.length));
  return true;
}

/** Upstream: helper.DefaultNormalizeScore(MaxNodeScore, reverse). */
export function defaultNormalizeScore(raw: readonly number[], reverse: boolean, out: Uint8Array = new Uint8Array(raw.length)): Uint8Array {
  const max = raw.reduce((m, x) => Math.max(m, x), 0);
  if (max === 0) {
    out.fill(reverse ? MAX_NODE_SCORE : 0);
    return out;
  }
  for (let j = 0; j < raw.length; j++) {
    const s = Math.trunc((MAX_NODE_SCORE * raw[j]!) / max);
    out[j] = reverse ? MAX_NODE_SCORE - s : s;
  }
  return out;
}
