import { describe, expect, it } from 'vitest';
import { getPodCondition } from '../api/conditions';
import { addNode, addPod, addPriorityClass, nodeOf, testCluster } from './test-cluster';

describe('DefaultPreemption', () => {
  it('evicts a lower-priority pod; the preemptor binds once the victim is gone', () => {
    const c = testCluster();
    const { world } = c;
    world.at(0, () => {
      addPriorityClass(world, 'high', 1000);
      addNode(world, 'n1', { cpu: '1' });
      addPod(world, 'low', { nodeName: 'n1', cpu: '800m' });
    });
    world.at(1000, () => addPod(world, 'high', { cpu: '500m', priorityClassName: 'high' }));

    const victim = world.pod('low')!;
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(getPodCondition(victim, 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    const preemptor = world.pod('high')!;
    expect(world.events('Preempted')).toEqual([`Preempted by pod ${preemptor.metadata.uid} on node n1`]);
    expect(preemptor.status.nominatedNodeName).toBe('n1');
    expect(preemptor.spec.nodeName).toBeUndefined();
    // Preemption succeeded, so the message has no "preemption:" part.
    expect(getPodCondition(preemptor, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.' });
    expect(c.scheduler.lastDecision('default/high')).toMatchObject({ result: 'unschedulable', nominatedNode: 'n1', victims: ['default/low'] });

    // The victim still holds its resources while it terminates (§8 item 13): a second try is not eligible to preempt again.
    world.runUntil(29_000);
    expect(nodeOf(world, 'high')).toBeUndefined();

    // The kubelet confirms the deletion after the 30 s grace period.
    world.at(31_000, () => world.api.delete('Pod', 'low', 'default', { gracePeriodSeconds: 0 }));
    expect(nodeOf(world, 'high')).toBe('n1');
    expect(world.pod('high')!.status.nominatedNodeName).toBeUndefined();
  });

  it('a lower-priority pod cannot take the room freed for a nominated pod', () => {
    const c = testCluster();
    const { world } = c;
    world.at(0, () => {
      addPriorityClass(world, 'high', 1000);
      addNode(world, 'n1', { cpu: '1' });
      addPod(world, 'low', { nodeName: 'n1', cpu: '800m' });
    });
    world.at(1000, () => addPod(world, 'high', { cpu: '500m', priorityClassName: 'high' }));
    // The victim goes while the preemptor still backs off (until 2 s); a newcomer
    // scheduled meanwhile sees the nominated pod's request on n1.
    world.at(1500, () => {
      world.api.delete('Pod', 'low', 'default', { gracePeriodSeconds: 0 });
      addPod(world, 'sneaky', { cpu: '600m' });
    });
    expect(nodeOf(world, 'sneaky')).toBeUndefined();
    expect(nodeOf(world, 'high')).toBeUndefined();
    world.runUntil(2000);
    expect(nodeOf(world, 'high')).toBe('n1');
    expect(nodeOf(world, 'sneaky')).toBeUndefined();
  });

  it('prefers the node whose victims have the lowest priority, and evicts as few as needed', () => {
    const c = testCluster();
    const { world } = c;
    world.at(0, () => {
      addPriorityClass(world, 'p100', 100);
      addPriorityClass(world, 'p200', 200);
      addPriorityClass(world, 'high', 1000);
      addNode(world, 'n1', { cpu: '1' });
      addNode(world, 'n2', { cpu: '1' });
      addPod(world, 'n1-a', { nodeName: 'n1', cpu: '400m', priorityClassName: 'p200' });
      addPod(world, 'n1-b', { nodeName: 'n1', cpu: '400m', priorityClassName: 'p200' });
      addPod(world, 'n2-a', { nodeName: 'n2', cpu: '400m', priorityClassName: 'p100' });
      addPod(world, 'n2-b', { nodeName: 'n2', cpu: '400m', priorityClassName: 'p100' });
    });
    world.at(1000, () => addPod(world, 'high', { cpu: '500m', priorityClassName: 'high' }));
    expect(world.pod('high')!.status.nominatedNodeName).toBe('n2');
    const evicted = ['n1-a', 'n1-b', 'n2-a', 'n2-b'].filter((p) => world.pod(p)!.metadata.deletionTimestamp);
    expect(evicted).toHaveLength(1);
    expect(evicted[0]).toMatch(/^n2-/);
  });
});
