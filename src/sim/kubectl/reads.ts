/**
 * The other read-only verbs: rollout status|history, events, logs, exec,
 * top, version, cluster-info, api-resources, explain, config view.
 *
 * Upstream: kubectl/pkg/cmd/rollout/rollout_status.go and
 * polymorphichelpers/rollout_status.go (the status messages),
 * history.go (REVISION CHANGE-CAUSE), cmd/events/events.go,
 * cmd/logs, cmd/exec, cmd/top ("error: Metrics API not available"),
 * cmd/version, cmd/clusterinfo, cmd/apiresources, cmd/config/view.go.
 */
import type { Node, Pod } from '../api/types';
import { ApiError } from '../apiserver/errors';
import { rolloutHistory } from '../controllers/rollout';
import { bool, str, type ParsedArgs } from './args';
import { KubectlError, namespaceOf, type KubectlContext, type Verb } from './context';
import { rolloutTarget } from './mutate';
import { eventNamespace } from './printers';
import { humanDuration } from './duration';
import { RESOURCE_TYPES, resolveResource } from './resources';
import { padColumns } from './table';
import { tabwrite } from './tabwriter';

/* eslint-disable @typescript-eslint/no-explicit-any -- status objects of several kinds */
type Any = any;

export const SERVER_VERSION = 'v1.32.0';

/** One status line of `rollout status`, and whether the rollout is done. Upstream: polymorphichelpers/rollout_status.go. */
export function rolloutStatusLine(o: Any): { text: string; done: boolean; error?: boolean } {
  const s = o.status ?? {};
  const name = o.metadata.name;
  if (o.kind === 'Deployment') {
    if ((o.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
      const progressing = (s.conditions ?? []).find((c: Any) => c.type === 'Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded') return { text: `error: deployment "${name}" exceeded its progress deadline`, done: true, error: true };
      const replicas = o.spec.replicas ?? 1;
      if ((s.updatedReplicas ?? 0) < replicas) return { text: `Waiting for deployment "${name}" rollout to finish: ${s.updatedReplicas ?? 0} out of ${replicas} new replicas have been updated...`, done: false };
      if ((s.replicas ?? 0) > (s.updatedReplicas ?? 0)) return { text: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - (s.updatedReplicas ?? 0)} old replicas are pending termination...`, done: false };
      if ((s.availableReplicas ?? 0) < (s.updatedReplicas ?? 0)) return { text: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${s.updatedReplicas ?? 0} updated replicas are available...`, done: false };
      return { text: `deployment "${name}" successfully rolled out`, done: true };
    }
    return { text: 'Waiting for deployment spec update to be observed...', done: false };
  }
  if (o.kind === 'DaemonSet') {
    if ((o.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
      if ((s.updatedNumberScheduled ?? 0) < (s.desiredNumberScheduled ?? 0)) return { text: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${s.desiredNumberScheduled ?? 0} new pods have been updated...`, done: false };
      if ((s.numberAvailable ?? 0) < (s.desiredNumberScheduled ?? 0)) return { text: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${s.desiredNumberScheduled ?? 0} updated pods are available...`, done: false };
      return { text: `daemon set "${name}" successfully rolled out`, done: true };
    }
    return { text: 'Waiting for daemon set spec update to be observed...', done: false };
  }
  // StatefulSet
  if ((s.observedGeneration ?? 0) === 0 || (o.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { text: 'Waiting for statefulset spec update to be observed...', done: false };
  const replicas = o.spec.replicas ?? 1;
  if ((s.readyReplicas ?? 0) < replicas) return { text: `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...`, done: false };
  if (s.updateRevision !== s.currentRevision) return { text: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...`, done: false };
  return { text: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...`, done: true };
}

function runRolloutRead(ctx: KubectlContext, args: ParsedArgs): void {
  const sub = args.positional[0];
  const { type, name } = rolloutTarget(ctx, args, sub!);
  if (sub === 'history') {
    if (type.kind !== 'Deployment') throw new KubectlError(`no history viewer has been implemented for "${type.kind}" in this simulation`);
    const revisions = rolloutHistory(ctx.sim.api, namespaceOf(args), name);
    if (revisions.length === 0) {
      ctx.out.push(`No rollout history found.`);
      return;
    }
    // Upstream: history.go ViewHistory prints through a tabwriter with padding 2.
    const table = tabwrite(['REVISION\tCHANGE-CAUSE', ...revisions.map((r) => `${r.revision}\t${r.changeCause ?? '<none>'}`)].join('\n'), 2);
    ctx.out.push(`deployment.apps/${name} \n${table}\n`);
    return;
  }
  // status without --watch (or its first line with it: the stream goes on in watch.ts)
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(type.kind)) throw new KubectlError(`no status viewer has been implemented for ${type.kind}`);
  const o = ctx.sim.api.get(type.kind, name, namespaceOf(args))!;
  const line = rolloutStatusLine(o);
  (line.error ? ctx.err : ctx.out).push(line.text);
}

function runEvents(ctx: KubectlContext, args: ParsedArgs): void {
  const allNs = bool(args, 'all-namespaces');
  const ns = namespaceOf(args);
  const forArg = str(args, 'for');
  let forKind: string | undefined;
  let forName: string | undefined;
  if (forArg) {
    const [t, n] = forArg.split('/', 2);
    const type = t ? resolveResource(t) : undefined;
    if (!type || !n) throw new KubectlError(`--for must be in resource/name form`);
    forKind = type.kind;
    forName = n;
  }
  const types = (args.flags.get('types') as string[] | undefined) ?? [];
  for (const t of types) if (t !== 'Normal' && t !== 'Warning') throw new KubectlError(`valid --types are Normal or Warning`);
  const events = ctx.sim.api.events
    .all()
    .filter((e) => (allNs || eventNamespace(e) === ns) && (!forKind || (e.involvedObject.kind === forKind && e.involvedObject.name === forName)) && (types.length === 0 || types.includes(e.type)))
    .slice()
    .sort((a, b) => a.lastTimestampMs - b.lastTimestampMs || a.seq - b.seq);
  if (events.length === 0) {
    ctx.err.push(allNs ? 'No events found.' : `No events found in ${ns} namespace.`);
    return;
  }
  const now = ctx.sim.nowMs;
  // Upstream: cmd/events/event_printer.go — LAST SEEN with "(xN over D)" for repeats.
  const head = [...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  const rows = events.map((e) => {
    const last = humanDuration(now - e.lastTimestampMs);
    const seen = e.count > 1 ? `${last} (x${e.count} over ${humanDuration(now - e.firstTimestampMs)})` : last;
    return [...(allNs ? [eventNamespace(e)] : []), seen, e.type, e.reason, `${e.involvedObject.kind}/${e.involvedObject.name}`, e.message];
  });
  ctx.out.push(padColumns([head, ...rows]));
}

function requirePod(ctx: KubectlContext, args: ParsedArgs, verb: string): Pod {
  const raw = args.positional[0];
  if (!raw) throw new KubectlError(verb === 'logs' ? `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples` : `pod, type/name or --filename must be specified`);
  const name = raw.startsWith('pod/') || raw.startsWith('pods/') || raw.startsWith('po/') ? raw.slice(raw.indexOf('/') + 1) : raw;
  if (raw.includes('/') && name === raw) throw new KubectlError(`this console can ${verb} pods only (pod/NAME)`);
  const pod = ctx.sim.api.get<Pod>('Pod', name, namespaceOf(args));
  if (!pod) throw new ApiError('NotFound', `pods "${name}" not found`);
  return pod;
}

/**
 * The kubelet's answer for logs and exec: the API server proxies to the
 * node's kubelet on port 10250, so an unreachable or stopped kubelet gives
 * the proxy's dial error (exec's; logs ask src/sim/pod-logs.ts).
 */
function kubeletProblem(ctx: KubectlContext, pod: Pod): string | undefined {
  const nodeName = pod.spec.nodeName;
  if (!nodeName) return undefined;
  const node = ctx.sim.api.get<Node>('Node', nodeName);
  const ip = node?.status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
  if (ctx.sim.kubelets.has(nodeName) && ctx.sim.kubelets.connected(nodeName)) return undefined;
  return `Error from server: Get "https://${ip}:10250/containerLogs/${pod.metadata.namespace}/${pod.metadata.name}/${pod.spec.containers[0]?.name ?? ''}": dial tcp ${ip}:10250: connect: no route to host`;
}

/**
 * `kubectl logs`: the API server checks the pod and container, then proxies
 * to the node's kubelet (src/sim/pod-logs.ts), so an unreachable node gives
 * the proxy's dial error and `--previous` the run before the current one.
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go; `--tail` keeps
 * the last lines as the kubelet's tailLines does.
 */
function runLogs(ctx: KubectlContext, args: ParsedArgs): void {
  const pod = requirePod(ctx, args, 'logs');
  const result = ctx.sim.containerLogs(pod.metadata.namespace ?? 'default', pod.metadata.name, str(args, 'container'), { previous: bool(args, 'previous') });
  if (!result.ok) {
    const { reason, message } = result.error;
    ctx.err.push(reason ? `Error from server (${reason}): ${message}` : `Error from server: ${message}`);
    return;
  }
  const tail = args.flags.get('tail');
  const lines = typeof tail === 'number' && tail >= 0 ? result.lines.slice(Math.max(0, result.lines.length - tail)) : result.lines;
  if (lines.length > 0) ctx.out.push(lines.map((l) => l.text).join('\n'));
}

function runExec(ctx: KubectlContext, args: ParsedArgs): void {
  const pod = requirePod(ctx, args, 'exec');
  if (args.rest.length === 0) throw new KubectlError(`you must specify at least one command for the container`);
  const problem = kubeletProblem(ctx, pod);
  if (problem) {
    ctx.err.push(problem.replace('/containerLogs/', '/exec/'));
    return;
  }
  if (pod.status.phase !== 'Running') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase ?? 'Pending'}`);
  ctx.err.push(`error: this simulation runs no processes in containers: "${args.rest.join(' ')}" cannot run in ${pod.metadata.name}`);
}

function runVersion(ctx: KubectlContext, args: ParsedArgs): void {
  if (bool(args, 'client')) {
    ctx.out.push(`Client Version: ${SERVER_VERSION}\nKustomize Version: v5.5.0`);
    return;
  }
  ctx.out.push(`Client Version: ${SERVER_VERSION}\nKustomize Version: v5.5.0\nServer Version: ${SERVER_VERSION}`);
}

function runClusterInfo(ctx: KubectlContext): void {
  ctx.out.push(`Kubernetes control plane is running at https://kube-playground.local:6443\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.`);
}

function runApiResources(ctx: KubectlContext, args: ParsedArgs): void {
  const namespaced = args.flags.get('namespaced');
  const rows = RESOURCE_TYPES.filter((r) => namespaced === undefined || r.namespaced === namespaced)
    .slice()
    .sort((a, b) => (a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group < b.group ? -1 : 1))
    .map((r) => [r.plural, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind]);
  if (str(args, 'output') === 'name') {
    ctx.out.push(rows.map((r) => (r[2]!.includes('/') ? `${r[0]}.${r[2]!.split('/')[0]}` : r[0]!)).join('\n'));
    return;
  }
  ctx.out.push(padColumns([['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], ...rows]));
}

const EXPLAIN: Record<string, string> = {
  Pod: 'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
  Node: 'Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).',
  Deployment: 'Deployment enables declarative updates for Pods and ReplicaSets.',
  ReplicaSet: 'ReplicaSet ensures that a specified number of pod replicas are running at any given time.',
  DaemonSet: 'DaemonSet represents the configuration of a daemon set.',
  StatefulSet: 'StatefulSet represents a set of pods with consistent identities.',
  Job: 'Job represents the configuration of a single job.',
  Service: 'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.',
  EndpointSlice: 'EndpointSlice represents a set of service endpoints.',
  PodDisruptionBudget: 'PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods',
  Lease: 'Lease defines a lease concept.',
  Namespace: 'Namespace provides a scope for Names. Use of multiple namespaces is optional.',
  PriorityClass: 'PriorityClass defines mapping from a priority class name to the priority integer value. The value can be any valid integer.',
  Event: 'Event is a report of an event somewhere in the cluster.',
};

/** A short built-in answer (the schema-backed explain comes with the editor's schema). */
function runExplain(ctx: KubectlContext, args: ParsedArgs): void {
  const target = args.positional[0];
  if (!target) throw new KubectlError(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.`);
  const [typeName, ...fields] = target.split('.');
  const type = resolveResource(typeName!);
  if (!type) throw new KubectlError(`the server doesn't have a resource type "${typeName}"`);
  if (fields.length > 0) throw new KubectlError(`field explanations need the API schema, which this console does not have yet (try "kubectl explain ${typeName}")`);
  ctx.out.push(`GROUP:      ${type.group}\nKIND:       ${type.kind}\nVERSION:    ${type.version}\n\nDESCRIPTION:\n    ${EXPLAIN[type.kind] ?? ''}\n\nFIELDS:\n  apiVersion\t<string>\n  kind\t<string>\n  metadata\t<ObjectMeta>\n${type.kind === 'Event' || type.kind === 'EndpointSlice' ? '' : '  spec\t<Object>\n'}${['Namespace', 'PriorityClass', 'Lease', 'Event', 'EndpointSlice'].includes(type.kind) ? '' : '  status\t<Object>\n'}`.replace(/\t/g, '\t'));
}

function runConfig(ctx: KubectlContext, args: ParsedArgs): void {
  const sub = args.positional[0];
  if (sub === 'current-context') {
    ctx.out.push('kube-playground');
    return;
  }
  if (sub === 'get-contexts') {
    ctx.out.push(padColumns([['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ['*', 'kube-playground', 'kube-playground', 'playground-admin', '']]));
    return;
  }
  if (sub !== 'view') throw new KubectlError(sub ? `unknown command "${sub}" for "kubectl config"` : `kubectl config needs a subcommand: view, current-context, get-contexts`);
  ctx.out.push(
    [
      'apiVersion: v1',
      'clusters:',
      '- cluster:',
      '    certificate-authority-data: DATA+OMITTED',
      '    server: https://kube-playground.local:6443',
      '  name: kube-playground',
      'contexts:',
      '- context:',
      '    cluster: kube-playground',
      '    user: playground-admin',
      '  name: kube-playground',
      'current-context: kube-playground',
      'kind: Config',
      'preferences: {}',
      'users:',
      '- name: playground-admin',
      '  user:',
      '    client-certificate-data: DATA+OMITTED',
      '    client-key-data: DATA+OMITTED',
    ].join('\n'),
  );
}

export const READ_VERBS: Verb[] = [
  {
    name: 'events',
    mutating: false,
    flags: [
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'for', type: 'string' },
      { name: 'types', type: 'strings' },
      { name: 'watch', short: 'w', type: 'bool' },
    ],
    run: runEvents,
  },
  {
    name: 'logs',
    mutating: false,
    flags: [
      { name: 'container', short: 'c', type: 'string' },
      { name: 'follow', short: 'f', type: 'bool' },
      { name: 'previous', short: 'p', type: 'bool' },
      { name: 'tail', type: 'int' },
    ],
    run: runLogs,
  },
  {
    name: 'exec',
    mutating: false,
    flags: [
      { name: 'container', short: 'c', type: 'string' },
      { name: 'stdin', short: 'i', type: 'bool' },
      { name: 'tty', short: 't', type: 'bool' },
    ],
    run: runExec,
  },
  {
    name: 'top',
    mutating: false,
    flags: [{ name: 'all-namespaces', short: 'A', type: 'bool' }],
    run: (ctx, args) => {
      const sub = args.positional[0];
      if (sub !== 'node' && sub !== 'nodes' && sub !== 'no' && sub !== 'pod' && sub !== 'pods' && sub !== 'po') throw new KubectlError(sub ? `unknown command "${sub}" for "kubectl top"` : 'kubectl top needs a subcommand: node or pod');
      // No metrics-server: Upstream top_node.go / top_pod.go.
      throw new KubectlError('Metrics API not available');
    },
  },
  { name: 'version', mutating: false, flags: [{ name: 'client', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }], run: runVersion },
  { name: 'cluster-info', mutating: false, flags: [], run: runClusterInfo },
  { name: 'api-resources', mutating: false, flags: [{ name: 'namespaced', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }], run: runApiResources },
  { name: 'explain', mutating: false, flags: [{ name: 'recursive', type: 'bool' }], run: runExplain },
  { name: 'config', mutating: false, flags: [{ name: 'minify', type: 'bool' }, { name: 'raw', type: 'bool' }], run: runConfig },
];

export const ROLLOUT_READ = runRolloutRead;
