/**
 * "Why?" for the inspector: the chain of causes behind a node's, a pod's or a
 * zone's state, with times, read from the engine's own views (the node
 * lifecycle controller's health data and zone queues, the taint eviction
 * controller's timers, the scheduler's last decision). The page only renders
 * the lines; the rules quoted are upstream's (kubernetes-behaviour.md).
 */
import type { Node, NodeCondition, Pod, Taint, Toleration } from '../api/types';
import { getZoneKey } from '../controllers/zones';
import type { Simulation } from '../simulation';
import { SIM_EPOCH_MS } from '../core/time';

/** What the inspector can ask "why?" about. */
export type ExplainTarget =
  | { kind: 'Node'; name: string }
  | { kind: 'Pod'; namespace: string; name: string }
  | { kind: 'Zone'; zone: string };

/** One step of an explanation; `atMs` when it happened (or will happen). */
export interface ExplanationLine {
  atMs?: number;
  text: string;
  /** 'future' = scheduled, not yet happened. */
  when?: 'past' | 'future';
}

/** A chain of causes with times, oldest first. */
export interface Explanation {
  target: ExplainTarget;
  nowMs: number;
  /** One sentence: the state being explained ("Ready=Unknown", "Pending", "Normal"). */
  summary: string;
  lines: ExplanationLine[];
}

const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

/** Simulated ms as the explanation prints them: "55 s", "6m0s (360 s)". */
export function secondsText(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${s} s`;
}

function simMs(timestamp: string | undefined | null): number | undefined {
  if (!timestamp) return undefined;
  const parsed = Date.parse(timestamp);
  return Number.isNaN(parsed) ? undefined : parsed - SIM_EPOCH_MS;
}

export function explain(sim: Simulation, target: ExplainTarget): Explanation {
  const base = { target, nowMs: sim.nowMs };
  switch (target.kind) {
    case 'Node':
      return { ...base, ...explainNode(sim, target.name) };
    case 'Pod':
      return { ...base, ...explainPod(sim, target.namespace, target.name) };
    case 'Zone':
      return { ...base, ...explainZone(sim, target.zone) };
  }
}

type Answer = Pick<Explanation, 'summary' | 'lines'>;

function line(sim: Simulation, atMs: number | undefined, text: string): ExplanationLine {
  if (atMs === undefined) return { text };
  return { atMs, text, when: atMs > sim.nowMs ? 'future' : 'past' };
}

// ---- nodes -------------------------------------------------------------------

function explainNode(sim: Simulation, name: string): Answer {
  const node = sim.api.get<Node>('Node', name);
  if (!node) return { summary: `Node ${name} does not exist`, lines: [{ text: 'It was deleted, or never registered.' }] };
  const ready = readyCondition(node);
  const lines = [...nodeHealthChain(sim, node), ...noExecuteChain(sim, node)];
  return { summary: `Ready=${ready?.status ?? 'Unknown'}`, lines };
}

function readyCondition(node: Node): NodeCondition | undefined {
  return node.status.conditions?.find((c) => c.type === 'Ready');
}

/** Heartbeats seen, grace period, Ready transition. */
function nodeHealthChain(sim: Simulation, node: Node): ExplanationLine[] {
  const name = node.metadata.name;
  const { nodeMonitorGracePeriodMs, nodeMonitorPeriodMs } = sim.settings;
  const health = sim.nodeLifecycle.nodeHealth(name);
  const ready = readyCondition(node);
  const lines: ExplanationLine[] = [];
  const grace = `node-monitor-grace-period (${secondsText(nodeMonitorGracePeriodMs)})`;
  if (!health) {
    lines.push({ text: `The node lifecycle controller has not looked at ${name} yet (it runs every ${secondsText(nodeMonitorPeriodMs)}).` });
    return lines;
  }
  const probeMs = health.probeTimestampMs;
  const leaseMs = simMs(health.leaseRenewTime);
  const heartbeatMs = simMs(ready?.lastHeartbeatTime);
  const seen = [
    leaseMs !== undefined ? `lease renewed at ${secondsText(leaseMs)}` : 'no lease seen',
    heartbeatMs !== undefined ? `status heartbeat at ${secondsText(heartbeatMs)}` : 'no status posted',
  ].join(', ');
  lines.push(line(sim, probeMs, `Last heartbeat seen at ${secondsText(probeMs)} (${seen}); the controller's probe time.`));
  const graceEndsMs = probeMs + nodeMonitorGracePeriodMs;
  const status = ready?.status;
  if (status === 'True') {
    lines.push(
      line(sim, graceEndsMs, `Grace period ends at ${secondsText(graceEndsMs)} unless a new heartbeat arrives: ${grace} after the last one; checked every node-monitor-period (${secondsText(nodeMonitorPeriodMs)}).`),
    );
    return lines;
  }
  const transitionMs = simMs(ready?.lastTransitionTime) ?? health.readyTransitionTimestampMs;
  if (status === 'Unknown') {
    lines.push(line(sim, graceEndsMs, `Grace period ended at ${secondsText(graceEndsMs)}: ${grace} after the last heartbeat.`));
    lines.push(
      line(
        sim,
        transitionMs,
        `Ready=Unknown at ${secondsText(transitionMs)}: no heartbeat for more than ${grace} since ${secondsText(probeMs)} (the controller's last observation); its next monitor pass (every ${secondsText(nodeMonitorPeriodMs)}) marked it.`,
      ),
    );
  } else {
    lines.push(line(sim, transitionMs, `Ready=${status ?? 'missing'} at ${secondsText(transitionMs)}: the kubelet reports it (${ready?.reason ?? 'no reason'}${ready?.message ? `: ${ready.message}` : ''}).`));
  }
  return lines;
}

/** The NoExecute taints on the node, or why they are not there yet. */
function noExecuteChain(sim: Simulation, node: Node): ExplanationLine[] {
  const lines: ExplanationLine[] = [];
  const zoneKey = getZoneKey(node);
  const zone = sim.nodeLifecycle.zoneStates().find((z) => z.key === zoneKey);
  const zoneText = zone ? `${zone.zone || '(no zone)'} ${zone.state}: ${zone.evictionQps} nodes/s` : 'zone unknown';
  const taints = (node.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
  for (const taint of taints) {
    const addedMs = simMs(taint.timeAdded);
    const text = `NoExecute taint ${taint.key} at ${addedMs === undefined ? '(unknown time)' : secondsText(addedMs)} (${zoneText}).`;
    lines.push(line(sim, addedMs, text));
  }
  const queued = sim.nodeLifecycle.taintQueue(zoneKey).find((item) => item.value === node.metadata.name);
  if (queued) {
    const rate = zone && zone.evictionQps === 0 ? ' The zone\'s rate is 0: tainting is stopped until the zone recovers.' : '';
    lines.push(
      line(sim, queued.addedAtMs, `Queued for a NoExecute taint at ${secondsText(queued.addedAtMs)}, in ${zoneText}; the zone's queue takes one node per 1/rate seconds.${rate}`),
    );
    if (!rate) lines.push(line(sim, Math.max(queued.processAtMs, sim.nowMs), `The taint can be added at ${secondsText(Math.max(queued.processAtMs, sim.nowMs))} at the earliest.`));
  } else if (taints.length === 0 && readyCondition(node)?.status !== 'True') {
    lines.push({ text: `No NoExecute taint yet (${zoneText}): the controller queues the node on its next monitor pass.` });
  }
  return lines;
}

// ---- pods --------------------------------------------------------------------

function explainPod(sim: Simulation, namespace: string, name: string): Answer {
  const key = `${namespace}/${name}`;
  const pod = sim.api.get<Pod>('Pod', name, namespace);
  if (!pod) return { summary: `Pod ${key} does not exist`, lines: [{ text: 'It was deleted (or never created).' }] };
  const summary = pod.metadata.deletionTimestamp ? 'Terminating' : (pod.status.phase ?? 'Pending');
  const nodeName = pod.spec.nodeName;
  if (!nodeName) return { summary, lines: pendingChain(sim, key) };
  const node = sim.api.get<Node>('Node', nodeName);
  const lines: ExplanationLine[] = [];
  if (!node) {
    lines.push({ text: `Bound to ${nodeName}, which no longer exists; PodGC deletes pods bound to missing nodes.` });
  } else {
    lines.push(...nodeHealthChain(sim, node).map((l) => ({ ...l, text: `${nodeName}: ${l.text}` })));
    lines.push(...podEvictionChain(sim, pod, node));
  }
  lines.push(...deletionLines(sim, pod));
  return { summary, lines };
}

function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (!toleration.key) return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  return toleration.operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

/** For each NoExecute taint on the node: the taint, the toleration that covers it, and the eviction time. */
function podEvictionChain(sim: Simulation, pod: Pod, node: Node): ExplanationLine[] {
  const lines = noExecuteChain(sim, node);
  const taints = (node.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (taints.length === 0) {
    if (readyCondition(node)?.status === 'True') lines.push({ text: `${node.metadata.name} is Ready and has no NoExecute taint: nothing is going to evict this pod.` });
    return lines;
  }
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const scheduled = sim.taintEviction.scheduledEvictions().find((e) => e.pod === key);
  let evictAtMs: number | undefined = scheduled?.fireAtMs;
  let forever = true;
  for (const taint of taints) {
    const toleration = (pod.spec.tolerations ?? []).find((t) => tolerates(t, taint));
    const addedMs = simMs(taint.timeAdded) ?? sim.nowMs;
    if (!toleration) {
      forever = false;
      lines.push(line(sim, addedMs, `No toleration for ${taint.key} ⇒ eviction at ${secondsText(addedMs)} (at once).`));
      evictAtMs ??= addedMs;
      continue;
    }
    if (typeof toleration.tolerationSeconds !== 'number') {
      lines.push({ text: `Toleration ${taint.key} has no tolerationSeconds: the pod stays bound despite the taint.` });
      continue;
    }
    forever = false;
    const endsMs = Math.max(0, toleration.tolerationSeconds) * 1000 + (scheduled?.createdAtMs ?? addedMs);
    const source = toleration.tolerationSeconds === defaultToleration(sim, taint.key) ? ' (added by the DefaultTolerationSeconds admission plugin)' : '';
    lines.push(
      line(sim, scheduled?.fireAtMs ?? endsMs, `Toleration ${taint.key} for ${toleration.tolerationSeconds} s${source} ⇒ eviction at ${secondsText(scheduled?.fireAtMs ?? endsMs)}.`),
    );
    evictAtMs = Math.min(evictAtMs ?? endsMs, endsMs);
  }
  if (forever) lines.push({ text: 'Every NoExecute taint is tolerated forever: the taint eviction controller leaves the pod alone.' });
  const disruption = pod.status.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
  const evictedMs = simMs(disruption?.lastTransitionTime);
  if (disruption && evictedMs !== undefined) {
    lines.push(line(sim, evictedMs, `Evicted at ${secondsText(evictedMs)}: the taint eviction controller marked the pod for deletion (${disruption.reason ?? 'DisruptionTarget'}).`));
  } else if (scheduled) {
    lines.push(line(sim, scheduled.fireAtMs, `The taint eviction controller will delete the pod at ${secondsText(scheduled.fireAtMs)}, unless the taint goes first.`));
  }
  return lines;
}

function defaultToleration(sim: Simulation, key: string): number | undefined {
  if (key === TAINT_UNREACHABLE) return sim.settings.defaultUnreachableTolerationSeconds;
  if (key === TAINT_NOT_READY) return sim.settings.defaultNotReadyTolerationSeconds;
  return undefined;
}

function deletionLines(sim: Simulation, pod: Pod): ExplanationLine[] {
  const deadlineMs = simMs(pod.metadata.deletionTimestamp);
  if (deadlineMs === undefined) return [];
  const graceS = pod.metadata.deletionGracePeriodSeconds ?? 0;
  const node = pod.spec.nodeName;
  const reachable = node ? sim.kubelets.view(node)?.power === 'on' && sim.network.reachable(node, sim.kubelets.view(node)?.config.zone) : false;
  const rest = reachable
    ? 'the kubelet stops the containers and confirms the deletion.'
    : `the kubelet on ${node ?? 'its node'} cannot confirm, so the pod stays Terminating until the node comes back, or the Node object is deleted (PodGC).`;
  return [line(sim, deadlineMs, `Grace period of ${graceS} s ends at ${secondsText(deadlineMs)} (deletionTimestamp); ${rest}`)];
}

function pendingChain(sim: Simulation, key: string): ExplanationLine[] {
  const lines: ExplanationLine[] = [];
  const queued = sim.scheduler.queuedPods().find((p) => p.pod === key);
  if (queued) {
    const backoff = queued.backoffUntilMs !== undefined ? `, in backoff until ${secondsText(queued.backoffUntilMs)}` : '';
    lines.push(line(sim, queued.sinceMs, `In the scheduler's ${queued.queue} queue since ${secondsText(queued.sinceMs)} after ${queued.attempts} attempt(s)${backoff}.`));
  }
  const decision = sim.scheduler.lastDecision(key);
  if (!decision) {
    lines.push({ text: 'The scheduler has not tried this pod yet.' });
    return lines;
  }
  if (decision.result === 'bound') {
    lines.push(line(sim, decision.atMs, `Scheduled to ${decision.node ?? '?'} at ${secondsText(decision.atMs)}.`));
    return lines;
  }
  lines.push(
    line(sim, decision.atMs, `Unschedulable at ${secondsText(decision.atMs)}: ${decision.message ?? `${decision.feasibleNodes} of ${decision.totalNodes} nodes fit`}`),
  );
  for (const filter of [...decision.filters].sort((a, b) => (a.node < b.node ? -1 : 1))) {
    lines.push({ text: `${filter.node}: ${filter.plugin} — ${filter.reasons.join('; ')}` });
  }
  if (decision.nominatedNode) lines.push({ text: `Preemption nominated ${decision.nominatedNode}${decision.victims?.length ? `, evicting ${decision.victims.join(', ')}` : ''}.` });
  return lines;
}

// ---- zones -------------------------------------------------------------------

function explainZone(sim: Simulation, zoneName: string): Answer {
  const zone = sim.nodeLifecycle.zoneStates().find((z) => z.zone === zoneName);
  if (!zone) return { summary: `Zone ${zoneName} is unknown`, lines: [{ text: 'The node lifecycle controller has no node in this zone.' }] };
  const s = sim.settings;
  const nodes = [...sim.api.list<Node>('Node')].filter((n) => getZoneKey(n) === zone.key);
  const notReady = nodes.filter((n) => readyCondition(n)?.status !== 'True');
  const total = nodes.length;
  const pct = total ? Math.round((notReady.length / total) * 100) : 0;
  const thresholdPct = Math.round(s.unhealthyZoneThreshold * 100);
  const clusterSize = [...sim.api.list<Node>('Node')].length;
  const lines: ExplanationLine[] = [
    { text: `${notReady.length} of ${total} nodes not Ready (${pct}%)${notReady.length ? `: ${notReady.map((n) => n.metadata.name).sort().join(', ')}` : ''}.` },
  ];
  const secondary = clusterSize > s.largeClusterSizeThreshold ? s.secondaryNodeEvictionRate : 0;
  switch (zone.state) {
    case 'Initial':
      lines.push({ text: 'Initial: the controller has not assessed the zone yet (it does on its next monitor pass).' });
      break;
    case 'Normal':
      lines.push({
        text: `Normal: not every node is down, and not more than 2 nodes or fewer than unhealthy-zone-threshold (${thresholdPct}%) are not Ready ⇒ NoExecute tainting at node-eviction-rate (${s.nodeEvictionRate} nodes/s: one node every ${secondsText(1000 / s.nodeEvictionRate)}).`,
      });
      break;
    case 'PartialDisruption':
      lines.push({
        text: `PartialDisruption: more than 2 nodes and at least unhealthy-zone-threshold (${thresholdPct}%) not Ready ⇒ tainting slows to secondary-node-eviction-rate (${s.secondaryNodeEvictionRate} nodes/s), or stops when the cluster has at most large-cluster-size-threshold (${s.largeClusterSizeThreshold}) nodes; this cluster has ${clusterSize}, so the rate is ${secondary} nodes/s.`,
      });
      break;
    case 'FullDisruption':
      lines.push({
        text: 'FullDisruption: no node in the zone is Ready ⇒ tainting uses node-eviction-rate, as in Normal, unless every zone is in FullDisruption: then the controller assumes its own network is at fault, stops all evictions and removes the NoExecute taints.',
      });
      break;
  }
  lines.push({ text: `Current rate: ${zone.evictionQps} nodes/s.` });
  for (const item of sim.nodeLifecycle.taintQueue(zone.key)) {
    lines.push(line(sim, item.processAtMs, `${item.value} waits for its NoExecute taint (queued at ${secondsText(item.addedAtMs)}).`));
  }
  return { summary: zone.state, lines };
}
