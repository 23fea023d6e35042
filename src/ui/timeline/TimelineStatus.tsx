import { formatSimTime } from '../format';
import { useSim } from '../store';
import { formatMoment } from './time-axis';
import { goLive, undoFork } from './timeline-actions';

/**
 * Whether the page shows the present or the past, the way back to live,
 * and the last fork with its undo. Only the mode and the fork are
 * announced (role="status"): the time changes too often to read aloud.
 */
export function TimelineStatus({ table, onTable, cursorReadout }: { table: boolean; onTable: () => void; cursorReadout: React.Ref<HTMLSpanElement> }) {
  const live = useSim((s) => s.timeline.live);
  const viewMs = useSim((s) => s.timeline.viewMs);
  const latestMs = useSim((s) => s.timeline.latestMs);
  const rewritten = useSim((s) => s.timeline.rewritten);
  return (
    <div className="tl-head">
      <h2 className="tl-title" id="tl-title">
        Timeline
      </h2>
      <span role="status" className="tl-status">
        <span className={`tl-mode ${live ? 'is-live' : 'is-past'}`}>
          <span className="tl-mode-icon" aria-hidden="true" />
          {live ? 'Live' : 'Viewing the past'}
        </span>
        {rewritten && <span className="tl-rewritten">History rewritten at {formatSimTime(rewritten.atMs)}</span>}
      </span>
      <span className="tl-when">{live ? formatMoment(viewMs) : `at ${formatMoment(viewMs)} of ${formatSimTime(latestMs)}`}</span>
      {!live && (
        <button type="button" className="small tl-golive" onClick={goLive} aria-keyshortcuts="l">
          Back to live <kbd aria-hidden="true">L</kbd>
        </button>
      )}
      {rewritten?.undoable && (
        <button type="button" className="small" onClick={undoFork}>
          Undo rewrite
        </button>
      )}
      <span className="tl-cursor muted" ref={cursorReadout} aria-hidden="true" />
      <button type="button" className="small quiet tl-table-toggle" aria-pressed={table} onClick={onTable}>
        Table
      </button>
    </div>
  );
}
