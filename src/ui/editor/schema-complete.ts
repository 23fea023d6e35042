/**
 * Autocompletion from the generated Kubernetes schema
 * (src/kube/k8s-schema.generated.ts): apiVersion and kind values, and the
 * fields of the object under the cursor, found from the indentation of the
 * lines above it (YAML block style, as manifests are written).
 */
import type { CompletionContext, CompletionResult, Completion } from '@codemirror/autocomplete';
import { SCHEMA_TYPES, SERVED_KINDS } from '../../kube/k8s-schema.generated';

interface LineInfo {
  /** Column of the key (after a list item's dash). */
  keyCol: number;
  /** Column of the dash of a list item, or -1. */
  dashCol: number;
  key: string | null;
}

function lineInfo(text: string): LineInfo | null {
  if (!text.trim() || text.trim().startsWith('#')) return null;
  const m = /^(\s*)(-\s+)?(?:([A-Za-z0-9_.\-/]+)\s*:(?:\s|$))?/.exec(text)!;
  const lead = m[1]!.length;
  return { keyCol: lead + (m[2]?.length ?? 0), dashCol: m[2] ? lead : -1, key: m[3] ?? null };
}

/**
 * The field path (list items skipped) of the map a key at `cursorCol` on
 * `cursorLine` belongs to, and the document's kind.
 */
export function pathAt(lines: string[], cursorLine: number, cursorCol: number, cursorDash = -1): { path: string[]; kind: string | null } {
  let start = 0;
  for (let i = cursorLine; i >= 0; i--) {
    if (/^---/.test(lines[i] ?? '')) {
      start = i + 1;
      break;
    }
  }
  const path: string[] = [];
  // The map's fields sit at `indent`; its owner is the nearest key left of it
  // (or at the dash's column, for "key:\n- item" lists written flush).
  let indent = cursorDash >= 0 ? cursorDash : cursorCol;
  let flush = cursorDash >= 0;
  for (let i = cursorLine - 1; i >= start && indent > 0; i--) {
    const info = lineInfo(lines[i]!);
    if (!info) continue;
    if (info.dashCol >= 0 && !flush && info.keyCol === indent) {
      // The first field of the same list item.
      indent = info.dashCol;
      flush = true;
      continue;
    }
    if (!info.key) continue;
    const owner = flush ? info.keyCol <= indent && info.dashCol < 0 : info.keyCol < indent;
    const ownerOnItem = info.dashCol >= 0 && info.keyCol < indent && (!flush || info.dashCol < indent);
    if (owner || ownerOnItem) {
      path.unshift(info.key);
      if (info.dashCol >= 0) {
        indent = info.dashCol;
        flush = true;
      } else {
        indent = info.keyCol;
        flush = false;
      }
    }
  }
  let kind: string | null = null;
  for (let i = start; i < lines.length; i++) {
    if (i > start && /^---/.test(lines[i]!)) break;
    const m = /^kind:\s*([A-Za-z]+)/.exec(lines[i]!);
    if (m) kind = m[1]!;
  }
  return { path, kind };
}

/** The schema type at `path` from the kind's model, or null. */
export function typeAt(kind: string, path: string[]): string | null {
  let t: string | undefined = SERVED_KINDS[kind]?.model;
  for (const key of path) {
    if (!t) return null;
    const type: string = t.replace(/^(\[\]|map\[string\])+/, '');
    t = SCHEMA_TYPES[type]?.p[key]?.t;
  }
  return t ? t.replace(/^(\[\])+/, '') : null;
}

const KIND_OPTIONS: Completion[] = Object.entries(SERVED_KINDS).map(([kind, { apiVersion }]) => ({ label: kind, type: 'type', detail: apiVersion }));
const VERSION_OPTIONS: Completion[] = [...new Set(Object.values(SERVED_KINDS).map((k) => k.apiVersion))].map((v) => ({ label: v, type: 'namespace' }));

export function completeManifest(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const value = /^(apiVersion|kind):\s*(\S*)$/.exec(before);
  if (value) {
    const options = value[1] === 'kind' ? KIND_OPTIONS : VERSION_OPTIONS;
    return { from: context.pos - value[2]!.length, options, validFor: /^[\w./-]*$/ };
  }
  const key = /^(\s*)(-\s+)?(\w*)$/.exec(before);
  if (!key || (!context.explicit && key[3] === '')) return null;
  const indent = key[1]!.length + (key[2]?.length ?? 0);
  const lines = context.state.doc.toString().split('\n');
  const { path, kind } = pathAt(lines, line.number - 1, indent, key[2] ? key[1]!.length : -1);
  const from = context.pos - key[3]!.length;
  if (!kind || !SERVED_KINDS[kind]) {
    if (path.length) return null;
    return { from, options: ['apiVersion', 'kind', 'metadata'].map((label) => ({ label, type: 'property', apply: `${label}: ` })) };
  }
  const t = typeAt(kind, path);
  const type = t ? SCHEMA_TYPES[t] : undefined;
  if (!type) return null;
  const options: Completion[] = Object.entries(type.p).map(([label, field]) => ({
    label,
    type: 'property',
    detail: field.t + (field.r ? ' (required)' : ''),
    ...(field.d ? { info: field.d } : {}),
    apply: `${label}: `,
    boost: field.r ? 1 : 0,
  }));
  return { from, options, validFor: /^\w*$/ };
}
