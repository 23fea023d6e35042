/**
 * The scheduler cache, kept incrementally from watch events (upstream
 * pkg/scheduler/backend/cache: cache.go, node_tree.go; plus the informer
 * indexes the plugins use). A decision never rescans every pod: per node it
 * holds requests, pod count and ports; across nodes it indexes assigned pods
 * by label, namespace and owner, and keeps the pods that carry affinity terms.
 *
 * Everything here is derived from the API server, so it is rebuilt rather
 * than snapshotted — except the node tree's order, which depends on history
 * (the snapshot keeps it so a restored world scans nodes in the same order).
 */
import type { Selector } from '../api/labels';
import type { Node, Pod } from '../api/types';
import { NodeInfo } from './node-info';
import { hasAnyAffinity, newPodInfo, podKeyOf, type PodInfo } from './pod-info';

/** What a pod event changed in the cache (queueing hints read it). */
export interface PodChange {
  removed: PodInfo | undefined;
  added: PodInfo | undefined;
}

export class SchedulerCache {
  readonly nodes = new Map<string, NodeInfo>();
  /** Assigned, non-terminal pods by key (terminating ones included). */
  readonly pods = new Map<string, PodInfo>();
  /** Assigned pods with any inter-pod affinity term (upstream PodsWithAffinity). */
  readonly podsWithAffinity = new Set<PodInfo>();
  /** Assigned pods with required anti-affinity (upstream PodsWithRequiredAntiAffinity). */
  readonly podsWithRequiredAntiAffinity = new Set<PodInfo>();
  /** Unassigned pods with status.nominatedNodeName, by node (upstream PodNominator). */
  readonly nominated = new Map<string, Map<string, PodInfo>>();
  private readonly nominatedNodeOf = new Map<string, string>();
  private readonly byLabel = new Map<string, Set<PodInfo>>();
  private readonly byNamespace = new Map<string, Set<PodInfo>>();
  /** owner uid → node → non-terminating pods (upstream NodeInfo.PodsWithOwnerRef). */
  private readonly ownerNodes = new Map<string, Map<NodeInfo, number>>();
  private readonly services = new Map<string, Map<string, Readonly<Record<string, string>>>>();
  /** Upstream: nodeTree — zones in the order first seen, nodes per zone in the order added. */
  private readonly zones: string[] = [];
  private readonly zoneNodes = new Map<string, string[]>();
  private list: NodeInfo[] | null = null;

  constructor(tree?: readonly [string, readonly string[]][]) {
    for (const [zone, names] of tree ?? []) {
      this.zones.push(zone);
      this.zoneNodes.set(zone, [...names]);
    }
  }

  // ---- nodes --------------------------------------------------------------

  /** Existing nodes in upstream's snapshot order: zones interleaved round-robin (nodeTree.list). */
  nodeList(): readonly NodeInfo[] {
    if (this.list) return this.list;
    const out: NodeInfo[] = [];
    const perZone = this.zones.map((z) => this.zoneNodes.get(z) ?? []);
    const longest = perZone.reduce((m, names) => Math.max(m, names.length), 0);
    for (let i = 0; i < longest; i++) {
      for (const names of perZone) {
        const info = i < names.length ? this.nodes.get(names[i]!) : undefined;
        if (info?.node) out.push(info);
      }
    }
    this.list = out;
    return out;
  }

  nodeTree(): [string, string[]][] {
    return this.zones.map((z) => [z, [...(this.zoneNodes.get(z) ?? [])]]);
  }

  setNode(node: Node): void {
    const info = this.nodeInfo(node.metadata.name);
    const oldZone = info.node ? info.zoneKey : undefined;
    info.setNode(node);
    if (oldZone !== info.zoneKey) {
      if (oldZone !== undefined) this.treeRemove(info.name, oldZone);
      this.treeAdd(info.name, info.zoneKey);
    }
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info?.node) return;
    this.treeRemove(name, info.zoneKey);
    info.clearNode();
    if (info.pods.size === 0) this.nodes.delete(name);
  }

  private nodeInfo(name: string): NodeInfo {
    let info = this.nodes.get(name);
    if (!info) this.nodes.set(name, (info = new NodeInfo(name)));
    return info;
  }

  private treeAdd(name: string, zone: string): void {
    let names = this.zoneNodes.get(zone);
    if (!names) {
      this.zones.push(zone);
      this.zoneNodes.set(zone, (names = []));
    }
    if (!names.includes(name)) names.push(name);
    this.list = null;
  }

  private treeRemove(name: string, zone: string): void {
    const names = this.zoneNodes.get(zone);
    if (!names) return;
    const index = names.indexOf(name);
    if (index >= 0) names.splice(index, 1);
    if (names.length === 0) {
      this.zoneNodes.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
    this.list = null;
  }

  // ---- pods ---------------------------------------------------------------

  /**
   * A pod was added or changed. Pods count once assigned, until deleted or
   * terminal (upstream's pod informer selects status.phase != Succeeded/Failed).
   */
  updatePod(pod: Pod): PodChange {
    this.updateNomination(pod);
    const key = podKeyOf(pod);
    const existing = this.pods.get(key);
    const assigned = !!pod.spec.nodeName && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed';
    if (!assigned) {
      if (existing) this.unindex(existing);
      return { removed: existing, added: undefined };
    }
    if (existing && sameAssignment(existing, pod)) {
      existing.pod = pod;
      existing.startTime = pod.status.startTime ?? '';
      return { removed: undefined, added: undefined };
    }
    if (existing) this.unindex(existing);
    const info = newPodInfo(pod);
    this.index(info);
    return { removed: existing, added: info };
  }

  /** Counts a pod on its node the moment it is bound (upstream AssumePod). */
  assume(info: PodInfo): void {
    const existing = this.pods.get(info.key);
    if (existing) this.unindex(existing);
    this.clearNomination(info.key);
    this.index(info);
  }

  deletePod(pod: Pod): PodInfo | undefined {
    const key = podKeyOf(pod);
    this.clearNomination(key);
    const existing = this.pods.get(key);
    if (existing) this.unindex(existing);
    return existing;
  }

  private index(info: PodInfo): void {
    this.pods.set(info.key, info);
    const node = this.nodeInfo(info.nodeName);
    node.addPod(info);
    for (const [k, v] of Object.entries(info.labels)) addTo(this.byLabel, `${k}=${v}`, info);
    addTo(this.byNamespace, info.namespace, info);
    if (info.ownerUid && !info.terminating) this.countOwner(info, node, 1);
    if (hasAnyAffinity(info)) this.podsWithAffinity.add(info);
    if (info.requiredAntiAffinity.length) this.podsWithRequiredAntiAffinity.add(info);
  }

  private unindex(info: PodInfo): void {
    this.pods.delete(info.key);
    const node = this.nodes.get(info.nodeName);
    if (node) {
      node.removePod(info);
      if (info.ownerUid && !info.terminating) this.countOwner(info, node, -1);
      if (!node.node && node.pods.size === 0) this.nodes.delete(info.nodeName);
    }
    for (const [k, v] of Object.entries(info.labels)) removeFrom(this.byLabel, `${k}=${v}`, info);
    removeFrom(this.byNamespace, info.namespace, info);
    this.podsWithAffinity.delete(info);
    this.podsWithRequiredAntiAffinity.delete(info);
  }

  /** Keyed by NodeInfo: one stays in `nodes` for as long as any pod is on it. */
  private countOwner(info: PodInfo, node: NodeInfo, delta: number): void {
    let byNode = this.ownerNodes.get(info.ownerUid);
    if (!byNode) this.ownerNodes.set(info.ownerUid, (byNode = new Map()));
    const count = (byNode.get(node) ?? 0) + delta;
    if (count > 0) byNode.set(node, count);
    else byNode.delete(node);
    if (byNode.size === 0) this.ownerNodes.delete(info.ownerUid);
  }

  /** Non-terminating assigned pods of owner `uid`, per node. */
  ownerCounts(uid: string): ReadonlyMap<NodeInfo, number> | undefined {
    return this.ownerNodes.get(uid);
  }

  /**
   * Calls `visit` for every assigned pod that may match `selector` — a
   * superset, read from the label index through the selector's most
   * selective `In` requirement; callers check the selector themselves.
   */
  forEachCandidate(selector: Selector, namespace: string | null, visit: (pod: PodInfo) => void): void {
    let best: Set<PodInfo>[] | undefined;
    let bestSize = Infinity;
    for (const r of selector) {
      if (r.operator !== 'In') continue;
      const sets: Set<PodInfo>[] = [];
      let size = 0;
      for (const value of r.values) {
        const set = this.byLabel.get(`${r.key}=${value}`);
        if (set) {
          sets.push(set);
          size += set.size;
        }
      }
      if (size < bestSize) {
        best = sets;
        bestSize = size;
      }
    }
    if (best) {
      for (const set of best) for (const pod of set) visit(pod);
      return;
    }
    const pods = namespace === null ? this.pods.values() : (this.byNamespace.get(namespace) ?? []);
    for (const pod of pods) visit(pod);
  }

  // ---- nominated pods ------------------------------------------------------

  private updateNomination(pod: Pod): void {
    const key = podKeyOf(pod);
    const nodeName = !pod.spec.nodeName ? (pod.status.nominatedNodeName ?? '') : '';
    const current = this.nominatedNodeOf.get(key);
    if (current === undefined && nodeName === '') return;
    this.clearNomination(key);
    if (!nodeName) return;
    let pods = this.nominated.get(nodeName);
    if (!pods) this.nominated.set(nodeName, (pods = new Map()));
    pods.set(key, newPodInfo(pod));
    this.nominatedNodeOf.set(key, nodeName);
  }

  private clearNomination(key: string): void {
    const nodeName = this.nominatedNodeOf.get(key);
    if (nodeName === undefined) return;
    this.nominatedNodeOf.delete(key);
    const pods = this.nominated.get(nodeName);
    pods?.delete(key);
    if (pods?.size === 0) this.nominated.delete(nodeName);
  }

  // ---- services (for PodTopologySpread's system default selector) ---------

  setService(namespace: string, name: string, selector: Readonly<Record<string, string>> | undefined): void {
    let byName = this.services.get(namespace);
    if (!selector || Object.keys(selector).length === 0) {
      byName?.delete(name);
      return;
    }
    if (!byName) this.services.set(namespace, (byName = new Map()));
    byName.set(name, selector);
  }

  /** Selectors of the namespace's Services that select `labels` (upstream GetPodServices). */
  servicesSelecting(namespace: string, labels: Readonly<Record<string, string>>): Readonly<Record<string, string>>[] {
    const out: Readonly<Record<string, string>>[] = [];
    for (const selector of this.services.get(namespace)?.values() ?? []) {
      if (Object.entries(selector).every(([k, v]) => labels[k] === v)) out.push(selector);
    }
    return out;
  }
}

function sameAssignment(info: PodInfo, pod: Pod): boolean {
  if (info.uid !== pod.metadata.uid || info.nodeName !== pod.spec.nodeName) return false;
  if (info.terminating !== (pod.metadata.deletionTimestamp !== undefined)) return false;
  const labels = pod.metadata.labels ?? {};
  const keys = Object.keys(labels);
  if (keys.length !== Object.keys(info.labels).length) return false;
  return keys.every((k) => info.labels[k] === labels[k]);
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}
