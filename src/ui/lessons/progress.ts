/**
 * Lesson progress, kept in the browser (IndexedDB through idb-keyval, in the
 * saved session's database, under its own key): per lesson, the step the
 * learner is on, the steps finished and whether the lesson was finished.
 * Followed from the lesson frames; read by the home screen.
 */
import { create } from 'zustand';
import { sessionStore } from '../share/persist';
import type { KeyValueStore } from '../share/saved-session';

export const PROGRESS_KEY = 'kube-playground:lessons';

export interface LessonProgress {
  /** Index of the step the learner is on. */
  step: number;
  /** Indices of the steps left with their goals met. */
  done: number[];
  finished: boolean;
}

export type Progress = Record<string, LessonProgress>;

export const useProgress = create<{ progress: Progress; loaded: boolean }>()(() => ({ progress: {}, loaded: false }));

let store: KeyValueStore | null = null;
const kv = () => (store ??= sessionStore());

/** Reads the saved progress (unreadable data is ignored: progress is a convenience, never a blocker). */
export async function loadProgress(): Promise<Progress> {
  try {
    const value = await kv().get(PROGRESS_KEY);
    const progress = isProgress(value) ? value : {};
    useProgress.setState({ progress, loaded: true });
    return progress;
  } catch {
    useProgress.setState({ loaded: true });
    return {};
  }
}

function isProgress(value: unknown): value is Progress {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every(
    (p: unknown) => p !== null && typeof p === 'object' && typeof (p as LessonProgress).step === 'number' && Array.isArray((p as LessonProgress).done) && typeof (p as LessonProgress).finished === 'boolean',
  );
}

/** Records where the learner is in `name`; saves when it changed. */
export function noteProgress(name: string, step: number, done: readonly number[], finished: boolean): void {
  const { progress } = useProgress.getState();
  const was = progress[name];
  const next: LessonProgress = {
    step,
    done: [...new Set([...(was?.done ?? []), ...done])].sort((a, b) => a - b),
    finished: finished || (was?.finished ?? false),
  };
  if (was && JSON.stringify(was) === JSON.stringify(next)) return;
  const updated = { ...progress, [name]: next };
  useProgress.setState({ progress: updated });
  kv()
    .set(PROGRESS_KEY, updated)
    .catch(() => undefined);
}

/** Notes the learner's progress from every lesson frame. */
export function followProgress(subscribe: (listener: (lesson: { name: string; step: number; done: number[]; finished: boolean } | null) => void) => void): void {
  subscribe((lesson) => {
    if (lesson) noteProgress(lesson.name, lesson.step, lesson.done, lesson.finished);
  });
}
