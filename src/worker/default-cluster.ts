/**
 * The cluster the playground boots with: three zones of three nodes running
 * a small, ordinary application, created as a user would `kubectl apply` it
 * and run by the real controllers and scheduler:
 *
 * - Deployment `web` (6 replicas) behind Service `web`, with a
 *   PodDisruptionBudget of maxUnavailable 1;
 * - Deployment `api` (3 replicas);
 * - StatefulSet `db` (3 replicas, one per zone) behind headless Service `db`,
 *   with a PodDisruptionBudget of minAvailable 2;
 * - DaemonSet `log-agent` in kube-system (one pod per node);
 * - the addons kubeadm installs, in kube-system: DaemonSet `kube-proxy` (one
 *   pod per node) and Deployment `coredns` (2 replicas) behind Service
 *   `kube-dns` (10.0.0.10).
 *
 * 32 pods in all (21 of the application, 11 of the addons). Everything is
 * Running by t = 6 s (db's ordinals start one after the other, 2 s each).
 */
import { addonManifests, type Manifest, type NodeConfig } from '../sim';

export const DEFAULT_SEED = 1;

/**
 * This default cluster's versioned name, which share links and saved
 * sessions keep instead of the cluster itself. Change the version whenever
 * the nodes or objects below change: a run recorded on another version
 * would replay differently, so it is refused rather than misreplayed.
 */
export const DEFAULT_CLUSTER_NAME = 'default-cluster@2' as const;

const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const NODES_PER_ZONE = 3;

export function defaultNodes(): NodeConfig[] {
  return ZONES.flatMap((zone) =>
    Array.from({ length: NODES_PER_ZONE }, (_, i) => ({ name: `${zone}-${i + 1}`, zone, region: 'region-1' })),
  );
}

interface Container {
  name: string;
  image: string;
  cpu: string;
  memory: string;
}

function podTemplate(app: string, container: Container, extraSpec: Record<string, unknown> = {}) {
  return {
    metadata: { labels: { app } },
    spec: {
      ...extraSpec,
      containers: [
        { name: container.name, image: container.image, resources: { requests: { cpu: container.cpu, memory: container.memory } } },
      ],
    },
  };
}

function deployment(name: string, replicas: number, container: Container): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate(name, container) },
  };
}

function service(name: string, port: number, headless = false): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ port }], ...(headless ? { clusterIP: 'None' } : {}) },
  };
}

function disruptionBudget(name: string, budget: { minAvailable: number } | { maxUnavailable: number }): Manifest {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: 'default' },
    spec: { ...budget, selector: { matchLabels: { app: name } } },
  };
}

/** One db replica per zone: a zone outage takes down one of three, which the budget allows. */
const ONE_PER_ZONE = {
  topologySpreadConstraints: [
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'db' } } },
  ],
};

export function defaultObjects(): Manifest[] {
  return [
    ...addonManifests(['kube-proxy', 'coredns']),
    deployment('web', 6, { name: 'nginx', image: 'nginx:1.27', cpu: '250m', memory: '256Mi' }),
    service('web', 80),
    disruptionBudget('web', { maxUnavailable: 1 }),
    deployment('api', 3, { name: 'api', image: 'registry.example/api:2.4', cpu: '500m', memory: '512Mi' }),
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default', labels: { app: 'db' } },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: podTemplate('db', { name: 'postgres', image: 'postgres:17', cpu: '1', memory: '2Gi' }, ONE_PER_ZONE),
      },
    },
    service('db', 5432, true),
    disruptionBudget('db', { minAvailable: 2 }),
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'log-agent', namespace: 'kube-system', labels: { app: 'log-agent' } },
      spec: {
        selector: { matchLabels: { app: 'log-agent' } },
        template: podTemplate('log-agent', { name: 'fluent-bit', image: 'fluent/fluent-bit:3.2', cpu: '50m', memory: '64Mi' }),
      },
    },
  ];
}
