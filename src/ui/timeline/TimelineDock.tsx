import { useCallback, useRef, useState } from 'react';
import { useSim } from '../store';
import { ChartTable } from './ChartTable';
import { MARKER_KINDS } from './markers';
import { TimeCharts } from './TimeCharts';
import { TimelineStatus } from './TimelineStatus';
import { TimelineStrip } from './TimelineStrip';
import './timeline.css';

/**
 * The time machine across the bottom of the screen: the charts over
 * simulated time and, on the same axis, the strip to scrub, with the live /
 * past state above them. The charts draw themselves outside React, so a new
 * sample re-renders nothing here.
 */
export function TimelineDock() {
  const known = useSim((s) => s.timeline.known);
  const [table, setTable] = useState(false);
  const toggleTable = useCallback(() => setTable((t) => !t), []);
  const cursorReadout = useRef<HTMLSpanElement>(null);
  if (!known) return null;
  return (
    <div className="tl-dock">
      <TimelineStatus table={table} onTable={toggleTable} cursorReadout={cursorReadout} />
      <div className="tl-body">
        {table ? <ChartTable /> : <TimeCharts cursorReadout={cursorReadout} />}
        <div className="tl-lane tl-lane--strip">
          <div className="tl-legend tl-key" aria-hidden="true">
            {Object.values(MARKER_KINDS).map((kind) => (
              <span className="tl-key-item" key={kind.letter}>
                <span className={`tl-marker-glyph ${kind.className}`}>{kind.letter}</span>
                {kind.short}
              </span>
            ))}
          </div>
          <TimelineStrip />
        </div>
      </div>
    </div>
  );
}
