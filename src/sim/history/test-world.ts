/**
 * Test helpers: a default-like cluster (zones of nodes running a Deployment,
 * a StatefulSet and a DaemonSet) with lease jitter on, a random schedule of
 * user faults, and "the straight run": the world at t computed without the
 * time machine, by the rule History documents (an input at atMs is scheduled
 * once every instant ≤ atMs − 1 has run).
 */
import type { NodeConfig, SimAction } from '../actions';
import type { Manifest } from '../api/types';
import { Rng } from '../core/rng';
import { Simulation } from '../simulation';
import type { RecordedInput } from './history';

export interface TestWorld {
  seed: number;
  nodes: NodeConfig[];
  leaseJitter: number;
}

export function randomWorld(seed: number): TestWorld {
  const rng = Rng.fromSeed(seed).fork('history-test');
  const zones = 2 + rng.int(2);
  const nodes: NodeConfig[] = [];
  for (let z = 0; z < zones; z++) {
    const perZone = 1 + rng.int(3);
    for (let i = 1; i <= perZone; i++) nodes.push({ name: `zone-${'abc'[z]}-${i}`, zone: `zone-${'abc'[z]}`, region: 'region-1' });
  }
  return { seed, nodes, leaseJitter: 0.02 + rng.int(20) / 100 };
}

const template = (app: string, extra: Record<string, unknown> = {}) => ({
  metadata: { labels: { app } },
  spec: { ...extra, containers: [{ name: app, image: 'nginx', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
});

export function workloads(): Manifest[] {
  return [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: template('web') } },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template('db') },
    },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent') } },
  ];
}

/** The world booted: nodes registered, workloads applied at t = 0, instant 0 run. */
export function bootWorld(world: TestWorld): Simulation {
  const sim = new Simulation({ seed: world.seed, nodes: world.nodes, settings: { kubelet: { leaseJitter: world.leaseJitter } } });
  for (const object of workloads()) sim.schedule(0, { do: 'apply', object });
  sim.runUntil(0);
  return sim;
}

function randomFault(rng: Rng, world: TestWorld): SimAction {
  const node = world.nodes[rng.int(world.nodes.length)]!;
  const zone = node.zone!;
  const options: SimAction[] = [
    { do: 'kill-node', node: node.name },
    { do: 'start-node', node: node.name },
    { do: 'partition-node', node: node.name },
    { do: 'heal-node', node: node.name },
    { do: 'partition-zone', zone },
    { do: 'heal-zone', zone },
    { do: 'cordon', node: node.name },
    { do: 'uncordon', node: node.name },
    { do: 'drain', node: node.name },
    { do: 'scale', kind: 'Deployment', name: 'web', namespace: 'default', replicas: 1 + rng.int(6) },
    { do: 'scale', kind: 'StatefulSet', name: 'db', namespace: 'default', replicas: 1 + rng.int(3) },
  ];
  return options[rng.int(options.length)]!;
}

/** `count` user faults at distinct random whole milliseconds in (0, windowMs]. */
export function randomInputs(seed: number, world: TestWorld, count: number, windowMs: number): RecordedInput[] {
  const rng = Rng.fromSeed(seed).fork('history-faults');
  const times = new Set<number>();
  while (times.size < count) times.add(1 + rng.int(windowMs));
  return [...times].sort((a, b) => a - b).map((atMs) => ({ atMs, action: randomFault(rng, world) }));
}

/**
 * The straight run: one world, no checkpoints, inputs scheduled by the
 * documented rule; `visit(t, sim)` sees the world at each of `times` (sorted).
 */
export function straightRun(world: TestWorld, inputs: readonly RecordedInput[], times: readonly number[], visit: (atMs: number, sim: Simulation) => void): void {
  const sim = bootWorld(world);
  let next = 0;
  for (const t of [...times].sort((a, b) => a - b)) {
    for (; next < inputs.length && inputs[next]!.atMs <= t; next++) {
      sim.runUntil(inputs[next]!.atMs - 1);
      sim.schedule(inputs[next]!.atMs, inputs[next]!.action);
    }
    sim.runUntil(t);
    visit(t, sim);
  }
}

/** The first path at which two JSON values differ ("" when equal), for a readable failure. */
export function firstDifference(a: unknown, b: unknown, path = 'snapshot'): string {
  if (a === b) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return '';
}
