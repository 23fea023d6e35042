/**
 * `cluster` (scenario-format.md, "cluster"): zones with a node count and
 * explicit nodes, turned into the engine's NodeConfig list.
 */
import { ADDON_NAMES, type AddonName, type KubeletSettings, type NodeConfig } from '../sim';
import { TAINT_EFFECTS } from '../sim/api/taints';
import { validateLabelValue, validateQualifiedName, validateSubdomain } from '../kube/names';
import { checkShutdownGrace, defaultReportFrequency, readKubelet } from './parse-settings';
import { withinLimit } from './parse-limits';
import { quoted, type Reader } from './reader';
import { formatPath, type Path } from './yaml-source';

export interface ClusterInfo {
  nodes: NodeConfig[];
  /** Declared zones and their region. */
  zoneRegions: Map<string, string | undefined>;
  /** `cluster.addons` (an extension of the contract): the addons asked for, in file order. */
  addons: AddonName[];
}

/** What a node entry inherits from the rest of the file. */
export interface NodeContext {
  zoneRegions: ReadonlyMap<string, string | undefined>;
  /** settings.kubelet, to check per-node overrides against. */
  clusterKubelet: Partial<KubeletSettings>;
}

const ZONE_FIELDS = ['name', 'region', 'nodes', 'capacity', 'labels'];
export const NODE_FIELDS = ['name', 'zone', 'capacity', 'labels', 'taints', 'unschedulable', 'kubelet'];
const CAPACITY_FIELDS = ['cpu', 'memory', 'pods'];
const TAINT_FIELDS = ['key', 'value', 'effect'];

export function readCluster(value: unknown, path: Path, reader: Reader, clusterKubelet: Partial<KubeletSettings>): ClusterInfo {
  const info: ClusterInfo = { nodes: [], zoneRegions: new Map(), addons: [] };
  const fields = reader.mapping(value, path, ['zones', 'nodes', 'addons']);
  if (!fields) return info;
  if (fields.zones === undefined && fields.nodes === undefined) reader.error(path, 'a cluster needs zones, nodes or both');
  const seen = new Map<string, string>();
  const addNode = (node: NodeConfig, nodePath: Path) => {
    const first = seen.get(node.name);
    if (first) reader.error(nodePath, `duplicate node name "${node.name}" (already declared by ${first})`);
    else seen.set(node.name, formatPath(nodePath));
    info.nodes.push(node);
  };
  readZones(fields.zones, [...path, 'zones'], reader, info, addNode);
  if (fields.addons !== undefined) info.addons = readAddons(fields.addons, [...path, 'addons'], reader);
  const context: NodeContext = { zoneRegions: info.zoneRegions, clusterKubelet };
  const listed = fields.nodes === undefined ? [] : (reader.list(fields.nodes, [...path, 'nodes']) ?? []);
  const nodes = withinLimit(reader, [...path, 'nodes'], 'nodes', info.nodes.length + listed.length, reader.limits.nodes) ? listed : [];
  nodes.forEach((entry, i) => {
    const node = readNodeConfig(entry, [...path, 'nodes', i], reader, context);
    if (node) addNode(node, [...path, 'nodes', i, 'name']);
  });
  return info;
}

/** `addons: [kube-proxy, coredns]`: each at most once. */
function readAddons(value: unknown, path: Path, reader: Reader): AddonName[] {
  const out: AddonName[] = [];
  (reader.list(value, path) ?? []).forEach((entry, i) => {
    const name = reader.oneOf(entry, [...path, i], ADDON_NAMES);
    if (name === undefined) return;
    if (out.includes(name)) reader.error([...path, i], `duplicate addon "${name}"`);
    else out.push(name);
  });
  return out;
}

function readZones(
  value: unknown,
  path: Path,
  reader: Reader,
  info: ClusterInfo,
  addNode: (node: NodeConfig, path: Path) => void,
): void {
  if (value === undefined) return;
  (reader.list(value, path) ?? []).forEach((entry, i) => {
    const zonePath = [...path, i];
    const fields = reader.mapping(entry, zonePath, ZONE_FIELDS, ['name', 'nodes']);
    if (!fields) return;
    const name = readTopologyValue(fields.name, [...zonePath, 'name'], reader);
    const region = fields.region === undefined ? undefined : readTopologyValue(fields.region, [...zonePath, 'region'], reader);
    const count = fields.nodes === undefined ? undefined : reader.number(fields.nodes, [...zonePath, 'nodes'], { min: 0, integer: true });
    const capacity = fields.capacity === undefined ? undefined : readCapacity(fields.capacity, [...zonePath, 'capacity'], reader);
    const labels = fields.labels === undefined ? undefined : readLabels(fields.labels, [...zonePath, 'labels'], reader);
    if (name === undefined) return;
    if (info.zoneRegions.has(name)) reader.error([...zonePath, 'name'], `duplicate zone "${name}"`);
    info.zoneRegions.set(name, region);
    // Node names are "<zone>-<n>", so the zone name must also make a valid node name.
    const nameProblems = validateSubdomain(`${name}-1`);
    if (nameProblems.length > 0) {
      reader.error([...zonePath, 'name'], `zone "${name}" would name its nodes "${name}-1", …: ${nameProblems[0]}`);
      return;
    }
    // Refused before a single node is made: a count of 1,000,000 must not build a million configs.
    if (count !== undefined && !withinLimit(reader, [...zonePath, 'nodes'], 'nodes', info.nodes.length + count, reader.limits.nodes)) return;
    for (let n = 1; n <= (count ?? 0); n++) {
      const node: NodeConfig = { name: `${name}-${n}`, zone: name };
      if (region !== undefined) node.region = region;
      if (capacity) node.capacity = { ...capacity };
      if (labels) node.labels = { ...labels };
      addNode(node, [...zonePath, 'nodes']);
    }
  });
}

/** One entry of cluster.nodes, or the `node` of an add-node action. */
export function readNodeConfig(value: unknown, path: Path, reader: Reader, context: NodeContext): NodeConfig | undefined {
  const fields = reader.mapping(value, path, NODE_FIELDS, ['name']);
  if (!fields) return undefined;
  let name = fields.name === undefined ? undefined : readNodeName(fields.name, [...path, 'name'], reader);
  // Upstream: the kubelet labels its Node kubernetes.io/hostname=<name>, and a label value is at most 63 characters.
  if (name !== undefined && name.length > 63) {
    reader.error([...path, 'name'], `node name ${quoted(name)} is ${name.length} characters: a simulated node's kubelet labels it kubernetes.io/hostname=<name>, and a label value is at most 63 characters`);
    name = undefined;
  }
  const node: NodeConfig = { name: name ?? '' };
  if (fields.zone !== undefined) {
    const zone = readTopologyValue(fields.zone, [...path, 'zone'], reader);
    if (zone !== undefined) {
      node.zone = zone;
      // A node placed in a declared zone is in that zone's region.
      const region = context.zoneRegions.get(zone);
      if (region !== undefined) node.region = region;
    }
  }
  if (fields.capacity !== undefined) node.capacity = readCapacity(fields.capacity, [...path, 'capacity'], reader);
  if (fields.labels !== undefined) node.labels = readLabels(fields.labels, [...path, 'labels'], reader);
  if (fields.taints !== undefined) node.taints = readTaints(fields.taints, [...path, 'taints'], reader);
  if (fields.unschedulable !== undefined) {
    const unschedulable = reader.boolean(fields.unschedulable, [...path, 'unschedulable']);
    if (unschedulable !== undefined) node.unschedulable = unschedulable;
  }
  if (fields.kubelet !== undefined) {
    const kubelet = readKubelet(fields.kubelet, [...path, 'kubelet'], reader);
    if (kubelet) {
      node.kubelet = defaultReportFrequency(kubelet, context.clusterKubelet.nodeStatusReportFrequencyMs !== undefined);
      checkShutdownGrace({ ...context.clusterKubelet, ...node.kubelet }, [...path, 'kubelet'], reader);
    }
  }
  return name === undefined ? undefined : node;
}

function readCapacity(value: unknown, path: Path, reader: Reader): NodeConfig['capacity'] {
  const fields = reader.mapping(value, path, CAPACITY_FIELDS);
  if (!fields) return undefined;
  const out: NonNullable<NodeConfig['capacity']> = {};
  for (const resource of CAPACITY_FIELDS) {
    const raw = fields[resource];
    if (raw === undefined) continue;
    const amount = reader.quantity(raw, [...path, resource]);
    if (amount === undefined) continue;
    if (resource === 'pods' && !Number.isInteger(amount)) {
      reader.error([...path, resource], `pods must be a whole number, found ${JSON.stringify(raw)}`);
      continue;
    }
    out[resource as keyof typeof out] = raw as string | number;
  }
  return out;
}

export function readLabels(value: unknown, path: Path, reader: Reader): Record<string, string> | undefined {
  const fields = reader.mapping(value, path, 'any');
  return fields && readStringMap(fields, path, reader);
}

function readStringMap(fields: Record<string, unknown>, path: Path, reader: Reader): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(fields)) {
    const keyOk = reader.check(key, [...path, key], validateQualifiedName);
    const text = typeof raw === 'string' ? raw : undefined;
    if (text === undefined) {
      reader.error([...path, key], `label values are strings: quote it (found ${JSON.stringify(raw)})`);
      continue;
    }
    if (keyOk && reader.check(text, [...path, key], validateLabelValue)) out[key] = text;
  }
  return out;
}

export function readTaint(value: unknown, path: Path, reader: Reader): { key: string; value?: string; effect: string } | undefined {
  const fields = reader.mapping(value, path, TAINT_FIELDS, ['key', 'effect']);
  if (!fields) return undefined;
  const key = fields.key === undefined ? undefined : reader.string(fields.key, [...path, 'key']);
  const keyOk = key !== undefined && reader.check(key, [...path, 'key'], validateQualifiedName);
  const taintValue = fields.value === undefined ? undefined : reader.string(fields.value, [...path, 'value']);
  const valueOk = taintValue === undefined || reader.check(taintValue, [...path, 'value'], validateLabelValue);
  const effect = fields.effect === undefined ? undefined : reader.oneOf(fields.effect, [...path, 'effect'], TAINT_EFFECTS);
  if (!keyOk || !valueOk || effect === undefined) return undefined;
  return taintValue === undefined ? { key: key!, effect } : { key: key!, value: taintValue, effect };
}

function readTaints(value: unknown, path: Path, reader: Reader): NodeConfig['taints'] {
  const out: NonNullable<NodeConfig['taints']> = [];
  const seen = new Set<string>();
  (reader.list(value, path) ?? []).forEach((entry, i) => {
    const taint = readTaint(entry, [...path, i], reader);
    if (!taint) return;
    const id = `${taint.key}:${taint.effect}`;
    if (seen.has(id)) reader.error([...path, i], `duplicate taint ${id} (taints must be unique by key and effect)`);
    seen.add(id);
    out.push(taint);
  });
  return out;
}

/** A node name (RFC 1123 subdomain); `allowEmpty`: "" means "no node" (unscheduled pods). */
export function readNodeName(value: unknown, path: Path, reader: Reader, options: { allowEmpty?: boolean } = {}): string | undefined {
  const name = reader.string(value, path, { nonEmpty: !options.allowEmpty });
  if (name === undefined || name === '') return name;
  return reader.check(name, path, validateSubdomain) ? name : undefined;
}

/** Zone and region names become label values (topology.kubernetes.io/zone). */
function readTopologyValue(value: unknown, path: Path, reader: Reader): string | undefined {
  const text = reader.string(value, path, { nonEmpty: true });
  return text !== undefined && reader.check(text, path, validateLabelValue) ? text : undefined;
}
