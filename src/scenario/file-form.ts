/**
 * The engine's values written back as a scenario file says them
 * (scenario-format.md): durations as Go-style strings, settings by their flag
 * names, nodes as `cluster.zones` / `cluster.nodes` entries, actions as
 * `{at, do, …}`. The inverse of parse-*.ts: parsing what these functions
 * write gives back exactly the values they were given (export.test.ts checks
 * it), and anything a file cannot say is an ExportError, never dropped.
 */
import type { NodeConfig, SimAction } from '../sim/actions';
import type { KubeletSettings, SettingsOverrides } from '../sim/config';
import { DEFAULT_KUBELET_SETTINGS } from '../sim/config';
import { SETTING_RANGES } from '../kube/limits';
import { CONTROLLER_SETTINGS, KUBELET_SETTINGS } from './parse-settings';

/** Something of the run that a scenario file cannot express. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

const UNITS: readonly [string, number][] = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/** 62001 → "1m2s1ms", 0 → "0s": exact whole milliseconds, as parseDuration reads them. */
export function formatFileDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new ExportError(`${ms} is not a whole, non-negative number of milliseconds`);
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

type Table = Readonly<Record<string, string>>;

/** Engine-form fields (ms) → flag-named fields, in the table's order. */
function writeTable(values: Readonly<Record<string, number | undefined>>, table: Table): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [flag, to] of Object.entries(table)) {
    const value = values[to];
    if (value === undefined) continue;
    out[flag] = SETTING_RANGES[flag]?.kind === 'duration' ? formatFileDuration(value) : value;
  }
  return out;
}

/**
 * A kubelet block. The parser defaults nodeStatusReportFrequency to
 * nodeStatusUpdateFrequency when only the latter is written (upstream's
 * defaulting), whereas the engine's overrides keep the wider level's value:
 * so it is written out whenever the update frequency is.
 */
function writeKubelet(kubelet: Partial<KubeletSettings>, reportAbove: number): Record<string, string | number> {
  const values: Partial<KubeletSettings> = { ...kubelet };
  if (values.nodeStatusUpdateFrequencyMs !== undefined && values.nodeStatusReportFrequencyMs === undefined) {
    values.nodeStatusReportFrequencyMs = reportAbove;
  }
  return writeTable(values, KUBELET_SETTINGS);
}

/** The `settings` block; undefined when nothing differs from upstream's defaults. */
export function writeSettings(settings: SettingsOverrides): Record<string, unknown> | undefined {
  const { kubelet, ...controller } = settings;
  const out: Record<string, unknown> = writeTable(controller, CONTROLLER_SETTINGS);
  if (kubelet && Object.keys(kubelet).length > 0) out.kubelet = writeKubelet(kubelet, DEFAULT_KUBELET_SETTINGS.nodeStatusReportFrequencyMs);
  return Object.keys(out).length > 0 ? out : undefined;
}

const ZONE_NODE_FIELDS = new Set(['name', 'zone', 'region', 'capacity', 'labels']);

/** A node `cluster.zones[].nodes: N` would create as the `index`-th (1-based) of `zone`. */
function zoneShape(node: NodeConfig): string | undefined {
  if (node.zone === undefined || Object.keys(node).some((k) => !ZONE_NODE_FIELDS.has(k))) return undefined;
  return JSON.stringify([node.zone, node.region ?? null, node.capacity ?? null, node.labels ?? null]);
}

interface ZoneEntry {
  name: string;
  region?: string;
  nodes: number;
  capacity?: NodeConfig['capacity'];
  labels?: Record<string, string>;
}

/**
 * The `cluster` block for nodes registered in this order. Leading runs of
 * nodes named `<zone>-1 … <zone>-N` that a zone entry would create become
 * `zones`; the rest are explicit `nodes`, in order (registration order is
 * part of the run), with their zones declared (`nodes: 0`) so that they keep
 * their region.
 */
export function writeCluster(nodes: readonly NodeConfig[], clusterReportMs: number): Record<string, unknown> {
  const zones: ZoneEntry[] = [];
  let i = 0;
  while (i < nodes.length) {
    const first = nodes[i]!;
    const shape = zoneShape(first);
    if (shape === undefined || first.name !== `${first.zone}-1` || zones.some((z) => z.name === first.zone)) break;
    let n = 1;
    while (i + n < nodes.length && zoneShape(nodes[i + n]!) === shape && nodes[i + n]!.name === `${first.zone}-${n + 1}`) n++;
    zones.push(zoneEntry(first, n));
    i += n;
  }
  const explicit = nodes.slice(i);
  for (const node of explicit) declareZone(zones, node);
  for (const node of explicit) checkRegion(zones, node);
  const out: Record<string, unknown> = {};
  if (zones.length > 0) out.zones = zones;
  if (explicit.length > 0 || zones.length === 0) out.nodes = explicit.map((node) => writeNode(node, clusterReportMs));
  return out;
}

function zoneEntry(node: NodeConfig, count: number): ZoneEntry {
  const entry: ZoneEntry = { name: node.zone!, nodes: count };
  if (node.region !== undefined) entry.region = node.region;
  if (node.capacity) entry.capacity = node.capacity;
  if (node.labels) entry.labels = node.labels;
  return entry;
}

/** A node's region can only be said through a declared zone. */
function declareZone(zones: ZoneEntry[], node: NodeConfig): void {
  if (node.region === undefined) return;
  if (node.zone === undefined) throw new ExportError(`node ${node.name} has a region (${node.region}) but no zone, which a scenario file cannot say`);
  if (!zones.some((z) => z.name === node.zone)) zones.push({ name: node.zone, region: node.region, nodes: 0 });
}

/** The parser gives a node its declared zone's region: it must be the node's own. */
function checkRegion(zones: readonly ZoneEntry[], node: NodeConfig): void {
  const declared = node.zone === undefined ? undefined : zones.find((z) => z.name === node.zone);
  if ((declared?.region ?? undefined) !== node.region) {
    throw new ExportError(`node ${node.name} is in ${node.region ? `region ${node.region}` : 'no region'} but its zone ${node.zone} is in ${declared?.region ?? 'none'}`);
  }
}

/** One `cluster.nodes` entry (also the `node` of add-node); the region comes from its declared zone. */
export function writeNode(node: NodeConfig, clusterReportMs: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...node };
  delete out.region;
  if (node.kubelet) out.kubelet = writeKubelet(node.kubelet, clusterReportMs);
  return out;
}

/** The region each zone of the cluster is declared in, to check add-node actions against. */
export function zoneRegions(cluster: Record<string, unknown>): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const zone of (cluster.zones as ZoneEntry[] | undefined) ?? []) out.set(zone.name, zone.region);
  return out;
}

/** One `actions` entry: `{at, do, …}` with exactly the fields of the action's row. */
export function writeAction(
  atMs: number,
  action: SimAction,
  regions: ReadonlyMap<string, string | undefined>,
  clusterReportMs: number,
): Record<string, unknown> {
  const at = formatFileDuration(atMs);
  switch (action.do) {
    case 'set-condition': {
      const { message, ...rest } = action;
      if (message !== undefined) throw new ExportError(`set-condition on ${action.node} has a message, which a scenario file cannot say`);
      return { at, ...rest };
    }
    case 'add-node': {
      const { node } = action;
      if (node.region !== undefined && (node.zone === undefined || regions.get(node.zone) !== node.region)) {
        throw new ExportError(`add-node ${node.name}: region ${node.region} is not the region of a zone the file declares`);
      }
      return { at, do: action.do, node: writeNode(node, clusterReportMs) };
    }
    case 'container-fault': {
      // The file says the duration as `for`, a Go-style duration.
      const { forMs, ...rest } = action;
      return forMs === undefined ? { at, ...rest } : { at, ...rest, for: formatFileDuration(forMs) };
    }
    default:
      return { at, ...action };
  }
}
