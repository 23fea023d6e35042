/**
 * Every node's kubelet: lease renewal, node status, the pods it runs, and
 * graceful shutdown. One component holds all kubelets; each kubelet's state
 * is plain data keyed by node name.
 *
 * A kubelet talks to the API server only while its node is reachable
 * (network/network.ts). Cut off, it keeps running its containers but can
 * neither write nor hear about changes; once reachable again it re-lists its
 * pods and catches up, as an informer does after a reconnect.
 */
import type { NodeConfig } from '../actions';
import type { ApiServer } from '../apiserver/apiserver';
import type { Component, ComponentContext } from '../component';
import type { KubeletSettings } from '../config';
import { fromTimestamp, toTimestamp } from '../core/time';
import { type Rng } from '../core/rng';
import { TimerSlots, type Timer } from '../core/timers';
import { isPodTerminal } from '../api/conditions';
import { NODE_LEASE_NAMESPACE, type Lease, type Node, type Pod } from '../api/types';
import { LABEL_ZONE } from '../controllers/zones';
import { computeConditions, conditionsDiffer, initialNode, nodeResources, type ConditionOverride, type NodeResources } from './node-status';
import { completedStatus, creatingStatus, failedStatus, runningStatus, showsRunningAndReady } from './pod-status';
import { podProgram, restartBackoffMs } from './container-program';
import { groupIndexFor, shutdownGroups } from './shutdown';

const NAME = 'kubelet';
const SOURCE = 'kubelet';
/** Upstream lease controller: backoffEnsureLease starts at 200 ms and caps at 7 s. */
const LEASE_BACKOFF_START_MS = 200;
const LEASE_BACKOFF_MAX_MS = 7_000;
const SHUTDOWN_MESSAGE = 'Pod was terminated in response to imminent node shutdown.';

/** A pod this kubelet runs: its containers' state, which the API may not know yet. */
export interface LocalPod {
  uid: string;
  /** 'completed': every container exited and may not restart; the API may not know yet. */
  stage: 'starting' | 'running' | 'completed' | 'stopping' | 'stopped' | 'shutdown-killing';
  restartCount: number;
  podIP: string;
  restartPolicy: string;
  runForMs: number | null;
  exitCode: number;
}

export interface KubeletState {
  config: NodeConfig;
  settings: KubeletSettings;
  resources: NodeResources;
  nodeIndex: number;
  power: 'on' | 'off' | 'shutting-down';
  overrides: Record<string, ConditionOverride>;
  leaseBackoffMs: number;
  lastReportMs: number | null;
  lastUnschedulable: boolean;
  pods: Record<string, LocalPod>;
  nextPodIP: number;
  shutdown: { groupIndex: number } | null;
}

export interface KubeletsState {
  kubelets: Record<string, KubeletState>;
  slots: [string, number][];
  queue: string[];
  nodeCount: number;
}

export class Kubelets implements Component {
  readonly name = NAME;
  private readonly api: ApiServer;
  private readonly kubelets: Map<string, KubeletState>;
  private readonly slots: TimerSlots;
  /** "node\0ns/name" pod keys to sync. */
  private readonly queue: Set<string>;
  private nodeCount: number;
  private readonly rng: Rng;

  constructor(private readonly ctx: ComponentContext, state?: KubeletsState) {
    this.api = ctx.api;
    this.kubelets = new Map(Object.entries(state?.kubelets ?? {}));
    this.slots = new TimerSlots(ctx.timers, NAME, new Map(state?.slots));
    this.queue = new Set(state?.queue);
    this.nodeCount = state?.nodeCount ?? 0;
    this.rng = ctx.rngStream('kubelet');
    this.api.watch<Pod>('Pod', (event) => {
      const nodeName = event.object.spec.nodeName;
      if (nodeName && this.connected(nodeName)) this.queue.add(podQueueKey(nodeName, event.object));
    });
  }

  // ---- lifecycle actions -------------------------------------------------

  /** A machine registers itself: Node object, lease, and the kubelet's loops. */
  register(config: NodeConfig): void {
    const settings = { ...this.ctx.settings.kubelet, ...config.kubelet };
    const previous = this.kubelets.get(config.name);
    if (previous) this.powerOff(config.name);
    const state: KubeletState = {
      config,
      settings,
      resources: nodeResources(config, settings),
      nodeIndex: previous?.nodeIndex ?? this.nodeCount++,
      power: 'on',
      overrides: {},
      leaseBackoffMs: 0,
      lastReportMs: null,
      lastUnschedulable: config.unschedulable ?? false,
      pods: {},
      nextPodIP: 1,
      shutdown: null,
    };
    this.kubelets.set(config.name, state);
    this.ctx.viewChanged('machines');
    this.boot(config.name);
  }

  /** Power on a registered machine whose kubelet is off. */
  start(name: string): void {
    const state = this.require(name);
    if (state.power !== 'off') return;
    state.power = 'on';
    this.ctx.viewChanged('machines');
    state.overrides = withoutShutdown(state.overrides);
    this.boot(name);
  }

  /** Power loss: containers and kubelet stop; nothing is reported. */
  kill(name: string): void {
    this.require(name);
    this.powerOff(name);
  }

  /** Upstream graceful node shutdown; with no grace periods configured it is a power loss. */
  shutdown(name: string): void {
    const state = this.require(name);
    if (state.power !== 'on') return;
    if (shutdownGroups(state.settings).length === 0) {
      this.powerOff(name);
      return;
    }
    state.power = 'shutting-down';
    this.ctx.viewChanged('machines');
    state.shutdown = { groupIndex: -1 };
    state.overrides = { ...state.overrides, Ready: { status: 'False', reason: 'KubeletNotReady', message: 'node is shutting down' } };
    this.recordNodeEvent(name, 'Normal', 'Shutdown', 'Shutdown manager detected shutdown event');
    this.syncNodeStatus(name);
    this.startNextShutdownGroup(name);
  }

  /** The kubelet starts reporting a condition (set-condition). */
  setCondition(name: string, type: string, override: ConditionOverride): void {
    const state = this.require(name);
    state.overrides = { ...state.overrides, [type]: override };
  }

  /** After a partition changed: kubelets that can reach the API again catch up. */
  networkChanged(): void {
    for (const [name, state] of this.kubelets) {
      if (state.power === 'off' || !this.reachable(name)) continue;
      for (const pod of this.api.podsOnNode(name)) this.queue.add(podQueueKey(name, pod));
      for (const key of Object.keys(state.pods)) this.queue.add(`${name}\u0000${key}`);
    }
  }

  has(name: string): boolean {
    return this.kubelets.has(name);
  }

  /** Every machine with a simulated kubelet, whether or not its Node object exists. */
  names(): string[] {
    return [...this.kubelets.keys()].sort();
  }

  /** Read-only view for the UI and tests. */
  view(name: string): Readonly<KubeletState> | undefined {
    return this.kubelets.get(name);
  }

  snapshot(): KubeletsState {
    return structuredClone({
      kubelets: Object.fromEntries(this.kubelets),
      slots: [...this.slots.seqs],
      queue: [...this.queue],
      nodeCount: this.nodeCount,
    });
  }

  // ---- component -----------------------------------------------------------

  onTimer(timer: Timer): void {
    if (!this.slots.claim(timer)) return;
    const [what, node, podKey] = timer.key.split('\u0000') as [string, string, string | undefined];
    if (!this.kubelets.has(node)) return;
    switch (what) {
      case 'lease':
        return this.renewLease(node, timer.key);
      case 'status':
        this.slots.set(timer.key, this.ctx.clock.nowMs + this.require(node).settings.nodeStatusUpdateFrequencyMs);
        return this.syncNodeStatus(node);
      case 'pod':
        return this.podTimer(node, podKey!);
      case 'shutdown':
        return this.startNextShutdownGroup(node);
    }
  }

  sync(): boolean {
    if (this.queue.size === 0) return false;
    const keys = [...this.queue];
    this.queue.clear();
    for (const key of keys) {
      const [node, podKey] = key.split('\u0000') as [string, string];
      if (this.connected(node)) this.syncPod(node, podKey);
    }
    return true;
  }

  // ---- boot and power -------------------------------------------------------

  private boot(name: string): void {
    const state = this.require(name);
    const now = this.ctx.clock.nowMs;
    state.pods = {};
    state.leaseBackoffMs = 0;
    if (this.reachable(name)) {
      if (!this.api.get('Node', name)) {
        this.api.create(initialNode(state.config, state.resources, this.internalIP(state), toTimestamp(now)));
        state.lastReportMs = now;
      }
      this.recordNodeEvent(name, 'Normal', 'Starting', 'Starting kubelet.');
    }
    this.renewLease(name);
    this.syncNodeStatus(name);
    this.slots.set(statusKey(name), now + state.settings.nodeStatusUpdateFrequencyMs);
    if (this.reachable(name)) for (const pod of this.api.podsOnNode(name)) this.queue.add(podQueueKey(name, pod));
  }

  private powerOff(name: string): void {
    const state = this.require(name);
    state.power = 'off';
    this.ctx.viewChanged('machines');
    state.pods = {};
    state.shutdown = null;
    state.leaseBackoffMs = 0;
    for (const key of [...this.slots.seqs.keys()]) if (key.split('\u0000')[1] === name) this.slots.cancel(key);
    for (const key of [...this.queue]) if (key.startsWith(`${name}\u0000`)) this.queue.delete(key);
  }

  // ---- lease ------------------------------------------------------------------

  /**
   * Upstream: component-helpers lease controller. Renew every
   * 0.25 × leaseDuration (+ jitter); when the API server cannot be reached,
   * retry with a doubling backoff from 200 ms capped at 7 s.
   */
  private renewLease(name: string, key = leaseKey(name)): void {
    const state = this.require(name);
    if (state.power === 'off') return;
    const now = this.ctx.clock.nowMs;
    if (!this.reachable(name)) {
      state.leaseBackoffMs = state.leaseBackoffMs ? Math.min(state.leaseBackoffMs * 2, LEASE_BACKOFF_MAX_MS) : LEASE_BACKOFF_START_MS;
      this.slots.set(key, now + state.leaseBackoffMs);
      return;
    }
    state.leaseBackoffMs = 0;
    this.writeLease(name, state, toTimestamp(now));
    const intervalMs = 0.25 * state.settings.nodeLeaseDurationSeconds * 1000;
    const jitterMs = state.settings.leaseJitter > 0 ? Math.round(this.rng.next() * state.settings.leaseJitter * intervalMs) : 0;
    this.slots.set(key, now + intervalMs + jitterMs);
  }

  private writeLease(name: string, state: KubeletState, renewTime: string): void {
    const existing = this.api.get<Lease>('Lease', name, NODE_LEASE_NAMESPACE);
    if (existing) {
      this.api.update<Lease>('Lease', name, NODE_LEASE_NAMESPACE, (lease) => {
        lease.spec.renewTime = renewTime;
      });
      return;
    }
    const node = this.api.get<Node>('Node', name);
    this.api.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name,
        namespace: NODE_LEASE_NAMESPACE,
        ...(node ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }] } : {}),
      },
      spec: { holderIdentity: name, leaseDurationSeconds: state.settings.nodeLeaseDurationSeconds, renewTime },
    });
  }

  // ---- node status ------------------------------------------------------------

  /**
   * Upstream: tryUpdateNodeStatus. Compute the status; PATCH only if it
   * changed (heartbeats aside) or nodeStatusReportFrequency has passed.
   */
  private syncNodeStatus(name: string): void {
    const state = this.require(name);
    if (state.power === 'off' || !this.reachable(name)) return;
    const node = this.api.get<Node>('Node', name);
    if (!node) return;
    const now = this.ctx.clock.nowMs;
    const { conditions, changes } = computeConditions(node.status.conditions, state.overrides, toTimestamp(now));
    this.noteSchedulable(name, state, node);
    const reportDue = state.lastReportMs === null || now >= state.lastReportMs + state.settings.nodeStatusReportFrequencyMs;
    if (!reportDue && !conditionsDiffer(conditions, node.status.conditions)) return;
    this.api.update<Node>('Node', name, undefined, (draft) => {
      draft.status.conditions = conditions;
      draft.status.capacity = { ...state.resources };
      draft.status.allocatable = { ...state.resources };
    });
    state.lastReportMs = now;
    for (const change of changes) {
      if (change.event) this.recordNodeEvent(name, 'Normal', change.event, `Node ${name} status is now: ${change.event}`);
    }
  }

  /** The kubelet records NodeSchedulable / NodeNotSchedulable when it sees a cordon change. */
  private noteSchedulable(name: string, state: KubeletState, node: Node): void {
    const unschedulable = node.spec.unschedulable ?? false;
    if (unschedulable === state.lastUnschedulable) return;
    state.lastUnschedulable = unschedulable;
    const event = unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable';
    this.recordNodeEvent(name, 'Normal', event, `Node ${name} status is now: ${event}`);
  }

  // ---- pods ---------------------------------------------------------------------

  /** Reconciles one pod bound to this node with the containers the kubelet runs. */
  private syncPod(name: string, podKey: string): void {
    const state = this.require(name);
    const local = state.pods[podKey];
    const [namespace, podName] = podKey.split('/') as [string, string];
    const pod = this.api.get<Pod>('Pod', podName, namespace);
    if (!pod || pod.spec.nodeName !== name || (local && local.uid !== pod.metadata.uid)) {
      // Deleted (or replaced) behind our back: the containers are killed.
      this.forget(name, podKey);
      if (!pod || pod.spec.nodeName !== name) return;
    }
    if (pod.metadata.deletionTimestamp) return this.stopPod(name, pod);
    if (isPodTerminal(pod)) return this.forget(name, podKey);
    const current = state.pods[podKey];
    if (!current) return this.admitPod(name, pod);
    if (current.stage === 'completed') return this.postCompleted(name, pod, current);
    if (current.stage === 'running' && !showsRunningAndReady(pod)) this.postRunning(name, pod, current);
  }

  private admitPod(name: string, pod: Pod): void {
    const state = this.require(name);
    const now = this.ctx.clock.nowMs;
    if (state.power === 'shutting-down') {
      this.api.updateStatus<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, (stored) =>
        failedStatus(stored, toTimestamp(now), 'NodeShutdown', 'Pod was rejected as the node is shutting down.'),
      );
      return;
    }
    const wasRunning = pod.status.phase === 'Running';
    if (wasRunning && pod.spec.restartPolicy === 'Never') {
      // After a reboot the containers are gone and may not be restarted.
      this.api.updateStatus<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, (stored) =>
        failedStatus(stored, toTimestamp(now), 'Error', 'The node was restarted and the pod may not be restarted (restartPolicy Never).'),
      );
      return;
    }
    const restartCount = (pod.status.containerStatuses?.[0]?.restartCount ?? 0) + (wasRunning ? 1 : 0);
    const local: LocalPod = {
      uid: pod.metadata.uid,
      stage: 'starting',
      restartCount,
      podIP: this.nextPodIP(state),
      restartPolicy: pod.spec.restartPolicy ?? 'Always',
      ...podProgram(pod.spec),
    };
    state.pods[`${pod.metadata.namespace}/${pod.metadata.name}`] = local;
    this.api.updateStatus<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, (stored) =>
      creatingStatus(stored, toTimestamp(now), this.internalIP(state), restartCount),
    );
    this.slots.set(podTimerKey(name, pod), now + state.settings.podStartupLatencyMs);
  }

  /** A deleted pod's containers get its grace period, then the kubelet removes the object. */
  private stopPod(name: string, pod: Pod): void {
    const state = this.require(name);
    const podKey = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const local = state.pods[podKey];
    if (!local || local.stage === 'stopped') {
      this.forget(name, podKey);
      if (local) this.confirmStopped(pod);
      else this.api.delete('Pod', pod.metadata.name, pod.metadata.namespace, { gracePeriodSeconds: 0 });
      return;
    }
    if (local.stage === 'stopping') return;
    local.stage = 'stopping';
    const deadlineMs = fromTimestamp(pod.metadata.deletionTimestamp!);
    for (const c of pod.spec.containers) {
      this.recordPodEvent(name, pod, 'Normal', 'Killing', `Stopping container ${c.name}`);
    }
    this.slots.set(podTimerKey(name, pod), Math.max(deadlineMs, this.ctx.clock.nowMs));
  }

  private podTimer(name: string, podKey: string): void {
    const state = this.require(name);
    const local = state.pods[podKey];
    if (!local) return;
    const [namespace, podName] = podKey.split('/') as [string, string];
    const pod = this.reachable(name) ? this.api.get<Pod>('Pod', podName, namespace) : undefined;
    switch (local.stage) {
      case 'starting':
        local.stage = 'running';
        if (local.runForMs !== null) this.slots.set(`pod\u0000${name}\u0000${podKey}`, this.ctx.clock.nowMs + local.runForMs);
        if (pod && pod.metadata.uid === local.uid) {
          for (const c of pod.spec.containers) this.recordPodEvent(name, pod, 'Normal', 'Started', `Started container ${c.name}`);
          this.postRunning(name, pod, local);
        }
        return;
      case 'running':
        return this.containersExited(name, podKey, local, pod && pod.metadata.uid === local.uid ? pod : undefined);
      case 'stopping':
        local.stage = 'stopped';
        if (pod && pod.metadata.uid === local.uid) {
          this.forget(name, podKey);
          this.confirmStopped(pod);
        }
        return;
      case 'shutdown-killing':
        this.forget(name, podKey);
        if (pod && pod.metadata.uid === local.uid) {
          this.api.updateStatus<Pod>('Pod', podName, namespace, (stored) =>
            failedStatus(stored, toTimestamp(this.ctx.clock.nowMs), 'Terminated', SHUTDOWN_MESSAGE, {
              reason: 'TerminationByKubelet',
              message: SHUTDOWN_MESSAGE,
            }),
          );
        }
        return;
      default:
        return;
    }
  }

  /**
   * The containers' program ended. Upstream restart rules: Always restarts,
   * OnFailure restarts on a non-zero code, Never does not; restarts back off
   * (CrashLoopBackOff).
   */
  private containersExited(name: string, podKey: string, local: LocalPod, pod: Pod | undefined): void {
    const restart = local.restartPolicy === 'Always' || (local.restartPolicy === 'OnFailure' && local.exitCode !== 0);
    if (!restart) {
      local.stage = 'completed';
      if (pod) this.postCompleted(name, pod, local);
      return;
    }
    local.restartCount++;
    local.stage = 'starting';
    const now = this.ctx.clock.nowMs;
    this.slots.set(`pod\u0000${name}\u0000${podKey}`, now + restartBackoffMs(local.restartCount));
    if (!pod) return;
    const state = this.require(name);
    if (local.exitCode !== 0) {
      const container = pod.spec.containers[0]!.name;
      this.recordPodEvent(name, pod, 'Warning', 'BackOff', `Back-off restarting failed container ${container} in pod ${pod.metadata.name}`);
    }
    this.api.updateStatus<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, (stored) =>
      creatingStatus(stored, toTimestamp(now), this.internalIP(state), local.restartCount, 'CrashLoopBackOff'),
    );
  }

  private postCompleted(name: string, pod: Pod, local: LocalPod): void {
    this.forget(name, `${pod.metadata.namespace}/${pod.metadata.name}`);
    this.api.updateStatus<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, (stored) =>
      completedStatus(stored, toTimestamp(this.ctx.clock.nowMs), local.exitCode),
    );
  }

  /**
   * The containers of a deleted pod are gone: as upstream's kubelet (1.27+)
   * does, write the terminal phase first (the Job controller reads its finish
   * time), then remove the object.
   */
  private confirmStopped(pod: Pod): void {
    const { name, namespace } = pod.metadata;
    if (!isPodTerminal(pod)) {
      this.api.updateStatus<Pod>('Pod', name, namespace, (stored) =>
        failedStatus(stored, toTimestamp(this.ctx.clock.nowMs)),
      );
    }
    this.api.delete('Pod', name, namespace, { gracePeriodSeconds: 0 });
  }

  private postRunning(name: string, pod: Pod, local: LocalPod): void {
    const state = this.require(name);
    this.api.updateStatus<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, (stored) =>
      runningStatus(stored, toTimestamp(this.ctx.clock.nowMs), this.internalIP(state), local.podIP, local.restartCount),
    );
  }

  private forget(name: string, podKey: string): void {
    const state = this.require(name);
    if (!state.pods[podKey]) return;
    delete state.pods[podKey];
    this.slots.cancel(`pod\u0000${name}\u0000${podKey}`);
  }

  // ---- graceful shutdown --------------------------------------------------------

  /**
   * Upstream: nodeshutdown_manager processShutdownEvent. Kill the next
   * non-empty priority group; each pod gets min(group period, its own grace
   * period); when the last group is done the machine powers off.
   */
  private startNextShutdownGroup(name: string): void {
    const state = this.require(name);
    if (state.power !== 'shutting-down' || !state.shutdown) return;
    const groups = shutdownGroups(state.settings);
    const now = this.ctx.clock.nowMs;
    for (let index = state.shutdown.groupIndex + 1; index < groups.length; index++) {
      const members = this.runningPods(name).filter((pod) => groupIndexFor(groups, pod.spec.priority ?? 0) === index);
      if (members.length === 0) continue;
      state.shutdown.groupIndex = index;
      let groupEndMs = now;
      for (const pod of members) {
        const graceMs = Math.min(groups[index]!.periodMs, (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000);
        const local = state.pods[`${pod.metadata.namespace}/${pod.metadata.name}`]!;
        local.stage = 'shutdown-killing';
        this.slots.set(podTimerKey(name, pod), now + graceMs);
        groupEndMs = Math.max(groupEndMs, now + graceMs);
      }
      this.slots.set(shutdownKey(name), groupEndMs);
      return;
    }
    this.powerOff(name);
  }

  private runningPods(name: string): Pod[] {
    const state = this.require(name);
    return this.api
      .podsOnNode(name)
      .filter((pod) => {
        const local = state.pods[`${pod.metadata.namespace}/${pod.metadata.name}`];
        return local && local.uid === pod.metadata.uid && (local.stage === 'starting' || local.stage === 'running');
      })
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  }

  // ---- helpers ----------------------------------------------------------------------

  private require(name: string): KubeletState {
    const state = this.kubelets.get(name);
    if (!state) throw new Error(`node ${name} has no simulated kubelet`);
    return state;
  }

  private reachable(name: string): boolean {
    const state = this.kubelets.get(name);
    return this.ctx.network.reachable(name, state?.config.zone ?? state?.config.labels?.[LABEL_ZONE]);
  }

  /** Running (or shutting down) and able to talk to the API server. */
  private connected(name: string): boolean {
    const state = this.kubelets.get(name);
    return state !== undefined && state.power !== 'off' && this.reachable(name);
  }

  private internalIP(state: KubeletState): string {
    return `10.0.${(state.nodeIndex >> 8) & 255}.${(state.nodeIndex & 255) + 1}`;
  }

  private nextPodIP(state: KubeletState): string {
    const n = state.nextPodIP++;
    return `10.${64 + ((state.nodeIndex >> 8) & 63)}.${state.nodeIndex & 255}.${(n % 254) + 1}`;
  }

  private recordNodeEvent(name: string, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const node = this.api.get<Node>('Node', name);
    if (node) this.api.recordEvent(node, type, reason, message, SOURCE, name);
  }

  private recordPodEvent(name: string, pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (this.reachable(name)) this.api.recordEvent(pod, type, reason, message, SOURCE, name);
  }
}

function podQueueKey(nodeName: string, pod: Pod): string {
  return `${nodeName}\u0000${pod.metadata.namespace}/${pod.metadata.name}`;
}

const leaseKey = (node: string) => `lease\u0000${node}`;
const statusKey = (node: string) => `status\u0000${node}`;
const shutdownKey = (node: string) => `shutdown\u0000${node}`;
const podTimerKey = (node: string, pod: Pod) => `pod\u0000${node}\u0000${pod.metadata.namespace}/${pod.metadata.name}`;

function withoutShutdown(overrides: Record<string, ConditionOverride>): Record<string, ConditionOverride> {
  if (overrides.Ready?.message !== 'node is shutting down') return overrides;
  const rest = { ...overrides };
  delete rest.Ready;
  return rest;
}
