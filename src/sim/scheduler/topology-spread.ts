/**
 * PodTopologySpread: the DoNotSchedule filter and the ScheduleAnyway score,
 * including the system default constraints (kubernetes-behaviour.md §5.2, §5.3).
 *
 * Upstream: pkg/scheduler/framework/plugins/podtopologyspread/{common.go,
 * filtering.go, scoring.go, plugin.go} and plugins/helper/spread.go (DefaultSelector).
 */
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { fromLabelSelector, matches, type Requirement, type Selector } from '../api/labels';
import { tolerates } from '../api/taints';
import type { KubeObject, LabelSelector } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import { LABEL_ZONE } from '../controllers/zones';
import type { SchedulerCache } from './cache';
import { FAIL_SPREAD, FAIL_SPREAD_MISSING_LABEL, MAX_NODE_SCORE, type Failure } from './framework';
import { matchesRequired, type RequiredNodeAffinity } from './node-affinity';
import { markCycle, type NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  /** null selects nothing (a nil labelSelector). */
  selector: Selector | null;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

/** Upstream: systemDefaultConstraints (plugin.go). */
const SYSTEM_DEFAULT_CONSTRAINTS: readonly { topologyKey: string; maxSkew: number }[] = [
  { topologyKey: LABEL_HOSTNAME, maxSkew: 3 },
  { topologyKey: LABEL_ZONE, maxSkew: 5 },
];

/** Upstream: filterTopologySpreadConstraints — the pod's constraints for one action, matchLabelKeys merged in. */
export function podConstraints(pod: PodInfo, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const list: readonly TopologySpreadConstraint[] = pod.pod.spec.topologySpreadConstraints ?? [];
  return list
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => ({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: c.labelSelector ? withMatchLabelKeys(fromLabelSelector(c.labelSelector), c.matchLabelKeys, pod.labels) : null,
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: c.nodeTaintsPolicy === 'Honor',
    }));
}

function withMatchLabelKeys(selector: Selector, keys: readonly string[] | undefined, labels: Readonly<Record<string, string>>): Selector {
  const extra: Requirement[] = [];
  for (const key of keys ?? []) {
    const value = labels[key];
    if (value !== undefined) extra.push({ key, operator: 'In', values: [value] });
  }
  return extra.length ? [...selector, ...extra] : selector;
}

/**
 * The ScheduleAnyway constraints: the pod's own, else the system defaults
 * with the selector of the Services / ReplicaSets / StatefulSets that select
 * it (none if that selector is empty). Upstream: buildDefaultConstraints.
 */
export function softConstraints(pod: PodInfo, cache: SchedulerCache, api: ApiServer): { constraints: SpreadConstraint[]; systemDefaulted: boolean } {
  if (pod.pod.spec.topologySpreadConstraints?.length) return { constraints: podConstraints(pod, 'ScheduleAnyway'), systemDefaulted: false };
  const selector = defaultSelector(pod, cache, api);
  if (selector.length === 0) return { constraints: [], systemDefaulted: true };
  const constraints = SYSTEM_DEFAULT_CONSTRAINTS.map((c) => ({
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: 1,
    honorNodeAffinity: true,
    honorNodeTaints: false,
  }));
  return { constraints, systemDefaulted: true };
}

/**
 * Upstream: helper.DefaultSelector — the Services' selectors merged, plus
 * the selector of the pod's controller if it is a ReplicaSet or StatefulSet
 * (read from the store if it exists). ReplicationControllers are not served here.
 */
export function defaultSelector(pod: PodInfo, cache: SchedulerCache, api: ApiServer): Selector {
  const merged: Record<string, string> = {};
  for (const selector of cache.servicesSelecting(pod.namespace, pod.labels)) Object.assign(merged, selector);
  const out: Requirement[] = Object.entries(merged).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  const owner = pod.pod.metadata.ownerReferences?.find((ref) => ref.controller === true);
  if (owner && owner.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const workload = api.get<KubeObject & { spec?: { selector?: LabelSelector } }>(owner.kind, owner.name, pod.namespace);
    if (workload?.spec?.selector) out.push(...fromLabelSelector(workload.spec.selector));
  }
  return out;
}

/** Upstream: countPodsMatchSelector per node — same namespace, not terminating. */
export function countsByNode(cache: SchedulerCache, selector: Selector | null, namespace: string): Map<NodeInfo, number> {
  const out = new Map<NodeInfo, number>();
  if (!selector) return out;
  cache.forEachCandidate(selector, namespace, (p) => {
    if (p.terminating || p.namespace !== namespace || !matches(selector, p.labels)) return;
    const node = cache.nodes.get(p.nodeName);
    if (node) out.set(node, (out.get(node) ?? 0) + 1);
  });
  return out;
}

function hasAllKeys(node: NodeInfo, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (node.labels[c.topologyKey] === undefined) return false;
  return true;
}

/** Upstream: topologySpreadConstraint.matchNodeInclusionPolicies. */
function included(c: SpreadConstraint, pod: PodInfo, node: NodeInfo, affinity: RequiredNodeAffinity | null): boolean {
  if (c.honorNodeAffinity && !matchesRequired(affinity, node)) return false;
  if (c.honorNodeTaints) {
    for (const taint of node.filterTaints) if (!tolerates(pod.pod.spec.tolerations, taint)) return false;
  }
  return true;
}

// ---- Filter (DoNotSchedule) --------------------------------------------------

export interface SpreadFilterState {
  constraints: SpreadConstraint[];
  /** "key\0value" → matching pods in that domain (upstream TpPairToMatchNum). */
  pairCounts: Map<string, number>;
  minByKey: Map<string, number>;
  domainsByKey: Map<string, number>;
}

/** Upstream: calPreFilterState. null when the pod has no DoNotSchedule constraints. */
export function spreadFilterState(pod: PodInfo, affinity: RequiredNodeAffinity | null, cache: SchedulerCache): SpreadFilterState | null {
  const constraints = podConstraints(pod, 'DoNotSchedule');
  if (constraints.length === 0) return null;
  const counts = constraints.map((c) => countsByNode(cache, c.selector, pod.namespace));
  const pairCounts = new Map<string, number>();
  for (const node of cache.nodeList()) {
    if (!hasAllKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!included(c, pod, node, affinity)) return;
      const pair = `${c.topologyKey}\u0000${node.labels[c.topologyKey]}`;
      pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + (counts[i]!.get(node) ?? 0));
    });
  }
  const minByKey = new Map<string, number>();
  const domainsByKey = new Map<string, number>();
  for (const [pair, count] of pairCounts) {
    const key = pair.slice(0, pair.indexOf('\u0000'));
    domainsByKey.set(key, (domainsByKey.get(key) ?? 0) + 1);
    minByKey.set(key, Math.min(minByKey.get(key) ?? Infinity, count));
  }
  return { constraints, pairCounts, minByKey, domainsByKey };
}

/** Upstream: PodTopologySpread.Filter — existing + self-match − global minimum ≤ maxSkew. */
export function spreadFilter(state: SpreadFilterState, pod: PodInfo, node: NodeInfo): Failure | null {
  for (const c of state.constraints) {
    const value = node.labels[c.topologyKey];
    if (value === undefined) return FAIL_SPREAD_MISSING_LABEL;
    let minMatch = state.minByKey.get(c.topologyKey) ?? Infinity;
    if ((state.domainsByKey.get(c.topologyKey) ?? 0) < c.minDomains) minMatch = 0;
    const self = c.selector && matches(c.selector, pod.labels) ? 1 : 0;
    const matchNum = state.pairCounts.get(`${c.topologyKey}\u0000${value}`) ?? 0;
    if (matchNum + self - minMatch > c.maxSkew) return FAIL_SPREAD;
  }
  return null;
}

// ---- Score (ScheduleAnyway) --------------------------------------------------

/** Reused per-call buffers: the score runs for every pod, so it should not allocate per node. */
const scratch = { n: 0, slots: new Int32Array(0), host: new Int32Array(0), raw: new Float64Array(0), ignored: new Uint8Array(0) };

function scratchFor(size: number): typeof scratch {
  if (scratch.n < size) {
    const n = Math.max(size, scratch.n * 2, 1024);
    Object.assign(scratch, { n, slots: new Int32Array(n), host: new Int32Array(n), raw: new Float64Array(n), ignored: new Uint8Array(n) });
  }
  return scratch;
}

/**
 * Upstream: PreScore + Score + NormalizeScore. Writes normalised scores
 * (0…100) for `nodes` into `out`; returns false if the plugin is skipped
 * (no soft constraints), leaving `out` untouched. Runs for every scored
 * node of every pod, hence plain loops over reused buffers: each node's
 * domain is resolved once to a small index (slots[i × n + j], −1 when the
 * node lacks the key).
 */
export function spreadScores(
  pod: PodInfo,
  soft: { constraints: SpreadConstraint[]; systemDefaulted: boolean },
  nodes: readonly NodeInfo[],
  affinity: RequiredNodeAffinity | null,
  cache: SchedulerCache,
  out: Uint8Array,
): boolean {
  const { constraints } = soft;
  const m = constraints.length;
  const n = nodes.length;
  if (m === 0 || n === 0) return false;
  const { slots, host, raw, ignored } = scratchFor(m * n);
  // System defaults do not require every key, so nodes without a zone still get hostname spreading.
  const requireAll = !soft.systemDefaulted;
  const keys = constraints.map((c) => c.topologyKey);
  const domains = constraints.map((c) => (c.topologyKey === LABEL_HOSTNAME ? null : new Map<string, number>()));
  let scoredNodes = 0;
  for (let j = 0; j < n; j++) {
    const node = nodes[j]!;
    ignored[j] = requireAll && !hasAllKeys(node, constraints) ? 1 : 0;
    if (ignored[j]) continue;
    scoredNodes++;
    for (let i = 0; i < m; i++) {
      const value = node.labels[keys[i]!];
      const d = domains[i];
      if (!d) {
        slots[i * n + j] = value === undefined ? -1 : 0;
        continue;
      }
      // Upstream registers the node's value even when it lacks the key ("").
      let index = d.get(value ?? '');
      if (index === undefined) d.set(value ?? '', (index = d.size));
      slots[i * n + j] = value === undefined ? -1 : index;
    }
  }
  const weights = domains.map((d) => Math.log((d ? d.size : scoredNodes) + 2));
  const skews = constraints.map((c) => c.maxSkew - 1);
  host.fill(0, 0, m * n);
  const domainCounts = countMatching(pod, soft, nodes, domains, host, requireAll, affinity, cache);
  for (let j = 0; j < n; j++) {
    if (ignored[j]) continue;
    let score = 0;
    for (let i = 0; i < m; i++) {
      const slot = slots[i * n + j]!;
      if (slot < 0) continue;
      const counts = domainCounts[i];
      score += (counts ? counts[slot]! : host[i * n + j]!) * weights[i]! + skews[i]!;
    }
    raw[j] = Math.round(score);
  }
  normalize(raw, ignored, n, out);
  return true;
}

/**
 * Counts the matching pods: per scored node for hostname constraints (into
 * `host`), and per domain for the others (returned) — over every eligible
 * node whose domain a scored node shares. The newest upstream counts a pod
 * with an owner by its first owner's uid (PodsWithOwnerRef); only nodes
 * holding matching pods are visited.
 */
function countMatching(
  pod: PodInfo,
  soft: { constraints: SpreadConstraint[] },
  nodes: readonly NodeInfo[],
  domains: readonly (Map<string, number> | null)[],
  host: Int32Array,
  requireAll: boolean,
  affinity: RequiredNodeAffinity | null,
  cache: SchedulerCache,
): (number[] | null)[] {
  const { constraints } = soft;
  const n = nodes.length;
  const epoch = markCycle(nodes);
  const bySelector = new Map<Selector | null, ReadonlyMap<NodeInfo, number>>();
  return constraints.map((c, i) => {
    let perNode: ReadonlyMap<NodeInfo, number> | undefined;
    if (pod.ownerUid) perNode = cache.ownerCounts(pod.ownerUid);
    else {
      perNode = bySelector.get(c.selector);
      if (!perNode) bySelector.set(c.selector, (perNode = countsByNode(cache, c.selector, pod.namespace)));
    }
    const d = domains[i];
    if (!d) {
      perNode?.forEach((count, node) => {
        if (node.cycleEpoch === epoch) host[i * n + node.cycleIndex] = count;
      });
      return null;
    }
    const counts = new Array<number>(d.size).fill(0);
    perNode?.forEach((count, node) => {
      if (!node.node || (requireAll && !hasAllKeys(node, constraints)) || !included(c, pod, node, affinity)) return;
      const index = d.get(node.labels[c.topologyKey] ?? '');
      if (index !== undefined) counts[index]! += count;
    });
    return counts;
  });
}

function normalize(raw: Float64Array, ignored: Uint8Array, n: number, out: Uint8Array): void {
  let min = Infinity;
  let max = 0;
  for (let j = 0; j < n; j++) {
    if (ignored[j]) continue;
    if (raw[j]! < min) min = raw[j]!;
    if (raw[j]! > max) max = raw[j]!;
  }
  for (let j = 0; j < n; j++) {
    if (ignored[j]) out[j] = 0;
    else if (max === 0) out[j] = MAX_NODE_SCORE;
    else out[j] = Math.floor((MAX_NODE_SCORE * (max + min - raw[j]!)) / max);
  }
}
