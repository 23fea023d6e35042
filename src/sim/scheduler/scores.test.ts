import { describe, expect, it } from 'vitest';
import { getPodCondition } from '../api/conditions';
import { addNode, addPod, addReplicaSet, nodeOf, testCluster } from './test-cluster';
import { numFeasibleNodesToFind } from './schedule-one';
import { defaultNormalizeScore } from './scores';

describe('§5.4 worked example', () => {
  it('scores A and B with the exact per-plugin numbers and picks A', () => {
    const { world, scheduler } = testCluster();
    world.at(0, () => {
      addNode(world, 'a', { cpu: '4', memory: '8Gi', zone: 'zone-a' });
      addNode(world, 'b', { cpu: '4', memory: '8Gi', zone: 'zone-a' });
      addPod(world, 'on-a', { nodeName: 'a', cpu: '1', memory: '2Gi' });
      addPod(world, 'on-b', { nodeName: 'b', cpu: '3', memory: '2Gi' });
    });
    world.at(1000, () => {
      const rs = addReplicaSet(world, 'web', { app: 'web' });
      addPod(world, 'web-1', { owner: rs, labels: { app: 'web' }, cpu: '500m', memory: '1Gi' });
    });
    expect(nodeOf(world, 'web-1')).toBe('a');
    const decision = scheduler.lastDecision('default/web-1')!;
    expect(decision).toMatchObject({ result: 'bound', node: 'a', totalNodes: 2, evaluatedNodes: 2, feasibleNodes: 2, filters: [] });
    const byNode = Object.fromEntries(decision.scores.map((s) => [s.node, s]));
    // Weighted contributions: LeastAllocated ×1, Balanced ×1, TaintToleration 100 ×3, PodTopologySpread 100 ×2.
    // NodeAffinity and InterPodAffinity are skipped (no terms); ImageLocality gives 0.
    expect(byNode.a!.byPlugin).toEqual({
      NodeResourcesFit: 62,
      NodeResourcesBalancedAllocation: 100,
      TaintToleration: 300,
      PodTopologySpread: 200,
      ImageLocality: 0,
    });
    expect(byNode.b!.byPlugin).toEqual({
      NodeResourcesFit: 37,
      NodeResourcesBalancedAllocation: 75,
      TaintToleration: 300,
      PodTopologySpread: 200,
      ImageLocality: 0,
    });
    expect(byNode.a!.total - byNode.b!.total).toBe(162 - 112);
    expect(getPodCondition(world.pod('web-1')!, 'PodScheduled')).toMatchObject({ status: 'True' });
    expect(world.events('Scheduled')).toContain('Successfully assigned default/web-1 to a');
  });
});

describe('score plugins', () => {
  function byNode(c: ReturnType<typeof testCluster>, pod: string, plugin: string): Record<string, number | undefined> {
    const decision = c.scheduler.lastDecision(`default/${pod}`)!;
    return Object.fromEntries(decision.scores.map((s) => [s.node, (s.byPlugin as Record<string, number>)[plugin]]));
  }

  it('TaintToleration counts untolerated PreferNoSchedule taints, normalised in reverse (weight 3)', () => {
    const c = testCluster();
    const prefer = (key: string) => ({ key, effect: 'PreferNoSchedule' as const });
    c.world.at(0, () => {
      addNode(c.world, 'clean');
      addNode(c.world, 'one', { taints: [prefer('a')] });
      addNode(c.world, 'two', { taints: [prefer('a'), prefer('b')] });
      addNode(c.world, 'tolerated', { taints: [prefer('b')] });
      addPod(c.world, 'p', { tolerations: [{ key: 'b', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    });
    expect(byNode(c, 'p', 'TaintToleration')).toEqual({ clean: 300, one: 0, two: 0, tolerated: 300 });
    expect(nodeOf(c.world, 'p')).toMatch(/^(clean|tolerated)$/);
  });

  it('NodeAffinity sums the weights of matching preferred terms (weight 2)', () => {
    const c = testCluster();
    c.world.at(0, () => {
      addNode(c.world, 'both', { labels: { zone: 'a', disk: 'ssd' } });
      addNode(c.world, 'ssd', { labels: { disk: 'ssd' } });
      addNode(c.world, 'zone', { labels: { zone: 'a' } });
      addNode(c.world, 'none');
      addPod(c.world, 'p', {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
              { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
            ],
          },
        },
      });
    });
    expect(byNode(c, 'p', 'NodeAffinity')).toEqual({ both: 200, ssd: 160, zone: 40, none: 0 });
    expect(nodeOf(c.world, 'p')).toBe('both');
  });

  it('InterPodAffinity: preferred terms both ways, min–max normalised (weight 2)', () => {
    const c = testCluster();
    const near = (app: string, weight: number) => ({ weight, podAffinityTerm: { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' } });
    c.world.at(0, () => {
      addNode(c.world, 'n1');
      addNode(c.world, 'n2');
      addNode(c.world, 'n3');
      addPod(c.world, 'cache', { nodeName: 'n1', labels: { app: 'cache' } });
      addPod(c.world, 'noisy', { nodeName: 'n2', labels: { app: 'noisy' } });
      addPod(c.world, 'p', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [near('cache', 10)] }, podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [near('noisy', 5)] } } });
    });
    // raw: n1 +10, n2 −5, n3 0 ⇒ (raw − min) / (max − min) × 100 = 100, 0, 33.
    expect(byNode(c, 'p', 'InterPodAffinity')).toEqual({ n1: 200, n2: 0, n3: 66 });
    expect(nodeOf(c.world, 'p')).toBe('n1');
  });

  it('BalancedAllocation is skipped for a pod that requests nothing; LeastAllocated uses 100m / 200Mi', () => {
    const c = testCluster();
    c.world.at(0, () => {
      addNode(c.world, 'n1', { cpu: '1', memory: '1000Mi' });
      addNode(c.world, 'n2', { cpu: '1', memory: '1000Mi' });
      addPod(c.world, 'p');
    });
    const decision = c.scheduler.lastDecision('default/p')!;
    expect(decision.scores[0]!.byPlugin.NodeResourcesBalancedAllocation).toBeUndefined();
    // cpu (1000 − 100) × 100 / 1000 = 90, memory (1000 − 200) × 100 / 1000 = 80 ⇒ 85.
    expect(decision.scores[0]!.byPlugin.NodeResourcesFit).toBe(85);
  });
});

describe('helpers', () => {
  it('numFeasibleNodesToFind is adaptive as upstream', () => {
    expect(numFeasibleNodesToFind(50)).toBe(50);
    expect(numFeasibleNodesToFind(100)).toBe(100);
    expect(numFeasibleNodesToFind(500)).toBe(230); // 50 − 4 = 46 %
    expect(numFeasibleNodesToFind(1000)).toBe(420); // 42 %
    expect(numFeasibleNodesToFind(5000)).toBe(500); // 10 %
    expect(numFeasibleNodesToFind(6000)).toBe(300); // 5 % floor
  });

  it('DefaultNormalizeScore maps to 0…100, reversed or not', () => {
    expect([...defaultNormalizeScore([0, 0], true)]).toEqual([100, 100]);
    expect([...defaultNormalizeScore([0, 0], false)]).toEqual([0, 0]);
    expect([...defaultNormalizeScore([1, 3], false)]).toEqual([33, 100]);
    expect([...defaultNormalizeScore([1, 3], true)]).toEqual([67, 0]);
  });
});
