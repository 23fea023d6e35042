/**
 * The addresses a kubelet reports: its node's InternalIP, and the IPs of the
 * pods it starts, from its node's `spec.podCIDR` (node IPAM) as the CNI
 * plugin's host-local IPAM hands them out: from .2 up (.1 is the bridge's
 * gateway), round-robin past the last one given, skipping addresses in use.
 * A host-network pod has its node's address.
 * Upstream: containernetworking/plugins host-local (rangeStart defaults to
 * the subnet's .2, the gateway to .1).
 */
import type { Node, Pod } from '../api/types';
import { formatIPv4, nodeInternalIP, parseCidr } from '../network/cidr';
import type { KubeletState } from './state';

export function internalIP(state: KubeletState): string {
  return nodeInternalIP(state.nodeIndex);
}

/** Before node IPAM gave the node its CIDR (or on a Node without one): 10.128+.<node>.x, outside the cluster CIDR. */
function fallbackCidr(state: KubeletState): string {
  return `10.${128 + ((state.nodeIndex >> 8) & 127)}.${state.nodeIndex & 255}.0/24`;
}

export function nextPodIP(state: KubeletState, node: Node | undefined, pod: Pod): string {
  if (pod.spec.hostNetwork) return internalIP(state);
  const cidr = parseCidr(node?.spec?.podCIDR ?? fallbackCidr(state)) ?? parseCidr(fallbackCidr(state))!;
  const usable = Math.max(1, 2 ** (32 - cidr.prefix) - 3);
  const inUse = new Set(Object.values(state.pods).map((p) => p.podIP));
  for (let i = 0; i < usable; i++) {
    const n = state.nextPodIP++;
    const ip = formatIPv4(cidr.base + 2 + ((n - 1) % usable));
    if (!inUse.has(ip)) return ip;
  }
  return formatIPv4(cidr.base + 2 + ((state.nextPodIP++ - 1) % usable));
}
