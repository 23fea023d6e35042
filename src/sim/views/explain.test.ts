import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { Simulation } from '../simulation';
import { defaultNodes, defaultObjects } from '../../worker/default-cluster';
import { explain } from './explain';

function bootDefault(): Simulation {
  const sim = new Simulation({ seed: 1, nodes: defaultNodes() });
  for (const object of defaultObjects()) sim.schedule(0, { do: 'apply', object });
  sim.runUntil(0);
  return sim;
}

const S = 1000;

/** The name of the pod a controller of `ownerKind` runs on `node` (the scheduler's choice, not hard-coded). */
function podOn(sim: Simulation, node: string, ownerKind: string): string {
  const pod = [...sim.api.podsOnNode(node)].find((p: Pod) => p.metadata.ownerReferences?.some((ref) => ref.kind === ownerKind));
  if (!pod) throw new Error(`no pod of a ${ownerKind} on ${node}`);
  return pod.metadata.name;
}

describe('explain', () => {
  it('gives a killed node\'s pod the chain: Unknown at 55 s, taint at 60 s, eviction at 360 s', () => {
    const sim = bootDefault();
    // Killed right after the renewal at t = 0: the last heartbeat the controller saw is at 0 s.
    sim.act({ do: 'kill-node', node: 'zone-a-1' });
    const web = podOn(sim, 'zone-a-1', 'ReplicaSet');
    sim.runUntil(420 * S);

    const answer = explain(sim, { kind: 'Pod', namespace: 'default', name: web });
    expect(answer.summary).toBe('Terminating');
    const times = answer.lines.map((l) => l.atMs).filter((t): t is number => t !== undefined);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const at = (ms: number) => answer.lines.find((l) => l.atMs === ms)?.text ?? '';
    expect(at(0)).toContain('Last heartbeat seen at 0 s');
    expect(at(55 * S)).toMatch(/Ready=Unknown at 55 s: no heartbeat for more than node-monitor-grace-period \(50 s\) since 0 s/);
    expect(at(60 * S)).toContain('NoExecute taint node.kubernetes.io/unreachable at 60 s (zone-a Normal: 0.1 nodes/s)');
    const eviction = answer.lines.filter((l) => l.atMs === 360 * S).map((l) => l.text);
    expect(eviction.join('\n')).toContain('toleration node.kubernetes.io/unreachable for 300 s'.replace('toleration', 'Toleration'));
    expect(eviction.join('\n')).toContain('⇒ eviction at 360 s');
    expect(at(390 * S)).toContain('Grace period of 30 s ends at 390 s');
    const order = [55, 60, 360].map((s) => answer.lines.findIndex((l) => l.atMs === s * S));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('says when a pending eviction will happen, before it does', () => {
    const sim = bootDefault();
    sim.act({ do: 'kill-node', node: 'zone-a-1' });
    sim.runUntil(120 * S);
    const answer = explain(sim, { kind: 'Pod', namespace: 'default', name: podOn(sim, 'zone-a-1', 'StatefulSet') });
    const last = answer.lines.at(-1)!;
    expect(last).toMatchObject({ atMs: 360 * S, when: 'future' });
    expect(last.text).toContain('will delete the pod at 360 s');
  });

  it('explains a healthy node and a Normal zone', () => {
    const sim = bootDefault();
    sim.runUntil(30 * S);
    const node = explain(sim, { kind: 'Node', name: 'zone-b-1' });
    expect(node.summary).toBe('Ready=True');
    expect(node.lines[0]!.text).toContain('Last heartbeat seen at 30 s');
    const zone = explain(sim, { kind: 'Zone', zone: 'zone-a' });
    expect(zone.summary).toBe('Normal');
    expect(zone.lines.map((l) => l.text).join('\n')).toContain('0 of 3 nodes not Ready');
  });

  it('lists the scheduler\'s reasons per node for a Pending pod', () => {
    const sim = bootDefault();
    sim.act({
      do: 'apply',
      object: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'huge', namespace: 'default' },
        spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1000' } } }] },
      },
    });
    sim.runUntil(5 * S);
    const answer = explain(sim, { kind: 'Pod', namespace: 'default', name: 'huge' });
    expect(answer.summary).toBe('Pending');
    const text = answer.lines.map((l) => l.text).join('\n');
    expect(text).toContain('Unschedulable at');
    expect(text).toMatch(/zone-a-1: NodeResourcesFit — Insufficient cpu/);
  });
});
