/**
 * A minimal world for controller unit tests: the real API server and timer
 * queue, and a driver that processes instants the way Simulation does (due
 * timers to their owners, then sync() of every component, in rounds until
 * quiet) — without the kubelets and the other controllers.
 */
import { ApiServer, type ApiServerState } from '../apiserver/apiserver';
import type { Component, ComponentContext } from '../component';
import { resolveSettings, type SettingsOverrides } from '../config';
import { RandomStreams, type RandomStreamsState } from '../core/rng';
import { TimerQueue, type Timer, type TimerQueueState } from '../core/timers';
import { Network } from '../network/network';
import type { Manifest, Node, Pod, Taint, Toleration } from '../api/types';

export interface TestWorldState {
  nowMs: number;
  api: ApiServerState;
  timers: TimerQueueState;
  rng: RandomStreamsState;
}

export class TestWorld {
  readonly clock = { nowMs: 0 };
  readonly api: ApiServer;
  readonly timers: TimerQueue;
  readonly ctx: ComponentContext;
  private readonly rng: RandomStreams;
  components: Component[] = [];

  constructor(settings: SettingsOverrides = {}, state?: TestWorldState) {
    this.rng = new RandomStreams(1, state && structuredClone(state.rng));
    const rngStream = (label: string) => this.rng.stream(label);
    const resolved = resolveSettings(settings);
    this.clock.nowMs = state?.nowMs ?? 0;
    this.api = new ApiServer(this.clock, resolved, rngStream, { freeze: true }, state && structuredClone(state.api));
    this.timers = new TimerQueue(state && structuredClone(state.timers));
    this.ctx = { clock: this.clock, api: this.api, timers: this.timers, network: new Network(), settings: resolved, rngStream, viewChanged: () => {} };
  }

  snapshot(): TestWorldState {
    return { nowMs: this.clock.nowMs, api: this.api.snapshot(), timers: this.timers.snapshot(), rng: this.rng.snapshot() };
  }

  /** Processes every instant up to and including `untilMs`, then sets the clock to it. */
  runUntil(untilMs: number): void {
    for (let next = this.timers.nextAtMs(); next !== undefined && next <= untilMs; next = this.timers.nextAtMs()) {
      this.processInstant(Math.max(next, this.clock.nowMs));
    }
    this.clock.nowMs = Math.max(this.clock.nowMs, untilMs);
  }

  /**
   * Runs `change` at `atMs`, then settles that instant. Like a scheduled
   * action in Simulation, it comes before the components' timers due then.
   */
  at(atMs: number, change: () => void): void {
    this.runUntil(atMs - 1);
    this.clock.nowMs = atMs;
    change();
    this.processInstant(atMs);
  }

  processInstant(atMs: number): void {
    this.clock.nowMs = atMs;
    for (let round = 0; round < 10_000; round++) {
      const due = new Map<string, Timer[]>();
      for (let timer = this.timers.popDue(atMs); timer; timer = this.timers.popDue(atMs)) {
        due.set(timer.owner, [...(due.get(timer.owner) ?? []), timer]);
      }
      let worked = due.size > 0;
      for (const component of this.components) {
        for (const timer of due.get(component.name) ?? []) component.onTimer?.(timer);
        if (component.sync?.()) worked = true;
      }
      if (!worked) return;
    }
    throw new Error(`livelock at ${atMs} ms`);
  }

  addNode(name: string, taints: Taint[] = []): Node {
    return this.api.create<Node>({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: { taints } });
  }

  setTaints(nodeName: string, taints: Taint[]): void {
    this.api.update<Node>('Node', nodeName, undefined, (draft) => {
      draft.spec.taints = taints;
    });
  }

  addPod(name: string, nodeName: string | undefined, tolerations: Toleration[] = [], extra: Partial<Manifest> = {}): Pod {
    return this.api.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'nginx' }], tolerations, ...(nodeName ? { nodeName } : {}) },
      ...extra,
    });
  }

  pod(name: string): Pod | undefined {
    return this.api.get<Pod>('Pod', name, 'default');
  }

  events(reason: string): string[] {
    return this.api.events
      .all()
      .filter((e) => e.reason === reason)
      .flatMap((e) => Array.from({ length: e.count }, () => e.message));
  }
}
