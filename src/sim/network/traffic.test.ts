import { describe, expect, it } from 'vitest';
import type { Manifest } from '../api/types';
import { addonManifests } from '../addons/manifests';
import { Simulation } from '../simulation';
import { okShare, splitEvenly } from './traffic-split';

describe('splitEvenly', () => {
  it('gives every target the floor and the remainder one each from the cursor on, wrapping', () => {
    expect(splitEvenly(30, 3, 0)).toEqual([10, 10, 10]);
    expect(splitEvenly(10, 3, 0)).toEqual([4, 3, 3]);
    expect(splitEvenly(10, 3, 2)).toEqual([3, 3, 4]);
    expect(splitEvenly(11, 3, 2)).toEqual([4, 3, 4]);
    expect(splitEvenly(2, 5, 4)).toEqual([1, 0, 0, 0, 1]);
    expect(splitEvenly(7, 0, 0)).toEqual([]);
  });

  it('hands out the same share to every target over time when the cursor moves by what was sent', () => {
    const got = [0, 0, 0];
    let cursor = 0;
    for (let second = 0; second < 30; second++) {
      splitEvenly(1, 3, cursor).forEach((n, i) => (got[i]! += n));
      cursor = (cursor + 1) % 3;
    }
    expect(got).toEqual([10, 10, 10]);
  });
});

const nodes = [1, 2, 3].map((i) => ({ name: `z-${i}`, zone: 'z' }));

function pod(name: string, node: string): Manifest {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec: { nodeName: node, containers: [{ name: 'web', image: 'nginx' }] } };
}

const service: Manifest = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };

/** Three nodes with kube-proxy, one web pod on each behind Service web, traffic from 30 s. */
function world(rps: number, options: { addon?: boolean } = {}): Simulation {
  const sim = new Simulation({ seed: 5, nodes });
  if (options.addon ?? true) for (const object of addonManifests(['kube-proxy'])) sim.schedule(0, { do: 'apply', object });
  for (const node of nodes) sim.schedule(0, { do: 'apply', object: pod(`web-${node.name}`, node.name) });
  sim.schedule(0, { do: 'apply', object: service });
  sim.schedule(30_000, { do: 'set-traffic', service: 'web', rps });
  return sim;
}

const second = (sim: Simulation, atMs: number) => sim.traffic.recentSeconds('default/web').find((s) => s.atMs === atMs);

describe('traffic', () => {
  it('counts every request as ok while all endpoints run, once per simulated second', () => {
    const sim = world(30);
    sim.runUntil(40_000);
    expect(sim.traffic.recentSeconds('default/web').map((s) => s.atMs)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39, 40].map((s) => s * 1000));
    expect(second(sim, 40_000)).toEqual({ atMs: 40_000, ok: 30, failed: 0 });
    expect(sim.traffic.totalsOf('default/web')).toEqual({ ok: 300, failed: 0 });
  });

  it('fails the dead node’s share from the kill until the endpoint is not ready, then recovers', () => {
    const sim = world(30);
    sim.schedule(62_000, { do: 'kill-node', node: 'z-1' });
    sim.runUntil(62_000);
    // The second ending at the kill ran before it.
    expect(second(sim, 62_000)).toEqual({ atMs: 62_000, ok: 30, failed: 0 });
    sim.runUntil(63_000);
    // Two live proxies (z-1's died with it) send 15 each; each spreads them over 3 endpoints: 5 to z-1's pod fail.
    expect(second(sim, 63_000)).toEqual({ atMs: 63_000, ok: 20, failed: 10 });
    sim.runUntil(200_000);
    const failedSeconds = (sim.traffic.totalsOf('default/web').failed) / 10;
    // Pod Ready=False at 115 s (sec1-1-hard-node-failure.yaml); the proxies pick that up on their next sync, at 116 s.
    expect(failedSeconds).toBe(116 - 62);
    expect(second(sim, 200_000)).toEqual({ atMs: 200_000, ok: 30, failed: 0 });
  });

  it('keeps a partitioned node’s proxy on its stale view: its requests to other nodes fail, to its own pod succeed', () => {
    const sim = world(30);
    sim.schedule(62_000, { do: 'partition-node', node: 'z-3' });
    sim.runUntil(63_000);
    // Three proxies send 10 each over 3 endpoints: z-3 reaches only its own pod (2 of its 3 parts fail, 10·2/3 ≈ 7);
    // z-1 and z-2 cannot reach z-3's pod (one part each).
    const s = second(sim, 63_000)!;
    expect(s.ok + s.failed).toBe(30);
    expect(s.failed).toBeGreaterThanOrEqual(6 + 3 + 3);
    expect(s.failed).toBeLessThanOrEqual(8 + 4 + 4);
    sim.runUntil(200_000);
    // After z-3's pod is marked not ready the others stop sending there; z-3 still routes by its old view.
    const late = second(sim, 200_000)!;
    expect(late.ok + late.failed).toBe(30);
    expect(late.failed).toBeGreaterThanOrEqual(6);
    expect(late.failed).toBeLessThanOrEqual(7);
  });

  it('sends from every powered node when there is no kube-proxy addon', () => {
    const sim = world(30, { addon: false });
    sim.schedule(62_000, { do: 'kill-node', node: 'z-1' });
    sim.runUntil(63_000);
    expect(second(sim, 63_000)).toEqual({ atMs: 63_000, ok: 20, failed: 10 });
  });

  it('refuses a rate that is not a whole number from 0 to 10000, or an unknown Service', () => {
    const sim = world(30);
    sim.runUntil(1_000);
    expect(sim.act({ do: 'set-traffic', service: 'web', rps: 10_001 }).error).toBe('rps must be a whole number from 0 to 10000 (got 10001)');
    expect(sim.act({ do: 'set-traffic', service: 'web', rps: 1.5 }).error).toMatch(/whole number/);
    expect(sim.act({ do: 'set-traffic', service: 'nope', rps: 1 }).error).toBe('services "nope" not found');
  });
});

describe('okShare', () => {
  it('counts the requests splitEvenly hands to endpoints that answer', () => {
    const live = [true, false, true];
    for (const [requests, cursor] of [[10, 0], [10, 1], [10, 2], [2, 1], [0, 0], [31, 2]] as const) {
      const parts = splitEvenly(requests, live.length, cursor);
      expect(okShare(requests, live, cursor)).toBe(parts.reduce((n, p, i) => n + (live[i] ? p : 0), 0));
    }
    expect(okShare(7, [true, true], 1)).toBe(7);
    expect(okShare(7, [false], 0)).toBe(0);
  });
});
