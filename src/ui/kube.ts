/**
 * Reading API objects for display. The UI may not import the engine's
 * runtime code, so the few helpers it needs live here.
 */
import type { KubeObject, Node, Pod, Taint } from '../sim/api/types';

export const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** Condition statuses a healthy node reports; anything else is worth showing. */
const HEALTHY_CONDITION: Readonly<Record<string, string>> = {
  Ready: 'True',
  MemoryPressure: 'False',
  DiskPressure: 'False',
  PIDPressure: 'False',
  NetworkUnavailable: 'False',
};

export function nodeReadyStatus(node: Node): string {
  return node.status.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
}

/** Conditions other than Ready that are not at their healthy value: "DiskPressure=True". */
export function unusualConditions(node: Node): string[] {
  return (node.status.conditions ?? [])
    .filter((c) => c.type !== 'Ready' && HEALTHY_CONDITION[c.type] !== c.status)
    .map((c) => `${c.type}=${c.status}`);
}

/** "key=value:Effect", as kubectl prints a taint. */
export function formatTaint(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

export function nodeZone(node: Node): string {
  return node.metadata.labels?.[LABEL_ZONE] ?? '';
}

export function podReadyStatus(pod: Pod): string {
  return pod.status.conditions?.find((c) => c.type === 'Ready')?.status ?? 'False';
}

/** "node/zone-a-1", "pod/web-1": how kubectl names an object. */
export function objectRef(object: { kind: string; name: string }): string {
  return `${object.kind.toLowerCase()}/${object.name}`;
}

/** The cluster's DNS domain (the kubelet's clusterDomain; engine: network/cidr.ts). */
export const CLUSTER_DOMAIN = 'cluster.local';

export type ServiceObject = KubeObject & { spec?: { selector?: Record<string, string>; clusterIP?: string; ports?: { port?: number; protocol?: string; name?: string }[] } };

/** A Service's DNS name: `web.default.svc.cluster.local`. */
export function serviceDnsName(service: KubeObject): string {
  return `${service.metadata.name}.${service.metadata.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}`;
}

/** The Services whose selector picks this pod (same namespace, every selector label equal). */
export function servicesOfPod(pod: Pod, services: Iterable<KubeObject>): ServiceObject[] {
  const labels = pod.metadata.labels ?? {};
  const namespace = pod.metadata.namespace ?? 'default';
  const out: ServiceObject[] = [];
  for (const service of services as Iterable<ServiceObject>) {
    const selector = service.spec?.selector;
    if ((service.metadata.namespace ?? 'default') !== namespace || !selector || Object.keys(selector).length === 0) continue;
    if (Object.entries(selector).every(([k, v]) => labels[k] === v)) out.push(service);
  }
  return out.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}
