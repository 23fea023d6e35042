/**
 * What the kubelet's parts (lease, node status, pod lifecycle, shutdown) get
 * from the component that holds every kubelet: the API, its timers, the
 * kubelets' state and whether a node can reach the API server.
 */
import type { ApiServer } from '../apiserver/apiserver';
import type { ComponentContext } from '../component';
import type { Rng } from '../core/rng';
import type { TimerSlots } from '../core/timers';
import type { Pod } from '../api/types';
import type { KubeletState } from './state';

export interface KubeletHost {
  readonly ctx: ComponentContext;
  readonly api: ApiServer;
  /** Timer keys: "<part>\0<node>[\0<ns/name>…]" (the keys below). */
  readonly slots: TimerSlots;
  readonly rng: Rng;
  require(name: string): KubeletState;
  /** The node's machine can reach the API server (network/network.ts). */
  reachable(name: string): boolean;
  /** Powered and able to talk to the API server. */
  connected(name: string): boolean;
  /** Containers and kubelet stop at once (power loss, end of a shutdown). */
  powerOff(name: string): void;
  /** The last shutdown group is done: the machine powers off (and boots again if it was started meanwhile). */
  shutdownDone(name: string): void;
  recordNodeEvent(name: string, type: 'Normal' | 'Warning', reason: string, message: string): void;
  recordPodEvent(name: string, pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export const leaseKey = (node: string) => `lease\u0000${node}`;
export const statusKey = (node: string) => `status\u0000${node}`;
export const shutdownKey = (node: string) => `shutdown\u0000${node}`;
export const podTimerKey = (node: string, podKey: string) => `pod\u0000${node}\u0000${podKey}`;
export const podKeyOf = (pod: Pod) => `${pod.metadata.namespace}/${pod.metadata.name}`;
/** A key of the kubelet's sync queue. */
export const podQueueKey = (node: string, pod: Pod) => `${node}\u0000${podKeyOf(pod)}`;
export const containerTimerKey = (node: string, podKey: string, container: string) => `ctr\u0000${node}\u0000${podKey}\u0000${container}`;
export const probeTimerKey = (node: string, podKey: string, container: string, type: string) => `probe\u0000${node}\u0000${podKey}\u0000${container}\u0000${type}`;

/** The stored pod the kubelet's local record is about, if the node can see it (same uid). */
export function visiblePod(host: KubeletHost, name: string, podKey: string, uid: string): Pod | undefined {
  if (!host.reachable(name)) return undefined;
  const [namespace, podName] = podKey.split('/') as [string, string];
  const pod = host.api.get<Pod>('Pod', podName, namespace);
  return pod && pod.metadata.uid === uid ? pod : undefined;
}
