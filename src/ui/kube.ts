/**
 * Reading API objects for display. The UI may not import the engine's
 * runtime code, so the few helpers it needs live here.
 */
import type { Node, Pod, Taint } from '../sim/api/types';

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
