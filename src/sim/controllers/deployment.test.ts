import { describe, expect, it } from 'vitest';
import '../apiserver/workload-kinds';
import { isPodActive, isPodReady } from '../api/conditions';
import type { Pod } from '../api/types';
import { ActionError } from '../actions';
import {
  activePods,
  allPods,
  appsWorld,
  deployment,
  deploymentManifest,
  kubeletRound,
  replicaSetsOf,
  runPod,
} from './apps-test-world';
import { updateWorkloadSpec } from './controller-utils';
import { DeploymentController } from './deployment';
import { GarbageCollector } from './garbage-collector';
import { ReplicaSetController } from './replicaset';
import { pauseDeployment, resumeDeployment, rollbackDeployment, rolloutHistory } from './rollout';
import { scaleWorkload } from './scale';
import { TestWorld } from './test-world';
import type { Deployment } from './workload-types';

/** `kubectl set image deployment/<name> app=<image>`. */
function setImage(world: TestWorld, name: string, image: string): void {
  updateWorkloadSpec<Deployment>(world.api, 'Deployment', name, 'default', (d) => {
    d.spec.template.spec.containers[0]!.image = image;
  });
}

/** Kubelet rounds once a second until nothing moves; returns the time it settled. */
function settle(world: TestWorld, fromMs: number, afterEachRound: () => void = () => {}): number {
  let atMs = fromMs;
  for (let round = 0; round < 50; round++) {
    atMs += 1000;
    let touched = 0;
    world.at(atMs, () => (touched = kubeletRound(world)));
    afterEachRound();
    if (touched === 0) return atMs;
  }
  throw new Error('did not settle');
}

function images(world: TestWorld): string[] {
  return activePods(world).map((p) => p.spec.containers[0]!.image!).sort();
}

function scalingEvents(world: TestWorld): string[] {
  return world.api.events.all().filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
}

describe('Deployment controller', () => {
  it('creates <name>-<hash> with the hash label, revision 1, and reports status and conditions', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 4, 'nginx:1')));
    const [rs] = replicaSetsOf(world, deployment(world, 'web'));
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.spec.template.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '4',
      'deployment.kubernetes.io/max-replicas': '5',
    });
    expect(scalingEvents(world)).toEqual([`Scaled up replica set ${rs!.metadata.name} from 0 to 4`]);
    expect(world.api.events.all().find((e) => e.reason === 'ScalingReplicaSet')!.source).toBe('deployment-controller');
    // Created (NewReplicaSetCreated), then its pods counted as progress in the same instant.
    expect(deployment(world, 'web').status.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${rs!.metadata.name}" is progressing.`,
    });
    settle(world, 0);
    const d = deployment(world, 'web');
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 0 });
    expect(d.status.conditions).toMatchObject([
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs!.metadata.name}" has successfully progressed.` },
    ]);
  });

  it('rolls 4 replicas from A to B keeping ≥ 3 available and ≤ 5 pods at every step', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 4, 'nginx:A')));
    const settledMs = settle(world, 0);
    const violations: string[] = [];
    // At every write: ≥ 3 available pods, and the ReplicaSets never ask for more than 5.
    world.api.watch('*', () => {
      const available = activePods(world).filter(isPodReady).length;
      const wanted = replicaSetsOf(world, deployment(world, 'web')).reduce((n, rs) => n + rs.spec.replicas, 0);
      if (wanted > 5 || available < 3) violations.push(`t=${world.clock.nowMs}: ${wanted} wanted, ${available} available`);
    });
    // After every instant: ≤ 5 pods. (Within one, the new RS may create before the old one deletes, as upstream.)
    const checkPods = () => {
      const active = activePods(world).length;
      if (active > 5) violations.push(`t=${world.clock.nowMs}: ${active} pods`);
    };
    world.at(settledMs + 1000, () => setImage(world, 'web', 'nginx:B'));
    checkPods();
    settle(world, settledMs + 1000, checkPods);
    expect(violations).toEqual([]);
    expect(images(world)).toEqual(['nginx:B', 'nginx:B', 'nginx:B', 'nginx:B']);
    const [a, b] = replicaSetsOf(world, deployment(world, 'web'));
    expect(a!.spec.replicas).toBe(0);
    expect(b!.spec.replicas).toBe(4);
    const [A, B] = [a!.metadata.name, b!.metadata.name];
    expect(scalingEvents(world)).toEqual([
      `Scaled up replica set ${A} from 0 to 4`,
      `Scaled up replica set ${B} from 0 to 1`,
      `Scaled down replica set ${A} from 4 to 3`,
      `Scaled up replica set ${B} from 1 to 2`,
      `Scaled down replica set ${A} from 3 to 1`,
      `Scaled up replica set ${B} from 2 to 4`,
      `Scaled down replica set ${A} from 1 to 0`,
    ]);
    expect(a!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');
    expect(b!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(deployment(world, 'web').metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(deployment(world, 'web').status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
  });

  it('rolls back to revision 1 (kubectl rollout undo), which becomes revision 3', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 2, 'nginx:A')));
    let t = settle(world, 0);
    world.at(t + 1000, () => setImage(world, 'web', 'nginx:B'));
    t = settle(world, t + 1000);
    expect(() => rollbackDeployment(world.api, 'default', 'web', 7)).toThrow(new ActionError('unable to find specified revision 7 in history'));
    expect(() => rollbackDeployment(world.api, 'default', 'nope')).toThrow('deployments.apps "nope" not found');
    let message = '';
    world.at(t + 1000, () => (message = rollbackDeployment(world.api, 'default', 'web', 1)));
    expect(message).toBe('deployment.apps/web rolled back');
    settle(world, t + 1000);
    expect(images(world)).toEqual(['nginx:A', 'nginx:A']);
    const [a, b] = replicaSetsOf(world, deployment(world, 'web'));
    expect(a!.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(b!.spec.replicas).toBe(0);
    expect(deployment(world, 'web').metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(rolloutHistory(world.api, 'default', 'web').map((r) => r.revision)).toEqual([2, 3]);
    // Without --to-revision: the previous revision (2, image B); again: back to 3's template.
    expect(rollbackDeployment(world.api, 'default', 'web')).toBe('deployment.apps/web rolled back');
    expect(deployment(world, 'web').spec.template.spec.containers[0]!.image).toBe('nginx:B');
    expect(rollbackDeployment(world.api, 'default', 'web', 2)).toBe('deployment.apps/web skipped rollback (current template already matches revision 2)');
    pauseDeployment(world.api, 'default', 'web');
    expect(() => rollbackDeployment(world.api, 'default', 'web', 3)).toThrow(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  });

  it('pause stops the rollout but not scaling; resume continues', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 4, 'nginx:A')));
    let t = settle(world, 0);
    world.at(t + 1000, () => {
      pauseDeployment(world.api, 'default', 'web');
      setImage(world, 'web', 'nginx:B');
    });
    t = settle(world, t + 1000);
    expect(replicaSetsOf(world, deployment(world, 'web'))).toHaveLength(1);
    expect(images(world)).toEqual(Array(4).fill('nginx:A'));
    const paused = deployment(world, 'web');
    expect(paused.status.observedGeneration).toBe(paused.metadata.generation);
    expect(paused.status.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    expect(() => pauseDeployment(world.api, 'default', 'web')).toThrow('deployments.apps "web" is already paused');
    expect(() => rollbackDeployment(world.api, 'default', 'web')).toThrow('no rollout history found for deployment "web"');
    world.at(t + 1000, () => scaleWorkload(world.api, 'deployment', 'default', 'web', 6));
    t = settle(world, t + 1000);
    expect(images(world)).toEqual(Array(6).fill('nginx:A'));
    world.at(t + 1000, () => resumeDeployment(world.api, 'default', 'web'));
    settle(world, t + 1000);
    expect(images(world)).toEqual(Array(6).fill('nginx:B'));
  });

  it('keeps revisionHistoryLimit old ReplicaSets, deleting the oldest first', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 2, 'nginx:A', { revisionHistoryLimit: 1 })));
    let t = settle(world, 0);
    for (const image of ['nginx:B', 'nginx:C', 'nginx:D']) {
      world.at(t + 1000, () => setImage(world, 'web', image));
      t = settle(world, t + 1000);
    }
    world.at(t + 1000, () => {});
    const left = replicaSetsOf(world, deployment(world, 'web'));
    expect(left.map((rs) => rs.spec.template.spec.containers[0]!.image)).toEqual(['nginx:C', 'nginx:D']);
    expect(left.map((rs) => rs.metadata.annotations!['deployment.kubernetes.io/revision'])).toEqual(['3', '4']);
  });

  it('scales proportionally when replicas change mid-rollout', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 10, 'nginx:A')));
    const t = settle(world, 0);
    // B's pods never become ready (an image that does not start).
    world.at(t + 1000, () => setImage(world, 'web', 'nginx:B'));
    const [a, b] = replicaSetsOf(world, deployment(world, 'web'));
    expect([a!.spec.replicas, b!.spec.replicas]).toEqual([8, 5]);
    world.at(t + 2000, () => scaleWorkload(world.api, 'deployment', 'default', 'web', 20));
    const [a2, b2] = replicaSetsOf(world, deployment(world, 'web'));
    // 13 pods sized for max 13 → max 25: A 8 → 15, B 5 → 10.
    expect([a2!.spec.replicas, b2!.spec.replicas]).toEqual([15, 10]);
    expect(a2!.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '20', 'deployment.kubernetes.io/max-replicas': '25' });
    expect(scalingEvents(world).slice(-2)).toEqual([`Scaled up replica set ${a!.metadata.name} from 8 to 15`, `Scaled up replica set ${b!.metadata.name} from 5 to 10`]);
  });

  it('Recreate scales the old pods away and creates the new ReplicaSet only once they are gone', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 3, 'nginx:A', { strategy: { type: 'Recreate' } })));
    const t = settle(world, 0);
    world.at(t + 1000, () => setImage(world, 'web', 'nginx:B'));
    expect(replicaSetsOf(world, deployment(world, 'web'))).toHaveLength(1);
    expect(allPods(world).filter((p) => p.metadata.deletionTimestamp)).toHaveLength(3);
    // One old pod lingers: still no new ReplicaSet.
    world.at(t + 2000, () => {
      const [first, second] = allPods(world);
      for (const pod of [first!, second!]) world.api.delete('Pod', pod.metadata.name, 'default', { gracePeriodSeconds: 0 });
    });
    expect(replicaSetsOf(world, deployment(world, 'web'))).toHaveLength(1);
    settle(world, t + 2000);
    expect(images(world)).toEqual(['nginx:B', 'nginx:B', 'nginx:B']);
  });

  it('reports ProgressDeadlineExceeded when the new pods make no progress within the deadline', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 1, 'nginx:A', { progressDeadlineSeconds: 30 })));
    // The last progress was at t=0 (pods created); the controller looks again at deadline + 1 s.
    world.runUntil(30_999);
    expect(deployment(world, 'web').status.conditions!.find((c) => c.type === 'Progressing')!.reason).toBe('ReplicaSetUpdated');
    world.runUntil(31_000);
    const [rs] = replicaSetsOf(world, deployment(world, 'web'));
    expect(deployment(world, 'web').status.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rs!.metadata.name}" has timed out progressing.`,
    });
    expect(deployment(world, 'web').status.conditions!.find((c) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });

  it('re-syncs a complete rollout that lost a ready pod at the rate limiter pace (burst 100, then 10 qps)', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 2, 'nginx:A', { progressDeadlineSeconds: 30 })));
    const t = settle(world, 0) + 60_000;
    world.runUntil(t);
    expect(deployment(world, 'web').status.conditions!.find((c) => c.type === 'Progressing')!.reason).toBe('NewReplicaSetAvailable');
    const controller = world.components[2] as DeploymentController;
    const syncedAt: number[] = [];
    const sync = controller.sync.bind(controller);
    controller.sync = () => {
      const worked = sync();
      if (worked) syncedAt.push(world.clock.nowMs);
      return worked;
    };
    // One pod turns NotReady: not complete, and NewReplicaSetAvailable never times out, so
    // requeueStuckDeployment finds the deadline long past and re-queues through the limiter.
    world.at(t, () => runPod(world, allPods(world)[0]!, 'node-1', false));
    world.runUntil(t + 20_000);
    const inWindow = syncedAt.filter((at) => at > t + 10_000 && at <= t + 20_000);
    expect(inWindow.length).toBeGreaterThanOrEqual(99);
    expect(inWindow.length).toBeLessThanOrEqual(101);
    expect(deployment(world, 'web').status.conditions!.find((c) => c.type === 'Progressing')!.reason).toBe('NewReplicaSetAvailable');
  });

  it('deleting the Deployment cascades to its ReplicaSets and pods (garbage collector)', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 3, 'nginx:A')));
    const t = settle(world, 0);
    world.at(t + 1000, () => world.api.delete('Deployment', 'web', 'default'));
    expect([...world.api.list('ReplicaSet')]).toEqual([]);
    expect(allPods(world)).toHaveLength(3);
    expect(allPods(world).every((p: Pod) => p.metadata.deletionTimestamp && !isPodActive(p))).toBe(true);
    settle(world, t + 1000);
    expect(allPods(world)).toEqual([]);
  });

  it('restores mid-rollout from a snapshot and finishes the same way', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 4, 'nginx:A', { progressDeadlineSeconds: 60 })));
    const t = settle(world, 0);
    world.at(t + 1000, () => setImage(world, 'web', 'nginx:B'));
    const states = world.components.map((c) => JSON.parse(JSON.stringify(c.snapshot?.() ?? null)));
    const restored = new TestWorld({}, world.snapshot());
    restored.components = [
      new GarbageCollector(restored.ctx, states[0]),
      new ReplicaSetController(restored.ctx, states[1]),
      new DeploymentController(restored.ctx, states[2]),
    ];
    settle(world, t + 1000);
    settle(restored, t + 1000);
    expect(restored.api.snapshot().objects).toEqual(world.api.snapshot().objects);
  });
});

describe('scaleWorkload (kubectl scale)', () => {
  it('sets spec.replicas and bumps the generation; kubectl errors otherwise', () => {
    const world = appsWorld();
    world.at(0, () => world.api.create(deploymentManifest('web', 1, 'nginx:A')));
    expect(scaleWorkload(world.api, 'deploy', 'default', 'web', 3)).toBe('deployment.apps/web scaled');
    expect(deployment(world, 'web').spec.replicas).toBe(3);
    expect(deployment(world, 'web').metadata.generation).toBe(2);
    expect(() => scaleWorkload(world.api, 'Deployment', 'default', 'web', -1)).toThrow(
      'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    );
    expect(() => scaleWorkload(world.api, 'Deployment', 'default', 'nope', 1)).toThrow('deployments.apps "nope" not found');
    expect(() => scaleWorkload(world.api, 'Pod', 'default', 'x', 1)).toThrow('the server could not find the requested resource');
    expect(() => scaleWorkload(world.api, 'widget', 'default', 'x', 1)).toThrow(`the server doesn't have a resource type "widget"`);
  });
});
