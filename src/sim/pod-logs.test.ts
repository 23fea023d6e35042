/**
 * `kubectl logs` through the engine: the API server's checks
 * (pkg/registry/core/pod/strategy.go LogLocation), the kubelet's choice of
 * run (kubelet_pods.go validateContainerLogStatus) and the proxy's dial
 * error when the node is unreachable.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from './api/types';
import { BEHAVIOUR_ANNOTATION } from './kubelet/container-behaviour';
import { Simulation } from './simulation';

const NODE = 'n1';

function start(containers: Record<string, unknown>[], behaviour?: string): Simulation {
  const sim = new Simulation({ nodes: [{ name: NODE, zone: 'zone-a' }] });
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', ...(behaviour ? { annotations: { [BEHAVIOUR_ANNOTATION]: behaviour } } : {}) },
    spec: { nodeName: NODE, containers },
  };
  sim.schedule(0, { do: 'apply', object: pod as Manifest });
  return sim;
}

const texts = (r: ReturnType<Simulation['containerLogs']>) => (r.ok ? r.lines.map((l) => l.text) : r.error);

describe('container logs', () => {
  it('shows what the image prints on start, with RFC 3339 timestamps for --timestamps', () => {
    const sim = start([{ name: 'nginx', image: 'nginx:1.27' }]);
    sim.runUntil(10_000);
    const result = sim.containerLogs('default', 'web');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lines.map((l) => l.text)).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(result.lines[0]!.timestamp).toBe('2025-01-01T00:00:02.000000000Z');
    // Reading is side-effect free: the same lines again.
    expect(texts(sim.containerLogs('default', 'web', 'nginx'))).toEqual(result.lines.map((l) => l.text));
  });

  it('refuses a missing pod, an unnamed container of a two-container pod and an unknown container, as the API server does', () => {
    const sim = start([{ name: 'app', image: 'nginx' }, { name: 'sidecar', image: 'fluent/fluent-bit:3.2' }]);
    sim.runUntil(10_000);
    expect(texts(sim.containerLogs('default', 'nope'))).toEqual({ code: 404, reason: 'NotFound', message: 'pods "nope" not found' });
    expect(texts(sim.containerLogs('default', 'web'))).toEqual({ code: 400, reason: 'BadRequest', message: 'a container name must be specified for pod web, choose one of: [app sidecar]' });
    expect(texts(sim.containerLogs('default', 'web', 'db'))).toEqual({ code: 400, reason: 'BadRequest', message: 'container db is not valid for pod web' });
    expect(texts(sim.containerLogs('default', 'web', 'sidecar'))).toEqual(['Fluent Bit v3.2', '[2025/01/01 00:00:02] [ info] [engine] started (pid=1)']);
  });

  it('before the start: waiting to start; --previous without a restart: not found', () => {
    const sim = start([{ name: 'app', image: 'nginx' }]);
    sim.runUntil(1_000);
    expect(texts(sim.containerLogs('default', 'web'))).toEqual({ code: 400, reason: 'BadRequest', message: 'container "app" in pod "web" is waiting to start: ContainerCreating' });
    sim.runUntil(10_000);
    expect(texts(sim.containerLogs('default', 'web', 'app', { previous: true }))).toEqual({ code: 400, reason: 'BadRequest', message: 'previous terminated container "app" in pod "web" not found' });
  });

  it('keeps the run before a restart for --previous, and the crashed run while it backs off', () => {
    // Starts at 2 s, crashes at 12 s with code 3, restarts at once (first restart), crashes at 22 s, backs off 10 s.
    const sim = start([{ name: 'app', image: 'registry.example/api:2.4' }], 'crash after 10s code 3');
    sim.runUntil(13_000);
    expect(texts(sim.containerLogs('default', 'web'))).toEqual(['starting api 2.4', 'listening on :8080']);
    expect(texts(sim.containerLogs('default', 'web', 'app', { previous: true }))).toEqual(['starting api 2.4', 'listening on :8080', 'fatal error: exiting with status 3']);
    sim.runUntil(25_000);
    // In CrashLoopBackOff: both show the run that just crashed.
    const crashed = ['starting api 2.4', 'listening on :8080', 'fatal error: exiting with status 3'];
    expect(texts(sim.containerLogs('default', 'web'))).toEqual(crashed);
    expect(texts(sim.containerLogs('default', 'web', 'app', { previous: true }))).toEqual(crashed);
  });

  it('logs the failed readiness probes a server answers, as an access log', () => {
    const sim = start([{ name: 'app', image: 'nginx', readinessProbe: { httpGet: { path: '/ready', port: 80 } } }], 'unready after 5s for 30s');
    sim.runUntil(30_000);
    const lines = texts(sim.containerLogs('default', 'web')) as string[];
    expect(lines.filter((l) => l.includes('"GET /ready HTTP/1.1" 503')).length).toBeGreaterThan(0);
    expect(lines.find((l) => l.includes('GET /ready'))).toMatch(/^10\.64\.0\.1 - - \[01\/Jan\/2025:00:00:\d\d \+0000\] "GET \/ready HTTP\/1\.1" 503 0 "-" "kube-probe\/1\.32"$/);
  });

  it('fails with the proxy\'s dial error when the node is off or cut off', () => {
    const sim = start([{ name: 'app', image: 'nginx' }]);
    sim.runUntil(10_000);
    sim.act({ do: 'partition-node', node: NODE });
    expect(texts(sim.containerLogs('default', 'web', 'app', { previous: true }))).toEqual({
      code: 500,
      reason: '',
      message: 'Get "https://172.18.0.3:10250/containerLogs/default/web/app?previous=true": dial tcp 172.18.0.3:10250: i/o timeout',
    });
    sim.act({ do: 'kill-node', node: NODE });
    expect(texts(sim.containerLogs('default', 'web'))).toEqual({
      code: 500,
      reason: '',
      message: 'Get "https://172.18.0.3:10250/containerLogs/default/web/app": dial tcp 172.18.0.3:10250: connect: no route to host',
    });
  });
});
