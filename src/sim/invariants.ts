/**
 * Properties that hold after every settled instant, whatever faults were
 * injected. The swarm test checks them after every step; a violation names
 * the object and the rule.
 */
import { getNodeCondition, isPodTerminal } from './api/conditions';
import { hasTaint, TAINT_NOT_READY, TAINT_UNREACHABLE } from './api/taints';
import type { KubeObject, Node, Pod } from './api/types';
import { controlledNoScheduleTaints, desiredNoScheduleTaints, taintSetDiff } from './controllers/node-taints';
import { getZoneKey } from './controllers/zones';
import type { Simulation } from './simulation';

export interface InvariantChecker {
  /** Violations found at this instant (empty when all hold). */
  check(): string[];
}

/** Watches a simulation and checks its invariants on demand. */
export function watchInvariants(sim: Simulation): InvariantChecker {
  const history = new Map<string, { resourceVersion: number; terminal: boolean; terminating: boolean; nodeName?: string }>();
  const transitionErrors: string[] = [];
  let lastNowMs = sim.nowMs;

  sim.api.watch<KubeObject>('*', (event) => {
    const id = `${event.object.kind}/${event.object.metadata.namespace ?? ''}/${event.object.metadata.name}`;
    const before = history.get(id);
    if (event.type === 'DELETED') {
      history.delete(id);
      return;
    }
    const resourceVersion = Number(event.object.metadata.resourceVersion);
    const pod = event.object.kind === 'Pod' ? (event.object as Pod) : undefined;
    const now = {
      resourceVersion,
      terminal: pod ? isPodTerminal(pod) : false,
      terminating: pod ? pod.metadata.deletionTimestamp !== undefined : false,
      ...(pod?.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    };
    if (before && event.type === 'MODIFIED') {
      if (resourceVersion <= before.resourceVersion) transitionErrors.push(`${id}: resourceVersion went from ${before.resourceVersion} to ${resourceVersion}`);
      if (before.terminal && !now.terminal) transitionErrors.push(`${id}: a terminal pod became ${pod?.status.phase}`);
      if (before.terminating && !now.terminating) transitionErrors.push(`${id}: deletionTimestamp was removed`);
      if (before.nodeName && before.nodeName !== now.nodeName) transitionErrors.push(`${id}: re-bound from ${before.nodeName} to ${now.nodeName}`);
    }
    history.set(id, now);
  });

  return {
    check(): string[] {
      const errors = transitionErrors.splice(0);
      if (sim.nowMs < lastNowMs) errors.push(`clock went back from ${lastNowMs} to ${sim.nowMs}`);
      lastNowMs = sim.nowMs;
      // The ReplicaSet controller's incrementally kept pod counts equal a fresh count.
      errors.push(...checkNodes(sim), ...checkZones(sim), ...sim.replicaSets.verifyCounts());
      return errors;
    },
  };
}

function checkNodes(sim: Simulation): string[] {
  const errors: string[] = [];
  for (const node of sim.api.list<Node>('Node')) {
    const name = node.metadata.name;
    // The NoSchedule pass is event-driven: by the end of an instant the condition taints match the conditions.
    const { add, remove } = taintSetDiff(desiredNoScheduleTaints(node), controlledNoScheduleTaints(node));
    if (add.length || remove.length) {
      errors.push(`Node/${name}: NoSchedule taints out of step with conditions (missing ${add.map((t) => t.key)}, extra ${remove.map((t) => t.key)})`);
    }
    // Once the controller has seen the node Ready, its NoExecute taints are gone in the same pass.
    const seen = sim.nodeLifecycle.nodeHealth(name)?.savedReady?.status;
    const ready = getNodeCondition(node, 'Ready')?.status;
    if (seen === 'True' && ready === 'True') {
      for (const key of [TAINT_UNREACHABLE, TAINT_NOT_READY]) {
        if (hasTaint(node.spec.taints, key, 'NoExecute')) errors.push(`Node/${name}: Ready and observed Ready, yet tainted ${key}:NoExecute`);
      }
    }
    if (hasTaint(node.spec.taints, TAINT_UNREACHABLE, 'NoExecute') && hasTaint(node.spec.taints, TAINT_NOT_READY, 'NoExecute')) {
      errors.push(`Node/${name}: carries both unreachable and not-ready NoExecute taints`);
    }
  }
  return errors;
}

function checkZones(sim: Simulation): string[] {
  const errors: string[] = [];
  const known = new Set(sim.nodeLifecycle.zoneStates().map((z) => z.key));
  const states = sim.nodeLifecycle.zoneStates();
  const allFull = states.length > 0 && states.every((z) => z.state === 'FullDisruption');
  for (const node of sim.api.list<Node>('Node')) {
    const key = getZoneKey(node);
    const health = sim.nodeLifecycle.nodeHealth(node.metadata.name);
    if (health && !known.has(key)) errors.push(`Node/${node.metadata.name}: its zone "${key}" has no state`);
    // In "master disruption mode" nothing is evicted: no NLC NoExecute taints anywhere.
    if (allFull && health && (hasTaint(node.spec.taints, TAINT_UNREACHABLE, 'NoExecute') || hasTaint(node.spec.taints, TAINT_NOT_READY, 'NoExecute'))) {
      errors.push(`Node/${node.metadata.name}: every zone is fully disrupted, yet it carries a NoExecute node-lifecycle taint`);
    }
  }
  return errors;
}
