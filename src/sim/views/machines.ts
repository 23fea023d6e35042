/** The machines behind the Node objects, as the page shows them. */
import type { ApiServer } from '../apiserver/apiserver';
import type { Node } from '../api/types';
import { LABEL_ZONE } from '../controllers/zones';
import type { Kubelets } from '../kubelet/kubelets';
import type { Network } from '../network/network';

/**
 * The machine behind a node, which the API cannot show: whether it has
 * power and whether it can reach the control plane.
 */
export interface MachineView {
  name: string;
  power: 'on' | 'off' | 'shutting-down';
  /** The node itself is cut off (partition-node); see also partitionedZones. */
  partitioned: boolean;
  /** Whether the node can reach the API server (false when it or its zone is cut off). */
  reachable: boolean;
}

/** One view per Node object that has a machine, by node name (the engine has no list of kubelets to iterate). */
export function machineViews(api: ApiServer, kubelets: Kubelets, network: Network): MachineView[] {
  const names = [...api.list<Node>('Node')].map((node) => node.metadata.name).sort();
  const out: MachineView[] = [];
  for (const name of names) {
    const kubelet = kubelets.view(name);
    if (!kubelet) continue;
    const zone = kubelet.config.zone ?? kubelet.config.labels?.[LABEL_ZONE];
    out.push({
      name,
      power: kubelet.power,
      partitioned: network.isNodePartitioned(name),
      reachable: network.reachable(name, zone),
    });
  }
  return out;
}
