/**
 * The trace of a run: what happened, in order, as plain JSON. Actions, every
 * recorded Kubernetes event, and the changes to Nodes and Pods that matter
 * (condition, taint, binding, phase, readiness, deletion). Lease renewals and
 * heartbeat-only status updates are left out: they would drown the rest.
 */
import {
  NAMESPACED_KINDS,
  describeAction,
  formatDuration,
  type ActionRecord,
  type EventRecord,
  type KubeObject,
  type Node,
  type Pod,
  type SimAction,
  type Simulation,
  type WatchEvent,
} from '../sim';
import { formatTaint } from '../sim/api/taints';
import { getNodeCondition, getPodCondition } from '../sim/api/conditions';

export interface TraceEntry {
  atMs: number;
  kind: 'action' | 'event' | 'change' | 'note';
  /** "Node/zone-a-1", "Pod/default/web-1"; absent for zone-wide actions and notes about the run. */
  object?: string;
  text: string;
  /** action: what ran, and why it failed if it did. */
  action?: SimAction;
  error?: string;
  /** event: as recorded by the component (`count` = occurrences so far). */
  type?: string;
  reason?: string;
  message?: string;
  source?: string;
  count?: number;
  /** change: which field moved, from what to what. */
  change?: ChangeKind;
  field?: string;
  from?: string;
  to?: string;
}

export type ChangeKind =
  | 'added'
  | 'deleted'
  | 'condition'
  | 'taint-added'
  | 'taint-removed'
  | 'unschedulable'
  | 'bound'
  | 'phase'
  | 'terminating';

/** Kinds whose every write is routine (heartbeats); never traced. */
const UNTRACED_KINDS: ReadonlySet<string> = new Set(['Lease']);

export class Tracer {
  private readonly list: TraceEntry[] = [];
  /**
   * Index where the next action's entry goes. An action's listener runs after
   * the action did its work, so its effects are already traced; the action
   * entry is placed before them (everything since the end of the previous
   * action or instant).
   */
  private boundary = 0;

  constructor(private readonly sim: Simulation) {
    for (const node of [...sim.api.list<Node>('Node')].sort(byName)) this.onWatch({ type: 'ADDED', object: node, old: undefined });
    this.boundary = this.list.length;
    sim.onAction((record) => this.onAction(record));
    sim.onInstant(() => (this.boundary = this.list.length));
    sim.api.onEvent((record) => this.onEvent(record));
    sim.api.watch('*', (event) => this.onWatch(event));
  }

  entries(): readonly TraceEntry[] {
    return this.list;
  }

  private push(entry: Omit<TraceEntry, 'atMs'>): void {
    this.list.push({ atMs: this.sim.nowMs, ...entry });
  }

  private onAction(record: ActionRecord): void {
    const target = actionTarget(record.action);
    const entry: TraceEntry = {
      atMs: this.sim.nowMs,
      kind: 'action',
      ...(target ? { object: target } : {}),
      text: describeAction(record.action) + (record.error ? ` (failed: ${record.error})` : ''),
      action: record.action,
      ...(record.error ? { error: record.error } : {}),
    };
    this.list.splice(this.boundary, 0, entry);
    this.boundary = this.list.length;
  }

  private onEvent(record: EventRecord): void {
    const o = record.involvedObject;
    this.push({
      kind: 'event',
      object: objectName(o.kind, o.name, o.namespace),
      text: `${record.type} ${record.reason}: ${record.message}`,
      type: record.type,
      reason: record.reason,
      message: record.message,
      source: record.source,
      count: record.count,
    });
  }

  private onWatch(event: WatchEvent): void {
    const { object, old } = event;
    if (UNTRACED_KINDS.has(object.kind)) return;
    const name = nameOf(object);
    if (event.type === 'DELETED') return this.change(name, 'deleted', 'deleted');
    if (object.kind === 'Node') return this.nodeChanges(name, object as Node, old as Node | undefined);
    if (object.kind === 'Pod') return this.podChanges(name, object as Pod, old as Pod | undefined);
    if (event.type === 'ADDED') this.change(name, 'added', 'created');
  }

  private nodeChanges(name: string, node: Node, old: Node | undefined): void {
    if (!old) {
      const ready = getNodeCondition(node, 'Ready');
      return this.change(name, 'added', ready ? `added (Ready: ${ready.status})` : 'added');
    }
    for (const type of conditionTypes(old, node)) {
      const before = getNodeCondition(old, type);
      const after = getNodeCondition(node, type);
      if (before?.status === after?.status) continue;
      const from = before?.status ?? 'none';
      const to = after?.status ?? 'none';
      const reason = after?.reason ? ` (${after.reason})` : '';
      this.change(name, 'condition', `${type}: ${from} → ${to}${reason}`, { field: type, from, to, ...(after?.reason ? { reason: after.reason } : {}) });
    }
    const oldTaints = new Set((old.spec.taints ?? []).map(formatTaint));
    const newTaints = new Set((node.spec.taints ?? []).map(formatTaint));
    for (const taint of newTaints) if (!oldTaints.has(taint)) this.change(name, 'taint-added', `taint added ${taint}`, { to: taint });
    for (const taint of oldTaints) if (!newTaints.has(taint)) this.change(name, 'taint-removed', `taint removed ${taint}`, { from: taint });
    const wasUnschedulable = String(old.spec.unschedulable ?? false);
    const unschedulable = String(node.spec.unschedulable ?? false);
    if (wasUnschedulable !== unschedulable) {
      this.change(name, 'unschedulable', `unschedulable: ${wasUnschedulable} → ${unschedulable}`, { field: 'spec.unschedulable', from: wasUnschedulable, to: unschedulable });
    }
  }

  private podChanges(name: string, pod: Pod, old: Pod | undefined): void {
    const nodeName = pod.spec.nodeName;
    if (!old) {
      this.change(name, 'added', nodeName ? `created on ${nodeName}` : 'created', nodeName ? { to: nodeName } : {});
      return;
    }
    if (nodeName && !old.spec.nodeName) this.change(name, 'bound', `bound to ${nodeName}`, { field: 'spec.nodeName', to: nodeName });
    const phase = pod.status.phase ?? 'none';
    const oldPhase = old.status.phase ?? 'none';
    if (phase !== oldPhase) this.change(name, 'phase', `phase: ${oldPhase} → ${phase}`, { field: 'status.phase', from: oldPhase, to: phase });
    const ready = getPodCondition(pod, 'Ready');
    const before = getPodCondition(old, 'Ready')?.status ?? 'none';
    const after = ready?.status ?? 'none';
    if (before !== after) {
      const reason = ready?.reason ? ` (${ready.reason})` : '';
      this.change(name, 'condition', `Ready: ${before} → ${after}${reason}`, { field: 'Ready', from: before, to: after, ...(ready?.reason ? { reason: ready.reason } : {}) });
    }
    if (pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) {
      const grace = formatDuration((pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000);
      this.change(name, 'terminating', `terminating, grace ${grace}`, { field: 'metadata.deletionTimestamp', to: pod.metadata.deletionTimestamp });
    }
  }

  private change(object: string, change: ChangeKind, text: string, fields: Partial<TraceEntry> = {}): void {
    this.push({ kind: 'change', object, text, change, ...fields });
  }
}

/** Condition types of either version, in the new object's order, then ones that disappeared. */
function conditionTypes(old: Node, node: Node): string[] {
  const types = (node.status.conditions ?? []).map((c) => c.type);
  for (const c of old.status.conditions ?? []) if (!types.includes(c.type)) types.push(c.type);
  return types;
}

function nameOf(object: KubeObject): string {
  return objectName(object.kind, object.metadata.name, object.metadata.namespace);
}

export function objectName(kind: string, name: string, namespace?: string): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

function actionTarget(action: SimAction): string | undefined {
  switch (action.do) {
    case 'partition-zone':
    case 'heal-zone':
      return undefined;
    case 'add-node':
      return objectName('Node', action.node.name);
    case 'apply': {
      const kind = String(action.object.kind ?? '?');
      const meta = action.object.metadata ?? {};
      const name = meta.name ?? `${meta.generateName ?? ''}*`;
      return objectName(kind, name, NAMESPACED_KINDS.has(kind) ? meta.namespace || 'default' : undefined);
    }
    case 'scale':
    case 'delete':
      return objectName(action.kind, action.name, NAMESPACED_KINDS.has(action.kind) ? (action.namespace ?? 'default') : undefined);
    case 'kubectl':
      return undefined;
    case 'container-fault':
      return objectName('Pod', action.pod, action.namespace ?? 'default');
    case 'set-traffic':
      return objectName('Service', action.service, action.namespace ?? 'default');
    default:
      return objectName('Node', action.node);
  }
}

function byName(a: KubeObject, b: KubeObject): number {
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
