/**
 * The built-in lessons (src/lessons/builtin/*.yaml): every file must be a
 * valid lesson, and the headless checker must find that it holds together on
 * the engine (every awaited action works, every wait happens, every answer
 * agrees with what the engine does, every goal and expectation holds), as
 * `npm run scenario -- <file>` does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import { checkLesson } from './check';
import { renderLessonInline, renderLessonMarkdown } from './markdown';
import { parseLesson } from './parse';
import type { Lesson, LessonFile } from './types';

const DIR = fileURLToPath(new URL('./builtin/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

function load(file: string): LessonFile {
  const parsed = parseLesson(readFileSync(join(DIR, file), 'utf8'));
  if (!parsed.ok) expect.fail(`${file} is not a valid lesson:\n${parsed.errors.map((e) => `${e.path} line ${e.line}: ${e.message}`).join('\n')}`);
  return parsed.file;
}

describe('built-in lessons', () => {
  it('exist, at least the nine of the first session', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(9);
  });

  it.each(FILES)('%s holds on the engine', (file) => {
    const { scenario, lesson } = load(file);
    expect(`${file}`, 'files are named NN-<lesson name>.yaml').toMatch(new RegExp(`^\\d\\d-${lesson.name}\\.yaml$`));
    expect(scenario.description?.trim(), 'every built-in lesson says what it shows, for maintainers').toBeTruthy();
    expect(lesson.learned.length, 'a finished lesson says what was learnt').toBeGreaterThan(0);
    const outcome = checkLesson({ scenario, lesson }, { freezeObjects: true });
    if (!outcome.ok) expect.fail(`${file} is refused when run:\n${outcome.errors.map((e) => e.message).join('\n')}`);
    const failed = outcome.report.steps.flatMap((s) => s.checks.filter((c) => !c.passed).map((c) => `step ${s.id}: ${c.text} (${c.path}, line ${c.line})`));
    const failedExpectations = outcome.report.expectations.filter((e) => !e.passed).map((e) => `${e.description}: expected ${e.expected}, found ${e.found}`);
    expect([...failed, ...failedExpectations], `${file}: failed checks`).toEqual([]);
    expect(outcome.report.passed).toBe(true);
  });

  it('are valid scenario files too (the lesson section aside)', () => {
    for (const file of FILES) expect(parseScenario(readFileSync(join(DIR, file), 'utf8')).ok, file).toBe(true);
  });

  it('suggest only built-in lessons next, and none twice', () => {
    const names = FILES.map((f) => load(f).lesson.name);
    const nexts = FILES.map((f) => load(f).lesson.next).filter((n) => n !== undefined);
    for (const next of nexts) expect(names, `next: ${next}`).toContain(next);
    expect(new Set(nexts).size).toBe(nexts.length);
  });

  it('ask questions that each say where their rule comes from upstream', () => {
    for (const file of FILES) {
      for (const step of load(file).lesson.steps) {
        if (step.question) expect(step.question.ruleSource, `${file} step ${step.id}`).toMatch(/\.(go|md)\b/);
      }
    }
  });

  it('include the complete example of docs/lessons.md, which holds too', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/lessons.md', import.meta.url)), 'utf8');
    const example = /## A complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example, 'docs/lessons.md has a complete example').toBeDefined();
    const parsed = parseLesson(example!);
    if (!parsed.ok) expect.fail(parsed.errors.map((e) => `${e.path} line ${e.line}: ${e.message}`).join('\n'));
    const outcome = checkLesson(parsed.file);
    expect(outcome.ok && outcome.report.passed).toBe(true);
  });

  it('write markdown only: no HTML that would show as text, no image that would not load', () => {
    for (const file of FILES) {
      for (const text of markdownOf(load(file).lesson)) {
        const html = text.includes('\n') ? renderLessonMarkdown(text) : renderLessonInline(text);
        expect(html, `${file}: ${text}`).not.toMatch(/&lt;[a-z/]/i);
        expect(text, file).not.toMatch(/!\[/);
      }
    }
  });
});

/** Every piece of a lesson the player renders as markdown. */
function markdownOf(lesson: Lesson): string[] {
  const out = [lesson.summary, ...lesson.learned];
  for (const step of lesson.steps) {
    out.push(step.text, ...step.goals.flatMap((g) => [g.text, g.hint ?? '']), ...step.hints.map((h) => h.text));
    const q = step.question;
    if (q) out.push(q.prompt, q.rule, ...(q.kind === 'choice' ? q.choices.flatMap((c) => [c.text, c.why ?? '']) : []));
  }
  return out.filter((t) => t !== '');
}
