import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';

/** A cell of a table row, found by its column header, so the test does not depend on column order. */
async function cell(table: Locator, rowName: string, column: string): Promise<Locator> {
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const index = headers.findIndex((h) => h.toLowerCase() === column.toLowerCase());
  expect(index, `column "${column}" in ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(0);
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: rowName, exact: true }) }).locator('th, td').nth(index);
}

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });

/** The tables live in the "Table" tab; the graph is the default view. */
async function openTables(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(page.getByRole('table', { name: 'Nodes' })).toBeVisible();
}
const stepButton = (page: Page, label: string) => page.getByRole('button', { name: `Step ${label}`, exact: true });

test('a killed node goes Unknown, gets tainted, its pods are evicted, and it recovers', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('./');
  await openTables(page);
  const nodes = page.getByRole('table', { name: 'Nodes' });
  const pods = page.getByRole('table', { name: 'Pods' });

  await expect(clock(page)).toHaveText('t = 0s');
  await expect(nodes.getByRole('rowheader')).toHaveCount(9);
  for (const name of ['zone-a-1', 'zone-b-2', 'zone-c-3']) {
    await expect(await cell(nodes, name, 'Ready')).toHaveText('True');
  }
  await expect(page.getByText('9 nodes, 9 Ready')).toBeVisible();
  await snap(page, testInfo, '1-booted');

  await page.getByRole('button', { name: 'Kill zone-a-1' }).click();
  await expect(page.getByRole('button', { name: 'Start zone-a-1' })).toBeVisible();
  await expect(await cell(nodes, 'zone-a-1', 'Machine')).toHaveText('power off');

  await stepButton(page, '+1 min').click();
  await expect(clock(page)).toHaveText('t = 1m');
  await stepButton(page, '+1 min').click();
  await expect(clock(page)).toHaveText('t = 2m');

  await expect(await cell(nodes, 'zone-a-1', 'Ready')).toHaveText('Unknown');
  const taints = await cell(nodes, 'zone-a-1', 'Taints');
  await expect(taints).toContainText('node.kubernetes.io/unreachable:NoSchedule');
  await expect(taints).toContainText('node.kubernetes.io/unreachable:NoExecute');
  await expect(await cell(nodes, 'zone-a-2', 'Ready')).toHaveText('True');
  await expect(await cell(pods, 'web-1', 'Deletion')).toHaveText('evicted in 4m');
  await expect(page.getByRole('table', { name: 'Events' })).toContainText('NodeNotReady');
  await snap(page, testInfo, '2-unknown-and-tainted');

  for (const expected of ['t = 3m', 't = 4m', 't = 5m', 't = 6m', 't = 7m']) {
    await stepButton(page, '+1 min').click();
    await expect(clock(page)).toHaveText(expected);
  }
  for (const name of ['web-1', 'api-1']) {
    await expect(await cell(pods, name, 'Deletion')).toContainText('Terminating');
  }
  await expect(await cell(pods, 'web-2', 'Deletion')).not.toContainText('Terminating');
  await expect(page.getByRole('table', { name: 'Events' })).toContainText('TaintManagerEviction');
  await snap(page, testInfo, '3-pods-terminating');

  await page.getByRole('button', { name: 'Start zone-a-1' }).click();
  await expect(page.getByRole('button', { name: 'Kill zone-a-1' })).toBeVisible();
  await stepButton(page, '+1 min').click();
  await expect(clock(page)).toHaveText('t = 8m');
  await expect(await cell(nodes, 'zone-a-1', 'Ready')).toHaveText('True');
  await expect(await cell(nodes, 'zone-a-1', 'Taints')).not.toContainText('unreachable');
  await expect(page.getByText('9 nodes, 9 Ready')).toBeVisible();
  await snap(page, testInfo, '4-recovered');

  expect(errors).toEqual([]);
});

test('Space toggles play and pause unless a control has focus', async ({ page }, testInfo) => {
  await page.goto('./');
  await expect(clock(page)).toHaveText('t = 0s');
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect(play).toBeEnabled();
  await expect(page.getByText('Space')).toBeVisible();

  await page.locator('body').focus();
  await page.keyboard.press('Space');
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await expect(pause).toBeVisible();
  // Playing at 1×, the clock moves on its own.
  await expect(clock(page)).not.toHaveText('t = 0s');
  await snap(page, testInfo, '5-playing');

  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  // On a focused select, Space belongs to the select.
  await page.getByRole('combobox', { name: 'Speed' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('Next event runs to the next Kubernetes event; speed and actions report back', async ({ page }) => {
  await page.goto('./');
  await openTables(page);
  await expect(clock(page)).toHaveText('t = 0s');
  await page.getByRole('button', { name: 'Next event' }).click();
  // The first pods start 2 s in.
  await expect(clock(page)).toHaveText('t = 2s');
  await expect(page.getByRole('table', { name: 'Events' })).toContainText('Started');

  await page.getByRole('combobox', { name: 'Speed' }).selectOption('600');
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('600');

  await page.getByRole('button', { name: 'Cordon zone-b-1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Last action' })).toContainText('kubectl cordon zone-b-1');
  const nodes = page.getByRole('table', { name: 'Nodes' });
  await expect(await cell(nodes, 'zone-b-1', 'Cordoned')).toHaveText('Yes');
  await expect(await cell(nodes, 'zone-b-1', 'Taints')).toContainText('node.kubernetes.io/unschedulable:NoSchedule');

  await page.getByRole('button', { name: 'Partition zone-c', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Heal zone-c', exact: true })).toBeVisible();
  await expect(await cell(nodes, 'zone-c-1', 'Machine')).toHaveText('power on, cut off');
});
