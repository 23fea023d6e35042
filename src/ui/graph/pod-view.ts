/** How a pod reads on a chip: who owns it, what state it is in, what it asks for. */
import type { Pod } from '../../sim/api/types';
import type { ScheduledEviction } from '../../protocol/messages';
import { formatSimTime } from '../format';
import { parseQuantity } from './quantity';

/** kubectl's short names, so "ReplicaSet/web-7d9f8c6b5" fits a chip as "rs/web-7d9f8c6b5". */
const SHORT_KIND: Readonly<Record<string, string>> = {
  ReplicaSet: 'rs',
  Deployment: 'deploy',
  DaemonSet: 'ds',
  StatefulSet: 'sts',
  Job: 'job',
  CronJob: 'cj',
  ReplicationController: 'rc',
  Node: 'node',
};

export interface PodOwner {
  /** What the chip shows: "rs/web-7d9f8c6b5", "app=web", or the pod's own name. */
  short: string;
  /** What a screen reader hears: "ReplicaSet web-7d9f8c6b5", "app web", "no owner". */
  spoken: string;
}

/** The controlling owner (kind/name) from ownerReferences, else the `app` label, else nothing. */
export function podOwner(pod: Pod): PodOwner {
  const refs = pod.metadata.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller) ?? refs[0];
  if (ref) return { short: `${SHORT_KIND[ref.kind] ?? ref.kind}/${ref.name}`, spoken: `${ref.kind} ${ref.name}` };
  const labels = pod.metadata.labels ?? {};
  const app = labels.app ?? labels['app.kubernetes.io/name'];
  if (app) return { short: `app=${app}`, spoken: `app ${app}` };
  return { short: pod.metadata.name, spoken: 'no owner' };
}

/** One word for what matters most about a pod now, most urgent first. */
export type PodState = 'terminating' | 'evicting' | 'failed' | 'succeeded' | 'pending' | 'unready' | 'ready';

export function podPhase(pod: Pod): string {
  return pod.status.phase ?? 'Pending';
}

export function isPodReady(pod: Pod): boolean {
  return pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function podState(pod: Pod, eviction: ScheduledEviction | undefined): PodState {
  if (pod.metadata.deletionTimestamp) return 'terminating';
  if (eviction) return 'evicting';
  const phase = podPhase(pod);
  if (phase === 'Failed') return 'failed';
  if (phase === 'Succeeded') return 'succeeded';
  if (phase === 'Pending' || phase === 'Unknown') return 'pending';
  return isPodReady(pod) ? 'ready' : 'unready';
}

/** A glyph per state, so a chip never speaks by colour alone (all in DejaVu Sans, which headless Linux has). */
export const STATE_GLYPH: Readonly<Record<PodState, string>> = {
  terminating: '✕',
  evicting: '!',
  failed: '✕',
  succeeded: '■',
  pending: '…',
  unready: '◌',
  ready: '✓',
};

/** "Running, ready" / "Running, not ready" / "Pending" / "Terminating". */
export function podStatusText(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const phase = podPhase(pod);
  if (phase !== 'Running') return phase;
  return isPodReady(pod) ? 'Running, ready' : 'Running, not ready';
}

/** The whole chip in words, for its accessible name and tooltip. Uses absolute times so it need not re-render every tick. */
export function podDescription(pod: Pod, eviction: ScheduledEviction | undefined, gone: boolean): string {
  const parts = [`Pod ${pod.metadata.name}`, `owner ${podOwner(pod).spoken}`, podStatusText(pod)];
  if (eviction && !pod.metadata.deletionTimestamp) parts.push(`eviction scheduled at t = ${formatSimTime(eviction.fireAtMs)}`);
  if (gone) parts.push('deleted');
  return parts.join(', ');
}

/** Creation time, then name: the order chips keep, so a new pod never reshuffles the others. */
export function podSortKey(pod: Pod | undefined, key: string): string {
  return `${pod?.metadata.creationTimestamp ?? ''}\u0000${pod?.metadata.name ?? key}`;
}

/** Pods that hold resources on their node: bound and not finished. */
export function holdsResources(pod: Pod): boolean {
  const phase = pod.status.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

export interface Requests {
  cpu: number;
  memory: number;
  pods: number;
}

/** Sum of the containers' requests (cores, bytes) and the pod count, over the pods that hold resources. */
export function sumRequests(keys: Iterable<string> | undefined, pods: ReadonlyMap<string, Pod>): Requests {
  let cpu = 0;
  let memory = 0;
  let count = 0;
  for (const key of keys ?? []) {
    const pod = pods.get(key);
    if (!pod || !holdsResources(pod)) continue;
    count++;
    for (const container of pod.spec.containers ?? []) {
      cpu += parseQuantity(container.resources?.requests?.cpu);
      memory += parseQuantity(container.resources?.requests?.memory);
    }
  }
  return { cpu, memory, pods: count };
}
