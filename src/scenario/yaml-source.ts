/**
 * Reads the YAML (or JSON) text of a scenario into plain data, and remembers
 * where every field and list item starts, so that a validation error on
 * "actions[2].node" can name its line and column.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type ErrorCode, type Node as YamlNode } from 'yaml';
import { nestingProblem } from './parse-limits';
import type { ScenarioError } from './types';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface Position {
  line: number;
  column: number;
}

export interface YamlSource {
  value: unknown;
  /** Position of the field or item at `path`, or of its nearest ancestor that has one. */
  locate(path: Path): Position | undefined;
}

/** Aliases may expand exponentially ("billion laughs"); a scenario never needs many. */
const MAX_ALIAS_COUNT = 1000;

export function readYaml(text: string): { ok: true; source: YamlSource } | { ok: false; errors: ScenarioError[] } {
  // Checked here, where every reader of YAML text passes (scenarios, lessons): deep nesting kills the process.
  const tooDeep = nestingProblem(text);
  if (tooDeep) return { ok: false, errors: [{ path: '', message: tooDeep }] };
  const lineCounter = new LineCounter();
  // merge: `<<: *anchor` works as in kubectl's YAML 1.1 parser, a common way to share node specs.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const at = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return {
      ok: false,
      errors: problems.map((e) => ({ path: '', ...at(e.pos[0]), message: `YAML syntax error: ${syntaxMessage(e.code, e.message)}` })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const text = error instanceof Error ? error.message : '';
    const message =
      error instanceof RangeError
        ? 'the file nests too deeply to be a scenario'
        : text.startsWith('Unresolved alias')
          ? 'an alias (*name) names no anchor (&name) defined before it'
          : `too many aliases (*name): a scenario may expand at most ${MAX_ALIAS_COUNT}`;
    return { ok: false, errors: [{ path: '', message }] };
  }
  const positions = new Map<string, Position>();
  if (doc.contents) collectPositions(doc.contents, [], positions, at);
  const locate = (path: Path): Position | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const found = positions.get(formatPath(path.slice(0, n)));
      if (found) return found;
    }
    return undefined;
  };
  return { ok: true, source: { value, locate } };
}

function collectPositions(node: YamlNode, path: Path, out: Map<string, Position>, at: (offset: number) => Position): void {
  if (node.range && !out.has(formatPath(path))) out.set(formatPath(path), at(node.range[0]));
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const childPath = [...path, String(pair.key.value)];
      // A field is reported at its key: "settings:" rather than the block under it.
      if (pair.key.range) out.set(formatPath(childPath), at(pair.key.range[0]));
      if (pair.value) collectPositions(pair.value as YamlNode, childPath, out, at);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => collectPositions(item as YamlNode, [...path, index], out, at));
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `actions[2].node`, `cluster.nodes[0].labels["node.kubernetes.io/exclude-disruption"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Our words for the YAML library's errors (its own name the library's API,
 * as in "please use YAML.parseAllDocuments()"); other codes keep the
 * library's first line, which describes the text.
 */
const SYNTAX: Partial<Record<ErrorCode, string>> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document (a "---" line between them): a scenario is one document',
  DUPLICATE_KEY: 'a field appears twice in the same mapping',
  TAB_AS_INDENT: 'a tab is used for indentation: YAML indents with spaces',
  BAD_INDENT: 'the indentation is wrong here',
  BAD_ALIAS: 'an alias (*name) names no anchor (&name) defined before it',
  RESOURCE_EXHAUSTION: 'the file nests lists or mappings too deeply, or expands too many aliases, to be a scenario',
  KEY_OVER_1024_CHARS: 'a field name is longer than 1024 characters',
  BAD_DIRECTIVE: 'a %-directive YAML does not know',
  TAG_RESOLVE_FAILED: 'a !tag whose value cannot be read',
  IMPOSSIBLE: 'the text cannot be read as YAML here',
};

function syntaxMessage(code: ErrorCode, message: string): string {
  const ours = SYNTAX[code];
  if (ours) return ours;
  const line = message.split('\n')[0]!.trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
