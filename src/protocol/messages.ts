/**
 * Messages between the UI and the simulation worker. Types only, and every
 * message is plain JSON data (it crosses postMessage as a structured clone).
 *
 * Commands flow UI → worker; frames flow worker → UI: one full snapshot on
 * boot, then at most one squashed diff per tick, and nothing while nothing
 * changes.
 */
import type {
  ContainerLogsResult,
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
  TrafficView,
  ZoneState,
  ZoneView,
} from '../sim';
import type { ScenarioError } from '../scenario/types';

export type {
  ContainerLogsResult,
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

/**
 * One user action of the recorded input log: it runs first in the instant
 * `atMs` (acting while the clock reads c records c + 1; see
 * src/sim/history/history.ts for the exact semantic).
 */
export interface RecordedInput {
  atMs: number;
  action: SimAction;
}

/** A recorded run to boot again: its input log replayed as the session's own inputs, then shown at `viewMs`. */
export interface ReplayFields {
  inputs?: RecordedInput[];
  /** Seek here once booted (clamped to the run's latest time); absent = the latest time. */
  viewMs?: number;
  /** How far the recorded line of history went (it may run past its last input and past `viewMs`). */
  latestMs?: number;
}

/**
 * The built-in default cluster's versioned name. Links and saved sessions
 * name it instead of embedding it; a worker whose default cluster is another
 * version refuses the name (error frame) rather than boot something else.
 */
export type DefaultClusterName = `default-cluster@${number}`;

/** The `boot` command without its replay: what the session booted, as links and saved sessions keep it. */
export interface ClusterBoot {
  type: 'boot';
  seed: number;
  nodes?: NodeConfig[];
  objects?: Manifest[];
  settings?: SettingsOverrides;
  /** With no `nodes`: the default cluster's version the run was recorded on. */
  defaultCluster?: DefaultClusterName;
}

/** The `boot-scenario` command without its replay. */
export interface ScenarioBoot {
  type: 'boot-scenario';
  fileName: string;
  text: string;
}

export type BootedRun = ClusterBoot | ScenarioBoot;

// ---- UI → worker -----------------------------------------------------------

export type SimCommand =
  /** (Re)builds the world at t = 0. Without `nodes`, the default cluster is used. */
  | (ClusterBoot & ReplayFields)
  /**
   * Parses a scenario file (scenario-format.md) and, if it is valid, boots
   * it: its settings, cluster, objects and scheduled actions. An invalid file
   * yields a `scenario-rejected` frame and leaves the running world alone.
   */
  | (ScenarioBoot & ReplayFields)
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
  | { type: 'undo-fork' }
  /**
   * Stops the long task under way (booting a big cluster, see ProgressFrame):
   * the world booted before it stays as it was (none: the default cluster
   * boots), and the commands sent after the cancelled boot are dropped.
   */
  | { type: 'cancel' }
  /** The page's heartbeat: the worker answers each with a `pong` of the same seq, at once (sim.worker.ts). */
  | { type: 'ping'; seq: number }
  /**
   * Test only: makes the worker hang (a busy loop), throw an uncaught error or
   * close itself, so the end-to-end tests can check the page notices. The
   * worker accepts it only when the page was opened with `?test-faults`.
   */
  | { type: 'fault'; fault: WorkerFault }
  /**
   * Writes the run as a scenario file (src/scenario/export.ts): what was
   * booted, the recorded inputs of this line of history, the loaded
   * scenario's expectations and those added by `expect-this`, lasting until
   * the latest simulated time. Answered by a `run-export` frame (or an error
   * frame naming what a file cannot say).
   */
  | { type: 'export-run' }
  /**
   * "Expect this": adds expectations for the target's state at the instant
   * shown (a node's Ready condition and taints, a pod's phase, node,
   * readiness and termination, a zone's state; "exists: false" once it is
   * gone) to what `export-run` writes. Answered by a `recording` frame.
   */
  | { type: 'expect-this'; target: ExplainTarget }
  /** Drives the loaded lesson's player (src/worker/lesson.ts); refused (error frame) when no lesson is loaded. */
  | { type: 'lesson'; command: LessonCommand }
  /**
   * A kubectl command line from the console (src/sim/kubectl). Read-only
   * lines answer at once from the instant shown; mutating ones are recorded
   * as a `kubectl` action, exactly as `act` records (in the past, that
   * forks). `stdin` is what `-f -` reads: YAML or JSON manifests. Answered by
   * `kubectl-output` frames with the same id; `get -w`, `rollout status` and
   * `drain` stream as simulated time moves, until done or cancelled. A new
   * kubectl command cancels the running stream.
   */
  | { type: 'kubectl'; id: number; line: string; stdin?: string }
  /** Ctrl+C: stops the running kubectl stream (its last frame has done: true). */
  | { type: 'kubectl-cancel' }
  /**
   * `kubectl logs [--previous] <pod> [-c <container>]` at the instant shown:
   * answered by a `container-logs` frame with the lines or the API server's
   * error (an unreachable node gives the proxy's dial error).
   */
  | ContainerLogsRequest
  /**
   * The YAML editor (src/worker/editor.ts): `validate` checks every document
   * of `text` as the API server would (nothing changes); `dry-run` answers
   * with each object's diff against the live one (kubectl diff); `apply` and
   * `delete` run one `apply`/`delete` action per document through the same
   * path as `act` (so acting in the past forks). Answered by an
   * `editor-result` frame with the same `seq`.
   */
  | { type: 'editor'; seq: number; op: EditorOp; text: string };

export interface ContainerLogsRequest {
  type: 'container-logs';
  namespace: string;
  pod: string;
  container?: string;
  previous?: boolean;
}

export type EditorOp = 'validate' | 'dry-run' | 'apply' | 'delete';

export type WorkerFault = 'hang' | 'throw' | 'close';

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
  /** Every stored object, grouped by kind (but those in `kept`). */
  objects: Record<string, KubeObject[]>;
  /**
   * After a seek: keys, by kind, of objects the page already holds exactly
   * as they are (the last ones it was sent), so not sent again. The page's
   * other objects of these kinds are gone.
   */
  kept?: Record<string, string[]>;
  /** The newest events, oldest first. */
  events: EventRecord[];
  zones: ZoneView[];
  /** Scheduled taint-eviction deletions, soonest first. */
  evictions: ScheduledEviction[];
  machines: MachineView[];
  partitionedZones: string[];
  /** Per Service that has had traffic: its rate and recent request counts. */
  traffic?: TrafficView[];
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
  traffic?: TrafficView[];
  /** The scenario's expectations checked since the previous frame, in checking order. */
  expectations?: CheckedExpectation[];
}

/** Output of a `kubectl` command (one or more frames per id; the last has done: true). */
export interface KubectlOutputFrame {
  type: 'kubectl-output';
  id: number;
  /** One or more lines, without a trailing newline; may be empty on the final frame. */
  text: string;
  stream: 'stdout' | 'stderr';
  done: boolean;
  /** On the final frame: kubectl's exit status. */
  exitCode?: number;
}

/** The outcome of an `act` command. */
export interface ActionResultFrame {
  type: 'action-result';
  /** The kubectl command that does the same, for the console's echo of a click (absent: kubectl cannot do it). */
  kubectl?: string;
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

/** The answer to a `container-logs` command, read at `atMs`. */
export interface ContainerLogsFrame extends Omit<ContainerLogsRequest, 'type'> {
  type: 'container-logs';
  atMs: number;
  result: ContainerLogsResult;
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
  /** Requests to every Service counted up to this instant (running totals: the charts take differences); absent = none yet. */
  requests?: { ok: number; failed: number };
  /** The same running totals per Service "ns/name" that has traffic (the Requests lane draws one series pair per Service). */
  services?: Record<string, { ok: number; failed: number }>;
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

/**
 * A task that takes more than one slice of the worker's time (booting a big
 * cluster or loading a big scenario file: its objects are applied at t = 0 in
 * slices, src/sim/boot.ts).
 * Posted after each slice, so the page can show progress and offer `cancel`;
 * commands other than `cancel`, `ping` and another boot wait until it ends.
 * The last frame of a task has `finished`.
 */
export interface ProgressFrame {
  type: 'progress';
  /** One line: "Booting the cluster". */
  label: string;
  done: number;
  total: number;
  /** What is counted: "objects". */
  unit: string;
  /** Set on the task's last frame. */
  finished?: 'done' | 'cancelled';
}

/** The answer to a `ping`. */
export interface PongFrame {
  type: 'pong';
  seq: number;
}

/**
 * What the session recorded, for share links and the saved session: posted
 * on every boot (with `boot`), and whenever the input log or the added
 * expectations change (without `boot`: keep the one you have).
 */
export interface RecordingFrame {
  type: 'recording';
  /** What was booted; present on boot and reset. */
  boot?: BootedRun;
  /** This line of history's inputs, in time order (complete, not appended). */
  inputs: RecordedInput[];
  /** Expectations added by `expect-this`, one line each ("pod default/web-1 phase Running at 1m2s"). */
  addedExpectations: string[];
}

/** The answer to `export-run`. */
export interface RunExportFrame {
  type: 'run-export';
  /** A file name to save it as: "default-cluster-run.yaml". */
  fileName: string;
  /** The scenario file (YAML). */
  text: string;
  /** The run's trace up to `untilMs`, hashed as src/scenario/trace-hash.ts does (the page's own run, replayed from its inputs). */
  traceHash: string;
  untilMs: number;
}

/** A problem placed in the editor's text: offsets from the start of the whole buffer, 1-based line and column. */
export interface EditorProblem {
  from: number;
  to: number;
  line: number;
  column: number;
  message: string;
}

/** What happened (or would happen) to one document of the buffer. */
export interface EditorDocumentResult {
  /** The document's index in the buffer (0-based). */
  index: number;
  /** "deployment.apps/web", or "" when the document names no object. */
  object: string;
  /** The outcome as kubectl prints it: "deployment.apps/web configured", "Error from server (Conflict): …". */
  line: string;
  outcome: 'created' | 'configured' | 'unchanged' | 'deleted' | 'error' | 'empty';
  problems: EditorProblem[];
  /** dry-run: the unified diff of the live object against what it would become (kubectl diff); "" when nothing would change. */
  diff?: string;
}

/** The answer to an `editor` command. */
export interface EditorResultFrame {
  type: 'editor-result';
  seq: number;
  op: EditorOp;
  documents: EditorDocumentResult[];
  /** A problem with the whole buffer (over a limit), named with the limit. */
  error?: string;
}

export type SimFrame =
  | EditorResultFrame
  | SnapshotFrame
  | DiffFrame
  | ActionResultFrame
  | ErrorFrame
  | ExplanationFrame
  | ContainerLogsFrame
  | ScenarioRejectedFrame
  | TimelineFrame
  | RecordingFrame
  | RunExportFrame
  | LessonFrame
  | KubectlOutputFrame
  | ProgressFrame
  | PongFrame;

// ---- lessons (docs/lessons.md; the player's state machine is src/worker/lesson.ts) ----

/**
 * What the learner does in the lesson player. `answer` locks the step's
 * question (a choice's index, or the number); `next` leaves the step once its
 * wait held and its goals are met (else the goals' hints are shown);
 * `rewind` goes back to the step's start (a `seek`: acting there forks);
 * `goto` opens a step by index (an earlier one by rewinding to its start, a
 * later one by doing what the steps before it ask, as `npm run scenario`
 * walks a lesson); `speed`: a fixed playback speed for every step (null: the
 * steps' own).
 */
export type LessonCommand =
  | { do: 'answer'; answer: number }
  | { do: 'next' }
  | { do: 'rewind' }
  | { do: 'goto'; step: number }
  | { do: 'speed'; factor: number | null };

/** The loaded lesson as the player shows it (answers stay in the worker until revealed). */
export interface LessonInfo {
  name: string;
  title: string;
  summary: string;
  topic: string;
  next?: string;
  learned: string[];
  steps: LessonStepInfo[];
}

export interface LessonStepInfo {
  id: string;
  title?: string;
  /** Markdown. */
  text: string;
  /** What the clock does as the step starts: "pause", "play", "play at 30×", "run 1m2s". */
  clock: string;
  /** What the step waits for, in words ("node zone-a-2 condition Ready is Unknown"). */
  wait?: string;
  /** The action the learner is asked to do, with its words and, when kubectl can do it, the command. */
  awaited?: { action: SimAction; description: string; kubectl?: string };
  question?: LessonQuestionInfo;
  goals: string[];
  sources: string[];
}

export type LessonQuestionInfo =
  | { kind: 'choice'; prompt: string; choices: string[] }
  | { kind: 'number'; prompt: string; unit?: string };

/** Where the learner is. `question`: asked, nothing of the step has run; `running`: waiting; `done`: the wait held (or there is none); `finished`: the last step was left. */
export type LessonPhase = 'question' | 'running' | 'done' | 'finished';

export interface LessonReveal {
  correct: boolean;
  /** The locked answer in words ("115 s", "The controller has not heard from the node."). */
  given: string;
  /** The right answer in words. */
  right: string;
  /** What the engine measured, when the question measures ("115 s"). */
  measured?: string;
  /** Why the picked choice is wrong (or right), when the file says. */
  why?: string;
  rule: string;
  source: string;
  /** The question's `verify` expectations as checked when revealed. */
  verify: { text: string; passed: boolean }[];
}

export interface LessonState {
  step: number;
  phase: LessonPhase;
  stepStartMs: number;
  /** One per goal of the step: met now. */
  goals: boolean[];
  /** The answer locked in, by index or number. */
  answer?: number;
  reveal?: LessonReveal;
  /** A hint answering the learner's last move (a wrong action, Next with a goal unmet). */
  hint?: string;
  /** Steps left so far (indices). */
  completed: number[];
}

/** Posted when a lesson boots (`info`), when something else boots after one (`info: null`), and whenever the player's state changes. */
export interface LessonFrame {
  type: 'lesson';
  info?: LessonInfo | null;
  state?: LessonState;
}
