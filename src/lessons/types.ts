/**
 * A lesson once parsed and validated (docs/lessons.md): a scenario (the
 * shared contract) plus the `lesson` section, with every value resolved
 * (durations in ms, actions as SimActions, expectations as the scenario
 * checks), so the headless checker and the lesson player need no further
 * checks.
 */
import type { ActionName, SimAction } from '../sim/actions';
import type { EventFilter, ExpectationCheck, PodFilter, Scenario, SourceRef } from '../scenario/types';

export interface LessonFile {
  scenario: Scenario;
  lesson: Lesson;
}

export interface Lesson {
  /** The scenario's name: the lesson's id in links and `next`. */
  name: string;
  title: string;
  /** One or two sentences for the lesson list (markdown). */
  summary: string;
  /** Lessons are listed grouped by topic, in the order of their files. */
  topic: string;
  /** Name of the lesson to suggest once this one is finished. */
  next?: string;
  /** What the learner has learnt, shown at the end (markdown, one item each). */
  learned: string[];
  steps: LessonStep[];
}

/**
 * What the step does to the clock when it starts. `pause`: time stands still
 * until the learner moves it; `play`: it plays (at `speed`× if given) and,
 * when the step waits for the simulation, pauses once the wait holds; `run`:
 * exactly `ms` of simulated time runs, then the clock pauses.
 */
export type StepClock = { mode: 'pause' } | { mode: 'play'; speed?: number } | { mode: 'run'; ms: number };

export interface LessonStep {
  /** For links (`#lesson/<name>/<id>`); unique in the lesson; defaults to the step's number. */
  id: string;
  title?: string;
  /** The narration (markdown). */
  text: string;
  clock: StepClock;
  /** Done by the lesson as the step starts, in order. */
  actions: LessonAction[];
  /** The step moves on by itself once this happened; without one, the learner presses Next. */
  wait?: StepWait;
  /** Asked before anything of the step runs; the answer is revealed once the wait held (or the run ended). */
  question?: Question;
  /** What must hold before the learner can leave the step, each shown with ✓ when met. */
  goals: Goal[];
  /** What to say when the learner does something else than the step waits for. */
  hints: Hint[];
  /** Upstream files the step's facts come from. */
  sources: string[];
  source: SourceRef;
}

export interface LessonAction {
  action: SimAction;
  source: SourceRef;
}

/** How long a wait may take, in simulated time, before the headless checker calls the lesson broken. */
export const DEFAULT_WITHIN_MS = 60 * 60 * 1000;

export type StepWait =
  /** The learner does this (the headless checker does it for them as the step starts). */
  | { kind: 'action'; action: SimAction; source: SourceRef }
  /** An expectation (the scenario `expect` forms, without `at`) becomes true. */
  | { kind: 'until'; check: ExpectationCheck; withinMs: number; source: SourceRef }
  /** A Kubernetes event matching the filter is recorded after the step started. */
  | { kind: 'event'; filter: EventFilter; withinMs: number; source: SourceRef };

export interface Goal {
  /** What the learner is to achieve, in words (markdown). */
  text: string;
  check: ExpectationCheck;
  /** Shown while the goal is not met and the learner asks to check. */
  hint?: string;
  source: SourceRef;
}

/** Matches an action the learner did: `do`, and each target field given. */
export interface ActionPattern {
  do: ActionName;
  node?: string;
  zone?: string;
  kind?: string;
  name?: string;
}

export interface Hint {
  when: ActionPattern;
  text: string;
  source: SourceRef;
}

interface QuestionBase {
  /** The question (markdown). */
  prompt: string;
  /** The rule that gives the right answer, shown with it (markdown). */
  rule: string;
  /** The upstream source of the rule (a file of kubernetes/kubernetes or kubernetes/website). */
  ruleSource: string;
  /** Expectations that hold when the answer is revealed (the headless checker proves them). */
  verify: ExpectationCheck[];
  source: SourceRef;
}

export interface Choice {
  text: string;
  correct: boolean;
  /** Why this choice is wrong (or right), shown when it was picked. */
  why?: string;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  choices: Choice[];
}

export interface NumberQuestion extends QuestionBase {
  kind: 'number';
  answer: number;
  /** Shown after the number; a time unit when the answer is measured as a time. */
  unit?: string;
  /** An answer within ± tolerance is right. */
  tolerance: number;
  /** How the engine gives the number, so the checker (and the player) can compare. */
  measure?: Measure;
}

export type Question = ChoiceQuestion | NumberQuestion;

export type Measure =
  /** The simulated time at which the expectation first holds, from t = 0 (`start`) or from the step's start (`step`). */
  | { kind: 'time'; check: ExpectationCheck; since: 'start' | 'step' }
  /** The number of pods matching the filter when the answer is revealed. */
  | { kind: 'pods'; filter: PodFilter };

/** Time units a measured time answer may be given in, as ms per unit. */
export const TIME_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };
