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
import type { ContainerFaultKind, NodeConfig } from '../actions';
import type { ApiServer } from '../apiserver/apiserver';
import type { Component, ComponentContext } from '../component';
import { toTimestamp } from '../core/time';
import { type Rng } from '../core/rng';
import { TimerSlots, type Timer } from '../core/timers';
import type { Node, Pod } from '../api/types';
import { LABEL_ZONE } from '../controllers/zones';
import { internalIP } from './addresses';
import { podQueueKey, statusKey, type KubeletHost } from './host';
import { renewLease } from './lease';
import { initialNode, nodeResources, type ConditionOverride } from './node-status';
import { syncNodeStatus } from './node-status-sync';
import { PodLifecycle } from './pod-lifecycle';
import { shutdownGroups, startNextShutdownGroup } from './shutdown';
import type { KubeletState, ProbeType } from './state';

export type { KubeletState, LocalPod } from './state';

const NAME = 'kubelet';
const SOURCE = 'kubelet';

export interface KubeletsState {
  kubelets: Record<string, KubeletState>;
  slots: [string, number][];
  queue: string[];
  nodeCount: number;
}

export class Kubelets implements Component, KubeletHost {
  readonly name = NAME;
  readonly api: ApiServer;
  private readonly kubelets: Map<string, KubeletState>;
  readonly slots: TimerSlots;
  /** "node\0ns/name" pod keys to sync. */
  private readonly queue: Set<string>;
  private nodeCount: number;
  readonly rng: Rng;
  private readonly pods: PodLifecycle;

  constructor(readonly ctx: ComponentContext, state?: KubeletsState) {
    this.api = ctx.api;
    this.kubelets = new Map(Object.entries(state?.kubelets ?? {}));
    this.slots = new TimerSlots(ctx.timers, NAME, new Map(state?.slots));
    this.queue = new Set(state?.queue);
    this.nodeCount = state?.nodeCount ?? 0;
    this.rng = ctx.rngStream('kubelet');
    this.pods = new PodLifecycle(this);
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

  /**
   * Power on a registered machine whose kubelet is off. A machine in the
   * middle of a graceful shutdown cannot be switched on until it is off (the
   * shutdown holds systemd's inhibitor lock until its last group is done), so
   * it finishes shutting down and then boots, as a reboot does.
   */
  start(name: string): void {
    const state = this.require(name);
    if (state.power === 'shutting-down' && state.shutdown) state.shutdown.bootAfter = true;
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
    syncNodeStatus(this, name);
    startNextShutdownGroup(this, this.pods, name);
  }

  /** The kubelet starts reporting a condition (set-condition). */
  setCondition(name: string, type: string, override: ConditionOverride): void {
    const state = this.require(name);
    state.overrides = { ...state.overrides, [type]: override };
  }

  /**
   * The container-fault action on a container of a pod this kubelet runs.
   * Returns why it cannot be done: the machine is off, the pod is not running here, or the
   * container exited for good (its restartPolicy does not restart it).
   */
  containerFault(name: string, podKey: string, container: string, kind: ContainerFaultKind, forMs?: number): 'node-off' | 'pod-not-running' | 'container-exited' | null {
    const state = this.require(name);
    if (state.power === 'off') return 'node-off';
    const local = state.pods[podKey];
    if (!local || local.stage !== 'running') return 'pod-not-running';
    const c = local.containers.find((x) => x.name === container);
    if (!c || c.state === 'terminated') return 'container-exited';
    this.pods.runtime.fault(name, podKey, local, c, kind, forMs);
    // The container answers otherwise from now: sleeping probe workers tick again on their grid.
    this.pods.prober.wake(name, podKey, c);
    return null;
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

  /** Shares the live kubelet states, as `Simulation.snapshotShared` does the stored objects: serialise or copy it at once. */
  snapshot(): KubeletsState {
    return {
      kubelets: Object.fromEntries(this.kubelets),
      slots: [...this.slots.seqs],
      queue: [...this.queue],
      nodeCount: this.nodeCount,
    };
  }

  // ---- component -----------------------------------------------------------

  onTimer(timer: Timer): void {
    if (!this.slots.claim(timer)) return;
    const [what, node, podKey, container, probe] = timer.key.split('\u0000') as [string, string, string | undefined, string | undefined, ProbeType | undefined];
    if (!this.kubelets.has(node)) return;
    switch (what) {
      case 'lease':
        return renewLease(this, node, timer.key);
      case 'status':
        this.slots.set(timer.key, this.ctx.clock.nowMs + this.require(node).settings.nodeStatusUpdateFrequencyMs);
        return syncNodeStatus(this, node);
      case 'pod':
        return this.pods.onTimer(node, podKey!);
      case 'ctr':
        return this.pods.onContainerTimer(node, podKey!, container!);
      case 'probe':
        return this.pods.onProbeTimer(node, podKey!, container!, probe!);
      case 'shutdown':
        return startNextShutdownGroup(this, this.pods, node);
    }
  }

  sync(): boolean {
    if (this.queue.size === 0) return false;
    const keys = [...this.queue];
    this.queue.clear();
    for (const key of keys) {
      const [node, podKey] = key.split('\u0000') as [string, string];
      if (this.connected(node)) this.pods.sync(node, podKey);
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
        this.api.create(initialNode(state.config, state.resources, internalIP(state), toTimestamp(now)));
        state.lastReportMs = now;
      }
      this.recordNodeEvent(name, 'Normal', 'Starting', 'Starting kubelet.');
    }
    renewLease(this, name);
    syncNodeStatus(this, name);
    this.slots.set(statusKey(name), now + state.settings.nodeStatusUpdateFrequencyMs);
    if (this.reachable(name)) for (const pod of this.api.podsOnNode(name)) this.queue.add(podQueueKey(name, pod));
  }

  shutdownDone(name: string): void {
    const bootAfter = this.require(name).shutdown?.bootAfter ?? false;
    this.powerOff(name);
    if (bootAfter) this.start(name);
  }

  powerOff(name: string): void {
    const state = this.require(name);
    state.power = 'off';
    this.ctx.viewChanged('machines');
    state.pods = {};
    state.shutdown = null;
    state.leaseBackoffMs = 0;
    for (const key of [...this.slots.seqs.keys()]) if (key.split('\u0000')[1] === name) this.slots.cancel(key);
    for (const key of [...this.queue]) if (key.startsWith(`${name}\u0000`)) this.queue.delete(key);
  }

  // ---- helpers ----------------------------------------------------------------------

  require(name: string): KubeletState {
    const state = this.kubelets.get(name);
    if (!state) throw new Error(`node ${name} has no simulated kubelet`);
    return state;
  }

  reachable(name: string): boolean {
    const state = this.kubelets.get(name);
    return this.ctx.network.reachable(name, state?.config.zone ?? state?.config.labels?.[LABEL_ZONE]);
  }

  /** Running (or shutting down) and able to talk to the API server. */
  connected(name: string): boolean {
    const state = this.kubelets.get(name);
    return state !== undefined && state.power !== 'off' && this.reachable(name);
  }

  recordNodeEvent(name: string, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const node = this.api.get<Node>('Node', name);
    if (node) this.api.recordEvent(node, type, reason, message, SOURCE, name);
  }

  recordPodEvent(name: string, pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (this.reachable(name)) this.api.recordEvent(pod, type, reason, message, SOURCE, name);
  }
}

function withoutShutdown(overrides: Record<string, ConditionOverride>): Record<string, ConditionOverride> {
  if (overrides.Ready?.message !== 'node is shutting down') return overrides;
  const rest = { ...overrides };
  delete rest.Ready;
  return rest;
}
