import { describe, expect, it } from 'vitest';
import type { Pod } from '../../sim/api/types';
import { podDescription, podOwner, podState, sumRequests } from './pod-view';

function pod(name: string, extra: { labels?: Record<string, string>; owner?: { kind: string; name: string }; phase?: string; ready?: boolean; deleting?: boolean; nodeName?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '1',
      creationTimestamp: '2025-01-01T00:00:00.000Z',
      ...(extra.labels ? { labels: extra.labels } : {}),
      ...(extra.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: extra.owner.kind, name: extra.owner.name, uid: 'u', controller: true }] } : {}),
      ...(extra.deleting ? { deletionTimestamp: '2025-01-01T00:01:00.000Z' } : {}),
    },
    spec: { nodeName: extra.nodeName, containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
    status: { phase: extra.phase ?? 'Running', conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }] },
  } as Pod;
}

describe('pod view', () => {
  it('names the owner by controller reference, else the app label', () => {
    expect(podOwner(pod('web-1', { owner: { kind: 'ReplicaSet', name: 'web-7d9f' }, labels: { app: 'web' } }))).toEqual({ short: 'rs/web-7d9f', spoken: 'ReplicaSet web-7d9f' });
    expect(podOwner(pod('web-1', { labels: { app: 'web' } }))).toEqual({ short: 'app=web', spoken: 'app web' });
    expect(podOwner(pod('lonely'))).toEqual({ short: 'lonely', spoken: 'no owner' });
  });

  it('ranks states: terminating over a scheduled eviction over phase and readiness', () => {
    const eviction = { pod: 'default/a', node: 'n', createdAtMs: 0, fireAtMs: 300_000 };
    expect(podState(pod('a', { deleting: true }), eviction)).toBe('terminating');
    expect(podState(pod('a'), eviction)).toBe('evicting');
    expect(podState(pod('a'), undefined)).toBe('ready');
    expect(podState(pod('a', { ready: false }), undefined)).toBe('unready');
    expect(podState(pod('a', { phase: 'Pending', ready: false }), undefined)).toBe('pending');
    expect(podDescription(pod('a', { labels: { app: 'web' } }), eviction, false)).toBe('Pod a, owner app web, Running, ready, eviction scheduled at t = 5m');
  });

  it('sums requests of the pods that hold resources', () => {
    const pods = new Map([
      ['default/a', pod('a')],
      ['default/b', pod('b')],
      ['default/c', pod('c', { phase: 'Succeeded' })],
    ]);
    const sum = sumRequests(['default/a', 'default/b', 'default/c', 'default/missing'], pods);
    expect(sum.pods).toBe(2);
    expect(sum.cpu).toBeCloseTo(0.2);
    expect(sum.memory).toBe(256 * 2 ** 20);
  });
});
