/**
 * The DaemonSet controller: one daemon pod on every node that should run
 * one (kubernetes-behaviour.md §6.3, §4). A daemon pod tolerates
 * not-ready/unreachable NoExecute forever, so it stays on a failed node; it
 * does not tolerate their NoSchedule twins, so no new one lands there.
 *
 * Upstream: pkg/controller/daemon/daemon_controller.go (syncDaemonSet,
 * manage, podsShouldBeOnNode, syncNodes, updateDaemonSetStatus) and
 * update.go (rollingUpdate). Handlers enqueue DaemonSet keys; `sync` drains
 * the queue. Upstream's expectations guard against a stale informer cache;
 * our reads are never stale, so "the last manage changed something" stands
 * in for "expectations not yet satisfied" (rolling update waits a round).
 * Not modelled: ControllerRevision objects (the hash is computed from the
 * template), maxSurge > 0 (treated as 0), orphan adoption, OnDelete aside
 * from skipping the rolling update.
 */
import '../apiserver/workload-kinds';
import { ApiError } from '../apiserver/errors';
import type { WatchEvent } from '../apiserver/apiserver';
import type { Component, ComponentContext } from '../component';
import { isPodReady, isPodTerminal } from '../api/conditions';
import { keyOf, type Node, type OwnerReference, type Pod } from '../api/types';
import type { Timer } from '../core/timers';
import {
  addOrUpdateDaemonPodTolerations,
  compareByCreationTimestampAndPhase,
  CONTROLLER_REVISION_HASH_LABEL,
  getTargetNodeName,
  isPodUpdated,
  nodeShouldRunDaemonPod,
  replaceDaemonSetPodNodeNameNodeAffinity,
  type DaemonSet,
} from './daemonset-util';
import { WorkQueue, type WorkQueueState } from './workload-queue';
import {
  compareStrings,
  computeHash,
  controlledPods,
  createPod,
  deletePod,
  getControllerOf,
  getPodFromTemplate,
  isPodAvailable,
  newControllerRef,
  scaledValueFromIntOrPercent,
  slowStartBatch,
  SLOW_START_INITIAL_BATCH_SIZE,
  splitKey,
  type PodTemplate,
} from './workload-utils';

export type { DaemonSet } from './daemonset-util';

/** The event source upstream's recorder uses. */
export const DAEMONSET_SOURCE = 'daemonset-controller';
/** Upstream: BurstReplicas — creations (and deletions) per sync. */
export const BURST_REPLICAS = 250;
/** Upstream: kube-controller-manager's flowcontrol.NewBackOff(1*time.Second, 15*time.Minute). */
export const FAILED_PODS_BACKOFF_INITIAL_MS = 1_000;
export const FAILED_PODS_BACKOFF_MAX_MS = 15 * 60_000;

/** Upstream: flowcontrol.backoffEntry. */
export interface BackoffEntry {
  backoffMs: number;
  lastUpdateMs: number;
}

export interface DaemonSetsState {
  queue: WorkQueueState;
  failedPodsBackoff: [string, BackoffEntry][];
}

interface SyncResult {
  changed: boolean;
  failed: boolean;
}

type NodeToDaemonPods = Map<string, Pod[]>;

export class DaemonSetsController implements Component {
  readonly name = 'daemonset';
  private readonly queue: WorkQueue;
  private readonly failedPodsBackoff: Map<string, BackoffEntry>;

  constructor(
    private readonly ctx: ComponentContext,
    state?: DaemonSetsState,
  ) {
    this.queue = new WorkQueue(ctx.clock, ctx.timers, this.name, state?.queue);
    this.failedPodsBackoff = new Map(state?.failedPodsBackoff.map(([key, entry]) => [key, { ...entry }]));
    ctx.api.watch<DaemonSet>('DaemonSet', (event) => this.queue.add(keyOf(event.object)));
    ctx.api.watch<Pod>('Pod', (event) => this.podEvent(event));
    ctx.api.watch<Node>('Node', (event) => this.nodeEvent(event));
    // A fresh controller lists what exists, as its informers would on start.
    if (!state) for (const ds of ctx.api.list<DaemonSet>('DaemonSet')) this.queue.add(keyOf(ds));
  }

  onTimer(timer: Timer): void {
    this.queue.onTimer(timer);
  }

  sync(): boolean {
    return this.queue.process((key) => this.syncDaemonSet(key));
  }

  /** The failed-pod backoff of one DaemonSet's node (tests and the UI). */
  failedPodBackoff(ds: DaemonSet, nodeName: string): Readonly<BackoffEntry> | undefined {
    return this.failedPodsBackoff.get(failedPodsBackoffKey(ds, nodeName));
  }

  snapshot(): DaemonSetsState {
    return {
      queue: this.queue.snapshot(),
      failedPodsBackoff: [...this.failedPodsBackoff].map(([key, entry]) => [key, { ...entry }]),
    };
  }

  // ---- watch handlers -----------------------------------------------------

  /** Upstream: addPod / updatePod / deletePod — wake the pod's DaemonSet(s). */
  private podEvent(event: WatchEvent<Pod>): void {
    const pod = event.object;
    const oldRef = event.old ? getControllerOf(event.old) : undefined;
    const ref = getControllerOf(pod);
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueOwner(pod.metadata.namespace, oldRef);
    const ds = ref ? this.resolveControllerRef(pod.metadata.namespace, ref) : undefined;
    if (!ds) return;
    this.queue.add(keyOf(ds));
    const minReadySeconds = ds.spec.minReadySeconds ?? 0;
    if (event.old && !isPodReady(event.old) && isPodReady(pod) && minReadySeconds > 0) {
      // Upstream adds a second against clock skew.
      this.queue.addAfter(keyOf(ds), minReadySeconds * 1000 + 1000);
    }
  }

  /** Upstream: addNode / updateNode — only DaemonSets whose decision for the node changed. */
  private nodeEvent(event: WatchEvent<Node>): void {
    if (event.type === 'DELETED') return;
    for (const ds of this.ctx.api.list<DaemonSet>('DaemonSet')) {
      const now = nodeShouldRunDaemonPod(event.object, ds);
      if (event.type === 'ADDED' || !event.old) {
        if (now.shouldRun) this.queue.add(keyOf(ds));
        continue;
      }
      const before = nodeShouldRunDaemonPod(event.old, ds);
      if (before.shouldRun !== now.shouldRun || before.shouldContinueRunning !== now.shouldContinueRunning) this.queue.add(keyOf(ds));
    }
  }

  private enqueueOwner(namespace: string, ref: OwnerReference): void {
    const ds = this.resolveControllerRef(namespace, ref);
    if (ds) this.queue.add(keyOf(ds));
  }

  /** Upstream: resolveControllerRef — by name, then the uid must match. */
  private resolveControllerRef(namespace: string, ref: OwnerReference): DaemonSet | undefined {
    if (ref.kind !== 'DaemonSet') return undefined;
    const ds = this.ctx.api.get<DaemonSet>('DaemonSet', ref.name, namespace);
    return ds && ds.metadata.uid === ref.uid ? ds : undefined;
  }

  // ---- reconciliation -------------------------------------------------------

  /** Upstream: syncDaemonSet. Returns false when an API call failed (the key is retried with backoff). */
  private syncDaemonSet(key: string): boolean {
    const [namespace, name] = splitKey(key);
    const ds = this.ctx.api.get<DaemonSet>('DaemonSet', name, namespace);
    // A DaemonSet being deleted has no reliable status; the garbage collector removes its pods.
    if (!ds || ds.metadata.deletionTimestamp) return true;
    const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
    const nodes = [...this.ctx.api.list<Node>('Node')];
    const managed = this.manage(ds, nodes, hash);
    let failed = managed.failed;
    if (!managed.changed && ds.spec.updateStrategy?.type !== 'OnDelete') {
      failed = this.rollingUpdate(ds, nodes, hash).failed || failed;
    }
    this.updateDaemonSetStatus(ds, nodes, hash);
    return !failed;
  }

  /**
   * Upstream: getNodesToDaemonPods. Without `includeDeletedTerminal`,
   * terminal pods already being deleted are left out: nothing is left to do with them.
   */
  private getNodesToDaemonPods(ds: DaemonSet, includeDeletedTerminal: boolean): NodeToDaemonPods {
    const out: NodeToDaemonPods = new Map();
    for (const pod of controlledPods(this.ctx.api, ds)) {
      if (!includeDeletedTerminal && isPodTerminal(pod) && pod.metadata.deletionTimestamp) continue;
      const nodeName = getTargetNodeName(pod);
      if (nodeName === undefined) continue;
      const list = out.get(nodeName);
      if (list) list.push(pod);
      else out.set(nodeName, [pod]);
    }
    return out;
  }

  /** Upstream: manage. */
  private manage(ds: DaemonSet, nodes: readonly Node[], hash: string): SyncResult {
    const nodeToDaemonPods = this.getNodesToDaemonPods(ds, false);
    const nodesNeedingDaemonPods: string[] = [];
    const podsToDelete: Pod[] = [];
    for (const node of nodes) {
      const onNode = this.podsShouldBeOnNode(node, nodeToDaemonPods, ds);
      nodesNeedingDaemonPods.push(...onNode.nodesNeedingDaemonPods);
      podsToDelete.push(...onNode.podsToDelete);
    }
    podsToDelete.push(...getUnscheduledPodsWithoutNode(nodes, nodeToDaemonPods));
    return this.syncNodes(ds, podsToDelete, nodesNeedingDaemonPods, hash);
  }

  /** Upstream: podsShouldBeOnNode (without surge). */
  private podsShouldBeOnNode(node: Node, nodeToDaemonPods: NodeToDaemonPods, ds: DaemonSet): { nodesNeedingDaemonPods: string[]; podsToDelete: Pod[] } {
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
    const daemonPods = nodeToDaemonPods.get(node.metadata.name);
    if (shouldRun && !daemonPods) return { nodesNeedingDaemonPods: [node.metadata.name], podsToDelete: [] };
    if (!daemonPods) return { nodesNeedingDaemonPods: [], podsToDelete: [] };
    const live = daemonPods.filter((pod) => !pod.metadata.deletionTimestamp);
    if (!shouldContinueRunning) return { nodesNeedingDaemonPods: [], podsToDelete: live };
    const podsToDelete: Pod[] = [];
    const running: Pod[] = [];
    for (const pod of live) {
      if (pod.status.phase === 'Failed') {
        if (this.allowFailedPodDeletion(ds, node.metadata.name)) {
          this.recordEvent(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node.metadata.name}, will try to kill it`);
          podsToDelete.push(pod);
        }
      } else if (pod.status.phase === 'Succeeded') {
        this.recordEvent(ds, 'Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node.metadata.name}, will try to delete it`);
        podsToDelete.push(pod);
      } else {
        running.push(pod);
      }
    }
    // Without surge, keep only the oldest of several running daemon pods.
    running.sort(compareByCreationTimestampAndPhase);
    podsToDelete.push(...running.slice(1));
    return { nodesNeedingDaemonPods: [], podsToDelete };
  }

  /**
   * Upstream: the failedPodsBackoff check of podsShouldBeOnNode. The DaemonSet
   * and the kubelet can fight over a pod the kubelet keeps rejecting, so
   * deleting failed pods on one node backs off (1 s doubling to 15 min).
   */
  private allowFailedPodDeletion(ds: DaemonSet, nodeName: string): boolean {
    const key = failedPodsBackoffKey(ds, nodeName);
    const nowMs = this.ctx.clock.nowMs;
    const entry = this.failedPodsBackoff.get(key);
    const expired = (e: BackoffEntry) => nowMs - e.lastUpdateMs > FAILED_PODS_BACKOFF_MAX_MS * 2;
    if (entry && !expired(entry) && nowMs - entry.lastUpdateMs < entry.backoffMs) {
      this.queue.addAfter(keyOf(ds), entry.backoffMs);
      return false;
    }
    // Upstream's Backoff.GC runs every minute; dropping expired entries here keeps the state as small.
    for (const [k, e] of this.failedPodsBackoff) if (expired(e)) this.failedPodsBackoff.delete(k);
    const backoffMs = entry && !expired(entry) ? Math.min(entry.backoffMs * 2, FAILED_PODS_BACKOFF_MAX_MS) : FAILED_PODS_BACKOFF_INITIAL_MS;
    this.failedPodsBackoff.set(key, { backoffMs, lastUpdateMs: nowMs });
    return true;
  }

  /**
   * Upstream: syncNodes. Daemon pods are created unbound, with the required
   * node affinity `metadata.name In [node]`; the default scheduler binds them
   * (Scheduled events), and one that does not fit stays Pending with the
   * scheduler's reasons.
   */
  private syncNodes(ds: DaemonSet, podsToDelete: readonly Pod[], nodesNeedingDaemonPods: readonly string[], hash: string): SyncResult {
    const createDiff = Math.min(nodesNeedingDaemonPods.length, BURST_REPLICAS);
    const deleteDiff = Math.min(podsToDelete.length, BURST_REPLICAS);
    const template = createPodTemplate(ds.spec.template as PodTemplate, hash);
    const ref = newControllerRef(ds);
    const created = slowStartBatch(createDiff, SLOW_START_INITIAL_BATCH_SIZE, (i) => {
      const nodeName = nodesNeedingDaemonPods[i]!;
      const pod = getPodFromTemplate(template, ds, ref);
      pod.spec.affinity = replaceDaemonSetPodNodeNameNodeAffinity(pod.spec.affinity, nodeName);
      return !(createPod(this.ctx.api, ds, pod, DAEMONSET_SOURCE) instanceof ApiError);
    });
    let deleteFailed = false;
    for (const pod of podsToDelete.slice(0, deleteDiff)) {
      const error = deletePod(this.ctx.api, ds, pod, DAEMONSET_SOURCE);
      if (error && error.reason !== 'NotFound') deleteFailed = true;
    }
    return { changed: createDiff + deleteDiff > 0, failed: created < createDiff || deleteFailed };
  }

  /**
   * Upstream: rollingUpdate, the maxSurge = 0 branch. Old pods that are not
   * available go at once; available ones only while fewer than
   * maxUnavailable daemon pods are unavailable. The manage loop then
   * creates the new pod once the old one is gone.
   */
  private rollingUpdate(ds: DaemonSet, nodes: readonly Node[], hash: string): SyncResult {
    const nodeToDaemonPods = this.getNodesToDaemonPods(ds, false);
    const maxUnavailable = this.updatedDesiredNodeCounts(ds, nodes, nodeToDaemonPods);
    const nowMs = this.ctx.clock.nowMs;
    const minReadySeconds = ds.spec.minReadySeconds ?? 0;
    let numUnavailable = 0;
    const allowedReplacementPods: Pod[] = [];
    const candidatePodsToDelete: Pod[] = [];
    // Upstream walks a Go map (random order); node-name order makes the rollout readable.
    const byNodeName = [...nodeToDaemonPods].sort(([a], [b]) => compareStrings(a, b));
    for (const [, pods] of byNodeName) {
      const found = findUpdatedPodsOnNode(pods, hash);
      if (!found || (!found.oldPod && !found.newPod) || (found.oldPod && found.newPod)) {
        // The manage loop creates or prunes on this node; count it as unavailable.
        numUnavailable++;
      } else if (found.newPod) {
        if (!isPodAvailable(found.newPod, minReadySeconds, nowMs)) numUnavailable++;
      } else if (!isPodAvailable(found.oldPod!, minReadySeconds, nowMs)) {
        allowedReplacementPods.push(found.oldPod!);
        numUnavailable++;
      } else if (numUnavailable < maxUnavailable) {
        candidatePodsToDelete.push(found.oldPod!);
      }
    }
    const remainingUnavailable = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidatePodsToDelete.length);
    const oldPodsToDelete = [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remainingUnavailable)];
    return this.syncNodes(ds, oldPodsToDelete, [], hash);
  }

  /**
   * Upstream: updatedDesiredNodeCounts. Nodes that should run a pod but have
   * none get an empty entry (they count as unavailable). Returns maxUnavailable.
   */
  private updatedDesiredNodeCounts(ds: DaemonSet, nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods): number {
    let desiredNumberScheduled = 0;
    for (const node of nodes) {
      if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
      desiredNumberScheduled++;
      if (!nodeToDaemonPods.has(node.metadata.name)) nodeToDaemonPods.set(node.metadata.name, []);
    }
    const rollingUpdate = ds.spec.updateStrategy?.rollingUpdate;
    const maxUnavailable = scaledValueFromIntOrPercent(rollingUpdate?.maxUnavailable ?? 1, desiredNumberScheduled, true) ?? 1;
    // Upstream: an impossible configuration (no surge, no unavailability) falls back to 1.
    return desiredNumberScheduled > 0 && maxUnavailable === 0 ? 1 : maxUnavailable;
  }

  /** Upstream: updateDaemonSetStatus + storeDaemonSetStatus (write only on change). */
  private updateDaemonSetStatus(ds: DaemonSet, nodes: readonly Node[], hash: string): void {
    const nodeToDaemonPods = this.getNodesToDaemonPods(ds, true);
    const nowMs = this.ctx.clock.nowMs;
    const minReadySeconds = ds.spec.minReadySeconds ?? 0;
    const counts = { desired: 0, current: 0, misscheduled: 0, ready: 0, updated: 0, available: 0 };
    for (const node of nodes) {
      const daemonPods = nodeToDaemonPods.get(node.metadata.name);
      if (!nodeShouldRunDaemonPod(node, ds).shouldRun) {
        if (daemonPods) counts.misscheduled++;
        continue;
      }
      counts.desired++;
      if (!daemonPods) continue;
      counts.current++;
      const pod = [...daemonPods].sort(compareByCreationTimestampAndPhase)[0]!;
      if (isPodReady(pod)) {
        counts.ready++;
        if (isPodAvailable(pod, minReadySeconds, nowMs)) counts.available++;
      }
      if (isPodUpdated(pod, hash)) counts.updated++;
    }
    const status = {
      currentNumberScheduled: counts.current,
      desiredNumberScheduled: counts.desired,
      numberMisscheduled: counts.misscheduled,
      numberReady: counts.ready,
      numberAvailable: counts.available,
      numberUnavailable: counts.desired - counts.available,
      updatedNumberScheduled: counts.updated,
      observedGeneration: ds.metadata.generation ?? 1,
    };
    this.storeDaemonSetStatus(ds, status);
    // Upstream: resync after minReadySeconds as a last line of defence against clock skew.
    if (minReadySeconds > 0 && counts.ready !== counts.available) this.queue.addAfter(keyOf(ds), minReadySeconds * 1000);
  }

  private storeDaemonSetStatus(ds: DaemonSet, status: Record<string, number>): void {
    const current = (ds.status ?? {}) as Record<string, unknown>;
    if (Object.entries(status).every(([field, value]) => current[field] === value)) return;
    this.ctx.api.update<DaemonSet>('DaemonSet', ds.metadata.name, ds.metadata.namespace, (draft) => {
      draft.status = { ...draft.status, ...status } as DaemonSet['status'];
    });
  }

  private recordEvent(ds: DaemonSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.api.recordEvent(ds, type, reason, message, DAEMONSET_SOURCE);
  }
}

// ---- helpers ---------------------------------------------------------------

/** Upstream: failedPodsBackoffKey — a new generation starts a fresh backoff. */
function failedPodsBackoffKey(ds: DaemonSet, nodeName: string): string {
  return `${ds.metadata.uid}/${ds.status?.observedGeneration ?? 0}/${nodeName}`;
}

/**
 * Upstream: util.CreatePodTemplate — the template with the daemon
 * tolerations and the revision hash label.
 */
function createPodTemplate(template: PodTemplate, hash: string): PodTemplate {
  const spec = structuredClone(template.spec);
  spec.tolerations = addOrUpdateDaemonPodTolerations(spec);
  return {
    metadata: { ...template.metadata, labels: { ...template.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash } },
    spec,
  };
}

/** Upstream: getUnscheduledPodsWithoutNode — PodGC cannot delete unbound pods aimed at a node that is gone. */
function getUnscheduledPodsWithoutNode(nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods): Pod[] {
  const existing = new Set(nodes.map((n) => n.metadata.name));
  const out: Pod[] = [];
  for (const [nodeName, pods] of nodeToDaemonPods) {
    if (existing.has(nodeName)) continue;
    for (const pod of pods) if (!pod.spec.nodeName) out.push(pod);
  }
  return out;
}

/**
 * Upstream: findUpdatedPodsOnNode — at most one new and one old pod that
 * is not being deleted; undefined if there are more (manage will prune).
 */
function findUpdatedPodsOnNode(pods: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash)) {
      if (newPod) return undefined;
      newPod = pod;
    } else {
      if (oldPod) return undefined;
      oldPod = pod;
    }
  }
  return { newPod, oldPod };
}
