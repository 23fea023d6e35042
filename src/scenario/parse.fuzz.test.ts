/**
 * Property tests (fast-check) over the scenario parser: any text gives a
 * valid scenario or our clear error list, never an exception, a hang over
 * 2 s, an error list over the cap, or a message naming library internals.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MAX_LISTED_ERRORS, MAX_MESSAGE_CHARS } from '../kube/limits';
import { cpuMsOf } from '../cli/cpu-time';
import { parseScenario } from './parse';

const INTERNALS = /YAML\.parse|parseAllDocuments|call stack|RangeError|TypeError|undefined is not|Cannot read prop/;
const EXAMPLE = readFileSync(new URL('./examples/one-node-dies.yaml', import.meta.url), 'utf8');

function holds(text: string): void {
  let result!: ReturnType<typeof parseScenario>;
  expect(cpuMsOf(() => (result = parseScenario(text)))).toBeLessThan(2_000);
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  expect(result.errors.length).toBeLessThanOrEqual(MAX_LISTED_ERRORS + 1);
  for (const e of result.errors) {
    expect(e.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(e.message).not.toMatch(INTERNALS);
  }
}

/** Insert, delete or replace a few characters of a valid file. */
const mutation = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 6 }).map((edits) => {
  let text = EXAMPLE;
  for (const [at, remove, insert] of edits) {
    const i = at % (text.length + 1);
    text = text.slice(0, i) + insert + text.slice(i + remove);
  }
  return text;
});

const SECTIONS = ['name', 'seed', 'duration', 'settings', 'cluster', 'objects', 'actions', 'expect', 'description'];

/** Random data in the file's shape: known section names with anything under them. */
const shaped = fc.dictionary(fc.constantFrom(...SECTIONS), fc.anything({ maxDepth: 4 }), { maxKeys: 6 }).map((value) => {
  try {
    return stringify(value);
  } catch {
    return '';
  }
});

describe('parseScenario under fuzzing', () => {
  it('any text', () => fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), holds), { numRuns: 300 }));
  it('mutations of a valid file', () => fc.assert(fc.property(mutation, holds), { numRuns: 300 }));
  it('random data in the shape of a scenario', () => fc.assert(fc.property(shaped, holds), { numRuns: 300 }));
  it('random JSON', () => fc.assert(fc.property(fc.json({ maxDepth: 5 }), holds), { numRuns: 200 }));
});
