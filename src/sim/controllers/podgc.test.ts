import { describe, expect, it } from 'vitest';
import { getPodCondition } from '../api/conditions';
import { TAINT_OUT_OF_SERVICE } from '../api/taints';
import type { Node, Pod } from '../api/types';
import type { SettingsOverrides } from '../config';
import { PodGCController } from './podgc';
import { TestWorld } from './test-world';

/**
 * A world with only PodGC, started at t = 0 (passes at 0, 20, 40 … s),
 * recording each pod's last stored state and when it was removed.
 */
function setup(settings: SettingsOverrides = {}) {
  const world = new TestWorld(settings);
  const podgc = new PodGCController(world.ctx);
  world.components = [podgc];
  const lastState = new Map<string, Pod>();
  const removedAtMs = new Map<string, number>();
  const removalOrder: string[] = [];
  world.api.watch<Pod>('Pod', (event) => {
    const name = event.object.metadata.name;
    if (event.type === 'DELETED') {
      removedAtMs.set(name, world.clock.nowMs);
      removalOrder.push(name);
    } else {
      lastState.set(name, event.object);
    }
  });
  world.at(0, () => podgc.start());
  return { world, podgc, lastState, removedAtMs, removalOrder };
}

function setPhase(world: TestWorld, name: string, phase: string, reason?: string): void {
  world.api.update<Pod>('Pod', name, 'default', (draft) => {
    draft.status.phase = phase;
    if (reason) draft.status.reason = reason;
  });
}

function markReady(world: TestWorld, nodeName: string): void {
  world.api.update<Node>('Node', nodeName, undefined, (draft) => {
    draft.status.conditions = [{ type: 'Ready', status: 'True' }];
  });
}

describe('PodGC gcOrphaned', () => {
  it('force-deletes pods of a node deleted at 100 s at the pass 40 s after the first pass that saw it (140 s)', () => {
    const { world, lastState, removedAtMs } = setup();
    world.at(0, () => {
      world.addNode('node1');
      world.addNode('node2');
      world.addPod('a', 'node1');
      world.addPod('b', 'node1');
      world.addPod('other', 'node2');
    });
    world.at(100_000, () => world.api.delete('Node', 'node1'));
    world.runUntil(139_999);
    expect(world.pod('a')).toBeDefined();
    world.runUntil(140_000);
    expect(removedAtMs.get('a')).toBe(140_000);
    expect(removedAtMs.get('b')).toBe(140_000);
    expect(world.pod('other')).toBeDefined();
    const last = lastState.get('a')!;
    expect(last.status.phase).toBe('Failed');
    expect(getPodCondition(last, 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
    });
  });

  it('lands 40–60 s after the deletion: a node deleted at 101 s loses its pods at 160 s', () => {
    const { world, removedAtMs } = setup();
    world.at(0, () => {
      world.addNode('node1');
      world.addPod('a', 'node1');
    });
    world.at(101_000, () => world.api.delete('Node', 'node1'));
    world.runUntil(159_999);
    expect(world.pod('a')).toBeDefined();
    world.runUntil(200_000);
    expect(removedAtMs.get('a')).toBe(160_000);
  });

  it('spares the pods of a node that comes back during the quarantine', () => {
    const { world } = setup();
    world.at(0, () => {
      world.addNode('node1');
      world.addPod('a', 'node1');
    });
    world.at(100_000, () => world.api.delete('Node', 'node1'));
    world.at(130_000, () => world.addNode('node1'));
    world.runUntil(400_000);
    expect(world.pod('a')!.metadata.deletionTimestamp).toBeUndefined();
    expect(world.pod('a')!.status.phase).toBe('Pending');
  });

  it('restores mid-quarantine from a snapshot and still deletes at 140 s', () => {
    const { world, podgc } = setup();
    world.at(0, () => {
      world.addNode('node1');
      world.addPod('a', 'node1');
    });
    world.at(100_000, () => world.api.delete('Node', 'node1'));
    world.runUntil(120_000);
    const clone = new TestWorld({}, world.snapshot());
    clone.components = [new PodGCController(clone.ctx, structuredClone(podgc.snapshot()))];
    clone.runUntil(139_999);
    expect(clone.pod('a')).toBeDefined();
    clone.runUntil(140_000);
    expect(clone.pod('a')).toBeUndefined();
  });
});

describe('PodGC gcTerminating (out-of-service taint)', () => {
  it('force-deletes terminating pods on a not-Ready node with the out-of-service taint at the next pass', () => {
    const { world, lastState, removedAtMs } = setup();
    const outOfService = { key: TAINT_OUT_OF_SERVICE, value: 'nodeshutdown', effect: 'NoExecute' as const };
    world.at(0, () => {
      world.addNode('down', [outOfService]);
      world.addNode('ready', [outOfService]);
      world.addNode('plain');
      markReady(world, 'ready');
      for (const [pod, node] of [['a', 'down'], ['b', 'down'], ['c', 'ready'], ['d', 'plain']] as const) world.addPod(pod, node);
    });
    world.at(5000, () => {
      for (const pod of ['a', 'c', 'd']) world.api.delete('Pod', pod, 'default');
    });
    world.runUntil(19_999);
    expect(world.pod('a')).toBeDefined();
    world.runUntil(100_000);
    expect(removedAtMs.get('a')).toBe(20_000);
    expect(lastState.get('a')!.status.phase).toBe('Failed');
    expect(getPodCondition(lastState.get('a')!, 'DisruptionTarget')).toBeUndefined();
    // Not terminating / node Ready / no taint: left alone.
    expect([...removedAtMs.keys()]).toEqual(['a']);
  });
});

describe('PodGC gcUnscheduledTerminating', () => {
  it('force-deletes a terminating pod that was never bound, as Failed', () => {
    const { world, lastState, removedAtMs } = setup();
    world.at(0, () => world.addPod('u', undefined));
    world.at(25_000, () =>
      world.api.update<Pod>('Pod', 'u', 'default', (draft) => {
        draft.metadata.deletionTimestamp = '2025-01-01T00:00:55.000Z';
      }),
    );
    world.runUntil(39_999);
    expect(world.pod('u')).toBeDefined();
    world.runUntil(40_000);
    expect(removedAtMs.get('u')).toBe(40_000);
    expect(lastState.get('u')!.status.phase).toBe('Failed');
  });
});

describe('PodGC gcTerminated', () => {
  function terminatedPods(world: TestWorld): void {
    world.at(0, () => world.addPod('running', undefined));
    world.at(1000, () => world.addPod('old-succeeded', undefined));
    world.at(2000, () => world.addPod('mid-failed', undefined));
    world.at(3000, () => {
      world.addPod('new-b', undefined);
      world.addPod('new-a', undefined);
    });
    world.at(4000, () => world.addPod('evicted', undefined));
    world.at(5000, () => {
      setPhase(world, 'running', 'Running');
      setPhase(world, 'old-succeeded', 'Succeeded');
      setPhase(world, 'mid-failed', 'Failed');
      setPhase(world, 'new-b', 'Succeeded');
      setPhase(world, 'new-a', 'Succeeded');
      setPhase(world, 'evicted', 'Failed', 'Evicted');
    });
  }

  it('deletes the excess over the threshold: evicted first, then oldest, name breaking ties', () => {
    const { world, removalOrder, removedAtMs } = setup({ terminatedPodGCThreshold: 1 });
    terminatedPods(world);
    world.runUntil(19_999);
    expect(removalOrder).toEqual([]);
    world.runUntil(100_000);
    expect(removalOrder).toEqual(['evicted', 'old-succeeded', 'mid-failed', 'new-a']);
    expect(removedAtMs.get('new-a')).toBe(20_000);
    expect(world.pod('new-b')).toBeDefined();
    expect(world.pod('running')).toBeDefined();
  });

  it('does nothing with threshold 0 (disabled)', () => {
    const { world, removalOrder } = setup({ terminatedPodGCThreshold: 0 });
    terminatedPods(world);
    world.runUntil(100_000);
    expect(removalOrder).toEqual([]);
  });
});
