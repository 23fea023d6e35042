/**
 * A scenario once parsed and validated (scenario-format.md): every value is
 * resolved (durations in ms, nodes as the engine's NodeConfig, actions as
 * SimActions with their time), so running it needs no further checks.
 */
import type { Manifest, NodeConfig, SettingsOverrides, SimAction } from '../sim';
import type { Selector } from '../sim/api/labels';

/** What is wrong with a scenario file, and where. */
export interface ScenarioError {
  /** Field path in the file, e.g. "actions[2].node"; "" for the file as a whole. */
  path: string;
  /** 1-based line and column in the file, when known. */
  line?: number;
  column?: number;
  message: string;
}

/** Where an entry of the file came from, for messages. */
export interface SourceRef {
  path: string;
  line?: number;
}

export interface Scenario {
  name: string;
  description?: string;
  seed: number;
  /** The `duration` field, if given; the run lasts at least until the last action/expectation + 1 s. */
  durationMs?: number;
  settings: SettingsOverrides;
  /** Nodes registered at t = 0 (cluster.zones, then cluster.nodes). */
  nodes: NodeConfig[];
  /** Manifests created at t = 0, in order. */
  objects: ScenarioObject[];
  /** In file order; the simulation runs them by time, then file order. */
  actions: ScheduledAction[];
  /** In file order. */
  expectations: Expectation[];
}

export interface ScenarioObject {
  manifest: Manifest;
  source: SourceRef;
}

export interface ScheduledAction {
  atMs: number;
  action: SimAction;
  source: SourceRef;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';
export type ZoneStateName = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** Pod filter of a `pods:` expectation: every field given must match. */
export interface PodFilter {
  namespace?: string;
  /** The selector as written, and parsed. */
  selector?: string;
  requirements?: Selector;
  ownerKind?: string;
  ownerName?: string;
  /** spec.nodeName; "" = unscheduled. */
  node?: string;
  phase?: PodPhase;
  terminating?: boolean;
  ready?: boolean;
}

/** What one expectation checks (one row of the contract's table). */
export type ExpectationCheck =
  | { kind: 'node-condition'; node: string; type: string; status: ConditionStatus }
  | { kind: 'node-taint'; node: string; key: string; effect: string; present: boolean }
  | { kind: 'node-exists'; node: string; exists: boolean }
  | { kind: 'zone-state'; zone: string; state: ZoneStateName }
  | { kind: 'pod-count'; filter: PodFilter; count: number }
  | { kind: 'pod'; namespace: string; name: string; aspects: PodAspects }
  | { kind: 'event-count'; filter: EventFilter; count: number }
  | { kind: 'event-exists'; filter: EventFilter; exists: boolean }
  | { kind: 'field'; object: { kind: string; namespace?: string; name: string }; field: string; path: FieldStep[]; equals: unknown }
  /** Requests to a Service (network/traffic.ts): in the second ending at `at`, or since its rate was first set. */
  | { kind: 'traffic'; namespace: string; service: string; window: 'lastSecond' | 'total'; ok?: number; failed?: number };

/** One step of a field path: a property, a list index, or the list item whose `key` is `value`. */
export type FieldStep = { property: string } | { index: number } | { key: string; value: string };

/**
 * Filter of an `events:` expectation (an extension of the contract): every
 * field given must match a recorded Kubernetes event.
 */
export interface EventFilter {
  reason: string;
  /** The involved object: kind and name; namespace undefined = cluster-scoped or `default`. */
  object?: { kind: string; namespace?: string; name: string };
  type?: 'Normal' | 'Warning';
  /** A substring of the message. */
  message?: string;
}

/** The states of one pod an expectation may check; at least one is set. */
export interface PodAspects {
  exists?: boolean;
  phase?: PodPhase;
  node?: string;
  terminating?: boolean;
  ready?: boolean;
}

export interface Expectation {
  atMs: number;
  check: ExpectationCheck;
  source: SourceRef;
}

export interface ExpectationResult {
  atMs: number;
  /** One line: "node zone-a-1 condition Ready is Unknown". */
  description: string;
  passed: boolean;
  expected: string;
  found: string;
  /** Where the expectation is in the file: "expect[3]", line 22. */
  path: string;
  line?: number;
}
