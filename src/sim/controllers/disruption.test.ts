import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudget } from '../api/pdb';
import { toTimestamp } from '../core/time';
import { addPdb, addPod, addWorkload, pdb, setReady } from './disruption-test-helpers';
import { DisruptionController } from './disruption';
import { TestWorld } from './test-world';

const WEB = { app: 'web' };

function setup() {
  const world = new TestWorld();
  const controller = new DisruptionController(world.ctx);
  world.components = [controller];
  const statusWrites: number[] = [];
  world.api.watch('PodDisruptionBudget', (event) => {
    if (event.type === 'MODIFIED') statusWrites.push(world.clock.nowMs);
  });
  return { world, controller, statusWrites };
}

/** A ReplicaSet with `replicas` and `pods` Ready pods of it. */
function replicaSet(world: TestWorld, replicas: number, pods: number, name = 'web') {
  const rs = addWorkload(world, 'ReplicaSet', name, WEB, { replicas });
  for (let i = 0; i < pods; i++) addPod(world, `${name}-${i}`, { node: 'n1', labels: WEB, owner: rs });
  return rs;
}

function statusOf(world: TestWorld, name = 'web') {
  const { currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed } = pdb(world, name).status;
  return { currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed };
}

function allowedCondition(world: TestWorld, name = 'web') {
  return pdb(world, name).status.conditions?.find((c) => c.type === 'DisruptionAllowed');
}

describe('DisruptionController status', () => {
  it('minAvailable as an integer: expectedPods is the number of matching pods', () => {
    const { world } = setup();
    world.at(0, () => {
      replicaSet(world, 5, 3);
      addPod(world, 'other', { labels: { app: 'db' } });
      addPdb(world, 'web', { minAvailable: 2, selector: { matchLabels: WEB } });
    });
    expect(statusOf(world)).toEqual({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1 });
    expect(pdb(world, 'web').status.observedGeneration).toBe(1);
    expect(allowedCondition(world)).toMatchObject({ status: 'True', reason: 'SufficientPods', lastTransitionTime: toTimestamp(0) });

    world.at(5000, () => setReady(world, 'web-0', false));
    expect(statusOf(world)).toEqual({ currentHealthy: 2, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 0 });
    expect(allowedCondition(world)).toMatchObject({ status: 'False', reason: 'InsufficientPods', lastTransitionTime: toTimestamp(5000) });
  });

  it('minAvailable as a percentage: of the controller scale, rounded up', () => {
    const { world } = setup();
    world.at(0, () => {
      replicaSet(world, 4, 3);
      addPdb(world, 'web', { minAvailable: '50%', selector: { matchLabels: WEB } });
      addPdb(world, 'strict', { minAvailable: '60%', selector: { matchLabels: WEB } });
    });
    // expectedPods comes from the ReplicaSet (4), not from the 3 pods that exist.
    expect(statusOf(world)).toEqual({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 4, disruptionsAllowed: 1 });
    expect(statusOf(world, 'strict')).toEqual({ currentHealthy: 3, desiredHealthy: 3, expectedPods: 4, disruptionsAllowed: 0 });
  });

  it('maxUnavailable: expected − maxUnavailable (percent rounded up); a Deployment-owned ReplicaSet uses the Deployment scale', () => {
    const { world } = setup();
    world.at(0, () => {
      const deployment = addWorkload(world, 'Deployment', 'web', WEB, { replicas: 5 });
      const rs = addWorkload(world, 'ReplicaSet', 'web-abc', WEB, { replicas: 2, owner: deployment });
      for (let i = 0; i < 5; i++) addPod(world, `web-${i}`, { labels: WEB, owner: rs });
      addPdb(world, 'web', { maxUnavailable: 1, selector: { matchLabels: WEB } });
      addPdb(world, 'pct', { maxUnavailable: '30%', selector: { matchLabels: WEB } });
    });
    expect(statusOf(world)).toEqual({ currentHealthy: 5, desiredHealthy: 4, expectedPods: 5, disruptionsAllowed: 1 });
    // 30 % of 5 = 1.5 → 2 may be unavailable.
    expect(statusOf(world, 'pct')).toEqual({ currentHealthy: 5, desiredHealthy: 3, expectedPods: 5, disruptionsAllowed: 2 });
  });

  it('pods without a controller count for an integer minAvailable but not for maxUnavailable', () => {
    const { world } = setup();
    world.at(0, () => {
      addPod(world, 'a', { labels: WEB });
      addPod(world, 'b', { labels: WEB });
      addPdb(world, 'web', { minAvailable: 1, selector: { matchLabels: WEB } });
      addPdb(world, 'max', { maxUnavailable: 1, selector: { matchLabels: WEB } });
    });
    expect(statusOf(world)).toEqual({ currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptionsAllowed: 1 });
    expect(statusOf(world, 'max')).toEqual({ currentHealthy: 2, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 });
    expect(world.events('UnmanagedPods').length).toBeGreaterThan(0);
  });

  it('a controller without scale (DaemonSet) fails the sync safe: nothing allowed, SyncFailed', () => {
    const { world } = setup();
    world.at(0, () => {
      const ds = addWorkload(world, 'DaemonSet', 'agent', WEB);
      addPod(world, 'agent-1', { labels: WEB, owner: ds });
      addPod(world, 'agent-2', { labels: WEB, owner: ds });
      addPdb(world, 'web', { maxUnavailable: 1, selector: { matchLabels: WEB } });
    });
    expect(pdb(world, 'web').status.disruptionsAllowed).toBe(0);
    expect(allowedCondition(world)).toMatchObject({ status: 'False', reason: 'SyncFailed', message: 'daemonsets.apps does not implement the scale subresource' });
    expect(world.events('CalculateExpectedPodCountFailed')[0]).toBe(
      'Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource',
    );
  });

  it('terminating pods are not healthy; a deleted pod leaves the count', () => {
    const { world } = setup();
    world.at(0, () => {
      replicaSet(world, 3, 3);
      addPdb(world, 'web', { minAvailable: 1, selector: { matchLabels: WEB } });
    });
    world.at(1000, () => world.api.delete('Pod', 'web-0', 'default'));
    expect(statusOf(world)).toEqual({ currentHealthy: 2, desiredHealthy: 1, expectedPods: 3, disruptionsAllowed: 1 });
    world.at(2000, () => world.api.delete('Pod', 'web-0', 'default', { gracePeriodSeconds: 0 }));
    expect(statusOf(world)).toEqual({ currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptionsAllowed: 1 });
  });

  it('a PDB with no matching pods allows nothing and says so', () => {
    const { world } = setup();
    world.at(0, () => addPdb(world, 'web', { minAvailable: 0, selector: { matchLabels: WEB } }));
    expect(statusOf(world)).toEqual({ currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 });
    expect(world.events('NoPods')[0]).toBe('No matching pods found');
  });

  it('writes the status only when it changed', () => {
    const { world, statusWrites } = setup();
    world.at(0, () => {
      replicaSet(world, 3, 3);
      addPdb(world, 'web', { minAvailable: 2, selector: { matchLabels: WEB } });
    });
    expect(statusWrites).toEqual([0]);
    world.at(1000, () => world.api.update('Pod', 'web-1', 'default', (draft) => void (draft.metadata.annotations = { note: 'x' })));
    expect(statusWrites).toEqual([0]);
    world.at(2000, () => setReady(world, 'web-1', false));
    expect(statusWrites).toEqual([0, 2000]);
  });
});

describe('DisruptionController disruptedPods', () => {
  /** The eviction API recorded web-0 at `atMs`, but nothing deleted it. */
  function recordDisruption(world: TestWorld, atMs: number) {
    world.at(atMs, () =>
      world.api.update<PodDisruptionBudget>('PodDisruptionBudget', 'web', 'default', (draft) => {
        draft.status.disruptedPods = { 'web-0': toTimestamp(atMs) };
        draft.status.disruptionsAllowed = 0;
      }),
    );
  }

  it('keeps a pod out of currentHealthy for DeletionTimeout (2 min), then drops the entry with an event', () => {
    const { world } = setup();
    world.at(0, () => {
      replicaSet(world, 3, 3);
      addPdb(world, 'web', { minAvailable: 1, selector: { matchLabels: WEB } });
    });
    recordDisruption(world, 10_000);
    expect(statusOf(world).currentHealthy).toBe(2);
    expect(pdb(world, 'web').status.disruptedPods).toEqual({ 'web-0': toTimestamp(10_000) });

    world.runUntil(129_999);
    expect(statusOf(world).currentHealthy).toBe(2);
    // The entry expires strictly after 2 min: at 130 000 it is healthy again, at 130 001 the entry goes.
    world.runUntil(130_000);
    expect(statusOf(world).currentHealthy).toBe(3);
    expect(pdb(world, 'web').status.disruptedPods).toEqual({ 'web-0': toTimestamp(10_000) });
    world.runUntil(130_001);
    expect(pdb(world, 'web').status.disruptedPods).toBeUndefined();
    expect(world.events('NotDeleted')).toEqual(["Pod was expected by PDB default/default to be deleted but it wasn't"]);
  });

  it('drops the entry as soon as the pod is marked for deletion', () => {
    const { world } = setup();
    world.at(0, () => {
      replicaSet(world, 3, 3);
      addPdb(world, 'web', { minAvailable: 1, selector: { matchLabels: WEB } });
    });
    recordDisruption(world, 10_000);
    world.at(11_000, () => world.api.delete('Pod', 'web-0', 'default'));
    expect(pdb(world, 'web').status.disruptedPods).toBeUndefined();
    expect(statusOf(world)).toEqual({ currentHealthy: 2, desiredHealthy: 1, expectedPods: 3, disruptionsAllowed: 1 });
  });

  it('restores from a snapshot and still rechecks', () => {
    const { world, controller } = setup();
    world.at(0, () => {
      replicaSet(world, 3, 3);
      addPdb(world, 'web', { minAvailable: 1, selector: { matchLabels: WEB } });
    });
    recordDisruption(world, 10_000);
    const state = JSON.parse(JSON.stringify(controller.snapshot()));
    const restored = new TestWorld({}, world.snapshot());
    restored.components = [new DisruptionController(restored.ctx, state)];
    restored.runUntil(130_001);
    expect(statusOf(restored).currentHealthy).toBe(3);
    expect(pdb(restored, 'web').status.disruptedPods).toBeUndefined();
  });
});
