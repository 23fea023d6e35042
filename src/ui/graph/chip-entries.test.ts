import { describe, expect, it } from 'vitest';
import { initialChips, mergeChips, oldestGone, pruneChips } from './chip-entries';

const created: Record<string, string> = { a: '1', b: '2', c: '3', d: '0' };
const sortKeyOf = (key: string) => `${created[key] ?? '9'}\u0000${key}`;

describe('chip entries', () => {
  it('orders by creation time, then name', () => {
    expect(initialChips(['c', 'a', 'b'], sortKeyOf).entries.map((e) => e.key)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a leaving chip in place, marks newcomers fresh, and prunes the leavers later', () => {
    let list = initialChips(['a', 'b', 'c'], sortKeyOf);
    list = mergeChips(list, ['a', 'c', 'x'], sortKeyOf);
    expect(list.entries.map((e) => [e.key, e.goneAt !== undefined, e.fresh])).toEqual([
      ['a', false, false],
      ['b', true, false],
      ['c', false, false],
      ['x', false, true],
    ]);
    const first = oldestGone(list)!;
    list = mergeChips(list, ['c', 'x'], sortKeyOf);
    expect(oldestGone(list)).toBe(first);
    list = pruneChips(list, first);
    expect(list.entries.map((e) => e.key)).toEqual(['a', 'c', 'x']);
    list = pruneChips(list, oldestGone(list)!);
    expect(list.entries.map((e) => e.key)).toEqual(['c', 'x']);
    expect(oldestGone(list)).toBeUndefined();
  });

  it('brings back a pod recreated under the same name as a fresh chip', () => {
    let list = initialChips(['a'], sortKeyOf);
    list = mergeChips(list, [], sortKeyOf);
    list = mergeChips(list, ['a'], sortKeyOf);
    expect(list.entries).toEqual([{ key: 'a', sortKey: sortKeyOf('a'), fresh: true }]);
  });

  it('drops a chip whose pod moved elsewhere at once, instead of showing it deleted', () => {
    let list = initialChips(['a', 'b'], sortKeyOf);
    list = mergeChips(list, ['b'], sortKeyOf, (key) => key === 'a');
    expect(list.entries.map((e) => [e.key, e.goneAt !== undefined])).toEqual([['b', false]]);
  });

  it('returns the same list when there is nothing to prune', () => {
    const list = initialChips(['a'], sortKeyOf);
    expect(pruneChips(list, 5)).toBe(list);
  });
});
