/**
 * Label selectors: the string form (`app=web,tier!=db`, `env in (a,b)`,
 * `!canary`) of k8s.io/apimachinery/pkg/labels and the LabelSelector object
 * (matchLabels, matchExpressions) of metav1.
 */
import type { LabelSelector } from './types';

export type Labels = Readonly<Record<string, string>> | undefined;

export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: string[];
}

/** A parsed selector: all requirements must hold (an empty list selects everything). */
export type Selector = readonly Requirement[];

export function matches(selector: Selector, labels: Labels): boolean {
  return selector.every((r) => matchesRequirement(r, labels));
}

function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels![r.key]! : undefined;
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(value!);
    case 'NotIn':
      return !has || !r.values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(value!)) return false;
      const left = Number(value);
      const right = Number(r.values[0]);
      return r.operator === 'Gt' ? left > right : left < right;
    }
  }
}

/** Parses the string form; throws an Error naming the bad part. */
export function parseSelector(input: string): Selector {
  const requirements: Requirement[] = [];
  for (const part of splitTopLevel(input)) {
    const text = part.trim();
    if (text === '') continue;
    requirements.push(parseRequirement(text));
  }
  return requirements;
}

function splitTopLevel(input: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of input) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const SET_RE = /^([^\s!=<>()]+)\s+(in|notin)\s*\(([^)]*)\)$/;
const CMP_RE = /^([^\s!=<>()]+)\s*(==|=|!=|>|<)\s*([^\s,()]*)$/;

function parseRequirement(text: string): Requirement {
  const set = SET_RE.exec(text);
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim());
    return { key: set[1]!, operator: set[2] === 'in' ? 'In' : 'NotIn', values };
  }
  const cmp = CMP_RE.exec(text);
  if (cmp) {
    const [, key, op, value] = cmp as unknown as [string, string, string, string];
    if (op === '>' || op === '<') return { key, operator: op === '>' ? 'Gt' : 'Lt', values: [value] };
    return { key, operator: op === '!=' ? 'NotIn' : 'In', values: [value] };
  }
  if (/^![^\s!=<>(),]+$/.test(text)) return { key: text.slice(1), operator: 'DoesNotExist', values: [] };
  if (/^[^\s!=<>(),]+$/.test(text)) return { key: text, operator: 'Exists', values: [] };
  throw new Error(`unable to parse requirement "${text}"`);
}

/** metav1.LabelSelectorAsSelector: matchLabels and matchExpressions, ANDed. */
export function fromLabelSelector(selector: LabelSelector | undefined): Selector {
  if (!selector) return [];
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, operator: 'In', values: [value] });
  }
  for (const expression of selector.matchExpressions ?? []) {
    requirements.push({
      key: expression.key,
      operator: expression.operator as Requirement['operator'],
      values: expression.values ?? [],
    });
  }
  return requirements;
}

/** An empty LabelSelector object selects nothing for most controllers; callers decide. */
export function isEmptyLabelSelector(selector: LabelSelector | undefined): boolean {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}
