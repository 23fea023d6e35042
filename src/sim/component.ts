/**
 * What every simulated control-plane component gets, and the shape it has.
 * Components never call each other: they read and write API objects and
 * react to watch events, as upstream controllers do. A component's state is
 * plain data, so the world can be cloned.
 */
import type { ApiServer, Clock } from './apiserver/apiserver';
import type { Settings } from './config';
import type { Rng } from './core/rng';
import type { Timer, TimerQueue } from './core/timers';
import type { Network } from './network/network';
import type { ViewKind } from './views/changes';

export interface ComponentContext {
  readonly clock: Clock;
  readonly api: ApiServer;
  readonly timers: TimerQueue;
  readonly network: Network;
  readonly settings: Settings;
  /**
   * The world's random stream named `label` (e.g. 'kubelet'). The world owns
   * and snapshots it; a component keeps the returned object and draws from it.
   */
  rngStream(label: string): Rng;
  /** Says that state the page shows outside the API (machines, zones, evictions) changed just now. */
  viewChanged(kind: ViewKind): void;
}

export interface Component {
  /** Owner name of the component's timers; also its place in the per-instant order. */
  readonly name: string;
  /** A timer this component scheduled is due. */
  onTimer?(timer: Timer): void;
  /** Processes the work queued by watch handlers; returns whether it did anything. */
  sync?(): boolean;
  /** The component's state as plain data (for snapshots). */
  snapshot?(): unknown;
}
