/**
 * The change feed for what the page shows that is not an API object: the
 * machines (power, partitions), the partitioned zones, the zone states of the
 * node lifecycle controller and the taint-eviction controller's scheduled
 * deletions. The component that changes one of them says so at that point
 * (`ctx.viewChanged`), and whoever shows them drains the feed, as it drains
 * the API server's object changes, instead of recomputing and comparing.
 */
import type { ScheduledEviction } from '../controllers/taint-eviction';
import type { MachineView } from './machines';
import type { ZoneView } from './zones';
import type { TrafficView } from '../network/traffic';

export type ViewKind = 'machines' | 'zones' | 'evictions' | 'partitions' | 'traffic';

export class ViewChangeLog {
  private readonly dirty = new Set<ViewKind>();

  mark(kind: ViewKind): void {
    this.dirty.add(kind);
  }

  /** The kinds changed since the last drain, and forgets them. */
  drain(): ReadonlySet<ViewKind> {
    if (this.dirty.size === 0) return NOTHING;
    const kinds = new Set(this.dirty);
    this.dirty.clear();
    return kinds;
  }
}

const NOTHING: ReadonlySet<ViewKind> = new Set();

/** The views that changed since the last drain, each as its complete, current list; absent = unchanged. */
export interface ViewChanges {
  machines?: MachineView[];
  zones?: ZoneView[];
  /** Scheduled taint-eviction deletions, soonest first. */
  evictions?: ScheduledEviction[];
  partitionedZones?: string[];
  /** Per Service with traffic: its rate and recent counts. */
  traffic?: TrafficView[];
}
