/**
 * The conformance scenarios (src/scenario/conformance/*.yaml): each restates
 * a scenario of kubernetes-behaviour.md §7 (or a timeline of §1 / a quirk of
 * §8) in the scenario format. Every file must parse and every expectation in
 * it must hold, through the same parser and runner as `npm run scenario`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { runScenario, type ScenarioResult } from './run';
import type { ExpectationResult, Scenario, ScenarioError } from './types';

const DIR = fileURLToPath(new URL('./conformance/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

function describeErrors(errors: readonly ScenarioError[]): string[] {
  return errors.map((e) => `${e.path || '(file)'}${e.line !== undefined ? ` line ${e.line}` : ''}: ${e.message}`);
}

function describeFailure(e: ExpectationResult): string {
  const where = e.line !== undefined ? `${e.path}, line ${e.line}` : e.path;
  return `at ${e.atMs / 1000}s: ${e.description} — expected ${e.expected}, found ${e.found} (${where})`;
}

function parse(file: string): Scenario {
  const parsed = parseScenario(readFileSync(join(DIR, file), 'utf8'));
  if (!parsed.ok) expect.fail(`${file} does not parse:\n${describeErrors(parsed.errors).join('\n')}`);
  return parsed.scenario;
}

function run(file: string): ScenarioResult {
  const outcome = runScenario(parse(file), { freezeObjects: true });
  if (!outcome.ok) expect.fail(`${file} is refused when run:\n${describeErrors(outcome.errors).join('\n')}`);
  return outcome.result;
}

describe('conformance scenarios', () => {
  it('exist', () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  it.each(FILES)('%s', (file) => {
    const scenario = parse(file);
    expect(scenario.name, 'the scenario name is the file name').toBe(basename(file, '.yaml'));
    expect(scenario.description?.trim(), 'every conformance scenario says what it restates').toBeTruthy();
    expect(scenario.expectations.length).toBeGreaterThan(0);
    const result = run(file);
    const failures = result.expectations.filter((e) => !e.passed).map(describeFailure);
    expect(failures, `${file}: failed expectations`).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('gives byte-identical JSON traces when a file is run twice', () => {
    const file = 'sec1-4-zone-partition.yaml';
    const first = run(file);
    const second = run(file);
    expect(first.trace.length).toBeGreaterThan(0);
    expect(JSON.stringify(second.trace)).toBe(JSON.stringify(first.trace));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
