import { useLayoutEffect, useRef } from 'react';
import { formatSimTime } from '../format';
import { objectRef } from '../kube';
import { useSim } from '../store';

/** Kubernetes Events, newest at the bottom; the list follows new events unless scrolled up. */
export function EventsLog() {
  const records = useSim((s) => s.events.records);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [records]);

  return (
    <section aria-labelledby="events-heading" className="panel events">
      <div className="panel-head">
        <h2 id="events-heading">Events</h2>
        <p className="muted">newest at the bottom</p>
      </div>
      <div
        className="table-wrap events-scroll"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label="Events log"
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        <table aria-labelledby="events-heading">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Type</th>
              <th scope="col">Reason</th>
              <th scope="col">Object</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.seq} className={r.type === 'Warning' ? 'warning' : undefined}>
                <td className="num">{formatSimTime(r.lastTimestampMs)}</td>
                <td>{r.type === 'Warning' ? <span className="status status-bad">Warning</span> : 'Normal'}</td>
                <td>{r.reason}</td>
                <td className="mono">{objectRef(r.involvedObject)}</td>
                <td>
                  {r.message}
                  {r.count > 1 && <span className="muted"> (×{r.count})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {records.length === 0 && <p className="muted empty">No events yet. Kill a node and step time.</p>}
      </div>
    </section>
  );
}
