/**
 * -o yaml, -o json, -o name and -o jsonpath for kubectl get.
 *
 * YAML as sigs.k8s.io/yaml writes it (keys sorted, strings that would read
 * as another type double-quoted, two-space indent, list items at their
 * parent's indent); JSON as kubectl writes it (four-space indent). A list of
 * several objects is wrapped in `kind: List` as kubectl does.
 * Upstream: cli-runtime/pkg/printers/yaml.go, json.go, name.go, jsonpath.go.
 */
import type { KubeObject } from '../api/types';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function asList(objects: readonly KubeObject[]): Json {
  return { apiVersion: 'v1', items: objects as unknown as Json[], kind: 'List', metadata: { resourceVersion: '' } };
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 4);
}

const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;
const NUMBER = /^[-+]?(\.\d+|\d[\d_]*(\.\d*)?)([eE][-+]?\d+)?$|^0x[0-9a-fA-F]+$|^0o?[0-7]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;
const TIMESTAMP = /^\d{4}-\d\d?-\d\d?([Tt ]|$)/;

/** Whether go-yaml (yaml.v2, as sigs.k8s.io/yaml uses it) writes the string quoted: when plain it would read as something else. */
function needsQuotes(v: string): boolean {
  if (v === '' || RESERVED.test(v) || NUMBER.test(v) || TIMESTAMP.test(v)) return true;
  if (/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(v) || /\s$/.test(v) || v.endsWith(':')) return true;
  return v.includes(": ") || v.includes(" #") || [...v].some((c) => c.charCodeAt(0) < 0x20);
}

function scalar(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return needsQuotes(v) ? JSON.stringify(v) : v;
  return String(v);
}

export function toYaml(value: unknown): string {
  const lines: string[] = [];
  emit(value as Json, 0, lines);
  return lines.join('\n');
}

function emit(v: Json, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === 'object' && !(Array.isArray(item) ? item.length === 0 : Object.keys(item).length === 0)) {
        const sub: string[] = [];
        emit(item, indent + 2, sub);
        sub[0] = `${pad}- ${sub[0]!.slice(indent + 2)}`;
        lines.push(...sub);
      } else lines.push(`${pad}- ${inline(item)}`);
    }
    return;
  }
  if (v !== null && typeof v === 'object') {
    for (const key of Object.keys(v).sort()) {
      const child = v[key];
      if (child === undefined) continue;
      const k = scalar(key);
      if (child !== null && typeof child === 'object' && !(Array.isArray(child) ? child.length === 0 : Object.keys(child).length === 0)) {
        lines.push(`${pad}${k}:`);
        emit(child, Array.isArray(child) ? indent : indent + 2, lines);
      } else lines.push(`${pad}${k}: ${inline(child)}`);
    }
    return;
  }
  lines.push(pad + scalar(v));
}

function inline(v: Json): string {
  if (Array.isArray(v)) return '[]';
  if (v !== null && typeof v === 'object') return '{}';
  return scalar(v);
}

// ---- jsonpath (a subset: {.a.b}, [n], [*], {range …}{end}, quoted literals) --

export type JsonPathResult = { ok: true; text: string } | { ok: false; error: string };

type Node = { t: 'text'; v: string } | { t: 'path'; v: string } | { t: 'range'; v: string; body: Node[] };

/** Upstream: k8s.io/client-go/util/jsonpath (parser.go, jsonpath.go), much reduced. */
export function jsonPath(template: string, data: unknown): JsonPathResult {
  const parsed = parseTemplate(template);
  if (typeof parsed === 'string') return { ok: false, error: `error parsing jsonpath ${template}, ${parsed}` };
  try {
    return { ok: true, text: run(parsed, data) };
  } catch (error) {
    return { ok: false, error: `error executing jsonpath "${template}": ${error instanceof Error ? error.message : String(error)}` };
  }
}

function parseTemplate(t: string): Node[] | string {
  const stack: Node[][] = [[]];
  const ranges: Extract<Node, { t: 'range' }>[] = [];
  let i = 0;
  while (i < t.length) {
    if (t[i] !== '{') {
      const j = t.indexOf('{', i);
      const text = j < 0 ? t.slice(i) : t.slice(i, j);
      stack.at(-1)!.push({ t: 'text', v: text });
      i = j < 0 ? t.length : j;
      continue;
    }
    const close = t.indexOf('}', i);
    if (close < 0) return 'unclosed action';
    const inner = t.slice(i + 1, close).trim();
    i = close + 1;
    if (inner.startsWith('range ')) {
      const node = { t: 'range' as const, v: inner.slice(6).trim(), body: [] as Node[] };
      stack.at(-1)!.push(node);
      ranges.push(node);
      stack.push(node.body);
    } else if (inner === 'end') {
      if (ranges.length === 0) return 'not in range, nothing to end';
      ranges.pop();
      stack.pop();
    } else if (/^".*"$|^'.*'$/.test(inner)) {
      stack.at(-1)!.push({ t: 'text', v: inner.slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t') });
    } else if (inner.startsWith('.') || inner.startsWith('$') || inner.startsWith('@')) {
      stack.at(-1)!.push({ t: 'path', v: inner });
    } else return `unrecognized character in action: U+${(inner.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} '${inner[0] ?? ''}'`;
  }
  if (ranges.length > 0) return 'unclosed range';
  return stack[0]!;
}

function evalPath(path: string, data: unknown): unknown[] {
  let current: unknown[] = [data];
  const p = path.replace(/^[$@]/, '');
  const re = /\.([A-Za-z0-9_-]+)|\[(\*|-?\d+)\]|\.\.|\['([^']+)'\]/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(p)) !== null) {
    last = re.lastIndex;
    const key = m[1] ?? m[3];
    if (key !== undefined) {
      current = current.flatMap((c) => (c !== null && typeof c === 'object' && !Array.isArray(c) && key in c ? [(c as Record<string, unknown>)[key]] : []));
      if (current.length === 0) throw new Error(`${key} is not found`);
    } else if (m[2] === '*') {
      current = current.flatMap((c) => (Array.isArray(c) ? c : c !== null && typeof c === 'object' ? Object.values(c) : []));
    } else if (m[2] !== undefined) {
      const n = Number(m[2]);
      current = current.flatMap((c) => {
        if (!Array.isArray(c)) return [];
        const idx = n < 0 ? c.length + n : n;
        if (idx < 0 || idx >= c.length) throw new Error(`array index out of bounds: index ${n}, length ${c.length}`);
        return [c[idx]];
      });
    }
    if (last === p.length) break;
  }
  if (p.length > 0 && last !== p.length) throw new Error(`unrecognized identifier ${p.slice(last)}`);
  return current;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function run(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.v;
    else if (n.t === 'path') out += evalPath(n.v, data).map(text).join(' ');
    else for (const item of evalPath(n.v, data)) out += run(n.body, item);
  }
  return out;
}
