/**
 * A bigger cluster for trying the graph at scale, booted from the page's URL:
 * `?nodes=100&pods=3000` (optionally `&zones=3`). The pods are bare pods
 * bound round-robin by spec.nodeName, so the cluster is up at once; nothing
 * replaces them when they are evicted (the default cluster's workloads do).
 */
import type { Manifest, NodeConfig, SimCommand } from '../../protocol/messages';

type BootCommand = Extract<SimCommand, { type: 'boot' }>;

const APPS = ['web', 'api', 'cache', 'queue', 'worker'] as const;
export const LIMITS = { nodes: 1000, pods: 30_000, zones: 26 } as const;

function count(params: URLSearchParams, name: keyof typeof LIMITS, fallback: number): number {
  const raw = params.get(name);
  const n = raw === null ? fallback : Math.floor(Number(raw));
  return Number.isFinite(n) ? Math.max(0, Math.min(LIMITS[name], n)) : fallback;
}

export function bootCommandFromSearch(search: string, seed: number): BootCommand {
  const params = new URLSearchParams(search);
  if (!params.has('nodes')) return { type: 'boot', seed };
  const nodeCount = Math.max(1, count(params, 'nodes', 9));
  const zoneCount = Math.max(1, count(params, 'zones', 3));
  const podCount = count(params, 'pods', nodeCount * 2);
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
