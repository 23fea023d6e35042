/**
 * IPv4 addresses and CIDR blocks as plain numbers, and the ranges the
 * simulated cluster hands addresses out of.
 *
 * - Service ClusterIPs: kube-apiserver `--service-cluster-ip-range`, which
 *   defaults to 10.0.0.0/24 when unset (upstream
 *   pkg/controlplane/apiserver/options: `DefaultServiceIPCIDR`); the
 *   `kubernetes` Service takes its first address, 10.0.0.1.
 * - Pod CIDRs: kube-controller-manager `--allocate-node-cidrs` with
 *   `--node-cidr-mask-size` 24 for IPv4 (upstream
 *   cmd/kube-controller-manager/app/options/nodeipamcontroller.go,
 *   pkg/controller/nodeipam/ipam/cidrset: `DefaultNodeCIDRMaskSize`).
 *   `--cluster-cidr` has no upstream default; kube-up's GCE scripts take
 *   10.64.0.0/14 and widen it to /11 past 4,000 nodes (cluster/gce
 *   get-cluster-ip-range). The playground takes 10.64.0.0/10: 16,384 node
 *   CIDRs, so its 10,000-node command-line limit fits.
 * - Node InternalIPs: 172.18.0.0/16, the network kind puts its node
 *   containers on; 172.18.0.2 is the control plane (the API server's
 *   endpoint), nodes start at 172.18.0.3.
 */

export interface Cidr {
  /** The network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function parseCidr(text: string): Cidr | undefined {
  const [ip, bits] = text.split('/');
  const base = ip === undefined ? undefined : parseIPv4(ip);
  const prefix = Number(bits);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  return { base: prefix === 0 ? 0 : (base & (~0 << (32 - prefix))) >>> 0, prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIPv4(cidr.base)}/${cidr.prefix}`;
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidrSize(cidr);
}

function requireCidr(text: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`bad CIDR ${text}`);
  return cidr;
}

export const SERVICE_CLUSTER_IP_RANGE = requireCidr('10.0.0.0/24');
export const CLUSTER_CIDR = requireCidr('10.64.0.0/10');
export const NODE_CIDR_MASK_SIZE = 24;
export const NODE_NETWORK = requireCidr('172.18.0.0/16');
/** The API server's address (the `kubernetes` Service's endpoint). */
export const API_SERVER_IP = formatIPv4(NODE_NETWORK.base + 2);
/** The `kubernetes` Service's ClusterIP: the range's first address (upstream: ServiceIPRange's first IP). */
export const KUBERNETES_SERVICE_IP = formatIPv4(SERVICE_CLUSTER_IP_RANGE.base + 1);
/** Where kubeadm and kube-up put cluster DNS: the tenth address of the service range. */
export const CLUSTER_DNS_IP = formatIPv4(SERVICE_CLUSTER_IP_RANGE.base + 10);
/** The cluster's DNS domain (the kubelet's clusterDomain, CoreDNS's `kubernetes cluster.local` zone). */
export const CLUSTER_DOMAIN = 'cluster.local';

/** The n-th node's InternalIP (n from 0). */
export function nodeInternalIP(nodeIndex: number): string {
  return formatIPv4(NODE_NETWORK.base + 3 + nodeIndex);
}

/** How many node CIDRs the cluster CIDR holds. */
export function nodeCidrCount(): number {
  return 2 ** (NODE_CIDR_MASK_SIZE - CLUSTER_CIDR.prefix);
}

/** The i-th node CIDR of the cluster CIDR. */
export function nodeCidr(index: number): string {
  return formatCidr({ base: CLUSTER_CIDR.base + index * 2 ** (32 - NODE_CIDR_MASK_SIZE), prefix: NODE_CIDR_MASK_SIZE });
}

/** Which node CIDR (index) a CIDR string is, or undefined when it is not one of the cluster CIDR's. */
export function nodeCidrIndex(text: string): number | undefined {
  const cidr = parseCidr(text);
  if (!cidr || cidr.prefix !== NODE_CIDR_MASK_SIZE || !cidrContains(CLUSTER_CIDR, cidr.base)) return undefined;
  return (cidr.base - CLUSTER_CIDR.base) / 2 ** (32 - NODE_CIDR_MASK_SIZE);
}

/**
 * Upstream ServiceIPStaticSubrange (GA in 1.26): the range's lower band,
 * min(max(16, size/16), 256) addresses, is kept for addresses asked by name;
 * dynamic allocation takes the upper band first.
 */
export function serviceStaticBandSize(cidr: Cidr = SERVICE_CLUSTER_IP_RANGE): number {
  return Math.min(Math.max(16, cidrSize(cidr) / 16), 256);
}

/** Service names in DNS (upstream: CoreDNS kubernetes plugin, the DNS spec for Services). */
export function serviceDnsName(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}
