import { describe, expect, it } from 'vitest';
import type { SimAction } from './actions';
import type { KubeObject, Manifest, Pod } from './api/types';
import { Simulation, type WorldSnapshot } from './simulation';
import { addonManifests } from './addons/manifests';

const nodes = ['a', 'b', 'c'].flatMap((zone) => [1, 2, 3].map((i) => ({ name: `zone-${zone}-${i}`, zone: `zone-${zone}` })));

function scheduleStory(sim: Simulation): void {
  for (let i = 0; i < 12; i++) {
    sim.schedule(0, {
      do: 'apply',
      object: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `web-${i}` },
        spec: { nodeName: nodes[i % nodes.length]!.name, containers: [{ name: 'web', image: 'nginx' }] },
      },
    });
  }
  const story: [number, SimAction][] = [
    [62_000, { do: 'kill-node', node: 'zone-a-1' }],
    [90_000, { do: 'partition-zone', zone: 'zone-b' }],
    [200_000, { do: 'set-condition', node: 'zone-c-1', type: 'Ready', status: 'False' }],
    [500_000, { do: 'heal-zone', zone: 'zone-b' }],
    [600_000, { do: 'start-node', node: 'zone-a-1' }],
  ];
  for (const [at, action] of story) sim.schedule(at, action);
}

/** Every write and every event, serialised: the whole observable history. */
function record(sim: Simulation): string[] {
  const log: string[] = [];
  sim.api.watch('*', (e) => log.push(`${sim.nowMs} ${e.type} ${JSON.stringify(e.object)}`));
  sim.api.onEvent((r) => log.push(`${sim.nowMs} EVENT ${JSON.stringify(r)}`));
  return log;
}

describe('determinism', () => {
  it('gives the same history, byte for byte, for the same seed and inputs', () => {
    const runs = [1, 2].map(() => {
      const sim = new Simulation({ seed: 42, nodes, settings: { kubelet: { leaseJitter: 0.04 } } });
      const log = record(sim);
      scheduleStory(sim);
      sim.runUntil(900_000);
      return log.join('\n');
    });
    expect(runs[0]!.length).toBeGreaterThan(10_000);
    expect(runs[1]).toBe(runs[0]);
  });

  it('changes with the seed where randomness is used (lease jitter, uids)', () => {
    const run = (seed: number) => {
      const sim = new Simulation({ seed, nodes, settings: { kubelet: { leaseJitter: 0.04 } } });
      sim.runUntil(60_000);
      return JSON.stringify(sim.snapshot().api);
    };
    expect(run(1)).not.toBe(run(2));
  });

  it('snapshots the world as plain JSON (no Map, Set, undefined-only or non-finite values)', () => {
    const sim = new Simulation({ seed: 3, nodes });
    scheduleStory(sim);
    sim.runUntil(400_000);
    const problems: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (value instanceof Map || value instanceof Set) problems.push(`${path} is a ${value.constructor.name}`);
      else if (typeof value === 'number' && !Number.isFinite(value)) problems.push(`${path} is ${value}`);
      else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    walk(sim.snapshot(), 'snapshot');
    expect(problems).toEqual([]);
  });

  it('continues identically after a snapshot is restored (lease jitter on: every random stream is in the snapshot)', () => {
    const original = new Simulation({ seed: 7, nodes, settings: { kubelet: { leaseJitter: 0.04 } } });
    scheduleStory(original);
    original.runUntil(300_000);
    const restored = restoreThroughJson(original);
    original.runUntil(900_000);
    restored.runUntil(900_000);
    expect(restored.snapshot()).toEqual(original.snapshot());
  });

  it('continues identically when restored in the middle of a drain that a PDB holds up', () => {
    const original = new Simulation({ seed: 11, nodes, settings: { kubelet: { leaseJitter: 0.04 } } });
    const labels = { app: 'web' };
    original.schedule(0, { do: 'apply', object: replicaSet('web', 6, labels) });
    original.schedule(0, { do: 'apply', object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } } });
    original.runUntil(60_000);
    const busiest = busiestNode(original);
    original.schedule(61_000, { do: 'drain', node: busiest });
    original.runUntil(75_000);
    expect(original.drainer.drains().find((d) => d.node === busiest)?.state).toBe('running');
    const restored = restoreThroughJson(original);
    original.runUntil(600_000);
    restored.runUntil(600_000);
    expect(original.drainer.drains().find((d) => d.node === busiest)?.state).toBe('done');
    expect(restored.snapshot()).toEqual(original.snapshot());
  });

  it('continues identically when restored while container faults are under way (the faults are in the snapshot)', () => {
    const original = new Simulation({ seed: 17, nodes, settings: { kubelet: { leaseJitter: 0.04 } } });
    const probe = { httpGet: { path: '/healthz', port: 8080 } };
    for (const [i, name] of ['hung', 'crashing', 'unready'].entries()) {
      original.schedule(0, {
        do: 'apply',
        object: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: nodes[i]!.name, containers: [{ name: 'app', image: 'nginx', livenessProbe: probe, readinessProbe: probe }] } },
      });
    }
    original.schedule(20_000, { do: 'container-fault', pod: 'hung', fault: 'hang' });
    original.schedule(20_000, { do: 'container-fault', pod: 'crashing', fault: 'crash', forMs: 120_000 });
    original.schedule(20_000, { do: 'container-fault', pod: 'unready', fault: 'unready', forMs: 90_000 });
    original.runUntil(45_000);
    const restored = restoreThroughJson(original);
    original.runUntil(400_000);
    restored.runUntil(400_000);
    const restarts = (sim: Simulation) => ['hung', 'crashing', 'unready'].map((name) => sim.api.get<Pod>('Pod', name, 'default')!.status.containerStatuses![0]!.restartCount);
    expect(restarts(original)).toEqual([1, 5, 0]);
    expect(restored.snapshot()).toEqual(original.snapshot());
  });

  it('continues identically when restored while a Service has traffic and a node is down (proxy views, round-robin cursors, counts)', () => {
    const original = new Simulation({ seed: 17, nodes, settings: { kubelet: { leaseJitter: 0.04 } } });
    for (const object of addonManifests(['kube-proxy'])) original.schedule(0, { do: 'apply', object });
    original.schedule(0, { do: 'apply', object: replicaSet('web', 6, { app: 'web' }) });
    original.schedule(0, { do: 'apply', object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } });
    original.schedule(20_000, { do: 'set-traffic', service: 'web', rps: 37 });
    original.schedule(62_000, { do: 'kill-node', node: 'zone-a-1' });
    original.schedule(70_000, { do: 'partition-node', node: 'zone-b-1' });
    original.runUntil(90_500);
    expect(original.traffic.totalsOf('default/web').failed).toBeGreaterThan(0);
    const restored = restoreThroughJson(original);
    original.runUntil(400_000);
    restored.runUntil(400_000);
    expect(restored.traffic.trafficViews()).toEqual(original.traffic.trafficViews());
    expect(restored.snapshot()).toEqual(original.snapshot());
  });

  it('continues identically when restored in the middle of a Deployment rollout', () => {
    const original = new Simulation({ seed: 13, nodes, settings: { kubelet: { leaseJitter: 0.04 } } });
    original.schedule(0, { do: 'apply', object: deployment('nginx:1.26') });
    original.runUntil(120_000);
    original.schedule(121_000, { do: 'apply', object: deployment('nginx:1.27') });
    original.runUntil(123_000);
    const midway = updatedReplicas(original);
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(8);
    const restored = restoreThroughJson(original);
    original.runUntil(600_000);
    restored.runUntil(600_000);
    expect(updatedReplicas(original)).toBe(8);
    expect(restored.snapshot()).toEqual(original.snapshot());
  });
});

/** Through JSON, as a saved or shared world would travel. */
function restoreThroughJson(original: Simulation): Simulation {
  const snapshot = JSON.parse(JSON.stringify(original.snapshot())) as WorldSnapshot;
  expect(snapshot).toEqual(original.snapshot());
  return Simulation.restore(snapshot);
}

function replicaSet(name: string, replicas: number, labels: Record<string, string>): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  };
}

function deployment(image: string): Manifest {
  const labels = { app: 'web' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 8,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}

function updatedReplicas(sim: Simulation): number {
  return sim.api.get<KubeObject & { status?: { updatedReplicas?: number } }>('Deployment', 'web', 'default')?.status?.updatedReplicas ?? 0;
}

function busiestNode(sim: Simulation): string {
  const counts = new Map<string, number>();
  for (const pod of sim.api.list<Pod>('Pod')) {
    const node = pod.spec.nodeName;
    if (node) counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}
