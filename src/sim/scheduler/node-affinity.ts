/**
 * spec.nodeSelector and node affinity, compiled once per scheduling cycle.
 *
 * Upstream: staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity
 * (GetRequiredNodeAffinity, NewPreferredSchedulingTerms) and
 * pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import { matches, type Requirement, type Selector } from '../api/labels';
import type { Pod } from '../api/types';
import type { NodeInfo } from './node-info';

interface CompiledTerm {
  labels: Selector;
  /** matchFields: only metadata.name is supported upstream. */
  names: { operator: string; values: readonly string[] }[];
  /** An empty term matches no node. */
  empty: boolean;
}

export interface RequiredNodeAffinity {
  nodeSelector: readonly [string, string][];
  /** null = no required node affinity. */
  terms: readonly CompiledTerm[] | null;
}

export interface PreferredTerm {
  weight: number;
  term: CompiledTerm;
}

/** null when the pod constrains nothing (every node matches). */
export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity | null {
  const nodeSelector = Object.entries(pod.spec.nodeSelector ?? {});
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (nodeSelector.length === 0 && !required) return null;
  return { nodeSelector, terms: required ? required.nodeSelectorTerms.map(compileTerm) : null };
}

/** Upstream: RequiredNodeAffinity.Match — nodeSelector AND (any of the terms). */
export function matchesRequired(affinity: RequiredNodeAffinity | null, node: NodeInfo): boolean {
  if (!affinity) return true;
  const labels = node.labels;
  for (const [k, v] of affinity.nodeSelector) if (labels[k] !== v) return false;
  if (!affinity.terms) return true;
  return affinity.terms.some((term) => matchesTerm(term, node));
}

export function preferredTerms(pod: Pod): PreferredTerm[] {
  const list: readonly PreferredSchedulingTerm[] = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return list.filter((t) => t.weight !== 0).map((t) => ({ weight: t.weight, term: compileTerm(t.preference) }));
}

export function matchesTerm(term: CompiledTerm, node: NodeInfo): boolean {
  if (term.empty) return false;
  if (!matches(term.labels, node.labels)) return false;
  return term.names.every((f) => (f.operator === 'In' ? f.values.includes(node.name) : f.operator === 'NotIn' && !f.values.includes(node.name)));
}

function compileTerm(term: NodeSelectorTerm): CompiledTerm {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  return {
    labels: expressions.map(toRequirement),
    names: fields.map((f) => (f.key === 'metadata.name' ? { operator: f.operator, values: f.values ?? [] } : { operator: 'Invalid', values: [] })),
    empty: expressions.length === 0 && fields.length === 0,
  };
}

function toRequirement(r: NodeSelectorRequirement): Requirement {
  return { key: r.key, operator: r.operator as Requirement['operator'], values: r.values ?? [] };
}
