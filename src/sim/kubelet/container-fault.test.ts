/**
 * The container-fault action through the engine, with upstream's timings:
 * pkg/kubelet/prober/worker.go (period, failureThreshold, timeout of a probe
 * that gets no answer), pkg/kubelet/kuberuntime (killContainer's "failed
 * liveness probe, will be restarted"), client-go flowcontrol backoff as
 * doBackOff uses it (10 s doubling to 5 min).
 */
import { describe, expect, it } from 'vitest';
import type { SimAction } from '../actions';
import type { Manifest, Pod } from '../api/types';
import type { EndpointSlice } from '../controllers/endpointslice';
import { fromTimestamp } from '../core/time';
import { Simulation } from '../simulation';
import { restartTimes } from './restart-times.test-support';

const NODE = 'zone-a-1';
const http = { httpGet: { path: '/healthz', port: 8080 } };

function pod(name: string, container: Record<string, unknown> = {}, more: Record<string, unknown>[] = []): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: { nodeName: NODE, containers: [{ name: 'app', image: 'nginx', ...container }, ...more] },
  };
}

function service(name: string): Manifest {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } };
}

function start(...objects: Manifest[]): Simulation {
  const sim = new Simulation({ nodes: [{ name: NODE, zone: 'zone-a' }] });
  for (const object of objects) sim.schedule(0, { do: 'apply', object });
  return sim;
}

const fault = (pod: string, kind: 'crash' | 'hang' | 'unready', extra: Partial<Extract<SimAction, { do: 'container-fault' }>> = {}): SimAction => ({ do: 'container-fault', pod, fault: kind, ...extra });
const status = (sim: Simulation, name: string) => sim.api.get<Pod>('Pod', name, 'default')!.status;
const container = (sim: Simulation, name: string, index = 0) => status(sim, name).containerStatuses![index]!;
const ready = (sim: Simulation, name: string) => status(sim, name).conditions?.find((c) => c.type === 'Ready')?.status;
const events = (sim: Simulation, reason: string) => sim.api.events.all().filter((e) => e.reason === reason);

function endpointReady(sim: Simulation, name: string): boolean | undefined {
  for (const slice of sim.api.list<EndpointSlice>('EndpointSlice')) {
    for (const endpoint of slice.endpoints ?? []) if (endpoint.targetRef?.name === name) return endpoint.conditions?.ready ?? undefined;
  }
  return undefined;
}


describe('container-fault', () => {
  it('hang: the liveness probe (period 10 s, threshold 3, timeout 1 s) kills the container at the third failure, then it runs again', () => {
    // Admitted at 0 (probes tick at 10, 20, 30 …), started at 2 s, hung from 25 s:
    // the probes at 30, 40, 50 s time out at 31, 41, 51 s; the third kills it.
    const sim = start(pod('web', { livenessProbe: http }));
    sim.schedule(25_000, fault('web', 'hang', { container: 'app' }));
    const restarts = restartTimes(sim, 'web');
    sim.runUntil(50_999);
    expect(events(sim, 'Unhealthy').map((e) => e.count)).toEqual([2]);
    expect(events(sim, 'Killing')).toEqual([]);
    sim.runUntil(51_000);
    const unhealthy = events(sim, 'Unhealthy');
    expect(unhealthy.map((e) => [e.type, e.count])).toEqual([['Warning', 3]]);
    expect(unhealthy[0]!.message).toMatch(/^Liveness probe failed: Get "http:\/\/[\d.]+:8080\/healthz": context deadline exceeded/);
    expect(events(sim, 'Killing').map((e) => [e.firstTimestampMs, e.message])).toEqual([[51_000, 'Container app failed liveness probe, will be restarted']]);
    expect(restarts).toEqual([51_000]);
    const c = container(sim, 'web');
    expect(c.restartCount).toBe(1);
    expect(c.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(fromTimestamp(c.lastState!.terminated!.finishedAt!)).toBe(51_000);
    // The fault was about the run that was killed: the new one answers.
    sim.runUntil(300_000);
    expect(events(sim, 'Unhealthy')[0]!.count).toBe(3);
    expect(container(sim, 'web')).toMatchObject({ restartCount: 1, ready: true });
    expect(container(sim, 'web').state?.running).toBeDefined();
  });

  it('hang with no liveness probe: it keeps running, unready once its readiness probe fails, and leaves the endpoints', () => {
    const sim = start(pod('web', { readinessProbe: http }), service('web'));
    sim.runUntil(20_000);
    expect(ready(sim, 'web')).toBe('True');
    expect(endpointReady(sim, 'web')).toBe(true);
    sim.schedule(25_000, fault('web', 'hang'));
    // The start (2 s) probes readiness at once without resetting its ticker (upstream worker.run),
    // which ticks from the pod's admission (0): 10, 20, 30 … s. The probes at 30, 40, 50 s time
    // out 1 s later: Ready=False at 51 s.
    sim.runUntil(50_999);
    expect(ready(sim, 'web')).toBe('True');
    sim.runUntil(51_000);
    expect(ready(sim, 'web')).toBe('False');
    sim.runUntil(60_000);
    expect(endpointReady(sim, 'web')).toBe(false);
    sim.runUntil(600_000);
    expect(container(sim, 'web')).toMatchObject({ restartCount: 0, ready: false });
    expect(container(sim, 'web').state?.running).toBeDefined();
    expect(events(sim, 'Killing')).toEqual([]);
  });

  it('unready for 1m: Ready=False at the third failed readiness probe, True again at the first probe after it ends; no restart', () => {
    const sim = start(pod('web', { readinessProbe: http }), service('web'));
    sim.schedule(25_000, fault('web', 'unready', { forMs: 60_000 }));
    // Readiness ticks at 10, 20, 30 … s (from the admission; the start's probe does not move the grid).
    // The app answers 503 at once: failures at 30, 40, 50 s; the fault ends at 85 s, the probe at 90 s passes.
    sim.runUntil(49_999);
    expect(ready(sim, 'web')).toBe('True');
    sim.runUntil(50_000);
    expect(ready(sim, 'web')).toBe('False');
    expect(events(sim, 'Unhealthy')[0]!.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503');
    sim.runUntil(60_000);
    expect(endpointReady(sim, 'web')).toBe(false);
    sim.runUntil(89_999);
    expect(ready(sim, 'web')).toBe('False');
    sim.runUntil(90_000);
    expect(ready(sim, 'web')).toBe('True');
    sim.runUntil(100_000);
    expect(endpointReady(sim, 'web')).toBe(true);
    expect(container(sim, 'web').restartCount).toBe(0);
  });

  it('crash: exits with code 1 (reason Error) and is restarted at once the first time', () => {
    const sim = start(pod('web'));
    sim.schedule(25_000, fault('web', 'crash'));
    const restarts = restartTimes(sim, 'web');
    sim.runUntil(300_000);
    expect(restarts).toEqual([25_000]);
    const c = container(sim, 'web');
    expect(c.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(fromTimestamp(c.lastState!.terminated!.finishedAt!)).toBe(25_000);
    expect(c.state?.running).toBeDefined();
    expect(status(sim, 'web').phase).toBe('Running');
  });

  it('crash for 2m: every run in that time exits at once; restarts back off 10 s, 20 s, 40 s, 80 s in CrashLoopBackOff', () => {
    const sim = start(pod('web'));
    sim.schedule(25_000, fault('web', 'crash', { forMs: 120_000 }));
    const restarts = restartTimes(sim, 'web');
    sim.runUntil(30_000);
    const waiting = container(sim, 'web');
    expect(waiting.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(waiting.state!.waiting!.message).toMatch(/^back-off 10s restarting failed container=app pod=web_default\(.+\)$/);
    expect(waiting.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    sim.runUntil(400_000);
    // Crashes at 25 (restart at once), 25, 35, 55, 95 s; the fault ends at 145 s, so the run from 175 s stays up.
    expect(restarts).toEqual([25_000, 35_000, 55_000, 95_000, 175_000]);
    expect(restarts.slice(1).map((t, i) => t - restarts[i]!)).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(container(sim, 'web')).toMatchObject({ restartCount: 5 });
    expect(container(sim, 'web').state?.running).toBeDefined();
    expect(events(sim, 'BackOff')[0]!.message).toMatch(/^Back-off restarting failed container app in pod web_default\(.+\)$/);
  });

  it('hits only the named container of a pod with several', () => {
    const sim = start(pod('web', {}, [{ name: 'side', image: 'busybox' }]));
    sim.schedule(25_000, fault('web', 'crash', { container: 'side' }));
    sim.runUntil(60_000);
    expect(container(sim, 'web', 0).restartCount).toBe(0);
    expect(container(sim, 'web', 1)).toMatchObject({ name: 'side', restartCount: 1 });
  });

  it('refuses an unknown pod, a pod not running, an unknown container and an unknown fault, naming each', () => {
    const sim = start(pod('web'));
    sim.runUntil(1_000);
    expect(sim.act(fault('web', 'crash')).error).toBe('pod web is not running (Pending on zone-a-1)');
    sim.runUntil(10_000);
    expect(sim.act(fault('nope', 'crash')).error).toBe('pods "nope" not found');
    expect(sim.act(fault('web', 'crash', { container: 'side' })).error).toBe('container side is not valid for pod web');
    expect(sim.act(fault('web', 'explode' as 'crash')).error).toBe('unknown fault "explode" (crash, hang or unready)');
    sim.act({ do: 'kill-node', node: NODE });
    expect(sim.act(fault('web', 'hang')).error).toBe('pod web is not running: its node zone-a-1 is off');
  });
});
