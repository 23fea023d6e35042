/**
 * Kubernetes Events under the graph, newest first. Lighter than the Table
 * view's log, which matters at high speed: rows are memoized by sequence
 * number, so a frame that brings new events draws only those, and with the
 * newest on top nothing has to keep scrolling to the bottom.
 */
import { EventTable } from '../components/EventsLog';
import { useSim } from '../store';

/** Rows kept on screen (the store keeps more; the Table view shows them all). */
const SHOWN = 100;

export function RecentEvents() {
  const records = useSim((s) => s.events.records);
  const recent = records.slice(-SHOWN).reverse();
  return (
    <section aria-labelledby="recent-events-heading" className="panel events graph-events">
      <div className="panel-head">
        <h2 id="recent-events-heading">Events</h2>
        <p className="muted">newest first{records.length > SHOWN ? ` · the last ${SHOWN}; the Table view has more` : ''}</p>
      </div>
      <div className="table-wrap events-scroll" tabIndex={0} role="region" aria-label="Events log">
        <EventTable labelledBy="recent-events-heading" records={recent} />
        {records.length === 0 && <p className="muted empty">No events yet. Kill a node and step time.</p>}
      </div>
    </section>
  );
}

