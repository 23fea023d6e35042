/**
 * A bigger cluster for trying the graph at scale, booted from the page's URL:
 * `?nodes=100&pods=3000` (optionally `&zones=3`). The pods are bare pods
 * bound round-robin by spec.nodeName, so the cluster is up at once; nothing
 * replaces them when they are evicted (the default cluster's workloads do).
 * A bad count is refused with a message, never quietly changed.
 */
import { PAGE_LIMITS } from '../../kube/limits';
import type { Manifest, NodeConfig, SimCommand } from '../../protocol/messages';

type BootCommand = Extract<SimCommand, { type: 'boot' }>;

const APPS = ['web', 'api', 'cache', 'queue', 'worker'] as const;
/** What the address may ask for: the page's own limits (src/kube/limits.ts). */
export const LIMITS = { nodes: PAGE_LIMITS.nodes, pods: PAGE_LIMITS.pods, zones: PAGE_LIMITS.zones } as const;

/** The kubelet's default maxPods: more pods than this per node would be refused by each kubelet. */
const PODS_PER_NODE = 110;

/** A boot command from the address, or what is wrong with the address (then the default cluster boots). */
export interface AddressBoot {
  command: BootCommand;
  /** One line per bad parameter, naming it, its value and the allowed range. */
  problems: string[];
}

function count(params: URLSearchParams, name: 'nodes' | 'pods' | 'zones', min: number, max: number, fallback: number, problems: string[]): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    const shown = value.length > 20 ? `${value.slice(0, 19)}…` : value;
    problems.push(`?${name}=${shown} is not allowed: ${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (a limit of the page)`);
    return fallback;
  }
  return Number(value);
}

export function bootCommandFromSearch(search: string, seed: number): AddressBoot {
  const params = new URLSearchParams(search);
  if (!params.has('nodes')) return { command: { type: 'boot', seed }, problems: [] };
  const problems: string[] = [];
  const nodeCount = count(params, 'nodes', 1, PAGE_LIMITS.nodes, 9, problems);
  const zoneCount = count(params, 'zones', 1, Math.min(PAGE_LIMITS.zones, nodeCount), 3, problems);
  const maxPods = Math.min(PAGE_LIMITS.pods, nodeCount * PODS_PER_NODE);
  const podCount = count(params, 'pods', 0, maxPods, nodeCount * 2, problems);
  if (problems.length > 0) {
    if (params.has('pods') && maxPods < PAGE_LIMITS.pods && problems.some((p) => p.startsWith('?pods='))) {
      problems.push(`${nodeCount} nodes hold at most ${maxPods.toLocaleString('en-US')} pods (${PODS_PER_NODE} each, the kubelet's maxPods)`);
    }
    return { command: { type: 'boot', seed }, problems };
  }
  return { command: build(seed, nodeCount, zoneCount, podCount), problems };
}

function build(seed: number, nodeCount: number, zoneCount: number, podCount: number): BootCommand {
  const zones = Array.from({ length: zoneCount }, (_, i) => `zone-${String.fromCharCode(97 + i)}`);
  const perZone = new Map<string, number>();
  const nodes: NodeConfig[] = Array.from({ length: nodeCount }, (_, i) => {
    const zone = zones[i % zoneCount]!;
    const n = (perZone.get(zone) ?? 0) + 1;
    perZone.set(zone, n);
    return { name: `${zone}-${n}`, zone, region: 'region-1' };
  });
  const objects: Manifest[] = Array.from({ length: podCount }, (_, i) => {
    const app = APPS[i % APPS.length]!;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${app}-${Math.floor(i / APPS.length) + 1}`, namespace: 'default', labels: { app } },
      spec: {
        nodeName: nodes[i % nodes.length]!.name,
        containers: [{ name: app, image: `registry.example/${app}:1`, resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
      },
    };
  });
  return { type: 'boot', seed, nodes, objects };
}
