/**
 * Test fixtures for the disruption controller, the eviction API, drain and
 * the EndpointSlice controller: workload owners without their controllers,
 * pods that are already running, and a stand-in for the kubelets that removes
 * a terminating pod once its grace period is over.
 */
import '../apiserver/workload-kinds';
import type { Component, ComponentContext } from '../component';
import { setPodCondition } from '../api/conditions';
import type { PodDisruptionBudget } from '../api/pdb';
import type { KubeObject, Manifest, Node, OwnerReference, Pod } from '../api/types';
import { fromTimestamp, toTimestamp } from '../core/time';
import { TimerSlots, type Timer } from '../core/timers';
import type { TestWorld } from './test-world';

/** What a healthy kubelet does with a deleted pod: it is gone when the grace period ends. */
export class PodReaper implements Component {
  readonly name = 'pod-reaper';
  private readonly timers: TimerSlots;

  constructor(private readonly ctx: ComponentContext) {
    this.timers = new TimerSlots(ctx.timers, this.name);
    ctx.api.watch<Pod>('Pod', (event) => {
      const pod = event.object;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (event.type === 'DELETED') this.timers.cancel(key);
      else if (pod.metadata.deletionTimestamp && !event.old?.metadata.deletionTimestamp) {
        this.timers.set(key, fromTimestamp(pod.metadata.deletionTimestamp));
      }
    });
  }

  onTimer(timer: Timer): void {
    if (!this.timers.claim(timer)) return;
    const [namespace, name] = timer.key.split('/') as [string, string];
    if (this.ctx.api.get('Pod', name, namespace)) this.ctx.api.delete('Pod', name, namespace, { gracePeriodSeconds: 0 });
  }
}

export function addNode(world: TestWorld, name: string, zone?: string): Node {
  return world.api.create<Node>({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(zone ? { labels: { 'topology.kubernetes.io/zone': zone } } : {}) },
    spec: {},
  });
}

/** An apps/v1 workload object (no controller runs for it in these tests). */
export function addWorkload(
  world: TestWorld,
  kind: string,
  name: string,
  labels: Record<string, string>,
  options: { replicas?: number; owner?: KubeObject } = {},
): KubeObject {
  return world.api.create({
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: 'default', ...(options.owner ? { ownerReferences: [controllerRef(options.owner)] } : {}) },
    spec: {
      ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
    },
  });
}

export function controllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

export interface PodOptions {
  node?: string;
  labels?: Record<string, string>;
  owner?: KubeObject;
  ready?: boolean;
  phase?: string;
  ip?: string | null;
  spec?: Partial<Pod['spec']>;
  annotations?: Record<string, string>;
}

let nextIp = 1;

/** A pod as a kubelet leaves it after starting it: Running, Ready (unless told otherwise), with an IP. */
export function addPod(world: TestWorld, name: string, options: PodOptions = {}): Pod {
  const manifest: Manifest = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: options.labels ?? {},
      ...(options.owner ? { ownerReferences: [controllerRef(options.owner)] } : {}),
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...(options.node ? { nodeName: options.node } : {}), ...options.spec },
  };
  world.api.create<Pod>(manifest);
  const ip = options.ip === undefined ? `10.244.0.${nextIp++}` : options.ip;
  return world.api.update<Pod>('Pod', name, 'default', (draft) => {
    draft.status.phase = options.phase ?? 'Running';
    if (ip !== null) {
      draft.status.podIP = ip;
      draft.status.podIPs = [{ ip }];
    }
    setPodCondition(draft.status, { type: 'Ready', status: options.ready === false ? 'False' : 'True' }, toTimestamp(world.clock.nowMs));
  });
}

export function setReady(world: TestWorld, name: string, ready: boolean): void {
  world.api.update<Pod>('Pod', name, 'default', (draft) => {
    setPodCondition(draft.status, { type: 'Ready', status: ready ? 'True' : 'False' }, toTimestamp(world.clock.nowMs));
  });
}

export function addPdb(world: TestWorld, name: string, spec: PodDisruptionBudget['spec']): PodDisruptionBudget {
  return world.api.create<PodDisruptionBudget>({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec });
}

export function pdb(world: TestWorld, name: string): PodDisruptionBudget {
  return world.api.get<PodDisruptionBudget>('PodDisruptionBudget', name, 'default')!;
}
