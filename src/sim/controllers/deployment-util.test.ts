import { describe, expect, it } from 'vitest';
import { equalIgnoreHash, getProportion, podTemplateHash, resolveFenceposts } from './deployment-util';
import type { Deployment, ReplicaSet } from './workload-types';

describe('resolveFenceposts', () => {
  it('S30: 25 %/25 % gives (1,0), (1,0), (1,1), (3,2) for 1, 3, 4, 10 replicas', () => {
    expect(resolveFenceposts('25%', '25%', 1)).toEqual([1, 0]);
    expect(resolveFenceposts('25%', '25%', 3)).toEqual([1, 0]);
    expect(resolveFenceposts('25%', '25%', 4)).toEqual([1, 1]);
    expect(resolveFenceposts('25%', '25%', 10)).toEqual([3, 2]);
  });

  it('makes maxUnavailable 1 when both round to 0, and takes absolute numbers as they are', () => {
    expect(resolveFenceposts('0%', '10%', 3)).toEqual([0, 1]);
    expect(resolveFenceposts(0, 0, 5)).toEqual([0, 1]);
    expect(resolveFenceposts(2, 0, 5)).toEqual([2, 0]);
  });
});

describe('pod template hash', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1' }] } };

  it('is stable, spelled in the safe alphabet, and changes with the template or the collision count', () => {
    const hash = podTemplateHash(template, undefined);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(podTemplateHash(structuredClone(template), undefined)).toBe(hash);
    expect(podTemplateHash({ ...template, spec: { containers: [{ name: 'app', image: 'nginx:2' }] } }, undefined)).not.toBe(hash);
    expect(podTemplateHash(template, 1)).not.toBe(hash);
  });

  it('equalIgnoreHash ignores the pod-template-hash label and empty versus missing fields', () => {
    const labelled = { ...template, metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' }, annotations: {} } };
    expect(equalIgnoreHash(template, labelled)).toBe(true);
    expect(equalIgnoreHash(template, { ...template, metadata: { labels: { app: 'api' } } })).toBe(false);
  });
});

describe('getProportion', () => {
  const d = { spec: { replicas: 20, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } }, status: {} } as unknown as Deployment;
  const rs = (replicas: number) => ({ metadata: { annotations: { 'deployment.kubernetes.io/max-replicas': '13' } }, spec: { replicas } }) as unknown as ReplicaSet;

  it('gives each ReplicaSet its share of the new maximum (13 → 25 pods)', () => {
    expect(getProportion(rs(8), d, 12, 0)).toBe(7);
    expect(getProportion(rs(5), d, 12, 7)).toBe(5);
    // Never more than what is left to hand out.
    expect(getProportion(rs(8), d, 12, 10)).toBe(2);
  });
});
