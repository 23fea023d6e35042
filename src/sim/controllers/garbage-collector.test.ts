import { describe, expect, it } from 'vitest';
import type { KubeObject, Lease, OwnerReference } from '../api/types';
import { GarbageCollector } from './garbage-collector';
import { TestWorld } from './test-world';

function setup() {
  const world = new TestWorld();
  world.components = [new GarbageCollector(world.ctx)];
  return world;
}

function ownerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid };
}

function addLease(world: TestWorld, name: string, owners: OwnerReference[] = []): Lease {
  return world.api.create<Lease>({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: 'default', ownerReferences: owners },
  });
}

function addOwnedPod(world: TestWorld, name: string, nodeName: string | undefined, owners: OwnerReference[]): void {
  world.addPod(name, nodeName, [], { metadata: { name, namespace: 'default', ownerReferences: owners } });
}

describe('GarbageCollector (background cascading deletion)', () => {
  it('deletes the dependents of a deleted owner: bound pods gracefully, unbound pods at once', () => {
    const world = setup();
    world.at(0, () => {
      const owner = addLease(world, 'owner');
      addOwnedPod(world, 'bound', 'node1', [ownerRef(owner)]);
      addOwnedPod(world, 'unbound', undefined, [ownerRef(owner)]);
      world.addPod('unrelated', 'node1');
    });
    world.at(1000, () => world.api.delete('Lease', 'owner', 'default'));
    expect(world.pod('bound')!.metadata.deletionTimestamp).toBe('2025-01-01T00:00:31.000Z');
    expect(world.pod('unbound')).toBeUndefined();
    expect(world.pod('unrelated')!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('keeps a dependent that still has a live owner and drops only the dead reference', () => {
    const world = setup();
    world.at(0, () => {
      const a = addLease(world, 'a');
      const b = addLease(world, 'b');
      addOwnedPod(world, 'shared', 'node1', [ownerRef(a), ownerRef(b)]);
    });
    const bUid = world.api.get<Lease>('Lease', 'b', 'default')!.metadata.uid;
    world.at(1000, () => world.api.delete('Lease', 'a', 'default'));
    const pod = world.pod('shared')!;
    expect(pod.metadata.deletionTimestamp).toBeUndefined();
    expect(pod.metadata.ownerReferences!.map((r) => r.uid)).toEqual([bUid]);
    world.at(2000, () => world.api.delete('Lease', 'b', 'default'));
    expect(world.pod('shared')!.metadata.deletionTimestamp).toBeDefined();
  });

  it('cascades through several levels, across scopes (Node → Lease → Pod)', () => {
    const world = setup();
    world.at(0, () => {
      const node = world.addNode('node1');
      const lease = addLease(world, 'node1', [ownerRef(node)]);
      addOwnedPod(world, 'leaf', 'node2', [ownerRef(lease)]);
    });
    world.at(1000, () => world.api.delete('Node', 'node1'));
    expect(world.api.get('Lease', 'node1', 'default')).toBeUndefined();
    expect(world.pod('leaf')!.metadata.deletionTimestamp).toBeDefined();
  });

  it('deletes a new object whose owners do not exist (wrong uid, or no such object)', () => {
    const world = setup();
    world.at(0, () => {
      const owner = addLease(world, 'owner');
      addOwnedPod(world, 'wrong-uid', undefined, [{ ...ownerRef(owner), uid: 'not-the-owner' }]);
      addOwnedPod(world, 'ghost', undefined, [{ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name: 'ghost', uid: 'x' }]);
      addOwnedPod(world, 'good', undefined, [ownerRef(owner)]);
    });
    expect(world.pod('wrong-uid')).toBeUndefined();
    expect(world.pod('ghost')).toBeUndefined();
    expect(world.pod('good')).toBeDefined();
  });

  it('leaves alone dependents of owners whose kind it cannot resolve', () => {
    const world = setup();
    world.at(0, () => addOwnedPod(world, 'p', undefined, [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'w1' }]));
    expect(world.pod('p')).toBeDefined();
  });

  it('does not touch a dependent that is already terminating', () => {
    const world = setup();
    world.at(0, () => {
      const owner = addLease(world, 'owner');
      addOwnedPod(world, 'p', 'node1', [ownerRef(owner)]);
    });
    world.at(1000, () => world.api.delete('Pod', 'p', 'default', { gracePeriodSeconds: 60 }));
    world.at(2000, () => world.api.delete('Lease', 'owner', 'default'));
    // A second graceful DELETE would have shortened the deadline to 2 s + 30 s.
    expect(world.pod('p')!.metadata.deletionTimestamp).toBe('2025-01-01T00:01:01.000Z');
  });
});
