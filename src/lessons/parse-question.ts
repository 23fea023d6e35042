/**
 * A step's `question` (docs/lessons.md, "Questions"): predict, then reveal.
 * Multiple choice (exactly one right choice) or a number with a tolerance
 * and a unit; either way the rule that gives the answer and its upstream
 * source, and optionally what the engine shows once it is revealed.
 */
import { readPodFilter } from '../scenario/parse-expect';
import type { Reader } from '../scenario/reader';
import type { Path } from '../scenario/yaml-source';
import { readCheck, readText, type References } from './parse-checks';
import { TIME_UNITS, type Choice, type Measure, type Question } from './types';
import type { SourceRef } from '../scenario/types';

const COMMON = ['prompt', 'rule', 'source', 'verify'];
const CHOICE_FIELDS = [...COMMON, 'choices'];
const NUMBER_FIELDS = [...COMMON, 'answer', 'unit', 'tolerance', 'measure'];

export function readQuestion(value: unknown, path: Path, reader: Reader, refs: References, source: SourceRef): Question | undefined {
  const head = reader.mapping(value, path, 'any');
  if (!head) return undefined;
  const hasChoices = head.choices !== undefined;
  const hasAnswer = head.answer !== undefined;
  if (hasChoices === hasAnswer) {
    reader.error(path, `a question has either choices (multiple choice) or an answer (a number)${hasChoices ? ', not both' : ''}`);
    return undefined;
  }
  const fields = reader.mapping(value, path, hasChoices ? CHOICE_FIELDS : NUMBER_FIELDS, ['prompt', 'rule', 'source']);
  if (!fields) return undefined;
  const text = (field: string) => (fields[field] === undefined ? undefined : readText(fields[field], [...path, field], reader));
  const prompt = text('prompt');
  const rule = text('rule');
  const ruleSource = text('source');
  const verify: Question['verify'] = [];
  let ok = prompt !== undefined && rule !== undefined && ruleSource !== undefined;
  if (fields.verify !== undefined) {
    (reader.list(fields.verify, [...path, 'verify']) ?? []).forEach((entry, i) => {
      const check = readCheck(entry, [...path, 'verify', i], reader, refs);
      if (check) verify.push(check);
      else ok = false;
    });
  }
  const base = { prompt: prompt ?? '', rule: rule ?? '', ruleSource: ruleSource ?? '', verify, source };
  if (hasChoices) {
    const choices = readChoices(fields.choices, [...path, 'choices'], reader);
    return ok && choices ? { kind: 'choice', ...base, choices } : undefined;
  }
  const number = readNumber(fields, path, reader, refs);
  return ok && number ? { kind: 'number', ...base, ...number } : undefined;
}

function readChoices(value: unknown, path: Path, reader: Reader): Choice[] | undefined {
  const list = reader.list(value, path);
  if (!list) return undefined;
  const choices: Choice[] = [];
  let ok = true;
  list.forEach((entry, i) => {
    const at = [...path, i];
    const fields = reader.mapping(entry, at, ['text', 'correct', 'why'], ['text']);
    const text = fields?.text === undefined ? undefined : readText(fields.text, [...at, 'text'], reader);
    const correct = fields?.correct === undefined ? false : reader.boolean(fields.correct, [...at, 'correct']);
    const why = fields?.why === undefined ? undefined : readText(fields.why, [...at, 'why'], reader);
    if (text === undefined || correct === undefined || (fields?.why !== undefined && why === undefined)) ok = false;
    else choices.push(why === undefined ? { text, correct } : { text, correct, why });
  });
  if (!ok) return undefined;
  if (list.length < 2) {
    reader.error(path, `a multiple-choice question needs at least 2 choices, found ${list.length}`);
    return undefined;
  }
  const right = choices.filter((c) => c.correct).length;
  if (right !== 1) {
    reader.error(path, `exactly one choice has "correct: true", found ${right}`);
    return undefined;
  }
  return choices;
}

type NumberPart = { answer: number; tolerance: number; unit?: string; measure?: Measure };

function readNumber(fields: Record<string, unknown>, path: Path, reader: Reader, refs: References): NumberPart | undefined {
  const answer = reader.number(fields.answer, [...path, 'answer']);
  const tolerance = fields.tolerance === undefined ? 0 : reader.number(fields.tolerance, [...path, 'tolerance'], { min: 0 });
  const unit = fields.unit === undefined ? undefined : reader.string(fields.unit, [...path, 'unit'], { nonEmpty: true });
  const measure = fields.measure === undefined ? undefined : readMeasure(fields.measure, [...path, 'measure'], reader, refs);
  if (answer === undefined || tolerance === undefined) return undefined;
  if ((fields.unit !== undefined && unit === undefined) || (fields.measure !== undefined && measure === undefined)) return undefined;
  if (measure?.kind === 'time' && (unit === undefined || TIME_UNITS[unit] === undefined)) {
    const units = Object.keys(TIME_UNITS).map((u) => `"${u}"`).join(', ');
    reader.error([...path, 'unit'], `a measured time needs its unit: one of ${units}${unit === undefined ? '' : `, found "${unit}"`}`);
    return undefined;
  }
  const part: NumberPart = { answer, tolerance };
  if (unit !== undefined) part.unit = unit;
  if (measure) part.measure = measure;
  return part;
}

/** `{when: <expectation>, since?: start|step}` (a time) or `{pods: <filter>}` (a count). */
function readMeasure(value: unknown, path: Path, reader: Reader, refs: References): Measure | undefined {
  const head = reader.mapping(value, path, 'any');
  if (!head) return undefined;
  if (head.pods !== undefined) {
    const fields = reader.mapping(value, path, ['pods']);
    const filter = fields && readPodFilter(fields.pods, [...path, 'pods'], reader);
    if (filter?.node) refs.use('node', filter.node, [...path, 'pods', 'node']);
    return filter ? { kind: 'pods', filter } : undefined;
  }
  if (head.when === undefined) {
    reader.error(path, 'a measure is {when: <expectation>, since?: start|step} (a time) or {pods: <pod filter>} (a count)');
    return undefined;
  }
  const fields = reader.mapping(value, path, ['when', 'since']);
  if (!fields) return undefined;
  const check = readCheck(fields.when, [...path, 'when'], reader, refs);
  const since = fields.since === undefined ? 'start' : reader.oneOf(fields.since, [...path, 'since'], ['start', 'step'] as const);
  return check && since ? { kind: 'time', check, since } : undefined;
}
