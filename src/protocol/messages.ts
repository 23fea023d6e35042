/**
 * Messages between the UI and the simulation worker. Types only, and every
 * message is plain JSON data (it crosses postMessage as a structured clone).
 *
 * Commands flow UI → worker; frames flow worker → UI: one full snapshot on
 * boot, then at most one squashed diff per tick, and nothing while nothing
 * changes.
 */
import type {
  EventRecord,
  ExplainTarget,
  Explanation,
  ExplanationLine,
  KubeObject,
  MachineView,
  Manifest,
  NodeConfig,
  ObjectChange,
  ScheduledEviction,
  Settings,
  SettingsOverrides,
  SimAction,
  ZoneState,
  ZoneView,
} from '../sim';
import type { ScenarioError } from '../scenario/types';

export type {
  EventRecord,
  ExplainTarget,
  ExplanationLine,
  KubeObject,
  MachineView,
  Manifest,
  NodeConfig,
  ObjectChange,
  ScenarioError,
  ScheduledEviction,
  Settings,
  SettingsOverrides,
  SimAction,
  ZoneState,
  ZoneView,
};

// ---- UI → worker -----------------------------------------------------------

export type SimCommand =
  /** (Re)builds the world at t = 0. Without `nodes`, the default cluster is used. */
  | { type: 'boot'; seed: number; nodes?: NodeConfig[]; objects?: Manifest[]; settings?: SettingsOverrides }
  /**
   * Parses a scenario file (scenario-format.md) and, if it is valid, boots
   * it: its settings, cluster, objects and scheduled actions. An invalid file
   * yields a `scenario-rejected` frame and leaves the running world alone.
   */
  | { type: 'boot-scenario'; fileName: string; text: string }
  /**
   * Follows one object's "why?": the worker answers with an `explanation`
   * frame now and again whenever the answer changes; null stops it.
   */
  | { type: 'explain'; target: ExplainTarget | null }
  | { type: 'play' }
  | { type: 'pause' }
  /** Simulated milliseconds per wall-clock millisecond; the worker clamps it to 1 … 600. */
  | { type: 'speed'; factor: number }
  /** Advances exactly `ms` of simulated time, playing or not. */
  | { type: 'step'; ms: number }
  /** Runs until the next Kubernetes Event is recorded (at most one simulated hour). */
  | { type: 'run-to-next-event' }
  /** Runs an action now, stamped with the current simulated time. */
  | { type: 'act'; action: SimAction }
  /**
   * Restarts what was booted last from t = 0: the same scenario file, or the
   * same cluster, seed and settings. Playback stays as it was (playing or
   * paused, same speed).
   */
  | { type: 'reset' }
  /**
   * Shows the world as it was at `atMs` (clamped to 0 … the latest simulated
   * time of this line of history) and pauses. The worker restores the nearest
   * checkpoint at or before it and replays the recorded input log, so what it
   * shows is exactly what the straight run showed then. Playing or stepping
   * from the past replays the recorded future; acting there forks (the future
   * after that instant is discarded, see `TimelineFrame.rewritten`). Seeks
   * that arrive faster than they can be answered are coalesced: only the
   * newest is answered, with a snapshot frame and a timeline frame.
   */
  | { type: 'seek'; atMs: number }
  /** Back to the latest simulated time of this line of history. */
  | { type: 'go-live' }
  /** Brings back the future the last fork discarded, and shows the instant the fork was made at. */
  | { type: 'undo-fork' };

// ---- worker → UI -----------------------------------------------------------

export interface PlaybackView {
  playing: boolean;
  speed: number;
}

/** Everything the UI holds, sent on boot and on reset. */
export interface SnapshotFrame extends PlaybackView {
  type: 'snapshot';
  seed: number;
  nowMs: number;
  /** Wall-clock milliseconds of simulated t = 0: API timestamps minus this are simulated ms. */
  epochMs: number;
  /** Every stored object, grouped by kind. */
  objects: Record<string, KubeObject[]>;
  /** The newest events, oldest first. */
  events: EventRecord[];
  zones: ZoneView[];
  /** Scheduled taint-eviction deletions, soonest first. */
  evictions: ScheduledEviction[];
  machines: MachineView[];
  partitionedZones: string[];
  /** The tunables in force, and upstream's defaults (for the settings panel). */
  settings?: { current: Settings; defaults: Settings };
  /** Set when the world was booted from a scenario file. */
  scenario?: ScenarioInfo;
}

export interface ScenarioInfo {
  fileName: string;
  name: string;
  description?: string;
  /** The file's expectations in the order they are checked: by time, then file order. */
  expectations: ScenarioExpectation[];
}

export interface ScenarioExpectation {
  atMs: number;
  /** One line: "node zone-a-1 condition Ready is Unknown". */
  text: string;
  /** Where it is in the file: "expect[3], line 22". */
  where: string;
  /** Absent until simulated time reaches `atMs` and everything at that instant has run. */
  outcome?: ExpectationOutcome;
}

/** An expectation checked at its time, as `npm run scenario` checks it. */
export interface ExpectationOutcome {
  passed: boolean;
  /** When it failed, the command line's reason: "expected Unknown, found True (expect[3], line 22)". */
  reason?: string;
}

/** The outcome of `ScenarioInfo.expectations[index]`. */
export interface CheckedExpectation extends ExpectationOutcome {
  index: number;
}

/**
 * What changed since the previous frame. `zones`, `evictions`, `machines`
 * and `partitionedZones` are present only when they changed (absent = keep
 * what you have); when present they are complete lists.
 */
export interface DiffFrame extends PlaybackView {
  type: 'diff';
  nowMs: number;
  changes: ObjectChange[];
  /**
   * Events recorded or repeated since the previous frame, oldest first. A
   * repeated event comes again with a higher seq and count; the UI replaces
   * its older copy.
   */
  events: EventRecord[];
  zones?: ZoneView[];
  evictions?: ScheduledEviction[];
  machines?: MachineView[];
  partitionedZones?: string[];
  /** The scenario's expectations checked since the previous frame, in checking order. */
  expectations?: CheckedExpectation[];
}

/** The outcome of an `act` command. */
export interface ActionResultFrame {
  type: 'action-result';
  /** The action's sequence number in the simulation's input log. */
  seq: number;
  /** One line of what the action does ("node zone-a-1 loses power"). */
  description: string;
  /** Why the action failed; absent when it succeeded. */
  error?: string;
}

/** Something went wrong in the worker; playback is paused. */
export interface ErrorFrame {
  type: 'error';
  message: string;
}

/** The answer to `explain` (sim/views/explain.ts): a chain of causes with times, oldest first. */
export interface ExplanationFrame extends Explanation {
  type: 'explanation';
}

/** A scenario file that could not be booted; the running world is unchanged. */
export interface ScenarioRejectedFrame {
  type: 'scenario-rejected';
  fileName: string;
  errors: ScenarioError[];
}

/** What a timeline marker stands for. */
export type TimelineMarkerKind =
  | 'action'
  | 'NodeNotReady'
  | 'TaintAdded'
  | 'TaintManagerEviction'
  | 'FailedScheduling'
  | 'ZoneState';

/** A moment that matters, drawn on the timeline and labelled on hover and focus. */
export interface TimelineMarker {
  atMs: number;
  kind: TimelineMarkerKind;
  /** One line: "kill node zone-a-1", "zone-a-2 NotReady", "zone-b: PartialDisruption". */
  label: string;
}

/** The cluster counted at one instant of a fixed simulated-time grid, for the charts. */
export interface ChartSample {
  atMs: number;
  /** Ready nodes per zone name. */
  readyNodes: Record<string, number>;
  /** Pods by what kubectl shows: Terminating wins over the phase. */
  pods: { Running: number; Pending: number; Terminating: number; Failed: number };
  /** TaintManagerEviction events since the previous sample. */
  evictions: number;
  /** FailedScheduling events since the previous sample. */
  failedScheduling: number;
}

/**
 * The recorded run as a timeline: how far it goes, which instant is shown,
 * its markers and chart samples. Posted on boot (reset: true), whenever the
 * latest time, the shown instant, the markers or the samples change, and
 * after a fork or its undo (reset: true).
 */
export interface TimelineFrame {
  type: 'timeline';
  /** The furthest simulated time of this line of history. */
  latestMs: number;
  /** The instant the page shows; equals latestMs when live. */
  viewMs: number;
  /** True when the shown instant is the latest one (acting does not fork). */
  live: boolean;
  /** True: markers and samples replace what the page holds; false: they are appended. */
  reset: boolean;
  markers: TimelineMarker[];
  samples: ChartSample[];
  /** The last fork ("history rewritten at 6m12s"); undoable while its discarded future is kept. */
  rewritten: { atMs: number; undoable: boolean } | null;
}

export type SimFrame = SnapshotFrame | DiffFrame | ActionResultFrame | ErrorFrame | ExplanationFrame | ScenarioRejectedFrame | TimelineFrame;
