/**
 * The three chart lanes as uPlot options: what each draws, how, and from
 * which columns. No state: chart-set.ts owns the plots.
 */
import uPlot from 'uplot';
import { POD_PHASES, serviceLabel, type BarSlots, type ChartColumns } from './chart-columns';
import { AXIS_INK, EVICTION_LOOK, FAILED_LOOK, GRID_LINE, hatch, PHASE_LOOKS, REQUESTS_FAILED_LOOK, REQUESTS_OK_LOOK, RIGHT_PAD_PX, serviceLooks, Y_AXIS_PX, zoneLook, type SeriesLook } from './chart-style';

export type LaneId = 'ready' | 'pods' | 'events' | 'requests';

export interface LegendEntry {
  label: string;
  look: SeriesLook;
  /** Bars: filled (evictions) or hatched (FailedScheduling). */
  bar?: 'solid' | 'hatched';
}

export const LANE_TITLES: Record<LaneId, string> = {
  ready: 'Ready nodes',
  pods: 'Pods',
  events: 'Per minute',
  requests: 'Requests/s',
};

/** What the lanes draw series for: zones (Ready nodes) and Services with traffic (Requests/s). */
export interface LaneKeys {
  zones: readonly string[];
  services: readonly string[];
}

export function legendEntries(lane: LaneId, keys: LaneKeys): LegendEntry[] {
  const { zones, services } = keys;
  switch (lane) {
    case 'ready':
      return zones.map((zone, i) => ({ label: zone, look: zoneLook(i) }));
    case 'pods':
      return POD_PHASES.map((phase) => ({ label: phase, look: PHASE_LOOKS[phase] }));
    case 'events':
      return [
        { label: 'Evictions', look: EVICTION_LOOK, bar: 'solid' },
        { label: 'FailedScheduling', look: FAILED_LOOK, bar: 'hatched' },
      ];
    case 'requests':
      if (services.length > 0) {
        return services.flatMap((service, i) => {
          const looks = serviceLooks(i);
          return [
            { label: `${serviceLabel(service)} OK`, look: looks.ok },
            { label: `${serviceLabel(service)} failed`, look: looks.failed },
          ];
        });
      }
      return [
        { label: 'OK', look: REQUESTS_OK_LOOK },
        { label: 'Failed', look: REQUESTS_FAILED_LOOK },
      ];
  }
}

export function laneData(lane: LaneId, columns: ChartColumns, bars: BarSlots): uPlot.AlignedData {
  switch (lane) {
    case 'ready':
      return [columns.x, ...columns.ready];
    case 'pods':
      return [columns.x, ...columns.pods];
    case 'events':
      return [bars.x, bars.evictions, bars.failed] as uPlot.AlignedData;
    case 'requests':
      if (columns.services.length > 0) return [columns.x, ...columns.services.flatMap((_, i) => [columns.serviceOk[i]!, columns.serviceFailed[i]!])];
      return [columns.x, columns.requestsOk, columns.requestsFailed];
  }
}

const stepped = uPlot.paths.stepped!({ align: 1 });
const bars = uPlot.paths.bars!({ align: 1, size: [0.85, Infinity, 1] });

function lineSeries(entry: LegendEntry): uPlot.Series {
  const width = entry.look === REQUESTS_FAILED_LOOK || entry.label.endsWith(' failed') ? 2 : 1.5;
  return { label: entry.label, stroke: entry.look.stroke, dash: entry.look.dash, width, paths: stepped, points: { show: false } };
}

function barSeries(entry: LegendEntry): uPlot.Series {
  const { stroke } = entry.look;
  return {
    label: entry.label,
    stroke,
    width: 1,
    fill: entry.bar === 'hatched' ? (u: uPlot) => hatch(u.ctx, stroke) : `${stroke}cc`,
    paths: bars,
    points: { show: false },
  };
}

/** Integer counts: the axis marks 0 and the top of the data only, to stay legible at 30 px high. */
function yRange(_u: uPlot, _min: number | null, max: number | null): uPlot.Range.MinMax {
  return [0, Math.max(1, Math.ceil(max ?? 0))];
}

export interface LaneHooks {
  latestMs: () => number;
  setCursor: (u: uPlot) => void;
}

export function laneOptions(lane: LaneId, keys: LaneKeys, size: { width: number; height: number }, hooks: LaneHooks): uPlot.Options {
  const entries = legendEntries(lane, keys);
  return {
    ...size,
    padding: [6, RIGHT_PAD_PX, 2, 0],
    legend: { show: false },
    cursor: {
      sync: { key: 'kp-timeline' },
      drag: { x: false, y: false, setScale: false },
      y: false,
      points: { show: false },
    },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: false, range: () => [0, Math.max(hooks.latestMs(), 1)] },
      y: { range: yRange },
    },
    axes: [
      { show: false },
      {
        size: Y_AXIS_PX,
        gap: 3,
        font: '10px system-ui, sans-serif',
        stroke: AXIS_INK,
        ticks: { show: false },
        grid: { stroke: GRID_LINE, width: 1 },
        splits: (u) => [0, u.scales.y?.max ?? 1],
        values: (_u, splits) => splits.map((v) => String(Math.round(v))),
      },
    ],
    series: [{ label: 'time' }, ...entries.map((entry) => (entry.bar ? barSeries(entry) : lineSeries(entry)))],
    hooks: { setCursor: [hooks.setCursor] },
  };
}
