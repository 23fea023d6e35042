/**
 * The chart lanes, outside React: they read the timeline slice straight
 * from the store and redraw at most once per animation frame. New samples
 * are appended to the columns in place (setData with the same arrays, never
 * a new plot); scrubbing only moves the playhead, so the data is not
 * touched at all while the user drags.
 */
import uPlot from 'uplot';
import { useSim } from '../store';
import { appendSamples, buildColumns, emptyColumns, updateBarSlots, valuesAt, type BarSlots, type ChartColumns, type ValuesAt } from './chart-columns';
import { laneData, laneOptions, legendEntries, type LaneId } from './chart-lanes';
import { formatMoment, fractionOf, minuteLabel } from './time-axis';
import { onStripHover } from './strip-hover';
import { seek } from './timeline-actions';
import type { TimelineSlice } from './timeline-state';

export interface LaneElements {
  id: LaneId;
  /** Where the plot goes. */
  host: HTMLElement;
  /** Where the lane's labelled values go. */
  legend: HTMLElement;
}

interface Lane extends LaneElements {
  plot: uPlot | null;
  values: HTMLElement[];
  playhead: HTMLElement;
  future: HTMLElement;
  /** The per-minute lane says which minute its values are for. */
  minute: HTMLElement | null;
}

const SVG = 'http://www.w3.org/2000/svg';

export class ChartSet {
  private readonly lanes: Lane[];
  private columns: ChartColumns = emptyColumns([]);
  private bars: BarSlots = { x: [], evictions: [], failed: [] };
  private generation = -1;
  private latestMs = 0;
  private viewMs = 0;
  private live = true;
  private hoverMs: number | null = null;
  private frame = 0;
  private dirty = { data: false, scale: false, playhead: false, rebuild: false };
  private readonly unsubscribe: () => void;
  private readonly unhover: () => void;
  private readonly resize: ResizeObserver;

  constructor(
    elements: readonly LaneElements[],
    private readonly cursorReadout: HTMLElement,
  ) {
    this.lanes = elements.map((el) => ({ ...el, plot: null, values: [], playhead: div('tl-chart-playhead'), future: div('tl-chart-future'), minute: null }));
    this.resize = new ResizeObserver(() => this.fit());
    for (const lane of this.lanes) this.resize.observe(lane.host);
    this.take(useSim.getState().timeline);
    this.unsubscribe = useSim.subscribe((state, previous) => {
      if (state.timeline !== previous.timeline) this.take(state.timeline);
    });
    this.unhover = onStripHover((ms) => this.hoverFromStrip(ms));
  }

  /** The strip's hover as a chart cursor: the first plot's cursor moves, the others follow (cursor sync). */
  private hoverFromStrip(ms: number | null): void {
    const plot = this.lanes[0]?.plot;
    if (!plot) return;
    plot.setCursor({ left: ms === null ? -10 : plot.valToPos(ms, 'x'), top: ms === null ? -10 : plot.over.clientHeight / 2 });
  }

  destroy(): void {
    this.unsubscribe();
    this.unhover();
    this.resize.disconnect();
    cancelAnimationFrame(this.frame);
    for (const lane of this.lanes) lane.plot?.destroy();
  }

  /** Notes what changed; the drawing waits for the next frame. */
  private take(timeline: TimelineSlice): void {
    if (timeline.generation !== this.generation || timeline.samples.length < this.columns.length) {
      this.generation = timeline.generation;
      this.columns = buildColumns(timeline.samples);
      this.bars = { x: [], evictions: [], failed: [] };
      updateBarSlots(this.bars, this.columns, 0);
      this.dirty.rebuild = true;
    } else if (timeline.samples.length > this.columns.length) {
      const fromMinute = Math.max(0, this.columns.evictionsPerMinute.length - 1);
      const zones = this.columns.zones.length;
      const services = this.columns.services.length;
      if (!appendSamples(this.columns, timeline.samples)) this.columns = buildColumns(timeline.samples);
      updateBarSlots(this.bars, this.columns, this.columns.zones.length === zones ? fromMinute : 0);
      if (this.columns.zones.length !== zones || this.columns.services.length !== services) this.dirty.rebuild = true;
      this.dirty.data = true;
    }
    if (timeline.latestMs !== this.latestMs) this.dirty.scale = true;
    if (timeline.viewMs !== this.viewMs || timeline.live !== this.live) this.dirty.playhead = true;
    this.latestMs = timeline.latestMs;
    this.viewMs = timeline.viewMs;
    this.live = timeline.live;
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const { rebuild, data, scale, playhead } = this.dirty;
    this.dirty = { data: false, scale: false, playhead: false, rebuild: false };
    for (const lane of this.lanes) {
      if (rebuild || !lane.plot) this.create(lane);
      else if (data) lane.plot.setData(laneData(lane.id, this.columns, this.bars));
      else if (scale) lane.plot.setScale('x', { min: 0, max: Math.max(this.latestMs, 1) });
    }
    if (rebuild || data || scale || playhead) this.placePlayheads();
    if (rebuild || data || playhead) this.showValues();
  }

  private create(lane: Lane): void {
    lane.plot?.destroy();
    const size = sizeOf(lane.host);
    const options = laneOptions(lane.id, this.columns, size, {
      latestMs: () => this.latestMs,
      setCursor: (u) => this.onCursor(u),
    });
    const plot = new uPlot(options, laneData(lane.id, this.columns, this.bars), lane.host);
    plot.over.append(lane.future, lane.playhead);
    plot.over.addEventListener('click', (event) => {
      const ms = plot.posToVal(event.offsetX, 'x');
      if (Number.isFinite(ms)) seek(Math.round(Math.min(Math.max(ms, 0), this.latestMs)));
    });
    plot.over.title = 'Click to view this moment';
    lane.plot = plot;
    this.buildLegend(lane);
  }

  private fit(): void {
    for (const lane of this.lanes) {
      const size = sizeOf(lane.host);
      if (lane.plot && (lane.plot.width !== size.width || lane.plot.height !== size.height)) lane.plot.setSize(size);
    }
    this.placePlayheads();
  }

  /** The shown instant as a line on every lane, and the recorded future after it shaded while viewing the past. */
  private placePlayheads(): void {
    const fraction = fractionOf(this.viewMs, this.latestMs);
    for (const lane of this.lanes) {
      const x = lane.plot ? lane.plot.valToPos(this.viewMs, 'x') : 0;
      lane.playhead.style.transform = `translateX(${Math.round(Number.isFinite(x) ? x : 0)}px)`;
      lane.future.hidden = this.live;
      lane.future.style.left = `${fraction * 100}%`;
    }
  }

  private onCursor(u: uPlot): void {
    const left = u.cursor.left ?? -1;
    const ms = left < 0 ? null : u.posToVal(left, 'x');
    const hoverMs = ms === null || !Number.isFinite(ms) ? null : Math.round(Math.min(Math.max(ms, 0), this.latestMs));
    if (hoverMs === this.hoverMs) return;
    this.hoverMs = hoverMs;
    this.showValues();
  }

  /** The legends show the values under the pointer, or at the shown instant when the pointer is elsewhere. */
  private showValues(): void {
    const ms = this.hoverMs ?? this.viewMs;
    const at = valuesAt(this.columns, ms);
    for (const lane of this.lanes) {
      const values = laneValues(lane.id, at);
      lane.values.forEach((el, i) => (el.textContent = values[i] ?? '–'));
      if (lane.minute) lane.minute.textContent = at.evictions === null ? '' : minuteLabel(at.minute);
    }
    this.cursorReadout.textContent = this.hoverMs === null ? '' : `${formatMoment(this.hoverMs)} · click to view`;
  }

  private buildLegend(lane: Lane): void {
    const list = document.createElement('ul');
    list.className = 'tl-legend-list';
    lane.values = legendEntries(lane.id, this.columns).map((entry) => {
      const item = document.createElement('li');
      item.append(swatch(entry.look.stroke, entry.look.dash, entry.bar));
      const label = document.createElement('span');
      label.className = 'tl-legend-label';
      label.textContent = entry.label;
      const value = document.createElement('span');
      value.className = 'tl-legend-value';
      item.append(label, value);
      list.append(item);
      return value;
    });
    if (lane.id === 'events') {
      lane.minute = document.createElement('li');
      lane.minute.className = 'tl-legend-minute';
      list.prepend(lane.minute);
    }
    lane.legend.replaceChildren(list);
  }
}

function laneValues(lane: LaneId, at: ValuesAt): (string | undefined)[] {
  switch (lane) {
    case 'ready':
      return at.ready?.map(String) ?? [];
    case 'pods':
      return at.pods?.map(String) ?? [];
    case 'events':
      return [at.evictions, at.failedScheduling].map((n) => (n === null ? undefined : `${n}`));
    case 'requests':
      return (at.serviceRequests?.length ? at.serviceRequests : at.requests)?.map((n) => `${Math.round(n * 10) / 10}`) ?? [];
  }
}

function div(className: string): HTMLElement {
  const el = document.createElement('div');
  el.className = className;
  el.setAttribute('aria-hidden', 'true');
  return el;
}

function sizeOf(host: HTMLElement): { width: number; height: number } {
  return { width: Math.max(host.clientWidth, 50), height: Math.max(host.clientHeight, 20) };
}

/** A short sample of the series' line (its dash) or bar (solid or hatched), so the legend does not rely on colour. */
function swatch(stroke: string, dash: number[], bar?: 'solid' | 'hatched'): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 18 10');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('tl-swatch');
  if (bar) {
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', '4');
    rect.setAttribute('y', '1');
    rect.setAttribute('width', '10');
    rect.setAttribute('height', '8');
    rect.setAttribute('stroke', stroke);
    rect.setAttribute('fill', bar === 'solid' ? stroke : 'none');
    svg.append(rect);
    if (bar === 'hatched') {
      const line = document.createElementNS(SVG, 'path');
      line.setAttribute('d', 'M4 7 L9 1 M7 9 L14 1 M11 9 L14 5');
      line.setAttribute('stroke', stroke);
      svg.append(line);
    }
    return svg;
  }
  const line = document.createElementNS(SVG, 'line');
  line.setAttribute('x1', '0');
  line.setAttribute('y1', '5');
  line.setAttribute('x2', '18');
  line.setAttribute('y2', '5');
  line.setAttribute('stroke', stroke);
  line.setAttribute('stroke-width', '2');
  if (dash.length > 0) line.setAttribute('stroke-dasharray', dash.join(' '));
  svg.append(line);
  return svg;
}
