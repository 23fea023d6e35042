/**
 * The one store the page reads: slices fed by worker frames, one set() per
 * frame. There are no actions in here; commands are module-level functions
 * (actions.ts) that post to the worker, whose frames come back through
 * applyFrame.
 */
import { create } from 'zustand';
import type { SimFrame } from '../protocol/messages';
import { initialState, reduceFrame, type SimState as SimSlices } from './frame-reducer';
import { initialPageState, reducePageFrame, type PageSlices } from './page-state';
import { initialTimelineState, reduceTimelineFrame, type TimelineSlices } from './timeline/timeline-state';
import { initialLessonState, reduceLessonFrame, type LessonSlices } from './lessons/lesson-state';

/** The simulation's slices (frame-reducer.ts), the page's own (page-state.ts) and the recorded run's (timeline/timeline-state.ts). */
export type SimState = SimSlices & PageSlices & TimelineSlices & LessonSlices;

export const useSim = create<SimState>()(() => ({ ...initialState(), ...initialPageState(), ...initialTimelineState(), ...initialLessonState() }));

export function applyFrame(frame: SimFrame): void {
  const state = useSim.getState();
  const next = { ...reduceFrame(state, frame), ...reducePageFrame(state, frame), ...reduceTimelineFrame(state, frame), ...reduceLessonFrame(state, frame) };
  if (Object.keys(next).length > 0) useSim.setState(next);
}

/** For failures outside the worker's own reporting (the worker crashed, a message could not be read). */
export function reportError(message: string): void {
  useSim.setState((state) => ({ session: { ...state.session, error: message } }));
}

/** A file the page refused before the worker saw it (too big, not text): shown as the worker's refusals are. */
export function rejectFile(fileName: string, message: string): void {
  applyFrame({ type: 'scenario-rejected', fileName, errors: [{ path: '', message }] });
}

export function dismissError(): void {
  useSim.setState((state) => ({ session: { ...state.session, error: null } }));
}
