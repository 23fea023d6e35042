import { describe, expect, it } from 'vitest';
import { TAINT_UNREACHABLE } from '../api/taints';
import type { Taint } from '../api/types';
import { Scheduler, type SchedulerState } from './scheduler';
import { addNode, addPod, addReplicaSet, nodeOf, testCluster } from './test-cluster';

const UNREACHABLE: Taint[] = [
  { key: TAINT_UNREACHABLE, effect: 'NoSchedule' },
  { key: TAINT_UNREACHABLE, effect: 'NoExecute' },
];

describe('S28: the scheduler never picks unhealthy nodes', () => {
  it('a pod with only the default tolerations avoids the unreachable node', () => {
    const c = testCluster();
    c.world.at(0, () => {
      addNode(c.world, 'a');
      addNode(c.world, 'b', { taints: UNREACHABLE });
      addPod(c.world, 'replacement');
    });
    expect(nodeOf(c.world, 'replacement')).toBe('a');
    expect(c.scheduler.lastDecision('default/replacement')!.filters).toEqual([
      { node: 'b', plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {node.kubernetes.io/unreachable: }'] },
    ]);
  });

  it('a pod tolerating everything may land there', () => {
    const c = testCluster();
    c.world.at(0, () => {
      addNode(c.world, 'a', { cpu: '1' });
      addNode(c.world, 'b', { taints: UNREACHABLE });
      addPod(c.world, 'anything', { tolerations: [{ operator: 'Exists' }] });
      addPod(c.world, 'big', { tolerations: [{ operator: 'Exists' }], cpu: '2' });
    });
    expect(c.scheduler.lastDecision('default/anything')).toMatchObject({ feasibleNodes: 2, filters: [] });
    expect(nodeOf(c.world, 'big')).toBe('b');
  });
});

describe('PodTopologySpread system defaults', () => {
  it('spreads 3 replicas over 3 zones even though zone-a has the emptiest nodes', () => {
    const c = testCluster();
    c.world.at(0, () => {
      for (const zone of ['a', 'b', 'c']) {
        for (const i of [1, 2]) {
          const big = zone === 'a';
          addNode(c.world, `${zone}-${i}`, { zone: `zone-${zone}`, cpu: big ? '64' : '4', memory: big ? '256Gi' : '16Gi' });
        }
      }
      const rs = addReplicaSet(c.world, 'web', { app: 'web' });
      for (const i of [1, 2, 3]) addPod(c.world, `web-${i}`, { owner: rs, labels: { app: 'web' } });
    });
    const zones = [1, 2, 3].map((i) => nodeOf(c.world, `web-${i}`)!.split('-')[0]);
    expect(zones[0]).toBe('a'); // LeastAllocated decides the first one
    expect(new Set(zones)).toEqual(new Set(['a', 'b', 'c']));
  });

  it('a bare pod selected by no Service has no default constraints', () => {
    const c = testCluster();
    c.world.at(0, () => {
      addNode(c.world, 'n1', { zone: 'z' });
      addNode(c.world, 'n2', { zone: 'z' });
      addPod(c.world, 'bare', { labels: { app: 'bare' } });
    });
    expect(c.scheduler.lastDecision('default/bare')!.scores[0]!.byPlugin.PodTopologySpread).toBeUndefined();
  });

  it('a Service selecting the pod gives it default constraints', () => {
    const c = testCluster();
    c.world.at(0, () => {
      addNode(c.world, 'n1', { zone: 'z' });
      addNode(c.world, 'n2', { zone: 'z' });
      c.world.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'default' }, spec: { selector: { app: 'svc' }, ports: [{ port: 80 }] } });
      addPod(c.world, 'first', { labels: { app: 'svc' }, nodeName: 'n1' });
      addPod(c.world, 'second', { labels: { app: 'svc' } });
    });
    expect(nodeOf(c.world, 'second')).toBe('n2');
    const scores = Object.fromEntries(c.scheduler.lastDecision('default/second')!.scores.map((s) => [s.node, s.byPlugin.PodTopologySpread]));
    expect(scores.n2).toBe(200);
    expect(scores.n1).toBeLessThan(200);
  });
});

describe('deterministic tie-breaking', () => {
  function placement(seed: number): string {
    const c = testCluster(seed);
    c.world.at(0, () => {
      for (let i = 1; i <= 10; i++) addNode(c.world, `n${i}`);
      addPod(c.world, 'p');
    });
    return nodeOf(c.world, 'p')!;
  }

  it('same seed ⇒ same node; different seeds spread over the tied nodes', () => {
    expect(placement(7)).toBe(placement(7));
    const chosen = new Set(Array.from({ length: 20 }, (_, i) => placement(i + 1)));
    expect(chosen.size).toBeGreaterThan(3);
  });
});

describe('round-robin scan and adaptive node count (§5.1 item 2)', () => {
  it('at 500 nodes evaluates 230 feasible nodes and starts the next scan where it stopped', () => {
    const c = testCluster();
    c.world.at(0, () => {
      for (let i = 0; i < 500; i++) addNode(c.world, `n${String(i).padStart(3, '0')}`);
      addPod(c.world, 'p1');
      addPod(c.world, 'p2');
    });
    const d1 = c.scheduler.lastDecision('default/p1')!;
    const d2 = c.scheduler.lastDecision('default/p2')!;
    expect(d1).toMatchObject({ totalNodes: 500, evaluatedNodes: 230, feasibleNodes: 230 });
    expect(d1.scores[0]!.node).toBe('n000');
    expect(d2.scores[0]!.node).toBe('n230');
  });
});

describe('snapshot', () => {
  it('is plain JSON and a restored scheduler carries on identically', () => {
    const run = (restoreAtMs: number | undefined) => {
      const c = testCluster(3);
      c.world.at(0, () => {
        for (let i = 1; i <= 6; i++) addNode(c.world, `n${i}`, { cpu: '1' });
        for (let i = 1; i <= 8; i++) addPod(c.world, `p${i}`, { cpu: '600m' });
      });
      let scheduler = c.scheduler;
      if (restoreAtMs !== undefined) {
        c.world.runUntil(restoreAtMs);
        const state = scheduler.snapshot();
        const json: SchedulerState = JSON.parse(JSON.stringify(state));
        expect(json).toEqual(state);
        const restored = new Scheduler({ ...c.world.ctx }, json);
        c.world.components = [restored];
        scheduler = restored;
      }
      c.world.at(20_000, () => {
        for (let i = 7; i <= 8; i++) addNode(c.world, `n${i}`, { cpu: '1' });
        addPod(c.world, 'late', { cpu: '100m' });
      });
      c.world.runUntil(40_000);
      return [...Array.from({ length: 8 }, (_, i) => `p${i + 1}`), 'late'].map((p) => `${p}@${nodeOf(c.world, p)}`);
    };
    expect(run(10_000)).toEqual(run(undefined));
  });
});
