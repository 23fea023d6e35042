import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { toTimestamp } from '../core/time';
import { compareRankedPods, getDeletionCost, getPodsToDelete, logarithmicRank, type RankedPod } from './controller-utils';

const NOW_MS = 10_000_000;

interface PodSpec {
  name?: string;
  uid?: string;
  node?: string;
  phase?: string;
  /** Seconds before NOW_MS the pod turned Ready; undefined = not Ready. */
  readyFor?: number;
  cost?: string;
  restarts?: number;
  /** Seconds before NOW_MS the pod was created. */
  age?: number;
}

function pod(p: PodSpec): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name ?? 'p',
      namespace: 'default',
      uid: p.uid ?? 'uid-0',
      resourceVersion: '1',
      creationTimestamp: toTimestamp(NOW_MS - (p.age ?? 5000) * 1000),
      ...(p.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': p.cost } } : {}),
    },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...(p.node !== '' ? { nodeName: p.node ?? 'n1' } : {}) },
    status: {
      phase: (p.phase ?? 'Running') as Pod['status']['phase'],
      conditions: [
        p.readyFor === undefined
          ? { type: 'Ready', status: 'False' }
          : { type: 'Ready', status: 'True', lastTransitionTime: toTimestamp(NOW_MS - p.readyFor * 1000) },
      ],
      containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: p.restarts ?? 0 }],
    },
  } as Pod;
}

const ranked = (p: PodSpec, rank = 0): RankedPod => ({ pod: pod(p), rank });

describe('ActivePodsWithRanks ordering (§6.1 scale-down ranking)', () => {
  // Each row: `first` must be deleted before `second`, by the named rule.
  const table: [string, RankedPod, RankedPod][] = [
    ['1. unassigned before assigned', ranked({ node: '', readyFor: 100 }), ranked({ phase: 'Pending' })],
    ['2. Pending before Running', ranked({ phase: 'Pending', readyFor: 100 }), ranked({ readyFor: 100 })],
    ['2. Pending before Unknown', ranked({ phase: 'Pending' }), ranked({ phase: 'Unknown' })],
    ['2. Unknown before Running', ranked({ phase: 'Unknown', readyFor: 100 }), ranked({ readyFor: 100 })],
    ['3. not Ready before Ready', ranked({ cost: '-100' }), ranked({ readyFor: 1 })],
    ['4. lower deletion cost first', ranked({ readyFor: 1, cost: '-5' }), ranked({ readyFor: 9999, cost: '10' })],
    ['4. an invalid cost ("+10") counts as 0', ranked({ readyFor: 100, cost: '+10' }), ranked({ readyFor: 100, cost: '1' })],
    ['5. doubled up (higher rank) first', ranked({ readyFor: 10_000 }, 2), ranked({ readyFor: 1 }, 1)],
    ['6. Ready for less time first', ranked({ readyFor: 10, uid: 'z' }), ranked({ readyFor: 1000, uid: 'a' })],
    ['6. same log2 bucket: smaller UID first, restarts not consulted', ranked({ readyFor: 100, uid: 'a' }), ranked({ readyFor: 101, uid: 'b', restarts: 5 })],
    ['7. more restarts first', ranked({ readyFor: 100, uid: 'z', restarts: 3 }), ranked({ readyFor: 100, uid: 'a', restarts: 1 })],
    ['8. newer first', ranked({ uid: 'z', age: 10 }), ranked({ uid: 'a', age: 1000 })],
    ['8. same log2 bucket: smaller UID first', ranked({ uid: 'a', age: 1000 }), ranked({ uid: 'b', age: 1001 })],
  ];

  it.each(table)('%s', (_rule, first, second) => {
    expect(compareRankedPods(first, second, NOW_MS)).toBeLessThan(0);
    expect(compareRankedPods(second, first, NOW_MS)).toBeGreaterThan(0);
  });

  it('9. keeps the order of pods that differ in nothing', () => {
    expect(compareRankedPods(ranked({ readyFor: 100 }), ranked({ readyFor: 100 }), NOW_MS)).toBe(0);
  });

  it('buckets ages by floor(log2(nanoseconds))', () => {
    expect(logarithmicRank(0)).toBe(-1);
    // 2^30 ns = 1073.741824 ms
    expect(logarithmicRank(1073)).toBe(29);
    expect(logarithmicRank(1074)).toBe(30);
    expect(logarithmicRank(100_000)).toBe(logarithmicRank(101_000));
  });

  it('reads the deletion cost as an int32 without sign or leading zeros', () => {
    const withCost = (cost: string) => pod({ cost });
    expect(getDeletionCost(withCost('-7'))).toBe(-7);
    expect(getDeletionCost(withCost('007'))).toBe(0);
    expect(getDeletionCost(withCost('2147483648'))).toBe(0);
    expect(getDeletionCost(pod({}))).toBe(0);
  });

  it('getPodsToDelete ranks by related pods on the same node', () => {
    const a = pod({ name: 'a', uid: 'a', node: 'n1', readyFor: 100 });
    const b = pod({ name: 'b', uid: 'b', node: 'n2', readyFor: 100 });
    const c = pod({ name: 'c', uid: 'c', node: 'n3', readyFor: 100 });
    // n2 also runs two pods of a sibling ReplicaSet: b is "doubled up".
    const siblings = [pod({ name: 's1', node: 'n2' }), pod({ name: 's2', node: 'n2' })];
    expect(getPodsToDelete([a, b, c], [a, b, c, ...siblings], 1, NOW_MS).map((p) => p.metadata.name)).toEqual(['b']);
    expect(getPodsToDelete([a, b, c], [a, b, c], 3, NOW_MS)).toHaveLength(3);
  });
});
