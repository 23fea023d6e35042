import { describe, expect, it } from 'vitest';
import { diffMaps } from './graph-index';

describe('diffMaps', () => {
  const collect = (a: Map<string, number>, b: Map<string, number>) => {
    const out: [string, number | undefined, number | undefined][] = [];
    diffMaps(a, b, (k, was, now) => out.push([k, was, now]));
    return out;
  };

  it('reports added, replaced and removed keys only', () => {
    const a = new Map([['x', 1], ['y', 2], ['z', 3]]);
    expect(collect(a, new Map([['x', 1], ['y', 5], ['w', 9]]))).toEqual([
      ['y', 2, 5],
      ['w', undefined, 9],
      ['z', 3, undefined],
    ]);
    expect(collect(a, new Map(a))).toEqual([]);
  });

  it('notices a swap that keeps the size', () => {
    expect(collect(new Map([['a', 1]]), new Map([['b', 1]]))).toEqual([
      ['b', undefined, 1],
      ['a', 1, undefined],
    ]);
  });

  it('uses the given equality', () => {
    const out: string[] = [];
    diffMaps(new Map([['a', { v: 1 }]]), new Map([['a', { v: 1 }]]), (k) => out.push(k), (p, q) => p.v === q.v);
    expect(out).toEqual([]);
  });
});
