/**
 * The cluster the playground boots with: three zones of three nodes, and a
 * few bare pods bound to nodes by spec.nodeName (there is no scheduler yet).
 * zone-a-1 runs two pods, so killing it shows an eviction straight away.
 */
import type { NodeConfig } from '../sim/actions';
import type { Manifest } from '../sim/api/types';

export const DEFAULT_SEED = 1;

const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const NODES_PER_ZONE = 3;

export function defaultNodes(): NodeConfig[] {
  return ZONES.flatMap((zone) =>
    Array.from({ length: NODES_PER_ZONE }, (_, i) => ({ name: `${zone}-${i + 1}`, zone, region: 'region-1' })),
  );
}

const PLACEMENT: readonly [pod: string, app: 'web' | 'api', node: string][] = [
  ['web-1', 'web', 'zone-a-1'],
  ['api-1', 'api', 'zone-a-1'],
  ['web-2', 'web', 'zone-b-1'],
  ['web-3', 'web', 'zone-c-1'],
  ['api-2', 'api', 'zone-b-2'],
  ['web-4', 'web', 'zone-a-2'],
  ['api-3', 'api', 'zone-c-2'],
  ['web-5', 'web', 'zone-b-3'],
];

const IMAGES = { web: 'nginx:1.27', api: 'registry.example/api:2.4' } as const;

export function defaultObjects(): Manifest[] {
  return PLACEMENT.map(([name, app, nodeName]) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app } },
    spec: {
      nodeName,
      containers: [{ name: app, image: IMAGES[app], resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
    },
  }));
}
