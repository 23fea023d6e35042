/**
 * A whole-cluster world for workload controller tests: TestWorld plus the
 * real kubelets, node lifecycle controller, taint eviction, PodGC and
 * garbage collector, in Simulation's order, the controller under test, and
 * a trivial binder standing in for the scheduler (first eligible node in
 * name order, round robin) so the tests do not depend on it.
 */
import type { NodeConfig } from '../actions';
import type { Component } from '../component';
import { tolerates } from '../api/taints';
import type { Node, Pod } from '../api/types';
import { toTimestamp } from '../core/time';
import { Kubelets } from '../kubelet/kubelets';
import { GarbageCollector } from './garbage-collector';
import { NodeLifecycleController } from './node-lifecycle';
import { PodGCController } from './podgc';
import { TaintEvictionController } from './taint-eviction';
import { matchesNodeSelectorAndAffinity } from './daemonset-util';
import { TestWorld } from './test-world';

export class ClusterTestWorld extends TestWorld {
  readonly kubelets: Kubelets;
  readonly nodeLifecycle: NodeLifecycleController;

  constructor(nodes: NodeConfig[], controllers: (world: ClusterTestWorld) => Component[], options: { binder?: boolean } = {}) {
    super();
    this.kubelets = new Kubelets(this.ctx);
    this.nodeLifecycle = new NodeLifecycleController(this.ctx);
    const podGC = new PodGCController(this.ctx);
    this.components = [
      this.kubelets,
      ...this.nodeLifecycle.components,
      new TaintEvictionController(this.ctx),
      podGC,
      new GarbageCollector(this.ctx),
      ...controllers(this),
      ...(options.binder === false ? [] : [new TestBinder(this)]),
    ];
    for (const node of nodes) this.kubelets.register(node);
    this.nodeLifecycle.start();
    podGC.start();
  }

  /** Binds a pod by hand (what the scheduler would do). */
  bind(podName: string, nodeName: string, namespace = 'default'): void {
    this.api.update<Pod>('Pod', podName, namespace, (draft) => {
      draft.spec.nodeName = nodeName;
    });
  }

  podsOf(prefix: string): Pod[] {
    return [...this.api.list<Pod>('Pod')].filter((p) => p.metadata.name.startsWith(prefix)).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  }
}

/** Binds every unbound pod to the next node (by name) whose taints and affinity it accepts. */
class TestBinder implements Component {
  readonly name = 'test-binder';
  private next = 0;
  private dirty = true;

  constructor(private readonly world: ClusterTestWorld) {
    world.api.watch('Pod', () => (this.dirty = true));
    world.api.watch('Node', () => (this.dirty = true));
  }

  sync(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    const nodes = [...this.world.api.list<Node>('Node')].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    let worked = false;
    for (const pod of this.world.api.list<Pod>('Pod')) {
      if (pod.spec.nodeName || pod.metadata.deletionTimestamp) continue;
      const eligible = nodes.filter((n) => fits(pod, n));
      if (eligible.length === 0) continue;
      const node = eligible[this.next++ % eligible.length]!;
      this.world.bind(pod.metadata.name, node.metadata.name, pod.metadata.namespace);
      worked = true;
    }
    return worked;
  }
}

function fits(pod: Pod, node: Node): boolean {
  const hard = (node.spec.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  return hard.every((t) => tolerates(pod.spec.tolerations, t)) && matchesNodeSelectorAndAffinity(pod.spec, node);
}

/**
 * What a kubelet would post, by hand: the pod Running with Ready = `ready`
 * (lastTransitionTime moves only when Ready changes), or a terminal phase.
 */
export function setPodStatus(world: TestWorld, name: string, state: 'ready' | 'not-ready' | 'Succeeded' | 'Failed', namespace = 'default'): void {
  const now = toTimestamp(world.clock.nowMs);
  world.api.update<Pod>('Pod', name, namespace, (draft) => {
    const ready = state === 'ready' ? 'True' : 'False';
    const old = draft.status.conditions?.find((c) => c.type === 'Ready');
    const condition = { type: 'Ready', status: ready, lastTransitionTime: old?.status === ready ? old.lastTransitionTime : now };
    draft.status.phase = state === 'ready' || state === 'not-ready' ? 'Running' : state;
    draft.status.conditions = [...(draft.status.conditions ?? []).filter((c) => c.type !== 'Ready'), condition];
    if (state === 'Succeeded' || state === 'Failed') {
      draft.status.containerStatuses = draft.spec.containers.map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: state === 'Succeeded' ? 0 : 1, finishedAt: now } },
      }));
    }
  });
}
