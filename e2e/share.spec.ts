import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { traceHash } from '../src/scenario/trace-hash';
import type { TraceEntry } from '../src/scenario/trace';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const graph = (page: Page) => page.getByRole('region', { name: 'Cluster graph' });
const events = (page: Page) => page.getByRole('region', { name: 'Events log' }).first();
const stepMinute = (page: Page) => page.getByRole('button', { name: 'Step +1 min', exact: true }).click();

/** What the page shows of the cluster: the clock, the graph's text and the event log's. */
async function shown(page: Page) {
  // The event log is the side panel's Events tab (a selection shows the Inspector tab).
  await page.getByRole('tab', { name: 'Events' }).click();
  return { clock: await clock(page).innerText(), graph: await graph(page).innerText(), events: await events(page).innerText() };
}

/** Kills a node and cordons another from the graph, with time passing between, then selects the dead node. */
async function play(page: Page): Promise<void> {
  await page.goto('./?paused');
  await expect(graph(page)).toContainText('zone-c-3');
  await stepMinute(page);
  await page.getByRole('button', { name: 'Actions for zone-a-1', exact: true }).click();
  await page.getByRole('menu', { name: 'Actions for zone-a-1' }).getByRole('menuitem', { name: 'Kill', exact: true }).click();
  for (let i = 0; i < 3; i++) await stepMinute(page);
  await page.getByRole('button', { name: 'Actions for zone-b-2', exact: true }).click();
  await page.getByRole('menu', { name: 'Actions for zone-b-2' }).getByRole('menuitem', { name: 'Cordon', exact: true }).click();
  for (let i = 0; i < 3; i++) await stepMinute(page);
  await expect(events(page)).toContainText('TaintManagerEviction');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
  await page.getByRole('group', { name: /^Node zone-a-1,/ }).getByText('zone-a-1', { exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('Node zone-a-1');
}

async function shareLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  const box = page.getByRole('textbox', { name: 'Share link' });
  await expect(box).toHaveValue(/#kp=1&/);
  return box.inputValue();
}

test('a shared link opens exactly that state in a fresh browser; a reload returns to the same place', async ({ page, browser }, testInfo) => {
  await play(page);
  const link = await shareLink(page);
  expect(link.length).toBeLessThan(2_000);
  await snap(page, testInfo, '1-shared');
  const before = await shown(page);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(clock(other)).toHaveText(before.clock);
  await expect(other.getByRole('complementary', { name: 'Inspector' })).toContainText('Node zone-a-1');
  await expect(other.getByRole('combobox', { name: 'Speed' })).toHaveValue('60');
  expect(await shown(other)).toEqual(before);
  // The link is read once: the address no longer carries it.
  expect(other.url()).not.toContain('#kp=');
  await snap(other, testInfo, '2-opened-from-link');

  // Saving is throttled to once a second; then a reload comes back to the same place.
  await other.waitForTimeout(1_500);
  await other.reload();
  await expect(clock(other)).toHaveText(before.clock);
  expect(await shown(other)).toEqual(before);
  await fresh.close();
});

test('the exported run replays through the command line to the page\'s trace hash', async ({ page }, testInfo) => {
  await play(page);
  await page.getByRole('button', { name: 'Expect this', exact: true }).click();
  await expect(page.getByText('3 expectations added to the exported run')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export run/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('default-cluster-run.yaml');
  const file = join(mkdtempSync(join(tmpdir(), 'kp-export-')), download.suggestedFilename());
  await download.saveAs(file);
  const notice = page.getByRole('status').filter({ hasText: 'Exported default-cluster-run.yaml' });
  await expect(notice).toBeVisible();
  const pageHash = /trace ([0-9a-f]{14})/.exec(await notice.innerText())?.[1];
  await snap(page, testInfo, '3-exported');

  const cli = spawnSync('npx', ['tsx', 'src/cli/scenario.ts', file, '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(cli.stderr).toBe('');
  expect(cli.status).toBe(0);
  const result = JSON.parse(cli.stdout) as { passed: boolean; trace: TraceEntry[]; expectations: unknown[] };
  expect(result.passed).toBe(true);
  // Ready Unknown, and the two unreachable taints.
  expect(result.expectations).toHaveLength(3);
  const untilMs = 7 * 60_000 + 2;
  expect(traceHash(result.trace, untilMs)).toBe(pageHash);
});

test('a broken link says what is wrong in one line and opens the default cluster; the saved session stays', async ({ page }, testInfo) => {
  await play(page);
  const link = await shareLink(page);
  const before = await shown(page);
  await page.waitForTimeout(1_500);

  // From another page, so that the link is a new load and not a fragment change.
  await page.goto('about:blank');
  await page.goto(link.slice(0, link.length - 30));
  const alert = page.getByRole('alert').filter({ hasText: 'This link is cut short' });
  await expect(alert).toHaveText(/^This link is cut short \([\d,]+ of [\d,]+ characters\): copy the whole link\. Opened the default cluster instead\.×$/);
  await expect(clock(page)).toHaveText(/t = 0s/);
  await expect(graph(page)).toContainText('zone-c-3');
  await snap(page, testInfo, '4-broken-link');

  await page.goto('about:blank');
  await page.goto(link.replace('kp=1', 'kp=9'));
  await expect(page.getByRole('alert').filter({ hasText: 'newer' })).toContainText('This link was made by a newer Kube Playground (link format 9; this page reads format 1).');

  // Nothing the person had is lost: without a link, the saved session comes back.
  await page.goto('./');
  await expect(clock(page)).toHaveText(before.clock);
  expect(await shown(page)).toEqual(before);
});

test('New cluster starts over, and a reload stays there', async ({ page }) => {
  await play(page);
  await page.waitForTimeout(1_500);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'New cluster', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Started over with a new default cluster.' })).toBeVisible();
  await expect(clock(page)).toHaveText(/t = 0s/);
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toHaveCount(0);
  await page.waitForTimeout(1_500);
  await page.reload();
  await expect(graph(page)).toContainText('zone-c-3');
  await expect(clock(page)).toHaveText(/t = 0s/);
});
