/**
 * Carries out one SimAction against the simulated cluster, the way the real
 * thing happens: a machine loses power (kubelet), a link breaks (network), or
 * a user runs kubectl (API writes).
 */
import { ActionError, CONTAINER_FAULTS, type SimAction, type TaintSpec } from './actions';
import { toTimestamp } from './core/time';
import { formatTaint, sameTaint } from './api/taints';
import type { Node, Pod } from './api/types';
import { LABEL_ZONE } from './controllers/zones';
import { scaleWorkload } from './controllers/scale';
import type { Simulation } from './simulation';
import { runKubectl, type KubectlOutput } from './kubectl';
import { MAX_RPS } from './network/traffic';

/** Carries out the action; a `kubectl` line returns what kubectl printed. */
export function applyClusterAction(sim: Simulation, action: SimAction): KubectlOutput | void {
  const { api, kubelets, network } = sim;
  switch (action.do) {
    case 'kill-node':
      return kubelets.kill(requireKubelet(sim, action.node));
    case 'start-node':
      return kubelets.start(requireKubelet(sim, action.node));
    case 'shutdown-node':
      return kubelets.shutdown(requireKubelet(sim, action.node));
    case 'partition-node':
      network.partitionNode(requireNode(sim, action.node));
      return kubelets.networkChanged();
    case 'heal-node':
      network.healNode(requireNode(sim, action.node));
      return kubelets.networkChanged();
    case 'partition-zone':
      network.partitionZone(requireZone(sim, action.zone));
      return kubelets.networkChanged();
    case 'heal-zone':
      network.healZone(requireZone(sim, action.zone), nodesOfZone(sim, action.zone));
      return kubelets.networkChanged();
    case 'set-condition':
      return setCondition(sim, action);
    case 'cordon':
    case 'uncordon':
      api.update<Node>('Node', requireNode(sim, action.node), undefined, (node) => {
        const unschedulable = action.do === 'cordon';
        if ((node.spec.unschedulable ?? false) === unschedulable) return false;
        if (unschedulable) node.spec.unschedulable = true;
        else delete node.spec.unschedulable;
      });
      return;
    case 'delete-node':
      return api.delete('Node', requireNode(sim, action.node));
    case 'add-node':
      if (api.get('Node', action.node.name)) throw new ActionError(`nodes "${action.node.name}" already exists`);
      return kubelets.register(action.node);
    case 'taint':
      return addTaint(sim, action.node, action.taint);
    case 'untaint':
      return removeTaint(sim, action.node, action.taint);
    case 'apply':
      api.apply(action.object);
      return;
    case 'delete':
      return api.delete(action.kind, action.name, action.namespace ?? defaultNamespace(action.kind), action.force ? { gracePeriodSeconds: 0 } : {});
    case 'drain':
      return sim.drainer.startDrain(requireNode(sim, action.node));
    case 'scale':
      scaleWorkload(api, action.kind, action.namespace ?? 'default', action.name, action.replicas);
      return;
    case 'kubectl':
      return runKubectl(sim, action.line, action.stdin);
    case 'container-fault':
      return containerFault(sim, action);
    case 'set-traffic':
      return setTraffic(sim, action);
  }
}

/** The fault goes to the kubelet that runs the pod; the container is the pod's first unless named (as kubectl's default). */
function containerFault(sim: Simulation, action: Extract<SimAction, { do: 'container-fault' }>): void {
  if (!(CONTAINER_FAULTS as readonly string[]).includes(action.fault)) throw new ActionError(`unknown fault "${action.fault}" (crash, hang or unready)`);
  if (action.forMs !== undefined && !(Number.isSafeInteger(action.forMs) && action.forMs > 0)) throw new ActionError(`fault duration ${action.forMs} ms is not a positive whole number of milliseconds`);
  const namespace = action.namespace ?? 'default';
  const pod = sim.api.get<Pod>('Pod', action.pod, namespace);
  if (!pod) throw new ActionError(`pods "${action.pod}" not found${namespace === 'default' ? '' : ` in namespace ${namespace}`}`);
  const container = action.container ?? pod.spec.containers[0]?.name ?? '';
  if (!pod.spec.containers.some((c) => c.name === container)) throw new ActionError(`container ${container} is not valid for pod ${action.pod}`);
  const node = pod.spec.nodeName;
  const why = node && sim.kubelets.has(node) ? sim.kubelets.containerFault(node, `${namespace}/${action.pod}`, container, action.fault, action.forMs) : 'pod-not-running';
  if (why === 'node-off') throw new ActionError(`pod ${action.pod} is not running: its node ${node} is off`);
  if (why === 'pod-not-running') throw new ActionError(`pod ${action.pod} is not running (${pod.status.phase ?? 'Pending'}${node ? ` on ${node}` : ', not scheduled'})`);
  if (why === 'container-exited') throw new ActionError(`container ${container} of pod ${action.pod} has exited and will not restart`);
}

function requireNode(sim: Simulation, name: string): string {
  if (!sim.api.get('Node', name) && !sim.kubelets.has(name)) throw new ActionError(`nodes "${name}" not found`);
  return name;
}

function requireKubelet(sim: Simulation, name: string): string {
  requireNode(sim, name);
  if (!sim.kubelets.has(name)) throw new ActionError(`node ${name} has no simulated kubelet (it was created from a manifest)`);
  return name;
}

function nodesOfZone(sim: Simulation, zone: string): string[] {
  const names = new Set<string>();
  for (const node of sim.api.list<Node>('Node')) if (node.metadata.labels?.[LABEL_ZONE] === zone) names.add(node.metadata.name);
  for (const name of sim.network.snapshot().partitionedNodes) {
    const node = sim.api.get<Node>('Node', name);
    if (node?.metadata.labels?.[LABEL_ZONE] === zone) names.add(name);
  }
  return [...names].sort();
}

function requireZone(sim: Simulation, zone: string): string {
  if (nodesOfZone(sim, zone).length === 0 && !sim.network.isZonePartitioned(zone)) throw new ActionError(`zone "${zone}" has no nodes`);
  return zone;
}

function defaultNamespace(kind: string): string | undefined {
  return ['Node', 'Namespace', 'PriorityClass'].includes(kind) ? undefined : 'default';
}

/**
 * A node with a simulated kubelet reports the condition from its next status
 * sync. A node created from a manifest has no kubelet: the condition is
 * written as if an external agent posted it, with a fresh heartbeat.
 */
function setCondition(sim: Simulation, action: Extract<SimAction, { do: 'set-condition' }>): void {
  const name = requireNode(sim, action.node);
  const override = { status: action.status, ...(action.reason ? { reason: action.reason } : {}), ...(action.message ? { message: action.message } : {}) };
  if (sim.kubelets.has(name)) return sim.kubelets.setCondition(name, action.type, override);
  const now = toTimestamp(sim.nowMs);
  sim.api.update<Node>('Node', name, undefined, (node) => {
    const conditions = (node.status.conditions ??= []);
    const existing = conditions.find((c) => c.type === action.type);
    const next = {
      type: action.type,
      status: action.status,
      reason: action.reason ?? existing?.reason ?? 'Reported',
      message: action.message ?? existing?.message ?? '',
      lastHeartbeatTime: now,
      lastTransitionTime: existing && existing.status === action.status ? existing.lastTransitionTime : now,
    };
    if (existing) Object.assign(existing, next);
    else conditions.push(next);
  });
}

function addTaint(sim: Simulation, nodeName: string, taint: TaintSpec): void {
  sim.api.update<Node>('Node', requireNode(sim, nodeName), undefined, (node) => {
    const taints = (node.spec.taints ??= []);
    if (taints.some((t) => sameTaint(t, taint))) {
      throw new ActionError(`node/${nodeName} already has ${taint.key} taint(s) with same effect(s) and --overwrite is false`);
    }
    taints.push({ key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect });
  });
}

function removeTaint(sim: Simulation, nodeName: string, taint: TaintSpec): void {
  sim.api.update<Node>('Node', requireNode(sim, nodeName), undefined, (node) => {
    const taints = node.spec.taints ?? [];
    const kept = taints.filter((t) => !sameTaint(t, taint));
    if (kept.length === taints.length) throw new ActionError(`taint "${formatTaint(taint)}" not found`);
    node.spec.taints = kept;
  });
}

function setTraffic(sim: Simulation, action: Extract<SimAction, { do: 'set-traffic' }>): void {
  const namespace = action.namespace ?? 'default';
  if (!Number.isInteger(action.rps) || action.rps < 0 || action.rps > MAX_RPS) {
    throw new ActionError(`rps must be a whole number from 0 to ${MAX_RPS} (got ${action.rps})`);
  }
  if (!sim.api.get('Service', action.service, namespace)) throw new ActionError(`services "${action.service}" not found`);
  sim.traffic.setRate(`${namespace}/${action.service}`, action.rps);
}
