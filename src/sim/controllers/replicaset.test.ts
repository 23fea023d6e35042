import { describe, expect, it } from 'vitest';
import '../apiserver/workload-kinds';
import { isPodActive } from '../api/conditions';
import type { KubeObject, Pod } from '../api/types';
import { toTimestamp } from '../core/time';
import { activePods, allPods, appsWorld, replicaSet, replicaSetManifest, runPod } from './apps-test-world';
import { ReplicaSetController } from './replicaset';
import { TestWorld } from './test-world';

function rsWorld(): TestWorld {
  const world = new TestWorld();
  world.components = [new ReplicaSetController(world.ctx)];
  return world;
}

describe('ReplicaSet controller', () => {
  it('creates the missing pods from the template, owned by the ReplicaSet, and reports status', () => {
    const world = rsWorld();
    world.at(0, () => world.api.create(replicaSetManifest('web', 3)));
    const rs = replicaSet(world, 'web')!;
    const pods = allPods(world);
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.labels).toEqual({ app: 'web' });
      expect(pod.spec.containers[0]!.image).toBe('nginx:1');
      expect(pod.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(world.events('SuccessfulCreate').sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(world.api.events.all().find((e) => e.reason === 'SuccessfulCreate')!.source).toBe('replicaset-controller');
    expect(rs.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 });
    world.at(2000, () => pods.forEach((p) => runPod(world, p)));
    expect(replicaSet(world, 'web')!.status).toMatchObject({ readyReplicas: 3, availableReplicas: 3 });
  });

  it('creates at most 500 pods per sync (BurstReplicas) in slow-start batches', () => {
    const world = rsWorld();
    let createdBeforeFirstStatus: number | undefined;
    let created = 0;
    world.api.watch('Pod', (e) => e.type === 'ADDED' && created++);
    world.api.watch('ReplicaSet', (e) => {
      if (e.type === 'MODIFIED') createdBeforeFirstStatus ??= created;
    });
    world.at(0, () => world.api.create(replicaSetManifest('big', 600)));
    expect(createdBeforeFirstStatus).toBe(500);
    expect(allPods(world)).toHaveLength(600);
  });

  it('stops after the first slow-start batch with a failure, and retries with backoff', () => {
    const world = rsWorld();
    const priorityClass = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'gold' }, value: 1000 };
    world.api.create(priorityClass);
    // The PriorityClass disappears right after the third pod: the fourth create is rejected by admission.
    world.api.watch<Pod>('Pod', (e) => {
      if (e.type === 'ADDED' && allPods(world).length === 3) world.api.delete('PriorityClass', 'gold');
    });
    const rsWithClass = replicaSetManifest('gold', 10);
    (rsWithClass.spec as { template: { spec: Record<string, unknown> } }).template.spec.priorityClassName = 'gold';
    let firstStatus: { pods: number; failures: string[] } | undefined;
    world.api.watch('ReplicaSet', (e) => {
      if (e.type === 'MODIFIED') firstStatus ??= { pods: allPods(world).length, failures: world.events('FailedCreate') };
    });
    world.at(0, () => world.api.create(rsWithClass));
    const goldPods = () => allPods(world).filter((p) => p.metadata.labels?.app === 'gold');
    // First sync: batches 1 and 2 succeed (3 pods); all 4 attempts of the third batch fail; the last 3 are not tried.
    expect(firstStatus!.pods).toBe(3);
    expect(firstStatus!.failures).toHaveLength(4);
    expect(firstStatus!.failures[0]).toMatch(/^Error creating: pods "gold-\w+" is forbidden: no PriorityClass with name gold was found$/);
    expect(replicaSet(world, 'gold')!.status.conditions).toMatchObject([{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' }]);
    // Rate-limited retries (5 ms, 10 ms, …) keep failing, one attempt each, until the class is back.
    world.runUntil(500);
    expect(goldPods()).toHaveLength(3);
    world.at(1000, () => world.api.create(priorityClass));
    world.runUntil(3000);
    expect(goldPods()).toHaveLength(10);
    expect(replicaSet(world, 'gold')!.status.conditions).toBeUndefined();
  });

  it('replaces a terminating pod at once: only active pods count (§1.1)', () => {
    const world = rsWorld();
    world.at(0, () => world.api.create(replicaSetManifest('web', 3)));
    world.at(2000, () => allPods(world).forEach((p) => runPod(world, p)));
    const victim = allPods(world)[0]!;
    world.at(10_000, () => world.api.delete('Pod', victim.metadata.name, 'default'));
    const pods = allPods(world);
    expect(pods).toHaveLength(4);
    expect(world.pod(victim.metadata.name)!.metadata.deletionTimestamp).toBe(toTimestamp(40_000));
    const replacement = pods.find((p) => p.metadata.creationTimestamp === toTimestamp(10_000));
    expect(replacement).toBeDefined();
    expect(pods.filter(isPodActive)).toHaveLength(3);
    expect(replicaSet(world, 'web')!.status.replicas).toBe(3);
  });

  it('does not delete a Failed pod, but replaces it', () => {
    const world = rsWorld();
    world.at(0, () => world.api.create(replicaSetManifest('web', 2)));
    world.at(2000, () => allPods(world).forEach((p) => runPod(world, p)));
    const failed = allPods(world)[0]!;
    world.at(5000, () =>
      world.api.update<Pod>('Pod', failed.metadata.name, 'default', (draft) => {
        draft.status.phase = 'Failed';
      }),
    );
    world.runUntil(60_000);
    expect(world.pod(failed.metadata.name)!.metadata.deletionTimestamp).toBeUndefined();
    expect(world.pod(failed.metadata.name)!.status.phase).toBe('Failed');
    expect(allPods(world)).toHaveLength(3);
    expect(activePods(world)).toHaveLength(2);
    expect(world.events('SuccessfulDelete')).toEqual([]);
  });

  it('scales down the pods least far along first: unassigned, pending, not ready, then lowest cost', () => {
    const world = rsWorld();
    world.at(0, () => world.api.create(replicaSetManifest('web', 5)));
    const [unassigned, pending, notReady, cheap, dear] = allPods(world) as [Pod, Pod, Pod, Pod, Pod];
    world.at(1000, () => {
      world.api.update<Pod>('Pod', pending.metadata.name, 'default', (d) => void (d.spec.nodeName = 'node-1'));
      runPod(world, notReady, 'node-1', false);
      for (const [pod, cost] of [[cheap, '-1'], [dear, '5']] as const) {
        runPod(world, pod);
        world.api.update<Pod>('Pod', pod.metadata.name, 'default', (d) => {
          d.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': cost };
        });
      }
    });
    const deletedAt = (replicas: number, atMs: number) => {
      const before = new Set(activePods(world).map((p) => p.metadata.name));
      world.at(atMs, () => world.api.update<KubeObject & { spec: { replicas: number } }>('ReplicaSet', 'web', 'default', (d) => void (d.spec.replicas = replicas)));
      return [...before].filter((name) => !activePods(world).some((p) => p.metadata.name === name)).sort();
    };
    expect(deletedAt(4, 2000)).toEqual([unassigned.metadata.name]);
    expect(deletedAt(3, 3000)).toEqual([pending.metadata.name]);
    expect(deletedAt(2, 4000)).toEqual([notReady.metadata.name]);
    expect(deletedAt(1, 5000)).toEqual([cheap.metadata.name]);
    expect(world.events('SuccessfulDelete')).toContain(`Deleted pod: ${cheap.metadata.name}`);
  });

  it('adopts a matching orphan and releases a pod whose labels stop matching', () => {
    const world = rsWorld();
    world.at(0, () => world.addPod('stray', 'node-1', [], { metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } } }));
    world.at(1000, () => world.api.create(replicaSetManifest('web', 2)));
    const rs = replicaSet(world, 'web')!;
    expect(world.pod('stray')!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', uid: rs.metadata.uid, controller: true });
    expect(allPods(world)).toHaveLength(2);
    world.at(2000, () => world.api.update<Pod>('Pod', 'stray', 'default', (d) => void (d.metadata.labels = { app: 'other' })));
    expect(world.pod('stray')!.metadata.ownerReferences).toEqual([]);
    expect(activePods(world).filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(2);
  });

  it('counts a pod available only after minReadySeconds, re-checking 1 s after it is due', () => {
    const world = rsWorld();
    world.at(0, () => world.api.create(replicaSetManifest('web', 1, 'nginx:1', { minReadySeconds: 10 })));
    world.at(1000, () => runPod(world, allPods(world)[0]!));
    expect(replicaSet(world, 'web')!.status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    world.runUntil(11_999);
    expect(replicaSet(world, 'web')!.status.availableReplicas).toBe(0);
    world.runUntil(12_000);
    expect(replicaSet(world, 'web')!.status.availableReplicas).toBe(1);
  });

  it('restores from a snapshot and carries on (state is plain JSON)', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(replicaSetManifest('web', 1, 'nginx:1', { minReadySeconds: 10 })));
    world.at(1000, () => runPod(world, allPods(world)[0]!));
    const controller = world.components[1] as ReplicaSetController;
    const state = JSON.parse(JSON.stringify(controller.snapshot()));
    const restored = new TestWorld({}, world.snapshot());
    restored.components = [new ReplicaSetController(restored.ctx, state)];
    restored.runUntil(12_000);
    expect(restored.api.get<KubeObject & { status: { availableReplicas: number } }>('ReplicaSet', 'web', 'default')!.status.availableReplicas).toBe(1);
  });
});
