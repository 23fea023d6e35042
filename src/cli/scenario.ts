/**
 * npm run scenario -- path/to/file.yaml [--json]
 *
 * Runs one scenario file (shared/spec/scenario-format.md) and prints its
 * timeline and expectations, or with --json one JSON object
 * {"passed", "expectations", "trace"}. Exit code: 0 every expectation holds,
 * 1 one fails, 2 the file is invalid (or unreadable, or the command line is
 * wrong), 3 the simulation itself failed (a bug; the message says how to
 * reproduce it). A lesson file (a scenario with a `lesson` section,
 * docs/lessons.md) is validated whole and walked by the headless lesson
 * checker: its steps' checks count as expectations, and its JSON has
 * "steps" too.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { checkLesson } from '../lessons/check';
import { hasLessonSection, parseLesson } from '../lessons/parse';
import { formatLessonReport } from '../lessons/report';
import type { LessonFile } from '../lessons/types';
import { parseScenario } from '../scenario/parse';
import { runScenario } from '../scenario/run';
import { formatTimeline } from '../scenario/timeline';
import type { Scenario, ScenarioError } from '../scenario/types';

const USAGE = 'usage: npm run scenario -- path/to/file.yaml [--json]';

export const EXIT = { passed: 0, failed: 1, invalid: 2, internal: 3 } as const;

interface Args {
  file: string;
  json: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  let json = false;
  const files: string[] = [];
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg.startsWith('-') && arg !== '-') return `unknown option "${arg}"`;
    else files.push(arg);
  }
  if (files.length !== 1) return files.length === 0 ? 'no scenario file given' : `one scenario file at a time (got ${files.length})`;
  return { file: files[0]!, json };
}

export function main(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(`${args}\n${USAGE}\n`);
    return EXIT.invalid;
  }
  let text: string;
  try {
    text = readFileSync(args.file === '-' ? 0 : args.file, 'utf8');
  } catch (error) {
    return invalid(args, [{ path: '', message: `cannot read the file: ${(error as Error).message}` }], out, err);
  }
  if (hasLessonSection(text)) {
    const lesson = parseLesson(text);
    return lesson.ok ? runLesson(args, lesson.file, out, err) : invalid(args, lesson.errors, out, err);
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) return invalid(args, parsed.errors, out, err);
  return run(args, parsed.scenario, out, err);
}

function runLesson(args: Args, file: LessonFile, out: (text: string) => void, err: (text: string) => void): number {
  let outcome: ReturnType<typeof checkLesson>;
  try {
    outcome = checkLesson(file);
  } catch (error) {
    return internal(args, file.scenario.seed, error, err);
  }
  if (!outcome.ok) return invalid(args, outcome.errors, out, err);
  const { report } = outcome;
  if (args.json) out(JSON.stringify({ passed: report.passed, expectations: report.expectations, steps: report.steps, trace: report.trace }) + '\n');
  else out(formatLessonReport(file, report).join('\n') + '\n');
  return report.passed ? EXIT.passed : EXIT.failed;
}

function internal(args: Args, seed: number, error: unknown, err: (text: string) => void): number {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  err(`${args.file}: the simulation failed (a bug, not a problem with the file); reproduce with seed ${seed}:\n${detail}\n`);
  return EXIT.internal;
}

function run(args: Args, scenario: Scenario, out: (text: string) => void, err: (text: string) => void): number {
  let outcome: ReturnType<typeof runScenario>;
  try {
    outcome = runScenario(scenario);
  } catch (error) {
    return internal(args, scenario.seed, error, err);
  }
  if (!outcome.ok) return invalid(args, outcome.errors, out, err);
  const { result } = outcome;
  if (args.json) {
    out(JSON.stringify({ passed: result.passed, expectations: result.expectations, trace: result.trace }) + '\n');
  } else {
    const header = `Scenario ${scenario.name} (seed ${scenario.seed})`;
    out([header, '', ...formatTimeline(result)].join('\n') + '\n');
  }
  return result.passed ? EXIT.passed : EXIT.failed;
}

function invalid(args: Args, errors: ScenarioError[], out: (text: string) => void, err: (text: string) => void): number {
  err(errors.map((e) => formatError(args.file, e)).join('\n') + '\n');
  if (args.json) out(JSON.stringify({ passed: false, errors }) + '\n');
  return EXIT.invalid;
}

/** "file.yaml:12:5: actions[2].node: unknown node …", as compilers print errors. */
export function formatError(file: string, e: ScenarioError): string {
  const where = e.line !== undefined ? `${file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}` : file;
  return `${where}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

// Run only as a program, so tests can import main().
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(
    process.argv.slice(2),
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  );
}
