/**
 * The loaded lesson, as the worker's lesson player reports it
 * (src/worker/lesson.ts): what the lesson is (`info`) and where the learner
 * is (`state`). A slice of the page's store; pure, like page-state.ts.
 */
import type { LessonInfo, LessonState, SimFrame } from '../../protocol/messages';

export interface LessonSlices {
  lesson: { info: LessonInfo | null; state: LessonState | null };
}

export const initialLessonState = (): LessonSlices => ({ lesson: { info: null, state: null } });

export function reduceLessonFrame(state: LessonSlices, frame: SimFrame): Partial<LessonSlices> {
  if (frame.type === 'lesson') {
    if (frame.info === null) return { lesson: { info: null, state: null } };
    return { lesson: { info: frame.info ?? state.lesson.info, state: frame.state ?? (frame.info ? null : state.lesson.state) } };
  }
  // Anything booted that is not a scenario file is not a lesson (a fresh worker after "Start over" included).
  if (frame.type === 'snapshot' && !frame.scenario && state.lesson.info) return { lesson: { info: null, state: null } };
  return {};
}
