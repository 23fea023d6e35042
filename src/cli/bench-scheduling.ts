/**
 * Scheduler throughput benchmark (the target: ≥ 2,000 pods/s bound at
 * 5,000 nodes). Builds a cluster directly in a bare API server — nodes in 3
 * zones, optionally pre-loaded with bound pods — then creates `pods` pending
 * pods owned by ReplicaSets of 100 (so system-default topology spreading
 * applies) and times the scheduler until it is idle. Prints nothing.
 */
import '../sim/apiserver/workload-kinds';
import { ApiServer } from '../sim/apiserver/apiserver';
import type { ComponentContext } from '../sim/component';
import { resolveSettings } from '../sim/config';
import { RandomStreams } from '../sim/core/rng';
import { TimerQueue } from '../sim/core/timers';
import { Network } from '../sim/network/network';
import type { KubeObject, Node, Pod } from '../sim/api/types';
import { Scheduler } from '../sim/scheduler/scheduler';

export interface SchedulingBenchResult {
  nodes: number;
  pods: number;
  /** Pods bound to nodes before the measured run. */
  preloadedPods: number;
  bound: number;
  unschedulable: number;
  wallMs: number;
  podsPerSecond: number;
}

export interface SchedulingBenchOptions {
  /** Bound pods per node created before the run (default 0). */
  preloadedPodsPerNode?: number;
  /** Wall clock in ms; defaults to performance.now. */
  wallClockMs?: () => number;
}

const REPLICAS_PER_OWNER = 100;

export function benchScheduling(nodes: number, pods: number, options: SchedulingBenchOptions = {}): SchedulingBenchResult {
  const wallClockMs = options.wallClockMs ?? (() => performance.now());
  const ctx = benchContext();
  const { api } = ctx;
  for (let i = 0; i < nodes; i++) createNode(api, i);
  const preloaded = options.preloadedPodsPerNode ?? 0;
  for (let i = 0; i < nodes; i++) {
    for (let j = 0; j < preloaded; j++) createPod(api, `pre-${i}-${j}`, { app: `pre-${j % 10}` }, undefined, `node-${i}`);
  }
  const scheduler = new Scheduler(ctx);
  let owner: KubeObject | undefined;
  for (let i = 0; i < pods; i++) {
    if (i % REPLICAS_PER_OWNER === 0) owner = createReplicaSet(api, `rs-${i / REPLICAS_PER_OWNER}`);
    createPod(api, `pod-${i}`, { app: owner!.metadata.name }, owner);
  }
  const start = wallClockMs();
  while (scheduler.sync()) {
    // Each call runs up to 10,000 scheduling cycles.
  }
  const wallMs = wallClockMs() - start;
  let bound = 0;
  for (const pod of api.list<Pod>('Pod')) if (pod.spec.nodeName && pod.metadata.name.startsWith('pod-')) bound++;
  return {
    nodes,
    pods,
    preloadedPods: nodes * preloaded,
    bound,
    unschedulable: pods - bound,
    wallMs,
    podsPerSecond: wallMs > 0 ? (bound / wallMs) * 1000 : 0,
  };
}

function benchContext(): ComponentContext {
  const clock = { nowMs: 0 };
  const settings = resolveSettings();
  const streams = new RandomStreams(1);
  const rngStream = (label: string) => streams.stream(label);
  const api = new ApiServer(clock, settings, rngStream);
  return { clock, api, timers: new TimerQueue(), network: new Network(), settings, rngStream, viewChanged: () => {} };
}

function createNode(api: ApiServer, i: number): void {
  const name = `node-${i}`;
  const zone = `zone-${'abc'[i % 3]}`;
  const allocatable = { cpu: '16', memory: '64Gi', pods: '110' };
  api.create<Node>({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
    spec: {},
    status: { capacity: allocatable, allocatable },
  });
}

function createReplicaSet(api: ApiServer, name: string): KubeObject {
  const labels = { app: name };
  return api.create<KubeObject>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas: REPLICAS_PER_OWNER, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } },
  });
}

function createPod(api: ApiServer, name: string, labels: Record<string, string>, owner?: KubeObject, nodeName?: string): void {
  api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels,
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner.metadata.name, uid: owner.metadata.uid, controller: true }] } : {}),
    },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
    },
  });
}
