/**
 * The page's copy of the recorded run (the time machine): how far it goes,
 * which instant is shown, its markers and chart samples. Pure:
 * `reduceTimelineFrame` says how a worker frame changes it, following the
 * other slices (frame-reducer.ts, page-state.ts): a frame yields the slice
 * it replaced, or null.
 */
import type { ChartSample, SimFrame, TimelineFrame, TimelineMarker } from '../../protocol/messages';

export interface TimelineSlice {
  /** False until the worker's first timeline frame. */
  known: boolean;
  latestMs: number;
  viewMs: number;
  live: boolean;
  /** Oldest first. */
  markers: readonly TimelineMarker[];
  /** Oldest first, on the worker's fixed grid. */
  samples: readonly ChartSample[];
  /**
   * Bumped whenever markers and samples are replaced rather than appended
   * to (boot, reset, fork, undo), so the charts know to rebuild their
   * columns instead of appending to them.
   */
  generation: number;
  rewritten: TimelineFrame['rewritten'];
}

export interface TimelineSlices {
  timeline: TimelineSlice;
}

export function initialTimelineState(): TimelineSlices {
  return {
    timeline: { known: false, latestMs: 0, viewMs: 0, live: true, markers: [], samples: [], generation: 0, rewritten: null },
  };
}

/** The timeline slice a frame replaces; null when it changes nothing. */
export function reduceTimelineFrame(state: TimelineSlices, frame: SimFrame): Partial<TimelineSlices> | null {
  if (frame.type !== 'timeline') return null;
  const before = state.timeline;
  const markers = frame.reset ? frame.markers : appended(before.markers, frame.markers);
  const samples = frame.reset ? frame.samples : appended(before.samples, frame.samples);
  const rewritten = sameRewrite(before.rewritten, frame.rewritten) ? before.rewritten : frame.rewritten;
  if (
    before.known &&
    !frame.reset &&
    markers === before.markers &&
    samples === before.samples &&
    rewritten === before.rewritten &&
    frame.latestMs === before.latestMs &&
    frame.viewMs === before.viewMs &&
    frame.live === before.live
  ) {
    return null;
  }
  return {
    timeline: {
      known: true,
      latestMs: frame.latestMs,
      viewMs: frame.viewMs,
      live: frame.live,
      markers,
      samples,
      generation: frame.reset ? before.generation + 1 : before.generation,
      rewritten,
    },
  };
}

function appended<T>(list: readonly T[], more: readonly T[]): readonly T[] {
  return more.length === 0 ? list : [...list, ...more];
}

function sameRewrite(a: TimelineFrame['rewritten'], b: TimelineFrame['rewritten']): boolean {
  return a === b || (a !== null && b !== null && a.atMs === b.atMs && a.undoable === b.undoable);
}
