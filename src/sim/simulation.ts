/**
 * The simulated cluster: the API server, the kubelets, the network and the
 * control-plane controllers, driven by one virtual clock.
 *
 * Within one instant, components run in upstream's recommended order
 * (kubernetes-behaviour.md §8 item 16): actions, kubelets, node lifecycle
 * monitor pass, NoSchedule taints, NoExecute tainting, taint eviction, PodGC,
 * garbage collector, workload controllers, scheduler. Work that a later
 * component causes for an earlier one (a watch event) runs in another round
 * of the same instant, so everything settles before time moves on.
 */
import { ApiServer, type ApiServerState } from './apiserver/apiserver';
import { ApiError } from './apiserver/errors';
import type { Component, ComponentContext } from './component';
import { resolveSettings, type Settings, type SettingsOverrides } from './config';
import { RandomStreams, type RandomStreamsState } from './core/rng';
import { TimerQueue, type Timer, type TimerQueueState } from './core/timers';
import { Network, type NetworkState } from './network/network';
import { Traffic } from './network/traffic';
import { ActionError, describeAction, type NodeConfig, type SimAction } from './actions';
import { Kubelets } from './kubelet/kubelets';
import { NodeLifecycleController } from './controllers/node-lifecycle';
import { TaintEvictionController } from './controllers/taint-eviction';
import { PodGCController } from './controllers/podgc';
import { GarbageCollector } from './controllers/garbage-collector';
import { DeploymentController } from './controllers/deployment';
import { ReplicaSetController } from './controllers/replicaset';
import { DaemonSetsController } from './controllers/daemonset';
import { StatefulSetController } from './controllers/statefulset';
import { JobController } from './controllers/job';
import { DisruptionController } from './controllers/disruption';
import { EndpointSliceController } from './controllers/endpointslice';
import { NodeIpamController } from './controllers/node-ipam';
import { Drainer } from './drain';
import { Scheduler } from './scheduler/scheduler';
import { applyClusterAction } from './cluster-actions';
import { containerLogs, type ContainerLogsOptions, type ContainerLogsResult } from './pod-logs';
import { ViewChangeLog, type ViewChanges } from './views/changes';
import { machineViews } from './views/machines';
import { zoneViews } from './views/zones';

export interface SimulationOptions {
  seed?: number;
  settings?: SettingsOverrides;
  /** Nodes registered at t = 0, each with a running kubelet. */
  nodes?: NodeConfig[];
  /** Deep-freeze stored objects so a component that mutates one fails loudly (tests). */
  freezeObjects?: boolean;
}

export interface ActionRecord {
  seq: number;
  atMs: number;
  action: SimAction;
  /** Set once the action ran: undefined = ok, a string = why it failed. */
  error?: string;
  /** A `kubectl` action's output (stdout and stderr as kubectl prints them). */
  output?: { stdout: string; stderr: string; exitCode: number };
  done: boolean;
}

export interface WorldSnapshot {
  version: 1;
  nowMs: number;
  seed: number;
  settings: Settings;
  /** Every named random stream (kubelet, scheduler, uids, names, …): the world owns them all. */
  rng: RandomStreamsState;
  api: ApiServerState;
  timers: TimerQueueState;
  network: NetworkState;
  actions: ActionRecord[];
  components: Record<string, unknown>;
}

/** Rounds of one instant before we call it a livelock (a bug, never expected). */
const MAX_ROUNDS_PER_INSTANT = 10_000;

export class Simulation {
  readonly clock = { nowMs: 0 };
  readonly settings: Settings;
  readonly seed: number;
  readonly api: ApiServer;
  readonly timers: TimerQueue;
  readonly network: Network;
  readonly kubelets: Kubelets;
  readonly nodeLifecycle: NodeLifecycleController;
  readonly taintEviction: TaintEvictionController;
  readonly podGC: PodGCController;
  readonly garbageCollector: GarbageCollector;
  readonly deployments: DeploymentController;
  readonly replicaSets: ReplicaSetController;
  readonly daemonSets: DaemonSetsController;
  readonly statefulSets: StatefulSetController;
  readonly jobs: JobController;
  readonly disruption: DisruptionController;
  readonly endpointSlices: EndpointSliceController;
  readonly nodeIpam: NodeIpamController;
  readonly drainer: Drainer;
  readonly scheduler: Scheduler;
  readonly traffic: Traffic;
  private readonly rng: RandomStreams;
  private readonly viewChanges = new ViewChangeLog();
  private readonly components: Component[];
  private readonly byName = new Map<string, Component>();
  private actions: ActionRecord[];
  private readonly pendingActions = new Map<string, ActionRecord>();
  private actionSeq: number;
  private readonly actionListeners: ((record: ActionRecord) => void)[] = [];
  private readonly instantListeners: ((nowMs: number) => void)[] = [];

  constructor(options: SimulationOptions = {}, snapshot?: WorldSnapshot) {
    this.seed = snapshot?.seed ?? options.seed ?? 1;
    this.settings = snapshot?.settings ?? resolveSettings(options.settings);
    this.clock.nowMs = snapshot?.nowMs ?? 0;
    this.rng = new RandomStreams(this.seed, snapshot?.rng);
    const rngStream = (label: string) => this.rng.stream(label);
    this.timers = new TimerQueue(snapshot?.timers);
    this.network = new Network(snapshot?.network, (zones) => {
      this.viewChanges.mark('machines');
      if (zones) this.viewChanges.mark('partitions');
    });
    this.api = new ApiServer(this.clock, this.settings, rngStream, { freeze: options.freezeObjects ?? false }, snapshot?.api);
    // The snapshot is the new world's own (restore and fromJson hand over a fresh copy): nothing is copied again.
    this.actions = snapshot ? snapshot.actions : [];
    this.actionSeq = this.actions.reduce((max, a) => Math.max(max, a.seq), 0);
    for (const record of this.actions) if (!record.done) this.pendingActions.set(String(record.seq), record);

    const ctx: ComponentContext = {
      clock: this.clock,
      api: this.api,
      timers: this.timers,
      network: this.network,
      settings: this.settings,
      rngStream,
      viewChanged: (kind) => this.viewChanges.mark(kind),
    };
    // A machine's view exists while its Node object does.
    this.api.watch('Node', (event) => {
      if (event.type !== 'MODIFIED') this.viewChanges.mark('machines');
    });
    const state = (name: string) => snapshot?.components[name] as never;
    this.kubelets = new Kubelets(ctx, state('kubelet'));
    this.nodeIpam = new NodeIpamController(ctx, state('node-ipam'));
    this.nodeLifecycle = new NodeLifecycleController(ctx, state('node-lifecycle'));
    this.taintEviction = new TaintEvictionController(ctx, state('taint-eviction'));
    this.podGC = new PodGCController(ctx, state('podgc'));
    this.garbageCollector = new GarbageCollector(ctx, state('garbage-collector'));
    this.deployments = new DeploymentController(ctx, state('deployment'));
    this.replicaSets = new ReplicaSetController(ctx, state('replicaset'));
    this.daemonSets = new DaemonSetsController(ctx, state('daemonset'));
    this.statefulSets = new StatefulSetController(ctx, state('statefulset'));
    this.jobs = new JobController(ctx, state('job'));
    this.disruption = new DisruptionController(ctx, state('disruption'));
    this.endpointSlices = new EndpointSliceController(ctx, state('endpointslice'));
    this.drainer = new Drainer(ctx, state('drain'));
    this.scheduler = new Scheduler(ctx, state('scheduler'));
    this.traffic = new Traffic(ctx, (node) => this.kubelets.view(node), () => this.kubelets.names(), state('traffic'));

    const actionsComponent: Component = { name: 'actions', onTimer: (timer) => this.runAction(timer) };
    this.components = [
      // Traffic first: the second that ends at this instant is counted against the world before this instant's changes.
      this.traffic,
      actionsComponent,
      // Node IPAM before the kubelets, so a node registered in this round has its pod CIDR before it starts a pod.
      this.nodeIpam,
      this.kubelets,
      ...this.nodeLifecycle.components,
      this.taintEviction,
      this.podGC,
      this.garbageCollector,
      ...this.controllers(),
      this.scheduler,
    ];
    for (const c of this.components) this.byName.set(c.name, c);

    if (!snapshot) {
      for (const node of options.nodes ?? []) this.kubelets.register(node);
      // Periodic loops start at t = 0; the first instant runs on the first step,
      // so actions scheduled at t = 0 still come first in it.
      this.nodeLifecycle.start();
      this.podGC.start();
    }
  }

  static restore(snapshot: WorldSnapshot, options: { freezeObjects?: boolean } = {}): Simulation {
    return new Simulation({ freezeObjects: options.freezeObjects ?? false }, structuredClone(snapshot));
  }

  get nowMs(): number {
    return this.clock.nowMs;
  }

  /** Schedules an action at `atMs` (not before now); it runs first in that instant. */
  schedule(atMs: number, action: SimAction): ActionRecord {
    const record: ActionRecord = { seq: ++this.actionSeq, atMs: Math.max(atMs, this.clock.nowMs), action, done: false };
    this.actions.push(record);
    this.pendingActions.set(String(record.seq), record);
    this.timers.schedule('actions', String(record.seq), record.atMs);
    return record;
  }

  /** Runs an action now, as the first thing of this instant's next round, and settles. */
  act(action: SimAction): ActionRecord {
    const record = this.schedule(this.clock.nowMs, action);
    this.processInstant(this.clock.nowMs);
    return record;
  }

  /** Processes every instant up to and including `untilMs`, then sets the clock to it. */
  runUntil(untilMs: number): void {
    for (let next = this.timers.nextAtMs(); next !== undefined && next <= untilMs; next = this.timers.nextAtMs()) {
      this.processInstant(Math.max(next, this.clock.nowMs));
    }
    if (untilMs > this.clock.nowMs) this.clock.nowMs = untilMs;
  }

  /** Processes the next instant at which anything is scheduled; returns its time. */
  step(): number | undefined {
    const next = this.timers.nextAtMs();
    if (next === undefined) return undefined;
    this.processInstant(Math.max(next, this.clock.nowMs));
    return this.clock.nowMs;
  }

  nextTimerAtMs(): number | undefined {
    return this.timers.nextAtMs();
  }

  /** Calls `listener` after every action ran. */
  onAction(listener: (record: ActionRecord) => void): void {
    this.actionListeners.push(listener);
  }

  /** Calls `listener` once every instant has settled (tests check invariants here). */
  onInstant(listener: (nowMs: number) => void): void {
    this.instantListeners.push(listener);
  }

  /**
   * The machine, zone, partition and scheduled-eviction views that changed
   * since the last call (each complete and current), as the components
   * reported them; the counterpart of `api.drainChanges()`.
   */
  drainViewChanges(): ViewChanges {
    const kinds = this.viewChanges.drain();
    const out: ViewChanges = {};
    if (kinds.size === 0) return out;
    if (kinds.has('machines')) out.machines = machineViews(this.api, this.kubelets, this.network);
    if (kinds.has('zones')) out.zones = zoneViews(this.nodeLifecycle);
    if (kinds.has('evictions')) out.evictions = this.taintEviction.scheduledEvictions();
    if (kinds.has('partitions')) out.partitionedZones = this.network.snapshot().partitionedZones;
    if (kinds.has('traffic')) out.traffic = this.traffic.trafficViews();
    return out;
  }

  /** Every view as it is now (for a snapshot frame); the pending view changes stay pending. */
  currentViews(): Required<ViewChanges> {
    return {
      machines: machineViews(this.api, this.kubelets, this.network),
      zones: zoneViews(this.nodeLifecycle),
      evictions: this.taintEviction.scheduledEvictions(),
      partitionedZones: this.network.snapshot().partitionedZones,
      traffic: this.traffic.trafficViews(),
    };
  }

  /**
   * `kubectl logs [--previous] <pod> [-c <container>]`: the container's log
   * lines through the API server and the node's kubelet, or the error the
   * API server returns (pod-logs.ts: a missing pod or container, a container
   * that has not started, an unreachable node). `container` may be left out
   * when the pod has one container. Reading changes nothing in the world.
   */
  containerLogs(namespace: string, pod: string, container?: string, options: ContainerLogsOptions = {}): ContainerLogsResult {
    return containerLogs(this, namespace, pod, container, options);
  }

  actionLog(): readonly ActionRecord[] {
    return this.actions;
  }

  snapshot(): WorldSnapshot {
    return structuredClone(this.snapshotShared());
  }

  /**
   * The snapshot as JSON text: `JSON.stringify(snapshot())` without the deep
   * copies (the text is written before anything can change), so a big world
   * checkpoints in a fraction of the time.
   */
  snapshotJson(): string {
    return JSON.stringify(this.snapshotShared());
  }

  /** The world `snapshotJson()` wrote; the parsed text is fresh, so nothing is copied again. */
  static fromJson(json: string): Simulation {
    return new Simulation({}, JSON.parse(json) as WorldSnapshot);
  }

  /**
   * The snapshot sharing the live state (stored objects and event records
   * included): serialise it at once, never keep or change it.
   */
  snapshotShared(): WorldSnapshot {
    const components: Record<string, unknown> = {};
    for (const c of [this.kubelets, this.nodeIpam, this.nodeLifecycle, this.taintEviction, this.podGC, this.garbageCollector, ...this.controllers(), this.scheduler, this.traffic]) {
      components[c.name] = c.snapshot();
    }
    return {
      version: 1,
      nowMs: this.clock.nowMs,
      seed: this.seed,
      settings: this.settings,
      rng: this.rng.snapshot(),
      api: this.api.snapshot(true),
      timers: this.timers.snapshot(),
      network: this.network.snapshot(),
      actions: this.actions,
      components,
    };
  }

  /** The workload controllers, in their per-instant order (after the node controllers, before the scheduler). */
  private controllers() {
    return [
      this.deployments,
      this.replicaSets,
      this.daemonSets,
      this.statefulSets,
      this.jobs,
      this.disruption,
      this.endpointSlices,
      this.drainer,
    ] as const;
  }

  private processInstant(atMs: number): void {
    this.clock.nowMs = atMs;
    for (let round = 0; ; round++) {
      if (round >= MAX_ROUNDS_PER_INSTANT) {
        throw new Error(`simulation livelock at t=${atMs}ms: work keeps being queued within one instant`);
      }
      const due = this.dueTimersByOwner(atMs);
      let worked = due.size > 0;
      for (const component of this.components) {
        for (const timer of due.get(component.name) ?? []) component.onTimer?.(timer);
        if (component.sync?.()) worked = true;
      }
      if (!worked) break;
    }
    for (const listener of this.instantListeners) listener(atMs);
  }

  private dueTimersByOwner(atMs: number): Map<string, Timer[]> {
    const due = new Map<string, Timer[]>();
    for (let timer = this.timers.popDue(atMs); timer; timer = this.timers.popDue(atMs)) {
      if (!this.byName.has(timer.owner)) throw new Error(`timer for unknown component "${timer.owner}"`);
      const list = due.get(timer.owner);
      if (list) list.push(timer);
      else due.set(timer.owner, [timer]);
    }
    return due;
  }

  private runAction(timer: Timer): void {
    const record = this.pendingActions.get(timer.key);
    if (!record) return;
    this.pendingActions.delete(timer.key);
    try {
      const output = applyClusterAction(this, record.action);
      if (output) {
        record.output = output;
        if (output.exitCode !== 0) record.error = output.stderr.split('\n').find((l) => l.startsWith('error') || l.startsWith('Error')) ?? output.stderr;
      }
    } catch (error) {
      if (!(error instanceof ApiError) && !(error instanceof ActionError)) throw error;
      record.error = error.message;
    }
    record.done = true;
    for (const listener of this.actionListeners) listener(record);
  }
}

export { describeAction, ActionError };
