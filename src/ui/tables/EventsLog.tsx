import { memo, useId, useMemo, useState } from 'react';
import type { EventRecord } from '../../protocol/messages';
import { formatSimTime } from '../format';
import { objectRef } from '../kube';
import { useSim } from '../store';

interface Filter {
  text: string;
  type: string;
  reason: string;
}

const NO_FILTER: Filter = { text: '', type: '', reason: '' };

function matches(r: EventRecord, { text, type, reason }: Filter): boolean {
  const needle = text.trim().toLowerCase();
  return (!type || r.type === type) && (!reason || r.reason === reason) && (!needle || `${r.reason} ${objectRef(r.involvedObject)} ${r.message}`.toLowerCase().includes(needle));
}

/**
 * Kubernetes Events, newest first, so what an action caused shows at the top
 * beside the graph without scrolling. Rows are memoized by sequence number:
 * a frame that brings new events draws only those.
 */
export function EventsLog() {
  const all = useSim((s) => s.events.records);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const reasons = useMemo(() => [...new Set(all.map((r) => r.reason))].sort(), [all]);
  const records = useMemo(() => all.filter((r) => matches(r, filter)).reverse(), [all, filter]);
  const filtered = records.length !== all.length;
  return (
    <section aria-labelledby="events-heading" className="panel events">
      <div className="panel-head">
        <h2 id="events-heading">Events</h2>
        <p className="muted" role="status">
          {filtered ? `${records.length} of ${all.length} events shown` : 'newest first'}
        </p>
      </div>
      <EventFilter filter={filter} reasons={reasons} onChange={setFilter} />
      <div className="table-wrap events-scroll" tabIndex={0} role="region" aria-label="Events log">
        <EventTable labelledBy="events-heading" records={records} />
        {all.length === 0 && <p className="muted empty">No events yet. Kill a node and step time.</p>}
        {all.length > 0 && records.length === 0 && <p className="muted empty">No event matches the filter.</p>}
      </div>
    </section>
  );
}

function EventFilter({ filter, reasons, onChange }: { filter: Filter; reasons: readonly string[]; onChange: (filter: Filter) => void }) {
  const id = useId();
  const set = (patch: Partial<Filter>) => onChange({ ...filter, ...patch });
  const active = filter.text !== '' || filter.type !== '' || filter.reason !== '';
  return (
    <div className="event-filter" role="search" aria-label="Filter events">
      <label htmlFor={`${id}-text`}>
        Search
        <input id={`${id}-text`} type="search" value={filter.text} onChange={(e) => set({ text: e.currentTarget.value })} placeholder="object, reason or message" />
      </label>
      <label htmlFor={`${id}-type`}>
        Type
        <select id={`${id}-type`} value={filter.type} onChange={(e) => set({ type: e.currentTarget.value })}>
          <option value="">All</option>
          <option value="Normal">Normal</option>
          <option value="Warning">Warning</option>
        </select>
      </label>
      <label htmlFor={`${id}-reason`}>
        Reason
        <select id={`${id}-reason`} value={filter.reason} onChange={(e) => set({ reason: e.currentTarget.value })}>
          <option value="">All</option>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
          {filter.reason && !reasons.includes(filter.reason) && <option value={filter.reason}>{filter.reason}</option>}
        </select>
      </label>
      {active && (
        <button type="button" className="small" onClick={() => onChange(NO_FILTER)}>
          Clear filter
        </button>
      )}
    </div>
  );
}

/** One event as `kubectl get events` shows it (time, type, reason, object, message ×count). */
const EventRow = memo(function EventRow({ record: r }: { record: EventRecord }) {
  return (
    <tr className={r.type === 'Warning' ? 'warning' : undefined}>
      <td className="num">t = {formatSimTime(r.lastTimestampMs)}</td>
      <td>{r.type === 'Warning' ? <span className="status status-bad">⚠ Warning</span> : <span className="muted">Normal</span>}</td>
      <td>{r.reason}</td>
      <td className="mono">{objectRef(r.involvedObject)}</td>
      <td>
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
