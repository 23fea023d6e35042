import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim';
import { SAMPLE_EVERY_MS, TimelineRecorder } from './timeline';

describe('timeline samples', () => {
  it('carry the running request totals once a Service has traffic, and none before', () => {
    const sim = new Simulation({ seed: 3, nodes: [{ name: 'n-1', zone: 'z' }] });
    sim.schedule(0, { do: 'apply', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { nodeName: 'n-1', containers: [{ name: 'web', image: 'nginx' }] } } });
    sim.schedule(0, { do: 'apply', object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } });
    sim.schedule(10_000, { do: 'set-traffic', service: 'web', rps: 4 });
    const recorder = new TimelineRecorder(sim);
    for (let next = sim.nextTimerAtMs(); next !== undefined && next <= 30_000; next = sim.nextTimerAtMs()) {
      recorder.beforeInstant(sim, next);
      sim.step();
      recorder.afterInstant(sim);
    }
    sim.runUntil(30_000);
    recorder.afterRun(sim);
    const byTime = new Map(recorder.samples.map((s) => [s.atMs, s.requests]));
    // A sample counts the world at its instant, after that instant ran: at 10 s the rate is set and nothing counted yet.
    expect(byTime.get(5_000)).toBeUndefined();
    expect(byTime.get(10_000)).toEqual({ ok: 0, failed: 0 });
    // The seconds ending at 11 … 15 s: 5 × 4 requests.
    expect(byTime.get(15_000)).toEqual({ ok: 20, failed: 0 });
    expect(byTime.get(30_000)).toEqual({ ok: 80, failed: 0 });
    expect(SAMPLE_EVERY_MS).toBe(5_000);
    // The same totals per Service, for the Requests lane's per-Service series.
    const services = new Map(recorder.samples.map((s) => [s.atMs, s.services]));
    expect(services.get(5_000)).toBeUndefined();
    expect(services.get(15_000)).toEqual({ 'default/web': { ok: 20, failed: 0 } });
    expect(services.get(30_000)).toEqual({ 'default/web': { ok: 80, failed: 0 } });
  });
});
