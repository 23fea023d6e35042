/**
 * The lesson player's state machine (docs/lessons.md), in the worker beside
 * the session that owns the simulation. It walks the lesson as the headless
 * checker (src/lessons/check.ts) does, but the learner moves it: a step
 * asks its question first (nothing of it runs until the answer is locked),
 * then does its actions and sets the clock; it waits for the learner's
 * action (respond.ts says whether an action is the awaited one or which
 * hint answers it), for an expectation or an event (checked after every
 * instant the session runs), or for a run of fixed length to end; then it
 * reveals the answer and lets the learner leave once every goal holds.
 *
 * The session hands in what it owns (LessonHost): acting through the time
 * machine (so lesson actions are recorded inputs, exactly replayed), the
 * clock, and seeking (rewind goes back to the step's start).
 */
import type { LessonCommand, LessonFrame, LessonInfo, LessonReveal, LessonState, LessonStepInfo } from '../protocol/messages';
import { checkExpectation, eventMatches, podMatches } from '../scenario/expect';
import { failureReason, formatSeconds } from '../scenario/timeline';
import type { ExpectationCheck } from '../scenario/types';
import { describeAction, type SimAction } from '../sim/actions';
import type { Pod } from '../sim/api/types';
import type { Simulation } from '../sim/simulation';
import { describeWait } from '../lessons/describe';
import { respondToAction } from '../lessons/respond';
import { DEFAULT_WITHIN_MS, TIME_UNITS, type LessonFile, type LessonStep, type Question } from '../lessons/types';

export interface LessonHost {
  sim(): Simulation;
  /** Runs an action now, recorded in the history (at now + 1 ms, as a user action); returns why it failed. */
  act(action: SimAction): string | undefined;
  play(speed: number | undefined): void;
  pause(): void;
  /** Asks the session to show `atMs`; it calls `afterSeek` once it does. */
  seek(atMs: number): void;
  /** Runs the simulation (instant by instant, with `afterInstant` after each) until `limitMs` or the player says stop. */
  runUntil(limitMs: number): void;
  post(frame: LessonFrame): void;
}

/** The speed a lesson opens at, and plays at unless a step says otherwise. */
export const LESSON_SPEED = 10;

export class LessonPlayer {
  private index = 0;
  private phase: LessonState['phase'] = 'question';
  private stepStartMs = 0;
  /** Each step's start time on this line of history, for rewinding and links. */
  private readonly starts: number[] = [];
  private readonly completed = new Set<number>();
  private goals: boolean[] = [];
  private answer: number | undefined;
  private reveal: LessonReveal | undefined;
  private hint: string | undefined;
  /** For a measured time: the first instant of the step at which it held. */
  private measuredFirstMs: number | undefined;
  /** Events with a higher seq were recorded after the step started. */
  private eventSeqAtStart = 0;
  /** The end of a `run` step. */
  private runEndMs: number | undefined;
  private pendingRewind: number | null = null;
  private fixedSpeed: number | null = null;
  private sent = '';

  constructor(
    readonly file: LessonFile,
    private readonly host: LessonHost,
  ) {}

  get name(): string {
    return this.file.lesson.name;
  }

  private get step(): LessonStep {
    return this.file.lesson.steps[this.index]!;
  }

  /** Posts the lesson and opens its first step. */
  start(): void {
    this.host.post({ type: 'lesson', info: lessonInfo(this.file, this.host.sim()) });
    this.enter(0);
  }

  state(): LessonState {
    const state: LessonState = {
      step: this.index,
      phase: this.phase,
      stepStartMs: this.stepStartMs,
      goals: [...this.goals],
      completed: [...this.completed].sort((a, b) => a - b),
    };
    if (this.answer !== undefined) state.answer = this.answer;
    if (this.reveal) state.reveal = this.reveal;
    if (this.hint !== undefined) state.hint = this.hint;
    return state;
  }

  /** The end of the running `run` step: the session does not advance past it. */
  limitMs(): number | undefined {
    return this.phase === 'running' ? this.runEndMs : undefined;
  }

  command(command: LessonCommand): void {
    switch (command.do) {
      case 'answer':
        this.lockAnswer(command.answer);
        break;
      case 'next':
        this.next();
        break;
      case 'rewind':
        this.rewindTo(this.index);
        break;
      case 'goto':
        this.goto(command.step);
        break;
      case 'speed':
        this.fixedSpeed = command.factor;
        break;
    }
    this.post();
  }

  /**
   * After every instant the session ran (and after an action): checks the
   * wait, the goals and the measure. Returns true when the session must stop
   * advancing (the wait held, or the run ended): the clock pauses there.
   */
  afterInstant(): boolean {
    if (this.busy || (this.phase !== 'running' && this.phase !== 'done')) return false;
    const sim = this.host.sim();
    this.trackMeasure(sim);
    this.goals = this.step.goals.map((g) => holds(sim, g.check));
    let stop = false;
    if (this.phase === 'running') {
      if (this.runEndMs !== undefined) {
        if (sim.nowMs >= this.runEndMs) stop = this.finishWait();
      } else if (this.waitHeld(sim)) {
        stop = this.finishWait();
      }
    } else if (this.step.clock.mode === 'play' && !this.step.wait && this.goals.length > 0 && this.goals.every(Boolean) && this.playingForGoals) {
      // A play step with goals and no wait plays until they are met (the learner then presses Next).
      this.playingForGoals = false;
      stop = true;
    }
    if (this.hint !== undefined && this.goalHintShown && this.goals.every(Boolean)) {
      this.hint = undefined;
      this.goalHintShown = false;
    }
    this.post();
    return stop;
  }

  private playingForGoals = false;
  private goalHintShown = false;

  /** The learner did `action` (through the page); `error` when it failed. */
  learnerActed(action: SimAction, error: string | undefined): void {
    const response = respondToAction(this.step, action);
    if (this.phase === 'running' && response.kind === 'awaited' && error === undefined) {
      this.hint = undefined;
      this.finishWait();
    } else if (response.kind === 'awaited' && this.phase === 'question') {
      this.hint = 'Answer the question first: the lesson asks before it shows. Rewind the step to try again.';
    } else if (response.kind === 'hint') {
      this.hint = response.text;
    }
    this.afterInstant();
  }

  /** The session showed another instant (a seek or an undo); a rewind opens its step there. */
  afterSeek(): void {
    const rewind = this.pendingRewind;
    this.pendingRewind = null;
    if (rewind !== null) this.enter(rewind);
    this.post();
  }

  private post(): void {
    const state = this.state();
    const text = JSON.stringify(state);
    if (text === this.sent) return;
    this.sent = text;
    this.host.post({ type: 'lesson', state });
  }

  private enter(index: number): void {
    const sim = this.host.sim();
    this.index = index;
    this.stepStartMs = sim.nowMs;
    this.starts[index] = sim.nowMs;
    this.starts.length = index + 1;
    for (const i of [...this.completed]) if (i >= index) this.completed.delete(i);
    this.answer = undefined;
    this.reveal = undefined;
    this.hint = undefined;
    this.goalHintShown = false;
    this.measuredFirstMs = undefined;
    this.runEndMs = undefined;
    this.eventSeqAtStart = sim.api.events.lastSeq;
    this.goals = this.step.goals.map(() => false);
    this.host.pause();
    if (this.step.question) {
      this.phase = 'question';
      this.post();
      return;
    }
    this.begin();
  }

  /** The step's actions, then its clock; nothing waited for means it is done at once. */
  private begin(): void {
    const step = this.step;
    this.phase = 'running';
    this.busy = true;
    try {
      for (const { action } of step.actions) {
        const error = this.host.act(action);
        if (error !== undefined) this.hint = `The lesson could not do this: ${describeAction(action)} (${error}).`;
      }
    } finally {
      this.busy = false;
    }
    const sim = this.host.sim();
    this.trackMeasure(sim);
    // A run lasts from the step's start, as the checker times it (actions ran at now + 1 ms).
    if (step.clock.mode === 'run') this.runEndMs = this.stepStartMs + step.clock.ms;
    else if (!step.wait || (step.wait.kind !== 'action' && this.waitHeld(sim))) this.phase = 'done';
    if (this.phase === 'done') this.revealAnswer();
    this.goals = step.goals.map((g) => holds(sim, g.check));
    const goalsPending = step.goals.length > 0 && !this.goals.every(Boolean);
    const play = step.clock.mode === 'run' || (step.clock.mode === 'play' && (this.phase === 'running' || !step.wait) && (this.phase === 'running' || step.goals.length === 0 || goalsPending));
    this.playingForGoals = step.clock.mode === 'play' && !step.wait && goalsPending;
    if (play) this.host.play(this.fixedSpeed ?? (step.clock.mode === 'play' ? step.clock.speed : undefined) ?? LESSON_SPEED);
    this.post();
  }

  /** Set while the step's own actions run: their instants are not the learner's. */
  private busy = false;

  private goalsHold(): boolean {
    return this.step.goals.every((g) => holds(this.host.sim(), g.check));
  }

  /** The wait held or the run ended: the answer is revealed. Returns true (the clock stops). */
  private finishWait(): boolean {
    this.phase = 'done';
    this.runEndMs = undefined;
    this.host.pause();
    this.revealAnswer();
    return true;
  }

  private waitHeld(sim: Simulation): boolean {
    const wait = this.step.wait;
    if (!wait || wait.kind === 'action') return false;
    if (wait.kind === 'until') return holds(sim, wait.check);
    return sim.api.events.all().some((r) => r.seq > this.eventSeqAtStart && eventMatches(r, wait.filter));
  }

  private trackMeasure(sim: Simulation): void {
    const q = this.step.question;
    if (q?.kind !== 'number' || q.measure?.kind !== 'time' || this.measuredFirstMs !== undefined) return;
    if (holds(sim, q.measure.check)) this.measuredFirstMs = sim.nowMs;
  }

  private lockAnswer(answer: number): void {
    const q = this.step.question;
    if (this.phase !== 'question' || !q) throw new Error('this step has no question waiting for an answer');
    if (!Number.isFinite(answer)) throw new Error(`an answer must be a number, got ${String(answer)}`);
    if (q.kind === 'choice' && (!Number.isInteger(answer) || answer < 0 || answer >= q.choices.length)) {
      throw new Error(`choice ${answer} does not exist: the question has ${q.choices.length}`);
    }
    this.answer = answer;
    this.begin();
  }

  private revealAnswer(): void {
    const q = this.step.question;
    if (!q || this.answer === undefined) return;
    this.reveal = revealOf(q, this.answer, this.host.sim(), this.measuredFirstMs, this.stepStartMs);
  }

  private next(): void {
    if (this.phase === 'finished') return;
    const step = this.step;
    if (this.phase === 'question') {
      this.hint = 'Answer the question first.';
      return;
    }
    if (this.phase === 'running') {
      this.hint = step.wait ? `Not yet: the step is waiting ${waitWords(step.wait, this.host.sim())}.` : 'Not yet: the step is still running.';
      return;
    }
    const sim = this.host.sim();
    const unmet = step.goals.filter((g) => !holds(sim, g.check));
    if (unmet.length > 0) {
      this.hint = unmet.map((g) => g.hint ?? `Not yet: ${g.text}`).join(' ');
      this.goalHintShown = true;
      return;
    }
    this.completed.add(this.index);
    this.host.pause();
    if (this.index + 1 >= this.file.lesson.steps.length) {
      this.phase = 'finished';
      this.hint = undefined;
      return;
    }
    this.enter(this.index + 1);
  }

  private rewindTo(index: number): void {
    const atMs = this.starts[index];
    if (atMs === undefined) throw new Error(`step ${index + 1} has not started on this line of history`);
    this.host.pause();
    this.pendingRewind = index;
    this.host.seek(atMs);
  }

  /** An earlier step: rewind to its start; a later one: do what each step before it asks, as the checker does. */
  private goto(target: number): void {
    const steps = this.file.lesson.steps;
    if (!Number.isInteger(target) || target < 0 || target >= steps.length) throw new Error(`the lesson has no step ${target + 1}`);
    if (target <= this.index && this.phase !== 'finished') return target === this.index ? undefined : this.rewindTo(target);
    if (this.phase === 'finished') return this.rewindTo(target);
    while (this.index < target) {
      if (!this.completeStep()) return;
    }
  }

  /** Does the current step as the checker's learner does; false if it could not be completed. */
  private completeStep(): boolean {
    const step = this.step;
    const startIndex = this.index;
    if (this.phase === 'question') this.lockAnswer(rightAnswer(step.question!));
    if (this.phase === 'running' && step.wait?.kind === 'action') {
      const action = step.wait.action;
      this.learnerActed(action, this.host.act(action));
    }
    const limit = this.stepStartMs + (step.clock.mode === 'run' ? step.clock.ms : (step.wait && step.wait.kind !== 'action' ? step.wait.withinMs : DEFAULT_WITHIN_MS));
    if (this.phase === 'running') this.host.runUntil(limit);
    if (this.phase === 'done' && step.goals.length > 0 && !this.goalsHold()) {
      this.playingForGoals = true;
      this.host.runUntil(this.stepStartMs + DEFAULT_WITHIN_MS);
    }
    this.host.pause();
    this.next();
    return this.index !== startIndex || this.phase === 'finished';
  }
}

/** "for you to do this: node zone-a-2 loses power", "until node zone-a-2 condition Ready is Unknown". */
function waitWords(wait: NonNullable<LessonStep['wait']>, sim: Simulation): string {
  if (wait.kind === 'action') return `for you to do this: ${describeAction(wait.action)}`;
  return describeWait(wait, (c) => describe(sim, c)).replace(/^wait /, '');
}

function holds(sim: Simulation, check: ExpectationCheck): boolean {
  return checkExpectation(sim, { atMs: sim.nowMs, check, source: { path: '' } }).passed;
}

function describe(sim: Simulation, check: ExpectationCheck): string {
  return checkExpectation(sim, { atMs: sim.nowMs, check, source: { path: '' } }).description;
}

/** The right answer (for `goto`, which plays the learner who knows). */
function rightAnswer(q: Question): number {
  return q.kind === 'choice' ? q.choices.findIndex((c) => c.correct) : q.answer;
}

function formatNumber(value: number, unit: string | undefined): string {
  const rounded = Math.round(value * 1000) / 1000;
  return `${rounded}${unit ? ` ${unit}` : ''}`;
}

function revealOf(q: Question, answer: number, sim: Simulation, firstMs: number | undefined, startMs: number): LessonReveal {
  const verify = q.verify.map((check) => {
    const result = checkExpectation(sim, { atMs: sim.nowMs, check, source: q.source });
    return { text: result.description, passed: result.passed, ...(result.passed ? {} : { text: `${result.description} — ${failureReason(result)}` }) };
  });
  const base = { rule: q.rule, source: q.ruleSource, verify };
  if (q.kind === 'choice') {
    const picked = q.choices[answer]!;
    const right = q.choices.find((c) => c.correct)!;
    return { ...base, correct: picked.correct, given: picked.text, right: right.text, ...(picked.why !== undefined ? { why: picked.why } : {}) };
  }
  const reveal: LessonReveal = {
    ...base,
    correct: Math.abs(answer - q.answer) <= q.tolerance,
    given: formatNumber(answer, q.unit),
    right: formatNumber(q.answer, q.unit) + (q.tolerance > 0 ? ` (± ${q.tolerance})` : ''),
  };
  const measure = q.measure;
  if (measure?.kind === 'pods') {
    reveal.measured = formatNumber([...sim.api.list<Pod>('Pod')].filter((p) => podMatches(p, measure.filter)).length, q.unit);
  } else if (measure?.kind === 'time' && firstMs !== undefined && q.unit && TIME_UNITS[q.unit]) {
    // To 10 ms: the page stamps a learner's action 1 ms after the instant it was taken at (a recorded input), the checker at it.
    const ms = Math.round((firstMs - (measure.since === 'step' ? startMs : 0)) / 10) * 10;
    reveal.measured = formatNumber(ms / TIME_UNITS[q.unit]!, q.unit);
  }
  return reveal;
}

/** The kubectl command for an action a learner may type (cordon, drain, taint, scale, delete, …); undefined for the machine's own (kill, partition). */
export function kubectlFor(action: SimAction): string | undefined {
  const ns = 'namespace' in action && action.namespace && action.namespace !== 'default' ? ` -n ${action.namespace}` : '';
  switch (action.do) {
    case 'cordon':
    case 'uncordon':
      return `kubectl ${action.do} ${action.node}`;
    case 'drain':
      return `kubectl drain ${action.node} --ignore-daemonsets`;
    case 'delete-node':
    case 'taint':
    case 'untaint':
      return describeAction(action);
    case 'scale':
      return `kubectl scale ${action.kind.toLowerCase()}/${action.name} --replicas=${action.replicas}${ns}`;
    case 'delete':
      return `kubectl delete ${action.kind.toLowerCase()}/${action.name}${ns}${action.force ? ' --grace-period=0 --force' : ''}`;
    default:
      return undefined;
  }
}

function clockText(step: LessonStep): string {
  const clock = step.clock;
  if (clock.mode === 'pause') return 'pause';
  if (clock.mode === 'play') return clock.speed ? `play at ${clock.speed}×` : 'play';
  return `run ${formatSeconds(clock.ms)}`;
}

export function lessonInfo(file: LessonFile, sim: Simulation): LessonInfo {
  const { lesson } = file;
  const steps = lesson.steps.map((step): LessonStepInfo => {
    const info: LessonStepInfo = { id: step.id, text: step.text, clock: clockText(step), goals: step.goals.map((g) => g.text), sources: step.sources };
    if (step.title !== undefined) info.title = step.title;
    if (step.wait) info.wait = waitWords(step.wait, sim);
    if (step.wait?.kind === 'action') {
      const kubectl = kubectlFor(step.wait.action);
      info.awaited = { action: step.wait.action, description: describeAction(step.wait.action), ...(kubectl ? { kubectl } : {}) };
    }
    const q = step.question;
    if (q) {
      info.question =
        q.kind === 'choice'
          ? { kind: 'choice', prompt: q.prompt, choices: q.choices.map((c) => c.text) }
          : { kind: 'number', prompt: q.prompt, ...(q.unit !== undefined ? { unit: q.unit } : {}) };
    }
    return info;
  });
  return {
    name: lesson.name,
    title: lesson.title,
    summary: lesson.summary,
    topic: lesson.topic,
    ...(lesson.next !== undefined ? { next: lesson.next } : {}),
    learned: lesson.learned,
    steps,
  };
}
