import { describe, expect, it } from 'vitest';
import { parseSelector } from '../sim/api/labels';
import type { EventRecord, Pod } from '../sim';
import { checkEvents, describeEventFilter, describeFilter, eventMatches, podMatches } from './expect';
import type { EventFilter, PodFilter } from './types';

function pod(name: string, fields: { ns?: string; labels?: Record<string, string>; node?: string; phase?: string; ready?: boolean; terminating?: boolean; owner?: [string, string] } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: fields.ns ?? 'default',
      uid: name,
      resourceVersion: '1',
      creationTimestamp: '2025-01-01T00:00:00.000Z',
      ...(fields.labels ? { labels: fields.labels } : {}),
      ...(fields.terminating ? { deletionTimestamp: '2025-01-01T00:07:00.000Z' } : {}),
      ...(fields.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: fields.owner[0], name: fields.owner[1], uid: 'o', controller: true }] } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'i' }], ...(fields.node ? { nodeName: fields.node } : {}) },
    status: {
      phase: fields.phase ?? 'Pending',
      ...(fields.ready !== undefined ? { conditions: [{ type: 'Ready', status: fields.ready ? 'True' : 'False' }] } : {}),
    },
  };
}

const PODS = [
  pod('web-1', { labels: { app: 'web', tier: 'front' }, node: 'zone-a-1', phase: 'Running', ready: true, owner: ['ReplicaSet', 'web-abc'] }),
  pod('web-2', { labels: { app: 'web', tier: 'front' }, node: 'zone-a-1', phase: 'Running', ready: false, terminating: true, owner: ['ReplicaSet', 'web-abc'] }),
  pod('web-3', { labels: { app: 'web' }, phase: 'Pending', owner: ['ReplicaSet', 'web-def'] }),
  pod('db-1', { ns: 'data', labels: { app: 'db', tier: 'db' }, node: 'zone-a-2', phase: 'Running', ready: true, owner: ['StatefulSet', 'db'] }),
];

function matching(filter: PodFilter): string[] {
  return PODS.filter((p) => podMatches(p, filter)).map((p) => p.metadata.name);
}

describe('pod filters', () => {
  it('matches everything when empty', () => {
    expect(matching({})).toEqual(['web-1', 'web-2', 'web-3', 'db-1']);
  });

  it.each<[PodFilter, string[]]>([
    [{ namespace: 'data' }, ['db-1']],
    [{ requirements: parseSelector('app=web,tier!=db') }, ['web-1', 'web-2', 'web-3']],
    [{ requirements: parseSelector('tier') }, ['web-1', 'web-2', 'db-1']],
    [{ requirements: parseSelector('tier in (db)') }, ['db-1']],
    [{ ownerKind: 'ReplicaSet' }, ['web-1', 'web-2', 'web-3']],
    [{ ownerKind: 'ReplicaSet', ownerName: 'web-def' }, ['web-3']],
    [{ ownerName: 'db' }, ['db-1']],
    [{ node: 'zone-a-1' }, ['web-1', 'web-2']],
    [{ node: '' }, ['web-3']],
    [{ phase: 'Running' }, ['web-1', 'web-2', 'db-1']],
    [{ terminating: true }, ['web-2']],
    [{ terminating: false, ready: true }, ['web-1', 'db-1']],
    [{ ready: false }, ['web-2', 'web-3']],
  ])('%j', (filter, names) => {
    expect(matching(filter)).toEqual(names);
  });

  it('describes a filter in words', () => {
    expect(describeFilter({ selector: 'app=web', node: 'zone-a-1', terminating: true })).toBe('with selector app=web, on zone-a-1, terminating');
    expect(describeFilter({ node: '', phase: 'Pending', ready: false })).toBe('unscheduled, Pending, not ready');
    expect(describeFilter({})).toBe('in total');
  });
});

function event(seq: number, atMs: number, type: EventRecord['type'], reason: string, object: [string, string | undefined, string], message: string, count = 1): EventRecord {
  const [kind, namespace, name] = object;
  return {
    seq,
    type,
    reason,
    message,
    source: 'test',
    involvedObject: { kind, name, uid: name, ...(namespace ? { namespace } : {}) },
    firstTimestampMs: atMs,
    lastTimestampMs: atMs,
    count,
  };
}

const EVENTS = [
  event(1, 0, 'Normal', 'Scheduled', ['Pod', 'default', 'web-1'], 'Successfully assigned default/web-1 to zone-a-1'),
  event(2, 1000, 'Warning', 'FailedScheduling', ['Pod', 'default', 'big'], '0/3 nodes are available: 3 Insufficient cpu.', 4),
  event(3, 2000, 'Warning', 'FailedScheduling', ['Pod', 'batch', 'big'], '0/3 nodes are available: 3 Insufficient memory.'),
  event(4, 3000, 'Normal', 'DrainStarted', ['Node', undefined, 'zone-a-1'], 'Drain started'),
  event(5, 9000, 'Normal', 'DrainFinished', ['Node', undefined, 'zone-a-1'], 'Drain finished'),
];

describe('event filters (an extension)', () => {
  const matching = (filter: EventFilter) => EVENTS.filter((e) => eventMatches(e, filter)).map((e) => e.seq);

  it.each<[EventFilter, number[]]>([
    [{ reason: 'FailedScheduling' }, [2, 3]],
    [{ reason: 'FailedScheduling', object: { kind: 'Pod', name: 'big' } }, [2]],
    [{ reason: 'FailedScheduling', object: { kind: 'Pod', namespace: 'batch', name: 'big' } }, [3]],
    [{ reason: 'FailedScheduling', object: { kind: 'Node', name: 'big' } }, []],
    [{ reason: 'FailedScheduling', message: 'Insufficient memory' }, [3]],
    [{ reason: 'FailedScheduling', type: 'Normal' }, []],
    [{ reason: 'DrainStarted', object: { kind: 'Node', name: 'zone-a-1' } }, [4]],
    [{ reason: 'DrainStarted', object: { kind: 'Node', namespace: 'default', name: 'zone-a-1' } }, []],
  ])('%j', (filter, seqs) => {
    expect(matching(filter)).toEqual(seqs);
  });

  it('counts each aggregated record as often as it occurred', () => {
    const outcome = checkEvents(EVENTS, 10_000, { kind: 'event-count', filter: { reason: 'FailedScheduling', object: { kind: 'Pod', name: 'big' } }, count: 4 });
    expect(outcome).toEqual({
      description: '4 events FailedScheduling on Pod/big',
      passed: true,
      expected: '4',
      found: '4 (Pod/default/big Warning FailedScheduling ×4: "0/3 nodes are available: 3 Insufficient cpu.")',
    });
  });

  it('only sees events recorded at or before the time of the check', () => {
    const filter = { reason: 'DrainFinished' };
    expect(checkEvents(EVENTS, 8_999, { kind: 'event-exists', filter, exists: false }).passed).toBe(true);
    expect(checkEvents(EVENTS, 9_000, { kind: 'event-exists', filter, exists: false })).toMatchObject({
      description: 'no event DrainFinished',
      passed: false,
      expected: 'none',
      found: '1 (Node/zone-a-1 Normal DrainFinished: "Drain finished")',
    });
  });

  it('shows the events with the same reason when none matches', () => {
    const outcome = checkEvents(EVENTS, 10_000, { kind: 'event-count', filter: { reason: 'FailedScheduling', message: 'Too many pods' }, count: 1 });
    expect(outcome.passed).toBe(false);
    expect(outcome.found).toBe(
      '0 (other events with that reason: Pod/default/big Warning FailedScheduling ×4: "0/3 nodes are available: 3 Insufficient cpu."; Pod/batch/big Warning FailedScheduling: "0/3 nodes are available: 3 Insufficient memory.")',
    );
  });

  it('describes a filter in words', () => {
    expect(describeEventFilter({ reason: 'FailedScheduling', type: 'Warning', object: { kind: 'Pod', namespace: 'default', name: 'big' }, message: '0/3 nodes' })).toBe(
      'Warning FailedScheduling on Pod/default/big, message containing "0/3 nodes"',
    );
  });
});
