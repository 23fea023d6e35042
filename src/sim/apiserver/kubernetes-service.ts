/**
 * The `kubernetes` Service in `default` and its EndpointSlice, which the API
 * server keeps for itself: the service range's first address, port 443 to
 * the API server's 6443. It has no selector, so the EndpointSlice controller
 * leaves its slice alone.
 * Upstream: pkg/controlplane/controller/kubernetesservice (CreateOrUpdateMasterServiceIfNeeded),
 * pkg/controlplane/reconcilers (the endpoints adapter writes the slice).
 */
import type { Manifest } from '../api/types';
import { API_SERVER_IP, KUBERNETES_SERVICE_IP } from '../network/cidr';

export const KUBERNETES_SERVICE_NAME = 'kubernetes';

export function kubernetesService(): Manifest[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: KUBERNETES_SERVICE_NAME, namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: KUBERNETES_SERVICE_IP, sessionAffinity: 'None', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: KUBERNETES_SERVICE_NAME, namespace: 'default', labels: { 'kubernetes.io/service-name': KUBERNETES_SERVICE_NAME } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [API_SERVER_IP], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    },
  ];
}
