import { describe, expect, it } from 'vitest';
import { getPodCondition } from '../api/conditions';
import type { Pod, Taint, Toleration } from '../api/types';
import { getMinTolerationTime, TaintEvictionController } from './taint-eviction';
import { TestWorld } from './test-world';

const T1: Taint = { key: 'example.com/t1', value: 'v1', effect: 'NoExecute' };
const T2: Taint = { key: 'example.com/t2', value: 'v2', effect: 'NoExecute' };

function tolerate(taint: Taint, seconds?: number): Toleration {
  return { key: taint.key, operator: 'Exists', effect: 'NoExecute', ...(seconds === undefined ? {} : { tolerationSeconds: seconds }) };
}

/** A world with only the taint-eviction controller, recording when each pod got its deletionTimestamp. */
function setup() {
  const world = new TestWorld();
  const tec = new TaintEvictionController(world.ctx);
  world.components = [tec];
  const deletedAtMs = new Map<string, number>();
  world.api.watch('Pod', (event) => {
    if (event.object.metadata.deletionTimestamp && !deletedAtMs.has(event.object.metadata.name)) {
      deletedAtMs.set(event.object.metadata.name, world.clock.nowMs);
    }
  });
  return { world, tec, deletedAtMs };
}

function expectEvictedByTaintManager(world: TestWorld, name: string): void {
  const pod = world.pod(name)!;
  expect(pod.metadata.deletionTimestamp).toBeDefined();
  expect(getPodCondition(pod, 'DisruptionTarget')).toMatchObject({
    status: 'True',
    reason: 'DeletionByTaintManager',
    message: 'Taint manager: deleting due to NoExecute taint',
  });
}

describe('getMinTolerationTime (S23)', () => {
  it('follows upstream TestGetMinTolerationTime', () => {
    const t = (seconds?: number): Toleration => tolerate(T1, seconds);
    expect(getMinTolerationTime([])).toBe(0);
    expect(getMinTolerationTime([t()])).toBe(-1);
    expect(getMinTolerationTime([t(1), t(2)])).toBe(1000);
    expect(getMinTolerationTime([t(1), t()])).toBe(1000);
    expect(getMinTolerationTime([t(), t(1)])).toBe(1000);
    expect(getMinTolerationTime([t(5), t(0)])).toBe(0);
    expect(getMinTolerationTime([t(5), t(-3)])).toBe(0);
  });
});

describe('TaintEvictionController S19 (TestCreatePod / TestCreateNode / TestUpdateNode)', () => {
  it('deletes a pod without toleration on a NoExecute-tainted node at once, condition first', () => {
    const { world, deletedAtMs } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(2000, () => world.addPod('p', 'node1'));
    expect(deletedAtMs.get('p')).toBe(2000);
    expectEvictedByTaintManager(world, 'p');
    expect(world.events('TaintManagerEviction')).toEqual(['Marking for deletion Pod default/p']);
    const event = world.api.events.all().find((e) => e.reason === 'TaintManagerEviction')!;
    expect(event).toMatchObject({ type: 'Normal', source: 'taint-eviction-controller', involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' } });
  });

  it('waits tolerationSeconds (100 s) before deleting, exactly', () => {
    const { world, deletedAtMs } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 100)]));
    world.runUntil(99_999);
    expect(world.pod('p')!.metadata.deletionTimestamp).toBeUndefined();
    world.runUntil(100_000);
    expect(deletedAtMs.get('p')).toBe(100_000);
    expectEvictedByTaintManager(world, 'p');
  });

  it('never deletes a pod whose toleration has no tolerationSeconds', () => {
    const { world, tec } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1)]));
    world.runUntil(3_600_000);
    expect(world.pod('p')!.metadata.deletionTimestamp).toBeUndefined();
    expect(tec.scheduledEvictions()).toEqual([]);
  });

  it('deletes at once when the toleration is for another key', () => {
    const { world, deletedAtMs } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(1000, () => world.addPod('p', 'node1', [tolerate(T2, 100)]));
    expect(deletedAtMs.get('p')).toBe(1000);
  });

  it('deletes at once when the node gains {t1, t2} and the pod tolerates only t1', () => {
    const { world, deletedAtMs } = setup();
    world.at(0, () => world.addNode('node1'));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 100)]));
    world.at(5000, () => world.setTaints('node1', [T1, T2]));
    expect(deletedAtMs.get('p')).toBe(5000);
  });

  it('cancels the deletion, with an event, when the taint goes while the pod waits', () => {
    const { world, tec } = setup();
    world.at(0, () => world.addNode('node1'));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 1)]));
    world.at(10_000, () => world.setTaints('node1', [T1]));
    expect(tec.scheduledEvictions()).toEqual([{ pod: 'default/p', node: 'node1', createdAtMs: 10_000, fireAtMs: 11_000 }]);
    world.at(10_500, () => world.setTaints('node1', []));
    expect(tec.scheduledEvictions()).toEqual([]);
    world.runUntil(11_500);
    expect(world.pod('p')!.metadata.deletionTimestamp).toBeUndefined();
    expect(world.events('TaintManagerEviction')).toEqual(['Cancelling deletion of Pod default/p']);
  });

  it('uses the minimum of the matching tolerations (1 s and 100 s ⇒ 1 s)', () => {
    const { world, deletedAtMs } = setup();
    world.at(0, () => world.addNode('node1'));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 1), tolerate(T2, 100)]));
    world.at(3000, () => world.setTaints('node1', [T1, T2]));
    world.runUntil(10_000);
    expect(deletedAtMs.get('p')).toBe(4000);
  });

  it('deletes a bound pod when its node is created already tainted', () => {
    const { world, deletedAtMs } = setup();
    world.at(0, () => world.addPod('p', 'node1'));
    world.at(7000, () => world.addNode('node1', [T1]));
    expect(deletedAtMs.get('p')).toBe(7000);
    expectEvictedByTaintManager(world, 'p');
  });

  it('ignores NoSchedule and PreferNoSchedule taints', () => {
    const { world } = setup();
    world.at(0, () =>
      world.addNode('node1', [
        { key: 'a', effect: 'NoSchedule' },
        { key: 'b', effect: 'PreferNoSchedule' },
      ]),
    );
    world.at(0, () => world.addPod('p', 'node1'));
    world.runUntil(600_000);
    expect(world.pod('p')!.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('TaintEvictionController S20 (TestUpdatePod)', () => {
  it('deletes a pod that gets scheduled onto a tainted node', () => {
    const { world, deletedAtMs } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', undefined));
    world.at(3000, () =>
      world.api.update<Pod>('Pod', 'p', 'default', (draft) => {
        draft.spec.nodeName = 'node1';
      }),
    );
    expect(deletedAtMs.get('p')).toBe(3000);
  });

  it('does not delete a pod scheduled onto a tainted node it tolerates forever', () => {
    const { world } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1)]));
    world.runUntil(3_600_000);
    expect(world.pod('p')!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('deletes at once when the toleration is removed from a waiting pod', () => {
    const { world, deletedAtMs } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 100)]));
    world.at(10_000, () => setTolerations(world, 'p', []));
    expect(deletedAtMs.get('p')).toBe(10_000);
    // The waiting deletion was cancelled first (with its event), then run at once.
    expect(world.events('TaintManagerEviction')).toEqual(['Cancelling deletion of Pod default/p', 'Marking for deletion Pod default/p']);
  });

  it('keeps the original deadline when the toleration is lengthened from 1 s to 100 s', () => {
    const { world, deletedAtMs } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 1)]));
    world.at(500, () => setTolerations(world, 'p', [tolerate(T1, 100)]));
    world.runUntil(200_000);
    expect(deletedAtMs.get('p')).toBe(1000);
  });

  it('replaces (with a "Cancelling" event) a deletion scheduled earlier in the same instant', () => {
    const { world, deletedAtMs, tec } = setup();
    world.at(0, () => world.addNode('node1'));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 100)]));
    // Node update handled first (createdAt = 10 s), then the pod update at the same `now`:
    // createdAt + min is not before now + min, so upstream cancels and re-adds.
    world.at(10_000, () => {
      world.setTaints('node1', [T1]);
      setTolerations(world, 'p', [tolerate(T1, 50)]);
    });
    expect(tec.scheduledEvictions()).toEqual([{ pod: 'default/p', node: 'node1', createdAtMs: 10_000, fireAtMs: 60_000 }]);
    expect(world.events('TaintManagerEviction')).toEqual(['Cancelling deletion of Pod default/p']);
    world.runUntil(100_000);
    expect(deletedAtMs.get('p')).toBe(60_000);
  });

  it('keeps the original deadline when the toleration is shortened (same code path, §4 rule 3)', () => {
    const { world, deletedAtMs, tec } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 100)]));
    world.at(10_000, () => setTolerations(world, 'p', [tolerate(T1, 5)]));
    expect(tec.scheduledEvictions()).toEqual([{ pod: 'default/p', node: 'node1', createdAtMs: 0, fireAtMs: 100_000 }]);
    world.runUntil(200_000);
    expect(deletedAtMs.get('p')).toBe(100_000);
  });
});

describe('TaintEvictionController S21 (TestUpdateNodeWithMultiplePods)', () => {
  function threePods(world: TestWorld): void {
    world.at(0, () => world.addNode('node1'));
    world.at(0, () => {
      world.addPod('pod1', 'node1');
      world.addPod('pod2', 'node1', [tolerate(T1, 1)]);
      world.addPod('pod3', 'node1', [tolerate(T1)]);
    });
  }

  it('evicts by each pod’s own toleration when the node gets t1', () => {
    const { world, deletedAtMs } = setup();
    threePods(world);
    world.at(20_000, () => world.setTaints('node1', [T1]));
    world.runUntil(3_600_000);
    expect(Object.fromEntries(deletedAtMs)).toEqual({ pod1: 20_000, pod2: 21_000 });
  });

  it('evicts all three at once when the node gets t1 and t2', () => {
    const { world, deletedAtMs } = setup();
    threePods(world);
    world.at(20_000, () => world.setTaints('node1', [T1, T2]));
    expect(Object.fromEntries(deletedAtMs)).toEqual({ pod1: 20_000, pod2: 20_000, pod3: 20_000 });
  });
});

describe('TaintEvictionController S22 (TestUpdateNodeWithMultipleTaints)', () => {
  it('queues only while an untolerated-for-long taint is present and never deletes', () => {
    const { world, tec } = setup();
    world.at(0, () => world.addNode('node1'));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1), tolerate(T2, 60)]));
    expect(tec.scheduledEvictions()).toEqual([]);
    world.at(1000, () => world.setTaints('node1', [T1]));
    expect(tec.scheduledEvictions()).toEqual([]);
    world.at(2000, () => world.setTaints('node1', [T1, T2]));
    expect(tec.scheduledEvictions()).toEqual([{ pod: 'default/p', node: 'node1', createdAtMs: 2000, fireAtMs: 62_000 }]);
    world.at(3000, () => world.setTaints('node1', [T1]));
    expect(tec.scheduledEvictions()).toEqual([]);
    world.runUntil(3_600_000);
    expect(world.pod('p')!.metadata.deletionTimestamp).toBeUndefined();
    expect(world.events('TaintManagerEviction')).toEqual(['Cancelling deletion of Pod default/p']);
  });
});

describe('TaintEvictionController timed worker queue quirks', () => {
  it('does not evict a pod twice: AddWork after a fired deletion is a no-op', () => {
    const { world, tec } = setup();
    world.at(0, () => world.addNode('node1'));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 1), tolerate(T2, 50)]));
    world.at(0, () => world.setTaints('node1', [T1]));
    world.runUntil(1000);
    expect(world.events('TaintManagerEviction')).toEqual(['Marking for deletion Pod default/p']);
    // A new taint set re-processes the terminating pod: all tolerated, finite, but the fired entry stays.
    world.at(5000, () => world.setTaints('node1', [T1, T2]));
    world.runUntil(200_000);
    expect(tec.scheduledEvictions()).toEqual([]);
    expect(world.events('TaintManagerEviction')).toEqual(['Marking for deletion Pod default/p']);
  });

  it('re-runs a fired deletion when a taint is not tolerated at all (cancel frees the fired entry)', () => {
    const { world } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 1)]));
    world.runUntil(1000);
    world.at(5000, () => world.setTaints('node1', [T1, T2]));
    expect(world.events('TaintManagerEviction')).toEqual(['Marking for deletion Pod default/p', 'Marking for deletion Pod default/p']);
  });

  it('forgets a fired entry silently when the evicted pod disappears, so a new pod of that name is evicted again', () => {
    const { world } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 1)]));
    world.runUntil(1000);
    // The kubelet would confirm the deletion; here we remove the object the same way (grace 0).
    world.at(2000, () => world.api.delete('Pod', 'p', 'default', { gracePeriodSeconds: 0 }));
    // Upstream CancelWork returns false for an entry whose work already ran: no "Cancelling" event.
    expect(world.events('TaintManagerEviction')).toEqual(['Marking for deletion Pod default/p']);
    world.at(3000, () => world.addPod('p', 'node1', [tolerate(T1, 1)]));
    world.runUntil(10_000);
    expect(world.pod('p')!.metadata.deletionTimestamp).toBeDefined();
    expect(world.events('TaintManagerEviction')).toEqual(['Marking for deletion Pod default/p', 'Marking for deletion Pod default/p']);
  });

  it('cancels with an event when a waiting pod is deleted by someone else', () => {
    const { world, tec } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 100)]));
    world.at(5000, () => world.api.delete('Pod', 'p', 'default', { gracePeriodSeconds: 0 }));
    expect(tec.scheduledEvictions()).toEqual([]);
    world.runUntil(200_000);
    expect(world.events('TaintManagerEviction')).toEqual(['Cancelling deletion of Pod default/p']);
  });

  it('keeps scheduled deletions of a deleted node’s pods', () => {
    const { world, deletedAtMs } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 30)]));
    world.at(10_000, () => world.api.delete('Node', 'node1'));
    world.runUntil(60_000);
    expect(deletedAtMs.get('p')).toBe(30_000);
  });

  it('does not restart deadlines when a taint changes only in a non-NoExecute way', () => {
    const { world, tec } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 100)]));
    world.at(10_000, () => world.setTaints('node1', [T1, { key: 'x', effect: 'NoSchedule' }]));
    expect(tec.scheduledEvictions()).toEqual([{ pod: 'default/p', node: 'node1', createdAtMs: 0, fireAtMs: 100_000 }]);
  });

  it('restores from a snapshot with the same pending deadlines', () => {
    const { world, tec } = setup();
    world.at(0, () => world.addNode('node1', [T1]));
    world.at(0, () => world.addPod('p', 'node1', [tolerate(T1, 100)]));
    world.runUntil(40_000);

    const clone = new TestWorld({}, world.snapshot());
    const restored = new TaintEvictionController(clone.ctx, structuredClone(tec.snapshot()));
    expect(restored.snapshot()).toEqual(tec.snapshot());
    clone.components = [restored];
    clone.runUntil(99_999);
    expect(clone.pod('p')!.metadata.deletionTimestamp).toBeUndefined();
    clone.runUntil(100_000);
    expect(clone.pod('p')!.metadata.deletionTimestamp).toBeDefined();
  });
});

function setTolerations(world: TestWorld, name: string, tolerations: Toleration[]): void {
  world.api.update<Pod>('Pod', name, 'default', (draft) => {
    draft.spec.tolerations = tolerations;
  });
}
