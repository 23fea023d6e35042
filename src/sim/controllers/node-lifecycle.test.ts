/**
 * The node lifecycle controller through the whole engine: kubelets that stop
 * heartbeating, zones that go dark, and the rate limits in between
 * (kubernetes-behaviour.md §1, §3, §7).
 */
import { describe, expect, it } from 'vitest';
import type { NodeConfig } from '../actions';
import { getNodeCondition } from '../api/conditions';
import type { Node, Pod } from '../api/types';
import { Simulation } from '../simulation';

function zone(name: string, count: number): NodeConfig[] {
  return Array.from({ length: count }, (_, i) => ({ name: `${name}-${i + 1}`, zone: name }));
}

function taintTimes(sim: Simulation, key = 'node.kubernetes.io/unreachable', effect = 'NoExecute'): Record<string, number> {
  const times: Record<string, number> = {};
  sim.api.watch<Node>('Node', (e) => {
    const had = e.old?.spec.taints?.some((t) => t.key === key && t.effect === effect);
    const has = e.object.spec.taints?.some((t) => t.key === key && t.effect === effect);
    if (has && !had && times[e.object.metadata.name] === undefined) times[e.object.metadata.name] = sim.nowMs;
  });
  return times;
}

const ready = (sim: Simulation, name: string) => getNodeCondition(sim.api.get<Node>('Node', name)!, 'Ready')?.status;
const zoneState = (sim: Simulation, name: string) => sim.nodeLifecycle.zoneStates().find((z) => z.zone === name)?.state;

function pod(name: string, nodeName: string) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }] } };
}

describe('node lifecycle controller', () => {
  it('taints several failed nodes of a Normal zone one per 10 s, in name order', () => {
    const sim = new Simulation({ nodes: zone('zone-a', 10) });
    const times = taintTimes(sim);
    for (const n of ['zone-a-7', 'zone-a-3', 'zone-a-5']) sim.schedule(2_000, { do: 'kill-node', node: n });
    sim.runUntil(200_000);
    expect(zoneState(sim, 'zone-a')).toBe('Normal');
    expect(times).toEqual({ 'zone-a-3': 60_000, 'zone-a-5': 70_000, 'zone-a-7': 80_000 });
  });

  it('stops evictions in a small zone in PartialDisruption (rate 0 at ≤ 50 nodes)', () => {
    const sim = new Simulation({ nodes: zone('zone-a', 10) });
    const noExecute = taintTimes(sim);
    const noSchedule = taintTimes(sim, 'node.kubernetes.io/unreachable', 'NoSchedule');
    for (let i = 1; i <= 6; i++) sim.schedule(2_000, { do: 'partition-node', node: `zone-a-${i}` });
    sim.runUntil(1_000_000);
    expect(zoneState(sim, 'zone-a')).toBe('PartialDisruption');
    expect(noExecute).toEqual({});
    expect(Object.keys(noSchedule).sort()).toEqual(['zone-a-1', 'zone-a-2', 'zone-a-3', 'zone-a-4', 'zone-a-5', 'zone-a-6']);
    expect(Object.values(noSchedule).every((t) => t === 55_000)).toBe(true);
  });

  it('drains a fully disrupted zone at the normal rate while another zone is healthy', () => {
    const sim = new Simulation({ nodes: [...zone('zone-a', 3), ...zone('zone-b', 3)] });
    const times = taintTimes(sim);
    sim.schedule(2_000, { do: 'partition-zone', zone: 'zone-a' });
    sim.runUntil(55_000);
    expect(zoneState(sim, 'zone-a')).toBe('FullDisruption');
    expect(zoneState(sim, 'zone-b')).toBe('Normal');
    sim.runUntil(200_000);
    expect(times).toEqual({ 'zone-a-1': 60_000, 'zone-a-2': 70_000, 'zone-a-3': 80_000 });
  });

  it('evicts nothing when every zone is down, and resumes one interval after a node returns (§1.4)', () => {
    const sim = new Simulation({ nodes: zone('zone-a', 3) });
    const times = taintTimes(sim);
    for (const n of ['zone-a-1', 'zone-a-2', 'zone-a-3']) sim.schedule(2_000, { do: 'kill-node', node: n });
    sim.schedule(200_000, { do: 'start-node', node: 'zone-a-1' });
    sim.runUntil(199_999);
    expect(zoneState(sim, 'zone-a')).toBe('FullDisruption');
    expect(ready(sim, 'zone-a-2')).toBe('Unknown');
    expect(times).toEqual({});
    sim.runUntil(300_000);
    expect(zoneState(sim, 'zone-a')).toBe('Normal');
    expect(times).toEqual({ 'zone-a-2': 210_000, 'zone-a-3': 220_000 });
  });

  it('swaps unreachable for not-ready at once when a returning kubelet reports False, keeping the eviction deadline (S08, §1.2)', () => {
    const sim = new Simulation({ nodes: zone('zone-a', 3) });
    sim.schedule(0, { do: 'apply', object: pod('p', 'zone-a-1') });
    sim.schedule(2_000, { do: 'partition-node', node: 'zone-a-1' });
    sim.schedule(100_000, { do: 'set-condition', node: 'zone-a-1', type: 'Ready', status: 'False', reason: 'KubeletNotReady' });
    sim.schedule(100_000, { do: 'heal-node', node: 'zone-a-1' });
    sim.runUntil(99_999);
    const taints = () => sim.api.get<Node>('Node', 'zone-a-1')!.spec.taints!.map((t) => `${t.key}:${t.effect}`).sort();
    expect(taints()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    sim.runUntil(100_000);
    expect(ready(sim, 'zone-a-1')).toBe('False');
    expect(taints()).toEqual(['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/not-ready:NoSchedule']);
    sim.runUntil(359_999);
    expect(sim.api.get<Pod>('Pod', 'p', 'default')?.metadata.deletionTimestamp).toBeUndefined();
    sim.runUntil(360_000);
    expect(sim.api.get<Pod>('Pod', 'p', 'default')?.metadata.deletionTimestamp).toBeDefined();
    // The kubelet is alive: it stops the containers after the grace period and the object goes.
    sim.runUntil(390_000);
    expect(sim.api.get<Pod>('Pod', 'p', 'default')).toBeUndefined();
  });

  it('taints a node its kubelet reports NotReady without a grace period (§1.2)', () => {
    const sim = new Simulation({ nodes: zone('zone-a', 3) });
    const noExecute = taintTimes(sim, 'node.kubernetes.io/not-ready', 'NoExecute');
    const noSchedule = taintTimes(sim, 'node.kubernetes.io/not-ready', 'NoSchedule');
    sim.schedule(12_000, { do: 'set-condition', node: 'zone-a-2', type: 'Ready', status: 'False' });
    sim.runUntil(60_000);
    expect(noSchedule).toEqual({ 'zone-a-2': 20_000 });
    expect(noExecute).toEqual({ 'zone-a-2': 20_000 });
  });

  it('marks pods NotReady once, when the controller itself turns the node Unknown (S05)', () => {
    const sim = new Simulation({ nodes: zone('zone-a', 3) });
    sim.schedule(0, { do: 'apply', object: pod('p', 'zone-a-1') });
    const readyWrites: number[] = [];
    sim.api.watch<Pod>('Pod', (e) => {
      const before = e.old?.status.conditions?.find((c) => c.type === 'Ready')?.status;
      const after = e.object.status.conditions?.find((c) => c.type === 'Ready')?.status;
      if (before === 'True' && after === 'False') readyWrites.push(sim.nowMs);
    });
    // After the pod became Ready (2 s startup latency) and before the next lease renewal.
    sim.schedule(5_000, { do: 'kill-node', node: 'zone-a-1' });
    sim.runUntil(300_000);
    expect(readyWrites).toEqual([55_000]);
    const events = sim.api.events.all().filter((e) => e.reason === 'NodeNotReady');
    expect(events.map((e) => `${e.involvedObject.kind}/${e.involvedObject.name}`).sort()).toEqual(['Node/zone-a-1', 'Pod/p']);
  });

  it('leaves excluded nodes out of the zone vote but still taints them (§8 item 11, S10 i)', () => {
    const sim = new Simulation({
      nodes: [...zone('zone-a', 1), { name: 'control-1', zone: 'zone-a', labels: { 'node.kubernetes.io/exclude-disruption': '' } }],
    });
    const times = taintTimes(sim);
    sim.schedule(2_000, { do: 'kill-node', node: 'zone-a-1' });
    sim.schedule(2_000, { do: 'kill-node', node: 'control-1' });
    sim.schedule(0, { do: 'apply', object: pod('p', 'control-1') });
    sim.runUntil(100_000);
    // The only voting node is down: Full, and it is the only zone: no evictions at all.
    expect(zoneState(sim, 'zone-a')).toBe('FullDisruption');
    expect(times).toEqual({});
  });
});
