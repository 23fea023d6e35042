/// <reference types="vite/client" />
/**
 * The built-in lessons (src/lessons/builtin/*.yaml), indexed at build time:
 * a new file there appears in the list with no code change. Each entry keeps
 * its file's text (booted as a scenario file) and what the list shows,
 * read from its `lesson` section.
 */
import { readYaml } from '../../scenario/yaml-source';

export interface CatalogEntry {
  /** The scenario's name: the lesson's id in `?lesson=` links and `next`. */
  id: string;
  fileName: string;
  text: string;
  title: string;
  summary: string;
  topic: string;
  steps: { id: string; title?: string }[];
}

const files = import.meta.glob<string>('../../lessons/builtin/*.yaml', { query: '?raw', import: 'default', eager: true });

function entryOf(path: string, text: string): CatalogEntry | null {
  const read = readYaml(text);
  if (!read.ok) return null;
  const root = read.source.value as { name?: unknown; lesson?: Record<string, unknown> } | null;
  const lesson = root?.lesson;
  if (typeof root?.name !== 'string' || !lesson) return null;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const steps = (Array.isArray(lesson.steps) ? lesson.steps : []).map((s: unknown, i: number) => {
    const step = (s ?? {}) as Record<string, unknown>;
    const title = str(step.title);
    return { id: typeof step.id === 'string' ? step.id : String(i + 1), ...(title ? { title } : {}) };
  });
  return { id: root.name, fileName: path.split('/').pop()!, text, title: str(lesson.title), summary: str(lesson.summary), topic: str(lesson.topic), steps };
}

/** In file order (the files are numbered). */
export const CATALOG: readonly CatalogEntry[] = Object.keys(files)
  .sort()
  .map((path) => entryOf(path, files[path]!))
  .filter((e): e is CatalogEntry => e !== null);

export const findLesson = (id: string): CatalogEntry | undefined => CATALOG.find((e) => e.id === id);

/** Topics in the order their first lesson comes. */
export function byTopic(entries: readonly CatalogEntry[] = CATALOG): { topic: string; lessons: CatalogEntry[] }[] {
  const topics: { topic: string; lessons: CatalogEntry[] }[] = [];
  for (const entry of entries) {
    let group = topics.find((t) => t.topic === entry.topic);
    if (!group) topics.push((group = { topic: entry.topic, lessons: [] }));
    group.lessons.push(entry);
  }
  return topics;
}

/** Whether a scenario file's text is a lesson (a top-level `lesson:` key), without parsing it. */
export const isLessonText = (text: string): boolean => /^lesson:/m.test(text);

/** The scenario's `name:` (the lesson's id), read without parsing. */
export function lessonNameOf(text: string): string | undefined {
  return /^name:\s*["']?([a-z0-9-]+)/m.exec(text)?.[1];
}
