/**
 * "Expect this": the state of one node, pod or zone now, written as the
 * scenario file's expectations at this instant (scenario-format.md,
 * "expect"). Running the exported file checks them where the page saw them,
 * so a teacher builds an exercise by playing it.
 */
import { getNodeCondition, isPodReady } from '../sim/api/conditions';
import type { Node, Pod } from '../sim/api/types';
import type { Simulation } from '../sim/simulation';
import type { FileExpectation } from './export';
import { formatFileDuration } from './file-form';

export type ExpectTarget = { kind: 'Node'; name: string } | { kind: 'Pod'; namespace: string; name: string } | { kind: 'Zone'; zone: string };

/** A node: its Ready condition and every taint; a pod: phase, node, readiness, termination; a zone: its state. Gone: `exists: false`. */
export function expectationsFor(sim: Simulation, target: ExpectTarget): FileExpectation[] {
  const at = formatFileDuration(sim.nowMs);
  switch (target.kind) {
    case 'Node': {
      const node = sim.api.get<Node>('Node', target.name);
      if (!node) return [{ at, node: target.name, exists: false }];
      const ready = getNodeCondition(node, 'Ready');
      const out: FileExpectation[] = ready ? [{ at, node: target.name, condition: { type: 'Ready', status: ready.status } }] : [{ at, node: target.name, exists: true }];
      for (const taint of node.spec.taints ?? []) out.push({ at, node: target.name, hasTaint: { key: taint.key, effect: taint.effect } });
      return out;
    }
    case 'Pod': {
      const ref = { namespace: target.namespace, name: target.name };
      const pod = sim.api.get<Pod>('Pod', target.name, target.namespace);
      if (!pod) return [{ at, pod: ref, exists: false }];
      return [
        {
          at,
          pod: ref,
          phase: pod.status.phase ?? 'Pending',
          node: pod.spec.nodeName ?? '',
          ready: isPodReady(pod),
          terminating: pod.metadata.deletionTimestamp !== undefined,
        },
      ];
    }
    case 'Zone': {
      const zone = sim.nodeLifecycle.zoneStates().find((z) => z.zone === target.zone);
      return zone ? [{ at, zone: target.zone, state: zone.state }] : [];
    }
  }
}

/** One line per expectation, for the page: "pod default/web-1: phase Running, node zone-a-2, ready, at 1m2s". */
export function describeFileExpectation(e: FileExpectation): string {
  const { at, ...rest } = e;
  const subject = rest.pod ? `pod ${(rest.pod as { namespace: string; name: string }).namespace}/${(rest.pod as { name: string }).name}` : rest.node !== undefined && !rest.pod ? `node ${String(rest.node)}` : `zone ${String(rest.zone)}`;
  const checks = Object.entries(rest)
    .filter(([k]) => k !== 'pod' && !(k === 'node' && !rest.pod) && k !== 'zone')
    .map(([k, v]) => `${k} ${typeof v === 'object' ? Object.values(v as object).join(' ') : String(v)}`);
  return `${subject}: ${checks.join(', ')} at ${at}`;
}
