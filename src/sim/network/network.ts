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

  /** `onChange` hears every flip (the world's change feed: machines and partitions). */
  constructor(state?: NetworkState, private readonly onChange: (zones: boolean) => void = () => {}) {
    this.nodes = new Set(state?.partitionedNodes);
    this.zones = new Set(state?.partitionedZones);
  }

  /** Whether node `name` in zone `zone` can reach the API server. */
  reachable(name: string, zone: string | undefined): boolean {
    return !this.nodes.has(name) && !(zone !== undefined && this.zones.has(zone));
  }

  partitionNode(name: string): void {
    if (this.nodes.has(name)) return;
    this.nodes.add(name);
    this.onChange(false);
  }

  healNode(name: string): void {
    if (this.nodes.delete(name)) this.onChange(false);
  }

  partitionZone(zone: string): void {
    if (this.zones.has(zone)) return;
    this.zones.add(zone);
    this.onChange(true);
  }

  /** Heals the zone and every node of it that was partitioned on its own. */
  healZone(zone: string, nodesOfZone: readonly string[]): void {
    const zoneHealed = this.zones.delete(zone);
    let nodeHealed = false;
    for (const name of nodesOfZone) if (this.nodes.delete(name)) nodeHealed = true;
    if (zoneHealed || nodeHealed) this.onChange(zoneHealed);
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
