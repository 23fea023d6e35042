/**
 * The pieces of a lesson that reuse the scenario format's own readers: an
 * expectation without `at` (waits, goals, verify), an action without `at`
 * (step actions, awaited actions), and the names they refer to, checked
 * against what the file declares.
 */
import type { ActionName, SimAction } from '../sim/actions';
import { ACTION_NAMES, readAction } from '../scenario/parse-actions';
import type { NodeContext } from '../scenario/parse-cluster';
import { readExpectation } from '../scenario/parse-expect';
import type { Reader } from '../scenario/reader';
import type { ExpectationCheck } from '../scenario/types';
import type { Path } from '../scenario/yaml-source';
import type { ActionPattern } from './types';

/** A name a lesson entry uses, and where, to check once every declaration is known. */
export interface Reference {
  kind: 'node' | 'zone';
  name: string;
  path: Path;
}

/** What lesson entries refer to and declare, in file order (steps run in that order). */
export class References {
  readonly entries: ({ use: Reference } | { declares: { name: string; zone?: string } })[] = [];

  use(kind: 'node' | 'zone', name: string | undefined, path: Path): void {
    if (name !== undefined && name !== '') this.entries.push({ use: { kind, name, path } });
  }

  declare(node: { name: string; zone?: string }): void {
    this.entries.push({ declares: node });
  }
}

/**
 * One of the scenario `expect` forms, without `at`: it is checked whenever
 * the lesson needs it (as a wait, a goal, a verification), not at a time.
 */
export function readCheck(value: unknown, path: Path, reader: Reader, refs: References): ExpectationCheck | undefined {
  const fields = reader.mapping(value, path, 'any');
  if (!fields) return undefined;
  if (fields.at !== undefined) {
    reader.error([...path, 'at'], 'no "at" here: a lesson checks this when its step gets there (use the scenario\'s expect list for checks at a time)');
    return undefined;
  }
  const read = readExpectation({ ...fields, at: 0 }, path, reader);
  if (!read) return undefined;
  for (const node of read.nodes) refs.use('node', node.name, node.path);
  for (const zone of read.zones) refs.use('zone', zone.name, zone.path);
  return read.check;
}

/** A scenario action without `at`: it happens when the step gets there. */
export function readStepAction(value: unknown, path: Path, reader: Reader, context: NodeContext, refs: References): SimAction | undefined {
  const fields = reader.mapping(value, path, 'any');
  if (!fields) return undefined;
  if (fields.at !== undefined) {
    reader.error([...path, 'at'], 'no "at" here: the action happens when its step gets there');
    return undefined;
  }
  const read = readAction({ ...fields, at: 0 }, path, reader, context);
  if (!read) return undefined;
  refs.use('node', read.node, [...path, 'node']);
  refs.use('zone', read.zone, [...path, 'zone']);
  if (read.declares) refs.declare(read.declares);
  return read.action;
}

/**
 * Text of a lesson (markdown). Prose often has "word: more", which YAML
 * reads as a mapping: say so, since the cure (quotes or a `|` block) is not
 * obvious from "expected a string".
 */
export function readText(value: unknown, path: Path, reader: Reader): string | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    reader.error(path, 'expected text, found a mapping: YAML reads "words: more words" as a mapping; put the text in quotes or in a "|" block');
    return undefined;
  }
  return reader.string(value, path, { nonEmpty: true });
}

const PATTERN_FIELDS = ['do', 'node', 'zone', 'kind', 'name'];

/** `{do: kill-node}` (any node) or `{do: kill-node, node: zone-a-1}`: the learner actions a hint answers. */
export function readActionPattern(value: unknown, path: Path, reader: Reader, refs: References): ActionPattern | undefined {
  const fields = reader.mapping(value, path, PATTERN_FIELDS, ['do']);
  if (!fields || fields.do === undefined) return undefined;
  const name = reader.oneOf<ActionName>(fields.do, [...path, 'do'], ACTION_NAMES);
  const pattern: ActionPattern | undefined = name === undefined ? undefined : { do: name };
  let ok = pattern !== undefined;
  for (const field of ['node', 'zone', 'kind', 'name'] as const) {
    if (fields[field] === undefined) continue;
    const text = reader.string(fields[field], [...path, field], { nonEmpty: true });
    if (text === undefined) ok = false;
    else if (pattern) pattern[field] = text;
  }
  if (pattern?.node !== undefined) refs.use('node', pattern.node, [...path, 'node']);
  if (pattern?.zone !== undefined) refs.use('zone', pattern.zone, [...path, 'zone']);
  return ok ? pattern : undefined;
}

/** Whether a learner's action is the one awaited: the same action, as `kubectl`/the trace would describe it. */
export function sameAction(expected: SimAction, done: SimAction): boolean {
  return JSON.stringify(target(expected)) === JSON.stringify(target(done));
}

/** Whether a learner's action is one a hint is about. */
export function patternMatches(pattern: ActionPattern, done: SimAction): boolean {
  if (pattern.do !== done.do) return false;
  const t = target(done);
  return (['node', 'zone', 'kind', 'name'] as const).every((f) => pattern[f] === undefined || pattern[f] === t[f]);
}

/** What an action does and to what, without the parts a learner cannot choose the same way twice (an applied object's body). */
function target(action: SimAction): Record<string, unknown> {
  switch (action.do) {
    case 'add-node':
      return { do: action.do, node: action.node.name };
    case 'apply':
      return { do: action.do, kind: action.object.kind, name: action.object.metadata?.name, namespace: action.object.metadata?.namespace ?? 'default' };
    case 'set-condition':
      // The page's dialog gives its own reason; what the learner chooses is the node, the type and the status.
      return { do: action.do, node: action.node, type: action.type, status: action.status };
    case 'scale':
    case 'delete':
      // No namespace is the default one, as kubectl reads it.
      return { ...action, namespace: action.namespace ?? 'default' };
    default:
      return { ...action };
  }
}

