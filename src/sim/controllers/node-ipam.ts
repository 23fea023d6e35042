/**
 * The node IPAM controller with `--allocate-node-cidrs` and the range
 * allocator: every Node gets one /24 of the cluster CIDR as `spec.podCIDR`
 * (and `spec.podCIDRs`), the kubelet hands its pods addresses from it, and a
 * deleted node's CIDR is released.
 *
 * Upstream: pkg/controller/nodeipam/ipam/range_allocator.go
 * (AllocateOrOccupyCIDR, ReleaseCIDR) and ipam/cidrset/cidr_set.go
 * (AllocateNext scans from nextCandidate and wraps). The ranges are in
 * network/cidr.ts.
 */
import { ApiError } from '../apiserver/errors';
import type { Component, ComponentContext } from '../component';
import type { Node } from '../api/types';
import { nodeCidr, nodeCidrCount, nodeCidrIndex } from '../network/cidr';

export interface NodeIpamState {
  /** Upstream cidrset.nextCandidate. */
  nextCandidate: number;
  queue: string[];
}

export class NodeIpamController implements Component {
  readonly name = 'node-ipam';
  private nextCandidate: number;
  private readonly queue: Set<string>;
  /** CIDR index → node name; derived from the Nodes, so rebuilt rather than snapshotted. */
  private readonly used = new Map<number, string>();

  constructor(
    private readonly ctx: ComponentContext,
    state?: NodeIpamState,
  ) {
    this.nextCandidate = state?.nextCandidate ?? 0;
    this.queue = new Set(state?.queue);
    for (const node of ctx.api.list<Node>('Node')) this.occupy(node);
    ctx.api.watch<Node>('Node', (event) => {
      const name = event.object.metadata.name;
      if (event.type === 'DELETED') {
        // Upstream ReleaseCIDR.
        for (const [index, owner] of this.used) if (owner === name) this.used.delete(index);
        this.queue.delete(name);
        return;
      }
      this.occupy(event.object);
      if (!event.object.spec?.podCIDR) this.queue.add(name);
    });
  }

  sync(): boolean {
    if (this.queue.size === 0) return false;
    const names = [...this.queue];
    this.queue.clear();
    for (const name of names) this.allocate(name);
    return true;
  }

  snapshot(): NodeIpamState {
    return { nextCandidate: this.nextCandidate, queue: [...this.queue] };
  }

  private occupy(node: Node): void {
    for (const cidr of node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : [])) {
      const index = nodeCidrIndex(cidr);
      if (index !== undefined) this.used.set(index, node.metadata.name);
    }
  }

  /** Upstream rangeAllocator.AllocateOrOccupyCIDR. */
  private allocate(name: string): void {
    const node = this.ctx.api.get<Node>('Node', name);
    if (!node || node.spec?.podCIDR) return;
    const index = this.allocateNext();
    if (index === undefined) {
      // Upstream: nodeutil.RecordNodeStatusChange(recorder, node, "CIDRNotAvailable").
      this.ctx.api.recordEvent(node, 'Normal', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`, 'cidrAllocator');
      return;
    }
    this.used.set(index, name);
    const cidr = nodeCidr(index);
    try {
      this.ctx.api.update<Node>('Node', name, undefined, (draft) => {
        draft.spec = { ...draft.spec, podCIDR: cidr, podCIDRs: [cidr] };
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.used.delete(index);
    }
  }

  /** Upstream CidrSet.AllocateNext. */
  private allocateNext(): number | undefined {
    const count = nodeCidrCount();
    for (let i = 0; i < count; i++) {
      const candidate = (this.nextCandidate + i) % count;
      if (!this.used.has(candidate)) {
        this.nextCandidate = (candidate + 1) % count;
        return candidate;
      }
    }
    return undefined;
  }
}
