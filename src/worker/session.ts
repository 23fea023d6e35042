/**
 * One simulation and its playback, driven by commands and by a pacing tick.
 * Knows nothing of workers: the host hands in a wall clock, a way to post
 * frames and a way to start and stop the tick, so tests drive it directly.
 * The pieces: pacing.ts (wall → simulated time), frames.ts (snapshot and
 * diff frames), explanations.ts (the followed "why?"), timeline.ts (markers
 * and chart samples). The world belongs to a History (src/sim/history), the
 * time machine: every instant runs through it, so seeking, replaying the
 * recorded future and forking are exact.
 */
import { bootInSlices, describeAction, History, kubectlEquivalent, Simulation, type ActionRecord, type BootProgress, type RecordedInput, type SeekProgress, type SimAction } from '../sim';
import type { CheckedExpectation, ExpectationOutcome, ScenarioInfo, SimCommand, SimFrame, SnapshotFrame, TimelineFrame } from '../protocol/messages';
import { parseScenario } from '../scenario/parse';
import { buildSimulation, refusedObjects, type BuiltScenario } from '../scenario/run';
import type { Scenario } from '../scenario/types';
import { ExpectationQueue } from '../scenario/expectation-queue';
import { failureReason } from '../scenario/timeline';
import { checkExpectation } from '../scenario/expect';
import type { Expectation, ExpectationResult } from '../scenario/types';
import { DEFAULT_SEED, defaultNodes, defaultObjects } from './default-cluster';
import { DiffFrames, snapshotFrame } from './frames';
import { FollowedExplanation } from './explanations';
import { clampSpeed, startPace, tickPace, type Pace } from './pacing';
import { TimelineRecorder } from './timeline';
import { RunRecorder } from './run-recorder';
import { LESSON_SPEED, LessonPlayer } from './lesson';
import { hasLessonSection, parseLesson } from '../lessons/parse';
import { KubectlRunner } from './kubectl';
import { SentObjects } from './sent-objects';
import { runEditorCommand } from './editor';
import { actionLimitProblem } from '../scenario/action-limits';
import { PAGE_LIMITS } from '../kube/limits';
import type { Node } from '../sim/api/types';

export { MAX_SPEED, MAX_WALL_MS_PER_TICK, MIN_SPEED } from './pacing';

export interface SessionHost {
  post(frame: SimFrame): void;
  /** Monotonic wall-clock milliseconds (performance.now). */
  wallNowMs(): number;
  /** Starts (true) or stops (false) calling `tick` about once per animation frame. */
  setTicking(on: boolean): void;
}

/** Wall time the engine may run per tick; past it the sim falls behind rather than freezing the worker. */
export const ENGINE_BUDGET_MS_PER_TICK = 12;
/** How far "next event" looks ahead before giving up. */
export const NEXT_EVENT_HORIZON_MS = 60 * 60 * 1000;
/** Wall time "next event" and "step" may take before stopping where they are. */
const COMMAND_BUDGET_MS = 5_000;

type BootCommand = Extract<SimCommand, { type: 'boot' }>;
type ScenarioCommand = Extract<SimCommand, { type: 'boot-scenario' }>;

/** Wall time a long task (a boot's slices, src/sim/boot.ts) may take per tick before the worker posts progress and reads its messages. */
export const JOB_BUDGET_MS_PER_TICK = 100;

/** A task run in slices across ticks: its progress is posted, and `cancel` stops it. */
interface Job {
  label: string;
  unit: string;
  slices: Generator<BootProgress, void>;
  finish(): void;
  /** After `cancel`: what to do when the job had no world to fall back on. */
  cancelled(): void;
  /** After `cancel` with a world: put it back as it was (a seek half replayed); by default it stays. */
  cancelledWithWorld?(): void;
}

/** Instants a sliced seek replays between looks at the wall clock. */
const SEEK_SLICE_INSTANTS = 50;

/** A sliced seek as a job's slices: its progress in whole simulated seconds. */
function* seekSlices(slices: Generator<SeekProgress, void>): Generator<BootProgress, void> {
  for (let step = slices.next(); !step.done; step = slices.next()) {
    yield { done: Math.floor(step.value.doneMs / 1000), total: Math.ceil(step.value.totalMs / 1000) };
  }
}

/** What the page last heard about the timeline, to post only changes. */
interface TimelineSent {
  latestMs: number;
  viewMs: number;
  fork: string;
}

export class SimSession {
  private history: History | null = null;
  private timeline: TimelineRecorder | null = null;
  private timelineSent: TimelineSent | null = null;
  /** Set when the history replaced the world (seek, undo, a fork from an unfinished instant). */
  private restored = false;
  /** What the page holds of the mirrored objects (snapshots after a seek send only what differs). */
  private readonly sentObjects = new SentObjects();
  /** The newest seek not answered yet (answered on the next tick, so a burst of seeks costs one). */
  private pendingSeekMs: number | null = null;
  /** The outcome of each expectation (by checking order) as this line of history checked it. */
  private outcomes: (ExpectationOutcome | undefined)[] = [];
  private outcomesBeforeFork: (ExpectationOutcome | undefined)[] | null = null;
  private playing = false;
  private speed = 1;
  private pace: Pace = startPace(0);
  private diffs: DiffFrames | null = null;
  private readonly explanation = new FollowedExplanation();
  private scenario: ScenarioInfo | undefined;
  /** The booted scenario's expectations, checked as time passes. */
  private expectations: ExpectationQueue | null = null;
  /** Expectations checked since the last frame. */
  private checkedSinceFrame: CheckedExpectation[] = [];
  /** What `reset` boots again. */
  private booted: BootCommand | ScenarioCommand | null = null;
  /** Export and "expect this" (the input log itself belongs to the history). */
  private readonly recorder: RunRecorder;
  /** The loaded lesson's player (a scenario file with a `lesson` section); null otherwise. */
  private lesson: LessonPlayer | null = null;
  /** The console's kubectl (kubectl.ts). */
  private readonly kubectl: KubectlRunner;
  /** The long task under way, and the commands that arrived during it (run once it ends). */
  private job: Job | null = null;
  private waiting: SimCommand[] = [];

  constructor(private readonly host: SessionHost) {
    this.recorder = new RunRecorder((frame) => host.post(frame));
    this.kubectl = new KubectlRunner({ post: (frame) => host.post(frame), sim: () => this.sim, act: (action) => this.act(action) });
  }

  /** Runs one command; failures are posted as error frames, never thrown. */
  handle(command: SimCommand): void {
    try {
      if (command.type === 'cancel') return this.cancelJob();
      if (this.job && command.type !== 'boot' && command.type !== 'boot-scenario') {
        this.waiting.push(command);
        return;
      }
      this.run(command);
    } catch (error) {
      this.fail(error);
    }
  }

  private get sim(): Simulation | null {
    return this.history?.sim ?? null;
  }

  /** One pacing tick: answer the newest seek, or turn the wall time since the last tick into simulated time. */
  tick(): void {
    if (this.job) return this.continueJob();
    if (this.pendingSeekMs !== null) return this.answerSeek();
    if (!this.sim || !this.playing) return;
    try {
      const wallMs = this.host.wallNowMs();
      const { simMs, pace } = tickPace(this.pace, wallMs, this.speed);
      this.pace = pace;
      this.advanceTo(this.sim.nowMs + simMs, wallMs + ENGINE_BUDGET_MS_PER_TICK);
      this.flush();
    } catch (error) {
      this.fail(error);
    }
  }

  /** The snapshot frame a page opened now would get (nothing is posted, nothing drained); null before boot. */
  snapshotNow(): SnapshotFrame | null {
    return this.sim ? snapshotFrame(this.sim, { playing: this.playing, speed: this.speed }, this.scenarioAt(this.sim.nowMs)) : null;
  }

  private run(command: SimCommand): void {
    if (command.type === 'boot') return this.boot(command, false);
    if (command.type === 'boot-scenario') return this.bootScenario(command, false);
    if (command.type === 'reset') return this.reset();
    if (command.type === 'lesson') {
      if (!this.lesson) throw new Error('no lesson is loaded: open a lesson file first');
      this.lesson.command(command.command);
      return this.flush();
    }
    if (command.type === 'kubectl') return this.kubectl.run(command.id, command.line, command.stdin);
    if (command.type === 'kubectl-cancel') return this.kubectl.cancel();
    if (command.type === 'explain') {
      this.explanation.follow(command.target);
      return this.postExplanation(false);
    }
    const sim = this.requireSim();
    switch (command.type) {
      case 'play':
        if (!this.playing) {
          this.playing = true;
          this.pace = startPace(this.host.wallNowMs());
          this.host.setTicking(true);
        }
        break;
      case 'pause':
        this.stop();
        break;
      case 'speed':
        this.speed = clampSpeed(command.factor);
        break;
      case 'step':
        if (!Number.isFinite(command.ms) || command.ms < 0) throw new Error(`step must be a duration ≥ 0 ms, got ${String(command.ms)}`);
        this.advanceTo(sim.nowMs + Math.round(command.ms), this.host.wallNowMs() + COMMAND_BUDGET_MS);
        break;
      case 'run-to-next-event':
        this.runToNextEvent(sim);
        break;
      case 'export-run':
        // The whole line of history, to its latest time, whichever instant is shown.
        this.recorder.exportRun([...this.history!.inputs], this.history!.latestMs);
        return;
      case 'expect-this':
        this.recorder.expectThis(sim, command.target, [...this.history!.inputs]);
        return;
      case 'container-logs': {
        const { namespace, pod, container, previous } = command;
        this.host.post({ type: 'container-logs', namespace, pod, ...(container !== undefined ? { container } : {}), previous: previous ?? false, atMs: sim.nowMs, result: sim.containerLogs(command.namespace, command.pod, command.container, { previous: command.previous ?? false }) });
        return;
      }
      case 'act':
        this.act(command.action);
        return;
      case 'editor':
        this.host.post(runEditorCommand({ sim: () => this.sim!, act: (action) => this.act(action)?.error }, command.seq, command.op, command.text));
        return;
      case 'seek':
        if (!Number.isFinite(command.atMs)) throw new Error(`seek needs a time in ms, got ${String(command.atMs)}`);
        return this.requestSeek(command.atMs);
      case 'go-live':
        return this.requestSeek(this.history!.latestMs);
      case 'undo-fork':
        return this.undoFork();
      default:
        throw new Error(`unknown command ${JSON.stringify(command)}`);
    }
    this.flush();
  }

  /** Boots what was booted last again, from t = 0, keeping playback as it is. */
  private reset(): void {
    if (!this.booted) throw new Error('nothing to reset: the simulation has not booted yet');
    // From t = 0 without the recorded actions (a link's or a saved session's included).
    const bare = { ...this.booted };
    delete bare.inputs;
    delete bare.viewMs;
    delete bare.latestMs;
    if (bare.type === 'boot') this.boot(bare, true);
    else this.bootScenario(bare, true);
  }

  private boot(command: BootCommand, keepPlaying: boolean): void {
    const refusal = RunRecorder.refusal(command);
    if (refusal) {
      this.host.post({ type: 'error', message: refusal });
      if (this.sim) return;
      command = { type: 'boot', seed: command.seed };
    }
    const sim = new Simulation({
      seed: command.seed ?? DEFAULT_SEED,
      nodes: command.nodes ?? defaultNodes(),
      ...(command.settings ? { settings: command.settings } : {}),
    });
    sim.api.trackChanges();
    const objects = command.objects ?? (command.nodes ? [] : defaultObjects());
    const seed = command.seed;
    let records: ActionRecord[] = [];
    this.runJob({
      label: 'Booting the cluster',
      unit: 'objects',
      slices: (function* () {
        records = yield* bootInSlices(sim, objects);
      })(),
      finish: () => {
        this.start(sim, undefined, null, keepPlaying, command);
        this.booted = command;
        this.setLesson(null);
        for (const record of records) {
          if (record.error !== undefined) this.host.post({ type: 'error', message: `${describeAction(record.action)}: ${record.error}` });
        }
      },
      cancelled: () => this.boot({ type: 'boot', seed }, false),
    });
  }

  /**
   * Runs the job's first slice now; a job of one slice ends here, as if
   * unsliced. A longer one goes on in the ticks, posting progress; a boot
   * arriving meanwhile replaces it.
   */
  private runJob(job: Job): void {
    if (this.job) this.dropJob();
    const first = job.slices.next();
    if (first.done) return job.finish();
    this.job = job;
    this.postProgress(job, first.value);
    this.host.setTicking(true);
  }

  private continueJob(): void {
    const job = this.job!;
    const deadlineWallMs = this.host.wallNowMs() + JOB_BUDGET_MS_PER_TICK;
    try {
      let step = job.slices.next();
      while (!step.done && this.host.wallNowMs() < deadlineWallMs) step = job.slices.next();
      if (!step.done) return this.postProgress(job, step.value);
      this.job = null;
      this.host.post({ type: 'progress', label: job.label, unit: job.unit, done: 1, total: 1, finished: 'done' });
      job.finish();
    } catch (error) {
      this.job = null;
      this.waiting = [];
      this.fail(error);
    }
    this.host.setTicking(this.playing || this.pendingSeekMs !== null);
    const waiting = this.waiting.splice(0);
    for (const command of waiting) this.handle(command);
  }

  private postProgress(job: Job, progress: BootProgress): void {
    this.host.post({ type: 'progress', label: job.label, unit: job.unit, done: progress.done, total: progress.total });
  }

  /** Drops the job under way and what waited for it; says so to the page. */
  private dropJob(): Job | null {
    const job = this.job;
    if (!job) return null;
    this.job = null;
    this.waiting = [];
    this.host.post({ type: 'progress', label: job.label, unit: job.unit, done: 0, total: 1, finished: 'cancelled' });
    this.host.setTicking(this.playing || this.pendingSeekMs !== null);
    return job;
  }

  /** `cancel`: the world booted before stays as it was (playing resumes from now); with none, the job's fallback boots. */
  private cancelJob(): void {
    const job = this.dropJob();
    if (!job) return;
    this.pace = startPace(this.host.wallNowMs());
    if (!this.sim) job.cancelled();
    else job.cancelledWithWorld?.();
  }

  /** Parses and boots a scenario file; an invalid one leaves the running world as it is. */
  private bootScenario(command: ScenarioCommand, keepPlaying: boolean): void {
    // A lesson file is a scenario file with a `lesson` section (docs/lessons.md): the lesson parser reads both.
    const lessonFile = hasLessonSection(command.text) ? parseLesson(command.text) : null;
    const parsed = lessonFile ? (lessonFile.ok ? { ok: true as const, scenario: lessonFile.file.scenario } : lessonFile) : parseScenario(command.text);
    if (!parsed.ok) {
      this.host.post({ type: 'scenario-rejected', fileName: command.fileName, errors: parsed.errors });
      return;
    }
    const built = buildSimulation(parsed.scenario);
    built.sim.api.trackChanges();
    // A big file (thousands of objects) boots in slices with progress, as a generated boot; a cancel keeps the world before it.
    this.runJob({
      label: `Loading ${command.fileName}`,
      unit: 'objects',
      slices: built.boot,
      finish: () => this.startScenario(command, built, parsed.scenario, lessonFile, keepPlaying),
      cancelled: () => this.boot({ type: 'boot', seed: DEFAULT_SEED }, false),
    });
  }

  /** After a scenario file's t = 0 has run: refuses it for a refused object, else makes it the session's world. */
  private startScenario(command: ScenarioCommand, built: BuiltScenario, scenario: Scenario, lessonFile: ReturnType<typeof parseLesson> | null, keepPlaying: boolean): void {
    const refused = refusedObjects(built);
    if (refused.length > 0) {
      this.host.post({ type: 'scenario-rejected', fileName: command.fileName, errors: refused });
      return;
    }
    const queue = new ExpectationQueue(scenario.expectations);
    // Expectations at t = 0 hold or fail on the state the snapshot shows.
    const atStart = queue.checkUntil(built.sim, 0);
    const expectations = queue.ordered.map((e, index) => {
      const result = atStart[index];
      return {
        atMs: e.atMs,
        text: describeExpectation(built.sim, e, result),
        where: e.source.line !== undefined ? `${e.source.path}, line ${e.source.line}` : e.source.path,
        ...(result ? { outcome: outcomeOf(result) } : {}),
      };
    });
    const info = {
      fileName: command.fileName,
      name: scenario.name,
      ...(scenario.description !== undefined ? { description: scenario.description } : {}),
      expectations,
    };
    this.start(built.sim, info, queue, keepPlaying || lessonFile !== null, command);
    this.booted = command;
    if (lessonFile?.ok) {
      this.speed = LESSON_SPEED;
      this.setLesson(new LessonPlayer(lessonFile.file, this.lessonHost()));
    } else this.setLesson(null);
  }

  private setLesson(player: LessonPlayer | null): void {
    const had = this.lesson !== null;
    this.lesson = player;
    if (player) {
      player.start();
      this.flush();
    } else if (had) this.host.post({ type: 'lesson', info: null });
  }

  /** What the lesson player may do to the session. */
  private lessonHost() {
    return {
      sim: () => this.requireSim(),
      act: (action: SimAction) => this.act(action, false)?.error,
      play: (speed: number | undefined) => {
        if (speed !== undefined) this.speed = clampSpeed(speed);
        if (!this.playing) {
          this.playing = true;
          this.pace = startPace(this.host.wallNowMs());
          this.host.setTicking(true);
        }
      },
      pause: () => this.stop(),
      seek: (atMs: number) => this.requestSeek(atMs),
      runUntil: (limitMs: number) => this.advanceTo(limitMs, Number.POSITIVE_INFINITY),
      post: (frame: SimFrame) => this.host.post(frame),
    };
  }

  /**
   * Makes `sim` (run to t = 0) the session's world and posts its snapshot.
   * A recorded run's input log becomes this line's future, reaching to its
   * `latestMs`; the world runs to `viewMs` (absent: the latest time),
   * checking expectations on the way, and that is shown.
   */
  private start(
    sim: Simulation,
    scenario: ScenarioInfo | undefined,
    expectations: ExpectationQueue | null,
    keepPlaying: boolean,
    command: BootCommand | ScenarioCommand,
  ): void {
    const inputs: RecordedInput[] = (command.inputs ?? []).map(({ atMs, action }) => ({ atMs, action }));
    for (const [name, value] of [['viewMs', command.viewMs], ['latestMs', command.latestMs]] as const) {
      if (value !== undefined && !Number.isFinite(value)) throw new Error(`${name} must be a time in ms, got ${String(value)}`);
    }
    // Built first: a bad input log, or one over a limit, is refused before anything the user had is replaced.
    let nodeCount = countNodes(sim);
    for (const { atMs, action } of inputs) {
      const problem = actionLimitProblem(action, PAGE_LIMITS, { nodeCount });
      if (problem !== undefined) throw new Error(`the recorded action at ${atMs} ms (${describeAction(action)}) is refused: ${problem}`);
      if (action.do === 'add-node') nodeCount++;
    }
    const history = new History(sim, inputs, { latestMs: Math.max(0, command.latestMs ?? 0, command.viewMs ?? 0) });
    const viewMs = Math.min(history.latestMs, Math.max(0, command.viewMs ?? history.latestMs));
    if (!keepPlaying) this.stop();
    this.pace = startPace(this.host.wallNowMs());
    this.history = history;
    history.onRestore((world) => {
      world.api.trackChanges();
      this.restored = true;
    });
    this.timeline = new TimelineRecorder(sim);
    for (const input of inputs) this.timeline.action(input);
    this.scenario = scenario;
    this.expectations = expectations;
    this.outcomes = scenario ? scenario.expectations.map((e) => e.outcome) : [];
    this.outcomesBeforeFork = null;
    this.checkedSinceFrame = [];
    this.pendingSeekMs = null;
    if (viewMs > sim.nowMs) this.advanceTo(viewMs, Number.POSITIVE_INFINITY);
    this.checkedSinceFrame = [];
    this.postSnapshot(true);
    this.recorder.booted(command, [...history.inputs]);
  }

  /**
   * Posts the world as it is now, and the timeline (`resetTimeline`: all of
   * it). `timeTravel`: the page holds this session's world (a seek or an
   * undo), so the objects it has as they are are named, not sent.
   */
  private postSnapshot(resetTimeline: boolean, timeTravel = false): void {
    const sim = this.requireSim();
    this.restored = false;
    const frame = snapshotFrame(sim, { playing: this.playing, speed: this.speed }, this.scenarioAt(sim.nowMs));
    this.diffs = new DiffFrames(sim, frame);
    if (timeTravel) this.host.post(this.sentObjects.compact(frame));
    else {
      this.sentObjects.noteSnapshot(frame.objects);
      this.host.post(frame);
    }
    this.postTimeline(resetTimeline, true);
    this.explanation.restart();
    this.postExplanation(false);
  }

  /** The scenario's checklist as of `nowMs`: an expectation after it is pending. */
  private scenarioAt(nowMs: number): ScenarioInfo | undefined {
    const scenario = this.scenario;
    if (!scenario) return undefined;
    const expectations = scenario.expectations.map(({ atMs, text, where }, i) => {
      const outcome = atMs <= nowMs ? this.outcomes[i] : undefined;
      return { atMs, text, where, ...(outcome ? { outcome } : {}) };
    });
    return { ...scenario, expectations };
  }

  /**
   * Posts the timeline if anything on it changed: the latest or shown
   * instant, the fork, new markers or samples (`reset`: everything, to
   * replace what the page holds; `always`: even if nothing changed).
   */
  private postTimeline(reset: boolean, always = false): void {
    const history = this.history;
    const timeline = this.timeline;
    if (!history || !timeline) return;
    const sent: TimelineSent = { latestMs: history.latestMs, viewMs: history.nowMs, fork: JSON.stringify(history.fork) };
    const appended = reset ? null : timeline.appended();
    const previous = this.timelineSent;
    const changed = !previous || previous.latestMs !== sent.latestMs || previous.viewMs !== sent.viewMs || previous.fork !== sent.fork;
    if (!reset && !always && !appended && !changed) return;
    if (reset) timeline.markAllPosted();
    this.timelineSent = sent;
    const frame: TimelineFrame = {
      type: 'timeline',
      latestMs: history.latestMs,
      viewMs: history.nowMs,
      live: history.live,
      reset,
      markers: reset ? [...timeline.markers] : (appended?.markers ?? []),
      samples: reset ? [...timeline.samples] : (appended?.samples ?? []),
      rewritten: history.fork,
    };
    this.host.post(frame);
  }

  /** Runs the user's action at now + 1 ms; in the past, that forks the line of history first. */
  /** Runs an action now (forking when the past is shown); returns its record (with its error, if any). */
  private act(action: SimAction, byLearner = true): ActionRecord | undefined {
    const history = this.history!;
    const refusal = this.limitProblem(action);
    if (refusal !== undefined) return this.refuse(action, refusal);
    const timeline = this.timeline!;
    const forkAtMs = history.live ? null : history.nowMs;
    const input = history.act(action);
    if (forkAtMs !== null) {
      timeline.fork(history.sim, forkAtMs);
      this.outcomesBeforeFork = this.outcomes;
      this.outcomes = this.outcomes.map((o, i) => (this.scenario!.expectations[i]!.atMs <= forkAtMs ? o : undefined));
    }
    timeline.action(input);
    this.advanceTo(input.atMs, Number.POSITIVE_INFINITY);
    this.recorder.inputsMaybeChanged([...history.inputs]);
    const record = [...history.sim.actionLog()].reverse().find((r) => r.atMs === input.atMs);
    if (this.restored) this.postSnapshot(true, true);
    else {
      this.flush();
      if (forkAtMs !== null) this.postTimeline(true);
    }
    const kubectl = action.do === 'kubectl' ? null : kubectlEquivalent(action);
    this.host.post({
      type: 'action-result',
      seq: record?.seq ?? 0,
      description: describeAction(action),
      ...(kubectl ? { kubectl } : {}),
      ...(record?.error !== undefined ? { error: record.error } : {}),
    });
    if (byLearner && this.lesson) {
      this.lesson.learnerActed(action, record?.error);
      this.flush();
    }
    return record;
  }

  /** Why the action is over one of the page's limits (src/kube/limits.ts), or undefined. */
  private limitProblem(action: SimAction): string | undefined {
    return actionLimitProblem(action, PAGE_LIMITS, { nodeCount: countNodes(this.requireSim()) });
  }

  /** An action over a limit: not recorded, nothing runs; the page (and kubectl, the editor) hear why. */
  private refuse(action: SimAction, error: string): ActionRecord {
    const record: ActionRecord = { seq: 0, atMs: this.history!.nowMs, action, error, done: true };
    if (action.do === 'kubectl') record.output = { stdout: '', stderr: `error: ${error}`, exitCode: 1 };
    this.host.post({ type: 'action-result', seq: 0, description: describeAction(action), error });
    return record;
  }

  /** Pauses and answers on the next tick, so seeks arriving faster than answered cost only the newest. */
  private requestSeek(atMs: number): void {
    this.stop();
    this.pendingSeekMs = atMs;
    this.host.setTicking(true);
  }

  private answerSeek(): void {
    this.kubectl.cancel();
    const atMs = this.pendingSeekMs!;
    this.pendingSeekMs = null;
    if (!this.playing) this.host.setTicking(false);
    const history = this.history!;
    const fromMs = history.nowMs;
    try {
      // A replay within one tick's budget answers at once; a longer one goes on as a job, with progress and Cancel.
      // The budget starts after the restore (the first slice), so only a long replay makes it a job.
      const slices = history.seekInSlices(atMs, SEEK_SLICE_INSTANTS);
      let step = slices.next();
      const deadlineWallMs = this.host.wallNowMs() + JOB_BUDGET_MS_PER_TICK;
      while (!step.done && this.host.wallNowMs() < deadlineWallMs) step = slices.next();
      if (step.done) return this.afterTimeTravel(false);
      this.runJob({
        label: 'Seeking',
        unit: 'simulated seconds',
        slices: seekSlices(slices),
        finish: () => this.afterTimeTravel(false),
        cancelled: () => {},
        // Back to where the user was, exactly (the world was replaced mid-replay).
        cancelledWithWorld: () => {
          history.seek(fromMs);
          this.afterTimeTravel(false);
        },
      });
    } catch (error) {
      this.fail(error);
    }
  }

  private undoFork(): void {
    const history = this.history!;
    this.stop();
    this.pendingSeekMs = null;
    if (history.undoFork() === undefined) throw new Error('nothing to undo: history has not been rewritten, or its future was already restored');
    this.timeline!.undo(history.sim);
    if (this.outcomesBeforeFork) this.outcomes = this.outcomesBeforeFork;
    this.outcomesBeforeFork = null;
    this.recorder.inputsMaybeChanged([...history.inputs]);
    this.afterTimeTravel(true);
  }

  /** After a seek or undo: the checklist and timeline follow the world shown, and the page gets its snapshot. */
  private afterTimeTravel(resetTimeline: boolean): void {
    const sim = this.requireSim();
    this.timeline!.resync(sim);
    if (this.scenario && this.expectations) {
      this.expectations = new ExpectationQueue(this.expectations.ordered);
      this.expectations.skipUntil(sim.nowMs);
    }
    this.checkedSinceFrame = [];
    this.postSnapshot(resetTimeline, true);
    this.lesson?.afterSeek();
  }

  /** Posts the followed explanation if it may have changed and did. */
  private postExplanation(worldChanged: boolean): void {
    if (!this.sim) return;
    const frame = this.explanation.update(this.sim, worldChanged);
    if (frame) this.host.post(frame);
  }

  /**
   * Processes instants up to `targetMs`, then sets the clock to it. Past
   * `deadlineWallMs` it stops after the current instant, so a slow engine
   * makes the simulation lag instead of freezing the worker.
   */
  private advanceTo(targetMs: number, deadlineWallMs: number): void {
    const history = this.history!;
    // A lesson's run step ends at its time: nothing runs past it until the learner moves on.
    const limitMs = this.lesson?.limitMs();
    if (limitMs !== undefined) targetMs = Math.max(history.nowMs, Math.min(targetMs, limitMs));
    for (let next = history.nextInstantMs(targetMs); next !== undefined; next = history.nextInstantMs(targetMs)) {
      if (this.host.wallNowMs() > deadlineWallMs) return;
      this.runInstant(next);
      // The lesson's wait held: the clock stops at that instant.
      if (this.lesson?.afterInstant()) return this.stop();
    }
    this.collect(this.expectations?.checkUntil(history.sim, targetMs));
    history.runUntil(targetMs);
    this.timeline!.afterRun(history.sim);
    if (this.lesson?.afterInstant()) this.stop();
  }

  /**
   * Runs the instant at `atMs`: first checks the expectations due before it
   * (the state they see is now) and samples the charts' grid, then, once it
   * has run, checks those due at it and notes its markers.
   */
  private runInstant(atMs: number): void {
    const history = this.history!;
    this.collect(this.expectations?.checkBefore(history.sim, Math.max(atMs, history.nowMs)));
    this.timeline!.beforeInstant(history.sim, atMs);
    history.step();
    this.collect(this.expectations?.checkUntil(history.sim, history.nowMs));
    this.timeline!.afterInstant(history.sim);
  }

  /** Keeps freshly checked expectations for the next frame, and as this line's outcomes. */
  private collect(results: ExpectationResult[] | undefined): void {
    if (!results || results.length === 0 || !this.expectations) return;
    const first = this.expectations.checked - results.length;
    results.forEach((result, i) => {
      const outcome = outcomeOf(result);
      this.outcomes[first + i] = outcome;
      this.checkedSinceFrame.push({ index: first + i, ...outcome });
    });
  }

  /** Steps instant by instant until a Kubernetes Event is recorded, or an hour has passed. */
  private runToNextEvent(sim: Simulation): void {
    const history = this.history!;
    const seq = sim.api.events.lastSeq;
    const horizonMs = sim.nowMs + NEXT_EVENT_HORIZON_MS;
    const deadlineWallMs = this.host.wallNowMs() + COMMAND_BUDGET_MS;
    for (let next = history.nextInstantMs(horizonMs); next !== undefined; next = history.nextInstantMs(horizonMs)) {
      this.runInstant(next);
      if (this.lesson?.afterInstant()) return this.stop();
      if (history.sim.api.events.lastSeq !== seq || this.host.wallNowMs() > deadlineWallMs) return;
    }
    this.advanceTo(horizonMs, deadlineWallMs);
  }

  /** Posts one diff with whatever changed since the last frame; nothing if nothing did. */
  private flush(): void {
    this.kubectl.poll();
    if (this.restored) return this.postSnapshot(true, true);
    if (!this.diffs) return;
    const { frame, worldChanged } = this.diffs.next({ playing: this.playing, speed: this.speed }, this.checkedSinceFrame);
    if (frame) {
      this.checkedSinceFrame = [];
      this.sentObjects.noteChanges(frame.changes);
      this.host.post(frame);
    }
    this.postExplanation(worldChanged);
    this.postTimeline(false);
  }

  private stop(): void {
    if (!this.playing) return;
    this.playing = false;
    this.host.setTicking(false);
  }

  private fail(error: unknown): void {
    this.stop();
    const message = error instanceof Error ? error.message : String(error);
    this.host.post({ type: 'error', message });
    try {
      this.flush();
    } catch {
      // The error frame above already tells the UI; a second failure adds nothing.
    }
  }

  private requireSim(): Simulation {
    if (!this.sim) throw new Error('the simulation has not booted yet');
    return this.sim;
  }
}

function countNodes(sim: Simulation): number {
  return [...sim.api.list<Node>('Node')].length;
}

function outcomeOf(result: ExpectationResult): { passed: boolean; reason?: string } {
  return result.passed ? { passed: true } : { passed: false, reason: failureReason(result) };
}

/** The expectation's one-line description (checking it is the one way to get one; the check itself is discarded unless due). */
function describeExpectation(sim: Simulation, expectation: Expectation, checked: ExpectationResult | undefined): string {
  return (checked ?? checkExpectation(sim, expectation)).description;
}
