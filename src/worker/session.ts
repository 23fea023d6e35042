/**
 * One simulation and its playback, driven by commands and by a pacing tick.
 * Knows nothing of workers: the host hands in a wall clock, a way to post
 * frames and a way to start and stop the tick, so tests drive it directly.
 * The pieces: pacing.ts (wall → simulated time), frames.ts (snapshot and
 * diff frames), explanations.ts (the followed "why?").
 */
import { describeAction, Simulation } from '../sim';
import type { CheckedExpectation, ScenarioInfo, SimCommand, SimFrame, SnapshotFrame } from '../protocol/messages';
import { parseScenario } from '../scenario/parse';
import { buildSimulation, refusedObjects } from '../scenario/run';
import { ExpectationQueue } from '../scenario/expectation-queue';
import { failureReason } from '../scenario/timeline';
import { checkExpectation } from '../scenario/expect';
import type { Expectation, ExpectationResult } from '../scenario/types';
import { DEFAULT_SEED, defaultNodes, defaultObjects } from './default-cluster';
import { DiffFrames, snapshotFrame } from './frames';
import { FollowedExplanation } from './explanations';
import { clampSpeed, startPace, tickPace, type Pace } from './pacing';

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

export class SimSession {
  private sim: Simulation | null = null;
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

  constructor(private readonly host: SessionHost) {}

  /** Runs one command; failures are posted as error frames, never thrown. */
  handle(command: SimCommand): void {
    try {
      this.run(command);
    } catch (error) {
      this.fail(error);
    }
  }

  /** One pacing tick: turn the wall time since the last tick into simulated time. */
  tick(): void {
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
    return this.sim ? snapshotFrame(this.sim, { playing: this.playing, speed: this.speed }, this.scenario) : null;
  }

  private run(command: SimCommand): void {
    if (command.type === 'boot') return this.boot(command, false);
    if (command.type === 'boot-scenario') return this.bootScenario(command, false);
    if (command.type === 'reset') return this.reset();
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
      case 'act': {
        const record = sim.act(command.action);
        this.flush();
        this.host.post({
          type: 'action-result',
          seq: record.seq,
          description: describeAction(command.action),
          ...(record.error !== undefined ? { error: record.error } : {}),
        });
        return;
      }
      default:
        throw new Error(`unknown command ${JSON.stringify(command)}`);
    }
    this.flush();
  }

  /** Boots what was booted last again, from t = 0, keeping playback as it is. */
  private reset(): void {
    if (!this.booted) throw new Error('nothing to reset: the simulation has not booted yet');
    if (this.booted.type === 'boot') this.boot(this.booted, true);
    else this.bootScenario(this.booted, true);
  }

  private boot(command: BootCommand, keepPlaying: boolean): void {
    const sim = new Simulation({
      seed: command.seed ?? DEFAULT_SEED,
      nodes: command.nodes ?? defaultNodes(),
      ...(command.settings ? { settings: command.settings } : {}),
    });
    sim.api.trackChanges();
    const objects = command.objects ?? (command.nodes ? [] : defaultObjects());
    const records = objects.map((object) => sim.schedule(0, { do: 'apply', object }));
    sim.runUntil(0);
    this.booted = command;
    this.start(sim, undefined, null, keepPlaying);
    for (const record of records) {
      if (record.error !== undefined) this.host.post({ type: 'error', message: `${describeAction(record.action)}: ${record.error}` });
    }
  }

  /** Parses and boots a scenario file; an invalid one leaves the running world as it is. */
  private bootScenario(command: ScenarioCommand, keepPlaying: boolean): void {
    const parsed = parseScenario(command.text);
    if (!parsed.ok) {
      this.host.post({ type: 'scenario-rejected', fileName: command.fileName, errors: parsed.errors });
      return;
    }
    const built = buildSimulation(parsed.scenario);
    built.sim.api.trackChanges();
    built.sim.runUntil(0);
    const refused = refusedObjects(built);
    if (refused.length > 0) {
      this.host.post({ type: 'scenario-rejected', fileName: command.fileName, errors: refused });
      return;
    }
    const { scenario } = parsed;
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
    this.booted = command;
    const info = {
      fileName: command.fileName,
      name: scenario.name,
      ...(scenario.description !== undefined ? { description: scenario.description } : {}),
      expectations,
    };
    this.start(built.sim, info, queue, keepPlaying);
  }

  /** Makes `sim` (run to t = 0) the session's world and posts its snapshot. */
  private start(sim: Simulation, scenario: ScenarioInfo | undefined, expectations: ExpectationQueue | null, keepPlaying: boolean): void {
    if (!keepPlaying) this.stop();
    this.pace = startPace(this.host.wallNowMs());
    this.sim = sim;
    this.scenario = scenario;
    this.expectations = expectations;
    this.checkedSinceFrame = [];
    const frame = snapshotFrame(sim, { playing: this.playing, speed: this.speed }, scenario);
    this.diffs = new DiffFrames(sim, frame);
    this.host.post(frame);
    this.explanation.restart();
    this.postExplanation(false);
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
    const sim = this.requireSim();
    for (let next = sim.nextTimerAtMs(); next !== undefined && next <= targetMs; next = sim.nextTimerAtMs()) {
      if (this.host.wallNowMs() > deadlineWallMs) return;
      this.runInstant(sim, next);
    }
    this.collect(this.expectations?.checkUntil(sim, targetMs));
    sim.runUntil(targetMs);
  }

  /**
   * Runs the instant at `atMs`: first checks the expectations due before it
   * (the state they see is now), then, once it has run, those due at it.
   */
  private runInstant(sim: Simulation, atMs: number): void {
    this.collect(this.expectations?.checkBefore(sim, Math.max(atMs, sim.nowMs)));
    sim.step();
    this.collect(this.expectations?.checkUntil(sim, sim.nowMs));
  }

  /** Keeps freshly checked expectations for the next frame. */
  private collect(results: ExpectationResult[] | undefined): void {
    if (!results || results.length === 0 || !this.expectations) return;
    const first = this.expectations.checked - results.length;
    results.forEach((result, i) => this.checkedSinceFrame.push({ index: first + i, ...outcomeOf(result) }));
  }

  /** Steps instant by instant until a Kubernetes Event is recorded, or an hour has passed. */
  private runToNextEvent(sim: Simulation): void {
    const seq = sim.api.events.lastSeq;
    const horizonMs = sim.nowMs + NEXT_EVENT_HORIZON_MS;
    const deadlineWallMs = this.host.wallNowMs() + COMMAND_BUDGET_MS;
    for (let next = sim.nextTimerAtMs(); next !== undefined && next <= horizonMs; next = sim.nextTimerAtMs()) {
      this.runInstant(sim, next);
      if (sim.api.events.lastSeq !== seq || this.host.wallNowMs() > deadlineWallMs) return;
    }
    this.collect(this.expectations?.checkUntil(sim, horizonMs));
    sim.runUntil(horizonMs);
  }

  /** Posts one diff with whatever changed since the last frame; nothing if nothing did. */
  private flush(): void {
    if (!this.diffs) return;
    const { frame, worldChanged } = this.diffs.next({ playing: this.playing, speed: this.speed }, this.checkedSinceFrame);
    if (frame) {
      this.checkedSinceFrame = [];
      this.host.post(frame);
    }
    this.postExplanation(worldChanged);
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

function outcomeOf(result: ExpectationResult): { passed: boolean; reason?: string } {
  return result.passed ? { passed: true } : { passed: false, reason: failureReason(result) };
}

/** The expectation's one-line description (checking it is the one way to get one; the check itself is discarded unless due). */
function describeExpectation(sim: Simulation, expectation: Expectation, checked: ExpectationResult | undefined): string {
  return (checked ?? checkExpectation(sim, expectation)).description;
}
