/**
 * Checks one expectation (scenario-format.md, "expect") against the
 * simulation's state now: what was expected, what was found, in words.
 */
import { matches } from '../sim/api/labels';
import { getNodeCondition, isPodReady } from '../sim/api/conditions';
import { hasTaint } from '../sim/api/taints';
import type { Node, Pod } from '../sim/api/types';
import type { Simulation } from '../sim/simulation';
import type { Expectation, ExpectationCheck, ExpectationResult, PodAspects, PodFilter } from './types';

/** Pod names listed in a "found" text before it is cut short. */
const MAX_NAMES = 5;

interface Outcome {
  description: string;
  passed: boolean;
  expected: string;
  found: string;
}

export function checkExpectation(sim: Simulation, expectation: Expectation): ExpectationResult {
  const outcome = evaluate(sim, expectation.check);
  return {
    atMs: expectation.atMs,
    ...outcome,
    path: expectation.source.path,
    ...(expectation.source.line !== undefined ? { line: expectation.source.line } : {}),
  };
}

function evaluate(sim: Simulation, check: ExpectationCheck): Outcome {
  switch (check.kind) {
    case 'node-condition': {
      const description = `node ${check.node} condition ${check.type} is ${check.status}`;
      const node = sim.api.get<Node>('Node', check.node);
      const found = !node ? `no node ${check.node}` : (getNodeCondition(node, check.type)?.status ?? `no ${check.type} condition`);
      return { description, passed: found === check.status, expected: check.status, found };
    }
    case 'node-taint': {
      const taint = `${check.key}:${check.effect}`;
      const description = `node ${check.node} ${check.present ? 'has' : 'lacks'} taint ${taint}`;
      const node = sim.api.get<Node>('Node', check.node);
      if (!node) return { description, passed: false, expected: describeTaint(taint, check.present), found: `no node ${check.node}` };
      const present = hasTaint(node.spec.taints, check.key, check.effect);
      return { description, passed: present === check.present, expected: describeTaint(taint, check.present), found: describeTaint(taint, present) };
    }
    case 'node-exists': {
      const exists = sim.api.get('Node', check.node) !== undefined;
      const describe = (e: boolean) => (e ? 'exists' : 'does not exist');
      return { description: `node ${check.node} ${describe(check.exists)}`, passed: exists === check.exists, expected: describe(check.exists), found: describe(exists) };
    }
    case 'zone-state': {
      const zone = sim.nodeLifecycle.zoneStates().find((z) => z.zone === check.zone || z.key === check.zone);
      const found = zone ? zone.state : `zone ${check.zone} unknown to the node lifecycle controller`;
      return { description: `zone ${check.zone} is ${check.state}`, passed: found === check.state, expected: check.state, found };
    }
    case 'pod-count':
      return countPods(sim, check.filter, check.count);
    case 'pod':
      return checkPod(sim, check.namespace, check.name, check.aspects);
  }
}

function describeTaint(taint: string, present: boolean): string {
  return present ? `taint ${taint}` : `no taint ${taint}`;
}

function countPods(sim: Simulation, filter: PodFilter, count: number): Outcome {
  const source = filter.node !== undefined && filter.node !== '' ? sim.api.podsOnNode(filter.node) : sim.api.list<Pod>('Pod');
  const names: string[] = [];
  for (const pod of source) if (podMatches(pod, filter)) names.push(`${pod.metadata.namespace}/${pod.metadata.name}`);
  names.sort();
  const shown = names.length === 0 ? '' : ` (${names.slice(0, MAX_NAMES).join(', ')}${names.length > MAX_NAMES ? ', …' : ''})`;
  return {
    description: `${count} ${count === 1 ? 'pod' : 'pods'} ${describeFilter(filter)}`,
    passed: names.length === count,
    expected: String(count),
    found: `${names.length}${shown}`,
  };
}

export function podMatches(pod: Pod, filter: PodFilter): boolean {
  if (filter.namespace !== undefined && pod.metadata.namespace !== filter.namespace) return false;
  if (filter.requirements && !matches(filter.requirements, pod.metadata.labels)) return false;
  if (filter.ownerKind !== undefined || filter.ownerName !== undefined) {
    const owned = (pod.metadata.ownerReferences ?? []).some(
      (ref) => (filter.ownerKind === undefined || ref.kind === filter.ownerKind) && (filter.ownerName === undefined || ref.name === filter.ownerName),
    );
    if (!owned) return false;
  }
  if (filter.node !== undefined && (pod.spec.nodeName ?? '') !== filter.node) return false;
  if (filter.phase !== undefined && pod.status.phase !== filter.phase) return false;
  if (filter.terminating !== undefined && (pod.metadata.deletionTimestamp !== undefined) !== filter.terminating) return false;
  if (filter.ready !== undefined && isPodReady(pod) !== filter.ready) return false;
  return true;
}

/** "with selector app=web, on zone-a-1, terminating". */
export function describeFilter(filter: PodFilter): string {
  const parts: string[] = [];
  if (filter.namespace !== undefined) parts.push(`in namespace ${filter.namespace}`);
  if (filter.selector !== undefined) parts.push(`with selector ${filter.selector}`);
  if (filter.ownerKind !== undefined || filter.ownerName !== undefined) parts.push(`owned by ${filter.ownerKind ?? '*'}/${filter.ownerName ?? '*'}`);
  if (filter.node !== undefined) parts.push(filter.node === '' ? 'unscheduled' : `on ${filter.node}`);
  if (filter.phase !== undefined) parts.push(filter.phase);
  if (filter.ready !== undefined) parts.push(filter.ready ? 'ready' : 'not ready');
  if (filter.terminating !== undefined) parts.push(filter.terminating ? 'terminating' : 'not terminating');
  return parts.length === 0 ? 'in total' : parts.join(', ');
}

function checkPod(sim: Simulation, namespace: string, name: string, aspects: PodAspects): Outcome {
  const pod = sim.api.get<Pod>('Pod', name, namespace);
  const expected = describeAspects(aspects);
  const description = `pod ${namespace}/${name} ${expected}`;
  if (!pod) return { description, passed: aspects.exists === false, expected, found: 'does not exist' };
  const actual: FoundAspects = {};
  if (aspects.exists !== undefined) actual.exists = true;
  if (aspects.phase !== undefined) actual.phase = pod.status.phase ?? 'none';
  if (aspects.node !== undefined) actual.node = pod.spec.nodeName ?? '';
  if (aspects.terminating !== undefined) actual.terminating = pod.metadata.deletionTimestamp !== undefined;
  if (aspects.ready !== undefined) actual.ready = isPodReady(pod);
  const keys = Object.keys(aspects) as (keyof PodAspects)[];
  const passed = keys.every((k) => aspects[k] === actual[k]);
  return { description, passed, expected, found: describeAspects(actual) };
}

/** What a pod was found to be; its phase may be one no expectation names (unset). */
type FoundAspects = Omit<PodAspects, 'phase'> & { phase?: string };

/** "exists, phase Running, on zone-a-1, not terminating, ready". */
function describeAspects(a: FoundAspects): string {
  const parts: string[] = [];
  if (a.exists !== undefined) parts.push(a.exists ? 'exists' : 'does not exist');
  if (a.phase !== undefined) parts.push(`phase ${a.phase}`);
  if (a.node !== undefined) parts.push(a.node === '' ? 'unscheduled' : `on ${a.node}`);
  if (a.terminating !== undefined) parts.push(a.terminating ? 'terminating' : 'not terminating');
  if (a.ready !== undefined) parts.push(a.ready ? 'ready' : 'not ready');
  return parts.join(', ');
}
