/**
 * The scheduler cache's view of one node (upstream framework.NodeInfo):
 * allocatable resources, the sum of what its pods request (actual and
 * non-zero), pod count, used host ports and the taints that matter to the
 * filters. Terminating pods count until their object is deleted
 * (kubernetes-behaviour.md §8 item 13).
 *
 * Upstream: pkg/scheduler/framework/types.go (NodeInfo, AddPodInfo,
 * RemovePod, SetNode), framework/types.go HostPortInfo.
 */
import { cpuMillis, quantityValue } from '../api/quantity';
import type { Node, Taint } from '../api/types';
import { getZoneKey } from '../controllers/zones';
import type { HostPort, PodInfo, Resources } from './pod-info';

export interface Allocatable {
  cpu: number;
  memory: number;
  ephemeral: number;
  pods: number;
  scalars: Map<string, number> | null;
}

const NO_TAINTS: readonly Taint[] = Object.freeze([]);
const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';

export class NodeInfo {
  /** undefined while only pods name this node (not yet created, or deleted). */
  node: Node | undefined;
  labels: Readonly<Record<string, string>> = {};
  unschedulable = false;
  /** NoSchedule and NoExecute taints, in the node's order (TaintToleration filter). */
  filterTaints: readonly Taint[] = NO_TAINTS;
  /** PreferNoSchedule taints (TaintToleration score). */
  preferTaints: readonly Taint[] = NO_TAINTS;
  zoneKey = '';
  allocatable: Allocatable = { cpu: 0, memory: 0, ephemeral: 0, pods: 0, scalars: null };
  requested: Resources = { cpu: 0, memory: 0, ephemeral: 0, scalars: null };
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, PodInfo>();
  /**
   * Scratch slot for one scheduling cycle: while `cycleEpoch` equals the
   * cycle's epoch, `cycleIndex` is the node's index among the scored nodes
   * (lets sparse per-node counts land in arrays without a lookup map).
   */
  cycleEpoch = 0;
  cycleIndex = 0;
  /** ip → "protocol/port" → number of pods using it. */
  private readonly usedPorts = new Map<string, Map<string, number>>();

  constructor(readonly name: string) {}

  get podCount(): number {
    return this.pods.size;
  }

  /** Upstream: NodeInfo.SetNode. */
  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    this.unschedulable = node.spec.unschedulable === true;
    const taints = node.spec.taints ?? [];
    this.filterTaints = taints.length ? taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute') : NO_TAINTS;
    this.preferTaints = taints.length ? taints.filter((t) => t.effect === 'PreferNoSchedule') : NO_TAINTS;
    this.zoneKey = getZoneKey(node);
    this.allocatable = parseAllocatable(node);
  }

  clearNode(): void {
    this.node = undefined;
  }

  addPod(pod: PodInfo): void {
    this.pods.set(pod.key, pod);
    this.update(pod, 1);
  }

  removePod(pod: PodInfo): void {
    if (this.pods.get(pod.key) !== pod) return;
    this.pods.delete(pod.key);
    this.update(pod, -1);
  }

  /** Upstream: HostPortInfo.CheckConflict — 0.0.0.0 conflicts with every address. */
  portConflict(port: HostPort): boolean {
    const id = `${port.protocol}/${port.port}`;
    if (port.ip === DEFAULT_BIND_ALL_HOST_IP) {
      for (const used of this.usedPorts.values()) if (used.has(id)) return true;
      return false;
    }
    return (this.usedPorts.get(DEFAULT_BIND_ALL_HOST_IP)?.has(id) ?? false) || (this.usedPorts.get(port.ip)?.has(id) ?? false);
  }

  hasUsedPorts(): boolean {
    return this.usedPorts.size > 0;
  }

  /** A detached copy for preemption's dry runs (pods are shared, never mutated). */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.name);
    copy.node = this.node;
    copy.labels = this.labels;
    copy.unschedulable = this.unschedulable;
    copy.filterTaints = this.filterTaints;
    copy.preferTaints = this.preferTaints;
    copy.zoneKey = this.zoneKey;
    copy.allocatable = this.allocatable;
    for (const pod of this.pods.values()) copy.addPod(pod);
    return copy;
  }

  private update(pod: PodInfo, sign: 1 | -1): void {
    const r = pod.request;
    const req = this.requested;
    req.cpu += sign * r.cpu;
    req.memory += sign * r.memory;
    req.ephemeral += sign * r.ephemeral;
    for (const [name, amount] of r.scalars ?? []) {
      req.scalars ??= new Map();
      req.scalars.set(name, (req.scalars.get(name) ?? 0) + sign * amount);
    }
    this.nonZeroCpu += sign * pod.nonZeroCpu;
    this.nonZeroMemory += sign * pod.nonZeroMemory;
    for (const port of pod.hostPorts) this.updatePort(port, sign);
  }

  private updatePort(port: HostPort, sign: 1 | -1): void {
    const id = `${port.protocol}/${port.port}`;
    let byIp = this.usedPorts.get(port.ip);
    if (!byIp) this.usedPorts.set(port.ip, (byIp = new Map()));
    const count = (byIp.get(id) ?? 0) + sign;
    if (count > 0) byIp.set(id, count);
    else byIp.delete(id);
    if (byIp.size === 0) this.usedPorts.delete(port.ip);
  }
}

let lastEpoch = 0;

/** Numbers `nodes` for one cycle (see NodeInfo.cycleEpoch); returns the epoch. */
export function markCycle(nodes: readonly NodeInfo[]): number {
  const epoch = ++lastEpoch;
  for (let j = 0; j < nodes.length; j++) {
    const node = nodes[j]!;
    node.cycleEpoch = epoch;
    node.cycleIndex = j;
  }
  return epoch;
}

/** Upstream: framework.NewResource(node.Status.Allocatable). */
export function parseAllocatable(node: Node): Allocatable {
  const list = (node.status.allocatable ?? {}) as Record<string, string | number>;
  const out: Allocatable = { cpu: 0, memory: 0, ephemeral: 0, pods: 0, scalars: null };
  for (const [name, value] of Object.entries(list)) {
    switch (name) {
      case 'cpu':
        out.cpu = cpuMillis(value);
        break;
      case 'memory':
        out.memory = quantityValue(value);
        break;
      case 'ephemeral-storage':
        out.ephemeral = quantityValue(value);
        break;
      case 'pods':
        out.pods = quantityValue(value);
        break;
      default:
        out.scalars ??= new Map();
        out.scalars.set(name, quantityValue(value));
    }
  }
  return out;
}
