/**
 * What can happen to a cluster from outside: the scenario format's actions
 * (scenario-format.md, "actions") and the playground's buttons are both these.
 */
import type { KubeletSettings } from './config';
import type { Manifest } from './api/types';

export interface NodeConfig {
  name: string;
  zone?: string;
  region?: string;
  labels?: Record<string, string>;
  /** cpu, memory and pods as Kubernetes quantities; defaults cpu 4, memory 16Gi, pods = maxPods. */
  capacity?: { cpu?: string | number; memory?: string | number; pods?: string | number };
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  /** Per-node kubelet settings (override the cluster's). */
  kubelet?: Partial<KubeletSettings>;
}

export interface TaintSpec {
  key: string;
  value?: string;
  effect: string;
}

/** What the container-fault action makes a container do (container-fault.ts in the kubelet says how). */
export const CONTAINER_FAULTS = ['crash', 'hang', 'unready'] as const;
export type ContainerFaultKind = (typeof CONTAINER_FAULTS)[number];

export type SimAction =
  | { do: 'kill-node'; node: string }
  | { do: 'start-node'; node: string }
  | { do: 'shutdown-node'; node: string }
  | { do: 'partition-node'; node: string }
  | { do: 'heal-node'; node: string }
  | { do: 'partition-zone'; zone: string }
  | { do: 'heal-zone'; zone: string }
  | { do: 'set-condition'; node: string; type: string; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string }
  | { do: 'cordon'; node: string }
  | { do: 'uncordon'; node: string }
  | { do: 'drain'; node: string }
  | { do: 'delete-node'; node: string }
  | { do: 'add-node'; node: NodeConfig }
  | { do: 'taint'; node: string; taint: TaintSpec }
  | { do: 'untaint'; node: string; taint: TaintSpec }
  | { do: 'scale'; kind: string; name: string; namespace?: string; replicas: number }
  | { do: 'apply'; object: Manifest }
  | { do: 'delete'; kind: string; name: string; namespace?: string; force?: boolean }
  /**
   * A kubectl command line that changes the cluster (src/sim/kubectl),
   * run at its instant. `stdin` holds what `-f -` reads, as JSON text
   * (an array of manifests); the console converts YAML before recording.
   */
  | { do: 'kubectl'; line: string; stdin?: string }
  /**
   * A running container crashes, hangs (stops answering probes) or reports
   * itself unready: for `forMs` (every run in that time), else until it restarts.
   * `container` defaults to the pod's first.
   */
  | { do: 'container-fault'; pod: string; namespace?: string; container?: string; fault: ContainerFaultKind; forMs?: number }
  /** Requests per second to a Service from every node's kube-proxy (network/traffic.ts); 0 stops them. */
  | { do: 'set-traffic'; service: string; namespace?: string; rps: number };

export type ActionName = SimAction['do'];

/** One line of what an action did, for the trace: "node zone-a-1 loses power". */
export function describeAction(action: SimAction): string {
  switch (action.do) {
    case 'kill-node':
      return `node ${action.node} loses power`;
    case 'start-node':
      return `node ${action.node} boots`;
    case 'shutdown-node':
      return `node ${action.node} shuts down`;
    case 'partition-node':
      return `node ${action.node} is cut off from the control plane`;
    case 'heal-node':
      return `node ${action.node} can reach the control plane again`;
    case 'partition-zone':
      return `zone ${action.zone} is cut off from the control plane`;
    case 'heal-zone':
      return `zone ${action.zone} can reach the control plane again`;
    case 'set-condition':
      return `node ${action.node} reports ${action.type}=${action.status}${action.reason ? ` (${action.reason})` : ''}`;
    case 'cordon':
    case 'uncordon':
    case 'drain':
      return `kubectl ${action.do} ${action.node}`;
    case 'delete-node':
      return `kubectl delete node ${action.node}`;
    case 'add-node':
      return `node ${action.node.name} joins${action.node.zone ? ` zone ${action.node.zone}` : ''}`;
    case 'taint':
      return `kubectl taint node ${action.node} ${action.taint.key}${action.taint.value ? `=${action.taint.value}` : ''}:${action.taint.effect}`;
    case 'untaint':
      return `kubectl taint node ${action.node} ${action.taint.key}:${action.taint.effect}-`;
    case 'scale':
      return `kubectl scale ${action.kind.toLowerCase()}/${action.name} --replicas=${action.replicas}`;
    case 'apply':
      return `kubectl apply ${String(action.object.kind ?? '?').toLowerCase()}/${action.object.metadata?.name ?? action.object.metadata?.generateName ?? '?'}`;
    case 'delete':
      return `kubectl delete ${action.kind.toLowerCase()}/${action.name}${action.force ? ' --grace-period=0 --force' : ''}`;
    case 'kubectl':
      return action.line;
    case 'container-fault':
    {
      const pod = action.namespace && action.namespace !== 'default' ? `${action.namespace}/${action.pod}` : action.pod;
      const container = action.container === undefined ? 'the first container' : `container ${action.container}`;
      return `${container} of pod ${pod} ${FAULT_WORDS[action.fault]}${action.forMs === undefined ? ' until it restarts' : ` for ${action.forMs / 1000} s`}`;
    }
    case 'set-traffic':
      return `${action.rps} requests/s to Service ${action.namespace && action.namespace !== 'default' ? `${action.namespace}/` : ''}${action.service}`;
  }
}

const FAULT_WORDS: Record<ContainerFaultKind, string> = { crash: 'crashes', hang: 'hangs', unready: 'reports itself unready' };

/**
 * The kubectl command that does what the action does, for the console's
 * echo of a click; null for what kubectl cannot do (a machine losing power,
 * a network partition).
 */
export function kubectlEquivalent(action: SimAction): string | null {
  const ns = (namespace: string | undefined) => (namespace && namespace !== 'default' ? ` -n ${namespace}` : '');
  switch (action.do) {
    case 'cordon':
    case 'uncordon':
      return `kubectl ${action.do} ${action.node}`;
    case 'drain':
      return `kubectl drain ${action.node} --ignore-daemonsets --delete-emptydir-data`;
    case 'delete-node':
      return `kubectl delete node ${action.node}`;
    case 'taint':
      return `kubectl taint nodes ${action.node} ${action.taint.key}${action.taint.value ? `=${action.taint.value}` : ''}:${action.taint.effect}`;
    case 'untaint':
      return `kubectl taint nodes ${action.node} ${action.taint.key}:${action.taint.effect}-`;
    case 'scale':
      return `kubectl scale ${action.kind.toLowerCase()}/${action.name} --replicas=${action.replicas}${ns(action.namespace)}`;
    case 'apply':
      return `kubectl apply -f - # ${String(action.object.kind ?? '?').toLowerCase()}/${action.object.metadata?.name ?? action.object.metadata?.generateName ?? '?'}`;
    case 'delete':
      return `kubectl delete ${action.kind.toLowerCase()} ${action.name}${ns(action.namespace)}${action.force ? ' --grace-period=0 --force' : ''}`;
    case 'kubectl':
      return action.line;
    default:
      return null;
  }
}

/** An action that cannot be carried out (unknown node, not implemented yet, …). */
export class ActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionError';
  }
}
