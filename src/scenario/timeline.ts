/**
 * The human-readable form of a run: one line per trace entry, then one line
 * per expectation, then a verdict.
 *
 *     115.000s  Node/zone-a-1        Ready: True → Unknown (NodeStatusUnknown)
 *   ✗ 115s  node zone-a-1 condition Ready is Unknown — expected Unknown, found True
 */
import { formatClock } from '../sim';
import type { ScenarioResult } from './run';
import type { TraceEntry } from './trace';
import type { ExpectationResult } from './types';

const OBJECT_WIDTH = 20;

export function formatTimeline(result: ScenarioResult): string[] {
  const lines = result.trace.map(formatEntry);
  lines.push('', 'Expectations:');
  for (const expectation of result.expectations) lines.push(formatExpectation(expectation));
  lines.push('', formatVerdict(result));
  return lines;
}

export function formatEntry(entry: TraceEntry): string {
  const object = (entry.object ?? '').padEnd(OBJECT_WIDTH);
  return ` ${formatClock(entry.atMs).padStart(9)}  ${object} ${marker(entry)}${entry.text}`;
}

function marker(entry: TraceEntry): string {
  switch (entry.kind) {
    case 'action':
      return '» ';
    case 'event':
      return 'event ';
    case 'note':
      return 'note: ';
    case 'change':
      return '';
  }
}

/** "✓ 115s  node zone-a-1 condition Ready is Unknown", with what was found when it fails. */
export function formatExpectation(e: ExpectationResult): string {
  const head = `${e.passed ? '✓' : '✗'} ${formatSeconds(e.atMs)}  ${e.description}`;
  return e.passed ? head : `${head} — ${failureReason(e)}`;
}

/** Why an expectation failed, as the timeline says it: "expected Unknown, found True (expect[3], line 22)". */
export function failureReason(e: ExpectationResult): string {
  const where = e.line !== undefined ? `${e.path}, line ${e.line}` : e.path;
  return `expected ${e.expected}, found ${e.found} (${where})`;
}

export function formatVerdict(result: ScenarioResult): string {
  const total = result.expectations.length;
  const failed = result.expectations.filter((e) => !e.passed).length;
  const end = `simulated until ${formatSeconds(result.endMs)}`;
  if (failed > 0) return `FAIL: ${failed} of ${total} ${plural(total, 'expectation')} failed (${end})`;
  return `PASS: ${total === 0 ? 'no expectations' : `all ${total} ${plural(total, 'expectation')} hold`} (${end})`;
}

/** "115s", "0.5s": the times an expectation is written with. */
export function formatSeconds(ms: number): string {
  return `${ms / 1000}s`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
