/**
 * `actions` (scenario-format.md, "actions"): `at` + `do` and exactly the
 * fields of that row of the table. References to nodes and zones are checked
 * afterwards (parse.ts), once every declaration is known.
 */
import { CONTAINER_FAULTS, MAX_RPS, NAMESPACED_KINDS, type NodeConfig, type SimAction } from '../sim';
import { readNodeConfig, readNodeName, readTaint, type NodeContext } from './parse-cluster';
import { actionLimitProblem } from './action-limits';
import { withinLimit } from './parse-limits';
import { readManifest } from './parse-objects';
import type { Reader } from './reader';
import { kindProblem } from './support';
import type { Path } from './yaml-source';

const NODE_ACTIONS = [
  'kill-node',
  'start-node',
  'shutdown-node',
  'partition-node',
  'heal-node',
  'cordon',
  'uncordon',
  'drain',
  'delete-node',
] as const;
type NodeActionName = (typeof NODE_ACTIONS)[number];

/** The fields of each action besides `at` and `do`, and which are required. */
const ACTION_FIELDS: Readonly<Record<SimAction['do'], { allowed: string[]; required: string[] }>> = {
  ...(Object.fromEntries(NODE_ACTIONS.map((name) => [name, { allowed: ['node'], required: ['node'] }])) as Record<
    NodeActionName,
    { allowed: string[]; required: string[] }
  >),
  'partition-zone': { allowed: ['zone'], required: ['zone'] },
  'heal-zone': { allowed: ['zone'], required: ['zone'] },
  'set-condition': { allowed: ['node', 'type', 'status', 'reason'], required: ['node', 'type', 'status'] },
  'add-node': { allowed: ['node'], required: ['node'] },
  taint: { allowed: ['node', 'taint'], required: ['node', 'taint'] },
  untaint: { allowed: ['node', 'taint'], required: ['node', 'taint'] },
  scale: { allowed: ['kind', 'name', 'namespace', 'replicas'], required: ['kind', 'name', 'replicas'] },
  apply: { allowed: ['object'], required: ['object'] },
  delete: { allowed: ['kind', 'name', 'namespace', 'force'], required: ['kind', 'name'] },
  kubectl: { allowed: ['line', 'stdin'], required: ['line'] },
  'container-fault': { allowed: ['pod', 'namespace', 'container', 'fault', 'for'], required: ['pod', 'fault'] },
  'set-traffic': { allowed: ['service', 'namespace', 'rps'], required: ['service', 'rps'] },
};

export const ACTION_NAMES = Object.keys(ACTION_FIELDS) as SimAction['do'][];

export const CONDITION_STATUSES = ['True', 'False', 'Unknown'] as const;

/** An action as read, with what it refers to and what it declares. */
export interface ReadAction {
  atMs: number;
  action: SimAction;
  /** Node or zone the action needs to exist, and where it is named. */
  node?: string;
  zone?: string;
  /** A node this action brings into existence (add-node, apply of a Node). */
  declares?: { name: string; zone?: string };
}

export function readAction(value: unknown, path: Path, reader: Reader, nodeContext: NodeContext): ReadAction | undefined {
  const head = reader.mapping(value, path, 'any', ['at', 'do']);
  if (!head || head.do === undefined) return undefined;
  const name = reader.oneOf(head.do, [...path, 'do'], ACTION_NAMES);
  if (name === undefined) return undefined;
  const spec = ACTION_FIELDS[name];
  const fields = reader.mapping(value, path, ['at', 'do', ...spec.allowed], spec.required);
  const atMs = head.at === undefined ? undefined : reader.duration(head.at, [...path, 'at'], { max: reader.limits.durationMs });
  if (!fields || atMs === undefined || spec.required.some((f) => fields[f] === undefined)) return undefined;
  const read = readBody(name, fields, path, reader, nodeContext);
  return read && { atMs, ...read };
}

type Body = Omit<ReadAction, 'atMs'> | undefined;

function readBody(name: SimAction['do'], fields: Record<string, unknown>, path: Path, reader: Reader, nodeContext: NodeContext): Body {
  switch (name) {
    case 'partition-zone':
    case 'heal-zone': {
      const zone = reader.string(fields.zone, [...path, 'zone'], { nonEmpty: true });
      return zone === undefined ? undefined : { action: { do: name, zone }, zone };
    }
    case 'set-condition':
      return readSetCondition(fields, path, reader);
    case 'add-node': {
      const node = readNodeConfig(fields.node, [...path, 'node'], reader, nodeContext);
      return node && { action: { do: name, node }, declares: declared(node) };
    }
    case 'taint':
    case 'untaint': {
      const node = readNodeName(fields.node, [...path, 'node'], reader);
      const taint = readTaint(fields.taint, [...path, 'taint'], reader);
      return node === undefined || !taint ? undefined : { action: { do: name, node, taint }, node };
    }
    case 'scale':
      return readScale(fields, path, reader);
    case 'apply': {
      const read = readManifest(fields.object, [...path, 'object'], reader);
      if (!read) return undefined;
      return read.node ? { action: { do: name, object: read.manifest }, declares: read.node } : { action: { do: name, object: read.manifest } };
    }
    case 'delete':
      return readDelete(fields, path, reader);
    case 'kubectl': {
      const line = reader.string(fields.line, [...path, 'line'], { nonEmpty: true });
      const stdin = fields.stdin === undefined ? undefined : reader.string(fields.stdin, [...path, 'stdin']);
      if (line === undefined || (fields.stdin !== undefined && stdin === undefined)) return undefined;
      const action: SimAction = stdin === undefined ? { do: 'kubectl', line } : { do: 'kubectl', line, stdin };
      // The node count is checked for the whole file (checkTotals); here, what the line itself asks for.
      const problem = actionLimitProblem(action, reader.limits, { nodeCount: 0 });
      if (problem !== undefined) {
        reader.error([...path, 'line'], problem);
        return undefined;
      }
      return { action };
    }
    case 'container-fault':
      return readContainerFault(fields, path, reader);
    case 'set-traffic':
      return readSetTraffic(fields, path, reader);
    default: {
      const node = readNodeName(fields.node, [...path, 'node'], reader);
      return node === undefined ? undefined : { action: { do: name, node }, node };
    }
  }
}

/** `{do: container-fault, pod, namespace?, container?, fault, for?}`: the pod and container are checked when it runs. */
function readContainerFault(fields: Record<string, unknown>, path: Path, reader: Reader): Body {
  const pod = reader.string(fields.pod, [...path, 'pod'], { nonEmpty: true });
  const fault = reader.oneOf(fields.fault, [...path, 'fault'], CONTAINER_FAULTS);
  const optional = (field: 'namespace' | 'container') => (fields[field] === undefined ? undefined : reader.string(fields[field], [...path, field], { nonEmpty: true }));
  const namespace = optional('namespace');
  const container = optional('container');
  const forMs = fields.for === undefined ? undefined : reader.duration(fields.for, [...path, 'for'], { max: reader.limits.durationMs });
  if (pod === undefined || fault === undefined) return undefined;
  if ((fields.namespace !== undefined && namespace === undefined) || (fields.container !== undefined && container === undefined)) return undefined;
  if (fields.for !== undefined && forMs === undefined) return undefined;
  if (forMs === 0) {
    reader.error([...path, 'for'], 'a fault lasts longer than 0s (leave "for" out for one that lasts until the container restarts)');
    return undefined;
  }
  return {
    action: {
      do: 'container-fault',
      pod,
      ...(namespace === undefined ? {} : { namespace }),
      ...(container === undefined ? {} : { container }),
      fault,
      ...(forMs === undefined ? {} : { forMs }),
    },
  };
}

function readSetCondition(fields: Record<string, unknown>, path: Path, reader: Reader): Body {
  const node = readNodeName(fields.node, [...path, 'node'], reader);
  const type = reader.string(fields.type, [...path, 'type'], { nonEmpty: true });
  const status = readConditionStatus(fields.status, [...path, 'status'], reader);
  const reason = fields.reason === undefined ? undefined : reader.string(fields.reason, [...path, 'reason'], { nonEmpty: true });
  if (node === undefined || type === undefined || status === undefined) return undefined;
  if (fields.reason !== undefined && reason === undefined) return undefined;
  const action: SimAction = reason === undefined ? { do: 'set-condition', node, type, status } : { do: 'set-condition', node, type, status, reason };
  return { action, node };
}

/** rps: whole requests per second, 0 to MAX_RPS (network/traffic.ts). */
function readSetTraffic(fields: Record<string, unknown>, path: Path, reader: Reader): Body {
  const service = reader.string(fields.service, [...path, 'service'], { nonEmpty: true });
  const namespace = fields.namespace === undefined ? undefined : reader.string(fields.namespace, [...path, 'namespace'], { nonEmpty: true });
  const rps = reader.number(fields.rps, [...path, 'rps'], { min: 0, integer: true });
  if (rps !== undefined && rps > MAX_RPS) {
    reader.error([...path, 'rps'], `rps must be at most ${MAX_RPS} requests per second (got ${rps})`);
    return undefined;
  }
  if (service === undefined || rps === undefined || (fields.namespace !== undefined && namespace === undefined)) return undefined;
  return { action: namespace === undefined ? { do: 'set-traffic', service, rps } : { do: 'set-traffic', service, namespace, rps } };
}

function readScale(fields: Record<string, unknown>, path: Path, reader: Reader): Body {
  const target = readObjectRef(fields, path, reader);
  const replicas = reader.number(fields.replicas, [...path, 'replicas'], { min: 0, integer: true });
  if (replicas !== undefined && !withinLimit(reader, [...path, 'replicas'], 'replicas', replicas, reader.limits.replicasPerWorkload)) return undefined;
  return target && replicas !== undefined ? { action: { do: 'scale', ...target, replicas } } : undefined;
}

function readDelete(fields: Record<string, unknown>, path: Path, reader: Reader): Body {
  const target = readObjectRef(fields, path, reader);
  const force = fields.force === undefined ? undefined : reader.boolean(fields.force, [...path, 'force']);
  if (!target || (fields.force !== undefined && force === undefined)) return undefined;
  return { action: force === undefined ? { do: 'delete', ...target } : { do: 'delete', ...target, force } };
}

/** kind / name / namespace? of scale and delete. A namespace on a cluster-scoped kind is ignored, as kubectl does. */
function readObjectRef(fields: Record<string, unknown>, path: Path, reader: Reader): { kind: string; name: string; namespace?: string } | undefined {
  const kind = reader.string(fields.kind, [...path, 'kind'], { nonEmpty: true });
  const name = reader.string(fields.name, [...path, 'name'], { nonEmpty: true });
  const namespace = fields.namespace === undefined ? undefined : reader.string(fields.namespace, [...path, 'namespace'], { nonEmpty: true });
  const problem = kind === undefined ? undefined : kindProblem(kind);
  if (problem) reader.error([...path, 'kind'], problem);
  if (kind === undefined || name === undefined || problem || (fields.namespace !== undefined && namespace === undefined)) return undefined;
  if (!NAMESPACED_KINDS.has(kind)) return { kind, name };
  return { kind, name, namespace: namespace ?? 'default' };
}

/** "True"/"False"/"Unknown"; YAML reads unquoted True and False as booleans, which mean the same here. */
export function readConditionStatus(value: unknown, path: Path, reader: Reader): (typeof CONDITION_STATUSES)[number] | undefined {
  if (value === true) return 'True';
  if (value === false) return 'False';
  return reader.oneOf(value, path, CONDITION_STATUSES);
}

function declared(node: NodeConfig): { name: string; zone?: string } {
  return node.zone === undefined ? { name: node.name } : { name: node.name, zone: node.zone };
}
