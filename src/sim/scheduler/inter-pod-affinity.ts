/**
 * InterPodAffinity: the filter (the incoming pod's required affinity and
 * anti-affinity, and existing pods' required anti-affinity) and the score
 * (preferred terms both ways, plus existing pods' required affinity at
 * hardPodAffinityWeight 1), per topology domain (kubernetes-behaviour.md §5.2, §5.3).
 *
 * Upstream: pkg/scheduler/framework/plugins/interpodaffinity/{filtering.go,scoring.go}.
 */
import { matches } from '../api/labels';
import type { SchedulerCache } from './cache';
import { FAIL_AFFINITY, FAIL_ANTI_AFFINITY, FAIL_EXISTING_ANTI_AFFINITY, MAX_NODE_SCORE, type Failure } from './framework';
import type { NodeInfo } from './node-info';
import type { AffinityTerm, PodInfo } from './pod-info';

/** Upstream: InterPodAffinityArgs.HardPodAffinityWeight default. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** Labels of a namespace (for namespaceSelector). */
export type NamespaceLabels = (namespace: string) => Readonly<Record<string, string>> | undefined;

/** topologyKey → value → count (upstream topologyToMatchedTermCount). */
type TopologyCounts = Map<string, Map<string, number>>;

export interface InterPodFilterState {
  affinity: TopologyCounts | null;
  /** The first pod of a group that has affinity to itself may go anywhere with the keys. */
  affinityAllowsFirst: boolean;
  antiAffinity: TopologyCounts | null;
  existingAntiAffinity: TopologyCounts | null;
}

/** Upstream: AffinityTerm.Matches. */
export function termMatches(term: AffinityTerm, pod: PodInfo, nsLabels: NamespaceLabels): boolean {
  if (!term.selector) return false;
  const inNamespace = term.namespaces.has(pod.namespace) || (term.namespaceSelector !== null && matches(term.namespaceSelector, nsLabels(pod.namespace)));
  return inNamespace && matches(term.selector, pod.labels);
}

function add(counts: TopologyCounts, key: string, value: string, delta: number): void {
  let byValue = counts.get(key);
  if (!byValue) counts.set(key, (byValue = new Map()));
  byValue.set(value, (byValue.get(value) ?? 0) + delta);
}

/** Existing assigned pods that may match `term`, on nodes that exist. */
function forEachTermCandidate(cache: SchedulerCache, term: AffinityTerm, visit: (pod: PodInfo, node: NodeInfo) => void): void {
  if (!term.selector) return;
  const namespace = term.namespaceSelector === null && term.namespaces.size === 1 ? [...term.namespaces][0]! : null;
  cache.forEachCandidate(term.selector, namespace, (pod) => {
    const node = cache.nodes.get(pod.nodeName);
    if (node?.node) visit(pod, node);
  });
}

/** Upstream: PreFilter (getExistingAntiAffinityCounts, getIncomingAffinityAntiAffinityCounts). */
export function interPodFilterState(pod: PodInfo, cache: SchedulerCache, nsLabels: NamespaceLabels): InterPodFilterState | null {
  const existingAntiAffinity = existingAntiAffinityCounts(pod, cache, nsLabels);
  if (!existingAntiAffinity && pod.requiredAffinity.length === 0 && pod.requiredAntiAffinity.length === 0) return null;
  let affinity: TopologyCounts | null = null;
  let affinityAllowsFirst = false;
  if (pod.requiredAffinity.length) {
    affinity = new Map();
    const terms = pod.requiredAffinity;
    forEachTermCandidate(cache, terms[0]!, (existing, node) => {
      if (!terms.every((t) => termMatches(t, existing, nsLabels))) return;
      for (const t of terms) {
        const value = node.labels[t.topologyKey];
        if (value !== undefined) add(affinity!, t.topologyKey, value, 1);
      }
    });
    affinityAllowsFirst = affinity.size === 0 && terms.every((t) => termMatches(t, pod, () => undefined));
  }
  let antiAffinity: TopologyCounts | null = null;
  if (pod.requiredAntiAffinity.length) {
    antiAffinity = new Map();
    for (const t of pod.requiredAntiAffinity) {
      forEachTermCandidate(cache, t, (existing, node) => {
        const value = node.labels[t.topologyKey];
        if (value !== undefined && termMatches(t, existing, nsLabels)) add(antiAffinity!, t.topologyKey, value, 1);
      });
    }
  }
  return { affinity, affinityAllowsFirst, antiAffinity, existingAntiAffinity };
}

function existingAntiAffinityCounts(pod: PodInfo, cache: SchedulerCache, nsLabels: NamespaceLabels): TopologyCounts | null {
  let out: TopologyCounts | null = null;
  for (const existing of cache.podsWithRequiredAntiAffinity) {
    const node = cache.nodes.get(existing.nodeName);
    if (!node?.node) continue;
    for (const t of existing.requiredAntiAffinity) {
      const value = node.labels[t.topologyKey];
      if (value !== undefined && termMatches(t, pod, nsLabels)) add((out ??= new Map()), t.topologyKey, value, 1);
    }
  }
  return out;
}

function countAt(counts: TopologyCounts, key: string, value: string): number {
  return counts.get(key)?.get(value) ?? 0;
}

/** Upstream: InterPodAffinity.Filter (affinity, then anti-affinity, then existing pods' anti-affinity). */
export function interPodFilter(state: InterPodFilterState, pod: PodInfo, node: NodeInfo): Failure | null {
  if (state.affinity) {
    let podsExist = true;
    for (const t of pod.requiredAffinity) {
      const value = node.labels[t.topologyKey];
      if (value === undefined) return FAIL_AFFINITY;
      if (countAt(state.affinity, t.topologyKey, value) <= 0) podsExist = false;
    }
    if (!podsExist && !state.affinityAllowsFirst) return FAIL_AFFINITY;
  }
  if (state.antiAffinity) {
    for (const t of pod.requiredAntiAffinity) {
      const value = node.labels[t.topologyKey];
      if (value !== undefined && countAt(state.antiAffinity, t.topologyKey, value) > 0) return FAIL_ANTI_AFFINITY;
    }
  }
  if (state.existingAntiAffinity) {
    for (const [key, byValue] of state.existingAntiAffinity) {
      const value = node.labels[key];
      if (value !== undefined && (byValue.get(value) ?? 0) > 0) return FAIL_EXISTING_ANTI_AFFINITY;
    }
  }
  return null;
}

/**
 * Upstream: PreScore + Score + NormalizeScore. Writes normalised scores into
 * `out`; returns false when the plugin is skipped (no topology score at all).
 */
export function interPodScores(pod: PodInfo, nodes: readonly NodeInfo[], cache: SchedulerCache, nsLabels: NamespaceLabels, out: Uint8Array): boolean {
  const scores: TopologyCounts = new Map();
  const incomingTerms = (terms: readonly AffinityTerm[], sign: number) => {
    for (const t of terms) {
      forEachTermCandidate(cache, t, (existing, node) => {
        const value = node.labels[t.topologyKey];
        if (value !== undefined && termMatches(t, existing, nsLabels)) add(scores, t.topologyKey, value, sign * t.weight);
      });
    }
  };
  incomingTerms(pod.preferredAffinity, 1);
  incomingTerms(pod.preferredAntiAffinity, -1);
  for (const existing of cache.podsWithAffinity) {
    const node = cache.nodes.get(existing.nodeName);
    if (!node?.node) continue;
    const existingTerms = (terms: readonly AffinityTerm[], weight: (t: AffinityTerm) => number) => {
      for (const t of terms) {
        const value = node.labels[t.topologyKey];
        if (value !== undefined && termMatches(t, pod, nsLabels)) add(scores, t.topologyKey, value, weight(t));
      }
    };
    existingTerms(existing.requiredAffinity, () => HARD_POD_AFFINITY_WEIGHT);
    existingTerms(existing.preferredAffinity, (t) => t.weight);
    existingTerms(existing.preferredAntiAffinity, (t) => -t.weight);
  }
  if (scores.size === 0) return false;
  const raw = nodes.map((node) => {
    let sum = 0;
    for (const [key, byValue] of scores) {
      const value = node.labels[key];
      if (value !== undefined) sum += byValue.get(value) ?? 0;
    }
    return sum;
  });
  const min = raw.reduce((m, x) => Math.min(m, x), Infinity);
  const max = raw.reduce((m, x) => Math.max(m, x), -Infinity);
  raw.forEach((score, j) => {
    // Float arithmetic in upstream's order, then truncation (int64(fScore)).
    out[j] = max > min ? Math.trunc(MAX_NODE_SCORE * ((score - min) / (max - min))) : 0;
  });
  return true;
}
