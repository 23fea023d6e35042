/**
 * The headless lesson checker (`npm run scenario -- lesson.yaml`): walks the
 * lesson as a learner who does exactly what each step asks, the moment it
 * asks, and checks on the engine that the lesson holds together — each
 * awaited action succeeds, each wait happens in time, each question's answer
 * agrees with what the engine does, each goal is met when its step ends —
 * while the scenario's own expectations are checked at their times as
 * `npm run scenario` always does.
 */
import { checkExpectation, eventMatches, podMatches } from '../scenario/expect';
import { ExpectationQueue } from '../scenario/expectation-queue';
import { buildSimulation, refusedObjects, scenarioEndMs, type RunOptions } from '../scenario/run';
import { Tracer, type TraceEntry } from '../scenario/trace';
import type { ExpectationCheck, ExpectationResult, ScenarioError, SourceRef } from '../scenario/types';
import { describeAction, type SimAction } from '../sim/actions';
import type { Pod } from '../sim/api/types';
import type { Simulation } from '../sim/simulation';
import { drainBoot } from '../sim/boot';
import { formatSeconds as formatMs } from '../scenario/timeline';
import { describeMeasure, describeWait } from './describe';
import { DEFAULT_WITHIN_MS, TIME_UNITS, type LessonFile, type LessonStep, type NumberQuestion, type Question } from './types';

/** One thing the checker verified in a step. */
export interface CheckLine {
  atMs: number;
  passed: boolean;
  text: string;
  path: string;
  line?: number;
}

export interface StepReport {
  id: string;
  title?: string;
  startMs: number;
  endMs: number;
  checks: CheckLine[];
}

export interface LessonReport {
  passed: boolean;
  steps: StepReport[];
  /** The scenario's own `expect` list, as `npm run scenario` reports it. */
  expectations: ExpectationResult[];
  trace: TraceEntry[];
  endMs: number;
}

export type LessonOutcome = { ok: true; report: LessonReport } | { ok: false; errors: ScenarioError[] };

export function checkLesson(file: LessonFile, options: RunOptions = {}): LessonOutcome {
  const built = buildSimulation(file.scenario, options);
  const tracer = new Tracer(built.sim);
  drainBoot(built.boot);
  const refused = refusedObjects(built);
  if (refused.length > 0) return { ok: false, errors: refused };
  const walk = new Walk(built.sim, new ExpectationQueue(file.scenario.expectations));
  const steps = file.lesson.steps.map((step) => walkStep(walk, step));
  const endMs = Math.max(scenarioEndMs(file.scenario), walk.sim.nowMs);
  walk.finish(endMs);
  const expectations = walk.results;
  const passed = expectations.every((e) => e.passed) && steps.every((s) => s.checks.every((c) => c.passed));
  return { ok: true, report: { passed, steps, expectations, trace: [...tracer.entries()], endMs } };
}

/** The simulation driven by the lesson, with the scenario's expectations checked at their times on the way. */
class Walk {
  readonly results: ExpectationResult[] = [];

  constructor(
    readonly sim: Simulation,
    private readonly queue: ExpectationQueue,
  ) {}

  /** Does an action now, after the expectations due now were checked; returns why it failed, if it did. */
  act(action: SimAction): string | undefined {
    this.results.push(...this.queue.checkUntil(this.sim, this.sim.nowMs));
    return this.sim.act(action).error;
  }

  /**
   * Runs instant by instant until `stop()` holds (checked now and after each
   * instant) or time reaches `limitMs`; returns whether it stopped on `stop`.
   */
  runUntil(limitMs: number, stop: () => boolean): boolean {
    if (stop()) return true;
    for (let next = this.sim.nextTimerAtMs(); next !== undefined && next <= limitMs; next = this.sim.nextTimerAtMs()) {
      this.results.push(...this.queue.checkBefore(this.sim, next));
      this.sim.step();
      if (stop()) return true;
    }
    this.results.push(...this.queue.checkUntil(this.sim, limitMs));
    this.sim.runUntil(limitMs);
    return stop();
  }

  holds(check: ExpectationCheck): boolean {
    return checkExpectation(this.sim, { atMs: this.sim.nowMs, check, source: { path: '' } }).passed;
  }

  /** "node zone-a-2 condition Ready is Unknown", as the scenario runner words it. */
  describe(check: ExpectationCheck): string {
    return checkExpectation(this.sim, { atMs: this.sim.nowMs, check, source: { path: '' } }).description;
  }

  finish(endMs: number): void {
    this.results.push(...this.queue.checkUntil(this.sim, Number.POSITIVE_INFINITY));
    this.sim.runUntil(endMs);
  }
}

function walkStep(walk: Walk, step: LessonStep): StepReport {
  const startMs = walk.sim.nowMs;
  const checks: CheckLine[] = [];
  const line = (passed: boolean, text: string, source: SourceRef) => checks.push({ atMs: walk.sim.nowMs, passed, text, ...source });
  const measured = trackMeasure(walk, step.question);
  for (const { action, source } of step.actions) {
    const error = walk.act(action);
    line(error === undefined, `the lesson does: ${describeAction(action)}${error ? ` — failed: ${error}` : ''}`, source);
  }
  const wait = step.wait;
  if (wait?.kind === 'action') {
    const error = walk.act(wait.action);
    line(error === undefined, `the learner does: ${describeAction(wait.action)}${error ? ` — failed: ${error}` : ''}`, wait.source);
  }
  measured.track();
  if (step.clock.mode === 'run') {
    walk.runUntil(startMs + step.clock.ms, measured.track);
  } else if (wait && wait.kind !== 'action') {
    const held = walk.runUntil(startMs + wait.withinMs, () => measured.track() || waitHolds(walk, wait, startMs));
    const what = describeWait(wait, (check) => walk.describe(check));
    line(held, held ? `${what}: held at ${formatMs(walk.sim.nowMs)}` : `${what}: did not happen within ${formatMs(wait.withinMs)} of the step's start (${formatMs(startMs)})`, wait.source);
  } else if (step.clock.mode === 'play' && step.goals.length > 0) {
    // The clock plays until the learner presses Next, which they can once every goal is met.
    walk.runUntil(startMs + DEFAULT_WITHIN_MS, () => measured.track() || step.goals.every((g) => walk.holds(g.check)));
  }
  if (step.question) checkQuestion(walk, step.question, measured.firstMs, startMs, line);
  for (const goal of step.goals) {
    const result = checkExpectation(walk.sim, { atMs: walk.sim.nowMs, check: goal.check, source: goal.source });
    line(result.passed, `goal "${goal.text}": ${result.description}${result.passed ? '' : ` — expected ${result.expected}, found ${result.found}`}`, goal.source);
  }
  const report: StepReport = { id: step.id, startMs, endMs: walk.sim.nowMs, checks };
  if (step.title !== undefined) report.title = step.title;
  return report;
}

function waitHolds(walk: Walk, wait: Exclude<LessonStep['wait'], undefined | { kind: 'action' }>, startMs: number): boolean {
  if (wait.kind === 'until') return walk.holds(wait.check);
  return walk.sim.api.events.all().some((r) => r.lastTimestampMs >= startMs && eventMatches(r, wait.filter));
}

/**
 * For a measured time answer: the first instant of the step at which the
 * expectation holds. `track` never stops the run (returns false).
 */
function trackMeasure(walk: Walk, question: Question | undefined): { track: () => boolean; firstMs: number | undefined } {
  const measure = question?.kind === 'number' ? question.measure : undefined;
  const state = {
    firstMs: undefined as number | undefined,
    track: (): boolean => {
      if (measure?.kind === 'time' && state.firstMs === undefined && walk.holds(measure.check)) state.firstMs = walk.sim.nowMs;
      return false;
    },
  };
  return state;
}

type Line = (passed: boolean, text: string, source: SourceRef) => void;

function checkQuestion(walk: Walk, question: Question, firstMs: number | undefined, startMs: number, line: Line): void {
  if (question.kind === 'number' && question.measure) checkNumber(walk, question, firstMs, startMs, line);
  for (const check of question.verify) {
    const result = checkExpectation(walk.sim, { atMs: walk.sim.nowMs, check, source: question.source });
    line(result.passed, `the revealed answer shows: ${result.description}${result.passed ? '' : ` — expected ${result.expected}, found ${result.found}`}`, question.source);
  }
}

function checkNumber(walk: Walk, question: NumberQuestion, firstMs: number | undefined, startMs: number, line: Line): void {
  const measure = question.measure!;
  const unit = question.unit ? ` ${question.unit}` : '';
  let found: number | undefined;
  if (measure.kind === 'pods') {
    found = [...walk.sim.api.list<Pod>('Pod')].filter((p) => podMatches(p, measure.filter)).length;
  } else if (firstMs !== undefined) {
    found = (firstMs - (measure.since === 'step' ? startMs : 0)) / TIME_UNITS[question.unit!]!;
  }
  const what = `answer ${question.answer}${unit} (± ${question.tolerance}) against the engine's ${describeMeasure(measure, (check) => walk.describe(check))}`;
  if (found === undefined) return line(false, `${what}: it did not hold by the time the answer is revealed (${formatMs(walk.sim.nowMs)})`, question.source);
  const passed = Math.abs(found - question.answer) <= question.tolerance;
  line(passed, `${what}: ${found}${unit}`, question.source);
}
