/**
 * One entry of `lesson.steps` (docs/lessons.md, "Steps"): its narration,
 * what it does to the clock, the actions the lesson does, what it waits
 * for, its question, goals and hints.
 */
import type { NodeContext } from '../scenario/parse-cluster';
import { readEventFilter } from '../scenario/parse-expect';
import type { Reader } from '../scenario/reader';
import type { SourceRef } from '../scenario/types';
import type { Path } from '../scenario/yaml-source';
import { readActionPattern, readCheck, readStepAction, readText, type References } from './parse-checks';
import { readQuestion } from './parse-question';
import { DEFAULT_WITHIN_MS, type Goal, type Hint, type LessonAction, type LessonStep, type StepClock, type StepWait } from './types';

const STEP_FIELDS = ['id', 'title', 'text', 'clock', 'actions', 'wait', 'question', 'goals', 'hints', 'sources'];
const WAIT_KINDS = ['action', 'until', 'event'];
export const STEP_ID = /^[a-z0-9-]+$/;

export interface StepContext {
  reader: Reader;
  nodes: NodeContext;
  refs: References;
  sourceRef: (path: Path) => SourceRef;
}

export function readStep(value: unknown, path: Path, index: number, ctx: StepContext): LessonStep | undefined {
  const { reader } = ctx;
  const fields = reader.mapping(value, path, STEP_FIELDS, ['text']);
  if (!fields) return undefined;
  const before = reader.problems.length;
  const id = fields.id === undefined ? String(index + 1) : reader.string(fields.id, [...path, 'id'], { nonEmpty: true });
  if (id !== undefined && !STEP_ID.test(id)) reader.error([...path, 'id'], `invalid step id ${JSON.stringify(id)}: use lower case letters, digits and '-' only`);
  const title = fields.title === undefined ? undefined : reader.string(fields.title, [...path, 'title'], { nonEmpty: true });
  const text = fields.text === undefined ? undefined : readText(fields.text, [...path, 'text'], reader);
  const clock = fields.clock === undefined ? ({ mode: 'pause' } as const) : readClock(fields.clock, [...path, 'clock'], reader);
  const actions = readList(fields.actions, [...path, 'actions'], reader, (v, p) => {
    const action = readStepAction(v, p, reader, ctx.nodes, ctx.refs);
    return action && { action, source: ctx.sourceRef(p) };
  }) as LessonAction[];
  const wait = fields.wait === undefined ? undefined : readWait(fields.wait, [...path, 'wait'], ctx);
  const question = fields.question === undefined ? undefined : readQuestion(fields.question, [...path, 'question'], reader, ctx.refs, ctx.sourceRef([...path, 'question']));
  const goals = readList(fields.goals, [...path, 'goals'], reader, (v, p) => readGoal(v, p, ctx)) as Goal[];
  const hints = readList(fields.hints, [...path, 'hints'], reader, (v, p) => readHint(v, p, ctx)) as Hint[];
  const sources = readList(fields.sources, [...path, 'sources'], reader, (v, p) => readText(v, p, reader)) as string[];
  if (clock?.mode === 'run' && wait && wait.kind !== 'action') {
    reader.error([...path, 'clock'], `a step that runs a fixed time cannot also wait for ${wait.kind === 'until' ? 'an expectation' : 'an event'}: use "clock: play" to play until the wait holds`);
  }
  if (reader.problems.length > before || id === undefined || text === undefined || !clock) return undefined;
  const step: LessonStep = { id, text, clock, actions, goals, hints, sources, source: ctx.sourceRef(path) };
  if (title !== undefined) step.title = title;
  if (wait) step.wait = wait;
  if (question) step.question = question;
  return step;
}

/** `pause`, `play`, `{play: <speed>}` or `{run: <duration>}`. */
function readClock(value: unknown, path: Path, reader: Reader): StepClock | undefined {
  if (value === 'pause') return { mode: 'pause' };
  if (value === 'play') return { mode: 'play' };
  if (typeof value === 'string') {
    reader.error(path, `expected "pause", "play", {play: <speed>} or {run: <duration>}, found "${value}"`);
    return undefined;
  }
  const fields = reader.mapping(value, path, ['play', 'run']);
  if (!fields) return undefined;
  if ((fields.play === undefined) === (fields.run === undefined)) {
    reader.error(path, 'a clock is either {play: <speed>} or {run: <duration>}');
    return undefined;
  }
  if (fields.run !== undefined) {
    const ms = reader.duration(fields.run, [...path, 'run'], { positive: true });
    return ms === undefined ? undefined : { mode: 'run', ms };
  }
  const speed = reader.number(fields.play, [...path, 'play'], { min: 1, max: 600 });
  return speed === undefined ? undefined : { mode: 'play', speed };
}

function readWait(value: unknown, path: Path, ctx: StepContext): StepWait | undefined {
  const { reader } = ctx;
  const head = reader.mapping(value, path, [...WAIT_KINDS, 'within']);
  if (!head) return undefined;
  const kinds = WAIT_KINDS.filter((k) => head[k] !== undefined);
  if (kinds.length !== 1) {
    reader.error(path, `a wait is exactly one of action (the learner does it), until (an expectation holds) or event (one is recorded) (found ${kinds.length === 0 ? 'none' : kinds.join(' and ')})`);
    return undefined;
  }
  const kind = kinds[0]!;
  const source = ctx.sourceRef([...path, kind]);
  if (kind === 'action') {
    if (head.within !== undefined) reader.error([...path, 'within'], 'the learner takes the time they need: "within" applies to until and event waits');
    const action = readStepAction(head.action, [...path, 'action'], reader, ctx.nodes, ctx.refs);
    return action && { kind, action, source };
  }
  const withinMs = head.within === undefined ? DEFAULT_WITHIN_MS : reader.duration(head.within, [...path, 'within'], { positive: true });
  if (withinMs === undefined) return undefined;
  if (kind === 'until') {
    const check = readCheck(head.until, [...path, 'until'], reader, ctx.refs);
    return check && { kind, check, withinMs, source };
  }
  const filter = readEventFilter(head.event, [...path, 'event'], reader);
  return filter && { kind: 'event', filter, withinMs, source };
}

function readGoal(value: unknown, path: Path, ctx: StepContext): Goal | undefined {
  const { reader } = ctx;
  const fields = reader.mapping(value, path, ['text', 'expect', 'hint'], ['text', 'expect']);
  if (!fields) return undefined;
  const text = fields.text === undefined ? undefined : readText(fields.text, [...path, 'text'], reader);
  const check = fields.expect === undefined ? undefined : readCheck(fields.expect, [...path, 'expect'], reader, ctx.refs);
  const hint = fields.hint === undefined ? undefined : readText(fields.hint, [...path, 'hint'], reader);
  if (text === undefined || !check || (fields.hint !== undefined && hint === undefined)) return undefined;
  const goal: Goal = { text, check, source: ctx.sourceRef(path) };
  if (hint !== undefined) goal.hint = hint;
  return goal;
}

function readHint(value: unknown, path: Path, ctx: StepContext): Hint | undefined {
  const { reader } = ctx;
  const fields = reader.mapping(value, path, ['when', 'text'], ['when', 'text']);
  if (!fields) return undefined;
  const when = fields.when === undefined ? undefined : readActionPattern(fields.when, [...path, 'when'], reader, ctx.refs);
  const text = fields.text === undefined ? undefined : readText(fields.text, [...path, 'text'], reader);
  return when && text !== undefined ? { when, text, source: ctx.sourceRef(path) } : undefined;
}

/** Each item of an optional list that reads without error. */
export function readList<T>(value: unknown, path: Path, reader: Reader, read: (value: unknown, path: Path) => T | undefined): T[] {
  if (value === undefined) return [];
  const out: T[] = [];
  (reader.list(value, path) ?? []).forEach((entry, i) => {
    const item = read(entry, [...path, i]);
    if (item !== undefined) out.push(item);
  });
  return out;
}
