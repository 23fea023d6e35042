import { describe, expect, it } from 'vitest';
import type { SimAction } from './actions';
import { Simulation, type WorldSnapshot } from './simulation';

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

  it('continues identically after a snapshot is restored', () => {
    const original = new Simulation({ seed: 7, nodes });
    scheduleStory(original);
    original.runUntil(300_000);
    // Through JSON, as a saved or shared world would travel.
    const snapshot = JSON.parse(JSON.stringify(original.snapshot())) as WorldSnapshot;
    expect(JSON.stringify(snapshot)).toBe(JSON.stringify(original.snapshot()));
    const restored = Simulation.restore(snapshot);
    original.runUntil(900_000);
    restored.runUntil(900_000);
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(original.snapshot()));
  });
});
