import { memo, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { EventRecord } from '../../protocol/messages';
import { formatSimTime } from '../format';
import { objectRef } from '../kube';
import { useSim } from '../store';

/** Kubernetes Events, newest at the bottom; the list follows new events unless scrolled up. */
export function EventsLog() {
  const all = useSim((s) => s.events.records);
  const [text, setText] = useState('');
  const [type, setType] = useState('');
  const [reason, setReason] = useState('');
  const reasons = useMemo(() => [...new Set(all.map((r) => r.reason))].sort(), [all]);
  const records = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return all.filter(
      (r) =>
        (!type || r.type === type) &&
        (!reason || r.reason === reason) &&
        (!needle || `${r.reason} ${objectRef(r.involvedObject)} ${r.message}`.toLowerCase().includes(needle)),
    );
  }, [all, text, type, reason]);
  const filtered = records.length !== all.length;
  const id = useId();
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
        <p className="muted" role="status">
          {filtered ? `${records.length} of ${all.length} events shown` : 'newest at the bottom'}
        </p>
      </div>
      <div className="event-filter" role="search" aria-label="Filter events">
        <label htmlFor={`${id}-text`}>
          Search
          <input id={`${id}-text`} type="search" value={text} onChange={(e) => setText(e.currentTarget.value)} placeholder="object, reason or message" />
        </label>
        <label htmlFor={`${id}-type`}>
          Type
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="">All</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
        </label>
        <label htmlFor={`${id}-reason`}>
          Reason
          <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
            <option value="">All</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
            {reason && !reasons.includes(reason) && <option value={reason}>{reason}</option>}
          </select>
        </label>
        {filtered && (
          <button type="button" className="small" onClick={() => (setText(''), setType(''), setReason(''))}>
            Clear filter
          </button>
        )}
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
        <EventTable labelledBy="events-heading" records={records} />
        {all.length === 0 && <p className="muted empty">No events yet. Kill a node and step time.</p>}
        {all.length > 0 && records.length === 0 && <p className="muted empty">No event matches the filter.</p>}
      </div>
    </section>
  );
}

/** One event as `kubectl get events` shows it (time, type, reason, object, message ×count). */
const EventRow = memo(function EventRow({ record: r }: { record: EventRecord }) {
  return (
    <tr className={r.type === 'Warning' ? 'warning' : undefined}>
      <td className="num">{formatSimTime(r.lastTimestampMs)}</td>
      <td>{r.type === 'Warning' ? <span className="status status-bad">Warning</span> : 'Normal'}</td>
      <td>{r.reason}</td>
      <td className="mono">{objectRef(r.involvedObject)}</td>
      <td title={r.message}>
        {r.message}
        {r.count > 1 && <span className="muted"> (×{r.count})</span>}
      </td>
    </tr>
  );
});

/** Events as `kubectl get events` lists them: time, type, reason, object, message. */
export function EventTable({ labelledBy, records }: { labelledBy: string; records: readonly EventRecord[] }) {
  return (
    <table aria-labelledby={labelledBy}>
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
          <EventRow key={r.seq} record={r} />
        ))}
      </tbody>
    </table>
  );
}
