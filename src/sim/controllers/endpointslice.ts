/**
 * The EndpointSlice controller: for every Service with a selector, keeps
 * EndpointSlices listing the selected pods that have an IP, with their
 * ready / serving / terminating conditions — what kube-proxy routes by. A pod
 * marked Ready=False (MarkPodsNotReady on an unreachable node) turns
 * ready=false in the same instant.
 *
 * Upstream: pkg/controller/endpointslice/endpointslice_controller.go and
 * staging/src/k8s.io/endpointslice/{reconciler.go,utils.go,util/controller_utils.go}.
 * Simplified: IPv4 only (dual-stack and IPv6 slices are not modelled); no
 * topology hints, trigger-time annotations or update batching (upstream's
 * default batch period is 0 as well); a Node that appears, disappears or
 * changes zone resyncs the services of its pods (upstream retries with backoff
 * on a missing node and does not watch zones without topology hints).
 */
import '../apiserver/workload-kinds';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../apiserver/apiserver';
import { ApiError } from '../apiserver/errors';
import type { Component, ComponentContext } from '../component';
import { isPodReady, isPodTerminal } from '../api/conditions';
import type { Selector } from '../api/labels';
import { keyOf, objectKey, type KubeObject, type Manifest, type Node, type Pod, type StoredMeta } from '../api/types';
import { PodSelectorIndex, podKey, splitKey } from './pod-selector-index';
import { LABEL_ZONE } from './zones';
import { drainQueue } from '../core/heap';

/** Upstream: --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
/** Upstream: discovery.LabelServiceName, discovery.LabelManagedBy, ControllerName. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const LABEL_HEADLESS = 'service.kubernetes.io/headless';

export interface Service extends KubeObject {
  kind: 'Service';
  metadata: StoredMeta & { namespace: string };
  spec: ServiceSpec;
}

export interface EndpointSlice extends KubeObject {
  kind: 'EndpointSlice';
  metadata: StoredMeta & { namespace: string };
  addressType: string;
  endpoints: Endpoint[];
  ports?: EndpointPort[];
}

export interface EndpointSliceState {
  queue: string[];
}

interface SliceContent {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

/** Desired endpoints sharing one set of ports, by endpoint key. */
interface PortGroup {
  ports: EndpointPort[];
  endpoints: Map<string, Endpoint>;
}

interface Plan {
  create: SliceContent[];
  update: { slice: EndpointSlice; content: SliceContent }[];
  delete: EndpointSlice[];
}

export class EndpointSliceController implements Component {
  readonly name = 'endpointslice';
  private readonly queue: Set<string>;
  private readonly index: PodSelectorIndex;
  /** True while this controller writes slices: its own writes do not requeue the service. */
  private writing = false;

  constructor(
    private readonly ctx: ComponentContext,
    state?: EndpointSliceState,
  ) {
    this.queue = new Set(state?.queue);
    this.index = new PodSelectorIndex(ctx.api);
    const services = [...ctx.api.list<Service>('Service')];
    for (const service of services) this.index.set(keyOf(service), service.metadata.namespace, serviceSelector(service), false);
    for (const pod of ctx.api.list<Pod>('Pod')) this.index.podChanged(pod, false);
    ctx.api.watch<Service>('Service', (event) => this.serviceEvent(event));
    ctx.api.watch<Pod>('Pod', (event) => this.podEvent(event));
    ctx.api.watch<Node>('Node', (event) => this.nodeEvent(event));
    ctx.api.watch<EndpointSlice>('EndpointSlice', (event) => this.sliceEvent(event));
    if (!state) for (const key of services.map(keyOf).sort()) this.queue.add(key);
  }

  sync(): boolean {
    return drainQueue(this.queue, (key) => this.syncService(key));
  }

  snapshot(): EndpointSliceState {
    return { queue: [...this.queue] };
  }

  // ---- watch handlers -----------------------------------------------------

  private serviceEvent(event: WatchEvent<Service>): void {
    const service = event.object;
    const key = keyOf(service);
    if (event.type === 'DELETED') this.index.remove(key);
    else if (!event.old || JSON.stringify(serviceSelector(event.old)) !== JSON.stringify(serviceSelector(service))) {
      this.index.set(key, service.metadata.namespace, serviceSelector(service));
    }
    this.queue.add(key);
  }

  /** Upstream: addPod / updatePod (GetServicesToUpdateOnPodChange) / deletePod. */
  private podEvent(event: WatchEvent<Pod>): void {
    const { object: pod, old } = event;
    const owners = this.index.podChanged(pod, event.type === 'DELETED', old);
    if (event.type === 'MODIFIED' && old && !podEndpointsChanged(old, pod)) return;
    for (const key of owners) this.queue.add(key);
  }

  private nodeEvent(event: WatchEvent<Node>): void {
    const zone = (node: Node | undefined) => node?.metadata.labels?.[LABEL_ZONE];
    if (event.type === 'MODIFIED' && zone(event.old) === zone(event.object)) return;
    for (const pod of this.ctx.api.podsOnNode(event.object.metadata.name)) {
      for (const key of this.index.ownersOf(podKey(pod))) this.queue.add(key);
    }
  }

  /** Upstream: onEndpointSliceUpdate/Delete — someone else changed a slice we manage. */
  private sliceEvent(event: WatchEvent<EndpointSlice>): void {
    if (this.writing) return;
    const labels = event.object.metadata.labels ?? {};
    const service = labels[LABEL_SERVICE_NAME];
    if (labels[LABEL_MANAGED_BY] !== CONTROLLER_NAME || !service) return;
    this.queue.add(objectKey(event.object.metadata.namespace, service));
  }

  // ---- reconciliation -----------------------------------------------------

  /** Upstream: syncService. A deleted Service's slices go with it (garbage collector). */
  private syncService(key: string): void {
    const [namespace, name] = splitKey(key);
    const service = this.ctx.api.get<Service>('Service', name, namespace);
    if (!service || !serviceSelector(service)) return;
    const groups = this.desiredEndpoints(service, this.index.podsOf(key));
    const existing = this.ctx.api
      .dependentsOf(service.metadata.uid)
      .filter((o): o is EndpointSlice => o.kind === 'EndpointSlice' && o.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME)
      .sort((a, b) => compare(a.metadata.name, b.metadata.name));
    const labels = sliceLabels(service);
    this.apply(service, labels, reconcile(groups, existing, labels));
  }

  /** The endpoints the service should have, grouped by their ports. Upstream: reconcile's first loop. */
  private desiredEndpoints(service: Service, pods: Pod[]): Map<string, PortGroup> {
    const groups = new Map<string, PortGroup>();
    const publishNotReady = service.spec.publishNotReadyAddresses === true;
    // With numeric target ports every pod gets the same ports: compute them once.
    const fixedPorts = (service.spec.ports ?? []).every((p) => typeof (p.targetPort ?? p.port) === 'number') ? getEndpointPorts(service, undefined) : undefined;
    const fixedKey = fixedPorts && JSON.stringify(fixedPorts);
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod)) continue;
      const node = pod.spec.nodeName ? this.ctx.api.get<Node>('Node', pod.spec.nodeName) : undefined;
      // Upstream skips (and retries) a pod whose node is not found, unless the service publishes not-ready addresses.
      if (pod.spec.nodeName && !node && !publishNotReady) continue;
      const endpoint = podToEndpoint(pod, node, service);
      if (!endpoint) continue;
      const ports = fixedPorts ?? getEndpointPorts(service, pod);
      const portsKey = fixedKey ?? JSON.stringify(ports);
      let group = groups.get(portsKey);
      if (!group) groups.set(portsKey, (group = { ports, endpoints: new Map() }));
      group.endpoints.set(endpointKey(endpoint), endpoint);
    }
    return groups;
  }

  /** Upstream: finalize — creates first, then updates, then deletes. */
  private apply(service: Service, labels: Record<string, string>, plan: Plan): void {
    const { namespace } = service.metadata;
    this.writing = true;
    try {
      for (const content of plan.create) this.ctx.api.create(newEndpointSlice(service, labels, content));
      for (const { slice, content } of plan.update) {
        this.ctx.api.update<EndpointSlice>('EndpointSlice', slice.metadata.name, namespace, (draft) => {
          draft.metadata.labels = labels;
          draft.endpoints = content.endpoints;
          draft.ports = content.ports;
        });
      }
      for (const slice of plan.delete) this.ctx.api.delete('EndpointSlice', slice.metadata.name, namespace);
    } catch (error) {
      // The slices were read from the store in this same step, so a write cannot race; the next event resyncs anyway.
      if (!(error instanceof ApiError)) throw error;
    } finally {
      this.writing = false;
    }
  }
}

/** Upstream: newEndpointSlice. */
function newEndpointSlice(service: Service, labels: Record<string, string>, content: SliceContent): Manifest {
  const { namespace, name, uid } = service.metadata;
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${name}-`,
      namespace,
      labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    ...content,
  };
}

// ---- the reconciler (Upstream: staging/src/k8s.io/endpointslice/reconciler.go) ----

/** Plans the writes that turn `existing` into slices holding `groups`; slices whose content is unchanged are left alone. */
export function reconcile(groups: Map<string, PortGroup>, existing: EndpointSlice[], labels: Record<string, string>): Plan {
  const plan: Plan = { create: [], update: [], delete: [] };
  const existingByPorts = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    const key = JSON.stringify(slice.ports ?? []);
    existingByPorts.set(key, [...(existingByPorts.get(key) ?? []), slice]);
  }
  const portKeys = new Set([...groups.keys(), ...existingByPorts.keys()]);
  for (const portsKey of portKeys) {
    const group = groups.get(portsKey) ?? { ports: JSON.parse(portsKey) as EndpointPort[], endpoints: new Map() };
    reconcileByPortMapping(existingByPorts.get(portsKey) ?? [], group, labels, plan);
  }
  keepPlaceholder(existing, labels, plan);
  // Upstream finalize: reuse the slices about to be deleted for the ones about to be created.
  while (plan.create.length > 0 && plan.delete.length > 0) {
    plan.update.push({ slice: plan.delete.shift()!, content: plan.create.pop()! });
  }
  return plan;
}

/** Upstream: reconcileByPortMapping. */
function reconcileByPortMapping(slices: EndpointSlice[], group: PortGroup, labels: Record<string, string>, plan: Plan): void {
  const remaining = new Map(group.endpoints);
  const toUpdate: { slice: EndpointSlice; content: SliceContent }[] = [];
  const unchanged: EndpointSlice[] = [];
  // 1. Keep each wanted endpoint in the slice that has it; drop the others.
  for (const slice of slices) {
    let changed = !sameJson(slice.metadata.labels ?? {}, labels);
    const kept: Endpoint[] = [];
    for (const endpoint of slice.endpoints ?? []) {
      const key = endpointKey(endpoint);
      const wanted = remaining.get(key);
      if (!wanted) {
        changed = true;
        continue;
      }
      remaining.delete(key);
      if (!sameEndpoint(endpoint, wanted)) changed = true;
      kept.push(wanted);
    }
    if (kept.length === 0) plan.delete.push(slice);
    else if (changed) toUpdate.push({ slice, content: { ports: group.ports, endpoints: kept } });
    else unchanged.push(slice);
  }
  // 2. New endpoints fill the slices being written anyway, fullest first.
  const rest = [...remaining.values()];
  toUpdate.sort((a, b) => b.content.endpoints.length - a.content.endpoints.length);
  for (const { content } of toUpdate) {
    while (rest.length > 0 && content.endpoints.length < MAX_ENDPOINTS_PER_SLICE) content.endpoints.push(rest.shift()!);
  }
  plan.update.push(...toUpdate);
  // 3. The rest go to new slices; a last partial one into an unchanged slice with room, if any.
  for (let start = 0; start < rest.length; start += MAX_ENDPOINTS_PER_SLICE) {
    const chunk = rest.slice(start, start + MAX_ENDPOINTS_PER_SLICE);
    const host =
      chunk.length < MAX_ENDPOINTS_PER_SLICE
        ? unchanged
            .filter((s) => s.endpoints.length + chunk.length <= MAX_ENDPOINTS_PER_SLICE)
            .sort((a, b) => b.endpoints.length - a.endpoints.length)[0]
        : undefined;
    if (host) plan.update.push({ slice: host, content: { ports: group.ports, endpoints: [...host.endpoints, ...chunk] } });
    else plan.create.push({ ports: group.ports, endpoints: chunk });
  }
}

/**
 * Upstream: a service without endpoints keeps one empty "placeholder" slice,
 * so consumers can tell "no endpoints" from "not processed yet".
 */
function keepPlaceholder(existing: EndpointSlice[], labels: Record<string, string>, plan: Plan): void {
  if (plan.create.length > 0 || plan.delete.length !== existing.length) return;
  const index = plan.delete.findIndex((s) => (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0);
  if (index < 0) {
    plan.create.push({ ports: [], endpoints: [] });
    return;
  }
  const [placeholder] = plan.delete.splice(index, 1);
  if (!sameJson(placeholder!.metadata.labels ?? {}, labels)) plan.update.push({ slice: placeholder!, content: { ports: [], endpoints: [] } });
}

// ---- helpers (Upstream: staging/src/k8s.io/endpointslice/utils.go) ---------

/** The selector the controller serves; undefined or empty means "endpoints managed by someone else". */
function serviceSelector(service: Service): Selector | null {
  const selector = service.spec.selector;
  if (service.spec.type === 'ExternalName' || !selector || Object.keys(selector).length === 0) return null;
  return Object.entries(selector)
    .sort(([a], [b]) => compare(a, b))
    .map(([key, value]) => ({ key, operator: 'In' as const, values: [value] }));
}

/** Upstream: ShouldPodBeInEndpoints(pod, includeTerminating = true). */
export function shouldPodBeInEndpoints(pod: Pod): boolean {
  return !isPodTerminal(pod) && podIPv4(pod) !== undefined;
}

/** Upstream: podToEndpoint. */
export function podToEndpoint(pod: Pod, node: Node | undefined, service: Service): Endpoint | undefined {
  const address = podIPv4(pod);
  if (address === undefined) return undefined;
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  // A terminating pod is never "ready", unless the service publishes not-ready addresses.
  const ready = service.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const endpoint: Endpoint = { addresses: [address], conditions: { ready, serving, terminating } };
  const { hostname, subdomain, nodeName } = pod.spec;
  if (hostname && subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace) endpoint.hostname = hostname;
  endpoint.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  if (nodeName) endpoint.nodeName = nodeName;
  const zone = node?.metadata.labels?.[LABEL_ZONE];
  if (zone) endpoint.zone = zone;
  return endpoint;
}

/** Upstream: getEndpointPorts — service ports whose target the pod has (podutil.FindPort). */
export function getEndpointPorts(service: Service, pod: Pod | undefined): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const servicePort of service.spec.ports ?? []) {
    const port = findPort(pod, servicePort);
    if (port === undefined) continue;
    const endpointPort: EndpointPort = { name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' };
    if (servicePort.appProtocol) endpointPort.appProtocol = servicePort.appProtocol;
    out.push(endpointPort);
  }
  return out;
}

/** Upstream: podutil.FindPort. */
function findPort(pod: Pod | undefined, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (!pod) return undefined;
  const protocol = servicePort.protocol ?? 'TCP';
  for (const container of pod.spec.containers ?? []) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** Upstream: setEndpointSliceLabels — the service's labels plus ours. */
function sliceLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.metadata.labels ?? {})) {
    if (key !== LABEL_SERVICE_NAME && key !== LABEL_MANAGED_BY && key !== LABEL_HEADLESS) labels[key] = value;
  }
  if (service.spec.clusterIP === 'None') labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = service.metadata.name;
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return labels;
}

/** Upstream: podEndpointsChanged — what an endpoint (or the service membership) is made of. */
function podEndpointsChanged(old: Pod, pod: Pod): boolean {
  return (
    JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {}) ||
    old.spec.hostname !== pod.spec.hostname ||
    old.spec.subdomain !== pod.spec.subdomain ||
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    isPodReady(old) !== isPodReady(pod) ||
    isPodTerminal(old) !== isPodTerminal(pod) ||
    podIPv4(old) !== podIPv4(pod) ||
    old.spec.nodeName !== pod.spec.nodeName
  );
}

function podIPv4(pod: Pod): string | undefined {
  const ips = pod.status.podIPs?.map((p) => p.ip ?? '') ?? (pod.status.podIP ? [pod.status.podIP] : []);
  return ips.find((ip) => ip.includes('.'));
}

/** Identity of an endpoint across syncs: its pod and address (upstream hashes these, not the conditions). */
function endpointKey(endpoint: Endpoint): string {
  const ref = endpoint.targetRef;
  return `${ref?.namespace ?? ''}/${ref?.name ?? ''}|${endpoint.addresses.join(',')}`;
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  const x = a.conditions ?? {};
  const y = b.conditions ?? {};
  return (
    x.ready === y.ready &&
    x.serving === y.serving &&
    x.terminating === y.terminating &&
    a.addresses.join(',') === b.addresses.join(',') &&
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    a.hostname === b.hostname &&
    a.targetRef?.uid === b.targetRef?.uid
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

