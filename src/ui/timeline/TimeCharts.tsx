import { useEffect, useRef } from 'react';
import 'uplot/dist/uPlot.min.css';
import { ChartSet } from './chart-set';
import { LANE_TITLES, type LaneId } from './chart-lanes';

const LANES: readonly LaneId[] = ['ready', 'pods', 'events', 'requests'];

/**
 * The chart lanes over simulated time, above the strip and on its axis.
 * React draws the frame once; ChartSet draws the data, outside React.
 * The same numbers are in the table (ChartTable) for screen readers, so the
 * canvases are hidden from them.
 */
export function TimeCharts({ cursorReadout }: { cursorReadout: React.RefObject<HTMLElement | null> }) {
  const hosts = useRef<(HTMLDivElement | null)[]>([]);
  const legends = useRef<(HTMLDivElement | null)[]>([]);
  useEffect(() => {
    const readout = cursorReadout.current;
    if (!readout) return;
    const elements = LANES.map((id, i) => ({ id, host: hosts.current[i]!, legend: legends.current[i]! }));
    const charts = new ChartSet(elements, readout);
    return () => charts.destroy();
  }, [cursorReadout]);
  return (
    <>
      {LANES.map((id, i) => (
        <div className="tl-lane" key={id}>
          <div className="tl-legend">
            <span className="tl-lane-title">{LANE_TITLES[id]}</span>
            <div
              className="tl-legend-values"
              ref={(el) => {
                legends.current[i] = el;
              }}
            />
          </div>
          <div
            className="tl-plot"
            aria-hidden="true"
            ref={(el) => {
              hosts.current[i] = el;
            }}
          />
        </div>
      ))}
    </>
  );
}
