/** The zones as the node lifecycle controller sees them. */
import type { NodeLifecycleController } from '../controllers/node-lifecycle';
import type { ZoneState } from '../controllers/zones';

/** A zone as the node lifecycle controller sees it. */
export interface ZoneView {
  /** Upstream's zone key ("region:\0:zone"). */
  key: string;
  zone: string;
  region: string;
  state: ZoneState;
  /** Nodes per second the zone's NoExecute tainting queue may process. */
  evictionQps: number;
}

export function zoneViews(nodeLifecycle: NodeLifecycleController): ZoneView[] {
  return nodeLifecycle.zoneStates().map(({ key, zone, region, state, evictionQps }) => ({ key, zone, region, state, evictionQps }));
}
