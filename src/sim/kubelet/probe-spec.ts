/**
 * A container's probes with upstream's defaults, and the output a probe
 * prints for each way a simulated container answers.
 * Upstream: pkg/apis/core/v1/defaults.go (SetDefaults_Probe, SetDefaults_HTTPGetAction),
 * pkg/probe/http, pkg/probe/tcp, pkg/probe/exec.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { Answer } from './container-behaviour';
import type { ProbeType } from './state';

export interface ResolvedProbe {
  handler: 'http' | 'tcp' | 'exec' | 'grpc';
  /** What the probe reaches: a URL path and port, a port, or a command. */
  port: string;
  path: string;
  command: string;
  initialDelaySeconds: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

export const PROBE_TYPES: readonly ProbeType[] = ['startup', 'liveness', 'readiness'];
const FIELD: Record<ProbeType, 'startupProbe' | 'livenessProbe' | 'readinessProbe'> = { startup: 'startupProbe', liveness: 'livenessProbe', readiness: 'readinessProbe' };

export function probeOf(container: Container, type: ProbeType): Probe | undefined {
  return container[FIELD[type]];
}

/** Upstream SetDefaults_Probe: timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3. */
export function resolveProbe(container: Container, probe: Probe): ResolvedProbe {
  const port = (value: string | number | undefined) => {
    if (typeof value === 'number' || value === undefined) return String(value ?? '');
    return String(container.ports?.find((p) => p.name === value)?.containerPort ?? value);
  };
  const handler = probe.httpGet ? 'http' : probe.tcpSocket ? 'tcp' : probe.grpc ? 'grpc' : 'exec';
  return {
    handler,
    port: probe.httpGet ? port(probe.httpGet.port) : probe.tcpSocket ? port(probe.tcpSocket.port) : probe.grpc ? String(probe.grpc.port) : '',
    path: probe.httpGet?.path || '/',
    command: (probe.exec?.command ?? []).join(' '),
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodMs: (probe.periodSeconds ?? 10) * 1000,
    timeoutMs: (probe.timeoutSeconds ?? 1) * 1000,
    successThreshold: probe.successThreshold ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
  };
}

/**
 * Whether the probe passes, and the output upstream's prober prints when it
 * does not. A TCP probe only sees the port: a container that answers but
 * reports itself unready still passes it.
 */
export function probeOutcome(spec: ResolvedProbe, type: ProbeType, answer: Answer, podIP: string): { success: boolean; output: string } {
  if (answer === 'ok' || (answer === 'unready' && (type !== 'readiness' || spec.handler === 'tcp'))) return { success: true, output: '' };
  const host = `${podIP}:${spec.port}`;
  const url = `http://${host}${spec.path}`;
  switch (spec.handler) {
    case 'http':
      if (answer === 'hung') return { success: false, output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
      if (answer === 'refused') return { success: false, output: `Get "${url}": dial tcp ${host}: connect: connection refused` };
      return { success: false, output: 'HTTP probe failed with statuscode: 503' };
    case 'tcp':
      return { success: false, output: answer === 'hung' ? `dial tcp ${host}: i/o timeout` : `dial tcp ${host}: connect: connection refused` };
    case 'grpc':
      if (answer === 'unready') return { success: false, output: 'service unhealthy (responded with "NOT_SERVING")' };
      return { success: false, output: `timeout: failed to connect service "${host}" within ${spec.timeoutMs / 1000}s` };
    case 'exec':
      // The command's own output is not simulated; a timeout is reported as upstream's exec prober does.
      return { success: false, output: answer === 'hung' ? `command ${JSON.stringify(spec.command)} timed out` : '' };
  }
}
