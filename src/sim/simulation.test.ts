import { describe, expect, it } from 'vitest';
import { Simulation } from './simulation';
import type { Node, Pod } from './api/types';
import { getNodeCondition } from './api/conditions';

function cluster(nodes = 3) {
  return new Simulation({
    seed: 1,
    freezeObjects: true,
    nodes: Array.from({ length: nodes }, (_, i) => ({ name: `zone-a-${i + 1}`, zone: 'zone-a' })),
  });
}

const pod = (name: string, nodeName: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'web' } },
  spec: { nodeName, containers: [{ name: 'web', image: 'nginx' }] },
});

describe('Simulation: single node crash with default settings', () => {
  it('follows upstream timings: Unknown at 115 s, NoExecute at 120 s, eviction at 420 s', () => {
    const sim = cluster();
    sim.schedule(0, { do: 'apply', object: pod('web-1', 'zone-a-1') });
    sim.schedule(62_000, { do: 'kill-node', node: 'zone-a-1' });
    const node = () => sim.api.get<Node>('Node', 'zone-a-1')!;
    const web = () => sim.api.get<Pod>('Pod', 'web-1', 'default');

    sim.runUntil(3_000);
    expect(web()?.status.phase).toBe('Running');
    sim.runUntil(110_000);
    expect(getNodeCondition(node(), 'Ready')?.status).toBe('True');
    sim.runUntil(114_999);
    expect(getNodeCondition(node(), 'Ready')?.status).toBe('True');
    sim.runUntil(115_000);
    expect(getNodeCondition(node(), 'Ready')?.status).toBe('Unknown');
    expect(node().spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect(web()?.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    sim.runUntil(119_999);
    expect(node().spec.taints).toHaveLength(1);
    sim.runUntil(120_000);
    expect(node().spec.taints?.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unreachable:NoExecute');
    sim.runUntil(419_999);
    expect(web()?.metadata.deletionTimestamp).toBeUndefined();
    sim.runUntil(420_000);
    expect(web()?.metadata.deletionTimestamp).toBeDefined();
    sim.runUntil(3_600_000);
    // Nobody confirms the deletion: stuck Terminating.
    expect(web()?.metadata.deletionTimestamp).toBeDefined();
  });
});
