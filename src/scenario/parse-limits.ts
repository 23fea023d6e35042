/**
 * The size limits of src/kube/limits.ts applied to a scenario file, before
 * anything is built: the text itself (size, not text), each count as it is
 * read (a zone's node count is refused before its nodes are made), and the
 * pods the whole file asks for once every entry is read.
 */
import { formatBytes, overLimit, type SizeLimits } from '../kube/limits';
import type { Manifest } from '../sim/api/types';
import type { Reader } from './reader';
import { REPLICA_FIELDS } from './action-limits';
import type { ScheduledAction } from './types';
import type { Path } from './yaml-source';

/** A control character other than tab, line feed and carriage return: YAML forbids them, binary files are full of them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Why the text cannot be a scenario at all (too big, not text), in one line; undefined when it may be parsed. */
export function textProblem(text: string, limits: SizeLimits): string | undefined {
  // Each UTF-16 unit is at most 3 bytes of UTF-8, so most texts need no encoding to be measured.
  const bytes = text.length * 3 <= limits.fileBytes ? text.length : new TextEncoder().encode(text).length;
  if (bytes > limits.fileBytes) return `the file is ${formatBytes(bytes)}, over ${limits.holder}'s limit of ${formatBytes(limits.fileBytes)} for a scenario file`;
  const control = CONTROL.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split('\n').length;
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `this is not a text file (a control character U+${code} on line ${line}): a scenario is YAML or JSON text`;
  }
  return undefined;
}

/**
 * Nesting deeper than any scenario needs is refused before the YAML library
 * sees it: 100,000 nested brackets exhaust its parser's memory, which no
 * try/catch can recover from.
 */
const MAX_NESTING = 64;
const MAX_INDENT = 256;

export function nestingProblem(text: string): string | undefined {
  let depth = 0;
  let deepest = 0;
  let quote: string | null = null;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      lineStart = true;
      indent = 0;
      if (quote === "'") quote = null;
      continue;
    }
    if (lineStart && ch === ' ') {
      if (++indent > MAX_INDENT) return `a line is indented more than ${MAX_INDENT} spaces: a scenario nests far less deeply`;
      continue;
    }
    lineStart = false;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (ch === '[' || ch === '{') {
      deepest = Math.max(deepest, ++depth);
      if (deepest > MAX_NESTING) return `the file nests lists or mappings more than ${MAX_NESTING} levels deep: a scenario needs far fewer`;
    } else if (ch === ']' || ch === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Reads one count against a limit; records an error naming field, value and limit. */
export function withinLimit(reader: Reader, path: Path, what: string, value: number, limit: number): boolean {
  if (value <= limit) return true;
  reader.error(path, overLimit(what, value, limit, reader.limits));
  return false;
}

/** A list of objects, actions or expectations longer than the limit is refused whole (not read). */
export function listWithinLimit(reader: Reader, path: Path, value: unknown): boolean {
  return !Array.isArray(value) || withinLimit(reader, path, 'entries', value.length, reader.limits.entries);
}


/** A workload's replica counts against replicasPerWorkload. */
export function checkReplicas(manifest: Manifest, path: Path, reader: Reader): boolean {
  const spec = (manifest as { spec?: Record<string, unknown> }).spec;
  const kind = manifest.kind ?? '';
  for (const field of REPLICA_FIELDS[kind] ?? []) {
    const value = spec?.[field];
    if (typeof value === 'number' && !withinLimit(reader, [...path, 'spec', field], 'replicas', value, reader.limits.replicasPerWorkload)) return false;
  }
  return true;
}

/** Pods an object makes at most: itself, its replicas, or one per node. */
function podsOf(manifest: Manifest, nodes: number): number {
  const spec = (manifest as { spec?: Record<string, unknown> }).spec ?? {};
  const number = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
  switch (manifest.kind) {
    case 'Pod':
      return 1;
    case 'DaemonSet':
      return nodes;
    case 'Job':
      return number(spec.parallelism, 1);
    default:
      return REPLICA_FIELDS[manifest.kind ?? ''] ? number(spec.replicas, 1) : 0;
  }
}

/** The whole file's nodes and pods (objects and actions together) against the limits. */
export function checkTotals(nodeCount: number, manifests: readonly Manifest[], actions: readonly ScheduledAction[], reader: Reader): void {
  let nodes = nodeCount;
  const applied = [...manifests];
  for (const { action } of actions) {
    if (action.do === 'add-node') nodes++;
    if (action.do === 'apply') applied.push(action.object);
  }
  nodes += applied.filter((m) => m.kind === 'Node').length;
  if (!withinLimit(reader, [], 'nodes', nodes, reader.limits.nodes)) return;
  let pods = 0;
  for (const manifest of applied) pods += podsOf(manifest, nodes);
  for (const { action } of actions) if (action.do === 'scale') pods += action.replicas;
  withinLimit(reader, [], 'pods', pods, reader.limits.pods);
}
