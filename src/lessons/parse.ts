/**
 * Parses and validates a lesson file (docs/lessons.md): a scenario file of
 * the shared contract, read by the scenario parser exactly as it is, plus a
 * `lesson` section read here. Errors name the field path, line and reason
 * exactly as scenario errors do (same reader, same locating, same order).
 */
import { located, parseScenario, sortErrors, sourceRef } from '../scenario/parse';
import type { NodeContext } from '../scenario/parse-cluster';
import { Reader } from '../scenario/reader';
import type { Scenario, ScenarioError } from '../scenario/types';
import { readYaml, type Path, type YamlSource } from '../scenario/yaml-source';
import { readText, References } from './parse-checks';
import { readList, readStep, STEP_ID, type StepContext } from './parse-step';
import type { Lesson, LessonFile } from './types';

export type LessonParseResult = { ok: true; file: LessonFile } | { ok: false; errors: ScenarioError[] };

const LESSON_FIELDS = ['title', 'summary', 'topic', 'next', 'learned', 'steps'];

/** Whether a file (already known to be YAML) has a lesson section, so tools can tell lessons from plain scenarios. */
export function hasLessonSection(text: string): boolean {
  const read = readYaml(text);
  const value = read.ok ? read.source.value : undefined;
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'lesson' in value;
}

export function parseLesson(text: string): LessonParseResult {
  const parsed = parseScenario(text);
  const read = readYaml(text);
  if (!read.ok) return read;
  const reader = new Reader();
  const scenario = parsed.ok ? parsed.scenario : undefined;
  const lesson = readLessonSection(read.source, reader, scenario);
  const errors = [...(parsed.ok ? [] : parsed.errors), ...reader.problems.map(({ path, message }) => located(read.source, path, message))];
  if (errors.length > 0 || !scenario || !lesson) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, file: { scenario, lesson } };
}

function readLessonSection(source: YamlSource, reader: Reader, scenario: Scenario | undefined): Lesson | undefined {
  const root = source.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return undefined; // the scenario parser said why
  const value = (root as Record<string, unknown>).lesson;
  if (value === undefined) {
    reader.error([], 'missing required field "lesson": a lesson file is a scenario with a lesson section (docs/lessons.md)');
    return undefined;
  }
  const path: Path = ['lesson'];
  const fields = reader.mapping(value, path, LESSON_FIELDS, ['title', 'summary', 'topic', 'steps']);
  if (!fields) return undefined;
  const text = (field: string) => (fields[field] === undefined ? undefined : readText(fields[field], [...path, field], reader));
  const title = text('title');
  const summary = text('summary');
  const topic = text('topic');
  const next = text('next');
  if (next !== undefined && !STEP_ID.test(next)) reader.error([...path, 'next'], `invalid lesson name ${JSON.stringify(next)}: lessons are named as scenarios are ([a-z0-9-]+)`);
  const learned = readList(fields.learned, [...path, 'learned'], reader, (v, p) => readText(v, p, reader));
  const refs = new References();
  const ctx: StepContext = { reader, nodes: nodeContext(scenario), refs, sourceRef: (p) => sourceRef(source, p) };
  const steps = readSteps(fields.steps, [...path, 'steps'], ctx);
  if (scenario) checkReferences(refs, scenario, reader);
  if (title === undefined || summary === undefined || topic === undefined || !steps) return undefined;
  const lesson: Lesson = { name: scenario?.name ?? '', title, summary, topic, learned, steps };
  if (next !== undefined) lesson.next = next;
  return lesson;
}

function readSteps(value: unknown, path: Path, ctx: StepContext): Lesson['steps'] | undefined {
  if (value === undefined) return undefined;
  const list = ctx.reader.list(value, path);
  if (!list) return undefined;
  if (list.length === 0) ctx.reader.error(path, 'a lesson needs at least one step');
  const steps = list.map((entry, i) => readStep(entry, [...path, i], i, ctx));
  const seen = new Map<string, number>();
  steps.forEach((step, i) => {
    if (!step) return;
    const first = seen.get(step.id);
    if (first !== undefined) ctx.reader.error([...path, i, 'id'], `duplicate step id "${step.id}" (already used by lesson.steps[${first}])`);
    else seen.set(step.id, i);
  });
  return steps.every((s) => s !== undefined) && list.length > 0 ? (steps as Lesson['steps']) : undefined;
}

/** What add-node entries of the lesson inherit: the scenario's zones (with their regions) and kubelet settings. */
function nodeContext(scenario: Scenario | undefined): NodeContext {
  const zoneRegions = new Map<string, string | undefined>();
  for (const node of scenario?.nodes ?? []) if (node.zone !== undefined) zoneRegions.set(node.zone, node.region);
  return { zoneRegions, clusterKubelet: scenario?.settings.kubelet ?? {} };
}

/**
 * A node or zone a lesson names must be one the scenario declares (cluster,
 * objects, add-node actions at any time) or one an earlier lesson entry adds.
 */
function checkReferences(refs: References, scenario: Scenario, reader: Reader): void {
  const nodes = new Set<string>();
  const zones = new Set<string>();
  const declare = (name: string, zone: string | undefined) => {
    nodes.add(name);
    if (zone !== undefined) zones.add(zone);
  };
  for (const node of scenario.nodes) declare(node.name, node.zone);
  for (const { manifest } of scenario.objects) if (manifest.kind === 'Node' && manifest.metadata?.name) declare(manifest.metadata.name, manifest.metadata.labels?.['topology.kubernetes.io/zone']);
  for (const { action } of scenario.actions) if (action.do === 'add-node') declare(action.node.name, action.node.zone);
  for (const entry of refs.entries) {
    if ('declares' in entry) declare(entry.declares.name, entry.declares.zone);
    else if (!(entry.use.kind === 'node' ? nodes : zones).has(entry.use.name)) {
      const known = [...(entry.use.kind === 'node' ? nodes : zones)].sort().slice(0, 10).join(', ');
      reader.error(entry.use.path, `unknown ${entry.use.kind} "${entry.use.name}": not in the scenario nor added by an earlier step (${entry.use.kind}s: ${known || 'none'})`);
    }
  }
}
