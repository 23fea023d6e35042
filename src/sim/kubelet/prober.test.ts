/**
 * Probes, restarts and back-off through the engine, with upstream's timings:
 * pkg/kubelet/prober/worker.go (thresholds, initial delay, startup gating),
 * client-go util/flowcontrol/backoff.go as kuberuntime's doBackOff uses it.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest, Pod } from '../api/types';
import { fromTimestamp } from '../core/time';
import { Simulation } from '../simulation';
import { BEHAVIOUR_ANNOTATION } from './container-behaviour';
import { restartTimes } from './restart-times.test-support';

const NODE = 'zone-a-1';

function podWith(name: string, container: Record<string, unknown>, behaviour?: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(behaviour ? { annotations: { [BEHAVIOUR_ANNOTATION]: behaviour } } : {}) },
    spec: { nodeName: NODE, containers: [{ name: 'app', image: 'nginx', ...container }], ...spec },
  };
}

const http = (extra: Record<string, unknown> = {}) => ({ httpGet: { path: '/healthz', port: 8080 }, ...extra });

function start(object: unknown): Simulation {
  const sim = new Simulation({ nodes: [{ name: NODE, zone: 'zone-a' }] });
  sim.schedule(0, { do: 'apply', object: object as Manifest });
  return sim;
}

const status = (sim: Simulation, name: string) => sim.api.get<Pod>('Pod', name, 'default')!.status;
const ready = (sim: Simulation, name: string) => status(sim, name).conditions?.find((c) => c.type === 'Ready')?.status;
const events = (sim: Simulation, reason: string) => sim.api.events.all().filter((e) => e.reason === reason);


describe('prober', () => {
  it('restarts a hung container at the third failed liveness probe (period 10 s, threshold 3, timeout 1 s)', () => {
    // Admitted at 0, probes tick at 10, 20, 30 …; started at 2 s, hangs from 25 s:
    // the probes at 30, 40, 50 s time out at 31, 41, 51 s; the third kills it.
    const sim = start(podWith('web', { livenessProbe: http() }, 'hang after 23s'));
    const restarts = restartTimes(sim, 'web');
    sim.runUntil(51_000);
    const unhealthy = events(sim, 'Unhealthy');
    expect(unhealthy.map((e) => e.count)).toEqual([3]);
    expect(unhealthy[0]!.message).toMatch(/^Liveness probe failed: Get "http:\/\/10\.64\.0\.\d+:8080\/healthz": context deadline exceeded/);
    expect(events(sim, 'Killing').map((e) => [e.firstTimestampMs, e.message])).toEqual([[51_000, 'Container app failed liveness probe, will be restarted']]);
    expect(restarts).toEqual([51_000]);
    const c = status(sim, 'web').containerStatuses![0]!;
    expect(c.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(fromTimestamp(c.lastState!.terminated!.finishedAt!)).toBe(51_000);
  });

  it('keeps the ticker grid through an hour of passing probes, and catches a hang on it', () => {
    // The worker sleeps through the passing ticks; it must still fail on the grid of 10 s from
    // admission: hung from 3,602 s, the probes at 3,610, 3,620, 3,630 s time out 1 s later.
    const sim = start(podWith('web', { livenessProbe: http(), readinessProbe: http() }, 'hang after 1h'));
    const restarts = restartTimes(sim, 'web');
    sim.runUntil(3_630_999);
    expect(restarts).toEqual([]);
    // Readiness (same period) has failed twice: not yet its threshold.
    expect(ready(sim, 'web')).toBe('True');
    expect(events(sim, 'Unhealthy').map((e) => [e.message.split(':')[0], e.count]).sort()).toEqual([
      ['Liveness probe failed', 2],
      ['Readiness probe failed', 2],
    ]);
    sim.runUntil(3_631_000);
    expect(restarts).toEqual([3_631_000]);
    // The new run is probed again: readiness at once, Ready at its start.
    sim.runUntil(3_632_000);
    expect(status(sim, 'web').containerStatuses![0]).toMatchObject({ restartCount: 1, ready: true });
  });

  it('backs off 10 s, 20 s, 40 s … capped at 5 min between restarts of a crashing container', () => {
    const sim = start(podWith('crash', {}, 'crash after 0s code 2'));
    const restarts = restartTimes(sim, 'crash');
    sim.runUntil(1_800_000);
    const gaps = restarts.map((t, i) => t - (i === 0 ? 2_000 : restarts[i - 1]!));
    expect(gaps.slice(0, 9)).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    const c = status(sim, 'crash').containerStatuses![0]!;
    expect(c.lastState?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    const backoff = events(sim, 'BackOff')[0]!;
    expect(backoff.type).toBe('Warning');
    expect(backoff.message).toMatch(/^Back-off restarting failed container app in pod crash_default\(.+\)$/);
  });

  it('shows CrashLoopBackOff with upstream\'s message while it waits', () => {
    const sim = start(podWith('crash', {}, 'crash after 0s'));
    sim.runUntil(5_000);
    const c = status(sim, 'crash').containerStatuses![0]!;
    expect(c.state?.waiting).toMatchObject({ reason: 'CrashLoopBackOff' });
    expect(c.state!.waiting!.message).toMatch(/^back-off 10s restarting failed container=app pod=crash_default\(.+\)$/);
    expect(status(sim, 'crash').phase).toBe('Running');
  });

  it('resets the back-off once a container ran for 10 minutes', () => {
    const sim = start(podWith('slow', {}, 'crash after 11m'));
    const restarts = restartTimes(sim, 'slow');
    sim.runUntil(2 * 660_000 + 2_000);
    // Each run is 11 min > 10 min since the last restart: every restart is immediate.
    expect(restarts).toEqual([662_000, 1_322_000]);
  });

  it('keeps a container unready until its readiness probe passes, and follows it', () => {
    // Started at 2 s; answers from 15 s; unready from 40 s to 70 s.
    const sim = start(podWith('web', { readinessProbe: http() }, 'start 13s; unready after 38s for 30s'));
    sim.runUntil(2_000);
    expect(ready(sim, 'web')).toBe('False');
    // The start triggers a probe at once (refused); the ticker, started when the pod was added
    // (t = 0) and not reset by the trigger (upstream worker.run), ticks at 10 s (refused), 20 s.
    sim.runUntil(19_999);
    expect(ready(sim, 'web')).toBe('False');
    sim.runUntil(20_000);
    expect(ready(sim, 'web')).toBe('True');
    // Unready from 40 s: failures at 40, 50, 60 s; the third (threshold 3) flips it.
    sim.runUntil(59_999);
    expect(ready(sim, 'web')).toBe('True');
    sim.runUntil(60_000);
    expect(ready(sim, 'web')).toBe('False');
    expect(status(sim, 'web').conditions?.find((c) => c.type === 'ContainersReady')).toMatchObject({ reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    // Readiness passes again at 70 s (68 s after the start, when the unready spell ends).
    sim.runUntil(69_999);
    expect(ready(sim, 'web')).toBe('False');
    sim.runUntil(70_000);
    expect(ready(sim, 'web')).toBe('True');
    expect(events(sim, 'Unhealthy')[0]!.message).toMatch(/^Readiness probe failed: /);
  });

  it('gates liveness and readiness on the startup probe, and kills a container that never starts', () => {
    const probes = { startupProbe: http({ periodSeconds: 5, failureThreshold: 4 }), livenessProbe: http(), readinessProbe: http() };
    const ok = start(podWith('ok', probes, 'start 12s'));
    ok.runUntil(14_999);
    expect(status(ok, 'ok').containerStatuses![0]).toMatchObject({ started: false, ready: false });
    // Startup ticks at 5, 10, 15, 20 s: answers from 14 s, so started at 15 s, readiness probed at once.
    ok.runUntil(15_000);
    expect(status(ok, 'ok').containerStatuses![0]).toMatchObject({ started: true, ready: true });
    expect(events(ok, 'Unhealthy').map((e) => e.message.split(':')[0])).toEqual(['Startup probe failed']);

    const never = start(podWith('never', probes, 'start 10m'));
    never.runUntil(20_000);
    expect(events(never, 'Killing').map((e) => [e.firstTimestampMs, e.message])).toEqual([[20_000, 'Container app failed startup probe, will be restarted']]);
  });

  it('waits initialDelaySeconds after the start before probing', () => {
    const sim = start(podWith('late', { livenessProbe: http({ initialDelaySeconds: 30 }) }, 'hang after 0s'));
    sim.runUntil(41_000);
    // 10, 20, 30 s: less than 30 whole seconds since the 2 s start; the first probe runs at 40 s.
    expect(events(sim, 'Unhealthy').map((e) => e.firstTimestampMs)).toEqual([41_000]);
  });

  it('OOM-kills a container whose memory reaches its limit, with reason OOMKilled and code 137', () => {
    const sim = start(podWith('leak', { resources: { limits: { memory: '200Mi' } } }, 'memory 100Mi growing 10Mi/s', { restartPolicy: 'Never' }));
    sim.runUntil(11_999);
    expect(status(sim, 'leak').phase).toBe('Running');
    sim.runUntil(12_000);
    expect(status(sim, 'leak').phase).toBe('Failed');
    expect(status(sim, 'leak').containerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('refuses a behaviour annotation that does not parse, naming the clause, and a probe period of 0', () => {
    const sim = new Simulation({ nodes: [{ name: NODE, zone: 'zone-a' }] });
    const bad = sim.act({ do: 'apply', object: podWith('bad', {}, 'crash after soon') });
    expect(bad.error).toContain(`metadata.annotations[${BEHAVIOUR_ANNOTATION}]`);
    expect(bad.error).toContain('"crash after soon": expected a duration such as 30s, found "soon"');
    const period = sim.act({ do: 'apply', object: podWith('zero', { livenessProbe: http({ periodSeconds: 0 }) }) });
    expect(period.error).toContain('spec.containers[0].livenessProbe.periodSeconds');
    expect(sim.api.get('Pod', 'bad', 'default')).toBeUndefined();
  });
});
