/**
 * What the node and zone menus offer, as data. Every item sends one engine
 * action (or one per node for a zone's "Kill all"); the engine's answer,
 * including "not implemented yet", comes back as the last-action line.
 */
import type { Node } from '../../sim/api/types';
import type { MachineView, NodeConfig } from '../../protocol/messages';
import { act } from '../actions';
import { nodeZone } from '../kube';
import { useSim } from '../store';
import type { MenuAction } from './ActionsMenu';
import type { DialogRequest } from './dialog-context';
import { nextNodeName } from './node-names';

const LABEL_REGION = 'topology.kubernetes.io/region';

export function nodeMenuItems(
  name: string,
  node: Node,
  machine: MachineView | undefined,
  openDialog: (request: DialogRequest) => void,
): MenuAction[] {
  const items: MenuAction[] = [];
  if (machine) {
    if (machine.power === 'off') items.push({ label: 'Start', hint: 'power on', onSelect: () => act({ do: 'start-node', node: name }) });
    else {
      items.push({ label: 'Kill', hint: 'power off now', danger: true, onSelect: () => act({ do: 'kill-node', node: name }) });
      if (machine.power === 'on') items.push({ label: 'Graceful shutdown', onSelect: () => act({ do: 'shutdown-node', node: name }) });
    }
    items.push(
      machine.partitioned
        ? { label: 'Heal', hint: 'reconnect', onSelect: () => act({ do: 'heal-node', node: name }) }
        : { label: 'Partition', hint: 'cut off', onSelect: () => act({ do: 'partition-node', node: name }) },
    );
  }
  items.push(
    node.spec.unschedulable
      ? { label: 'Uncordon', onSelect: () => act({ do: 'uncordon', node: name }) }
      : { label: 'Cordon', onSelect: () => act({ do: 'cordon', node: name }) },
    { label: 'Drain', hint: 'kubectl drain', onSelect: () => act({ do: 'drain', node: name }) },
    { label: 'Delete', hint: 'kubectl delete node', danger: true, onSelect: () => act({ do: 'delete-node', node: name }) },
    { label: 'Set condition…', opensDialog: true, onSelect: () => openDialog({ kind: 'condition', node: name }) },
    { label: 'Add taint…', opensDialog: true, onSelect: () => openDialog({ kind: 'taint', node: name }) },
  );
  if ((node.spec.taints ?? []).length > 0) items.push({ label: 'Remove taint…', opensDialog: true, onSelect: () => openDialog({ kind: 'untaint', node: name }) });
  return items;
}

/** Names of the zone's nodes, now. */
function nodesOf(zone: string): string[] {
  return [...useSim.getState().cluster.nodes.values()].filter((n) => nodeZone(n) === zone).map((n) => n.metadata.name);
}

export function zoneMenuItems(zone: string, partitioned: boolean): MenuAction[] {
  return [
    partitioned
      ? { label: 'Heal', hint: 'reconnect the zone', onSelect: () => act({ do: 'heal-zone', zone }) }
      : { label: 'Partition', hint: 'cut the zone off', onSelect: () => act({ do: 'partition-zone', zone }) },
    {
      label: 'Kill all nodes',
      danger: true,
      onSelect: () => {
        const machines = useSim.getState().machines.byNode;
        for (const node of nodesOf(zone)) if (machines.get(node)?.power !== 'off') act({ do: 'kill-node', node });
      },
    },
    {
      label: 'Start all nodes',
      onSelect: () => {
        const machines = useSim.getState().machines.byNode;
        for (const node of nodesOf(zone)) if (machines.get(node)?.power === 'off') act({ do: 'start-node', node });
      },
    },
    { label: 'Add a node', onSelect: () => addNodeTo(zone) },
  ];
}

export function addNodeTo(zone: string): void {
  const state = useSim.getState();
  const sibling = [...state.cluster.nodes.values()].find((n) => nodeZone(n) === zone);
  const region = state.zones.zones.find((z) => z.zone === zone)?.region || sibling?.metadata.labels?.[LABEL_REGION];
  const config: NodeConfig = { name: nextNodeName(zone || 'node', state.cluster.nodes.keys()), ...(zone ? { zone } : {}), ...(region ? { region } : {}) };
  act({ do: 'add-node', node: config });
}
