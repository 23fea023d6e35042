/** The simulated kubelet through the engine: leases, node status, pods and shutdown (§0, §1.3, §2.3). */
import { describe, expect, it } from 'vitest';
import type { NodeConfig } from '../actions';
import type { Lease, Node, Pod } from '../api/types';
import { fromTimestamp } from '../core/time';
import { Simulation } from '../simulation';

const nodes = (n = 3, kubelet: NodeConfig['kubelet'] = {}): NodeConfig[] =>
  Array.from({ length: n }, (_, i) => ({ name: `zone-a-${i + 1}`, zone: 'zone-a', kubelet }));

function watchWrites(sim: Simulation, kind: string, name: string): number[] {
  const times: number[] = [];
  sim.api.watch(kind, (e) => {
    // The kubelet's writes: status only (node IPAM's spec.podCIDR write at t = 0 is not one).
    const specChanged = kind === 'Node' && JSON.stringify((e.object as Node).spec) !== JSON.stringify((e.old as Node | undefined)?.spec);
    if (e.type === 'MODIFIED' && e.object.metadata.name === name && !specChanged) times.push(sim.nowMs);
  });
  return times;
}

const pod = (name: string, nodeName: string, spec: Record<string, unknown> = {}, priorityClassName?: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { nodeName, containers: [{ name: 'c', image: 'busybox' }], ...(priorityClassName ? { priorityClassName } : {}), ...spec },
});
const getPod = (sim: Simulation, name: string) => sim.api.get<Pod>('Pod', name, 'default');

describe('kubelet', () => {
  it('renews its lease every 10 s and posts an unchanged status only every 5 min', () => {
    const sim = new Simulation({ nodes: nodes(1) });
    const leaseWrites = watchWrites(sim, 'Lease', 'zone-a-1');
    const nodeWrites = watchWrites(sim, 'Node', 'zone-a-1');
    sim.runUntil(610_000);
    expect(leaseWrites.slice(0, 4)).toEqual([10_000, 20_000, 30_000, 40_000]);
    expect(leaseWrites).toHaveLength(61);
    expect(nodeWrites).toEqual([300_000, 600_000]);
  });

  it('retries the lease with a doubling backoff while cut off, and renews on the first retry after healing', () => {
    const sim = new Simulation({ nodes: nodes(1) });
    const leaseWrites = watchWrites(sim, 'Lease', 'zone-a-1');
    sim.schedule(5_000, { do: 'partition-node', node: 'zone-a-1' });
    // Attempts at 10 s (fails), then after 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 7, 7 … s.
    sim.schedule(30_000, { do: 'heal-node', node: 'zone-a-1' });
    sim.runUntil(50_000);
    // 10 → 10.2 → 10.6 → 11.4 → 13 → 16.2 → 22.6 → 29.6 → 36.6 s.
    expect(leaseWrites[0]).toBe(36_600);
    expect(leaseWrites[1]).toBe(46_600);
  });

  it('posts a changed condition at its next 10 s status sync, with the upstream reason', () => {
    const sim = new Simulation({ nodes: nodes(1) });
    sim.schedule(12_000, { do: 'set-condition', node: 'zone-a-1', type: 'MemoryPressure', status: 'True' });
    sim.runUntil(19_999);
    const condition = () => sim.api.get<Node>('Node', 'zone-a-1')!.status.conditions!.find((c) => c.type === 'MemoryPressure')!;
    expect(condition().status).toBe('False');
    sim.runUntil(20_000);
    expect(condition()).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory' });
    expect(fromTimestamp(condition().lastTransitionTime!)).toBe(20_000);
  });

  it('starts a bound pod after the start-up latency and removes a deleted one after its grace period', () => {
    const sim = new Simulation({ nodes: nodes(1) });
    sim.schedule(0, { do: 'apply', object: pod('p', 'zone-a-1', { terminationGracePeriodSeconds: 10 }) });
    sim.runUntil(1_999);
    expect(getPod(sim, 'p')?.status.phase).toBe('Pending');
    sim.runUntil(2_000);
    expect(getPod(sim, 'p')?.status.phase).toBe('Running');
    sim.schedule(5_000, { do: 'delete', kind: 'Pod', name: 'p' });
    sim.runUntil(14_999);
    expect(getPod(sim, 'p')?.metadata.deletionTimestamp).toBeDefined();
    sim.runUntil(15_000);
    expect(getPod(sim, 'p')).toBeUndefined();
  });

  it('learns of a deletion made while it was cut off when it reconnects, and confirms it at once', () => {
    const sim = new Simulation({ nodes: nodes(3) });
    sim.schedule(0, { do: 'apply', object: pod('p', 'zone-a-1') });
    sim.schedule(5_000, { do: 'partition-node', node: 'zone-a-1' });
    sim.schedule(10_000, { do: 'delete', kind: 'Pod', name: 'p' });
    sim.schedule(100_000, { do: 'heal-node', node: 'zone-a-1' });
    sim.runUntil(99_999);
    expect(getPod(sim, 'p')?.metadata.deletionTimestamp).toBeDefined();
    sim.runUntil(100_000);
    expect(getPod(sim, 'p')).toBeUndefined();
  });

  it('restarts containers after a reboot, except restartPolicy Never pods, which fail', () => {
    const sim = new Simulation({ nodes: nodes(3) });
    sim.schedule(0, { do: 'apply', object: pod('always', 'zone-a-1') });
    sim.schedule(0, { do: 'apply', object: pod('never', 'zone-a-1', { restartPolicy: 'Never' }) });
    sim.schedule(5_000, { do: 'kill-node', node: 'zone-a-1' });
    sim.schedule(30_000, { do: 'start-node', node: 'zone-a-1' });
    sim.runUntil(30_000);
    expect(getPod(sim, 'never')?.status.phase).toBe('Failed');
    expect(getPod(sim, 'always')?.status.containerStatuses?.[0]?.restartCount).toBe(1);
    sim.runUntil(32_000);
    expect(getPod(sim, 'always')?.status.phase).toBe('Running');
    expect(getPod(sim, 'always')?.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('runs a `sleep N` container to completion, and restarts a failing OnFailure one with back-off', () => {
    const sim = new Simulation({ nodes: nodes(1) });
    const sleep = (code: number) => [{ name: 'c', image: 'busybox', command: ['sh', '-c', `sleep 30; exit ${code}`] }];
    sim.schedule(0, { do: 'apply', object: pod('ok', 'zone-a-1', { restartPolicy: 'Never', containers: sleep(0) }) });
    sim.schedule(0, { do: 'apply', object: pod('bad', 'zone-a-1', { restartPolicy: 'Never', containers: sleep(1) }) });
    sim.schedule(0, { do: 'apply', object: pod('retry', 'zone-a-1', { restartPolicy: 'OnFailure', containers: sleep(1) }) });
    sim.runUntil(31_999);
    expect(getPod(sim, 'ok')?.status.phase).toBe('Running');
    sim.runUntil(32_000);
    expect(getPod(sim, 'ok')?.status.phase).toBe('Succeeded');
    expect(getPod(sim, 'bad')?.status.phase).toBe('Failed');
    // Upstream flowcontrol.Backoff: no entry yet, so the first restart is immediate (and sets 10 s).
    const retry = () => getPod(sim, 'retry')!.status.containerStatuses![0]!;
    expect(retry()).toMatchObject({ restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
    // Runs 30 s again, exits at 62 s and waits out 10 s in CrashLoopBackOff.
    sim.runUntil(62_000);
    expect(retry()).toMatchObject({ restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } });
    expect(getPod(sim, 'retry')?.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    sim.runUntil(72_000);
    expect(retry()).toMatchObject({ restartCount: 2, state: { running: {} } });
    expect(getPod(sim, 'retry')?.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('shuts down gracefully by priority: normal pods within 20 s, critical ones in the last 10 s (§1.3)', () => {
    const sim = new Simulation({ nodes: nodes(3, { shutdownGracePeriodMs: 30_000, shutdownGracePeriodCriticalPodsMs: 10_000 }) });
    const failedAt: Record<string, number> = {};
    sim.api.watch<Pod>('Pod', (e) => {
      if (e.object.status.phase === 'Failed' && e.old?.status.phase !== 'Failed') failedAt[e.object.metadata.name] = sim.nowMs;
    });
    sim.schedule(0, { do: 'apply', object: pod('web', 'zone-a-1', { terminationGracePeriodSeconds: 30 }) });
    sim.schedule(0, { do: 'apply', object: pod('quick', 'zone-a-1', { terminationGracePeriodSeconds: 5 }) });
    sim.schedule(0, { do: 'apply', object: pod('dns', 'zone-a-1', {}, 'system-cluster-critical') });
    sim.schedule(100_000, { do: 'shutdown-node', node: 'zone-a-1' });
    sim.runUntil(100_000);
    const ready = sim.api.get<Node>('Node', 'zone-a-1')!.status.conditions!.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'False', message: 'node is shutting down' });
    sim.runUntil(200_000);
    expect(failedAt).toEqual({ quick: 105_000, web: 120_000, dns: 130_000 });
    const web = getPod(sim, 'web')!;
    expect(web.status.reason).toBe('Terminated');
    expect(web.status.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'TerminationByKubelet' });
    // Powered off after the last group: the lease stops.
    const lease = sim.api.get<Lease>('Lease', 'zone-a-1', 'kube-node-lease')!;
    expect(fromTimestamp(lease.spec.renewTime!)).toBeLessThanOrEqual(130_000);
  });

  it('started again during a graceful shutdown, finishes shutting down and then boots, as a reboot does', () => {
    // Found by the swarm (seeds 100453, 100855): start-node was ignored while shutting down, so the machine stayed off.
    const sim = new Simulation({ nodes: nodes(2, { shutdownGracePeriodMs: 30_000, shutdownGracePeriodCriticalPodsMs: 10_000 }) });
    sim.schedule(0, { do: 'apply', object: pod('web', 'zone-a-1', { terminationGracePeriodSeconds: 30 }) });
    sim.schedule(100_000, { do: 'shutdown-node', node: 'zone-a-1' });
    sim.schedule(105_000, { do: 'start-node', node: 'zone-a-1' });
    sim.runUntil(105_000);
    expect(sim.kubelets.view('zone-a-1')?.power).toBe('shutting-down');
    sim.runUntil(400_000);
    expect(sim.kubelets.view('zone-a-1')?.power).toBe('on');
    const ready = sim.api.get<Node>('Node', 'zone-a-1')!.status.conditions!.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    const lease = sim.api.get<Lease>('Lease', 'zone-a-1', 'kube-node-lease')!;
    expect(fromTimestamp(lease.spec.renewTime!)).toBeGreaterThan(390_000);
    expect(sim.api.get<Node>('Node', 'zone-a-1')!.spec.taints ?? []).toEqual([]);
  });
});
