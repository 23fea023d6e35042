/**
 * Swarm testing (as tigerbeetle's VOPR does): many seeds, each a random
 * cluster with a random fault schedule (machines, network, conditions,
 * taints, and containers that crash, hang or turn unready); invariants checked after every
 * instant; then every fault is healed and the cluster must converge.
 * A failure names the seed that reproduces it.
 */
import { describe, expect, it } from 'vitest';
import type { NodeConfig, SimAction } from './actions';
import { getNodeCondition, isPodTerminal } from './api/conditions';
import type { KubeObject, Node, Pod } from './api/types';
import { Rng } from './core/rng';
import { watchInvariants } from './invariants';
import { BEHAVIOUR_ANNOTATION } from './kubelet/container-behaviour';
import { Simulation } from './simulation';

/**
 * Each run explores a fresh slice: SWARM_SEEDS seeds after SWARM_SEED_BASE
 * (random when unset, and printed so the run can be repeated), plus every
 * seed that ever failed, pinned below. `npm run swarm -- --seeds 1000`.
 */
const SEEDS = wholeNumber('SWARM_SEEDS', 40);
const BASE = wholeNumber('SWARM_SEED_BASE', Math.floor(Math.random() * 1_000_000_000));
/**
 * Regression seeds, run every time: a stable baseline (1…5) and every seed
 * that ever failed, with a word on what it found. When a run finds a failing
 * seed, add it here.
 */
const PINNED_SEEDS: readonly number[] = [
  1, 2, 3, 4, 5,
  // start-node during a graceful shutdown was ignored: the machine powered off and stayed off.
  100453, 100684, 100855,
];
/** One seed simulates 35 minutes of a small cluster: under a second idle, more on a busy machine. */
const SEED_TIMEOUT_MS = 60_000;

function wholeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

const SLICE = Array.from({ length: SEEDS }, (_, i) => BASE + i + 1);
const ALL_SEEDS = [...new Set([...PINNED_SEEDS, ...SLICE])];
console.log(`swarm: ${SLICE.length} seeds ${BASE + 1}…${BASE + SEEDS} and ${PINNED_SEEDS.length} pinned; repeat with SWARM_SEED_BASE=${BASE} SWARM_SEEDS=${SEEDS}`);
const FAULT_WINDOW_MS = 20 * 60_000;
const SETTLE_MS = 15 * 60_000;

function randomCluster(rng: Rng): NodeConfig[] {
  const zones = 1 + rng.int(3);
  const nodes: NodeConfig[] = [];
  for (let z = 0; z < zones; z++) {
    const count = 1 + rng.int(4);
    for (let i = 1; i <= count; i++) {
      nodes.push({
        name: `zone-${z}-${i}`,
        zone: `zone-${z}`,
        kubelet: rng.int(3) === 0 ? { shutdownGracePeriodMs: 30_000, shutdownGracePeriodCriticalPodsMs: 10_000 } : {},
      });
    }
  }
  return nodes;
}

const template = (app: string) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
});

/** A Deployment and a DaemonSet: what the controllers must bring back after healing. */
function workloads(nodes: NodeConfig[]): SimAction[] {
  return [
    {
      do: 'apply',
      object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: nodes.length + 1, selector: { matchLabels: { app: 'web' } }, template: template('web') } },
    },
    {
      do: 'apply',
      object: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent') } },
    },
  ];
}

const probe = { httpGet: { path: '/healthz', port: 8080 } };
/** Containers that crash, hang (and are killed by their liveness probe) or are unready for a while. */
const BEHAVIOURS: { annotation?: string; probes?: Record<string, unknown>; loops?: boolean }[] = [
  {},
  { annotation: 'crash after 45s', loops: true },
  { annotation: 'hang after 1m', probes: { livenessProbe: probe }, loops: true },
  { annotation: 'start 5s; unready after 30s for 2m', probes: { readinessProbe: probe } },
];

function randomPods(rng: Rng, nodes: NodeConfig[]): SimAction[] {
  return Array.from({ length: nodes.length * 2 }, (_, i) => {
    const node = nodes[rng.int(nodes.length)]!.name;
    const tolerations = [
      [],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
      [{ operator: 'Exists' }],
    ][rng.int(3)];
    const behaviour = BEHAVIOURS[rng.int(BEHAVIOURS.length)]!;
    return {
      do: 'apply' as const,
      object: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `pod-${i}`,
          labels: { app: 'swarm', ...(behaviour.loops ? { loops: 'true' } : {}) },
          ...(behaviour.annotation ? { annotations: { [BEHAVIOUR_ANNOTATION]: behaviour.annotation } } : {}),
        },
        spec: { nodeName: node, tolerations, containers: [{ name: 'c', image: 'nginx', ...behaviour.probes }] },
      },
    };
  });
}

function randomFault(rng: Rng, nodes: NodeConfig[]): SimAction {
  const node = nodes[rng.int(nodes.length)]!;
  const zone = node.zone!;
  const options: SimAction[] = [
    { do: 'kill-node', node: node.name },
    { do: 'start-node', node: node.name },
    { do: 'shutdown-node', node: node.name },
    { do: 'partition-node', node: node.name },
    { do: 'heal-node', node: node.name },
    { do: 'partition-zone', zone },
    { do: 'heal-zone', zone },
    { do: 'set-condition', node: node.name, type: 'Ready', status: 'False', reason: 'KubeletNotReady' },
    { do: 'set-condition', node: node.name, type: 'Ready', status: 'True' },
    { do: 'set-condition', node: node.name, type: 'MemoryPressure', status: rng.int(2) ? 'True' : 'False' },
    { do: 'cordon', node: node.name },
    { do: 'uncordon', node: node.name },
    { do: 'taint', node: node.name, taint: { key: 'example.com/maintenance', effect: 'NoExecute' } },
    { do: 'untaint', node: node.name, taint: { key: 'example.com/maintenance', effect: 'NoExecute' } },
  ];
  return options[rng.int(options.length)]!;
}

/**
 * A container fault on one of the swarm's pods. A hang lasts until the
 * container restarts only where a liveness probe will restart it, an
 * unready container never restarts, so those have an end: after healing
 * every fault is over and the pods must be Ready again.
 */
function randomContainerFault(rng: Rng, pods: readonly SimAction[]): SimAction {
  const i = rng.int(pods.length);
  const pod = pods[i] as Extract<SimAction, { do: 'apply' }>;
  const hasLiveness = (pod.object.spec as { containers: { livenessProbe?: unknown }[] }).containers[0]!.livenessProbe !== undefined;
  const fault = (['crash', 'hang', 'unready'] as const)[rng.int(3)]!;
  const timed = fault === 'unready' || (fault === 'hang' && !hasLiveness) || rng.int(2) === 0;
  const forMs = 30_000 + rng.int(270_000);
  return { do: 'container-fault', pod: `pod-${i}`, container: 'c', fault, ...(timed ? { forMs } : {}) };
}

function healEverything(sim: Simulation, nodes: NodeConfig[]): void {
  const zones = [...new Set(nodes.map((n) => n.zone!))];
  for (const zone of zones) sim.act({ do: 'heal-zone', zone });
  for (const { name } of nodes) {
    sim.act({ do: 'start-node', node: name });
    sim.act({ do: 'heal-node', node: name });
    sim.act({ do: 'set-condition', node: name, type: 'Ready', status: 'True' });
    sim.act({ do: 'set-condition', node: name, type: 'MemoryPressure', status: 'False' });
    sim.act({ do: 'uncordon', node: name });
    const node = sim.api.get<Node>('Node', name);
    if (node?.spec.taints?.some((t) => t.key === 'example.com/maintenance')) {
      sim.act({ do: 'untaint', node: name, taint: { key: 'example.com/maintenance', effect: 'NoExecute' } });
    }
  }
}

function convergenceProblems(sim: Simulation): string[] {
  const problems: string[] = [];
  for (const node of sim.api.list<Node>('Node')) {
    const ready = getNodeCondition(node, 'Ready')?.status;
    if (ready !== 'True') problems.push(`Node/${node.metadata.name} Ready=${ready}`);
    if (node.spec.taints?.length) problems.push(`Node/${node.metadata.name} still tainted ${node.spec.taints.map((t) => t.key)}`);
  }
  for (const zone of sim.nodeLifecycle.zoneStates()) {
    if (zone.state !== 'Normal') problems.push(`zone ${zone.zone} is ${zone.state}`);
  }
  const web = sim.api.get<KubeObject & { spec: { replicas: number }; status?: { readyReplicas?: number } }>('Deployment', 'web', 'default');
  if (web && web.status?.readyReplicas !== web.spec.replicas) problems.push(`Deployment web has ${web.status?.readyReplicas} of ${web.spec.replicas} ready`);
  const agent = sim.api.get<KubeObject & { status?: { numberReady?: number; desiredNumberScheduled?: number } }>('DaemonSet', 'agent', 'default');
  const nodeCount = sim.api.count('Node');
  if (agent && (agent.status?.numberReady !== nodeCount || agent.status?.desiredNumberScheduled !== nodeCount)) {
    problems.push(`DaemonSet agent has ${agent.status?.numberReady} ready of ${agent.status?.desiredNumberScheduled} desired on ${nodeCount} nodes`);
  }
  for (const pod of sim.api.list<Pod>('Pod')) {
    const name = `Pod/${pod.metadata.name}`;
    if (pod.metadata.deletionTimestamp) problems.push(`${name} still terminating`);
    else if (pod.metadata.labels?.loops) problems.push(...crashLoopProblems(pod));
    else if (!isPodTerminal(pod) && !(pod.status.phase === 'Running' && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))) {
      problems.push(`${name} is ${pod.status.phase}, not Running and Ready`);
    }
  }
  return problems;
}

/** A container that keeps crashing (or being killed) is restarted for ever: Running, restarted, running or backing off. */
function crashLoopProblems(pod: Pod): string[] {
  if (isPodTerminal(pod)) return [];
  const c = pod.status.containerStatuses?.[0];
  const state = c?.state?.running ? 'running' : c?.state?.waiting?.reason;
  if (pod.status.phase === 'Running' && (c?.restartCount ?? 0) >= 1 && (state === 'running' || state === 'CrashLoopBackOff')) return [];
  return [`Pod/${pod.metadata.name} (crash-looping) is ${pod.status.phase}, restartCount ${c?.restartCount}, ${state}`];
}

describe('swarm: random faults keep the invariants, and healing converges', () => {
  it.each(ALL_SEEDS)('seed %i', (seed) => {
    const rng = Rng.fromSeed(seed).fork('swarm');
    const nodes = randomCluster(rng);
    const sim = new Simulation({ seed, nodes, freezeObjects: true });
    const invariants = watchInvariants(sim);
    const violations: string[] = [];
    sim.onInstant((nowMs) => {
      for (const v of invariants.check()) violations.push(`t=${nowMs}ms ${v}`);
    });
    const pods = randomPods(rng, nodes);
    for (const action of [...workloads(nodes), ...pods]) sim.schedule(0, action);
    for (let i = 0; i < 12; i++) sim.schedule(1 + rng.int(FAULT_WINDOW_MS), randomFault(rng, nodes));
    // Container faults draw from their own stream, so the node faults of a pinned seed stay the ones it found.
    const containerRng = Rng.fromSeed(seed).fork('swarm-containers');
    for (let i = 0; i < 6; i++) sim.schedule(1 + containerRng.int(FAULT_WINDOW_MS), randomContainerFault(containerRng, pods));

    sim.runUntil(FAULT_WINDOW_MS);
    healEverything(sim, nodes);
    sim.runUntil(FAULT_WINDOW_MS + SETTLE_MS);

    const reproduce = `reproduce with SWARM_SEED_BASE=${seed - 1} SWARM_SEEDS=1 npx vitest run src/sim/swarm.test.ts`;
    expect(violations, `seed ${seed}: invariant violations; ${reproduce}`).toEqual([]);
    expect(convergenceProblems(sim), `seed ${seed}: did not converge after healing; ${reproduce}`).toEqual([]);
  }, SEED_TIMEOUT_MS);
});
