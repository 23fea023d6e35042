/**
 * `kubectl describe` for nodes, pods, deployments, replicasets,
 * statefulsets, daemonsets, jobs, services and pdbs: the sections and the
 * Events table, through Go's tabwriter with padding 2 as kubectl's
 * PrefixWriter writes them (LEVEL_0 no indent, LEVEL_1 two spaces, …).
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go
 * (describeNode, describePod, describeContainers, DescribePodTemplate,
 * describeDeployment, describeReplicaSet, describeStatefulSet,
 * describeDaemonSet, describeJob, describeService,
 * describePodDisruptionBudget, DescribeEvents, printLabelsMultiline,
 * printAnnotationsMultiline, printTaintsMultiline, printPodTolerationsMultiline).
 * Not shown: volumes' details, probes, environment, resource quotas.
 */
import type { EventRecord } from '../apiserver/events';
import type { KubeObject, Node, Pod } from '../api/types';
import { cpuMillis, quantityValue } from '../api/quantity';
import { fromTimestamp, SIM_EPOCH_MS } from '../core/time';
import { humanDuration } from './duration';
import { bool, str, type ParsedArgs } from './args';
import { KubectlError, type KubectlContext, type Verb } from './context';
import { listObjects, parseRequests } from './get';
import { formatLabelSelector } from './printers';
import { tabwrite } from './tabwriter';

/* eslint-disable @typescript-eslint/no-explicit-any -- describers read optional fields of many kinds */
type Any = any;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: "Wed, 01 Jan 2025 00:00:00 +0000". */
export function rfc1123z(timestamp: string | undefined): string {
  if (!timestamp) return '<unset>';
  const d = new Date(SIM_EPOCH_MS + fromTimestamp(timestamp));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

class PrefixWriter {
  private text = '';
  write(level: number, s: string): void {
    this.text += '  '.repeat(level) + s;
  }
  line(s: string): void {
    this.text += s + '\n';
  }
  done(): string {
    return tabwrite(this.text.replace(/\n$/, ''), 2);
  }
}

function labelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

function annotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort();
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    const v = annotations![k]!;
    w.write(0, `${k}: ${v.length > 200 ? v.slice(0, 200) + '...' : v}\n`);
  });
}

function listMultiline(w: PrefixWriter, title: string, items: string[], initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  if (items.length === 0) return w.line('<none>');
  items.forEach((item, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, item + '\n');
  });
}

function tolerationText(t: Any): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += ' op=Exists';
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

function taintText(t: Any): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** Events about `o`, oldest first (Upstream: SortableEvents by LastTimestamp). */
function eventsFor(ctx: KubectlContext, o: KubeObject): EventRecord[] {
  return ctx.sim.api.events
    .all()
    .filter((e) => e.involvedObject.uid === o.metadata.uid || (e.involvedObject.kind === o.kind && e.involvedObject.name === o.metadata.name && e.involvedObject.namespace === o.metadata.namespace))
    .slice()
    .sort((a, b) => a.lastTimestampMs - b.lastTimestampMs || a.seq - b.seq);
}

function describeEvents(w: PrefixWriter, events: EventRecord[], nowMs: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const first = humanDuration(nowMs - e.firstTimestampMs);
    const interval = e.count > 1 ? `${humanDuration(nowMs - e.lastTimestampMs)} (x${e.count} over ${first})` : first;
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${e.source}\t${e.message.trim()}\n`);
  }
}

function header(w: PrefixWriter, o: KubeObject, withNamespace: boolean): void {
  w.write(0, `Name:\t${o.metadata.name}\n`);
  if (withNamespace) w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
}

function controlledBy(o: KubeObject): string | undefined {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : undefined;
}

function resourceLines(w: PrefixWriter, level: number, title: string, list: Record<string, string> | undefined): void {
  const keys = Object.keys(list ?? {}).sort();
  if (keys.length === 0) return;
  w.write(level, `${title}:\n`);
  for (const k of keys) w.write(level + 1, `${k}:\t${list![k]}\n`);
}

function containerState(w: PrefixWriter, level: number, title: string, state: Any): void {
  if (state?.running) {
    w.write(level, `${title}:\tRunning\n`);
    w.write(level + 1, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(level, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(level + 1, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    w.write(level, `${title}:\tTerminated\n`);
    if (state.terminated.reason) w.write(level + 1, `Reason:\t${state.terminated.reason}\n`);
    if (state.terminated.message) w.write(level + 1, `Message:\t${state.terminated.message}\n`);
    w.write(level + 1, `Exit Code:\t${state.terminated.exitCode ?? 0}\n`);
    if (state.terminated.startedAt) w.write(level + 1, `Started:\t${rfc1123z(state.terminated.startedAt)}\n`);
    if (state.terminated.finishedAt) w.write(level + 1, `Finished:\t${rfc1123z(state.terminated.finishedAt)}\n`);
  } else w.write(level, `${title}:\tWaiting\n`);
}

function ports(c: Any): [string, string] {
  const list: Any[] = c.ports ?? [];
  if (list.length === 0) return ['<none>', '<none>'];
  return [list.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', '), list.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ')];
}

/** Upstream: describeContainers (space = the template's extra indent). */
function containers(w: PrefixWriter, list: Any[], statuses: Any[] | undefined, space: string): void {
  for (const c of list) {
    const status = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const [port, hostPort] = ports(c);
    w.write(2, `Port:\t${port}\n`);
    w.write(2, `Host Port:\t${hostPort}\n`);
    if (c.command) listMultiline(w, `    Command`, c.command.map((x: string) => `  ${x}`), '', '\n');
    if (status) {
      containerState(w, 2, 'State', status.state);
      if (status.lastState?.terminated) containerState(w, 2, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    resourceLines(w, 2, 'Limits', c.resources?.limits);
    resourceLines(w, 2, 'Requests', c.resources?.requests);
    w.write(2, `Environment:\t<none>\n`);
    w.write(2, `Mounts:\t<none>\n`);
  }
}

function describeNode(ctx: KubectlContext, node: Node): string {
  const w = new PrefixWriter();
  const now = ctx.sim.nowMs;
  header(w, node, false);
  const roles = Object.keys(node.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice(24));
  w.write(0, `Roles:\t${roles.length ? roles.sort().join(',') : '<none>'}\n`);
  labelsMultiline(w, 'Labels', node.metadata.labels);
  annotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  listMultiline(w, 'Taints', (node.spec.taints ?? []).map(taintText));
  w.write(0, `Unschedulable:\t${node.spec.unschedulable ? 'true' : 'false'}\n`);
  const lease = ctx.sim.api.get<Any>('Lease', node.metadata.name, 'kube-node-lease');
  if (lease) {
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  }
  const conditions = node.status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of node.status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  resourceLines(w, 0, 'Capacity', node.status.capacity);
  resourceLines(w, 0, 'Allocatable', node.status.allocatable);
  const info: Any = node.status.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ] as const) {
    w.write(0, `  ${label}:\t${info[key] ?? ''}\n`);
  }
  if (node.spec.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  const pods = ctx.sim.api.podsOnNode(node.metadata.name).filter((p) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
  pods.sort((a, b) => (a.metadata.namespace + '/' + a.metadata.name < b.metadata.namespace + '/' + b.metadata.name ? -1 : 1));
  const allocCpu = cpuMillis(node.status.allocatable?.cpu ?? '0');
  const allocMem = quantityValue(node.status.allocatable?.memory ?? '0');
  const pct = (v: number, of: number) => (of === 0 ? 0 : Math.trunc((v / of) * 100));
  const sum = (p: Pod, field: 'requests' | 'limits', res: 'cpu' | 'memory') =>
    p.spec.containers.reduce((n, c) => n + (res === 'cpu' ? cpuMillis(c.resources?.[field]?.cpu ?? '0') : quantityValue(c.resources?.[field]?.memory ?? '0')), 0);
  const cpu = (m: number) => (m === 0 ? '0' : m % 1000 === 0 ? String(m / 1000) : `${m}m`);
  const mem = (b: number) => formatMemory(b);
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  let [rc, lc, rm, lm] = [0, 0, 0, 0];
  for (const p of pods) {
    const [a, b, c, d] = [sum(p, 'requests', 'cpu'), sum(p, 'limits', 'cpu'), sum(p, 'requests', 'memory'), sum(p, 'limits', 'memory')];
    rc += a;
    lc += b;
    rm += c;
    lm += d;
    w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t\t${cpu(a)} (${pct(a, allocCpu)}%)\t${cpu(b)} (${pct(b, allocCpu)}%)\t${mem(c)} (${pct(c, allocMem)}%)\t${mem(d)} (${pct(d, allocMem)}%)\t${humanDuration(now - fromTimestamp(p.metadata.creationTimestamp))}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(1, `cpu\t${cpu(rc)} (${pct(rc, allocCpu)}%)\t${cpu(lc)} (${pct(lc, allocCpu)}%)\n`);
  w.write(1, `memory\t${mem(rm)} (${pct(rm, allocMem)}%)\t${mem(lm)} (${pct(lm, allocMem)}%)\n`);
  w.write(1, `ephemeral-storage\t0 (0%)\t0 (0%)\n`);
  describeEvents(w, eventsFor(ctx, node), now);
  return w.done();
}

/** resource.Quantity's String for memory as the describers print sums: binary suffixes when exact. */
function formatMemory(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [suffix, size] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}

function describePod(ctx: KubectlContext, pod: Pod): string {
  const w = new PrefixWriter();
  const now = ctx.sim.nowMs;
  header(w, pod, true);
  w.write(0, `Priority:\t${pod.spec.priority ?? 0}\n`);
  if (pod.spec.priorityClassName) w.write(0, `Priority Class Name:\t${pod.spec.priorityClassName}\n`);
  w.write(0, `Service Account:\t${pod.spec.serviceAccountName ?? 'default'}\n`);
  w.write(0, `Node:\t${pod.spec.nodeName ? `${pod.spec.nodeName}/${pod.status.hostIP ?? ''}` : '<none>'}\n`);
  if (pod.status.startTime) w.write(0, `Start Time:\t${rfc1123z(pod.status.startTime)}\n`);
  labelsMultiline(w, 'Labels', pod.metadata.labels);
  annotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp) {
    w.write(0, `Status:\tTerminating (lasts ${humanDuration(now - fromTimestamp(pod.metadata.deletionTimestamp))})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${pod.status.phase ?? 'Pending'}\n`);
  if (pod.status.reason) w.write(0, `Reason:\t${pod.status.reason}\n`);
  if (pod.status.message) w.write(0, `Message:\t${pod.status.message}\n`);
  w.write(0, `IP:\t${pod.status.podIP ?? ''}\n`);
  w.write(0, 'IPs:');
  const ips = pod.status.podIPs ?? [];
  if (ips.length === 0) w.write(0, '\t<none>\n');
  else {
    w.write(0, '\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = controlledBy(pod);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  if (pod.status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${pod.status.nominatedNodeName}\n`);
  w.write(0, 'Containers:\n');
  containers(w, pod.spec.containers, pod.status.containerStatuses, '');
  const conditions = pod.status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  w.write(0, `Volumes:\t${(pod.spec.volumes ?? []).length === 0 ? '<none>' : ''}\n`);
  for (const v of pod.spec.volumes ?? []) w.write(1, `${v.name}:\n`);
  w.write(0, `QoS Class:\t${pod.status.qosClass ?? 'BestEffort'}\n`);
  labelsMultiline(w, 'Node-Selectors', pod.spec.nodeSelector);
  listMultiline(w, 'Tolerations', (pod.spec.tolerations ?? []).map(tolerationText));
  describeEvents(w, eventsFor(ctx, pod), now);
  return w.done();
}

/** Upstream: DescribePodTemplate. */
function podTemplate(w: PrefixWriter, template: Any): void {
  w.write(0, 'Pod Template:\n');
  labelsMultiline(w, 'Labels', template?.metadata?.labels, '  ');
  if (template?.metadata?.annotations && Object.keys(template.metadata.annotations).length > 0) annotationsMultiline(w, 'Annotations', template.metadata.annotations, '  ');
  if (template?.spec?.priorityClassName) w.write(1, `Priority Class Name:\t${template.spec.priorityClassName}\n`);
  w.write(1, 'Containers:\n');
  containers(w, template?.spec?.containers ?? [], undefined, ' ');
  w.write(1, `Volumes:\t${(template?.spec?.volumes ?? []).length === 0 ? '<none>' : ''}\n`);
  labelsMultiline(w, 'Node-Selectors', template?.spec?.nodeSelector, '  ');
  listMultiline(w, 'Tolerations', (template?.spec?.tolerations ?? []).map(tolerationText), '  ');
}

function conditionsTable(w: PrefixWriter, conditions: Any[] | undefined): void {
  if (!conditions || conditions.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

function podsStatus(ctx: KubectlContext, o: KubeObject): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const d of ctx.sim.api.dependentsOf(o.metadata.uid)) {
    if (d.kind !== 'Pod') continue;
    const phase = ((d as Pod).status.phase ?? 'Pending') as keyof typeof counts;
    if (phase in counts) counts[phase]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

function describeDeployment(ctx: KubectlContext, d: Any): string {
  const w = new PrefixWriter();
  header(w, d, true);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', d.metadata.labels);
  annotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${formatLabelSelector(d.spec.selector)}\n`);
  const s = d.status ?? {};
  w.write(0, `Replicas:\t${d.spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`);
  if (d.spec.paused) w.write(0, `Paused:\ttrue\n`);
  const strategy = d.spec.strategy?.type ?? 'RollingUpdate';
  w.write(0, `StrategyType:\t${strategy}\n`);
  w.write(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
  if (strategy === 'RollingUpdate') {
    const ru = d.spec.strategy?.rollingUpdate ?? {};
    w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge\n`);
  }
  podTemplate(w, d.spec.template);
  conditionsTable(w, d.status?.conditions);
  const rss = ctx.sim.api.dependentsOf(d.metadata.uid).filter((o) => o.kind === 'ReplicaSet') as Any[];
  const hash = (rs: Any) => rs.metadata.labels?.['pod-template-hash'];
  const newest = rss.find((rs) => JSON.stringify({ ...rs.spec.template, metadata: { ...rs.spec.template.metadata, labels: { ...rs.spec.template.metadata?.labels, 'pod-template-hash': undefined } } }) === JSON.stringify({ ...d.spec.template, metadata: { ...d.spec.template.metadata, labels: { ...d.spec.template.metadata?.labels, 'pod-template-hash': undefined } } }));
  const old = rss.filter((rs) => rs !== newest && (rs.spec.replicas ?? 0) > 0);
  const rsText = (rs: Any) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`;
  w.write(0, `OldReplicaSets:\t${old.length === 0 ? '<none>' : old.map(rsText).join(', ')}\n`);
  w.write(0, `NewReplicaSet:\t${newest ? rsText(newest) : '<none>'}\n`);
  void hash;
  describeEvents(w, eventsFor(ctx, d), ctx.sim.nowMs);
  return w.done();
}

function describeReplicaSetLike(ctx: KubectlContext, o: Any): string {
  const w = new PrefixWriter();
  header(w, o, true);
  if (o.kind === 'StatefulSet' || o.kind === 'Job') w.write(0, `${o.kind === 'Job' ? 'Start Time' : 'CreationTimestamp'}:\t${rfc1123z(o.kind === 'Job' ? o.status?.startTime : o.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(o.spec.selector)}\n`);
  if (o.kind === 'DaemonSet') w.write(0, `Node-Selector:\t${Object.keys(o.spec.template?.spec?.nodeSelector ?? {}).length ? Object.entries(o.spec.template.spec.nodeSelector).map(([k, v]) => `${k}=${String(v)}`).join(',') : '<none>'}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  const owner = controlledBy(o);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  const s = o.status ?? {};
  if (o.kind === 'ReplicaSet') w.write(0, `Replicas:\t${s.replicas ?? 0} current / ${o.spec.replicas ?? 1} desired\n`);
  if (o.kind === 'StatefulSet') {
    w.write(0, `Replicas:\t${o.spec.replicas ?? 1} desired | ${s.replicas ?? 0} total\n`);
    w.write(0, `Update Strategy:\t${o.spec.updateStrategy?.type ?? 'RollingUpdate'}\n`);
  }
  if (o.kind === 'DaemonSet') {
    w.write(0, `Desired Number of Nodes Scheduled: ${s.desiredNumberScheduled ?? 0}\n`);
    w.write(0, `Current Number of Nodes Scheduled: ${s.currentNumberScheduled ?? 0}\n`);
    w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s.updatedNumberScheduled ?? 0}\n`);
    w.write(0, `Number of Nodes Scheduled with Available Pods: ${s.numberAvailable ?? 0}\n`);
    w.write(0, `Number of Nodes Misscheduled: ${s.numberMisscheduled ?? 0}\n`);
  }
  if (o.kind === 'Job') {
    w.write(0, `Parallelism:\t${o.spec.parallelism ?? 1}\n`);
    w.write(0, `Completions:\t${o.spec.completions ?? '<unset>'}\n`);
    if (o.status?.completionTime) w.write(0, `Completed At:\t${rfc1123z(o.status.completionTime)}\n`);
    w.write(0, `Pods Statuses:\t${s.active ?? 0} Active (${s.ready ?? 0} Ready) / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed\n`);
  } else w.write(0, `Pods Status:\t${podsStatus(ctx, o)}\n`);
  podTemplate(w, o.spec.template);
  if (o.kind === 'ReplicaSet') conditionsTable(w, o.status?.conditions);
  describeEvents(w, eventsFor(ctx, o), ctx.sim.nowMs);
  return w.done();
}

function describeService(ctx: KubectlContext, svc: Any): string {
  const w = new PrefixWriter();
  header(w, svc, true);
  labelsMultiline(w, 'Labels', svc.metadata.labels);
  annotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${Object.keys(svc.spec.selector ?? {}).sort().map((k) => `${k}=${svc.spec.selector[k]}`).join(',') || '<none>'}\n`);
  w.write(0, `Type:\t${svc.spec.type ?? 'ClusterIP'}\n`);
  w.write(0, `IP Family Policy:\t${svc.spec.ipFamilyPolicy ?? 'SingleStack'}\n`);
  w.write(0, `IP Families:\t${(svc.spec.ipFamilies ?? ['IPv4']).join(',')}\n`);
  w.write(0, `IP:\t${svc.spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${svc.spec.clusterIP === 'None' ? 'None' : (svc.spec.clusterIPs ?? [svc.spec.clusterIP]).join(',')}\n`);
  const slices = [...ctx.sim.api.list<Any>('EndpointSlice')].filter((s) => s.metadata.namespace === svc.metadata.namespace && s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
  for (const p of svc.spec.ports ?? []) {
    w.write(0, `Port:\t${p.name || '<unset>'}\t${p.port}/${p.protocol ?? 'TCP'}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${p.name || '<unset>'}\t${p.nodePort}/${p.protocol ?? 'TCP'}\n`);
    const addrs = slices.flatMap((s) => (s.endpoints ?? []).filter((e: Any) => e.conditions?.ready !== false).flatMap((e: Any) => e.addresses.map((a: string) => `${a}:${p.targetPort ?? p.port}`)));
    w.write(0, `Endpoints:\t${addrs.length === 0 ? '<none>' : addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',')}\n`);
  }
  w.write(0, `Session Affinity:\t${svc.spec.sessionAffinity ?? 'None'}\n`);
  w.write(0, `Internal Traffic Policy:\t${svc.spec.internalTrafficPolicy ?? 'Cluster'}\n`);
  describeEvents(w, eventsFor(ctx, svc), ctx.sim.nowMs);
  return w.done();
}

function describePdb(ctx: KubectlContext, pdb: Any): string {
  const w = new PrefixWriter();
  header(w, pdb, true);
  w.write(0, `${pdb.spec.minAvailable !== undefined ? 'Min available' : 'Max unavailable'}:\t${pdb.spec.minAvailable ?? pdb.spec.maxUnavailable ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(pdb.spec.selector)}\n`);
  w.write(0, 'Status:\n');
  const s = pdb.status ?? {};
  w.write(2, `Allowed disruptions:\t${s.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${s.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${s.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${s.expectedPods ?? 0}\n`);
  describeEvents(w, eventsFor(ctx, pdb), ctx.sim.nowMs);
  return w.done();
}

function describeGeneric(ctx: KubectlContext, o: Any): string {
  const w = new PrefixWriter();
  header(w, o, o.metadata.namespace !== undefined);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  describeEvents(w, eventsFor(ctx, o), ctx.sim.nowMs);
  return w.done();
}

export function describeObject(ctx: KubectlContext, o: KubeObject): string {
  switch (o.kind) {
    case 'Node':
      return describeNode(ctx, o as Node);
    case 'Pod':
      return describePod(ctx, o as Pod);
    case 'Deployment':
      return describeDeployment(ctx, o);
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return describeReplicaSetLike(ctx, o);
    case 'Service':
      return describeService(ctx, o);
    case 'PodDisruptionBudget':
      return describePdb(ctx, o);
    default:
      return describeGeneric(ctx, o);
  }
}

function runDescribe(ctx: KubectlContext, args: ParsedArgs): void {
  const requests = parseRequests(args.positional, 'describe');
  const notFound: string[] = [];
  const texts: string[] = [];
  for (const req of requests) {
    if (req.type.kind === 'Event') throw new KubectlError('describe of events is not supported here: use kubectl events');
    // Upstream: describe matches names by prefix when no exact object exists.
    const objects = listObjects(ctx, { ...args, flags: new Map(args.flags) }, req, notFound);
    for (const o of objects) texts.push(describeObject(ctx, o));
  }
  if (texts.length === 0 && notFound.length === 0) {
    ctx.err.push(bool(args, 'all-namespaces') || !requests[0]!.type.namespaced ? 'No resources found' : `No resources found in ${str(args, 'namespace') ?? 'default'} namespace.`);
  }
  if (texts.length > 0) ctx.out.push(texts.join('\n\n\n'));
  ctx.err.push(...notFound);
}

export const DESCRIBE: Verb = {
  name: 'describe',
  mutating: false,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-events', type: 'bool' },
  ],
  run: runDescribe,
};
