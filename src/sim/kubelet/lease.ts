/**
 * The kubelet's node lease.
 * Upstream: staging/src/k8s.io/component-helpers/apimachinery/lease/controller.go.
 */
import { toTimestamp } from '../core/time';
import { NODE_LEASE_NAMESPACE, type Lease, type Node } from '../api/types';
import { leaseKey, type KubeletHost } from './host';
import type { KubeletState } from './state';

/** Upstream lease controller: backoffEnsureLease starts at 200 ms and caps at 7 s. */
const LEASE_BACKOFF_START_MS = 200;
const LEASE_BACKOFF_MAX_MS = 7_000;

/**
 * Upstream: lease controller sync. Renew every 0.25 × leaseDuration
 * (+ jitter); when the API server cannot be reached, retry with a doubling
 * backoff from 200 ms capped at 7 s.
 */
export function renewLease(host: KubeletHost, name: string, key = leaseKey(name)): void {
  const state = host.require(name);
  if (state.power === 'off') return;
  const now = host.ctx.clock.nowMs;
  if (!host.reachable(name)) {
    state.leaseBackoffMs = state.leaseBackoffMs ? Math.min(state.leaseBackoffMs * 2, LEASE_BACKOFF_MAX_MS) : LEASE_BACKOFF_START_MS;
    host.slots.set(key, now + state.leaseBackoffMs);
    return;
  }
  state.leaseBackoffMs = 0;
  writeLease(host, name, state, toTimestamp(now));
  const intervalMs = 0.25 * state.settings.nodeLeaseDurationSeconds * 1000;
  const jitterMs = state.settings.leaseJitter > 0 ? Math.round(host.rng.next() * state.settings.leaseJitter * intervalMs) : 0;
  host.slots.set(key, now + intervalMs + jitterMs);
}

function writeLease(host: KubeletHost, name: string, state: KubeletState, renewTime: string): void {
  const existing = host.api.get<Lease>('Lease', name, NODE_LEASE_NAMESPACE);
  if (existing) {
    host.api.update<Lease>('Lease', name, NODE_LEASE_NAMESPACE, (lease) => {
      lease.spec.renewTime = renewTime;
    });
    return;
  }
  const node = host.api.get<Node>('Node', name);
  host.api.create({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      ...(node ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }] } : {}),
    },
    spec: { holderIdentity: name, leaseDurationSeconds: state.settings.nodeLeaseDurationSeconds, renewTime },
  });
}
