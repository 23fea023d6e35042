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
 * staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go (RunDrain). The flags
 * come as DrainOptions (the graph's button drains with --ignore-daemonsets
 * --delete-emptydir-data); not modelled: --skip-wait-for-delete-timeout,
 * --pod-selector, --chunk-size. Progress is recorded as events on the Node
 * (source "kubectl-drain") and, as kubectl prints it, as output lines on the
 * drain's record (the console streams them).
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
const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
/** Output lines kept per drain (a drain blocked for hours retries every 5 s). */
const MAX_OUTPUT_LINES = 2000;

/** kubectl drain's flags. */
export interface DrainOptions {
  ignoreDaemonsets: boolean;
  deleteEmptydirData: boolean;
  force: boolean;
  /** --disable-eviction: delete pods instead of evicting them (bypasses PDBs). */
  disableEviction: boolean;
  /** --grace-period (-1: the pod's own). */
  gracePeriodSeconds: number;
  /** --timeout in ms (0: wait forever). */
  timeoutMs: number;
}

/** What the graph's Drain button does: `kubectl drain <node> --ignore-daemonsets --delete-emptydir-data`. */
export const BUTTON_DRAIN: DrainOptions = { ignoreDaemonsets: true, deleteEmptydirData: true, force: false, disableEviction: false, gracePeriodSeconds: -1, timeoutMs: 0 };

export interface DrainOutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}
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
  /** Absent in records from before flags existed: the button's. */
  options?: DrainOptions;
  /** What kubectl prints, in order. */
  output?: DrainOutputLine[];
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
  startDrain(nodeName: string, options: DrainOptions = BUTTON_DRAIN): void {
    if (!this.ctx.api.get<Node>('Node', nodeName)) throw errors.notFound('Node', nodeName);
    const previous = this.drainsByNode.get(nodeName);
    for (const pod of previous?.pods ?? []) this.timers.cancel(timerKey(nodeName, pod));
    this.timers.cancel(timeoutKey(nodeName));
    this.drainsByNode.set(nodeName, { node: nodeName, state: 'starting', startedAtMs: this.ctx.clock.nowMs, pods: [], options, output: [] });
    this.queue.add(nodeName);
  }

  /** The drain of a node as it is now (its output lines included); undefined if none ran. */
  record(nodeName: string): Readonly<DrainRecord> | undefined {
    return this.drainsByNode.get(nodeName);
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
    if (key === TIMEOUT && record?.state === 'running') {
      // Upstream: evictPods' globalTimeout.
      for (const pod of record.pods) this.timers.cancel(timerKey(nodeName, pod));
      return this.finish(record, `drain did not complete within ${formatGoDuration(record.options?.timeoutMs ?? 0)}`);
    }
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
    this.print(record, 'stdout', node.spec.unschedulable ? `node/${record.node} already cordoned` : `node/${record.node} cordoned`);
    api.update<Node>('Node', record.node, undefined, (draft) => {
      if (draft.spec.unschedulable) return false;
      draft.spec.unschedulable = true;
    });
    const pods = api.podsOnNode(record.node).sort((a, b) => compare(podKey(a), podKey(b)));
    const { toEvict, warnings, errs } = this.getPodsForDeletion(pods, record.options ?? BUTTON_DRAIN);
    if (errs.length > 0) return this.finish(record, aggregate(errs));
    for (const warning of warnings) this.recordEvent(node, 'Warning', 'DrainWarning', warning);
    // Upstream: deleteOrEvictPodsSimple prints list.Warnings() joined by "; ".
    if (warnings.length > 0) this.print(record, 'stderr', `Warning: ${warnings.join('; ')}`);
    record.pods = toEvict.map((pod) => ({ namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, step: 'evict' }));
    const timeoutMs = record.options?.timeoutMs ?? 0;
    if (timeoutMs > 0 && record.pods.length > 0) this.timers.set(timeoutKey(record.node), this.ctx.clock.nowMs + timeoutMs);
    for (const pod of record.pods) this.evict(record, pod);
    this.finishIfDone(record);
  }

  /**
   * Upstream: GetPodsForDeletion — each pod through the filters, in order,
   * until one says "do not delete"; errors and warnings are grouped by message.
   */
  private getPodsForDeletion(pods: Pod[], options: DrainOptions): { toEvict: Pod[]; warnings: string[]; errs: string[] } {
    const toEvict: Pod[] = [];
    const warned = new Map<string, string[]>();
    const failed = new Map<string, string[]>();
    for (const pod of pods) {
      let status: Filtered = { delete: true };
      for (const filter of [this.daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter]) {
        status = filter.call(this, pod, options);
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
  private daemonSetFilter(pod: Pod, options: DrainOptions): Filtered {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.kind !== 'DaemonSet' || isPodTerminal(pod)) return { delete: true };
    if (!this.ctx.api.get('DaemonSet', ref.name, pod.metadata.namespace)) {
      if (options.force) return { delete: true, warning: UNMANAGED_WARNING };
      return { delete: false, error: `daemonsets.apps "${ref.name}" not found` };
    }
    if (!options.ignoreDaemonsets) return { delete: false, error: DAEMONSET_FATAL };
    return { delete: false, warning: DAEMONSET_WARNING };
  }

  /** Upstream: the goroutine of evictPods — one attempt; a 429 is retried in 5 s. */
  private evict(record: DrainRecord, pod: DrainPod): void {
    const key = objectKey(pod.namespace, pod.name);
    const node = this.ctx.api.get<Node>('Node', record.node);
    const options = record.options ?? BUTTON_DRAIN;
    const grace = options.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: options.gracePeriodSeconds } : {};
    if (!options.disableEviction) this.print(record, 'stdout', `evicting pod ${key}`);
    try {
      if (options.disableEviction) this.ctx.api.delete('Pod', pod.name, pod.namespace, grace);
      else evictPod(this.ctx.api, pod.namespace, pod.name, grace);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.reason === 'NotFound') {
        pod.step = 'done';
      } else if (error.reason === 'TooManyRequests') {
        pod.blockedBy = error instanceof EvictionError && error.causes[0] ? error.causes[0].message : error.message;
        this.print(record, 'stderr', `error when evicting pods/"${pod.name}" -n "${pod.namespace}" (will retry after 5s): ${error.message}`);
        if (node) this.recordEvent(node, 'Warning', 'EvictionRetry', `Cannot evict pod ${key}: ${pod.blockedBy}; will retry in 5s`);
        this.timers.set(timerKey(record.node, pod), this.ctx.clock.nowMs + EVICTION_RETRY_MS);
        return;
      } else {
        pod.step = 'failed';
        pod.error = `error when ${options.disableEviction ? 'deleting' : 'evicting'} pods/"${pod.name}" -n "${pod.namespace}": ${error.message}`;
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
    // Upstream: OnPodDeletionOrEvictionFinished prints the pod as "pod/<name> evicted" (or deleted).
    this.print(record, 'stdout', `pod/${pod.name} ${record.options?.disableEviction ? 'deleted' : 'evicted'}`);
    this.finishIfDone(record);
  }

  private print(record: DrainRecord, stream: DrainOutputLine['stream'], text: string): void {
    const output = (record.output ??= []);
    if (output.length < MAX_OUTPUT_LINES) output.push({ stream, text });
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
    this.timers.cancel(timeoutKey(record.node));
    // Upstream: cmd/drain.go RunDrain (and cmdutil.CheckErr for the final "error: …").
    if (error === undefined) this.print(record, 'stdout', record.message);
    else {
      this.print(record, 'stderr', `error: ${record.message}, continuing command...`);
      this.print(record, 'stderr', 'There are pending nodes to be drained:');
      this.print(record, 'stderr', ` ${record.node}`);
      this.print(record, 'stderr', `error: ${error}`);
    }
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

/** Allowed with --delete-emptydir-data (with a warning), fatal without. */
function localStorageFilter(pod: Pod, options: DrainOptions): Filtered {
  const hasLocalStorage = (pod.spec.volumes ?? []).some((v) => v.emptyDir !== undefined);
  if (!hasLocalStorage || isPodTerminal(pod)) return { delete: true };
  if (!options.deleteEmptydirData) return { delete: false, error: LOCAL_STORAGE_FATAL };
  return { delete: true, warning: LOCAL_STORAGE_WARNING };
}

/** Without --force: a running pod nothing would recreate stops the drain; with it, a warning. */
function unreplicatedFilter(pod: Pod, options: DrainOptions): Filtered {
  if (isPodTerminal(pod)) return { delete: true };
  if (pod.metadata.ownerReferences?.some((r) => r.controller === true)) return { delete: true };
  if (options.force) return { delete: true, warning: UNMANAGED_WARNING };
  return { delete: false, error: UNMANAGED_FATAL };
}

const TIMEOUT = '\u0001timeout';

function timeoutKey(nodeName: string): string {
  return `${nodeName}\u0000${TIMEOUT}`;
}

/** Go's time.Duration.String for whole milliseconds: 5s, 1m30s, 1h0m0s, 500ms. */
export function formatGoDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
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
