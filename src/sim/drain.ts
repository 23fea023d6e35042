/**
 * `kubectl drain <node> --ignore-daemonsets --delete-emptydir-data`, run as
 * a client of the API server: cordon the node, list its pods, refuse if any
 * cannot be deleted without --force, then evict every other pod through the
 * eviction subresource — each on its own, retrying a 429 (a budget that
 * does not allow it now) every 5 s — and wait until every evicted pod is
 * gone, polling each once a second.
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/drain/drain.go (evictPods,
 * waitForDelete), filters.go (makeFilters), and
 * staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go (RunDrain). Not
 * modelled: --force, --grace-period, --timeout (the default 0 waits forever),
 * --skip-wait-for-delete-timeout, --pod-selector. kubectl prints its progress;
 * here it is recorded as events on the Node (source "kubectl-drain").
 */
import { isPodTerminal } from './api/conditions';
import { objectKey, type KubeObject, type Node, type Pod } from './api/types';
import { ApiError, errors } from './apiserver/errors';
import { EvictionError, evictPod } from './apiserver/eviction';
import type { Component, ComponentContext } from './component';
import { SECOND_MS } from './core/time';
import { TimerSlots, type Timer } from './core/timers';

export const DRAIN_SOURCE = 'kubectl-drain';
/** kubectl's wait after a 429 before asking again. */
export const EVICTION_RETRY_MS = 5 * SECOND_MS;
/** waitForDelete's poll interval. */
export const DELETE_POLL_MS = 1 * SECOND_MS;

// Upstream: filters.go
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** One pod's goroutine in evictPods: asking for the eviction, then waiting for the pod to go. */
export interface DrainPod {
  namespace: string;
  name: string;
  uid: string;
  step: 'evict' | 'wait' | 'done' | 'failed';
  /** Why the last eviction attempt was refused (429), while it keeps retrying. */
  blockedBy?: string;
  error?: string;
}

export interface DrainRecord {
  node: string;
  state: 'starting' | 'running' | 'done' | 'failed';
  startedAtMs: number;
  finishedAtMs?: number;
  message?: string;
  pods: DrainPod[];
}

export interface DrainerState {
  drains: DrainRecord[];
  /** Nodes whose drain starts at the next sync. */
  queue: string[];
  timerSeqs: [string, number][];
}

/** What the UI shows of a drain. */
export interface DrainView {
  node: string;
  state: 'running' | 'done' | 'failed';
  /** Pods not gone yet ("namespace/name"). */
  pending: string[];
  /** Pods whose eviction the budget refuses right now, with the reason. */
  blocked: { pod: string; reason: string }[];
  message?: string;
}

/** The outcome of kubectl's filters for one pod (PodDeleteStatus). */
interface Filtered {
  delete: boolean;
  warning?: string;
  error?: string;
}

export class Drainer implements Component {
  readonly name = 'drain';
  private readonly drainsByNode: Map<string, DrainRecord>;
  private readonly queue: Set<string>;
  private readonly timers: TimerSlots;

  constructor(
    private readonly ctx: ComponentContext,
    state?: DrainerState,
  ) {
    this.drainsByNode = new Map(state?.drains.map((d) => [d.node, structuredClone(d)]));
    this.queue = new Set(state?.queue);
    this.timers = new TimerSlots(ctx.timers, this.name, new Map(state?.timerSeqs));
  }

  /**
   * `kubectl drain <node>`; throws NotFound for an unknown node. A drain
   * already running on the node is replaced (as if interrupted and re-run).
   */
  startDrain(nodeName: string): void {
    if (!this.ctx.api.get<Node>('Node', nodeName)) throw errors.notFound('Node', nodeName);
    const previous = this.drainsByNode.get(nodeName);
    for (const pod of previous?.pods ?? []) this.timers.cancel(timerKey(nodeName, pod));
    this.drainsByNode.set(nodeName, { node: nodeName, state: 'starting', startedAtMs: this.ctx.clock.nowMs, pods: [] });
    this.queue.add(nodeName);
  }

  sync(): boolean {
    let worked = false;
    for (const nodeName of [...this.queue]) {
      this.queue.delete(nodeName);
      const record = this.drainsByNode.get(nodeName);
      if (record?.state === 'starting') this.runDrain(record);
      worked = true;
    }
    return worked;
  }

  onTimer(timer: Timer): void {
    if (!this.timers.claim(timer)) return;
    const [nodeName, key] = timer.key.split('\u0000') as [string, string];
    const record = this.drainsByNode.get(nodeName);
    const pod = record?.pods.find((p) => objectKey(p.namespace, p.name) === key);
    if (!record || !pod) return;
    if (pod.step === 'evict') this.evict(record, pod);
    else if (pod.step === 'wait') this.waitForDelete(record, pod);
  }

  /** The drains so far, one per node (the latest), by node name. */
  drains(): DrainView[] {
    return [...this.drainsByNode.values()]
      .sort((a, b) => compare(a.node, b.node))
      .map((d) => ({
        node: d.node,
        state: d.state === 'starting' ? 'running' : d.state,
        pending: d.pods.filter((p) => p.step === 'evict' || p.step === 'wait').map((p) => objectKey(p.namespace, p.name)),
        blocked: d.pods.filter((p) => p.step === 'evict' && p.blockedBy).map((p) => ({ pod: objectKey(p.namespace, p.name), reason: p.blockedBy! })),
        ...(d.message !== undefined ? { message: d.message } : {}),
      }));
  }

  snapshot(): DrainerState {
    return {
      drains: [...this.drainsByNode.values()].map((d) => structuredClone(d)),
      queue: [...this.queue],
      timerSeqs: [...this.timers.seqs],
    };
  }

  // ---- the drain ----------------------------------------------------------

  /** Upstream: RunDrain → RunCordonOrUncordon, then deleteOrEvictPodsSimple. */
  private runDrain(record: DrainRecord): void {
    const { api } = this.ctx;
    const node = api.get<Node>('Node', record.node);
    if (!node) return this.finish(record, errors.notFound('Node', record.node).message);
    record.state = 'running';
    this.recordEvent(node, 'Normal', 'DrainStarted', 'Drain started');
    api.update<Node>('Node', record.node, undefined, (draft) => {
      if (draft.spec.unschedulable) return false;
      draft.spec.unschedulable = true;
    });
    const pods = api.podsOnNode(record.node).sort((a, b) => compare(podKey(a), podKey(b)));
    const { toEvict, warnings, errs } = this.getPodsForDeletion(pods);
    if (errs.length > 0) return this.finish(record, aggregate(errs));
    for (const warning of warnings) this.recordEvent(node, 'Warning', 'DrainWarning', warning);
    record.pods = toEvict.map((pod) => ({ namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, step: 'evict' }));
    for (const pod of record.pods) this.evict(record, pod);
    this.finishIfDone(record);
  }

  /**
   * Upstream: GetPodsForDeletion — each pod through the filters, in order,
   * until one says "do not delete"; errors and warnings are grouped by message.
   */
  private getPodsForDeletion(pods: Pod[]): { toEvict: Pod[]; warnings: string[]; errs: string[] } {
    const toEvict: Pod[] = [];
    const warned = new Map<string, string[]>();
    const failed = new Map<string, string[]>();
    for (const pod of pods) {
      let status: Filtered = { delete: true };
      for (const filter of [this.daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter]) {
        status = filter.call(this, pod);
        if (!status.delete) break;
      }
      if (status.delete) toEvict.push(pod);
      if (status.error !== undefined) failed.set(status.error, [...(failed.get(status.error) ?? []), podKey(pod)]);
      else if (status.warning !== undefined) warned.set(status.warning, [...(warned.get(status.warning) ?? []), podKey(pod)]);
    }
    const errs = [...failed].map(([msg, keys]) => `${msg.toLowerCase().startsWith('cannot delete') ? msg : `cannot delete ${msg}`}: ${keys.join(', ')}`);
    const warnings = [...warned].map(([msg, keys]) => `${msg}: ${keys.join(', ')}`);
    return { toEvict, warnings: warnings.sort(), errs: errs.sort() };
  }

  /** Upstream: daemonSetFilter (with --ignore-daemonsets). */
  private daemonSetFilter(pod: Pod): Filtered {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.kind !== 'DaemonSet' || isPodTerminal(pod)) return { delete: true };
    if (!this.ctx.api.get('DaemonSet', ref.name, pod.metadata.namespace)) return { delete: false, error: `daemonsets.apps "${ref.name}" not found` };
    return { delete: false, warning: DAEMONSET_WARNING };
  }

  /** Upstream: the goroutine of evictPods — one attempt; a 429 is retried in 5 s. */
  private evict(record: DrainRecord, pod: DrainPod): void {
    const key = objectKey(pod.namespace, pod.name);
    const node = this.ctx.api.get<Node>('Node', record.node);
    try {
      evictPod(this.ctx.api, pod.namespace, pod.name);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.reason === 'NotFound') {
        pod.step = 'done';
      } else if (error.reason === 'TooManyRequests') {
        pod.blockedBy = error instanceof EvictionError && error.causes[0] ? error.causes[0].message : error.message;
        if (node) this.recordEvent(node, 'Warning', 'EvictionRetry', `Cannot evict pod ${key}: ${pod.blockedBy}; will retry in 5s`);
        this.timers.set(timerKey(record.node, pod), this.ctx.clock.nowMs + EVICTION_RETRY_MS);
        return;
      } else {
        pod.step = 'failed';
        pod.error = `error when evicting pods/"${pod.name}" -n "${pod.namespace}": ${error.message}`;
      }
      delete pod.blockedBy;
      this.finishIfDone(record);
      return;
    }
    delete pod.blockedBy;
    if (node) this.recordEvent(node, 'Normal', 'Evicted', `Evicted pod ${key}`);
    pod.step = 'wait';
    this.waitForDelete(record, pod);
  }

  /** Upstream: waitForDelete (PollImmediate every 1 s) — gone, or replaced by a pod with another uid. */
  private waitForDelete(record: DrainRecord, pod: DrainPod): void {
    const current = this.ctx.api.get<Pod>('Pod', pod.name, pod.namespace);
    if (current && current.metadata.uid === pod.uid) {
      this.timers.set(timerKey(record.node, pod), this.ctx.clock.nowMs + DELETE_POLL_MS);
      return;
    }
    pod.step = 'done';
    this.finishIfDone(record);
  }

  private finishIfDone(record: DrainRecord): void {
    if (record.state !== 'running' || record.pods.some((p) => p.step === 'evict' || p.step === 'wait')) return;
    const errs = record.pods.flatMap((p) => (p.error !== undefined ? [p.error] : []));
    this.finish(record, errs.length > 0 ? aggregate(errs) : undefined);
  }

  /** Ends the drain; `error` set means it failed (kubectl: "unable to drain node …"). */
  private finish(record: DrainRecord, error: string | undefined): void {
    record.finishedAtMs = this.ctx.clock.nowMs;
    record.state = error === undefined ? 'done' : 'failed';
    record.message = error === undefined ? `node/${record.node} drained` : `unable to drain node "${record.node}" due to error: ${error}`;
    const node = this.ctx.api.get<Node>('Node', record.node);
    if (!node) return;
    if (error === undefined) this.recordEvent(node, 'Normal', 'DrainFinished', 'Drain finished');
    else this.recordEvent(node, 'Warning', 'DrainFailed', `Drain failed: ${record.message}`);
  }

  private recordEvent(node: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.api.recordEvent(node, type, reason, message, DRAIN_SOURCE);
  }
}

// ---- filters (Upstream: filters.go) ----------------------------------------

function mirrorPodFilter(pod: Pod): Filtered {
  return { delete: pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined };
}

/** With --delete-emptydir-data: allowed, with a warning. */
function localStorageFilter(pod: Pod): Filtered {
  const hasLocalStorage = (pod.spec.volumes ?? []).some((v) => v.emptyDir !== undefined);
  if (!hasLocalStorage || isPodTerminal(pod)) return { delete: true };
  return { delete: true, warning: LOCAL_STORAGE_WARNING };
}

/** Without --force: a running pod nothing would recreate stops the drain. */
function unreplicatedFilter(pod: Pod): Filtered {
  if (isPodTerminal(pod)) return { delete: true };
  if (pod.metadata.ownerReferences?.some((r) => r.controller === true)) return { delete: true };
  return { delete: false, error: UNMANAGED_FATAL };
}

// ---- helpers ---------------------------------------------------------------

/** utilerrors.NewAggregate(...).Error(). */
function aggregate(messages: string[]): string {
  return messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`;
}

function timerKey(nodeName: string, pod: DrainPod): string {
  return `${nodeName}\u0000${objectKey(pod.namespace, pod.name)}`;
}

function podKey(pod: Pod): string {
  return objectKey(pod.metadata.namespace, pod.metadata.name);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
