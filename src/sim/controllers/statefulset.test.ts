import { describe, expect, it } from 'vitest';
import '../apiserver/workload-kinds';
import type { Manifest, Pod } from '../api/types';
import { ClusterTestWorld, setPodStatus } from './cluster-test-world';
import { StatefulSetController, type StatefulSet } from './statefulset';
import { TestWorld } from './test-world';

function statefulSet(spec: Record<string, unknown> = {}, image = 'db:1'): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'db', image }] } },
      ...spec,
    },
  };
}

/** No kubelets, no scheduler: the test binds pods and posts their status by hand. */
function manualWorld() {
  const world = new TestWorld();
  const controller = new StatefulSetController(world.ctx);
  world.components = [controller];
  world.addNode('node-1');
  const run = (name: string, at: number) =>
    world.at(at, () => {
      world.api.update<Pod>('Pod', name, 'default', (d) => void (d.spec.nodeName = 'node-1'));
      setPodStatus(world, name, 'ready');
    });
  return { world, controller, run };
}

const names = (world: TestWorld) => [...world.api.list<Pod>('Pod')].map((p) => p.metadata.name).sort();
const set = (world: TestWorld) => world.api.get<StatefulSet>('StatefulSet', 'web', 'default')!;

function clusterWorld(nodeCount = 3) {
  let controller!: StatefulSetController;
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({ name: `node-${i + 1}`, zone: 'a' }));
  const world = new ClusterTestWorld(nodes, (w) => [(controller = new StatefulSetController(w.ctx))]);
  return { world, controller: () => controller };
}

describe('StatefulSet controller', () => {
  it('scales up 0 → 3 in ordinal order, each pod only after its predecessor is Running and Ready', () => {
    const { world, run } = manualWorld();
    world.at(1_000, () => world.api.create(statefulSet()));
    expect(names(world)).toEqual(['web-0']);
    const pod0 = world.pod('web-0')!;
    expect(pod0.metadata.labels).toMatchObject({
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-0',
      'apps.kubernetes.io/pod-index': '0',
      'controller-revision-hash': expect.stringMatching(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/),
    });
    expect(pod0.spec).toMatchObject({ hostname: 'web-0', subdomain: 'web' });
    expect(pod0.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true });
    // Running but not Ready is not enough.
    world.at(2_000, () => {
      world.api.update<Pod>('Pod', 'web-0', 'default', (d) => void (d.spec.nodeName = 'node-1'));
      setPodStatus(world, 'web-0', 'not-ready');
    });
    expect(names(world)).toEqual(['web-0']);
    run('web-0', 3_000);
    expect(names(world)).toEqual(['web-0', 'web-1']);
    run('web-1', 4_000);
    expect(names(world)).toEqual(['web-0', 'web-1', 'web-2']);
    run('web-2', 5_000);
    expect(world.events('SuccessfulCreate')).toEqual([
      'create Pod web-0 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
      'create Pod web-2 in StatefulSet web successful',
    ]);
    expect(set(world).status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, observedGeneration: 1 });
    expect(set(world).status!.currentRevision).toBe(set(world).status!.updateRevision);
  });

  it('OrderedReady: a lower ordinal that is not Ready blocks recreating a higher one', () => {
    const { world, run } = manualWorld();
    world.at(1_000, () => world.api.create(statefulSet()));
    run('web-0', 2_000);
    run('web-1', 3_000);
    run('web-2', 4_000);
    world.at(10_000, () => setPodStatus(world, 'web-0', 'not-ready'));
    world.at(11_000, () => world.api.delete('Pod', 'web-2', 'default', { gracePeriodSeconds: 0 }));
    world.runUntil(100_000);
    expect(names(world)).toEqual(['web-0', 'web-1']);
    world.at(120_000, () => setPodStatus(world, 'web-0', 'ready'));
    expect(names(world)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('Parallel: creates every ordinal at once, without waiting for readiness', () => {
    const { world } = manualWorld();
    world.at(1_000, () => world.api.create(statefulSet({ podManagementPolicy: 'Parallel' })));
    expect(names(world)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('replaces a Failed pod: deletes it, then creates the same name anew', () => {
    const { world, run } = manualWorld();
    world.at(1_000, () => world.api.create(statefulSet({ replicas: 1 })));
    run('web-0', 2_000);
    const uid = world.pod('web-0')!.metadata.uid;
    world.at(5_000, () => setPodStatus(world, 'web-0', 'Failed'));
    expect(world.pod('web-0')!.metadata.uid).not.toBe(uid);
    expect(world.pod('web-0')!.status.phase).toBe('Pending');
    expect(world.events('SuccessfulDelete')).toEqual(['delete Pod web-0 in StatefulSet web successful']);
  });

  it('keeps an ordinal whose pod is stuck Terminating on a dead node; a force delete recreates it at once (§1.1, §6.4)', () => {
    const { world } = clusterWorld(3);
    world.at(1_000, () => world.api.create(statefulSet()));
    world.runUntil(20_000);
    expect(names(world)).toEqual(['web-0', 'web-1', 'web-2']);
    const dead = world.pod('web-1')!.spec.nodeName!;
    const oldUid = world.pod('web-1')!.metadata.uid;
    world.at(30_000, () => world.kubelets.kill(dead));
    world.runUntil(500_000);
    // Evicted at ≈ 30 + 60 + 300 s, and stuck: the dead kubelet never confirms.
    const stuck = world.pod('web-1')!;
    expect(stuck.metadata.uid).toBe(oldUid);
    expect(stuck.metadata.deletionTimestamp).toBeDefined();
    // Scaling up waits behind the stuck ordinal too (OrderedReady).
    world.at(600_000, () => world.api.update<StatefulSet>('StatefulSet', 'web', 'default', (d) => void (d.spec.replicas = 4)));
    world.runUntil(3_600_000);
    expect(names(world)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(world.pod('web-1')!.metadata.uid).toBe(oldUid);
    world.at(3_700_000, () => world.api.delete('Pod', 'web-1', 'default', { gracePeriodSeconds: 0 }));
    const recreated = world.pod('web-1')!;
    expect(recreated.metadata.uid).not.toBe(oldUid);
    expect(recreated.metadata.creationTimestamp).toBe(new Date(Date.UTC(2025, 0, 1) + 3_700_000).toISOString());
    world.runUntil(3_800_000);
    expect(world.pod('web-1')!.spec.nodeName).not.toBe(dead);
    expect(names(world)).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
  });

  it('Parallel: a stuck ordinal blocks only itself', () => {
    const { world } = clusterWorld(3);
    world.at(1_000, () => world.api.create(statefulSet({ podManagementPolicy: 'Parallel', replicas: 2 })));
    world.runUntil(20_000);
    const dead = world.pod('web-0')!.spec.nodeName!;
    world.at(30_000, () => world.kubelets.kill(dead));
    world.runUntil(500_000);
    expect(world.pod('web-0')!.metadata.deletionTimestamp).toBeDefined();
    world.at(600_000, () => world.api.update<StatefulSet>('StatefulSet', 'web', 'default', (d) => void (d.spec.replicas = 3)));
    expect(names(world)).toEqual(['web-0', 'web-1', 'web-2']);
    world.runUntil(3_600_000);
    expect(world.pod('web-0')!.metadata.deletionTimestamp).toBeDefined();
  });

  it('scales down from the highest ordinal, one at a time, waiting for termination', () => {
    const { world } = clusterWorld(3);
    world.at(1_000, () => world.api.create(statefulSet({ replicas: 4 })));
    world.runUntil(30_000);
    const goneAt: Record<string, number> = {};
    world.api.watch('Pod', (e) => {
      if (e.type === 'DELETED') goneAt[e.object.metadata.name] = world.clock.nowMs;
    });
    world.at(40_000, () => world.api.update<StatefulSet>('StatefulSet', 'web', 'default', (d) => void (d.spec.replicas = 2)));
    expect(world.pod('web-3')!.metadata.deletionTimestamp).toBeDefined();
    expect(world.pod('web-2')!.metadata.deletionTimestamp).toBeUndefined();
    world.runUntil(200_000);
    // Grace period 30 s each: web-3 goes at 70 s, only then web-2 is deleted, gone at 100 s.
    expect(goneAt).toEqual({ 'web-3': 70_000, 'web-2': 100_000 });
    expect(names(world)).toEqual(['web-0', 'web-1']);
  });

  it('rolls a template change from the highest ordinal down, honouring the partition', () => {
    const { world, controller } = clusterWorld(3);
    world.at(1_000, () => world.api.create(statefulSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } })));
    world.runUntil(30_000);
    const oldRevision = set(world).status!.currentRevision!;
    const order: string[] = [];
    world.api.watch<Pod>('Pod', (e) => {
      if (e.type === 'ADDED' && e.object.spec.containers[0]!.image === 'db:2') order.push(e.object.metadata.name);
    });
    world.at(40_000, () => world.api.update<StatefulSet>('StatefulSet', 'web', 'default', (d) => void (d.spec.template.spec!.containers[0]!.image = 'db:2')));
    world.runUntil(300_000);
    expect(order).toEqual(['web-2', 'web-1']);
    expect(world.pod('web-0')!.spec.containers[0]!.image).toBe('db:1');
    const status = set(world).status!;
    expect(status.currentRevision).toBe(oldRevision);
    expect(status.updateRevision).not.toBe(oldRevision);
    expect(status).toMatchObject({ replicas: 3, updatedReplicas: 2, currentReplicas: 1, readyReplicas: 3 });
    // Below the partition a deleted pod comes back at the current (old) revision.
    world.at(310_000, () => world.api.delete('Pod', 'web-0', 'default', { gracePeriodSeconds: 0 }));
    expect(world.pod('web-0')!.spec.containers[0]!.image).toBe('db:1');
    expect(world.pod('web-0')!.metadata.labels!['controller-revision-hash']).toBe(oldRevision);
    world.runUntil(350_000);
    world.at(400_000, () => world.api.update<StatefulSet>('StatefulSet', 'web', 'default', (d) => void (d.spec.updateStrategy!.rollingUpdate!.partition = 0)));
    world.runUntil(600_000);
    expect(order).toEqual(['web-2', 'web-1', 'web-0']);
    expect(set(world).status).toMatchObject({ currentRevision: status.updateRevision, currentReplicas: 3, updatedReplicas: 3 });
    expect(controller().revisions(set(world)).map((r) => r.name)).toEqual([oldRevision, status.updateRevision]);
    const state = controller().snapshot();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const restored = new StatefulSetController(world.ctx, JSON.parse(JSON.stringify(state)));
    expect(restored.revisions(set(world)).map((r) => r.revision)).toEqual([1, 2]);
  });
});
