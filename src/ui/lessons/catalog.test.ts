import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../lessons/parse';
import { byTopic, CATALOG, isLessonText, lessonNameOf } from './catalog';
import { reduceLessonFrame, initialLessonState } from './lesson-state';
import { fixedSpeedFrom, lessonAfter } from './lesson-links';

const DIR = fileURLToPath(new URL('../../lessons/builtin/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('the built-in lessons’ catalog (import.meta.glob)', () => {
  it('lists every file of src/lessons/builtin, in file order, with what the parser reads', () => {
    expect(CATALOG.map((e) => e.fileName)).toEqual(FILES);
    for (const entry of CATALOG) {
      const parsed = parseLesson(readFileSync(`${DIR}${entry.fileName}`, 'utf8'));
      if (!parsed.ok) throw new Error(entry.fileName);
      const { lesson } = parsed.file;
      expect({ id: entry.id, title: entry.title, topic: entry.topic, steps: entry.steps.map((s) => s.id) }).toEqual({
        id: lesson.name,
        title: lesson.title,
        topic: lesson.topic,
        steps: lesson.steps.map((s) => s.id),
      });
      expect(isLessonText(entry.text)).toBe(true);
      expect(lessonNameOf(entry.text)).toBe(lesson.name);
    }
  });

  it('groups by topic in the order of each topic’s first lesson', () => {
    const topics = byTopic();
    expect(topics.flatMap((t) => t.lessons)).toHaveLength(CATALOG.length);
    expect(topics[0]!.lessons[0]).toBe(CATALOG[0]);
  });

  it('a plain scenario is not a lesson', () => {
    expect(isLessonText('name: s\ncluster: {}\n')).toBe(false);
  });
});

describe('lesson links', () => {
  it('?speed is a whole number from 1 to 600, else ignored', () => {
    expect(fixedSpeedFrom('?speed=600')).toBe(600);
    expect(fixedSpeedFrom('?speed=0')).toBeNull();
    expect(fixedSpeedFrom('?speed=1e3')).toBeNull();
    expect(fixedSpeedFrom('?lesson=x')).toBeNull();
  });

  it('a step by id opens by index after the boot; the first step needs no command', () => {
    const entry = { steps: [{ id: 'a' }, { id: 'b' }] };
    expect(lessonAfter(entry, 'b', '')).toEqual([{ type: 'lesson', command: { do: 'goto', step: 1 } }]);
    expect(lessonAfter(entry, 'a', '')).toEqual([]);
    expect(lessonAfter(entry, 'nope', '')).toEqual([]);
    expect(lessonAfter(null, 3, '?speed=60')).toEqual([
      { type: 'lesson', command: { do: 'speed', factor: 60 } },
      { type: 'speed', factor: 60 },
      { type: 'lesson', command: { do: 'goto', step: 3 } },
    ]);
  });
});

describe('the lesson slice', () => {
  const info = { name: 'x', title: 'X', summary: '', topic: 't', learned: [], steps: [] };
  const state = { step: 0, phase: 'running' as const, stepStartMs: 0, goals: [], completed: [] };
  it('takes the lesson, then its states, and forgets it when something else boots', () => {
    let s = { ...initialLessonState() };
    s = { ...s, ...reduceLessonFrame(s, { type: 'lesson', info }) };
    s = { ...s, ...reduceLessonFrame(s, { type: 'lesson', state }) };
    expect(s.lesson).toEqual({ info, state });
    s = { ...s, ...reduceLessonFrame(s, { type: 'lesson', info: null }) };
    expect(s.lesson).toEqual({ info: null, state: null });
  });
});
