/**
 * The pod garbage collector: the only component that force-deletes pods on
 * its own (kubernetes-behaviour.md §6.6, §1.5). Every 20 s it removes terminal
 * pods over the threshold, terminating pods on out-of-service nodes, pods
 * bound to nodes that no longer exist, and unscheduled terminating pods.
 *
 * Upstream: pkg/controller/podgc/gc_controller.go.
 */
import { ApiError } from '../apiserver/errors';
import type { Component, ComponentContext } from '../component';
import { isNodeReady, isPodTerminal, setPodCondition } from '../api/conditions';
import { TAINT_OUT_OF_SERVICE } from '../api/taints';
import type { Node, Pod, PodCondition } from '../api/types';
import { toTimestamp } from '../core/time';
import { TimerSlots, type Timer } from '../core/timers';

/** Upstream: gcCheckPeriod. */
export const GC_CHECK_PERIOD_MS = 20_000;
/** Upstream: quarantineTime — how long a missing node may take to show up before its pods go. */
export const QUARANTINE_TIME_MS = 40_000;

const GC_TIMER = 'gc';

export interface PodGCState {
  timerSeqs: [string, number][];
  /** Upstream: the delaying nodeQueue's waiting items (node name → ready time). */
  waitingNodes: [string, number][];
  /** Upstream: nodeQueue items that are ready; drained by every pass. */
  readyNodes: string[];
}

export class PodGCController implements Component {
  readonly name = 'podgc';
  private readonly timers: TimerSlots;
  private readonly waitingNodes: Map<string, number>;
  private readonly readyNodes: string[];
  /**
   * Informer-side indexes, so a pass costs what changed rather than a scan of
   * every pod (upstream lists all pods each pass; at 150k pods that dominates).
   * Derived from the API server, so rebuilt rather than snapshotted.
   */
  private readonly terminated = new Set<string>();
  private readonly terminating = new Set<string>();

  constructor(
    private readonly ctx: ComponentContext,
    state?: PodGCState,
  ) {
    this.timers = new TimerSlots(ctx.timers, this.name, new Map(state?.timerSeqs));
    this.waitingNodes = new Map(state?.waitingNodes);
    this.readyNodes = [...(state?.readyNodes ?? [])];
    for (const pod of ctx.api.list<Pod>('Pod')) this.indexPod(pod);
    ctx.api.watch<Pod>('Pod', (event) => {
      if (event.type === 'DELETED') this.unindexPod(event.object);
      else this.indexPod(event.object);
    });
  }

  private indexPod(pod: Pod): void {
    const key = podKey(pod);
    if (isPodTerminated(pod)) this.terminated.add(key);
    else this.terminated.delete(key);
    if (pod.metadata.deletionTimestamp) this.terminating.add(key);
    else this.terminating.delete(key);
  }

  private unindexPod(pod: Pod): void {
    const key = podKey(pod);
    this.terminated.delete(key);
    this.terminating.delete(key);
  }

  private podsIn(keys: ReadonlySet<string>): Pod[] {
    const out: Pod[] = [];
    for (const key of keys) {
      const [namespace, name] = key.split('/') as [string, string];
      const pod = this.ctx.api.get<Pod>('Pod', name, namespace);
      if (pod) out.push(pod);
    }
    return out;
  }

  /** Upstream: Run — wait.UntilWithContext(gc, gcCheckPeriod) runs the first pass at once. */
  start(): void {
    this.timers.set(GC_TIMER, this.ctx.clock.nowMs);
  }

  onTimer(timer: Timer): void {
    if (!this.timers.claim(timer)) return;
    this.gc();
    this.timers.set(GC_TIMER, this.ctx.clock.nowMs + GC_CHECK_PERIOD_MS);
  }

  snapshot(): PodGCState {
    return {
      timerSeqs: [...this.timers.seqs],
      waitingNodes: [...this.waitingNodes],
      readyNodes: [...this.readyNodes],
    };
  }

  /** Upstream: gc. */
  private gc(): void {
    const { api, settings } = this.ctx;
    const existingNodeNames = new Set<string>();
    for (const node of api.list<Node>('Node')) existingNodeNames.add(node.metadata.name);
    if (settings.terminatedPodGCThreshold > 0) this.gcTerminated(settings.terminatedPodGCThreshold);
    this.gcTerminating(this.podsIn(this.terminating));
    this.gcOrphaned(existingNodeNames);
    this.gcUnscheduledTerminating(this.podsIn(this.terminating));
  }

  /** Upstream: gcTerminated — keep at most `threshold` terminated pods. */
  private gcTerminated(threshold: number): void {
    const deleteCount = this.terminated.size - threshold;
    if (deleteCount <= 0) return;
    const terminated = this.podsIn(this.terminated).sort(byEvictionAndCreationTimestamp);
    for (const pod of terminated.slice(0, deleteCount)) this.markFailedAndDeletePod(pod);
  }

  /** Upstream: gcTerminating — pods stuck terminating on a node the admin declared out of service. */
  private gcTerminating(pods: readonly Pod[]): void {
    const terminating = pods.filter((pod) => {
      if (!pod.metadata.deletionTimestamp) return false;
      const node = pod.spec.nodeName ? this.ctx.api.get<Node>('Node', pod.spec.nodeName) : undefined;
      if (!node) return false;
      return !isNodeReady(node) && (node.spec.taints ?? []).some((t) => t.key === TAINT_OUT_OF_SERVICE);
    });
    terminating.sort(byEvictionAndCreationTimestamp);
    for (const pod of terminating) this.markFailedAndDeletePod(pod);
  }

  /** Upstream: gcOrphaned — pods bound to nodes that stayed missing through the quarantine. */
  private gcOrphaned(existingNodeNames: ReadonlySet<string>): void {
    // The delaying queue moves due items to the ready queue on its own, before this pass.
    this.promoteReadyNodes();
    for (const nodeName of this.ctx.api.nodeNamesWithPods().sort()) {
      if (!existingNodeNames.has(nodeName)) this.addAfter(nodeName, QUARANTINE_TIME_MS);
    }
    const deletedNodeNames = this.discoverDeletedNodes(existingNodeNames);
    if (deletedNodeNames.size === 0) return;
    const orphans = [...deletedNodeNames].flatMap((name) => this.ctx.api.podsOnNode(name)).sort(byNamespaceAndName);
    for (const pod of orphans) {
      this.markFailedAndDeletePod(pod, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      });
    }
  }

  /** Upstream: discoverDeletedNodes — the GET after quarantine (our API server is the informer). */
  private discoverDeletedNodes(existingNodeNames: ReadonlySet<string>): Set<string> {
    const deleted = new Set<string>();
    for (const nodeName of this.readyNodes.splice(0)) {
      if (existingNodeNames.has(nodeName)) continue;
      if (!this.ctx.api.get<Node>('Node', nodeName)) deleted.add(nodeName);
    }
    return deleted;
  }

  /** Upstream: gcUnscheduledTerminating. */
  private gcUnscheduledTerminating(pods: readonly Pod[]): void {
    const unscheduled = pods.filter((pod) => pod.metadata.deletionTimestamp && !pod.spec.nodeName).sort(byNamespaceAndName);
    for (const pod of unscheduled) this.markFailedAndDeletePod(pod);
  }

  /**
   * Upstream: markFailedAndDeletePodWithCondition. Failed first, so a pod
   * whose kubelet is gone does not stay Running in anyone's records.
   */
  private markFailedAndDeletePod(pod: Pod, condition?: PodCondition): void {
    const { api, clock } = this.ctx;
    const { name, namespace } = pod.metadata;
    try {
      if (!isPodTerminal(pod)) {
        api.update<Pod>('Pod', name, namespace, (draft) => {
          draft.status.phase = 'Failed';
          if (condition) setPodCondition(draft.status, condition, toTimestamp(clock.nowMs));
        });
      }
      api.delete('Pod', name, namespace, { gracePeriodSeconds: 0 });
    } catch (error) {
      // Upstream logs and moves on; NotFound means an earlier step of this pass got it.
      if (!(error instanceof ApiError)) throw error;
    }
  }

  // ---- the delaying queue of node names (client-go workqueue.DelayingInterface)

  /** A name already waiting keeps its earlier ready time. */
  private addAfter(nodeName: string, delayMs: number): void {
    const readyAtMs = this.ctx.clock.nowMs + delayMs;
    const waiting = this.waitingNodes.get(nodeName);
    if (waiting === undefined || readyAtMs < waiting) this.waitingNodes.set(nodeName, readyAtMs);
  }

  private promoteReadyNodes(): void {
    const nowMs = this.ctx.clock.nowMs;
    const due = [...this.waitingNodes].filter(([, readyAtMs]) => readyAtMs <= nowMs);
    due.sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0));
    for (const [nodeName] of due) {
      this.waitingNodes.delete(nodeName);
      if (!this.readyNodes.includes(nodeName)) this.readyNodes.push(nodeName);
    }
  }
}

function podKey(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

/** Upstream: isPodTerminated — any phase other than Pending, Running or Unknown. */
function isPodTerminated(pod: Pod): boolean {
  const phase = pod.status.phase;
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown';
}

/** Upstream: eviction.PodIsEvicted. */
function podIsEvicted(pod: Pod): boolean {
  return pod.status.phase === 'Failed' && pod.status.reason === 'Evicted';
}

/**
 * Upstream: byEvictionAndCreationTimestamp — evicted pods first (they are
 * not the terminated pods controllers look at), then oldest, then by name.
 * Namespace is our last tiebreak, so the order is total.
 */
function byEvictionAndCreationTimestamp(a: Pod, b: Pod): number {
  const aEvicted = podIsEvicted(a);
  if (aEvicted !== podIsEvicted(b)) return aEvicted ? -1 : 1;
  const ta = a.metadata.creationTimestamp;
  const tb = b.metadata.creationTimestamp;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return byName(a.metadata.name, b.metadata.name) || byName(a.metadata.namespace, b.metadata.namespace);
}

function byNamespaceAndName(a: Pod, b: Pod): number {
  return byName(a.metadata.namespace, b.metadata.namespace) || byName(a.metadata.name, b.metadata.name);
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
