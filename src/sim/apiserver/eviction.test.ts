import { describe, expect, it } from 'vitest';
import { getPodCondition } from '../api/conditions';
import { toTimestamp } from '../core/time';
import { DisruptionController } from '../controllers/disruption';
import { addPdb, addPod, addWorkload, pdb, setReady } from '../controllers/disruption-test-helpers';
import { TestWorld } from '../controllers/test-world';
import { ApiError } from './errors';
import { EvictionError, evictPod } from './eviction';

const WEB = { app: 'web' };

/** Three Ready pods of a 3-replica ReplicaSet on n1, a PDB over them, the disruption controller running. */
function setup(spec: Record<string, unknown> = { maxUnavailable: 1 }, options: { unready?: string[] } = {}) {
  const world = new TestWorld();
  world.components = [new DisruptionController(world.ctx)];
  world.at(0, () => {
    const rs = addWorkload(world, 'ReplicaSet', 'web', WEB, { replicas: 3 });
    for (const name of ['a', 'b', 'c']) addPod(world, name, { node: 'n1', labels: WEB, owner: rs, ready: !options.unready?.includes(name) });
    addPdb(world, 'web', { selector: { matchLabels: WEB }, ...spec });
  });
  return world;
}

/** The error `fn` throws (fails the test if it does not). */
function thrown(fn: () => void): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('evictPod', () => {
  it('takes one disruption from the budget, records the pod and deletes it gracefully with DisruptionTarget', () => {
    const world = setup();
    world.clock.nowMs = 1000;
    evictPod(world.api, 'default', 'a');
    // What the eviction API itself wrote, before the controller looks again.
    const status = pdb(world, 'web').status;
    expect(status.disruptionsAllowed).toBe(0);
    expect(status.disruptedPods).toEqual({ a: toTimestamp(1000) });
    expect(status.conditions?.find((c) => c.type === 'DisruptionAllowed')).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    const pod = world.pod('a')!;
    expect(pod.metadata.deletionTimestamp).toBe(toTimestamp(31_000));
    expect(getPodCondition(pod, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });

    world.processInstant(1000);
    // The controller sees the pod terminating: the entry goes, the pod no longer counts.
    expect(pdb(world, 'web').status).toMatchObject({ currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    expect(pdb(world, 'web').status.disruptedPods).toBeUndefined();
  });

  it('honours the grace period of the Eviction', () => {
    const world = setup();
    evictPod(world.api, 'default', 'a', { gracePeriodSeconds: 5 });
    expect(world.pod('a')!.metadata.deletionTimestamp).toBe(toTimestamp(5000));
  });

  it('refuses with 429 when the budget allows no disruption, naming the budget', () => {
    const world = setup({ minAvailable: 3 });
    const error = thrown(() => evictPod(world.api, 'default', 'b'));
    expect(error.code).toBe(429);
    expect(error.reason).toBe('TooManyRequests');
    expect(error.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    expect((error as EvictionError).causes).toEqual([{ type: 'DisruptionBudget', message: 'The disruption budget web needs 3 healthy pods and has 3 currently' }]);
    const pod = world.pod('b')!;
    expect(pod.metadata.deletionTimestamp).toBeUndefined();
    expect(getPodCondition(pod, 'DisruptionTarget')).toBeUndefined();
  });

  it('a second eviction in the same instant is refused: the first one used the budget up', () => {
    const world = setup();
    evictPod(world.api, 'default', 'a');
    expect(thrown(() => evictPod(world.api, 'default', 'b')).code).toBe(429);
  });

  it('refuses with 429 while the PDB status is older than its spec', () => {
    const world = new TestWorld();
    world.at(0, () => {
      addPod(world, 'a', { node: 'n1', labels: WEB });
      addPdb(world, 'web', { maxUnavailable: 1, selector: { matchLabels: WEB } });
    });
    const error = thrown(() => evictPod(world.api, 'default', 'a')) as EvictionError;
    expect(error.code).toBe(429);
    expect(error.causes[0]!.message).toBe('The disruption budget web is still being processed by the server.');
    expect(error.retryAfterSeconds).toBe(10);
  });

  it('deletes terminal, pending and already terminating pods without asking the budget', () => {
    const world = setup({ minAvailable: 3 });
    world.at(1000, () => {
      addPod(world, 'done', { node: 'n1', labels: WEB, phase: 'Failed', ready: false });
      addPod(world, 'new', { labels: WEB, phase: 'Pending', ready: false });
      world.api.delete('Pod', 'c', 'default');
    });
    evictPod(world.api, 'default', 'done');
    evictPod(world.api, 'default', 'new');
    evictPod(world.api, 'default', 'c');
    expect(world.pod('done')).toBeUndefined();
    expect(world.pod('new')).toBeUndefined();
    expect(getPodCondition(world.pod('c')!, 'DisruptionTarget')).toMatchObject({ reason: 'EvictionByEvictionAPI' });
    expect(pdb(world, 'web').status.disruptedPods).toBeUndefined();
  });

  it('refuses a pod covered by two PDBs with a 500', () => {
    const world = setup();
    world.at(1000, () => addPdb(world, 'also', { minAvailable: 0, selector: { matchLabels: WEB } }));
    const error = thrown(() => evictPod(world.api, 'default', 'a'));
    expect(error.code).toBe(500);
    expect(error.message).toBe('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    expect(world.pod('a')!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('NotFound for a pod that does not exist', () => {
    const world = setup();
    const error = thrown(() => evictPod(world.api, 'default', 'nope'));
    expect(error.code).toBe(404);
    expect(error.message).toBe('pods "nope" not found');
  });

  it('IfHealthyBudget (default): an unready pod goes without using the budget while the application is healthy enough', () => {
    const world = setup({ minAvailable: 2 }, { unready: ['c'] });
    expect(pdb(world, 'web').status).toMatchObject({ currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    evictPod(world.api, 'default', 'c');
    expect(world.pod('c')!.metadata.deletionTimestamp).toBeDefined();
    expect(pdb(world, 'web').status.disruptedPods).toBeUndefined();
    expect(thrown(() => evictPod(world.api, 'default', 'a')).code).toBe(429);
  });

  it('IfHealthyBudget: an unready pod is protected when the application is already short', () => {
    const world = setup({ minAvailable: 3 }, { unready: ['c'] });
    expect(thrown(() => evictPod(world.api, 'default', 'c')).code).toBe(429);
  });

  it('AlwaysAllow: an unready pod may always go', () => {
    const world = setup({ minAvailable: 3, unhealthyPodEvictionPolicy: 'AlwaysAllow' }, { unready: ['c'] });
    evictPod(world.api, 'default', 'c');
    expect(world.pod('c')!.metadata.deletionTimestamp).toBeDefined();
    world.at(1000, () => setReady(world, 'b', false));
    evictPod(world.api, 'default', 'b');
    expect(world.pod('b')!.metadata.deletionTimestamp).toBeDefined();
  });

  it('a pod no PDB covers is simply deleted', () => {
    const world = setup();
    world.at(1000, () => addPod(world, 'lonely', { node: 'n1', labels: { app: 'other' } }));
    evictPod(world.api, 'default', 'lonely');
    expect(world.pod('lonely')!.metadata.deletionTimestamp).toBeDefined();
  });
});
