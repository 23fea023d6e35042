import { describe, expect, it } from 'vitest';
import { isPodReady } from '../sim/api/conditions';
import type { PodDisruptionBudget } from '../sim/api/pdb';
import { LABEL_ZONE, Simulation, type KubeObject, type Node, type Pod } from '../sim';

type Service = KubeObject & { spec?: { clusterIP?: string } };
import type { ReplicaSet } from '../sim/controllers/workload-types';
import { defaultNodes, defaultObjects } from './default-cluster';

const S = 1000;

function bootDefault(): Simulation {
  const sim = new Simulation({ seed: 1, nodes: defaultNodes() });
  const records = defaultObjects().map((object) => sim.schedule(0, { do: 'apply', object }));
  sim.runUntil(0);
  expect(records.filter((r) => r.error !== undefined).map((r) => r.error)).toEqual([]);
  return sim;
}

const pods = (sim: Simulation) => [...sim.api.list<Pod>('Pod')];
const ownerOf = (pod: Pod) => pod.metadata.ownerReferences?.[0];
const zoneOf = (sim: Simulation, node: string | undefined) => (node ? sim.api.get<Node>('Node', node)?.metadata.labels?.[LABEL_ZONE] : undefined);
const running = (pod: Pod) => pod.status.phase === 'Running' && isPodReady(pod) && !pod.metadata.deletionTimestamp;

describe('the default cluster', () => {
  it('is real workloads run by the controllers: every pod Running and Ready by 6 s', () => {
    const sim = bootDefault();
    expect(pods(sim).every((p) => ownerOf(p) !== undefined)).toBe(true);
    sim.runUntil(6 * S);
    const all = pods(sim);
    expect(all).toHaveLength(32);
    expect(all.filter((p) => !running(p)).map((p) => p.metadata.name)).toEqual([]);
    const byOwner = (kind: string, name: string) => all.filter((p) => ownerOf(p)?.kind === kind && (kind === 'ReplicaSet' ? ownerOf(p)!.name.startsWith(`${name}-`) : ownerOf(p)!.name === name));
    expect(byOwner('ReplicaSet', 'web')).toHaveLength(6);
    expect(byOwner('ReplicaSet', 'api')).toHaveLength(3);
    // One log agent per node; one db replica per zone.
    expect(new Set(byOwner('DaemonSet', 'log-agent').map((p) => p.spec.nodeName)).size).toBe(9);
    const db = byOwner('StatefulSet', 'db');
    expect(db.map((p) => p.metadata.name).sort()).toEqual(['db-0', 'db-1', 'db-2']);
    expect(new Set(db.map((p) => zoneOf(sim, p.spec.nodeName))).size).toBe(3);
    // The addons: kube-proxy on every node with its node's address, CoreDNS twice on two hosts behind kube-dns.
    const proxies = byOwner('DaemonSet', 'kube-proxy');
    expect(new Set(proxies.map((p) => p.spec.nodeName)).size).toBe(9);
    expect(proxies.every((p) => p.status.podIP === p.status.hostIP)).toBe(true);
    const dns = byOwner('ReplicaSet', 'coredns');
    expect(dns).toHaveLength(2);
    expect(new Set(dns.map((p) => p.spec.nodeName)).size).toBe(2);
    expect(dns.every((p) => p.spec.priorityClassName === 'system-cluster-critical')).toBe(true);
    const kubeDns = sim.api.get<Service>('Service', 'kube-dns', 'kube-system')!;
    expect(kubeDns.spec?.clusterIP).toBe('10.0.0.10');
    // Services have their endpoints; budgets count healthy pods.
    expect([...sim.api.list('EndpointSlice')].length).toBeGreaterThanOrEqual(2);
    const budgets = [...sim.api.list<PodDisruptionBudget>('PodDisruptionBudget')];
    expect(budgets.map((b) => [b.metadata.name, b.status?.disruptionsAllowed]).sort()).toEqual([
      ['db', 1],
      ['web', 1],
    ]);
  });

  it('replaces a dead node\'s Deployment pods on other nodes after the 300 s toleration', () => {
    const sim = bootDefault();
    sim.runUntil(10 * S);
    sim.act({ do: 'kill-node', node: 'zone-a-1' });
    const victims = pods(sim).filter((p) => p.spec.nodeName === 'zone-a-1' && ownerOf(p)?.kind === 'ReplicaSet');
    expect(victims.length).toBeGreaterThan(0);
    const owners = victims.map((p) => ownerOf(p)!.name);
    const namesAtKill = new Set(pods(sim).map((p) => p.metadata.name));

    // Unknown some 50 s after the last heartbeat, then the 300 s unreachable toleration.
    const evicted = (v: Pod) => sim.api.get<Pod>('Pod', v.metadata.name, 'default')?.metadata.deletionTimestamp !== undefined;
    sim.runUntil(360 * S);
    expect(victims.filter(evicted)).toEqual([]);
    sim.runUntil(380 * S);
    expect(victims.filter((v) => !evicted(v))).toEqual([]);
    sim.runUntil(390 * S);
    for (const owner of new Set(owners)) {
      const replicas = sim.api.get<ReplicaSet>('ReplicaSet', owner, 'default')!.spec.replicas;
      const live = pods(sim).filter((p) => ownerOf(p)?.name === owner && running(p));
      expect(live).toHaveLength(replicas);
      expect(live.filter((p) => p.spec.nodeName === 'zone-a-1')).toEqual([]);
      // One new pod per evicted one.
      expect(live.filter((p) => !namesAtKill.has(p.metadata.name)).length).toBe(owners.filter((o) => o === owner).length);
    }
  });
});
