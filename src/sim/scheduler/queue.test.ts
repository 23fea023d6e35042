import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { backoffDurationMs } from './queue';
import { addNode, addPod, addPriorityClass, nodeOf, testCluster, type TestCluster } from './test-cluster';

/** Instants at which the pod's scheduling attempts failed. */
function failedAttempts(c: TestCluster, pod: string): number[] {
  const out: number[] = [];
  c.world.api.onEvent((record) => {
    if (record.reason === 'FailedScheduling' && record.involvedObject.name === pod) out.push(c.world.clock.nowMs);
  });
  return out;
}

/** A node whose free cpu (100m) is too small for a 500m pod, though an empty one would fit it. */
function fullNode(c: TestCluster): void {
  addNode(c.world, 'n1', { cpu: '1' });
  addPod(c.world, 'filler', { nodeName: 'n1', cpu: '900m' });
}

describe('scheduling queue (§0, §5.1)', () => {
  it('backoff doubles from 1 s and is capped at 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(backoffDurationMs)).toEqual([1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });

  it('retries after +1 s, +2 s, +4 s, +8 s, then every 10 s when relevant events keep coming', () => {
    const c = testCluster();
    const attempts = failedAttempts(c, 'p');
    c.world.at(0, () => {
      fullNode(c);
      addPod(c.world, 'p', { cpu: '500m' });
    });
    // Every 100 ms the node's allocatable cpu grows by 1m: a relevant event, never enough room.
    for (let t = 100, cpu = 1001; t <= 36_000; t += 100, cpu++) {
      c.world.at(t, () =>
        c.world.api.update<Node>('Node', 'n1', undefined, (draft) => {
          draft.status.allocatable = { ...draft.status.allocatable, cpu: `${cpu}m` };
        }),
      );
    }
    expect(attempts).toEqual([0, 1000, 3000, 7000, 15_000, 25_000, 35_000]);
    // The event at 35.1 s moved it from the unschedulable pool to backoffQ until 45 s.
    expect(c.scheduler.queuedPods()).toEqual([
      { pod: 'default/p', queue: 'backoff', attempts: 7, sinceMs: 35_000, backoffUntilMs: 45_000, unschedulablePlugins: ['NodeResourcesFit'] },
    ]);
  });

  it('an unrelated node change (status heartbeat) does not wake the pod', () => {
    const c = testCluster();
    const attempts = failedAttempts(c, 'p');
    c.world.at(0, () => {
      fullNode(c);
      addPod(c.world, 'p', { cpu: '500m' });
    });
    c.world.at(5000, () =>
      c.world.api.update<Node>('Node', 'n1', undefined, (draft) => {
        draft.status.conditions = [{ type: 'Ready', status: 'True' }];
      }),
    );
    c.world.runUntil(60_000);
    expect(attempts).toEqual([0]);
  });

  it('a node being added moves the pod back at once if its backoff is over', () => {
    const c = testCluster();
    const attempts = failedAttempts(c, 'p');
    c.world.at(0, () => {
      fullNode(c);
      addPod(c.world, 'p', { cpu: '500m' });
    });
    c.world.at(5000, () => addNode(c.world, 'n2', { cpu: '1' }));
    expect(nodeOf(c.world, 'p')).toBe('n2');
    expect(c.scheduler.lastDecision('default/p')).toMatchObject({ atMs: 5000, result: 'bound', node: 'n2' });
    expect(attempts).toEqual([0]);
  });

  it('a node added during the backoff: the pod waits for the backoff to end', () => {
    const c = testCluster();
    c.world.at(0, () => {
      fullNode(c);
      addPod(c.world, 'p', { cpu: '500m' });
    });
    c.world.at(300, () => addNode(c.world, 'n2', { cpu: '1' }));
    expect(nodeOf(c.world, 'p')).toBeUndefined();
    expect(c.scheduler.queuedPods()[0]).toMatchObject({ queue: 'backoff', backoffUntilMs: 1000 });
    c.world.runUntil(1000);
    expect(nodeOf(c.world, 'p')).toBe('n2');
  });

  it('a node added that cannot fit the pod does not wake it (queueing hint)', () => {
    const c = testCluster();
    const attempts = failedAttempts(c, 'p');
    c.world.at(0, () => {
      fullNode(c);
      addPod(c.world, 'p', { cpu: '500m' });
    });
    c.world.at(5000, () => addNode(c.world, 'tiny', { cpu: '200m' }));
    c.world.runUntil(60_000);
    expect(attempts).toEqual([0]);
  });

  it('a pod deleted from a node wakes the pod', () => {
    const c = testCluster();
    c.world.at(0, () => {
      fullNode(c);
      addPod(c.world, 'p', { cpu: '500m' });
    });
    c.world.at(8000, () => c.world.api.delete('Pod', 'filler', 'default', { gracePeriodSeconds: 0 }));
    expect(nodeOf(c.world, 'p')).toBe('n1');
  });

  it('without events, an unschedulable pod is retried by the 30 s flush once it waited more than 5 min', () => {
    const c = testCluster();
    const attempts = failedAttempts(c, 'p');
    c.world.at(0, () => {
      fullNode(c);
      addPod(c.world, 'p', { cpu: '500m' });
    });
    c.world.runUntil(700_000);
    // Flushes run at 30 s, 60 s, …; at 300 s the pod has waited exactly 5 min (not more), so 330 s; then 660 s.
    expect(attempts).toEqual([0, 330_000, 660_000]);
  });

  it('pops higher priority first, then first come first served', () => {
    const c = testCluster();
    c.world.at(0, () => {
      addPriorityClass(c.world, 'low', 10);
      addPriorityClass(c.world, 'mid', 500);
      addPriorityClass(c.world, 'high', 1000);
      addPod(c.world, 'low-1', { priorityClassName: 'low' });
      addPod(c.world, 'mid-1', { priorityClassName: 'mid' });
      addPod(c.world, 'high-1', { priorityClassName: 'high' });
      addPod(c.world, 'mid-2', { priorityClassName: 'mid' });
      addPod(c.world, 'low-2', { priorityClassName: 'low' });
      addNode(c.world, 'n1');
    });
    const order = c.world
      .events('Scheduled')
      .map((m) => /default\/(\S+) to/.exec(m)![1]);
    expect(order).toEqual(['high-1', 'mid-1', 'mid-2', 'low-1', 'low-2']);
  });

  it('the one free slot goes to the higher-priority pod', () => {
    const c = testCluster();
    c.world.at(0, () => {
      addPriorityClass(c.world, 'high', 1000);
      addNode(c.world, 'n1', { pods: 1 });
      addPod(c.world, 'plain');
      addPod(c.world, 'important', { priorityClassName: 'high' });
    });
    expect(nodeOf(c.world, 'important')).toBe('n1');
    expect(nodeOf(c.world, 'plain')).toBeUndefined();
  });

  it('gated pods wait until their gates are removed', () => {
    const c = testCluster();
    c.world.at(0, () => {
      addNode(c.world, 'n1');
      c.world.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'gated', namespace: 'default' },
        spec: { containers: [{ name: 'app', image: 'nginx' }], schedulingGates: [{ name: 'example.com/wait' }] },
      });
    });
    expect(nodeOf(c.world, 'gated')).toBeUndefined();
    c.world.at(2000, () =>
      c.world.api.update<Pod>('Pod', 'gated', 'default', (draft) => {
        draft.spec.schedulingGates = [];
      }),
    );
    expect(nodeOf(c.world, 'gated')).toBe('n1');
  });
});
