/**
 * Checks one expectation (scenario-format.md, "expect") against the
 * simulation's state now: what was expected, what was found, in words.
 */
import { matches } from '../sim/api/labels';
import { getNodeCondition, isPodReady } from '../sim/api/conditions';
import { hasTaint } from '../sim/api/taints';
import { TRAFFIC_TICK_MS, type EventRecord, type Node, type Pod, type Simulation } from '../sim';
import type { EventFilter, Expectation, ExpectationCheck, ExpectationResult, PodAspects, PodFilter } from './types';

/** Pod names listed in a "found" text before it is cut short. */
const MAX_NAMES = 5;
/** Event records listed in a "found" text. */
const MAX_EVENTS = 3;

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
    case 'event-count':
    case 'event-exists':
      return checkEvents(sim.api.events.all(), sim.clock.nowMs, check);
    case 'field':
      return checkField(sim, check);
    case 'traffic':
      return checkTraffic(sim, check);
  }
}

/**
 * Requests counted for a Service: the last whole second counted (the one
 * ending now, at a whole second), or everything since its rate was set.
 */
function checkTraffic(sim: Simulation, check: Extract<ExpectationCheck, { kind: 'traffic' }>): Outcome {
  const key = `${check.namespace}/${check.service}`;
  const what = check.window === 'lastSecond' ? 'in the last second counted' : 'in total';
  const words = (counts: { ok?: number; failed?: number }) =>
    [counts.ok !== undefined ? `${counts.ok} ok` : '', counts.failed !== undefined ? `${counts.failed} failed` : ''].filter(Boolean).join(', ');
  const expected = words(check);
  const description = `Service ${key} requests ${what}: ${expected}`;
  const now = sim.clock.nowMs;
  const counts = check.window === 'total' ? sim.traffic.totalsOf(key) : sim.traffic.recentSeconds(key).find((s) => s.atMs <= now && now - s.atMs < TRAFFIC_TICK_MS);
  if (!counts) return { description, passed: false, expected, found: `no second ending at or just before ${now / 1000}s was counted` };
  const passed = (check.ok === undefined || check.ok === counts.ok) && (check.failed === undefined || check.failed === counts.failed);
  return { description, passed, expected, found: words({ ok: counts.ok, failed: counts.failed }) };
}

/** Any object's field by path: found at that path (JSON), compared whole with `equals`. */
function checkField(sim: Simulation, check: Extract<ExpectationCheck, { kind: 'field' }>): Outcome {
  const { kind, namespace, name } = check.object;
  const ref = [kind, namespace, name].filter((p) => p !== undefined).join('/');
  const description = `${ref} ${check.field} is ${JSON.stringify(check.equals)}`;
  const object = namespace !== undefined ? sim.api.get(kind, name, namespace) : (sim.api.get(kind, name, 'default') ?? sim.api.get(kind, name));
  const expected = canonical(check.equals);
  if (!object) return { description, passed: false, expected, found: `no ${ref}` };
  let value: unknown = object;
  for (const step of check.path) {
    if (value === undefined || value === null) break;
    if ('property' in step) value = (value as Record<string, unknown>)[step.property];
    else if ('index' in step) value = Array.isArray(value) ? value[step.index] : undefined;
    else value = Array.isArray(value) ? value.find((item) => String((item as Record<string, unknown>)?.[step.key]) === step.value) : undefined;
  }
  const found = value === undefined ? 'no such field' : canonical(value);
  return { description, passed: found === expected, expected, found };
}

/**
 * Events recorded at or before now that match the filter, each aggregated
 * record counting as many times as it occurred.
 */
export function checkEvents(
  records: readonly EventRecord[],
  nowMs: number,
  check: { kind: 'event-count'; filter: EventFilter; count: number } | { kind: 'event-exists'; filter: EventFilter; exists: boolean },
): Outcome {
  const recorded = records.filter((r) => r.firstTimestampMs <= nowMs).sort((a, b) => a.seq - b.seq);
  const matching = recorded.filter((r) => eventMatches(r, check.filter));
  const total = matching.reduce((sum, r) => sum + r.count, 0);
  const what = describeEventFilter(check.filter);
  const listed = matching.length > 0 ? listEvents(matching, '') : listEvents(recorded.filter((r) => r.reason === check.filter.reason), 'other events with that reason: ');
  if (check.kind === 'event-count') {
    const description = `${check.count} ${check.count === 1 ? 'event' : 'events'} ${what}`;
    return { description, passed: total === check.count, expected: String(check.count), found: `${total}${listed}` };
  }
  const describe = (e: boolean) => (e ? 'at least one' : 'none');
  return { description: `${check.exists ? 'an event' : 'no event'} ${what}`, passed: (total > 0) === check.exists, expected: describe(check.exists), found: `${total}${listed}` };
}

export function eventMatches(record: EventRecord, filter: EventFilter): boolean {
  if (record.reason !== filter.reason) return false;
  if (filter.type !== undefined && record.type !== filter.type) return false;
  if (filter.message !== undefined && !record.message.includes(filter.message)) return false;
  const object = filter.object;
  if (object) {
    const involved = record.involvedObject;
    if (involved.kind !== object.kind || involved.name !== object.name) return false;
    const namespace = involved.namespace ?? '';
    if (object.namespace !== undefined ? namespace !== object.namespace : namespace !== '' && namespace !== 'default') return false;
  }
  return true;
}

/** 'Warning FailedScheduling on Pod/default/big, message containing "0/3 nodes"'. */
export function describeEventFilter(filter: EventFilter): string {
  let text = [filter.type, filter.reason].filter((p) => p !== undefined).join(' ');
  if (filter.object) text += ` on ${[filter.object.kind, filter.object.namespace, filter.object.name].filter((p) => p !== undefined).join('/')}`;
  if (filter.message !== undefined) text += `, message containing ${JSON.stringify(filter.message)}`;
  return text;
}

function listEvents(records: readonly EventRecord[], prefix: string): string {
  if (records.length === 0) return '';
  const shown = records.slice(0, MAX_EVENTS).map((r) => {
    const o = r.involvedObject;
    const times = r.count > 1 ? ` ×${r.count}` : '';
    return `${o.kind}/${o.namespace ? `${o.namespace}/` : ''}${o.name} ${r.type} ${r.reason}${times}: ${JSON.stringify(r.message)}`;
  });
  return ` (${prefix}${shown.join('; ')}${records.length > MAX_EVENTS ? '; …' : ''})`;
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

/** JSON with object keys sorted, so a mapping compares equal whatever order it was written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
