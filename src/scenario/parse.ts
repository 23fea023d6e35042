/**
 * Parses and validates a scenario file (shared/spec/scenario-format.md). The
 * project must accept every file written to that contract; anything it does
 * not understand is an error naming the field path and line, never ignored.
 */
import { addonManifests } from '../sim';
import { readAction, type ReadAction } from './parse-actions';
import { readCluster, type NodeContext } from './parse-cluster';
import { readExpectation, type ReadExpectation } from './parse-expect';
import { readManifest } from './parse-objects';
import { checkShutdownGrace, readSettings } from './parse-settings';
import { MAX_LISTED_ERRORS, MAX_MESSAGE_CHARS, PAGE_LIMITS, type SizeLimits } from '../kube/limits';
import { checkTotals, listWithinLimit, textProblem } from './parse-limits';
import { Reader } from './reader';
import type { Scenario, ScenarioError, ScenarioObject } from './types';
import { formatPath, readYaml, type Path, type YamlSource } from './yaml-source';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

// `lesson`: a lesson file is a scenario plus this section, which src/lessons/parse.ts reads and validates.
const TOP_LEVEL = ['name', 'description', 'seed', 'duration', 'settings', 'cluster', 'objects', 'actions', 'expect', 'lesson'];
const NAME = /^[a-z0-9-]+$/;

export interface ParseOptions {
  /** The sizes the file is held to; the page's by default (the command line passes its own). */
  limits?: SizeLimits;
}

export function parseScenario(text: string, options: ParseOptions = {}): ParseResult {
  const limits = options.limits ?? PAGE_LIMITS;
  const problem = textProblem(text, limits);
  if (problem) return { ok: false, errors: [{ path: '', message: problem }] };
  try {
    const read = readYaml(text);
    if (!read.ok) return { ok: false, errors: capErrors(read.errors) };
    const reader = new Reader(limits);
    const scenario = readScenario(read.source, reader);
    if (reader.problems.length > 0 || !scenario) {
      const errors = reader.problems.map(({ path, message }) => located(read.source, path, message));
      return { ok: false, errors: capErrors(sortErrors(errors)) };
    }
    return { ok: true, scenario };
  } catch (error) {
    // Deep nesting overflows the YAML library's recursion; nothing else should get here.
    const message = error instanceof RangeError ? 'the file nests lists or mappings too deeply to be a scenario' : `the file could not be read as a scenario (${shortMessage(error)})`;
    return { ok: false, errors: [{ path: '', message }] };
  }
}

/** The first MAX_LISTED_ERRORS errors, each cut to MAX_MESSAGE_CHARS, and a count of the rest. */
export function capErrors(errors: readonly ScenarioError[]): ScenarioError[] {
  const cut = (message: string) => (message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message);
  const shown = errors.slice(0, MAX_LISTED_ERRORS).map((e) => ({ ...e, message: cut(e.message) }));
  const more = errors.length - shown.length;
  if (more > 0) shown.push({ path: '', message: `and ${more.toLocaleString('en-US')} more error${more === 1 ? '' : 's'}` });
  return shown;
}

function shortMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 120);
}

function readScenario(source: YamlSource, reader: Reader): Scenario | undefined {
  if (source.value === null || source.value === undefined) {
    reader.error([], 'the file is empty: a scenario needs at least "name" and "cluster"');
    return undefined;
  }
  const fields = reader.mapping(source.value, [], TOP_LEVEL, ['name', 'cluster']);
  if (!fields) return undefined;
  const name = fields.name === undefined ? undefined : reader.string(fields.name, ['name']);
  if (name !== undefined && !NAME.test(name)) {
    reader.error(['name'], `invalid name ${JSON.stringify(name)}: use lower case letters, digits and '-' only ([a-z0-9-]+)`);
  }
  const scenario: Scenario = { name: name ?? '', seed: 1, settings: {}, nodes: [], objects: [], actions: [], expectations: [] };
  if (fields.description !== undefined) scenario.description = reader.string(fields.description, ['description']) ?? '';
  if (fields.seed !== undefined) scenario.seed = reader.number(fields.seed, ['seed'], { min: 0, max: 0xffff_ffff, integer: true }) ?? 1;
  if (fields.duration !== undefined) {
    const durationMs = reader.duration(fields.duration, ['duration'], { max: reader.limits.durationMs });
    if (durationMs !== undefined) scenario.durationMs = durationMs;
  }
  if (fields.settings !== undefined) scenario.settings = readSettings(fields.settings, ['settings'], reader);
  const clusterKubelet = scenario.settings.kubelet ?? {};
  checkShutdownGrace(clusterKubelet, ['settings', 'kubelet'], reader);
  const cluster = fields.cluster === undefined ? undefined : readCluster(fields.cluster, ['cluster'], reader, clusterKubelet);
  scenario.nodes = cluster?.nodes ?? [];
  const known = new Declarations(scenario.nodes.map((n) => ({ name: n.name, zone: n.zone })), cluster?.zoneRegions.keys() ?? []);
  // Addons first, as a cluster has them before anything is applied to it.
  const addonSource = sourceRef(source, ['cluster', 'addons']);
  const addons = addonManifests(cluster?.addons ?? []).map((manifest) => ({ manifest, source: addonSource }));
  scenario.objects = [...addons, ...readObjects(fields.objects, source, reader, known)];
  const nodeContext: NodeContext = { zoneRegions: cluster?.zoneRegions ?? new Map(), clusterKubelet };
  const actions = readList(fields.actions, ['actions'], reader, (v, p) => readAction(v, p, reader, nodeContext));
  checkActionReferences(actions, known, reader);
  scenario.actions = actions.map(({ item, path }) => ({ atMs: item.atMs, action: item.action, source: sourceRef(source, path) }));
  const expectations = readList(fields.expect, ['expect'], reader, (v, p) => readExpectation(v, p, reader));
  checkExpectationReferences(expectations, known, reader);
  scenario.expectations = expectations.map(({ item, path }) => ({ atMs: item.atMs, check: item.check, source: sourceRef(source, path) }));
  checkTotals(scenario.nodes.length, scenario.objects.map((o) => o.manifest), scenario.actions, reader);
  return scenario;
}

function readObjects(value: unknown, source: YamlSource, reader: Reader, known: Declarations): ScenarioObject[] {
  const read = readList(value, ['objects'], reader, (v, p) => readManifest(v, p, reader));
  for (const { item } of read) if (item.node) known.declare(item.node);
  return read.map(({ item, path }) => ({ manifest: item.manifest, source: sourceRef(source, path) }));
}

/** Reads each item of an optional list; keeps the ones that read without error, with their path. */
function readList<T>(value: unknown, path: Path, reader: Reader, read: (value: unknown, path: Path) => T | undefined): { item: T; path: Path }[] {
  if (value === undefined || !listWithinLimit(reader, path, value)) return [];
  const out: { item: T; path: Path }[] = [];
  (reader.list(value, path) ?? []).forEach((entry, i) => {
    const itemPath = [...path, i];
    const item = read(entry, itemPath);
    if (item !== undefined) out.push({ item, path: itemPath });
  });
  return out;
}

/**
 * A node or zone an action names must exist when it runs: declared in
 * cluster or objects, or by an add-node (or apply of a Node) that runs
 * earlier. Actions run by time, then file order.
 */
function checkActionReferences(actions: { item: ReadAction; path: Path }[], known: Declarations, reader: Reader): void {
  // Array sort is stable: actions at the same time keep file order.
  const byTime = [...actions].sort((a, b) => a.item.atMs - b.item.atMs);
  const atThatTime = known.copy();
  for (const { item, path } of byTime) {
    if (item.node !== undefined && !atThatTime.nodes.has(item.node)) {
      reader.error([...path, 'node'], `unknown node "${item.node}": not in cluster or objects, nor added by an earlier action ${atThatTime.listNodes()}`);
    }
    if (item.zone !== undefined && !atThatTime.zones.has(item.zone)) {
      reader.error([...path, 'zone'], `unknown zone "${item.zone}" ${atThatTime.listZones()}`);
    }
    if (item.declares) {
      atThatTime.declare(item.declares);
      known.declare(item.declares);
    }
  }
}

/** Expectations may name a node that exists at any time of the run (e.g. `exists: false` after delete-node). */
function checkExpectationReferences(expectations: { item: ReadExpectation }[], known: Declarations, reader: Reader): void {
  for (const { item } of expectations) {
    for (const node of item.nodes) {
      if (!known.nodes.has(node.name)) reader.error(node.path, `unknown node "${node.name}": not in cluster, objects or an add-node action ${known.listNodes()}`);
    }
    for (const zone of item.zones) {
      if (!known.zones.has(zone.name)) reader.error(zone.path, `unknown zone "${zone.name}" ${known.listZones()}`);
    }
  }
}

/** The nodes and zones a file declares. */
class Declarations {
  readonly nodes = new Set<string>();
  readonly zones = new Set<string>();

  constructor(nodes: Iterable<{ name: string; zone?: string | undefined }> = [], zones: Iterable<string> = []) {
    for (const zone of zones) this.zones.add(zone);
    for (const node of nodes) this.declare(node);
  }

  declare(node: { name: string; zone?: string | undefined }): void {
    this.nodes.add(node.name);
    if (node.zone !== undefined) this.zones.add(node.zone);
  }

  copy(): Declarations {
    return new Declarations([...this.nodes].map((name) => ({ name })), this.zones);
  }

  listNodes(): string {
    return list('nodes', this.nodes);
  }

  listZones(): string {
    return list('zones', this.zones);
  }
}

function list(what: string, names: ReadonlySet<string>): string {
  if (names.size === 0) return `(there are no ${what})`;
  const sorted = [...names].sort();
  const shown = sorted.slice(0, 10).join(', ');
  return `(${what}: ${shown}${sorted.length > 10 ? `, … ${sorted.length - 10} more` : ''})`;
}

export function located(source: YamlSource, path: Path, message: string): ScenarioError {
  const position = source.locate(path);
  return position ? { path: formatPath(path), line: position.line, column: position.column, message } : { path: formatPath(path), message };
}

export function sourceRef(source: YamlSource, path: Path): { path: string; line?: number } {
  const position = source.locate(path);
  return position ? { path: formatPath(path), line: position.line } : { path: formatPath(path) };
}

/** In file order, so the first error shown is the first in the file. */
export function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.line ?? 0) - (b.e.line ?? 0) || (a.e.column ?? 0) - (b.e.column ?? 0) || a.i - b.i)
    .map(({ e }) => e);
}
