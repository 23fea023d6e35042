/**
 * How each chart series is drawn. Canvas needs real colours, so the page's
 * palette (styles.css) is repeated here; every series also has its own dash
 * pattern and a label, so none is told apart by colour alone.
 */
import type { PodPhase } from './chart-columns';

export interface SeriesLook {
  stroke: string;
  /** Canvas line dash; [] is solid. */
  dash: number[];
}

/** Zones in name order take these in turn. */
export const ZONE_LOOKS: readonly SeriesLook[] = [
  { stroke: '#2357c6', dash: [] },
  { stroke: '#b45309', dash: [6, 3] },
  { stroke: '#0f766e', dash: [2, 2] },
  { stroke: '#7c3aed', dash: [8, 3, 2, 3] },
  { stroke: '#be185d', dash: [4, 4] },
  { stroke: '#4d7c0f', dash: [10, 2] },
];

export const PHASE_LOOKS: Record<PodPhase, SeriesLook> = {
  Running: { stroke: '#17803d', dash: [] },
  Pending: { stroke: '#b45309', dash: [6, 3] },
  Terminating: { stroke: '#7c3aed', dash: [8, 3, 2, 3] },
  Failed: { stroke: '#c81e1e', dash: [2, 2] },
};

/** Evictions: solid bars. FailedScheduling: hatched, outlined bars. */
export const EVICTION_LOOK: SeriesLook = { stroke: '#c81e1e', dash: [] };
export const FAILED_LOOK: SeriesLook = { stroke: '#6d28d9', dash: [] };

/** Requests: ok solid green, failed dashed red (and labelled). */
export const REQUESTS_OK_LOOK: SeriesLook = { stroke: '#17803d', dash: [] };
export const REQUESTS_FAILED_LOOK: SeriesLook = { stroke: '#c81e1e', dash: [5, 3] };

/**
 * Requests per Service, when Services have traffic: Service i's ok series in
 * green and failed in red, each with Service i's own dash pattern (and its
 * name in the label); ok lines are drawn thinner than failed ones.
 */
const SERVICE_DASHES: readonly number[][] = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [10, 2]];
const SERVICE_OK_STROKES = ['#17803d', '#0f766e', '#4d7c0f'];
const SERVICE_FAILED_STROKES = ['#c81e1e', '#be185d', '#9a3412'];

export function serviceLooks(index: number): { ok: SeriesLook; failed: SeriesLook } {
  const dash = SERVICE_DASHES[index % SERVICE_DASHES.length]!;
  return {
    ok: { stroke: SERVICE_OK_STROKES[index % SERVICE_OK_STROKES.length]!, dash },
    failed: { stroke: SERVICE_FAILED_STROKES[index % SERVICE_FAILED_STROKES.length]!, dash: dash.length > 0 ? dash : [5, 3] },
  };
}

export const AXIS_INK = '#5b6370';
export const GRID_LINE = '#e6e9ee';

/** The y axis' width in CSS pixels: the strip below is inset by the same amount, so all share one time axis. */
export const Y_AXIS_PX = 28;
/** The plots' right padding, matched by the strip's. */
export const RIGHT_PAD_PX = 10;

export function zoneLook(index: number): SeriesLook {
  return ZONE_LOOKS[index % ZONE_LOOKS.length]!;
}

/** A diagonal hatch as a canvas fill, for the outlined FailedScheduling bars. */
export function hatch(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 6;
  const t = tile.getContext('2d');
  if (!t) return 'transparent';
  t.strokeStyle = color;
  t.lineWidth = 1.2;
  t.beginPath();
  t.moveTo(0, 6);
  t.lineTo(6, 0);
  t.stroke();
  return ctx.createPattern(tile, 'repeat') ?? 'transparent';
}
