import { describe, expect, it } from 'vitest';
import { getPodCondition } from '../api/conditions';
import { TAINT_UNREACHABLE } from '../api/taints';
import type { Taint } from '../api/types';
import { addNode, addPod, testCluster, type TestCluster } from './test-cluster';

const UNREACHABLE: Taint[] = [
  { key: TAINT_UNREACHABLE, effect: 'NoSchedule' },
  { key: TAINT_UNREACHABLE, effect: 'NoExecute' },
];

/** The filter verdicts of the pod's last decision, node → "Plugin: reasons". */
function verdicts(c: TestCluster, pod: string): Record<string, string> {
  const decision = c.scheduler.lastDecision(`default/${pod}`)!;
  return Object.fromEntries(decision.filters.map((f) => [f.node, `${f.plugin}: ${f.reasons.join(' | ')}`]));
}

function failedMessage(c: TestCluster, pod: string): string | undefined {
  return getPodCondition(c.world.pod(pod)!, 'PodScheduled')?.message;
}

describe('filters: failure reasons (§5.2)', () => {
  it('NodeUnschedulable, NodeName-free, TaintToleration, NodeAffinity', () => {
    const c = testCluster();
    const { world } = c;
    world.at(0, () => {
      addNode(world, 'cordoned', { unschedulable: true });
      addNode(world, 'gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
      addNode(world, 'hdd', { labels: { disktype: 'hdd' } });
      addPod(world, 'p', { nodeSelector: { disktype: 'ssd' } });
    });
    expect(verdicts(c, 'p')).toEqual({
      cordoned: 'NodeUnschedulable: node(s) were unschedulable',
      gpu: 'TaintToleration: node(s) had untolerated taint {dedicated: gpu}',
      hdd: "NodeAffinity: node(s) didn't match Pod's node affinity/selector",
    });
    expect(failedMessage(c, 'p')).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(getPodCondition(world.pod('p')!, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
  });

  it('required node affinity terms are ORed, expressions ANDed; matchFields by name', () => {
    const c = testCluster();
    const { world } = c;
    world.at(0, () => {
      addNode(world, 'n1', { labels: { disktype: 'ssd', gen: '3' } });
      addNode(world, 'n2', { labels: { disktype: 'ssd', gen: '1' } });
      addNode(world, 'n3', { labels: {} });
      addPod(world, 'p', {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }, { key: 'gen', operator: 'Gt', values: ['2'] }] },
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n3'] }] },
              ],
            },
          },
        },
      });
    });
    expect(Object.keys(verdicts(c, 'p'))).toEqual(['n2']);
    expect(['n1', 'n3']).toContain(world.pod('p')!.spec.nodeName);
  });

  it('NodePorts and NodeResourcesFit (Too many pods, Insufficient cpu / memory)', () => {
    const c = testCluster();
    const { world } = c;
    world.at(0, () => {
      addNode(world, 'ports');
      addPod(world, 'web', { nodeName: 'ports', hostPort: 80 });
      addNode(world, 'full', { pods: 1 });
      addPod(world, 'filler', { nodeName: 'full' });
      addNode(world, 'small', { cpu: '1', memory: '1Gi' });
      addPod(world, 'p', { hostPort: 80, cpu: '2', memory: '2Gi' });
    });
    expect(verdicts(c, 'p')).toEqual({
      ports: "NodePorts: node(s) didn't have free ports for the requested pod ports",
      full: 'NodeResourcesFit: Too many pods',
      small: 'NodeResourcesFit: Insufficient cpu | Insufficient memory',
    });
    // "small" cannot be helped by preemption (the pod asks more than the node has); the others can, but hold no lower-priority pods.
    expect(failedMessage(c, 'p')).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 Too many pods, 1 node(s) didn't have free ports for the requested pod ports. " +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('PodTopologySpread DoNotSchedule: skew and missing label', () => {
    const c = testCluster();
    const { world } = c;
    const spread = [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'x' } } },
    ];
    world.at(0, () => {
      addNode(world, 'a', { zone: 'zone-a' });
      addNode(world, 'b', { zone: 'zone-b', taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] });
      addNode(world, 'nozone');
      addPod(world, 'x-1', { nodeName: 'a', labels: { app: 'x' } });
      addPod(world, 'x-2', { labels: { app: 'x' }, topologySpreadConstraints: spread });
    });
    // zone-a holds 1, zone-b 0 (tainted nodes still count as domains: nodeTaintsPolicy Ignore): 1 + 1 − 0 > 1.
    expect(verdicts(c, 'x-2')).toEqual({
      a: "PodTopologySpread: node(s) didn't match pod topology spread constraints",
      b: 'TaintToleration: node(s) had untolerated taint {k: v}',
      nozone: "PodTopologySpread: node(s) didn't match pod topology spread constraints (missing required label)",
    });
  });

  it('InterPodAffinity: affinity, anti-affinity, existing pods anti-affinity', () => {
    const c = testCluster();
    const { world } = c;
    const term = (app: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' });
    world.at(0, () => {
      addNode(world, 'n1');
      addPod(world, 'db', { nodeName: 'n1', labels: { app: 'db' } });
      addPod(world, 'loner', {
        nodeName: 'n1',
        labels: { app: 'loner' },
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('z')] } },
      });
      addPod(world, 'wants-cache', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] } } });
      addPod(world, 'avoids-db', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } } });
      addPod(world, 'is-z', { labels: { app: 'z' } });
      // Affinity to itself: the first pod of the group may go anywhere.
      addPod(world, 'first-cache', { labels: { app: 'cache' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] } } });
    });
    expect(verdicts(c, 'wants-cache')).toEqual({ n1: "InterPodAffinity: node(s) didn't match pod affinity rules" });
    expect(world.pod('first-cache')!.spec.nodeName).toBe('n1');
    // Binding first-cache is a relevant event: wants-cache retries when its 1 s backoff ends.
    world.runUntil(1000);
    expect(world.pod('wants-cache')!.spec.nodeName).toBe('n1');
    expect(verdicts(c, 'avoids-db')).toEqual({ n1: "InterPodAffinity: node(s) didn't match pod anti-affinity rules" });
    expect(verdicts(c, 'is-z')).toEqual({ n1: "InterPodAffinity: node(s) didn't satisfy existing pods anti-affinity rules" });
  });

  it('InterPodAffinity: required affinity with no matching pod anywhere', () => {
    const c = testCluster();
    const { world } = c;
    world.at(0, () => {
      addNode(world, 'n1');
      addPod(world, 'p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' }] } } });
    });
    expect(verdicts(c, 'p')).toEqual({ n1: "InterPodAffinity: node(s) didn't match pod affinity rules" });
  });
});

describe('FailedScheduling message (§5.1 item 3)', () => {
  it('3 unreachable-tainted nodes + 6 with insufficient cpu', () => {
    const c = testCluster();
    const { world } = c;
    world.at(0, () => {
      for (let i = 1; i <= 3; i++) addNode(world, `down-${i}`, { taints: UNREACHABLE });
      for (let i = 1; i <= 6; i++) {
        addNode(world, `busy-${i}`);
        addPod(world, `filler-${i}`, { nodeName: `busy-${i}`, cpu: '3500m' });
      }
      addPod(world, 'p', { cpu: '1' });
    });
    const expected =
      '0/9 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 6 Insufficient cpu. ' +
      'preemption: 0/9 nodes are available: 3 Preemption is not helpful for scheduling, 6 No preemption victims found for incoming pod.';
    expect(failedMessage(c, 'p')).toBe(expected);
    expect(world.events('FailedScheduling')).toEqual([expected]);
    const event = world.api.events.all().find((e) => e.reason === 'FailedScheduling')!;
    expect(event).toMatchObject({ type: 'Warning', source: 'default-scheduler', involvedObject: { kind: 'Pod', name: 'p' } });
  });

  it('a request larger than every node: preemption is not helpful anywhere', () => {
    const c = testCluster();
    const { world } = c;
    world.at(0, () => {
      addNode(world, 'n1');
      addNode(world, 'n2');
      addPod(world, 'p', { cpu: '8' });
    });
    expect(failedMessage(c, 'p')).toBe('0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  });

  it('preemptionPolicy Never, and no nodes at all', () => {
    const c = testCluster();
    const { world } = c;
    world.at(0, () => addPod(world, 'early'));
    expect(failedMessage(c, 'early')).toBe('no nodes available to schedule pods');
    world.at(100, () => {
      addNode(world, 'n1', { cpu: '1' });
      addPod(world, 'never', { cpu: '2', preemptionPolicy: 'Never' });
    });
    expect(failedMessage(c, 'never')).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
    // The pod that met no nodes retries after its backoff, not on the node event.
    world.runUntil(1000);
    expect(world.pod('early')!.spec.nodeName).toBe('n1');
  });
});
