/**
 * What to watch for after an action: one row per action kind, worded from
 * what the controllers will do to the pods that were on the node at that
 * moment (a Deployment's are replaced at once, a StatefulSet's only once the
 * old pod is gone, a DaemonSet's tolerate the node's taints). Pure, so the
 * wording is tested against upstream's rules (hints.test.ts).
 */
import type { SimAction } from '../../protocol/messages';
import { formatSimTime } from '../format';

/** The pods on the node the action touched, by the kind of controller that owns them. */
export interface PodsByController {
  /** Owned by a ReplicaSet (usually a Deployment's). */
  replicaSet: string[];
  statefulSet: string[];
  daemonSet: string[];
  job: string[];
  /** No controller: nothing recreates them. */
  bare: string[];
}

export interface HintContext {
  pods: PodsByController;
  /** --node-monitor-grace-period. */
  graceMs: number;
  /** DefaultTolerationSeconds for node.kubernetes.io/unreachable and not-ready. */
  tolerationSeconds: number;
  /** The kubelet's shutdownGracePeriod. */
  shutdownGraceMs: number;
}

export const FIRST_HINT = 'Try it: kill a node from its ⋯ menu (or press Enter on a card). Ready turns Unknown, taints appear, and the events say what each controller does.';
export const SCENARIO_HINT = 'Play or step time to run the scenario: each expectation in the Scenario tab is checked at its time, ✓ or ✗.';

export function emptyPods(): PodsByController {
  return { replicaSet: [], statefulSet: [], daemonSet: [], job: [], bare: [] };
}

/** "db-1", "db-1 and db-2", "3 pods". */
function names(list: readonly string[]): string {
  if (list.length <= 2) return list.join(' and ');
  return `${list.length} pods`;
}

/** What happens to each kind of pod once the node's NoExecute taint outlives their toleration. */
function evictionFate({ pods, tolerationSeconds }: HintContext): string {
  const parts: string[] = [];
  const after = `${tolerationSeconds} s later`;
  if (pods.replicaSet.length) parts.push(`${after} ${names(pods.replicaSet)} (ReplicaSet) ${pods.replicaSet.length === 1 ? 'is' : 'are'} evicted and replaced on other nodes at once`);
  if (pods.statefulSet.length)
    parts.push(
      `${names(pods.statefulSet)} (StatefulSet) ${pods.statefulSet.length === 1 ? 'is' : 'are'} evicted but not replaced: the same name comes back only once the old pod is gone, which needs the node back or deleted`,
    );
  if (pods.job.length) parts.push(`${names(pods.job)} (Job) ${pods.job.length === 1 ? 'is' : 'are'} evicted and retried elsewhere`);
  if (pods.bare.length) parts.push(`${names(pods.bare)} (no controller) ${pods.bare.length === 1 ? 'is' : 'are'} evicted and nothing recreates ${pods.bare.length === 1 ? 'it' : 'them'}`);
  if (pods.daemonSet.length) parts.push(`${names(pods.daemonSet)} (DaemonSet) ${pods.daemonSet.length === 1 ? 'tolerates' : 'tolerate'} the taint and ${pods.daemonSet.length === 1 ? 'stays' : 'stay'}`);
  return parts.length ? `${parts.join('; ')}.` : 'No pods were on it.';
}

/** The control plane's view of a node it stops hearing from: the same whether the machine died or its network did. */
function silentNode(node: string, what: string, ctx: HintContext): string {
  return `${node} ${what}. After ${formatSimTime(ctx.graceMs)} without a heartbeat Ready turns Unknown and it is tainted unreachable. ${evictionFate(ctx)}`;
}

type HintRow<K extends SimAction['do']> = (action: Extract<SimAction, { do: K }>, ctx: HintContext) => string;

const HINTS: { [K in SimAction['do']]: HintRow<K> } = {
  'kill-node': (a, ctx) => silentNode(a.node, 'is off', ctx),
  'shutdown-node': (a, ctx) =>
    ctx.shutdownGraceMs > 0
      ? `${a.node} shuts down: its kubelet stops its pods within ${formatSimTime(ctx.shutdownGraceMs)} (shutdownGracePeriod), then the machine is off. ${silentNode('The node', 'is then silent', ctx)}`
      : silentNode(a.node, 'shuts down as abruptly as a kill (shutdownGracePeriod is 0, the default)', ctx),
  'partition-node': (a, ctx) => silentNode(a.node, 'still runs its pods, but no heartbeat reaches the API server', ctx),
  'partition-zone': (a) =>
    `Zone ${a.zone} is cut off. Its nodes run on but turn Unknown and the zone goes FullDisruption. While another zone is healthy its nodes are still tainted at the zone's eviction rate and their pods evicted after their toleration; if every zone is disrupted, evictions stop.`,
  'start-node': (a) =>
    `${a.node} boots: its kubelet renews the lease within seconds, Ready turns True and the unreachable taints go. Pods evicted meanwhile stay gone; their replacements stay where they run.`,
  'heal-node': (a) => `${a.node} reaches the API server again: Ready turns True and the unreachable taints go. Pods not evicted yet keep running there.`,
  'heal-zone': (a) => `Zone ${a.zone} is reachable again: its nodes turn Ready, the zone goes back to Normal, and scheduled evictions there are cancelled.`,
  'set-condition': (a) =>
    a.type === 'Ready' && a.status !== 'True'
      ? `${a.node} reports Ready=${a.status}: it is tainted not-ready; pods without a longer toleration are evicted after it.`
      : `${a.node} reports ${a.type}=${a.status}: ${a.status === 'True' && a.type !== 'Ready' ? 'a NoSchedule taint keeps new pods off it; running pods stay.' : 'the matching taint goes once the kubelet reports it.'}`,
  cordon: (a) => `${a.node} is cordoned: no new pods are scheduled there (taint unschedulable:NoSchedule); pods already on it keep running. Drain would evict them.`,
  uncordon: (a) => `${a.node} takes new pods again: Pending pods may be scheduled there; running pods do not move back.`,
  drain: (a, { pods }) =>
    `kubectl drain ${a.node}: cordoned, then each pod evicted through the eviction API, within its PodDisruptionBudget.${pods.replicaSet.length ? ' ReplicaSet pods are replaced elsewhere at once.' : ''}${pods.statefulSet.length ? ` ${names(pods.statefulSet)} (StatefulSet) ${pods.statefulSet.length === 1 ? 'comes' : 'come'} back under the same name on another node once the old pod has terminated.` : ''}${pods.daemonSet.length ? ' DaemonSet pods are left alone.' : ''}`,
  'delete-node': (a) => `The Node object ${a.node} is deleted: within about a minute PodGC deletes the pods bound to it, and their controllers create new ones on other nodes.`,
  'add-node': (a) => `${a.node.name} joins: once Ready, new and Pending pods can be scheduled there; running pods do not move.`,
  taint: (a) =>
    a.taint.effect === 'NoExecute'
      ? `NoExecute on ${a.node}: pods that do not tolerate ${a.taint.key} are evicted now (or when their tolerationSeconds run out).`
      : a.taint.effect === 'NoSchedule'
        ? `NoSchedule on ${a.node}: new pods without a toleration for ${a.taint.key} are not scheduled there; running pods stay.`
        : `PreferNoSchedule on ${a.node}: the scheduler avoids it when another node fits.`,
  untaint: (a) => `Taint ${a.taint.key}:${a.taint.effect} removed from ${a.node}. The node lifecycle controller puts its own taints back while their condition holds.`,
  scale: (a) => `kubectl scale ${a.kind.toLowerCase()}/${a.name} --replicas=${a.replicas}: the controller creates or deletes pods until ${a.replicas} exist.`,
  apply: () => 'Applied: the controllers act on the new object; watch the events.',
  delete: (a) => `${a.kind} ${a.name} deleted: the garbage collector removes what it owned.`,
  kubectl: (a) => `${a.line}: run by the simulated API server at this instant; its output is in the Console tab.`,
  'set-traffic': (a) =>
    a.rps === 0
      ? `Traffic to ${a.service} stops; its counts stay in the Requests chart.`
      : `${a.rps} requests/s to ${a.service}, spread by each node's kube-proxy over the endpoints it knows. A pod on a dead or cut-off node fails its share until the EndpointSlice marks it not ready.`,
  'container-fault': (a) => CONTAINER_FAULT_HINTS[a.fault](`${a.container ? `Container ${a.container}` : 'The container'} of ${a.pod}`),
};

/** What the kubelet does about each fault (pkg/kubelet/prober, kuberuntime), with upstream's defaults. */
const CONTAINER_FAULT_HINTS: Record<Extract<SimAction, { do: 'container-fault' }>['fault'], (who: string) => string> = {
  crash: (who) =>
    `${who} exits with code 1. The kubelet restarts it by its restartPolicy: at once the first time, then after a back-off of 10 s, 20 s, 40 s … up to 5 min, waiting in CrashLoopBackOff; restartCount goes up each time.`,
  hang: (who) =>
    `${who} stops answering probes. With a liveness probe the kubelet kills and restarts it at the failureThreshold-th failure in a row (3 × periodSeconds 10 by default); without one it keeps running, and a failing readiness probe takes the pod out of its Service's endpoints.`,
  unready: (who) =>
    `${who} reports itself unready: after failureThreshold failed readiness probes the pod turns Ready=False and leaves its Service's endpoints; nothing is restarted. Without a readiness probe nothing changes.`,
};

/** The hint after `action`, for the pods that were on its node. */
export function hintFor(action: SimAction, ctx: HintContext): string {
  const row = HINTS[action.do] as HintRow<SimAction['do']>;
  return row(action, ctx);
}

/** Sorts pods into the controller kinds the hints speak of, from each pod's controller reference. */
export function podsByController(pods: Iterable<{ name: string; controllerKind: string | undefined }>): PodsByController {
  const out = emptyPods();
  for (const { name, controllerKind } of pods) {
    if (controllerKind === 'ReplicaSet') out.replicaSet.push(name);
    else if (controllerKind === 'StatefulSet') out.statefulSet.push(name);
    else if (controllerKind === 'DaemonSet') out.daemonSet.push(name);
    else if (controllerKind === 'Job') out.job.push(name);
    else out.bare.push(name);
  }
  return out;
}
