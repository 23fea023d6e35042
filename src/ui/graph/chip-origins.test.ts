import { describe, expect, it } from 'vitest';
import type { Pod } from '../../sim/api/types';
import { departureOwner, OriginBook, podMotion } from './chip-origins';

function pod(name: string, extra: { node?: string; owner?: string; deleting?: boolean; phase?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ...(extra.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: extra.owner, controller: true }] } : {}),
      ...(extra.deleting ? { deletionTimestamp: '2024-01-01T00:00:10Z' } : {}),
    },
    spec: { containers: [], ...(extra.node ? { nodeName: extra.node } : {}) },
    status: { phase: extra.phase ?? 'Running' },
  } as unknown as Pod;
}

describe('podMotion', () => {
  it('tells a bind (Pending → node) from an arrival, a departure and an unrelated change', () => {
    expect(podMotion(pod('a'), pod('a', { node: 'n1' }))).toBe('moved');
    expect(podMotion(undefined, pod('a', { node: 'n1' }))).toBe('arrived');
    expect(podMotion(pod('a', { node: 'n1' }), undefined)).toBe('departed');
    expect(podMotion(pod('a', { node: 'n1' }), pod('a', { node: 'n1', deleting: true }))).toBe('departed');
    expect(podMotion(pod('a', { node: 'n1' }), pod('a', { node: 'n1', phase: 'Failed' }))).toBe('departed');
    // Readiness, phase to Running, a second deletion update: the chip stays where it is.
    expect(podMotion(pod('a', { node: 'n1', phase: 'Pending' }), pod('a', { node: 'n1' }))).toBeNull();
    expect(podMotion(pod('a', { node: 'n1', deleting: true }), pod('a', { node: 'n1', deleting: true }))).toBeNull();
    expect(podMotion(undefined, undefined)).toBeNull();
  });

  it('lets a pod already marked for deletion explain only a pod recreated under its name when it finally goes', () => {
    expect(departureOwner(pod('a', { owner: 'rs1' }), pod('a', { owner: 'rs1', deleting: true }))).toBe('rs1');
    expect(departureOwner(pod('a', { owner: 'rs1', deleting: true }), undefined)).toBeUndefined();
    expect(departureOwner(pod('a', { owner: 'rs1' }), undefined)).toBe('rs1');
  });
});

describe('OriginBook', () => {
  it('sends a replacement from its owner’s most recent departure, once', () => {
    const book = new OriginBook<string>();
    book.depart('web-1', 'rs1', 'zone-a-1 slot 1', 0);
    book.depart('web-2', 'rs1', 'zone-a-1 slot 2', 10);
    book.depart('api-1', 'rs2', 'zone-b-1 slot 1', 20);
    expect(book.arrive('web-9', 'rs1', 30)).toBe('zone-a-1 slot 2');
    expect(book.arrive('web-8', 'rs1', 30)).toBe('zone-a-1 slot 1');
    expect(book.arrive('web-7', 'rs1', 30)).toBeUndefined();
    expect(book.arrive('api-9', 'rs2', 30)).toBe('zone-b-1 slot 1');
  });

  it('prefers the departure of a pod with the same name (a StatefulSet’s)', () => {
    const book = new OriginBook<string>();
    book.depart('db-0', undefined, 'zone-a-1', 0);
    book.depart('db-1', 'sts', 'zone-b-1', 5);
    expect(book.arrive('db-0', 'sts', 10)).toBe('zone-a-1');
    expect(book.arrive('db-0', 'sts', 10)).toBe('zone-b-1');
  });

  it('keeps only the latest departure of a pod', () => {
    const book = new OriginBook<string>();
    book.depart('db-0', 'sts', 'marked', 0);
    book.depart('db-0', undefined, 'gone', 5);
    expect(book.size).toBe(1);
    expect(book.arrive('db-1', 'sts', 6)).toBeUndefined();
    expect(book.arrive('db-0', 'sts', 6)).toBe('gone');
  });

  it('explains nothing with a pod of no owner, or after the departure has aged out', () => {
    const book = new OriginBook<string>({ ttlMs: 100, max: 10 });
    book.depart('web-1', 'rs1', 'x', 0);
    expect(book.arrive('bare', undefined, 1)).toBeUndefined();
    expect(book.arrive('web-2', 'rs1', 101)).toBeUndefined();
    expect(book.size).toBe(0);
  });

  it('forgets the oldest departures past its limit', () => {
    const book = new OriginBook<number>({ ttlMs: 1_000, max: 2 });
    for (let i = 0; i < 3; i++) book.depart(`p${i}`, 'rs', i, i);
    expect(book.size).toBe(2);
    expect(book.arrive('q', 'rs', 3)).toBe(2);
    expect(book.arrive('q2', 'rs', 3)).toBe(1);
    expect(book.arrive('q3', 'rs', 3)).toBeUndefined();
  });
});
