/**
 * The Service ClusterIP allocator (kube-apiserver's `--service-cluster-ip-range`,
 * 10.0.0.0/24 by default). An address asked for by name must be in the range
 * and free; otherwise one is drawn at random, from the upper band first and
 * the lower (static) band only when the upper one is full, as upstream's
 * ServiceIPStaticSubrange does. The allocated set is the stored Services'
 * addresses, so it needs no state of its own; the draw comes from the
 * world's 'cluster-ips' random stream.
 * Upstream: pkg/registry/core/service/ipallocator (bitmap allocator,
 * AllocateNext, Allocate), pkg/registry/core/service/storage/alloc.go.
 */
import type { Rng } from '../core/rng';
import type { KubeObject } from '../api/types';
import { SERVICE_CLUSTER_IP_RANGE, cidrContains, cidrSize, formatCidr, formatIPv4, parseIPv4, serviceStaticBandSize } from '../network/cidr';
import type { FieldError } from './errors';

type ServiceLike = KubeObject & { spec?: { clusterIP?: string; clusterIPs?: string[] } };

function allocated(services: Iterable<KubeObject>): Set<number> {
  const out = new Set<number>();
  for (const s of services as Iterable<ServiceLike>) {
    const ip = s.spec?.clusterIP ? parseIPv4(s.spec.clusterIP) : undefined;
    if (ip !== undefined) out.add(ip);
  }
  return out;
}

/** Checks a requested ClusterIP (upstream Allocate's errors); undefined when it may be taken. */
export function checkRequestedIP(requested: string, services: Iterable<KubeObject>): FieldError | undefined {
  const ip = parseIPv4(requested);
  if (ip === undefined) {
    return { field: 'spec.clusterIPs[0]', type: 'Invalid value', value: requested, detail: 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' };
  }
  const range = SERVICE_CLUSTER_IP_RANGE;
  const first = range.base + 1;
  const last = range.base + cidrSize(range) - 2;
  const shown = `Invalid value: []string{"${requested}"}`;
  if (!cidrContains(range, ip) || ip < first || ip > last) {
    return { field: 'spec.clusterIPs', type: shown, detail: `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${formatCidr(range)}` };
  }
  if (allocated(services).has(ip)) {
    return { field: 'spec.clusterIPs', type: shown, detail: `failed to allocate IP ${requested}: provided IP is already allocated` };
  }
  return undefined;
}

/** A free address (upstream AllocateNext), or undefined when the range is full. */
export function allocateClusterIP(services: Iterable<KubeObject>, rng: Rng): string | undefined {
  const range = SERVICE_CLUSTER_IP_RANGE;
  const used = allocated(services);
  // The network and broadcast addresses are never handed out.
  const first = range.base + 1;
  const last = range.base + cidrSize(range) - 2;
  const staticEnd = range.base + serviceStaticBandSize(range); // first address of the upper band
  for (const [lo, hi] of [[staticEnd, last], [first, staticEnd - 1]] as const) {
    const size = hi - lo + 1;
    if (size <= 0) continue;
    const offset = rng.int(size);
    for (let i = 0; i < size; i++) {
      const ip = lo + ((offset + i) % size);
      if (!used.has(ip)) return formatIPv4(ip);
    }
  }
  return undefined;
}
