/**
 * kube-scheduler with the default profile (kubernetes-behaviour.md §5):
 * watch handlers only queue events; `sync` folds them into the cache and
 * the scheduling queue, then runs scheduling cycles — filter, score, bind —
 * and, when a pod fits nowhere, DefaultPreemption and the FailedScheduling
 * report. Timers (backoff ends, the 30 s unschedulable flush) arrive through
 * `onTimer`.
 *
 * Upstream: pkg/scheduler/schedule_one.go (scheduleOne, schedulingCycle,
 * handleSchedulingFailure, updatePod), pkg/scheduler/eventhandlers.go,
 * framework/plugins/defaultbinder (the binding subresource's effect).
 */
import { ApiError } from '../apiserver/errors';
import type { WatchEvent } from '../apiserver/apiserver';
import type { Component, ComponentContext } from '../component';
import { setPodCondition } from '../api/conditions';
import type { KubeObject, Node, Pod } from '../api/types';
import type { Rng } from '../core/rng';
import { toTimestamp } from '../core/time';
import { TimerSlots, type Timer } from '../core/timers';
import { SchedulerCache, type PodChange } from './cache';
import { DecisionLog, type DecisionData, type SchedulingDecision } from './decisions';
import { fitErrorMessage } from './fit-error';
import { newCycleState, type CycleState } from './filters';
import { DEFAULT_SCHEDULER_NAME, MESSAGE_NO_NODES } from './framework';
import { hint, pluginsFor, type ClusterEvent, type NodeChanges } from './hints';
import { interPodFilterState, interPodScores, type NamespaceLabels } from './inter-pod-affinity';
import { preferredTerms, requiredNodeAffinity } from './node-affinity';
import { NodeInfo } from './node-info';
import { newPodInfo, podKeyOf, type PodInfo } from './pod-info';
import { preempt, toPdb, type PdbObject, type PreemptionOutcome } from './preemption';
import { SchedulingQueue, type QueueName, type QueueState } from './queue';
import { findNodesThatFitPod, selectHost, type FilterResult } from './schedule-one';
import { scoreNodes } from './scores';
import { softConstraints, spreadFilterState, spreadScores } from './topology-spread';

/** Upstream: validation.NoteLengthLimit, what truncateMessage cuts event messages to. */
const NOTE_LENGTH_LIMIT = 1024;
/** Cycles per sync call; the rest run in the next round of the same instant. */
const MAX_CYCLES_PER_SYNC = 10_000;

export interface SchedulerState {
  queue: QueueState;
  nextStartNodeIndex: number;
  timerSeqs: [string, number][];
  /** Upstream nodeTree order: zone → node names. */
  nodeTree: [string, string[]][];
}

/** A pending pod as the UI shows it. */
export interface QueuedPodView {
  pod: string;
  queue: QueueName;
  attempts: number;
  /** When it was queued, or last failed. */
  sinceMs: number;
  backoffUntilMs?: number;
  unschedulablePlugins: string[];
}

type PendingEvent =
  | { kind: 'Node'; event: WatchEvent<Node> }
  | { kind: 'Pod'; event: WatchEvent<Pod> }
  | { kind: 'Service'; event: WatchEvent<ServiceObject> };

type ServiceObject = KubeObject & { spec?: { selector?: Record<string, string> } };

/** Ours to schedule: default scheduler, unassigned, not terminating, not gated, not finished. */
export function isSchedulable(pod: Pod): boolean {
  return (
    !pod.spec.nodeName &&
    (pod.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME) === DEFAULT_SCHEDULER_NAME &&
    !pod.metadata.deletionTimestamp &&
    !pod.spec.schedulingGates?.length &&
    pod.status.phase !== 'Succeeded' &&
    pod.status.phase !== 'Failed'
  );
}

export class Scheduler implements Component {
  readonly name = 'scheduler';
  private readonly cache: SchedulerCache;
  private readonly queue: SchedulingQueue;
  private readonly timers: TimerSlots;
  private readonly rng: Rng;
  private nextStartNodeIndex: number;
  private readonly decisions = new DecisionLog();
  /** PodInfo of every pending pod we may schedule (queueing hints read them). */
  private readonly pending = new Map<string, PodInfo>();
  private events: PendingEvent[] = [];
  private readonly nsLabels: NamespaceLabels;

  constructor(
    private readonly ctx: ComponentContext,
    state?: SchedulerState,
  ) {
    this.timers = new TimerSlots(ctx.timers, this.name, new Map(state?.timerSeqs));
    this.rng = ctx.rngStream('scheduler');
    this.nextStartNodeIndex = state?.nextStartNodeIndex ?? 0;
    this.cache = new SchedulerCache(state?.nodeTree);
    this.queue = new SchedulingQueue(this.timers, ctx.clock, state?.queue);
    this.nsLabels = (ns) => ctx.api.get<KubeObject>('Namespace', ns)?.metadata.labels;
    this.listExisting();
    ctx.api.watch<Node>('Node', (event) => this.events.push({ kind: 'Node', event }));
    ctx.api.watch<Pod>('Pod', (event) => this.events.push({ kind: 'Pod', event }));
    ctx.api.watch<ServiceObject>('Service', (event) => this.events.push({ kind: 'Service', event }));
  }

  sync(): boolean {
    this.drainEvents();
    for (let cycles = 0; cycles < MAX_CYCLES_PER_SYNC; cycles++) {
      const queued = this.queue.pop();
      if (!queued) return cycles > 0;
      this.scheduleOne(queued.key);
      this.drainEvents();
    }
    return true;
  }

  onTimer(timer: Timer): void {
    this.drainEvents();
    this.queue.onTimer(timer);
  }

  /** The latest decision about a pod ("namespace/name"): per-node filter verdicts and scores. */
  lastDecision(podKey: string): SchedulingDecision | undefined {
    return this.decisions.last(podKey);
  }

  /** The most recent decisions, oldest first. */
  recentDecisions(limit = 100): SchedulingDecision[] {
    return this.decisions.recent(limit);
  }

  /** Pods waiting in the scheduling queue, by key. */
  queuedPods(): QueuedPodView[] {
    return [...this.queue.pods.values()]
      .map((p) => ({
        pod: p.key,
        queue: p.queue,
        attempts: p.attempts,
        sinceMs: p.timestampMs,
        ...(p.queue === 'backoff' ? { backoffUntilMs: this.queue.backoffExpiryMs(p) } : {}),
        unschedulablePlugins: [...p.unschedulablePlugins],
      }))
      .sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
  }

  snapshot(): SchedulerState {
    return {
      queue: this.queue.snapshot(),
      nextStartNodeIndex: this.nextStartNodeIndex,
      timerSeqs: [...this.timers.seqs],
      nodeTree: this.cache.nodeTree(),
    };
  }

  // ---- informers -------------------------------------------------------------

  /** What the informers list on start; pending pods not already queued join activeQ. */
  private listExisting(): void {
    const { api } = this.ctx;
    for (const node of api.list<Node>('Node')) this.cache.setNode(node);
    for (const service of api.list<ServiceObject>('Service')) {
      this.cache.setService(service.metadata.namespace ?? '', service.metadata.name, service.spec?.selector);
    }
    for (const pod of api.list<Pod>('Pod')) {
      this.cache.updatePod(pod);
      if (isSchedulable(pod)) {
        this.pending.set(podKeyOf(pod), newPodInfo(pod));
        this.queue.add(podKeyOf(pod), pod.spec.priority ?? 0);
      }
    }
    for (const key of [...this.queue.pods.keys()]) if (!this.pending.has(key)) this.queue.delete(key);
  }

  private drainEvents(): void {
    while (this.events.length) {
      const events = this.events;
      this.events = [];
      for (const e of events) {
        if (e.kind === 'Node') this.nodeEvent(e.event);
        else if (e.kind === 'Pod') this.podEvent(e.event);
        else this.serviceEvent(e.event);
      }
    }
  }

  private serviceEvent(event: WatchEvent<ServiceObject>): void {
    const { namespace = '', name } = event.object.metadata;
    this.cache.setService(namespace, name, event.type === 'DELETED' ? undefined : event.object.spec?.selector);
  }

  private nodeEvent(event: WatchEvent<Node>): void {
    const name = event.object.metadata.name;
    if (event.type === 'DELETED') {
      const info = this.cache.nodes.get(name);
      this.cache.removeNode(name);
      if (info) this.moveOnEvent({ type: 'NodeDelete', node: info });
      return;
    }
    const oldNode = this.cache.nodes.get(name)?.node;
    this.cache.setNode(event.object);
    const info = this.cache.nodes.get(name)!;
    if (!oldNode) {
      this.moveOnEvent({ type: 'NodeAdd', node: info });
      return;
    }
    // Most node writes are status heartbeats: nothing the filters read changes.
    const changed = nodeChanges(oldNode, event.object);
    if (!this.queue.hasUnschedulable || !(changed.unschedulable || changed.taints || changed.labels || changed.allocatable)) return;
    this.moveOnEvent({ type: 'NodeUpdate', old: detachedNodeInfo(oldNode), node: info, changed });
  }

  private podEvent(event: WatchEvent<Pod>): void {
    const pod = event.object;
    const key = podKeyOf(pod);
    if (event.type === 'DELETED') {
      const removed = this.cache.deletePod(pod);
      this.pending.delete(key);
      this.queue.delete(key);
      if (removed) this.moveOnEvent({ type: 'AssignedPodDelete', pod: removed });
      return;
    }
    this.assignedPodChanged(this.cache.updatePod(pod));
    if (!isSchedulable(pod)) {
      this.pending.delete(key);
      this.queue.delete(key);
      return;
    }
    this.pending.set(key, newPodInfo(pod));
    const queued = this.queue.pods.get(key);
    if (!queued) this.queue.add(key, pod.spec.priority ?? 0);
    else if (queued.queue === 'unschedulable' && event.old && specChanged(event.old, pod)) this.queue.requeueUpdated(queued);
  }

  private assignedPodChanged(change: PodChange): void {
    const { removed, added } = change;
    if (removed && added) this.moveOnEvent({ type: 'AssignedPodUpdate', old: removed, pod: added });
    else if (added) this.moveOnEvent({ type: 'AssignedPodAdd', pod: added });
    else if (removed) this.moveOnEvent({ type: 'AssignedPodDelete', pod: removed });
  }

  /** Upstream: MoveAllToActiveOrBackoffQueue filtered by the rejector plugins' queueing hints. */
  private moveOnEvent(event: ClusterEvent): void {
    if (!this.queue.hasUnschedulable) return;
    const registered: readonly string[] = pluginsFor(event);
    for (const queued of this.queue.rejectedBy(registered)) {
      const pod = this.pending.get(queued.key);
      const wakes = (plugin: string) => registered.includes(plugin) && hint(plugin, pod!, event);
      if (pod && queued.unschedulablePlugins.some(wakes)) this.queue.moveToActiveOrBackoff(queued);
    }
  }

  // ---- the scheduling cycle --------------------------------------------------

  /** Upstream: scheduleOne / schedulingCycle. */
  private scheduleOne(key: string): void {
    const [namespace, name] = splitKey(key);
    const pod = this.ctx.api.get<Pod>('Pod', name, namespace);
    if (!pod || !isSchedulable(pod)) {
      this.queue.delete(key);
      return;
    }
    const cached = this.pending.get(key);
    const info = cached?.pod === pod ? cached : newPodInfo(pod);
    const nodes = this.cache.nodeList();
    if (nodes.length === 0) {
      this.recordFailure(info, MESSAGE_NO_NODES, '', [], this.emptyDecision(info, 0));
      return;
    }
    const affinity = requiredNodeAffinity(pod);
    const state = newCycleState(
      info,
      affinity,
      spreadFilterState(info, affinity, this.cache),
      interPodFilterState(info, this.cache, this.nsLabels),
      this.cache.nominated,
    );
    const nominated = pod.status.nominatedNodeName ? this.cache.nodes.get(pod.status.nominatedNodeName) : undefined;
    const filtered = findNodesThatFitPod(state, nodes, this.nextStartNodeIndex % nodes.length, nominated);
    this.nextStartNodeIndex = (this.nextStartNodeIndex + filtered.processed) % nodes.length;
    if (filtered.feasible.length === 0) {
      this.handleFitError(state, filtered, nodes.length);
      return;
    }
    const decision = this.decisionFor(info, nodes.length, filtered);
    let chosen = filtered.feasible[0]!;
    if (filtered.feasible.length > 1) chosen = this.prioritize(state, affinity, filtered.feasible, decision);
    this.bind(info, chosen, decision);
  }

  /** Upstream: prioritizeNodes + selectHost. */
  private prioritize(state: CycleState, affinity: ReturnType<typeof requiredNodeAffinity>, feasible: NodeInfo[], decision: DecisionData): NodeInfo {
    const pod = state.pod;
    const soft = softConstraints(pod, this.cache, this.ctx.api);
    const { table, totals } = scoreNodes(
      {
        pod,
        preferred: preferredTerms(pod.pod),
        spread: (nodes, out) => spreadScores(pod, soft, nodes, affinity, this.cache, out),
        interPod: (nodes, out) => interPodScores(pod, nodes, this.cache, this.nsLabels, out),
      },
      feasible,
    );
    decision.scoredNodes = feasible;
    decision.scores = table;
    return feasible[selectHost(totals, this.rng)]!;
  }

  /**
   * Upstream: handleSchedulingFailure after a FitError — PostFilter
   * (DefaultPreemption) first, then the event, the PodScheduled=False
   * condition and the pod's nomination, and back to the queue.
   */
  private handleFitError(state: CycleState, filtered: FilterResult, numAllNodes: number): void {
    const statuses = new Map(filtered.failedNodes.map((node, i) => [node, filtered.failures[i]!]));
    const outcome = preempt({
      state,
      cache: this.cache,
      rng: this.rng,
      nowMs: this.ctx.clock.nowMs,
      statuses,
      numAllNodes,
      pdbs: [...this.ctx.api.list<PdbObject>('PodDisruptionBudget')].map(toPdb),
    });
    if (outcome.nominatedNode) this.evictVictims(state.pod, outcome);
    const message = fitErrorMessage(numAllNodes, filtered.failures, null, outcome.message);
    const decision = this.decisionFor(state.pod, numAllNodes, filtered);
    decision.result = 'unschedulable';
    if (outcome.nominatedNode) {
      decision.nominatedNode = outcome.nominatedNode;
      decision.victims = outcome.victims.map((v) => v.key);
    }
    const plugins = [...new Set(filtered.failures.map((f) => f.plugin))];
    this.recordFailure(state.pod, message, outcome.nominatedNode, plugins, decision);
  }

  /**
   * Upstream: prepareCandidate / PreemptPod — DisruptionTarget condition,
   * graceful delete, a Preempted event on each victim; lower-priority pods
   * nominated to the node lose their nomination.
   */
  private evictVictims(preemptor: PodInfo, outcome: PreemptionOutcome): void {
    const { api, clock } = this.ctx;
    const nodeName = outcome.nominatedNode!;
    for (const victim of outcome.victims) {
      if (victim.terminating) continue;
      try {
        api.update<Pod>('Pod', victim.name, victim.namespace, (draft) =>
          setPodCondition(
            draft.status,
            {
              type: 'DisruptionTarget',
              status: 'True',
              reason: 'PreemptionByScheduler',
              message: `${DEFAULT_SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
            },
            toTimestamp(clock.nowMs),
          ),
        );
        api.delete('Pod', victim.name, victim.namespace);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        continue;
      }
      api.recordEvent(victim.pod, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${nodeName}`, DEFAULT_SCHEDULER_NAME);
    }
    for (const other of [...(this.cache.nominated.get(nodeName)?.values() ?? [])]) {
      if (other.key !== preemptor.key && other.priority < preemptor.priority) this.updatePodStatus(other, undefined, '');
    }
  }

  /** The binding subresource's effect: spec.nodeName and PodScheduled=True; the pod is assumed at once. */
  private bind(info: PodInfo, node: NodeInfo, decision: DecisionData): void {
    const { api, clock } = this.ctx;
    let bound: Pod;
    try {
      bound = api.update<Pod>('Pod', info.name, info.namespace, (draft) => {
        if (draft.spec.nodeName) return false;
        draft.spec.nodeName = node.name;
        setPodCondition(draft.status, { type: 'PodScheduled', status: 'True' }, toTimestamp(clock.nowMs));
        // Binding clears the nomination (upstream ClearingNominatedNodeNameAfterBinding, beta in v1.34).
        delete draft.status.nominatedNodeName;
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.queue.delete(info.key);
      return;
    }
    this.queue.delete(info.key);
    this.pending.delete(info.key);
    if (bound.spec.nodeName !== node.name) return;
    const assumed: PodInfo = { ...info, nodeName: node.name, pod: bound };
    this.cache.assume(assumed);
    // Upstream raises AssignedPodAdd when the informer confirms the assumed pod; the cache already has it here.
    this.moveOnEvent({ type: 'AssignedPodAdd', pod: assumed });
    decision.node = node.name;
    this.decisions.record(decision);
    api.recordEvent(bound, 'Normal', 'Scheduled', `Successfully assigned ${info.namespace}/${info.name} to ${node.name}`, DEFAULT_SCHEDULER_NAME);
  }

  private recordFailure(pod: PodInfo, message: string, nominatedNode: string | undefined, plugins: readonly string[], decision: DecisionData): void {
    decision.result = 'unschedulable';
    decision.message = message;
    this.decisions.record(decision);
    const queued = this.queue.pods.get(pod.key);
    if (queued) this.queue.addUnschedulable(queued, plugins);
    this.ctx.api.recordEvent(pod.pod, 'Warning', 'FailedScheduling', truncateMessage(message), DEFAULT_SCHEDULER_NAME);
    this.updatePodStatus(pod, message, nominatedNode);
  }

  /** Upstream: updatePod — write only if the condition or the nomination changes. */
  private updatePodStatus(pod: PodInfo, message: string | undefined, nominatedNode: string | undefined): void {
    const { api, clock } = this.ctx;
    try {
      api.update<Pod>('Pod', pod.name, pod.namespace, (draft) => {
        let changed = false;
        if (message !== undefined) {
          changed = setPodCondition(draft.status, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }, toTimestamp(clock.nowMs));
        }
        if (nominatedNode !== undefined && (draft.status.nominatedNodeName ?? '') !== nominatedNode) {
          if (nominatedNode) draft.status.nominatedNodeName = nominatedNode;
          else delete draft.status.nominatedNodeName;
          changed = true;
        }
        return changed;
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  private decisionFor(pod: PodInfo, totalNodes: number, filtered: FilterResult): DecisionData {
    return {
      atMs: this.ctx.clock.nowMs,
      pod: pod.key,
      result: 'bound',
      totalNodes,
      evaluatedNodes: filtered.evaluated,
      feasibleNodes: filtered.feasible.length,
      failedNodes: filtered.failedNodes,
      failures: filtered.failures,
      scoredNodes: [],
      scores: null,
    };
  }

  private emptyDecision(pod: PodInfo, totalNodes: number): DecisionData {
    return this.decisionFor(pod, totalNodes, { feasible: [], failedNodes: [], failures: [], evaluated: 0, processed: 0 });
  }
}

// ---- helpers -----------------------------------------------------------------

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** Upstream: truncateMessage. */
function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}

function detachedNodeInfo(node: Node): NodeInfo {
  const info = new NodeInfo(node.metadata.name);
  info.setNode(node);
  return info;
}

function nodeChanges(old: Node, now: Node): NodeChanges {
  return {
    unschedulable: (old.spec.unschedulable ?? false) !== (now.spec.unschedulable ?? false),
    taints: JSON.stringify(old.spec.taints ?? []) !== JSON.stringify(now.spec.taints ?? []),
    labels: !sameRecord(old.metadata.labels ?? {}, now.metadata.labels ?? {}),
    allocatable: !sameRecord((old.status.allocatable ?? {}) as Record<string, unknown>, (now.status.allocatable ?? {}) as Record<string, unknown>),
  };
}

function sameRecord(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k]);
}

/** Upstream: isPodUpdated — anything but status and bookkeeping metadata. */
function specChanged(old: Pod, now: Pod): boolean {
  return (
    JSON.stringify(old.spec) !== JSON.stringify(now.spec) ||
    JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(now.metadata.labels ?? {}) ||
    JSON.stringify(old.metadata.annotations ?? {}) !== JSON.stringify(now.metadata.annotations ?? {})
  );
}
