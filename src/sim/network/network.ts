/**
 * Reachability between each node and the control plane: a set of flags,
 * nothing else. A partition flips flags; whatever runs on the node keeps
 * running. Partitions are both ways: the kubelet cannot write, and it does not
 * hear about changes either.
 */
export interface NetworkState {
  partitionedNodes: string[];
  partitionedZones: string[];
}

export class Network {
  private readonly nodes: Set<string>;
  private readonly zones: Set<string>;

  constructor(state?: NetworkState) {
    this.nodes = new Set(state?.partitionedNodes);
    this.zones = new Set(state?.partitionedZones);
  }

  /** Whether node `name` in zone `zone` can reach the API server. */
  reachable(name: string, zone: string | undefined): boolean {
    return !this.nodes.has(name) && !(zone !== undefined && this.zones.has(zone));
  }

  partitionNode(name: string): void {
    this.nodes.add(name);
  }

  healNode(name: string): void {
    this.nodes.delete(name);
  }

  partitionZone(zone: string): void {
    this.zones.add(zone);
  }

  /** Heals the zone and every node of it that was partitioned on its own. */
  healZone(zone: string, nodesOfZone: readonly string[]): void {
    this.zones.delete(zone);
    for (const name of nodesOfZone) this.nodes.delete(name);
  }

  isNodePartitioned(name: string): boolean {
    return this.nodes.has(name);
  }

  isZonePartitioned(zone: string): boolean {
    return this.zones.has(zone);
  }

  snapshot(): NetworkState {
    return { partitionedNodes: [...this.nodes].sort(), partitionedZones: [...this.zones].sort() };
  }
}
