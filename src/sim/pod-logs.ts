/**
 * `GET /api/v1/namespaces/{ns}/pods/{name}/log`: the API server checks the
 * pod and the container, then proxies to the kubelet of the pod's node
 * (https://<InternalIP>:10250/containerLogs/…), which reads the container's
 * log. So it fails as a real cluster does when that node is unreachable:
 * the API server's dial error, which kubectl prints as
 * `Error from server: Get "https://172.18.0.3:10250/containerLogs/default/web-1/app": dial tcp 172.18.0.3:10250: connect: no route to host`.
 *
 * Upstream: pkg/registry/core/pod/strategy.go (LogLocation: container
 * name checks), pkg/kubelet/kubelet_pods.go (validateContainerLogStatus:
 * which run's log, "is waiting to start", "previous terminated container …
 * not found").
 */
import type { ApiServer } from './apiserver/apiserver';
import type { Network } from './network/network';
import type { Node, Pod } from './api/types';
import type { Kubelets } from './kubelet/kubelets';
import { renderLog, type LogLine } from './kubelet/container-logs';
import { LABEL_ZONE } from './controllers/zones';

export type { LogLine };

export interface ContainerLogsOptions {
  /** `kubectl logs --previous`: the run before the current one. */
  previous?: boolean;
}

/** An error as the API server returns it: HTTP code, Status reason ('' where kubectl prints no reason), message. */
export interface LogsError {
  code: number;
  reason: '' | 'NotFound' | 'BadRequest';
  message: string;
}

export type ContainerLogsResult = { ok: true; lines: LogLine[] } | { ok: false; error: LogsError };

const fail = (code: number, reason: LogsError['reason'], message: string): ContainerLogsResult => ({ ok: false, error: { code, reason, message } });

export function containerLogs(
  world: { api: ApiServer; kubelets: Kubelets; network: Network },
  namespace: string,
  podName: string,
  containerName: string | undefined,
  options: ContainerLogsOptions = {},
): ContainerLogsResult {
  const pod = world.api.get<Pod>('Pod', podName, namespace);
  if (!pod) return fail(404, 'NotFound', `pods "${podName}" not found`);
  const names = pod.spec.containers.map((c) => c.name);
  let container = containerName;
  if (container === undefined || container === '') {
    if (names.length !== 1) return fail(400, 'BadRequest', `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`);
    container = names[0]!;
  } else if (!names.includes(container)) {
    return fail(400, 'BadRequest', `container ${container} is not valid for pod ${podName}`);
  }
  const nodeName = pod.spec.nodeName;
  // Upstream LogLocation: no node, no location; the request returns nothing.
  if (!nodeName) return { ok: true, lines: [] };
  const node = world.api.get<Node>('Node', nodeName);
  const ip = node?.status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
  const url = `https://${ip}:10250/containerLogs/${namespace}/${podName}/${container}${options.previous ? '?previous=true' : ''}`;
  const kubelet = world.kubelets.view(nodeName);
  if (!kubelet || kubelet.power === 'off') return fail(500, '', `Get "${url}": dial tcp ${ip}:10250: connect: no route to host`);
  const zone = kubelet.config.zone ?? kubelet.config.labels?.[LABEL_ZONE];
  if (!world.network.reachable(nodeName, zone)) return fail(500, '', `Get "${url}": dial tcp ${ip}:10250: i/o timeout`);

  // The kubelet's side (validateContainerLogStatus).
  const local = kubelet.pods[`${namespace}/${podName}`];
  const c = local && local.uid === pod.metadata.uid ? local.containers.find((x) => x.name === container) : undefined;
  if (options.previous) {
    // During a back-off the last terminated run is the one the log still holds.
    const entries = c?.state === 'waiting' && c.lastExit ? c.log.current : c?.log.previous;
    if (!c || !c.lastExit || !entries) return fail(400, 'BadRequest', `previous terminated container "${container}" in pod "${podName}" not found`);
    return { ok: true, lines: renderLog(entries, local!.podIP) };
  }
  if (!c || (c.state === 'waiting' && !c.lastExit)) {
    return fail(400, 'BadRequest', `container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`);
  }
  return { ok: true, lines: renderLog(c.log.current, local!.podIP) };
}
