/** The addresses a kubelet reports: its node's InternalIP and the IPs of the pods it starts. */
import type { KubeletState } from './state';

export function internalIP(state: KubeletState): string {
  return `10.0.${(state.nodeIndex >> 8) & 255}.${(state.nodeIndex & 255) + 1}`;
}

export function nextPodIP(state: KubeletState): string {
  const n = state.nextPodIP++;
  return `10.${64 + ((state.nodeIndex >> 8) & 63)}.${state.nodeIndex & 255}.${(n % 254) + 1}`;
}
