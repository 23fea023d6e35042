import { describe, expect, it } from 'vitest';
import type { ChartSample, TimelineFrame, TimelineMarker } from '../../protocol/messages';
import { initialTimelineState, reduceTimelineFrame, type TimelineSlices } from './timeline-state';

const sample = (atMs: number): ChartSample => ({
  atMs,
  readyNodes: { 'zone-a': 3 },
  pods: { Running: 10, Pending: 0, Terminating: 0, Failed: 0 },
  evictions: 0,
  failedScheduling: 0,
});
const marker = (atMs: number, label: string): TimelineMarker => ({ atMs, kind: 'action', label });

function frame(over: Partial<TimelineFrame>): TimelineFrame {
  return { type: 'timeline', latestMs: 0, viewMs: 0, live: true, reset: false, markers: [], samples: [], rewritten: null, ...over };
}

function apply(state: TimelineSlices, f: TimelineFrame): TimelineSlices {
  return { ...state, ...reduceTimelineFrame(state, f) };
}

describe('reduceTimelineFrame', () => {
  it('ignores frames of other kinds', () => {
    const state = initialTimelineState();
    expect(reduceTimelineFrame(state, { type: 'error', message: 'x' })).toBeNull();
  });

  it('appends markers and samples unless the frame resets them', () => {
    let state = apply(initialTimelineState(), frame({ reset: true, samples: [sample(0)], markers: [marker(0, 'boot')] }));
    state = apply(state, frame({ latestMs: 5000, viewMs: 5000, samples: [sample(5000)], markers: [marker(4000, 'kill node zone-a-1')] }));
    expect(state.timeline.samples.map((s) => s.atMs)).toEqual([0, 5000]);
    expect(state.timeline.markers.map((m) => m.label)).toEqual(['boot', 'kill node zone-a-1']);

    const generation = state.timeline.generation;
    state = apply(state, frame({ reset: true, latestMs: 4000, viewMs: 4000, samples: [sample(0)], markers: [] }));
    expect(state.timeline.samples.map((s) => s.atMs)).toEqual([0]);
    expect(state.timeline.markers).toEqual([]);
    expect(state.timeline.generation).toBe(generation + 1);
  });

  it('keeps the arrays of what did not change, so their readers do not redraw', () => {
    let state = apply(initialTimelineState(), frame({ reset: true, samples: [sample(0)], markers: [marker(0, 'boot')] }));
    const { samples, markers } = state.timeline;
    state = apply(state, frame({ latestMs: 1000, viewMs: 1000 }));
    expect(state.timeline.samples).toBe(samples);
    expect(state.timeline.markers).toBe(markers);
    expect(state.timeline.latestMs).toBe(1000);
  });

  it('changes nothing when a frame repeats what the page holds', () => {
    let state = apply(initialTimelineState(), frame({ reset: true, latestMs: 1000, viewMs: 1000 }));
    state = apply(state, frame({ latestMs: 2000, viewMs: 500, live: false, rewritten: { atMs: 300, undoable: true } }));
    expect(reduceTimelineFrame(state, frame({ latestMs: 2000, viewMs: 500, live: false, rewritten: { atMs: 300, undoable: true } }))).toBeNull();
  });

  it('records the view leaving and returning to live, and a fork and its undo', () => {
    let state = apply(initialTimelineState(), frame({ reset: true, latestMs: 600_000, viewMs: 600_000 }));
    state = apply(state, frame({ latestMs: 600_000, viewMs: 30_000, live: false }));
    expect(state.timeline).toMatchObject({ viewMs: 30_000, live: false, rewritten: null });
    state = apply(state, frame({ reset: true, latestMs: 30_000, viewMs: 30_000, live: true, rewritten: { atMs: 30_000, undoable: true } }));
    expect(state.timeline.rewritten).toEqual({ atMs: 30_000, undoable: true });
    state = apply(state, frame({ reset: true, latestMs: 600_000, viewMs: 30_000, live: false, rewritten: null }));
    expect(state.timeline).toMatchObject({ latestMs: 600_000, viewMs: 30_000, live: false, rewritten: null });
  });
});
