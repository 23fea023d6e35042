/**
 * Narrow reads of the store for the graph. Those that scan a whole Map cache
 * their answer on the Map's identity: the store never mutates a Map, so the
 * same Map means the same answer, and a frame that changes only leases costs
 * nothing here.
 */
import type { Node, Pod } from '../../sim/api/types';
import type { MachineView } from '../../protocol/messages';
import { nodeZone } from '../kube';
import type { SimState } from '../store';

let placementsFor: ReadonlyMap<string, Node> | null = null;
let placements: string[] = [];

/** "zone\0node" for every node, sorted: the graph's shape, and nothing else (use with useShallow). */
export function selectPlacementKeys(s: SimState): string[] {
  if (s.cluster.nodes !== placementsFor) {
    placementsFor = s.cluster.nodes;
    placements = [...s.cluster.nodes.values()].map((n) => `${nodeZone(n)}\u0000${n.metadata.name}`).sort();
  }
  return placements;
}

export function decodePlacement(key: string): { zone: string; node: string } {
  const cut = key.indexOf('\u0000');
  return { zone: key.slice(0, cut), node: key.slice(cut + 1) };
}

let unscheduledFor: ReadonlyMap<string, Pod> | null = null;
let unscheduled: string[] = [];

/** Keys of pods no node has yet (use with useShallow). */
export function selectUnscheduledKeys(s: SimState): string[] {
  if (s.cluster.pods !== unscheduledFor) {
    unscheduledFor = s.cluster.pods;
    unscheduled = [];
    for (const [key, pod] of s.cluster.pods) if (!pod.spec.nodeName) unscheduled.push(key);
  }
  return unscheduled;
}

/** What a node's heartbeat line shows. */
export type LinkState = 'ok' | 'cut' | 'off' | 'shutting-down' | 'no-kubelet';

export function linkState(machine: MachineView | undefined): LinkState {
  if (!machine) return 'no-kubelet';
  if (!machine.reachable) return 'cut';
  if (machine.power === 'off') return 'off';
  if (machine.power === 'shutting-down') return 'shutting-down';
  return 'ok';
}
