/**
 * The human-readable form of a lesson check: the trace, then each step with
 * what was checked in it, then the scenario's expectations and a verdict.
 *
 *   Step 3 "predict" (62s → 115s)
 *     ✓ wait until node zone-a-2 condition Ready is Unknown: held at 115s
 *     ✗ answer 110 s (± 0) against the engine's time …: 115 s (lesson.steps[2].question, line 40)
 */
import { formatEntry, formatExpectation, formatSeconds } from '../scenario/timeline';
import type { CheckLine, LessonReport } from './check';
import type { LessonFile } from './types';

export function formatLessonReport(file: LessonFile, report: LessonReport): string[] {
  const lines = [`Lesson ${file.lesson.name}: ${file.lesson.title} (seed ${file.scenario.seed})`, ''];
  lines.push(...report.trace.map(formatEntry), '', 'Steps:');
  report.steps.forEach((step, i) => {
    const span = step.endMs === step.startMs ? formatSeconds(step.startMs) : `${formatSeconds(step.startMs)} → ${formatSeconds(step.endMs)}`;
    lines.push(`  Step ${i + 1} "${step.id}"${step.title ? ` ${step.title}` : ''} (${span})`);
    if (step.checks.length === 0) lines.push('    (nothing to check: the learner reads and presses Next)');
    for (const check of step.checks) lines.push(`    ${formatCheck(check)}`);
  });
  lines.push('', 'Expectations:');
  for (const expectation of report.expectations) lines.push(formatExpectation(expectation));
  lines.push('', formatLessonVerdict(report));
  return lines;
}

function formatCheck(c: CheckLine): string {
  const where = c.line !== undefined ? `${c.path}, line ${c.line}` : c.path;
  return c.passed ? `✓ ${c.text}` : `✗ ${c.text} (${where})`;
}

export function formatLessonVerdict(report: LessonReport): string {
  const checks = report.steps.flatMap((s) => s.checks);
  const failedChecks = checks.filter((c) => !c.passed).length;
  const failedExpectations = report.expectations.filter((e) => !e.passed).length;
  const end = `simulated until ${formatSeconds(report.endMs)}`;
  const counts = `${checks.length} lesson ${plural(checks.length, 'check')} in ${report.steps.length} ${plural(report.steps.length, 'step')}, ${report.expectations.length} ${plural(report.expectations.length, 'expectation')}`;
  if (failedChecks + failedExpectations === 0) return `PASS: every one holds (${counts}; ${end})`;
  return `FAIL: ${failedChecks} lesson ${plural(failedChecks, 'check')} and ${failedExpectations} ${plural(failedExpectations, 'expectation')} failed (${counts}; ${end})`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
