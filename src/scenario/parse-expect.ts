/**
 * `expect` (scenario-format.md, "expect"): `at` plus one subject (node, zone,
 * pods or pod) and what must hold for it.
 */
import { parseSelector, type Selector } from '../sim/api/labels';
import { validateLabelValue, validateQualifiedName } from '../kube/names';
import { readNodeName } from './parse-cluster';
import { readConditionStatus } from './parse-actions';
import type { Reader } from './reader';
import type { EventFilter, ExpectationCheck, FieldStep, PodAspects, PodFilter, PodPhase, ZoneStateName } from './types';
import type { Path } from './yaml-source';

export const POD_PHASES: readonly PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed'];
export const ZONE_STATES: readonly ZoneStateName[] = ['Initial', 'Normal', 'PartialDisruption', 'FullDisruption'];

const NODE_CHECKS = ['condition', 'hasTaint', 'lacksTaint', 'exists'];
const POD_ASPECTS = ['exists', 'phase', 'node', 'terminating', 'ready'];
const FILTER_FIELDS = ['namespace', 'selector', 'ownerKind', 'ownerName', 'node', 'phase', 'terminating', 'ready'];
const EVENT_FILTER_FIELDS = ['reason', 'object', 'type', 'message'];
const EVENT_CHECKS = ['count', 'exists'];
export const EVENT_TYPES = ['Normal', 'Warning'] as const;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** An expectation as read, with the nodes and zones it names (checked in parse.ts). */
export interface ReadExpectation {
  atMs: number;
  check: ExpectationCheck;
  /** Names to check against the file's declarations, with where they are written. */
  nodes: { name: string; path: Path }[];
  zones: { name: string; path: Path }[];
}

type Body = Omit<ReadExpectation, 'atMs'> | undefined;

export function readExpectation(value: unknown, path: Path, reader: Reader): ReadExpectation | undefined {
  const head = reader.mapping(value, path, 'any', ['at']);
  if (!head) return undefined;
  // `node` is a subject of its own, or a check of a `pod`.
  const subjects = ['pod', 'pods', 'zone', 'node', 'events', 'object', 'traffic'].filter((s) => head[s] !== undefined && !(s === 'node' && head.pod !== undefined));
  if (subjects.length !== 1) {
    const found = subjects.length === 0 ? 'none' : subjects.join(' and ');
    reader.error(path, `an expectation names exactly one subject: node, zone, pods, pod, events, object or traffic (found ${found})`);
    return undefined;
  }
  const atMs = head.at === undefined ? undefined : reader.duration(head.at, [...path, 'at'], { max: reader.limits.durationMs });
  const body = readBody(subjects[0]!, value, path, reader);
  return atMs === undefined || !body ? undefined : { atMs, ...body };
}

function readBody(subject: string, value: unknown, path: Path, reader: Reader): Body {
  switch (subject) {
    case 'node':
      return readNodeExpectation(value, path, reader);
    case 'zone': {
      const fields = reader.mapping(value, path, ['at', 'zone', 'state'], ['state']);
      const zone = fields && reader.string(fields.zone, [...path, 'zone'], { nonEmpty: true });
      const state = fields?.state === undefined ? undefined : reader.oneOf(fields.state, [...path, 'state'], ZONE_STATES);
      if (!zone || !state) return undefined;
      return { check: { kind: 'zone-state', zone, state }, nodes: [], zones: [{ name: zone, path: [...path, 'zone'] }] };
    }
    case 'pods': {
      const fields = reader.mapping(value, path, ['at', 'pods', 'count'], ['count']);
      const filter = fields && readPodFilter(fields.pods, [...path, 'pods'], reader);
      const count = fields?.count === undefined ? undefined : reader.number(fields.count, [...path, 'count'], { min: 0, integer: true });
      if (!filter || count === undefined) return undefined;
      const nodes = filter.node ? [{ name: filter.node, path: [...path, 'pods', 'node'] }] : [];
      return { check: { kind: 'pod-count', filter, count }, nodes, zones: [] };
    }
    case 'events':
      return readEventsExpectation(value, path, reader);
    case 'object':
      return readFieldExpectation(value, path, reader);
    case 'traffic':
      return readTrafficExpectation(value, path, reader);
    default:
      return readPodExpectation(value, path, reader);
  }
}

/** `{at, traffic: web, namespace?, lastSecond | total: {ok?, failed?}}`: requests to a Service (an extension of the contract). */
function readTrafficExpectation(value: unknown, path: Path, reader: Reader): Body {
  const fields = reader.mapping(value, path, ['at', 'traffic', 'namespace', 'lastSecond', 'total']);
  if (!fields) return undefined;
  const service = reader.string(fields.traffic, [...path, 'traffic'], { nonEmpty: true });
  const namespace = fields.namespace === undefined ? 'default' : reader.string(fields.namespace, [...path, 'namespace'], { nonEmpty: true });
  const windows = (['lastSecond', 'total'] as const).filter((w) => fields[w] !== undefined);
  if (windows.length !== 1) {
    reader.error(path, 'a traffic expectation gives exactly one of lastSecond or total');
    return undefined;
  }
  const window = windows[0]!;
  const counts = reader.mapping(fields[window], [...path, window], ['ok', 'failed']);
  if (!counts || service === undefined || namespace === undefined) return undefined;
  if (counts.ok === undefined && counts.failed === undefined) {
    reader.error([...path, window], 'give ok, failed or both');
    return undefined;
  }
  const count = (key: 'ok' | 'failed') => (counts[key] === undefined ? undefined : reader.number(counts[key], [...path, window, key], { min: 0, integer: true }));
  const ok = count('ok');
  const failed = count('failed');
  if ((counts.ok !== undefined && ok === undefined) || (counts.failed !== undefined && failed === undefined)) return undefined;
  return {
    check: { kind: 'traffic', namespace, service, window, ...(ok !== undefined ? { ok } : {}), ...(failed !== undefined ? { failed } : {}) },
    nodes: [],
    zones: [],
  };
}

function readNodeExpectation(value: unknown, path: Path, reader: Reader): Body {
  const fields = reader.mapping(value, path, ['at', 'node', ...NODE_CHECKS]);
  if (!fields) return undefined;
  const node = readNodeName(fields.node, [...path, 'node'], reader);
  const given = NODE_CHECKS.filter((c) => fields[c] !== undefined);
  if (given.length !== 1) {
    reader.error(path, `a node expectation checks exactly one of condition, hasTaint, lacksTaint or exists (found ${given.length === 0 ? 'none' : given.join(' and ')})`);
    return undefined;
  }
  const check = readNodeCheck(given[0]!, fields, path, reader, node);
  return node === undefined || !check ? undefined : { check, nodes: [{ name: node, path: [...path, 'node'] }], zones: [] };
}

function readNodeCheck(which: string, fields: Record<string, unknown>, path: Path, reader: Reader, node = ''): ExpectationCheck | undefined {
  const checkPath = [...path, which];
  if (which === 'exists') {
    const exists = reader.boolean(fields.exists, checkPath);
    return exists === undefined ? undefined : { kind: 'node-exists', node, exists };
  }
  if (which === 'condition') {
    const condition = reader.mapping(fields.condition, checkPath, ['type', 'status'], ['type', 'status']);
    const type = condition?.type === undefined ? undefined : reader.string(condition.type, [...checkPath, 'type'], { nonEmpty: true });
    const status = condition?.status === undefined ? undefined : readConditionStatus(condition.status, [...checkPath, 'status'], reader);
    return type === undefined || status === undefined ? undefined : { kind: 'node-condition', node, type, status };
  }
  const taint = reader.mapping(fields[which], checkPath, ['key', 'effect'], ['key', 'effect']);
  const key = taint?.key === undefined ? undefined : reader.string(taint.key, [...checkPath, 'key'], { nonEmpty: true });
  const effect = taint?.effect === undefined ? undefined : reader.oneOf(taint.effect, [...checkPath, 'effect'], ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
  if (key === undefined || effect === undefined) return undefined;
  return { kind: 'node-taint', node, key, effect, present: which === 'hasTaint' };
}

function readPodExpectation(value: unknown, path: Path, reader: Reader): Body {
  const fields = reader.mapping(value, path, ['at', 'pod', ...POD_ASPECTS]);
  if (!fields) return undefined;
  const ref = reader.mapping(fields.pod, [...path, 'pod'], ['namespace', 'name'], ['name']);
  const name = ref?.name === undefined ? undefined : reader.string(ref.name, [...path, 'pod', 'name'], { nonEmpty: true });
  const namespace = ref?.namespace === undefined ? 'default' : reader.string(ref.namespace, [...path, 'pod', 'namespace'], { nonEmpty: true });
  const aspects: PodAspects = {};
  const given = POD_ASPECTS.filter((a) => fields[a] !== undefined);
  if (given.length === 0) reader.error(path, `a pod expectation checks at least one of ${POD_ASPECTS.join(', ')}`);
  if (fields.exists === false && given.length > 1) reader.error([...path, 'exists'], '"exists: false" cannot be combined with other checks of the pod');
  const nodes: { name: string; path: Path }[] = [];
  if (fields.exists !== undefined) aspects.exists = reader.boolean(fields.exists, [...path, 'exists']);
  if (fields.phase !== undefined) aspects.phase = reader.oneOf(fields.phase, [...path, 'phase'], POD_PHASES);
  if (fields.terminating !== undefined) aspects.terminating = reader.boolean(fields.terminating, [...path, 'terminating']);
  if (fields.ready !== undefined) aspects.ready = reader.boolean(fields.ready, [...path, 'ready']);
  if (fields.node !== undefined) {
    aspects.node = readNodeName(fields.node, [...path, 'node'], reader, { allowEmpty: true });
    if (aspects.node) nodes.push({ name: aspects.node, path: [...path, 'node'] });
  }
  const complete = given.length > 0 && given.every((a) => aspects[a as keyof PodAspects] !== undefined);
  if (name === undefined || namespace === undefined || !complete) return undefined;
  return { check: { kind: 'pod', namespace, name, aspects }, nodes, zones: [] };
}

/** `events: {reason, object?, type?, message?}` + `count: K` or `exists: bool` (an extension of the contract). */
function readEventsExpectation(value: unknown, path: Path, reader: Reader): Body {
  const fields = reader.mapping(value, path, ['at', 'events', ...EVENT_CHECKS]);
  if (!fields) return undefined;
  const filter = readEventFilter(fields.events, [...path, 'events'], reader);
  const given = EVENT_CHECKS.filter((c) => fields[c] !== undefined);
  if (given.length !== 1) {
    reader.error(path, `an events expectation checks exactly one of count or exists (found ${given.length === 0 ? 'none' : given.join(' and ')})`);
    return undefined;
  }
  if (given[0] === 'count') {
    const count = reader.number(fields.count, [...path, 'count'], { min: 0, integer: true });
    return !filter || count === undefined ? undefined : { check: { kind: 'event-count', filter, count }, nodes: [], zones: [] };
  }
  const exists = reader.boolean(fields.exists, [...path, 'exists']);
  return !filter || exists === undefined ? undefined : { check: { kind: 'event-exists', filter, exists }, nodes: [], zones: [] };
}

export function readEventFilter(value: unknown, path: Path, reader: Reader): EventFilter | undefined {
  const fields = reader.mapping(value, path, EVENT_FILTER_FIELDS, ['reason']);
  if (!fields) return undefined;
  const reason = fields.reason === undefined ? undefined : reader.string(fields.reason, [...path, 'reason'], { nonEmpty: true });
  let ok = reason !== undefined;
  const filter: EventFilter = { reason: reason ?? '' };
  if (fields.object !== undefined) {
    const object = readInvolvedObject(fields.object, [...path, 'object'], reader);
    if (object) filter.object = object;
    else ok = false;
  }
  if (fields.type !== undefined) {
    const type = reader.oneOf(fields.type, [...path, 'type'], EVENT_TYPES);
    if (type) filter.type = type;
    else ok = false;
  }
  if (fields.message !== undefined) {
    const message = reader.string(fields.message, [...path, 'message'], { nonEmpty: true });
    if (message !== undefined) filter.message = message;
    else ok = false;
  }
  return ok ? filter : undefined;
}

/** `object: Kind/[namespace/]name` + `field: a.b[0].c[type=Ready].d` + `equals: value` (an extension of the contract). */
function readFieldExpectation(value: unknown, path: Path, reader: Reader): Body {
  const fields = reader.mapping(value, path, ['at', 'object', 'field', 'equals'], ['object', 'field', 'equals']);
  if (!fields) return undefined;
  const object = readInvolvedObject(fields.object, [...path, 'object'], reader);
  const field = fields.field === undefined ? undefined : reader.string(fields.field, [...path, 'field'], { nonEmpty: true });
  const steps = field === undefined ? undefined : parseFieldPath(field);
  if (field !== undefined && typeof steps === 'string') reader.error([...path, 'field'], `invalid field path ${JSON.stringify(field)}: ${steps}`);
  if (!object || field === undefined || typeof steps !== 'object' || fields.equals === undefined) return undefined;
  return { check: { kind: 'field', object, field, path: steps, equals: fields.equals }, nodes: [], zones: [] };
}

const STEP = /^([A-Za-z_$][\w$-]*)?((?:\[[^\]]+\])*)$/;

/** "status.conditions[type=Ready].status" → steps, or a string saying what is wrong. */
export function parseFieldPath(text: string): FieldStep[] | string {
  const steps: FieldStep[] = [];
  for (const part of text.split('.')) {
    const m = STEP.exec(part);
    if (!m || (!m[1] && !m[2])) return `${JSON.stringify(part)} is not a field name, optionally followed by [index] or [key=value]`;
    if (m[1]) steps.push({ property: m[1] });
    for (const [, inner] of m[2]!.matchAll(/\[([^\]]+)\]/g)) {
      const eq = inner!.indexOf('=');
      if (eq > 0) steps.push({ key: inner!.slice(0, eq), value: inner!.slice(eq + 1) });
      else if (/^\d+$/.test(inner!)) steps.push({ index: Number(inner) });
      else return `[${inner}] is neither an index nor key=value`;
    }
  }
  return steps;
}

/** "Kind/name" (cluster-scoped, or namespace default) or "Kind/namespace/name". */
function readInvolvedObject(value: unknown, path: Path, reader: Reader): EventFilter['object'] {
  const text = reader.string(value, path, { nonEmpty: true });
  if (text === undefined) return undefined;
  const parts = text.split('/');
  const problem =
    parts.length < 2 || parts.length > 3
      ? 'expected "Kind/name" or "Kind/namespace/name"'
      : !KIND.test(parts[0]!)
        ? `"${parts[0]}" is not a kind (e.g. Pod, Node, Deployment)`
        : parts.slice(1).some((p) => p === '')
          ? 'the namespace and name must not be empty'
          : undefined;
  if (problem) {
    reader.error(path, `invalid object ${JSON.stringify(text)}: ${problem}`);
    return undefined;
  }
  return parts.length === 2 ? { kind: parts[0]!, name: parts[1]! } : { kind: parts[0]!, namespace: parts[1]!, name: parts[2]! };
}

export function readPodFilter(value: unknown, path: Path, reader: Reader): PodFilter | undefined {
  const fields = reader.mapping(value, path, FILTER_FIELDS);
  if (!fields) return undefined;
  const filter: PodFilter = {};
  let ok = true;
  const take = <T>(field: string, read: (value: unknown, path: Path) => T | undefined): T | undefined => {
    if (fields[field] === undefined) return undefined;
    const result = read(fields[field], [...path, field]);
    if (result === undefined) ok = false;
    return result;
  };
  const text = (value: unknown, at: Path) => reader.string(value, at, { nonEmpty: true });
  const bool = (value: unknown, at: Path) => reader.boolean(value, at);
  const namespace = take('namespace', text);
  const selector = take('selector', (v, at) => readSelector(v, at, reader));
  const ownerKind = take('ownerKind', text);
  const ownerName = take('ownerName', text);
  const node = take('node', (v, at) => readNodeName(v, at, reader, { allowEmpty: true }));
  const phase = take('phase', (v, at) => reader.oneOf(v, at, POD_PHASES));
  const terminating = take('terminating', bool);
  const ready = take('ready', bool);
  if (namespace !== undefined) filter.namespace = namespace;
  if (selector) Object.assign(filter, selector);
  if (ownerKind !== undefined) filter.ownerKind = ownerKind;
  if (ownerName !== undefined) filter.ownerName = ownerName;
  if (node !== undefined) filter.node = node;
  if (phase !== undefined) filter.phase = phase;
  if (terminating !== undefined) filter.terminating = terminating;
  if (ready !== undefined) filter.ready = ready;
  return ok ? filter : undefined;
}

/** A label selector string, checked as labels.Parse does (keys are qualified names, values label values). */
function readSelector(value: unknown, path: Path, reader: Reader): { selector: string; requirements: Selector } | undefined {
  const text = reader.string(value, path);
  if (text === undefined) return undefined;
  let requirements: Selector;
  try {
    requirements = parseSelector(text);
  } catch (error) {
    reader.error(path, `invalid selector ${JSON.stringify(text)}: ${(error as Error).message}`);
    return undefined;
  }
  for (const r of requirements) {
    const problem = validateQualifiedName(r.key)[0] ?? r.values.map((v) => validateLabelValue(v)[0]).find((p) => p !== undefined);
    if (problem) {
      reader.error(path, `invalid selector ${JSON.stringify(text)}: ${problem}`);
      return undefined;
    }
  }
  return { selector: text, requirements };
}
