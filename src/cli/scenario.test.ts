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

  describe('with a lesson file', () => {
    const LESSON = (answer: number) =>
      `name: l\n${CLUSTER}lesson:\n  title: T\n  summary: S\n  topic: Node health\n  steps:\n    - text: x\n      clock: play\n      question: {prompt: When?, answer: ${answer}, unit: s, measure: {when: {node: zone-a-1, condition: {type: Ready, status: Unknown}}}, rule: r, source: node_lifecycle_controller.go}\n      wait: {until: {node: zone-a-1, condition: {type: Ready, status: Unknown}}}\n`;
    const GOOD = file('lesson-good.yaml', LESSON(115));
    const WRONG = file('lesson-wrong.yaml', LESSON(100));
    const BROKEN = file('lesson-broken.yaml', LESSON(115).replace('clock: play', 'clock: fast'));

    it('exits 0 and prints the steps, the expectations and the trace as JSON', () => {
      const { status, stdout } = inProcess(GOOD, '--json');
      expect(status).toBe(0);
      const output = JSON.parse(stdout) as { passed: boolean; steps: { checks: { passed: boolean }[] }[] };
      expect(Object.keys(output)).toEqual(['passed', 'expectations', 'steps', 'trace']);
      expect(output.steps[0]!.checks.map((c) => c.passed)).toEqual([true, true]);
    });

    it('exits 1 when an answer disagrees with the engine, saying what the engine gave', () => {
      const { status, stdout } = inProcess(WRONG);
      expect(status).toBe(1);
      expect(stdout).toContain("✗ answer 100 s (± 0) against the engine's time at which node zone-a-1 condition Ready is Unknown (since t = 0): 115 s (lesson.steps[0].question, line 11)");
      expect(stdout).toMatch(/FAIL: 1 lesson check and 0 expectations failed/);
    });

    it('exits 2 naming the line and field of an invalid lesson section', () => {
      const { status, stderr } = inProcess(BROKEN);
      expect(status).toBe(2);
      expect(stderr).toContain(`${BROKEN}:10:7: lesson.steps[0].clock: expected "pause", "play", {play: <speed>} or {run: <duration>}, found "fast"`);
    });

    it('checks a built-in lesson as the real command', () => {
      const { status, stdout } = spawn('src/lessons/builtin/03-grace-period.yaml');
      expect(status).toBe(0);
      expect(stdout).toContain('Lesson grace-period: Node conditions and the grace period (seed 1)');
      expect(stdout).toContain("✓ answer 115 s (± 0) against the engine's time at which node zone-a-2 condition Ready is Unknown (since t = 0): 115 s");
    }, 30_000);
  });
});
