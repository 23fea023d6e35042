/**
 * What a kubelet reports about its node: the Node object it registers and the
 * conditions its status setters compute
 * (pkg/kubelet/kubelet_node_status.go, pkg/kubelet/nodestatus/setters.go).
 */
import type { NodeConfig } from '../actions';
import type { KubeletSettings } from '../config';
import { cpuMillis, formatBytes, formatCpu, quantityValue } from '../api/quantity';
import type { Node, NodeCondition } from '../api/types';
import { LABEL_REGION, LABEL_ZONE } from '../controllers/zones';

export interface ConditionOverride {
  status: string;
  reason?: string;
  message?: string;
}

interface ConditionDefaults {
  healthy: string;
  reasons: Record<string, string>;
  messages: Record<string, string>;
  /** Events the kubelet records when the condition changes to a status. */
  events: Record<string, string>;
}

/** The setters' reasons and messages, and the events they record on a change. */
const CONDITIONS: Record<string, ConditionDefaults> = {
  MemoryPressure: {
    healthy: 'False',
    reasons: { False: 'KubeletHasSufficientMemory', True: 'KubeletHasInsufficientMemory' },
    messages: { False: 'kubelet has sufficient memory available', True: 'kubelet has insufficient memory available' },
    events: { False: 'NodeHasSufficientMemory', True: 'NodeHasInsufficientMemory' },
  },
  DiskPressure: {
    healthy: 'False',
    reasons: { False: 'KubeletHasNoDiskPressure', True: 'KubeletHasDiskPressure' },
    messages: { False: 'kubelet has no disk pressure', True: 'kubelet has disk pressure' },
    events: { False: 'NodeHasNoDiskPressure', True: 'NodeHasDiskPressure' },
  },
  PIDPressure: {
    healthy: 'False',
    reasons: { False: 'KubeletHasSufficientPID', True: 'KubeletHasInsufficientPID' },
    messages: { False: 'kubelet has sufficient PID available', True: 'kubelet has insufficient PID available' },
    events: { False: 'NodeHasSufficientPID', True: 'NodeHasInsufficientPID' },
  },
  Ready: {
    healthy: 'True',
    reasons: { True: 'KubeletReady', False: 'KubeletNotReady', Unknown: 'KubeletNotReady' },
    messages: { True: 'kubelet is posting ready status', False: 'container runtime is down', Unknown: 'kubelet status unknown' },
    events: { True: 'NodeReady', False: 'NodeNotReady', Unknown: 'NodeNotReady' },
  },
};

/** NetworkUnavailable is reported only once something (CNI, route controller) sets it. */
const NETWORK_UNAVAILABLE: ConditionDefaults = {
  healthy: 'False',
  reasons: { False: 'RouteCreated', True: 'NoRouteCreated' },
  messages: { False: 'RouteController created a route', True: 'Node created without a route' },
  events: {},
};

export interface ConditionChange {
  type: string;
  status: string;
  /** The event reason the kubelet records for it, if any. */
  event?: string;
}

/**
 * The conditions the kubelet would post now, with heartbeat = now and
 * lastTransitionTime moved only where the status differs from what the API
 * holds (the setters work on the fetched node).
 */
export function computeConditions(
  current: readonly NodeCondition[] | undefined,
  overrides: Readonly<Record<string, ConditionOverride>>,
  nowTimestamp: string,
): { conditions: NodeCondition[]; changes: ConditionChange[] } {
  const conditions: NodeCondition[] = [];
  const changes: ConditionChange[] = [];
  const types = Object.keys(CONDITIONS);
  if (overrides.NetworkUnavailable || current?.some((c) => c.type === 'NetworkUnavailable')) types.unshift('NetworkUnavailable');
  for (const type of types) {
    const defaults = type === 'NetworkUnavailable' ? NETWORK_UNAVAILABLE : CONDITIONS[type]!;
    const override = overrides[type];
    const status = override?.status ?? defaults.healthy;
    const previous = current?.find((c) => c.type === type);
    const changed = previous?.status !== status;
    conditions.push({
      type,
      status,
      reason: override?.reason ?? defaults.reasons[status] ?? 'KubeletReported',
      message: override?.message ?? defaults.messages[status] ?? '',
      lastHeartbeatTime: nowTimestamp,
      lastTransitionTime: changed || !previous?.lastTransitionTime ? nowTimestamp : previous.lastTransitionTime,
    });
    if (changed) changes.push({ type, status, ...(defaults.events[status] ? { event: defaults.events[status] } : {}) });
  }
  return { conditions, changes };
}

/** Whether two condition lists differ in anything but heartbeat times (upstream nodeStatusHasChanged). */
export function conditionsDiffer(a: readonly NodeCondition[] | undefined, b: readonly NodeCondition[] | undefined): boolean {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return true;
  return (a ?? []).some((x) => {
    const y = b?.find((c) => c.type === x.type);
    return !y || y.status !== x.status || y.reason !== x.reason || y.message !== x.message || y.lastTransitionTime !== x.lastTransitionTime;
  });
}

export interface NodeResources {
  cpu: string;
  memory: string;
  pods: string;
}

export function nodeResources(config: NodeConfig, settings: KubeletSettings): NodeResources {
  const capacity = config.capacity ?? {};
  return {
    cpu: formatCpu(cpuMillis(capacity.cpu ?? '4')),
    memory: formatBytes(quantityValue(capacity.memory ?? '16Gi')),
    pods: String(quantityValue(capacity.pods ?? settings.maxPods)),
  };
}

/** The Node object a kubelet registers (labels, taints, capacity, Ready conditions). */
export function initialNode(config: NodeConfig, resources: NodeResources, internalIP: string, nowTimestamp: string): Omit<Node, 'metadata'> & { metadata: { name: string; labels: Record<string, string> } } {
  const labels: Record<string, string> = {
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/os': 'linux',
    'kubernetes.io/hostname': config.name,
    ...(config.region ? { [LABEL_REGION]: config.region } : {}),
    ...(config.zone ? { [LABEL_ZONE]: config.zone } : {}),
    ...config.labels,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: config.name, labels },
    spec: {
      ...(config.taints?.length ? { taints: config.taints.map((t) => ({ ...t })) } : {}),
      ...(config.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      capacity: { ...resources },
      allocatable: { ...resources },
      conditions: computeConditions(undefined, {}, nowTimestamp).conditions,
      addresses: [
        { type: 'InternalIP', address: internalIP },
        { type: 'Hostname', address: config.name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.1.0',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.32.0',
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '',
      },
    },
  };
}
