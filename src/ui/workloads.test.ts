import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../sim/api/types';
import { isScalable, parseReplicas, scalableOwnerOf, workloadCounts, workloadIds, workloadLabel } from './workloads';

const obj = (kind: string, name: string, fields: Record<string, unknown> = {}, owner?: { kind: string; name: string }): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: 'default', uid: name, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', ...owner, uid: owner.name, controller: true }] } : {}) },
    ...fields,
  }) as KubeObject;

const web = obj('Deployment', 'web', { spec: { replicas: 6 }, status: { readyReplicas: 5, availableReplicas: 4, updatedReplicas: 6, replicas: 6 } });
const rs = obj('ReplicaSet', 'web-abc', { spec: { replicas: 6 } }, { kind: 'Deployment', name: 'web' });
const bare = obj('ReplicaSet', 'bare', { spec: { replicas: 2 } });
const others = new Map<string, ReadonlyMap<string, KubeObject>>([
  ['ReplicaSet', new Map([['default/web-abc', rs], ['default/bare', bare]])],
  ['Deployment', new Map([['default/web', web]])],
]);

describe('workloads', () => {
  it('lists workloads by kind, then key', () => {
    expect(workloadIds(others)).toEqual(['Deployment/default/web', 'ReplicaSet/default/bare', 'ReplicaSet/default/web-abc']);
  });

  it('offers Scale for Deployments, StatefulSets and standalone ReplicaSets only', () => {
    expect([web, rs, bare, obj('StatefulSet', 'db'), obj('DaemonSet', 'ds'), obj('Job', 'j')].map(isScalable)).toEqual([true, false, true, true, false, false]);
  });

  it('reads the counts kubectl get shows', () => {
    expect(workloadCounts(web)).toEqual({ desired: 6, ready: 5, available: 4, detail: '6 up-to-date, 6 current' });
    expect(workloadCounts(obj('DaemonSet', 'ds', { spec: {}, status: { desiredNumberScheduled: 9, numberReady: 8, numberAvailable: 8, currentNumberScheduled: 9 } }))).toMatchObject({
      desired: 9,
      ready: 8,
      available: 8,
    });
    expect(workloadCounts(obj('Job', 'j', { spec: { completions: 3 }, status: { active: 1, succeeded: 2 } }))).toMatchObject({ desired: 3, detail: '1 active, 2 succeeded, 0 failed' });
  });

  it("finds a pod's scalable top owner through its ReplicaSet", () => {
    const pod = (owner: { kind: string; name: string }) => obj('Pod', 'p', {}, owner) as Pod;
    expect(scalableOwnerOf(pod({ kind: 'ReplicaSet', name: 'web-abc' }), others)).toEqual({ kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(scalableOwnerOf(pod({ kind: 'ReplicaSet', name: 'bare' }), others)).toEqual({ kind: 'ReplicaSet', namespace: 'default', name: 'bare' });
    expect(scalableOwnerOf(pod({ kind: 'DaemonSet', name: 'gone' }), others)).toBeUndefined();
  });

  it('names what is wrong with a typed count', () => {
    const label = workloadLabel({ kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(label).toBe('deployment web');
    expect(parseReplicas(' 8 ', label)).toEqual({ replicas: 8 });
    expect(parseReplicas('0', label)).toEqual({ replicas: 0 });
    expect(parseReplicas('', label)).toEqual({ error: 'Enter the number of replicas for deployment web.' });
    expect(parseReplicas('-1', label)).toEqual({ error: 'Replicas cannot be negative (got -1); enter 0 or more.' });
    expect(parseReplicas('2.5', label)).toEqual({ error: 'Replicas must be a whole number (got 2.5).' });
    expect(parseReplicas('abc', label)).toEqual({ error: 'Replicas must be a whole number, not "abc".' });
    expect(parseReplicas('5000', label)).toEqual({ replicas: 5000 });
    expect(parseReplicas('5001', label)).toEqual({ error: "Deployment web: replicas: 5,001 replicas is over the page's limit of 5,000 replicas." });
  });
});
