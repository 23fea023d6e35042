/**
 * The taint-eviction controller ("taint manager"): deletes the pods of a node
 * that carries NoExecute taints they do not tolerate — at once, or when the
 * shortest matching tolerationSeconds has run out (kubernetes-behaviour.md §4).
 *
 * Upstream: pkg/controller/tainteviction/taint_eviction.go and timed_workers.go.
 * Watch handlers only enqueue (NodeUpdated / PodUpdated); `sync` drains the
 * node queue before the pod queue, as upstream's workers prefer node updates;
 * the timed worker queue is plain data whose timers live in the TimerQueue.
 */
import { ApiError } from '../apiserver/errors';
import type { WatchEvent } from '../apiserver/apiserver';
import type { Component, ComponentContext } from '../component';
import { setPodCondition } from '../api/conditions';
import { getMatchingTolerations, noExecuteTaints } from '../api/taints';
import { objectKey, type KubeObject, type Node, type Pod, type Taint, type Toleration } from '../api/types';
import { SECOND_MS, toTimestamp } from '../core/time';
import { TimerSlots, type Timer } from '../core/timers';

/** The event source upstream's recorder uses (the controller's name in kube-controller-manager). */
export const TAINT_EVICTION_SOURCE = 'taint-eviction-controller';

/** Upstream: podUpdateItem. */
export interface PodUpdateItem {
  podName: string;
  podNamespace: string;
  nodeName: string;
}

/**
 * Upstream: TimedWorker. `nodeName` is ours: only the UI reads it (which node
 * a countdown belongs to).
 */
export interface TimedWorker {
  createdAtMs: number;
  fireAtMs: number;
  nodeName: string;
}

export interface TaintEvictionState {
  taintedNodes: [string, Taint[]][];
  /** Upstream: TimedWorkerQueue.workers; null = the work ran and succeeded. */
  workers: [string, TimedWorker | null][];
  timerSeqs: [string, number][];
  nodeUpdateQueue: string[];
  podUpdateQueue: PodUpdateItem[];
}

export interface ScheduledEviction {
  pod: string;
  node: string;
  createdAtMs: number;
  fireAtMs: number;
}

/**
 * Upstream: getMinTolerationTime. Milliseconds; -1 means "tolerated forever".
 * An empty list means the pod tolerates nothing, hence 0 (evict now).
 */
export function getMinTolerationTime(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let minSeconds = Infinity;
  for (const toleration of tolerations) {
    const seconds = toleration.tolerationSeconds;
    if (typeof seconds !== 'number') continue;
    if (seconds <= 0) return 0;
    minSeconds = Math.min(minSeconds, seconds);
  }
  return minSeconds === Infinity ? -1 : minSeconds * SECOND_MS;
}

export class TaintEvictionController implements Component {
  readonly name = 'taint-eviction';
  private readonly taintedNodes: Map<string, Taint[]>;
  private readonly workers: Map<string, TimedWorker | null>;
  private readonly timers: TimerSlots;
  private readonly nodeUpdateQueue: Set<string>;
  private readonly podUpdateQueue: Map<string, PodUpdateItem>;

  constructor(
    private readonly ctx: ComponentContext,
    state?: TaintEvictionState,
  ) {
    this.taintedNodes = new Map(state?.taintedNodes.map(([node, taints]) => [node, cloneTaints(taints)]));
    this.workers = new Map(state?.workers.map(([key, worker]) => [key, worker && { ...worker }]));
    this.timers = new TimerSlots(ctx.timers, this.name, new Map(state?.timerSeqs));
    this.nodeUpdateQueue = new Set(state?.nodeUpdateQueue);
    this.podUpdateQueue = new Map(state?.podUpdateQueue.map((item) => [podItemKey(item), { ...item }]));
    ctx.api.watch<Node>('Node', (event) => this.nodeUpdated(event));
    ctx.api.watch<Pod>('Pod', (event) => this.podUpdated(event));
    // A fresh controller lists what exists, as its informers would on start.
    // Upstream restarts therefore restart every toleration deadline (§8 item 9).
    if (!state) this.enqueueExisting();
  }

  sync(): boolean {
    let worked = false;
    // Drain in batches: taking the first entry of a Map over and over is
    // quadratic in V8 (deleted entries are skipped on every iteration).
    while (this.nodeUpdateQueue.size > 0 || this.podUpdateQueue.size > 0) {
      worked = true;
      if (this.nodeUpdateQueue.size > 0) {
        const nodes = [...this.nodeUpdateQueue];
        this.nodeUpdateQueue.clear();
        for (const nodeName of nodes) this.handleNodeUpdate(nodeName);
        continue;
      }
      const [key, item] = first(this.podUpdateQueue.entries())!;
      if (this.podUpdateQueue.size === 1) {
        this.podUpdateQueue.delete(key);
        this.handlePodUpdate(item);
        continue;
      }
      const pods = [...this.podUpdateQueue.values()];
      this.podUpdateQueue.clear();
      for (const pod of pods) {
        // Node updates queued meanwhile go first, as in the one-at-a-time order.
        if (this.nodeUpdateQueue.size > 0) {
          const nodes = [...this.nodeUpdateQueue];
          this.nodeUpdateQueue.clear();
          for (const nodeName of nodes) this.handleNodeUpdate(nodeName);
        }
        this.handlePodUpdate(pod);
      }
    }
    return worked;
  }

  /** A scheduled deletion is due. Upstream: the timer of createWorker. */
  onTimer(timer: Timer): void {
    if (!this.timers.claim(timer)) return;
    this.runWork(timer.key);
  }

  /** Deletions waiting for their toleration to run out, soonest first (the UI's countdowns). */
  scheduledEvictions(): ScheduledEviction[] {
    const out: ScheduledEviction[] = [];
    for (const [pod, worker] of this.workers) {
      if (worker) out.push({ pod, node: worker.nodeName, createdAtMs: worker.createdAtMs, fireAtMs: worker.fireAtMs });
    }
    return out.sort((a, b) => a.fireAtMs - b.fireAtMs || compareStrings(a.pod, b.pod));
  }

  snapshot(): TaintEvictionState {
    return {
      taintedNodes: [...this.taintedNodes].map(([node, taints]) => [node, cloneTaints(taints)]),
      workers: [...this.workers].map(([key, worker]) => [key, worker && { ...worker }]),
      timerSeqs: [...this.timers.seqs],
      nodeUpdateQueue: [...this.nodeUpdateQueue],
      podUpdateQueue: [...this.podUpdateQueue.values()].map((item) => ({ ...item })),
    };
  }

  // ---- watch handlers -----------------------------------------------------

  /** Upstream: NodeUpdated — only a change of the NoExecute taints matters. */
  private nodeUpdated(event: WatchEvent<Node>): void {
    if (event.type === 'MODIFIED' && event.old && sameTaints(noExecuteTaints(event.old.spec.taints), noExecuteTaints(event.object.spec.taints))) {
      return;
    }
    this.nodeUpdateQueue.add(event.object.metadata.name);
  }

  /** Upstream: PodUpdated — only nodeName and tolerations matter. */
  private podUpdated(event: WatchEvent<Pod>): void {
    const pod = event.object;
    const old = event.old;
    if (event.type === 'MODIFIED' && old && (old.spec.nodeName ?? '') === (pod.spec.nodeName ?? '') && sameTolerations(old.spec.tolerations, pod.spec.tolerations)) {
      return;
    }
    const item = { podName: pod.metadata.name, podNamespace: pod.metadata.namespace, nodeName: pod.spec.nodeName ?? '' };
    this.podUpdateQueue.set(podItemKey(item), item);
  }

  private enqueueExisting(): void {
    const nodes = [...this.ctx.api.list<Node>('Node')].map((n) => n.metadata.name).sort(compareStrings);
    for (const name of nodes) this.nodeUpdateQueue.add(name);
    const pods = [...this.ctx.api.list<Pod>('Pod')].sort((a, b) => compareStrings(podKey(a), podKey(b)));
    for (const pod of pods) this.podUpdated({ type: 'ADDED', object: pod, old: undefined });
  }

  // ---- reconciliation -----------------------------------------------------

  /** Upstream: handleNodeUpdate. */
  private handleNodeUpdate(nodeName: string): void {
    const node = this.ctx.api.get<Node>('Node', nodeName);
    if (!node) {
      // Deletions already scheduled for its pods still fire.
      this.taintedNodes.delete(nodeName);
      return;
    }
    const taints = cloneTaints(noExecuteTaints(node.spec.taints));
    if (taints.length === 0) this.taintedNodes.delete(nodeName);
    else this.taintedNodes.set(nodeName, taints);

    const pods = this.ctx.api.podsOnNode(nodeName).sort((a, b) => compareStrings(podKey(a), podKey(b)));
    if (taints.length === 0) {
      for (const pod of pods) this.cancelWorkWithEvent(pod.metadata.namespace, pod.metadata.name);
      return;
    }
    const nowMs = this.ctx.clock.nowMs;
    for (const pod of pods) {
      this.processPodOnNode(pod.metadata.namespace, pod.metadata.name, nodeName, pod.spec.tolerations ?? [], taints, nowMs);
    }
  }

  /** Upstream: handlePodUpdate. */
  private handlePodUpdate(item: PodUpdateItem): void {
    const pod = this.ctx.api.get<Pod>('Pod', item.podName, item.podNamespace);
    if (!pod) {
      this.cancelWorkWithEvent(item.podNamespace, item.podName);
      return;
    }
    // A later event for the pod's current node is queued under that node.
    const nodeName = pod.spec.nodeName ?? '';
    if (nodeName !== item.nodeName || nodeName === '') return;
    const taints = this.taintedNodes.get(nodeName);
    // Untainted (or deleted) node: its evictions were cancelled when that was noticed.
    if (!taints) return;
    this.processPodOnNode(item.podNamespace, item.podName, nodeName, pod.spec.tolerations ?? [], taints, this.ctx.clock.nowMs);
  }

  /** Upstream: processPodOnNode. */
  private processPodOnNode(
    namespace: string,
    name: string,
    nodeName: string,
    tolerations: readonly Toleration[],
    taints: readonly Taint[],
    nowMs: number,
  ): void {
    const key = objectKey(namespace, name);
    if (taints.length === 0) this.cancelWorkWithEvent(namespace, name);
    const { allTolerated, used } = getMatchingTolerations(taints, tolerations);
    if (!allTolerated) {
      this.cancelWorkWithEvent(namespace, name);
      this.addWork(key, nowMs, nowMs, nodeName);
      return;
    }
    const minTolerationMs = getMinTolerationTime(used);
    if (minTolerationMs < 0) {
      this.cancelWorkWithEvent(namespace, name);
      return;
    }
    let startMs = nowMs;
    const triggerMs = nowMs + minTolerationMs;
    const scheduled = this.workers.get(key);
    if (scheduled) {
      // An older deadline wins: neither a longer nor a shorter toleration moves it.
      startMs = scheduled.createdAtMs;
      if (startMs + minTolerationMs < triggerMs) return;
      this.cancelWorkWithEvent(namespace, name);
    }
    this.addWork(key, startMs, triggerMs, nodeName);
  }

  /** Upstream: cancelWorkWithEvent. */
  private cancelWorkWithEvent(namespace: string, name: string): void {
    if (this.cancelWork(objectKey(namespace, name))) {
      this.recordEvent(namespace, name, `Cancelling deletion of Pod ${namespace}/${name}`);
    }
  }

  // ---- the timed worker queue (Upstream: timed_workers.go) ----------------

  /**
   * Upstream: TimedWorkerQueue.AddWork. A key that is present — waiting, or
   * already run successfully (null) — is left alone, so a pod is evicted once
   * until its entry is cancelled.
   */
  private addWork(key: string, createdAtMs: number, fireAtMs: number, nodeName: string): void {
    if (this.workers.has(key)) return;
    // Upstream: createWorker runs work with delay <= 0 at once instead of arming a timer.
    if (fireAtMs - createdAtMs <= 0) {
      this.runWork(key);
      return;
    }
    this.workers.set(key, { createdAtMs, fireAtMs, nodeName });
    this.timers.set(key, fireAtMs);
    this.ctx.viewChanged('evictions');
  }

  /**
   * Upstream: TimedWorkerQueue.CancelWork. True only if a waiting worker was
   * stopped: an entry whose work already ran is dropped silently.
   */
  private cancelWork(key: string): boolean {
    if (!this.workers.has(key)) return false;
    const waiting = this.workers.get(key) !== null;
    if (waiting) {
      this.timers.cancel(key);
      this.ctx.viewChanged('evictions');
    }
    this.workers.delete(key);
    return waiting;
  }

  /**
   * Upstream: getWrappedWorkerFunc around deletePodHandler. Success keeps the
   * key with a null worker "to avoid duplicated calls"; failure frees it.
   */
  private runWork(key: string): void {
    if (this.workers.get(key)) this.ctx.viewChanged('evictions');
    this.workers.set(key, null);
    if (!this.deletePod(key)) this.workers.delete(key);
  }

  /** Upstream: deletePodHandler + addConditionAndDeletePod. False if the pod is gone. */
  private deletePod(key: string): boolean {
    const [namespace, name] = splitKey(key);
    this.recordEvent(namespace, name, `Marking for deletion Pod ${namespace}/${name}`);
    const { api, clock } = this.ctx;
    if (!api.get<Pod>('Pod', name, namespace)) return false;
    try {
      api.update<Pod>('Pod', name, namespace, (draft) =>
        setPodCondition(
          draft.status,
          {
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'DeletionByTaintManager',
            message: 'Taint manager: deleting due to NoExecute taint',
          },
          toTimestamp(clock.nowMs),
        ),
      );
      api.delete('Pod', name, namespace);
    } catch (error) {
      if (error instanceof ApiError) return false;
      throw error;
    }
    return true;
  }

  /**
   * Upstream's events name the pod by an ObjectReference without uid (the
   * pod may be gone already), so ours do too.
   */
  private recordEvent(namespace: string, name: string, message: string): void {
    const ref = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: '' } } as KubeObject;
    this.ctx.api.recordEvent(ref, 'Normal', 'TaintManagerEviction', message, TAINT_EVICTION_SOURCE);
  }
}

// ---- helpers ---------------------------------------------------------------

function podKey(pod: Pod): string {
  return objectKey(pod.metadata.namespace, pod.metadata.name);
}

function podItemKey(item: PodUpdateItem): string {
  return `${item.podNamespace}/${item.podName}\u0000${item.nodeName}`;
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

function first<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cloneTaints(taints: readonly Taint[]): Taint[] {
  return taints.map((t) => ({ ...t }));
}

/** Upstream compares with helper.Semantic.DeepEqual: order matters, nil equals empty. */
function sameTaints(a: readonly Taint[], b: readonly Taint[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => {
      const u = b[i]!;
      return t.key === u.key && (t.value ?? '') === (u.value ?? '') && t.effect === u.effect && t.timeAdded === u.timeAdded;
    })
  );
}

function sameTolerations(a: readonly Toleration[] | undefined, b: readonly Toleration[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return (
    x.length === y.length &&
    x.every((t, i) => {
      const u = y[i]!;
      return (
        (t.key ?? '') === (u.key ?? '') &&
        (t.operator ?? '') === (u.operator ?? '') &&
        (t.value ?? '') === (u.value ?? '') &&
        (t.effect ?? '') === (u.effect ?? '') &&
        t.tolerationSeconds === u.tolerationSeconds
      );
    })
  );
}
