import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './scenario';

const dir = mkdtempSync(join(tmpdir(), 'scenario-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const CLUSTER = 'cluster: {zones: [{name: zone-a, nodes: 2}]}\nactions: [{at: 62s, do: kill-node, node: zone-a-1}]\n';
const PASSING = file('pass.yaml', `name: pass\n${CLUSTER}expect: [{at: 115s, node: zone-a-1, condition: {type: Ready, status: Unknown}}]\n`);
const FAILING = file('fail.yaml', `name: fail\n${CLUSTER}expect: [{at: 114s, node: zone-a-1, condition: {type: Ready, status: Unknown}}]\n`);
const INVALID = file('invalid.yaml', `name: invalid\n${CLUSTER}expect: [{at: 115s, node: zone-b-1, exists: true}]\n`);

/** The real command, as `npm run scenario` runs it. Slow (a process each), so only a few. */
function spawn(...args: string[]) {
  const child = spawnSync('npx', ['tsx', 'src/cli/scenario.ts', ...args], { encoding: 'utf8' });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

function inProcess(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = main(args, (t) => (stdout += t), (t) => (stderr += t));
  return { status, stdout, stderr };
}

describe('npm run scenario', () => {
  it('exits 0 and prints one JSON object when every expectation holds', () => {
    const { status, stdout } = spawn(PASSING, '--json');
    expect(status).toBe(0);
    const output = JSON.parse(stdout) as { passed: boolean; expectations: unknown[]; trace: unknown[] };
    expect(Object.keys(output)).toEqual(['passed', 'expectations', 'trace']);
    expect(output.passed).toBe(true);
    expect(output.expectations).toHaveLength(1);
  }, 30_000);

  it('exits 1 and says what was expected and found, and when, when one fails', () => {
    const { status, stdout } = spawn(FAILING);
    expect(status).toBe(1);
    expect(stdout).toContain('✗ 114s  node zone-a-1 condition Ready is Unknown — expected Unknown, found True (expect[0], line 4)');
    expect(stdout).toContain('FAIL: 1 of 1 expectation failed');
  }, 30_000);

  it('exits 2 naming the line and field when the file is invalid', () => {
    const { status, stderr } = spawn(INVALID);
    expect(status).toBe(2);
    expect(stderr).toContain(`${INVALID}:4:21: expect[0].node: unknown node "zone-b-1"`);
  }, 30_000);

  it('prints the same bytes on every run', () => {
    expect(inProcess(PASSING)).toEqual(inProcess(PASSING));
    expect(inProcess(PASSING, '--json').stdout).toBe(inProcess(PASSING, '--json').stdout);
  });

  it('exits 2 for an unreadable file, an unknown option or a missing file argument', () => {
    expect(inProcess(join(dir, 'missing.yaml'))).toMatchObject({ status: 2, stderr: expect.stringContaining('cannot read the file') });
    expect(inProcess(PASSING, '--verbose')).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown option "--verbose"') });
    expect(inProcess()).toMatchObject({ status: 2, stderr: expect.stringContaining('usage: npm run scenario') });
  });

  it('prints the errors as JSON too with --json', () => {
    const { status, stdout } = inProcess(INVALID, '--json');
    expect(status).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ passed: false, errors: [{ path: 'expect[0].node', line: 4 }] });
  });
});
