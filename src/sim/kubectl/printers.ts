/**
 * The table columns and cells kubectl prints for each kind.
 *
 * Upstream: pkg/printers/internalversion/printers.go (AddHandlers' column
 * definitions; printPod, printNode, printDeployment, printReplicaSet,
 * printDaemonSet, printStatefulSet, printJob, printService,
 * printEndpointSlice, printPodDisruptionBudget, printEvent, printLease,
 * printNamespace, printPriorityClass). Column names are upper-cased by the
 * table printer.
 */
import type { EventRecord } from '../apiserver/events';
import type { KubeObject, LabelSelector, Node, Pod } from '../api/types';
import { fromTimestamp } from '../core/time';
import { age, humanDuration } from './duration';
import type { Column } from './table';
import { formatLabels } from './table';

/* eslint-disable @typescript-eslint/no-explicit-any -- printers read optional fields of many kinds */
type Any = any;

export interface Printer {
  columns: Column[];
  row(obj: KubeObject, nowMs: number): string[];
}

const wide = (name: string): Column => ({ name, wide: true });
const col = (name: string): Column => ({ name });

/** Upstream: printPod. */
export function podStatus(pod: Pod): { ready: string; status: string; restarts: string; restartsCount: number; lastRestartMs: number | undefined } {
  const phase = pod.status.phase ?? 'Pending';
  let reason: string = pod.status.reason || phase;
  for (const c of pod.status.conditions ?? []) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  let restarts = 0;
  let ready = 0;
  let lastRestartMs: number | undefined;
  let hasRunning = false;
  const statuses = pod.status.containerStatuses ?? [];
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i]!;
    restarts += c.restartCount;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished) {
      const ms = fromTimestamp(finished);
      if (lastRestartMs === undefined || ms > lastRestartMs) lastRestartMs = ms;
    }
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.ready && c.state?.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) {
    reason = (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp && pod.status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  return { ready: `${ready}/${pod.spec.containers.length}`, status: reason, restarts: String(restarts), restartsCount: restarts, lastRestartMs };
}

function restartsCell(pod: Pod, nowMs: number): string {
  const s = podStatus(pod);
  if (s.restartsCount !== 0 && s.lastRestartMs !== undefined) return `${s.restartsCount} (${humanDuration(nowMs - s.lastRestartMs)} ago)`;
  return s.restarts;
}

/** Upstream: findNodeRoles. */
function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

/** Upstream: printNode's STATUS. */
export function nodeStatus(node: Node): string {
  const ready = (node.status.conditions ?? []).find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** Upstream: metav1.FormatLabelSelector. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>';
  const parts: string[] = [];
  for (const k of Object.keys(selector.matchLabels ?? {}).sort()) parts.push(`${k}=${selector.matchLabels![k]}`);
  for (const e of selector.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (op === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (op === 'Exists') parts.push(e.key);
    else if (op === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length === 0 ? '<none>' : parts.join(',');
}

function containerCells(template: Any): [string, string] {
  const containers: Any[] = template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];
}

const num = (v: unknown) => String(typeof v === 'number' ? v : 0);

function intOrString(v: unknown): string {
  return v === undefined || v === null ? 'N/A' : String(v);
}

function servicePorts(ports: Any[] | undefined): string {
  if (!ports || ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function sliceEndpoints(endpoints: Any[] | undefined): string {
  if (!endpoints || endpoints.length === 0) return '<unset>';
  const list: string[] = [];
  let count = 0;
  for (const e of endpoints) for (const a of e.addresses ?? []) {
    if (list.length < 3) list.push(a);
    count++;
  }
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

function slicePorts(ports: Any[] | undefined): string {
  if (!ports || ports.length === 0) return '<unset>';
  return ports.map((p) => (p.port === undefined ? '<unset>' : String(p.port))).join(',');
}

function jobStatus(job: Any): string {
  const has = (type: string) => (job.status?.conditions ?? []).some((c: Any) => c.type === type && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(job: Any): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec.completions !== undefined && job.spec.completions !== null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Any, nowMs: number): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const end = job.status?.completionTime;
  return humanDuration((end ? fromTimestamp(end) : nowMs) - fromTimestamp(start));
}

export const PRINTERS: Record<string, Printer> = {
  Pod: {
    columns: [col('Name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), wide('IP'), wide('Node'), wide('Nominated Node'), wide('Readiness Gates')],
    row(obj, nowMs) {
      const pod = obj as Pod;
      const s = podStatus(pod);
      const gates = pod.spec.readinessGates ?? [];
      return [
        pod.metadata.name,
        s.ready,
        s.status,
        restartsCell(pod, nowMs),
        age(pod.metadata.creationTimestamp, nowMs),
        pod.status.podIPs?.[0]?.ip || pod.status.podIP || '<none>',
        pod.spec.nodeName || '<none>',
        pod.status.nominatedNodeName || '<none>',
        gates.length === 0 ? '<none>' : `${gates.filter((g) => (pod.status.conditions ?? []).some((c) => c.type === g.conditionType && c.status === 'True')).length}/${gates.length}`,
      ];
    },
  },
  Node: {
    columns: [col('Name'), col('Status'), col('Roles'), col('Age'), col('Version'), wide('Internal-IP'), wide('External-IP'), wide('OS-Image'), wide('Kernel-Version'), wide('Container-Runtime')],
    row(obj, nowMs) {
      const node = obj as Node;
      const info = node.status.nodeInfo;
      const address = (type: string) => node.status.addresses?.find((a) => a.type === type)?.address ?? '<none>';
      return [
        node.metadata.name,
        nodeStatus(node),
        nodeRoles(node),
        age(node.metadata.creationTimestamp, nowMs),
        info?.kubeletVersion ?? '',
        address('InternalIP'),
        address('ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
  Deployment: {
    columns: [col('Name'), col('Ready'), col('Up-to-date'), col('Available'), col('Age'), wide('Containers'), wide('Images'), wide('Selector')],
    row(obj, nowMs) {
      const d = obj as Any;
      const [containers, images] = containerCells(d.spec.template);
      return [d.metadata.name, `${num(d.status?.readyReplicas)}/${num(d.spec.replicas)}`, num(d.status?.updatedReplicas), num(d.status?.availableReplicas), age(d.metadata.creationTimestamp, nowMs), containers, images, formatLabelSelector(d.spec.selector)];
    },
  },
  ReplicaSet: {
    columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Age'), wide('Containers'), wide('Images'), wide('Selector')],
    row(obj, nowMs) {
      const rs = obj as Any;
      const [containers, images] = containerCells(rs.spec.template);
      return [rs.metadata.name, num(rs.spec.replicas), num(rs.status?.replicas), num(rs.status?.readyReplicas), age(rs.metadata.creationTimestamp, nowMs), containers, images, formatLabelSelector(rs.spec.selector)];
    },
  },
  DaemonSet: {
    columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Up-to-date'), col('Available'), col('Node Selector'), col('Age'), wide('Containers'), wide('Images'), wide('Selector')],
    row(obj, nowMs) {
      const ds = obj as Any;
      const s = ds.status ?? {};
      const [containers, images] = containerCells(ds.spec.template);
      return [ds.metadata.name, num(s.desiredNumberScheduled), num(s.currentNumberScheduled), num(s.numberReady), num(s.updatedNumberScheduled), num(s.numberAvailable), formatLabels(ds.spec.template?.spec?.nodeSelector), age(ds.metadata.creationTimestamp, nowMs), containers, images, formatLabelSelector(ds.spec.selector)];
    },
  },
  StatefulSet: {
    columns: [col('Name'), col('Ready'), col('Age'), wide('Containers'), wide('Images')],
    row(obj, nowMs) {
      const sts = obj as Any;
      const [containers, images] = containerCells(sts.spec.template);
      return [sts.metadata.name, `${num(sts.status?.readyReplicas)}/${num(sts.spec.replicas ?? 1)}`, age(sts.metadata.creationTimestamp, nowMs), containers, images];
    },
  },
  Job: {
    columns: [col('Name'), col('Status'), col('Completions'), col('Duration'), col('Age'), wide('Containers'), wide('Images'), wide('Selector')],
    row(obj, nowMs) {
      const job = obj as Any;
      const [containers, images] = containerCells(job.spec.template);
      return [job.metadata.name, jobStatus(job), jobCompletions(job), jobDuration(job, nowMs), age(job.metadata.creationTimestamp, nowMs), containers, images, formatLabelSelector(job.spec.selector)];
    },
  },
  Service: {
    columns: [col('Name'), col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age'), wide('Selector')],
    row(obj, nowMs) {
      const svc = obj as Any;
      const external = (svc.spec.externalIPs ?? []).join(',') || (svc.spec.type === 'LoadBalancer' ? '<pending>' : '<none>');
      return [svc.metadata.name, svc.spec.type ?? 'ClusterIP', svc.spec.clusterIP || '<none>', external, servicePorts(svc.spec.ports), age(svc.metadata.creationTimestamp, nowMs), formatLabels(svc.spec.selector)];
    },
  },
  EndpointSlice: {
    columns: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
    row(obj, nowMs) {
      const es = obj as Any;
      return [es.metadata.name, es.addressType ?? '', slicePorts(es.ports), sliceEndpoints(es.endpoints), age(es.metadata.creationTimestamp, nowMs)];
    },
  },
  PodDisruptionBudget: {
    columns: [col('Name'), col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions'), col('Age')],
    row(obj, nowMs) {
      const pdb = obj as Any;
      return [pdb.metadata.name, intOrString(pdb.spec.minAvailable), intOrString(pdb.spec.maxUnavailable), num(pdb.status?.disruptionsAllowed), age(pdb.metadata.creationTimestamp, nowMs)];
    },
  },
  Lease: {
    columns: [col('Name'), col('Holder'), col('Age')],
    row(obj, nowMs) {
      const lease = obj as Any;
      return [lease.metadata.name, lease.spec?.holderIdentity ?? '', age(lease.metadata.creationTimestamp, nowMs)];
    },
  },
  Namespace: {
    columns: [col('Name'), col('Status'), col('Age')],
    row(obj, nowMs) {
      const ns = obj as Any;
      return [ns.metadata.name, ns.metadata.deletionTimestamp ? 'Terminating' : (ns.status?.phase ?? 'Active'), age(ns.metadata.creationTimestamp, nowMs)];
    },
  },
  PriorityClass: {
    columns: [col('Name'), col('Value'), col('Global-Default'), col('Age'), col('PreemptionPolicy')],
    row(obj, nowMs) {
      const pc = obj as Any;
      return [pc.metadata.name, String(pc.value), String(pc.globalDefault ?? false), age(pc.metadata.creationTimestamp, nowMs), pc.preemptionPolicy ?? 'PreemptLowerPriority'];
    },
  },
};

/** Upstream: eventColumnDefinitions and printEvent. */
export const EVENT_COLUMNS: Column[] = [col('Last Seen'), col('Type'), col('Reason'), col('Object'), wide('Subobject'), wide('Source'), col('Message'), wide('First Seen'), wide('Count'), wide('Name')];

export function eventRow(e: EventRecord, nowMs: number): string[] {
  return [
    humanDuration(nowMs - e.lastTimestampMs),
    e.type,
    e.reason,
    `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
    '',
    e.host ? `${e.source}, ${e.host}` : e.source,
    e.message,
    humanDuration(nowMs - e.firstTimestampMs),
    String(e.count),
    eventName(e),
  ];
}

/** The Event object's name as a real API server would have it: the involved object's name and the first occurrence in hex. */
export function eventName(e: EventRecord): string {
  return `${e.involvedObject.name}.${e.seq.toString(16).padStart(16, '0')}`;
}

export function eventNamespace(e: EventRecord): string {
  return e.involvedObject.namespace ?? 'default';
}
