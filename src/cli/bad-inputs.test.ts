/**
 * Every bad file of the corpus through the command line (in process, as
 * `npm run scenario` runs it): exit code 2, the expected message, a short
 * and capped error list, no library or engine internals, and fast.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD_FILES, GOOD_ENCODINGS } from '../corpus/bad-inputs';
import { MAX_LISTED_ERRORS } from '../kube/limits';
import { cpuMsOf } from './cpu-time';
import { EXIT, main } from './scenario';

const dir = mkdtempSync(join(tmpdir(), 'bad-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(name: string, content: string | Uint8Array) {
  const path = join(dir, name);
  writeFileSync(path, content);
  let stdout = '';
  let stderr = '';
  const status = main([path, '--page-limits'], (t) => (stdout += t), (t) => (stderr += t));
  return { status, stdout, stderr, path };
}

const INTERNALS = /YAML\.parse|parseAllDocuments|call stack|RangeError|TypeError|undefined is not|at Object\.|node_modules/;

describe('the corpus of bad files, through the command line', () => {
  it('has at least 100 files (150 bad inputs with the other kinds)', () => {
    expect(BAD_FILES.length).toBeGreaterThanOrEqual(100);
  });

  // By name only: vitest keeps each case's arguments, and some files are megabytes.
  it.each(BAD_FILES.map((f) => f.name))('%s', (name) => {
    const file = BAD_FILES.find((f) => f.name === name)!;
    let result!: ReturnType<typeof run>;
    expect(cpuMsOf(() => (result = run(file.name, file.content)))).toBeLessThan(2_000);
    const { status, stderr, path } = result;
    expect(status).toBe(EXIT.invalid);
    expect(stderr).toContain(file.expect);
    expect(stderr).not.toMatch(INTERNALS);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(MAX_LISTED_ERRORS + 1);
    for (const line of lines) expect(line.length - path.length).toBeLessThanOrEqual(360);
  });

  const cli = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    let stderr = '';
    const status = main([path], () => {}, (t) => (stderr += t));
    return { status, stderr };
  };

  it('a file over the command line’s own limit is refused by its size, before it is read', () => {
    const { status, stderr } = cli('huge.yaml', new Uint8Array(33 * 2 ** 20).fill(0x20));
    expect(status).toBe(EXIT.invalid);
    expect(stderr).toContain("the file is 33.0 MB, over the command line's limit of 32.0 MB");
  });

  it('the command line has larger limits than the page: 5,000 nodes parse, 1,000,000 are refused at once', () => {
    const ok = cli('five-thousand.yaml', 'name: t\nduration: 1s\ncluster: {zones: [{name: zone-a, nodes: 5000}]}\n');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(EXIT.passed);
    const started = performance.now();
    const big = cli('million.yaml', 'name: t\ncluster: {zones: [{name: zone-a, nodes: 1000000}]}\n');
    expect(performance.now() - started).toBeLessThan(500);
    expect(big.stderr).toContain("1,000,000 nodes is over the command line's limit of 10,000 nodes");
  }, 60_000);

  it.each(GOOD_ENCODINGS.map((f) => f.name))('accepts %s, as the page does', (name) => {
    const file = GOOD_ENCODINGS.find((f) => f.name === name)!;
    const { status, stderr } = run(name, file.content);
    expect(stderr).toBe('');
    expect(status).toBe(EXIT.passed);
  });
});
