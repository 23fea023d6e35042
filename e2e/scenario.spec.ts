import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const stepButton = (page: Page, label: string) => page.getByRole('button', { name: `Step ${label}`, exact: true });
const checklist = (page: Page) => page.getByRole('list', { name: 'Expectations' });
const item = (page: Page, text: string) => checklist(page).getByRole('listitem').filter({ hasText: text });

const SHORT = fileURLToPath(new URL('../src/scenario/conformance/sec0-probe-is-observation-time.yaml', import.meta.url));

/** Reset lives in the header's Scenario menu. */
async function reset(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Scenario', exact: true }).click();
  await page.getByRole('group', { name: 'Scenario' }).getByRole('button', { name: 'Reset', exact: true }).click();
}

async function step(page: Page, label: string, expected: string): Promise<void> {
  await stepButton(page, label).click();
  await expect(clock(page)).toHaveText(expected);
}

test('a conformance scenario\'s expectations tick as simulated time reaches them', async ({ page }, testInfo) => {
  await page.goto('./?paused');
  await page.getByLabel('Scenario file').setInputFiles(SHORT);
  await expect(page.getByText('Scenario: sec0-probe-is-observation-time')).toBeVisible();
  await expect(page.getByText('Play or step time to run the scenario')).toBeVisible();
  const items = checklist(page).getByRole('listitem');
  await expect(items).toHaveCount(6);
  // By time: the t = 0 one is checked at boot, the rest wait for their time.
  await expect(items.nth(0)).toHaveText(/^✓ Passed t = 0s node ancient condition Ready is True$/);
  await expect(items.nth(1)).toHaveText(/^○ Pending t = 3s node late condition Ready is True$/);
  await expect(page.getByText('Expectations: 1 passed, 0 failed, 5 pending')).toBeVisible();
  await snap(page, testInfo, '1-scenario-opened');

  await step(page, '+10 s', 't = 10s');
  await expect(items.nth(1)).toHaveText(/^✓ Passed t = 3s/);
  await step(page, '+10 s', 't = 20s');
  await step(page, '+10 s', 't = 30s');
  await step(page, '+10 s', 't = 40s');
  await step(page, '+10 s', 't = 50s');
  // At 50 s exactly, the 50 s expectation is checked (everything at that instant has run); 55 s waits.
  await expect(item(page, 't = 50s')).toContainText('✓ Passed');
  await expect(item(page, 't = 55s')).toContainText('○ Pending');
  await step(page, '+1 min', 't = 1m50s');
  await expect(page.getByText('Expectations: 6 passed, 0 failed, 0 pending')).toBeVisible();
  await expect(checklist(page)).not.toContainText('Failed');
  await snap(page, testInfo, '2-all-passed');
});

test('a failing expectation shows ✗ with the command line\'s reason, and is announced', async ({ page }, testInfo) => {
  // The same file with one expectation wrong on purpose: late is Unknown at 80 s, not True.
  const text = readFileSync(SHORT, 'utf8').replace('{at: 80s, node: late, condition: {type: Ready, status: Unknown}}', '{at: 80s, node: late, condition: {type: Ready, status: "True"}}');
  expect(text).toContain('{at: 80s, node: late, condition: {type: Ready, status: "True"}}');
  const file = join(mkdtempSync(join(tmpdir(), 'kp-')), 'wrong.yaml');
  writeFileSync(file, text);
  const cli = spawnSync('npx', ['tsx', 'src/cli/scenario.ts', file], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) });
  expect(cli.status, cli.stderr).toBe(1);
  const cliLine = cli.stdout.split('\n').find((line) => line.startsWith('✗ 80s'));
  expect(cliLine, cli.stdout).toBeDefined();
  const reason = cliLine!.slice(cliLine!.indexOf(' — ') + 3);
  expect(reason).toMatch(/^expected True, found Unknown \(expect\[5\], line \d+\)$/);

  await page.goto('./?paused');
  await page.getByLabel('Scenario file').setInputFiles({ name: 'wrong.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await expect(page.getByText('Scenario: sec0-probe-is-observation-time')).toBeVisible();
  await step(page, '+1 min', 't = 1m');
  await step(page, '+10 s', 't = 1m10s');
  await step(page, '+10 s', 't = 1m20s');
  const wrong = item(page, 't = 1m20s');
  await expect(wrong).toHaveText(`✗ Failed t = 1m20s node late condition Ready is True — ${reason}`);
  await expect(item(page, 't = 1m15s')).toContainText('✓ Passed');
  await expect(page.getByText('Expectations: 5 passed, 1 failed, 0 pending')).toBeVisible();
  // Screen readers hear it (throttled like new events, so it may take a few seconds).
  await expect(page.getByRole('status', { name: 'Expectation results' })).toContainText(reason, { timeout: 10_000 });
  await snap(page, testInfo, '3-one-failed');

  const results = await new AxeBuilder({ page }).include('.scenario-info').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
});

const LAB = `name: two-lab-nodes
seed: 7
cluster:
  zones: [{name: lab, nodes: 2}]
actions:
  - {at: 10s, do: kill-node, node: lab-1}
expect:
  - {at: 70s, node: lab-1, condition: {type: Ready, status: Unknown}}
`;

test('Reset restarts what is loaded from t = 0; Close scenario returns to the default cluster', async ({ page }, testInfo) => {
  await page.goto('./?paused');
  await page.getByRole('tab', { name: 'Table' }).click();
  const nodes = page.getByRole('table', { name: 'Nodes' });

  // The default cluster: Reset brings it back as it booted.
  await step(page, '+10 s', 't = 10s');
  await page.getByRole('button', { name: 'Kill zone-a-1' }).click();
  await expect(page.getByRole('button', { name: 'Start zone-a-1' })).toBeVisible();
  await reset(page);
  await expect(clock(page)).toHaveText('t = 0s');
  await expect(page.getByRole('button', { name: 'Kill zone-a-1' })).toBeVisible();
  await expect(nodes.getByRole('rowheader')).toHaveCount(9);
  await expect(page.getByText(/^Scenario:/)).toBeHidden();

  // A scenario: Reset replays the same file from its start, its expectations pending again.
  await page.getByLabel('Scenario file').setInputFiles({ name: 'lab.yaml', mimeType: 'text/yaml', buffer: Buffer.from(LAB) });
  await expect(page.getByText('Scenario: two-lab-nodes')).toBeVisible();
  await step(page, '+1 min', 't = 1m');
  await step(page, '+10 s', 't = 1m10s');
  await expect(item(page, 't = 1m10s')).toContainText('✓ Passed');
  await expect(page.getByRole('cell', { name: 'power off' })).toHaveCount(1);
  await reset(page);
  await expect(clock(page)).toHaveText('t = 0s');
  await expect(page.getByText('Scenario: two-lab-nodes')).toBeVisible();
  await expect(nodes.getByRole('rowheader')).toHaveCount(2);
  await expect(page.getByRole('cell', { name: 'power off' })).toHaveCount(0);
  await expect(item(page, 't = 1m10s')).toContainText('○ Pending');
  // Its actions are scheduled again: lab-1 dies at 10 s.
  await step(page, '+10 s', 't = 10s');
  await expect(page.getByRole('button', { name: 'Start lab-1' })).toBeVisible();
  await snap(page, testInfo, '4-scenario-reset');

  const close = page.getByRole('button', { name: 'Close scenario' });
  await close.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Scenario: two-lab-nodes')).toBeHidden();
  await expect(clock(page)).toHaveText('t = 0s');
  await expect(nodes.getByRole('rowheader')).toHaveCount(9);
  await expect(nodes.getByRole('rowheader', { name: 'zone-a-1', exact: true })).toBeVisible();
  await expect(page.getByText('Try it: kill a node')).toBeVisible();
});
