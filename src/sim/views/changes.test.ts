import { describe, expect, it } from 'vitest';
import type { Node } from '../api/types';
import { Simulation } from '../simulation';
import { defaultNodes, defaultObjects } from '../../worker/default-cluster';

function bootDefault(): Simulation {
  const sim = new Simulation({ seed: 1, nodes: defaultNodes() });
  for (const object of defaultObjects()) sim.schedule(0, { do: 'apply', object });
  sim.runUntil(0);
  return sim;
}

describe('view changes (drainViewChanges)', () => {
  it('reports each view when the engine changes it, and nothing while only leases renew', () => {
    const sim = bootDefault();
    expect(Object.keys(sim.drainViewChanges()).sort()).toEqual(['machines', 'zones']);
    sim.runUntil(20_000);
    expect(sim.drainViewChanges()).toEqual({});

    sim.act({ do: 'kill-node', node: 'zone-a-1' });
    const killed = sim.drainViewChanges();
    expect(Object.keys(killed)).toEqual(['machines']);
    expect(killed.machines?.find((m) => m.name === 'zone-a-1')).toEqual({ name: 'zone-a-1', power: 'off', partitioned: false, reachable: true });

    // Killed at 20 s: Ready=Unknown after the 50 s grace period changes an API object, not a view (one node of three leaves zone-a Normal).
    sim.runUntil(78_000);
    expect(sim.api.get<Node>('Node', 'zone-a-1')?.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('Unknown');
    expect(sim.drainViewChanges()).toEqual({});

    // The NoExecute taint that follows: the taint eviction controller schedules the deletions 300 s later (default tolerations).
    sim.runUntil(90_000);
    const tainted = sim.drainViewChanges();
    expect(Object.keys(tainted)).toEqual(['evictions']);
    expect(tainted.evictions!.length).toBeGreaterThan(0);
    expect(tainted.evictions!.every((e) => e.node === 'zone-a-1' && e.fireAtMs === e.createdAtMs + 300_000)).toBe(true);

    sim.act({ do: 'partition-zone', zone: 'zone-b' });
    const cut = sim.drainViewChanges();
    expect(Object.keys(cut).sort()).toEqual(['machines', 'partitionedZones']);
    expect(cut.partitionedZones).toEqual(['zone-b']);
    expect(cut.machines!.filter((m) => !m.reachable).map((m) => m.name)).toEqual(['zone-b-1', 'zone-b-2', 'zone-b-3']);
  });

  it('reports a zone whose state changes (zone-b cut off: FullDisruption)', () => {
    const sim = bootDefault();
    sim.runUntil(20_000);
    sim.drainViewChanges();
    sim.act({ do: 'partition-zone', zone: 'zone-b' });
    sim.drainViewChanges();
    sim.runUntil(120_000);
    const zones = sim.drainViewChanges().zones;
    expect(zones?.find((z) => z.zone === 'zone-b')?.state).toBe('FullDisruption');
    expect(sim.currentViews().zones).toEqual(zones);
  });
});
