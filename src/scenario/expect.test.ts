import { describe, expect, it } from 'vitest';
import { parseSelector } from '../sim/api/labels';
import type { Pod } from '../sim/api/types';
import { describeFilter, podMatches } from './expect';
import type { PodFilter } from './types';

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
