/**
 * The cluster addons as kubeadm installs them: kube-proxy as a DaemonSet and
 * CoreDNS as a Deployment with its `kube-dns` Service, in kube-system. They
 * are ordinary objects: their pods are scheduled, evicted and replaced like
 * any others. The playground's default cluster has both; a scenario file
 * has them only when it asks (`cluster.addons: [kube-proxy, coredns]`).
 *
 * Upstream: cmd/kubeadm/app/phases/addons/proxy/manifests.go (KubeProxyDaemonSet19),
 * cmd/kubeadm/app/phases/addons/dns/manifests.go (CoreDNSDeployment, KubeDNSService).
 * Volumes, service accounts, security contexts and the ConfigMaps are left
 * out: nothing in the simulation reads them.
 */
import type { Manifest } from '../api/types';
import { CLUSTER_DNS_IP } from '../network/cidr';

export const ADDON_NAMES = ['kube-proxy', 'coredns'] as const;
export type AddonName = (typeof ADDON_NAMES)[number];

/** kube-proxy: one per node, host network, tolerates every taint, node-critical. */
export function kubeProxyDaemonSet(): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          priorityClassName: 'system-node-critical',
          containers: [
            {
              name: 'kube-proxy',
              image: 'registry.k8s.io/kube-proxy:v1.32.0',
              command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
            },
          ],
          hostNetwork: true,
          tolerations: [{ operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
        },
      },
    },
  };
}

/** CoreDNS: two replicas spread over hosts (preferred anti-affinity), cluster-critical, with kubeadm's probes and resources. */
export function coreDnsDeployment(): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              args: ['-conf', '/etc/coredns/Corefile'],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
            },
          ],
          dnsPolicy: 'Default',
        },
      },
    },
  };
}

/** The `kube-dns` Service, at the tenth address of the service range (10.0.0.10). */
export function kubeDnsService(): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: CLUSTER_DNS_IP,
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  };
}

/** The objects of the named addons, in the order given (kubeadm applies kube-proxy, then CoreDNS). */
export function addonManifests(names: readonly AddonName[]): Manifest[] {
  return names.flatMap((name) => (name === 'kube-proxy' ? [kubeProxyDaemonSet()] : [kubeDnsService(), coreDnsDeployment()]));
}
