/**
 * What the scheduler precomputes per pod (upstream framework.PodInfo): its
 * resource requests (actual and "non-zero"), host ports, and parsed
 * inter-pod affinity terms.
 *
 * Upstream: pkg/scheduler/framework/types.go (NewPodInfo, AffinityTerm),
 * component-helpers resource.PodRequests, pkg/scheduler/util (DefaultMilliCPURequest,
 * DefaultMemoryRequest), noderesources/fit.go computePodResourceRequest.
 */
import type { PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { fromLabelSelector, type Selector } from '../api/labels';
import { cpuMillis, quantityValue } from '../api/quantity';
import type { Pod } from '../api/types';

/** Upstream: schedutil.DefaultMilliCPURequest (100m). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Upstream: schedutil.DefaultMemoryRequest (200 MiB). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** cpu in millicores, everything else in base units. */
export interface Resources {
  cpu: number;
  memory: number;
  ephemeral: number;
  /** Extended resources and hugepages, only those > 0; null when none. */
  scalars: Map<string, number> | null;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** Upstream: framework.AffinityTerm (+ weight for preferred terms). */
export interface AffinityTerm {
  /** null = the selector selects nothing (a nil labelSelector). */
  selector: Selector | null;
  namespaces: ReadonlySet<string>;
  /** null = no namespaceSelector; [] selects every namespace. */
  namespaceSelector: Selector | null;
  topologyKey: string;
  weight: number;
}

export interface PodInfo {
  key: string;
  uid: string;
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  priority: number;
  /** '' while unassigned. */
  nodeName: string;
  terminating: boolean;
  request: Resources;
  nonZeroCpu: number;
  nonZeroMemory: number;
  hostPorts: readonly HostPort[];
  /** status.startTime, '' until the kubelet sets it (preemption order; upstream GetPodStartTime then uses "now"). */
  startTime: string;
  /** UID of the first owner reference ('' if none): PodTopologySpread scoring counts by it. */
  ownerUid: string;
  requiredAffinity: readonly AffinityTerm[];
  requiredAntiAffinity: readonly AffinityTerm[];
  preferredAffinity: readonly AffinityTerm[];
  preferredAntiAffinity: readonly AffinityTerm[];
  pod: Pod;
}

const NO_PORTS: readonly HostPort[] = Object.freeze([]);
const NO_TERMS: readonly AffinityTerm[] = Object.freeze([]);

export function podKeyOf(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

export function newPodInfo(pod: Pod): PodInfo {
  const requests = computePodRequests(pod);
  const affinity = pod.spec.affinity;
  return {
    key: podKeyOf(pod),
    uid: pod.metadata.uid,
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    labels: pod.metadata.labels ?? {},
    priority: pod.spec.priority ?? 0,
    nodeName: pod.spec.nodeName ?? '',
    terminating: pod.metadata.deletionTimestamp !== undefined,
    request: requests.request,
    nonZeroCpu: requests.nonZeroCpu,
    nonZeroMemory: requests.nonZeroMemory,
    hostPorts: hostPortsOf(pod),
    startTime: pod.status.startTime ?? '',
    ownerUid: pod.metadata.ownerReferences?.[0]?.uid ?? '',
    requiredAffinity: terms(pod, affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinity: terms(pod, affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinity: weightedTerms(pod, affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: weightedTerms(pod, affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    pod,
  };
}

export function hasAnyAffinity(info: PodInfo): boolean {
  return (
    info.requiredAffinity.length > 0 ||
    info.requiredAntiAffinity.length > 0 ||
    info.preferredAffinity.length > 0 ||
    info.preferredAntiAffinity.length > 0
  );
}

export function requestsNothing(r: Resources): boolean {
  return r.cpu === 0 && r.memory === 0 && r.ephemeral === 0 && r.scalars === null;
}

type ResourceList = Record<string, string | number> | undefined;

/**
 * Upstream: resource.PodRequests — max(sum of containers (+ sidecars),
 * each init container) + overhead. The "non-zero" variant substitutes
 * 100m / 200Mi for every container without a cpu / memory request.
 */
function computePodRequests(pod: Pod): PodRequests {
  // A stored pod never changes (a write stores a new copy), so its requests are worked out once per object.
  let known = requestsByPod.get(pod);
  if (!known) requestsByPod.set(pod, (known = podRequests(pod)));
  const { request } = known;
  return { ...known, request: { ...request, scalars: request.scalars && new Map(request.scalars) } };
}

interface PodRequests {
  request: Resources;
  nonZeroCpu: number;
  nonZeroMemory: number;
}

const requestsByPod = new WeakMap<Pod, PodRequests>();

function podRequests(pod: Pod): PodRequests {
  const request: Resources = { cpu: 0, memory: 0, ephemeral: 0, scalars: null };
  let nonZeroCpu = 0;
  let nonZeroMemory = 0;
  for (const c of pod.spec.containers) {
    const r = c.resources?.requests as ResourceList;
    addList(request, r);
    nonZeroCpu += r?.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : cpuMillis(r.cpu);
    nonZeroMemory += r?.memory === undefined ? DEFAULT_MEMORY_REQUEST : quantityValue(r.memory);
  }
  // Init containers run one at a time; restartable ones (sidecars) keep running.
  const sidecars: Resources = { cpu: 0, memory: 0, ephemeral: 0, scalars: null };
  for (const c of pod.spec.initContainers ?? []) {
    const r = c.resources?.requests as ResourceList;
    if (c.restartPolicy === 'Always') {
      addList(request, r);
      addList(sidecars, r);
      nonZeroCpu += r?.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : cpuMillis(r.cpu);
      nonZeroMemory += r?.memory === undefined ? DEFAULT_MEMORY_REQUEST : quantityValue(r.memory);
      continue;
    }
    const init: Resources = { cpu: sidecars.cpu, memory: sidecars.memory, ephemeral: sidecars.ephemeral, scalars: null };
    addList(init, r);
    maxInto(request, init);
    nonZeroCpu = Math.max(nonZeroCpu, r?.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : cpuMillis(r.cpu));
    nonZeroMemory = Math.max(nonZeroMemory, r?.memory === undefined ? DEFAULT_MEMORY_REQUEST : quantityValue(r.memory));
  }
  const overhead = pod.spec.overhead as ResourceList;
  if (overhead) {
    addList(request, overhead);
    nonZeroCpu += cpuMillis(overhead.cpu);
    nonZeroMemory += quantityValue(overhead.memory);
  }
  return { request, nonZeroCpu, nonZeroMemory };
}

function addList(into: Resources, list: ResourceList): void {
  if (!list) return;
  for (const [name, value] of Object.entries(list)) {
    switch (name) {
      case 'cpu':
        into.cpu += cpuMillis(value);
        break;
      case 'memory':
        into.memory += quantityValue(value);
        break;
      case 'ephemeral-storage':
        into.ephemeral += quantityValue(value);
        break;
      default: {
        const amount = quantityValue(value);
        if (amount <= 0 || name === 'pods') break;
        into.scalars ??= new Map();
        into.scalars.set(name, (into.scalars.get(name) ?? 0) + amount);
      }
    }
  }
}

function maxInto(into: Resources, other: Resources): void {
  into.cpu = Math.max(into.cpu, other.cpu);
  into.memory = Math.max(into.memory, other.memory);
  into.ephemeral = Math.max(into.ephemeral, other.ephemeral);
  for (const [name, amount] of other.scalars ?? []) {
    into.scalars ??= new Map();
    into.scalars.set(name, Math.max(into.scalars.get(name) ?? 0, amount));
  }
}

/** Upstream: schedutil.GetHostPorts — container ports with a hostPort. */
function hostPortsOf(pod: Pod): readonly HostPort[] {
  let out: HostPort[] | undefined;
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      (out ??= []).push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out ?? NO_PORTS;
}

function terms(pod: Pod, list: readonly PodAffinityTerm[] | undefined): readonly AffinityTerm[] {
  if (!list?.length) return NO_TERMS;
  return list.map((t) => newAffinityTerm(pod, t, 1));
}

function weightedTerms(pod: Pod, list: readonly WeightedPodAffinityTerm[] | undefined): readonly AffinityTerm[] {
  if (!list?.length) return NO_TERMS;
  return list.map((t) => newAffinityTerm(pod, t.podAffinityTerm, t.weight));
}

/** Upstream: newAffinityTerm / getNamespacesFromPodAffinityTerm. */
function newAffinityTerm(pod: Pod, term: PodAffinityTerm, weight: number): AffinityTerm {
  const own = !term.namespaces?.length && term.namespaceSelector === undefined;
  return {
    selector: term.labelSelector ? fromLabelSelector(term.labelSelector) : null,
    namespaces: new Set(own ? [pod.metadata.namespace] : (term.namespaces ?? [])),
    namespaceSelector: term.namespaceSelector ? fromLabelSelector(term.namespaceSelector) : null,
    topologyKey: term.topologyKey,
    weight,
  };
}
