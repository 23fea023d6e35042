/**
 * Test helpers for the ReplicaSet and Deployment controllers: a TestWorld
 * with the garbage collector and both controllers, manifests, and a "kubelet
 * by hand" that binds pods and marks them Running and Ready when a test says
 * so (the real kubelets and the scheduler are not part of these tests).
 */
import { isPodActive } from '../api/conditions';
import type { Manifest, Pod } from '../api/types';
import { toTimestamp } from '../core/time';
import { DeploymentController } from './deployment';
import { GarbageCollector } from './garbage-collector';
import { ReplicaSetController } from './replicaset';
import { TestWorld } from './test-world';
import type { Deployment, ReplicaSet } from './workload-types';
import { getControllerOf } from './workload-utils';

export function appsWorld(): TestWorld {
  const world = new TestWorld();
  world.components = [new GarbageCollector(world.ctx), new ReplicaSetController(world.ctx), new DeploymentController(world.ctx)];
  return world;
}

export function podTemplate(image: string, labels: Record<string, string> = { app: 'web' }, extraSpec: Record<string, unknown> = {}) {
  return { metadata: { labels }, spec: { containers: [{ name: 'app', image }], ...extraSpec } };
}

export function replicaSetManifest(name: string, replicas: number, image = 'nginx:1', extraSpec: Record<string, unknown> = {}): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate(image, { app: name }), ...extraSpec },
  };
}

export function deploymentManifest(name: string, replicas: number, image: string, extraSpec: Record<string, unknown> = {}): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate(image, { app: name }), ...extraSpec },
  };
}

export function deployment(world: TestWorld, name: string): Deployment {
  return world.api.get<Deployment>('Deployment', name, 'default')!;
}

export function replicaSet(world: TestWorld, name: string): ReplicaSet | undefined {
  return world.api.get<ReplicaSet>('ReplicaSet', name, 'default');
}

export function allPods(world: TestWorld): Pod[] {
  return [...world.api.list<Pod>('Pod')].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

export function activePods(world: TestWorld): Pod[] {
  return allPods(world).filter(isPodActive);
}

/** The ReplicaSets a Deployment controls, oldest first. */
export function replicaSetsOf(world: TestWorld, d: Deployment): ReplicaSet[] {
  return [...world.api.list<ReplicaSet>('ReplicaSet')]
    .filter((rs) => getControllerOf(rs)?.uid === d.metadata.uid)
    .sort((a, b) => (a.metadata.creationTimestamp + a.metadata.name < b.metadata.creationTimestamp + b.metadata.name ? -1 : 1));
}

export function podsOfReplicaSet(world: TestWorld, rs: ReplicaSet): Pod[] {
  return allPods(world).filter((p) => getControllerOf(p)?.uid === rs.metadata.uid);
}

/** Binds a pod to `nodeName` and reports it Running and Ready now (what the kubelet would do). */
export function runPod(world: TestWorld, pod: Pod, nodeName = 'node-1', ready = true): void {
  const now = toTimestamp(world.clock.nowMs);
  world.api.update<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, (draft) => {
    draft.spec.nodeName ??= nodeName;
    draft.status.phase = 'Running';
    draft.status.conditions = [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now }];
  });
}

/**
 * One kubelet round by hand: every pending pod runs (Ready), every
 * terminating pod is gone. Returns how many pods it touched.
 */
export function kubeletRound(world: TestWorld): number {
  let touched = 0;
  for (const pod of allPods(world)) {
    if (pod.metadata.deletionTimestamp) {
      world.api.delete('Pod', pod.metadata.name, pod.metadata.namespace, { gracePeriodSeconds: 0 });
      touched++;
    } else if (pod.status.phase === 'Pending') {
      runPod(world, pod);
      touched++;
    }
  }
  return touched;
}
