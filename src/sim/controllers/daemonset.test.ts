import { describe, expect, it } from 'vitest';
import '../apiserver/workload-kinds';
import type { NodeConfig } from '../actions';
import { isPodReady } from '../api/conditions';
import type { Manifest, Node, Pod } from '../api/types';
import { ClusterTestWorld } from './cluster-test-world';
import { DaemonSetsController, type DaemonSet } from './daemonset';
import { CONTROLLER_REVISION_HASH_LABEL, nodeShouldRunDaemonPod } from './daemonset-util';

const nodes = (n: number): NodeConfig[] => Array.from({ length: n }, (_, i) => ({ name: `node-${i + 1}`, zone: 'a' }));

function daemonSet(spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}, name = 'agent'): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }], ...podSpec } },
      ...spec,
    },
  };
}

function setup(n = 3) {
  let controller!: DaemonSetsController;
  const world = new ClusterTestWorld(nodes(n), (w) => [(controller = new DaemonSetsController(w.ctx))]);
  return { world, controller: () => controller };
}

const ds = (world: ClusterTestWorld) => world.api.get<DaemonSet>('DaemonSet', 'agent', 'default')!;
const daemonPods = (world: ClusterTestWorld) => world.podsOf('agent-');
const podsOnNode = (world: ClusterTestWorld, node: string) => daemonPods(world).filter((p) => p.spec.nodeName === node);

describe('DaemonSet controller', () => {
  it('runs one bound daemon pod per node, with the daemon tolerations, and reports status', () => {
    const { world } = setup(3);
    world.at(1_000, () => world.api.create(daemonSet()));
    const pods = daemonPods(world);
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    const pod = pods.find((p) => p.spec.nodeName === 'node-2')!;
    expect(pod.metadata.generateName).toBe('agent-');
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ds(world).metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }],
    });
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(world.events('SuccessfulCreate')).toHaveLength(3);
    expect(world.events('SuccessfulCreate')[0]).toMatch(/^Created pod: agent-[a-z0-9]{5}$/);
    world.runUntil(3_000);
    expect(ds(world).status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      numberAvailable: 3,
      updatedNumberScheduled: 3,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
  });

  it('honours the template nodeSelector and gives a node added later its pod', () => {
    const { world } = setup(0);
    world.at(0, () => {
      world.kubelets.register({ name: 'gpu-1', labels: { gpu: 'yes' } });
      world.kubelets.register({ name: 'cpu-1' });
    });
    world.at(1_000, () => world.api.create(daemonSet({}, { nodeSelector: { gpu: 'yes' } })));
    expect(daemonPods(world).map((p) => p.spec.nodeName)).toEqual(['gpu-1']);
    world.at(60_000, () => world.kubelets.register({ name: 'gpu-2', labels: { gpu: 'yes' } }));
    expect(daemonPods(world).map((p) => p.spec.nodeName).sort()).toEqual(['gpu-1', 'gpu-2']);
    // Relabelling a node out of the selector removes its pod.
    world.at(70_000, () => world.api.update<Node>('Node', 'gpu-1', undefined, (n) => void (n.metadata.labels = { ...n.metadata.labels, gpu: 'no' })));
    expect(podsOnNode(world, 'gpu-1')[0]?.metadata.deletionTimestamp).toBeDefined();
  });

  it('keeps the daemon pod of an unreachable node forever and creates none there (§1.1, §8 item 14)', () => {
    const { world } = setup(3);
    world.at(1_000, () => {
      world.api.create(daemonSet());
      // An ordinary pod on the same node, for contrast: it is evicted after 300 s.
      world.addPod('web', 'node-3');
    });
    world.runUntil(5_000);
    const daemonPod = podsOnNode(world, 'node-3')[0]!;
    world.at(10_000, () => world.kubelets.kill('node-3'));
    world.runUntil(2 * 3_600_000);
    const node = world.api.get<Node>('Node', 'node-3')!;
    expect(node.spec.taints?.map((t) => `${t.key}:${t.effect}`).sort()).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    expect(nodeShouldRunDaemonPod(node, ds(world))).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(world.pod('web')!.metadata.deletionTimestamp).toBeDefined();
    expect(podsOnNode(world, 'node-3')).toHaveLength(1);
    const kept = podsOnNode(world, 'node-3')[0]!;
    expect(kept.metadata.uid).toBe(daemonPod.metadata.uid);
    expect(kept.metadata.deletionTimestamp).toBeUndefined();
    expect(isPodReady(kept)).toBe(false);
    expect(daemonPods(world)).toHaveLength(3);
    expect(ds(world).status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 1, numberReady: 2 });
    // A DaemonSet created now does not place a pod on the unreachable node.
    world.at(2 * 3_600_000 + 1_000, () => world.api.create(daemonSet({}, {}, 'logs')));
    expect(world.podsOf('logs-').map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2']);
  });

  it('creates no daemon pod on a node with an untolerated NoSchedule taint but keeps an existing one; cordoned nodes still get one', () => {
    const { world } = setup(2);
    const maintenance = { key: 'example.com/maintenance', effect: 'NoSchedule' };
    world.at(0, () => {
      world.kubelets.register({ name: 'tainted', taints: [maintenance] });
      world.kubelets.register({ name: 'cordoned', unschedulable: true });
    });
    world.at(1_000, () => world.api.create(daemonSet()));
    expect(podsOnNode(world, 'tainted')).toHaveLength(0);
    expect(podsOnNode(world, 'cordoned')).toHaveLength(1);
    world.at(2_000, () => world.setTaints('node-1', [maintenance]));
    world.runUntil(600_000);
    expect(podsOnNode(world, 'node-1')).toHaveLength(1);
    expect(podsOnNode(world, 'node-1')[0]!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('deletes the pod of a node that gets an untolerated NoExecute taint and does not replace it', () => {
    const { world } = setup(2);
    world.at(1_000, () => world.api.create(daemonSet()));
    world.runUntil(5_000);
    world.at(10_000, () => world.setTaints('node-2', [{ key: 'example.com/drain', effect: 'NoExecute' }]));
    expect(podsOnNode(world, 'node-2')[0]!.metadata.deletionTimestamp).toBeDefined();
    world.runUntil(60_000);
    expect(podsOnNode(world, 'node-2')).toHaveLength(0);
    expect(ds(world).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 0 });
  });

  it('deletes a Failed daemon pod and recreates it, backing off per node (1 s, 2 s, …)', () => {
    const { world, controller } = setup(1);
    world.at(1_000, () => world.api.create(daemonSet()));
    const fail = () => {
      const pod = podsOnNode(world, 'node-1').find((p) => !p.metadata.deletionTimestamp)!;
      world.api.update<Pod>('Pod', pod.metadata.name, 'default', (d) => void (d.status.phase = 'Failed'));
      return pod.metadata.uid;
    };
    let failedUid = '';
    world.at(5_000, () => (failedUid = fail()));
    const [replacement] = podsOnNode(world, 'node-1');
    expect(replacement!.metadata.uid).not.toBe(failedUid);
    expect(world.events('FailedDaemonPod')).toEqual([`Found failed daemon pod default/${world.events('SuccessfulDelete')[0]!.slice('Deleted pod: '.length)} on node node-1, will try to kill it`]);
    expect(controller().failedPodBackoff(ds(world), 'node-1')).toEqual({ backoffMs: 1_000, lastUpdateMs: 5_000 });
    // A second failure 500 ms later is in backoff: upstream requeues after the whole
    // backoff (1 s, so at 6.5 s), deletes then, and doubles the next backoff.
    world.at(5_500, () => fail());
    expect(podsOnNode(world, 'node-1')[0]!.status.phase).toBe('Failed');
    world.runUntil(6_499);
    expect(podsOnNode(world, 'node-1')[0]!.status.phase).toBe('Failed');
    world.runUntil(6_500);
    expect(podsOnNode(world, 'node-1')[0]!.status.phase).toBe('Pending');
    expect(controller().failedPodBackoff(ds(world), 'node-1')).toEqual({ backoffMs: 2_000, lastUpdateMs: 6_500 });
    expect(world.events('FailedDaemonPod')).toHaveLength(2);
  });

  it('deletes a second daemon pod on a node, keeping the oldest', () => {
    const { world } = setup(1);
    world.at(1_000, () => world.api.create(daemonSet()));
    const original = podsOnNode(world, 'node-1')[0]!;
    world.at(5_000, () =>
      world.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'agent-extra', namespace: 'default', labels: { app: 'agent' }, ownerReferences: original.metadata.ownerReferences },
        spec: { nodeName: 'node-1', containers: [{ name: 'agent', image: 'agent:1' }] },
      }),
    );
    expect(world.pod('agent-extra')!.metadata.deletionTimestamp).toBeDefined();
    expect(world.pod(original.metadata.name)!.metadata.deletionTimestamp).toBeUndefined();
    expect(world.events('SuccessfulDelete')).toEqual(['Deleted pod: agent-extra']);
  });

  it('rolls a template change node by node, at most maxUnavailable (1) at a time', () => {
    const { world } = setup(3);
    world.at(1_000, () => world.api.create(daemonSet()));
    world.runUntil(5_000);
    const oldHash = daemonPods(world)[0]!.metadata.labels![CONTROLLER_REVISION_HASH_LABEL];
    let maxUnavailable = 0;
    world.api.watch('Pod', () => {
      const available = daemonPods(world).filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
      maxUnavailable = Math.max(maxUnavailable, 3 - available);
    });
    world.at(10_000, () => {
      const manifest = daemonSet();
      (manifest.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = 'agent:2';
      world.api.apply(manifest);
    });
    const deletedFirst = daemonPods(world).filter((p) => p.metadata.deletionTimestamp).map((p) => p.spec.nodeName);
    expect(deletedFirst).toEqual(['node-1']);
    world.runUntil(300_000);
    const pods = daemonPods(world);
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.metadata.labels![CONTROLLER_REVISION_HASH_LABEL] !== oldHash)).toBe(true);
    expect(pods.every((p) => p.spec.containers[0]!.image === 'agent:2')).toBe(true);
    expect(maxUnavailable).toBe(1);
    expect(ds(world).status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: ds(world).metadata.generation });
  });

  it('snapshots plain data and carries on after a restore', () => {
    const { world, controller } = setup(1);
    world.at(1_000, () => world.api.create(daemonSet()));
    world.at(5_000, () => {
      const pod = podsOnNode(world, 'node-1')[0]!;
      world.api.update<Pod>('Pod', pod.metadata.name, 'default', (d) => void (d.status.phase = 'Failed'));
    });
    const state = controller().snapshot();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const restored = new DaemonSetsController(world.ctx, JSON.parse(JSON.stringify(state)));
    expect(restored.failedPodBackoff(ds(world), 'node-1')).toEqual({ backoffMs: 1_000, lastUpdateMs: 5_000 });
  });
});
