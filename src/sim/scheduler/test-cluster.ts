/**
 * Test fixtures for the scheduler: a TestWorld (real API server and timer
 * queue) with the scheduler as its only component, and builders for nodes
 * with capacity and for pods with requests, priorities and constraints.
 */
import '../apiserver/workload-kinds';
import type { Affinity, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { KubeObject, Node, OwnerReference, Pod, Taint, Toleration } from '../api/types';
import { TestWorld } from '../controllers/test-world';
import { Rng } from '../core/rng';
import { Scheduler } from './scheduler';

export interface TestCluster {
  world: TestWorld;
  scheduler: Scheduler;
}

export function testCluster(seed = 1): TestCluster {
  const world = new TestWorld();
  // The scheduler's one stream, seeded directly, so a test picks its tie-breaks by seed.
  const rng = Rng.fromSeed(seed);
  const scheduler = new Scheduler({ ...world.ctx, rngStream: () => rng });
  world.components = [scheduler];
  return { world, scheduler };
}

export interface NodeSpec {
  cpu?: string;
  memory?: string;
  pods?: number;
  zone?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
}

export function addNode(world: TestWorld, name: string, spec: NodeSpec = {}): Node {
  const allocatable = { cpu: spec.cpu ?? '4', memory: spec.memory ?? '16Gi', pods: String(spec.pods ?? 110) };
  return world.api.create<Node>({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        ...(spec.zone ? { 'topology.kubernetes.io/zone': spec.zone } : {}),
        ...spec.labels,
      },
    },
    spec: { ...(spec.taints ? { taints: spec.taints } : {}), ...(spec.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: allocatable, allocatable },
  });
}

export interface PodSpecOptions {
  cpu?: string;
  memory?: string;
  nodeName?: string;
  labels?: Record<string, string>;
  priorityClassName?: string;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  topologySpreadConstraints?: TopologySpreadConstraint[];
  hostPort?: number;
  owner?: KubeObject;
  preemptionPolicy?: 'Never' | 'PreemptLowerPriority';
}

export function addPod(world: TestWorld, name: string, o: PodSpecOptions = {}): Pod {
  const requests = { ...(o.cpu ? { cpu: o.cpu } : {}), ...(o.memory ? { memory: o.memory } : {}) };
  const owner: OwnerReference | undefined = o.owner && {
    apiVersion: o.owner.apiVersion,
    kind: o.owner.kind,
    name: o.owner.metadata.name,
    uid: o.owner.metadata.uid,
    controller: true,
  };
  return world.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(o.labels ? { labels: o.labels } : {}), ...(owner ? { ownerReferences: [owner] } : {}) },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          ...(Object.keys(requests).length ? { resources: { requests } } : {}),
          ...(o.hostPort ? { ports: [{ containerPort: 8080, hostPort: o.hostPort }] } : {}),
        },
      ],
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.priorityClassName ? { priorityClassName: o.priorityClassName } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.topologySpreadConstraints ? { topologySpreadConstraints: o.topologySpreadConstraints } : {}),
      ...(o.preemptionPolicy ? { preemptionPolicy: o.preemptionPolicy } : {}),
    },
  });
}

export function addReplicaSet(world: TestWorld, name: string, labels: Record<string, string>): KubeObject {
  return world.api.create<KubeObject>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: 0,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
    },
  });
}

export function addPriorityClass(world: TestWorld, name: string, value: number): void {
  world.api.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value });
}

export function nodeOf(world: TestWorld, pod: string): string | undefined {
  return world.pod(pod)?.spec.nodeName;
}
