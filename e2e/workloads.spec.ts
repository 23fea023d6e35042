import { expect, test, type Locator, type Page } from '@playwright/test';

/** A cell of a table row, found by its column header, so the test does not depend on column order. */
async function cell(table: Locator, rowName: string, column: string): Promise<Locator> {
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const index = headers.findIndex((h) => h.toLowerCase() === column.toLowerCase());
  expect(index, `column "${column}" in ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(0);
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: rowName, exact: true }) }).locator('th, td').nth(index);
}

const stepButton = (page: Page, label: string) => page.getByRole('button', { name: `Step ${label}`, exact: true });
const lastAction = (page: Page) => page.getByRole('status').filter({ hasText: /Last action|Could not do it/ });

/** The Pods table's rows of Deployment web's pods (named web-<hash>-<suffix>). */
const webPodRows = (pods: Locator) => pods.getByRole('row').filter({ has: pods.page().getByRole('rowheader', { name: /^web-/ }) });

/** Phase and deletion of each web pod, as "Running" or "Terminating". */
async function webPodStates(pods: Locator): Promise<string[]> {
  const states: string[] = [];
  for (const row of await webPodRows(pods).all()) {
    const [, , phase = '', , deletion = ''] = (await row.locator('th, td').allTextContents()).map((t) => t.trim());
    states.push(deletion.includes('Terminating') ? 'Terminating' : phase);
  }
  return states.sort();
}

test('scales Deployment web up and down from the Workloads table, refuses a negative count, and works from the keyboard', async ({ page }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('./?paused');
  await page.getByRole('tab', { name: 'Table' }).click();
  const workloads = page.getByRole('table', { name: 'Workloads' });
  const pods = page.getByRole('table', { name: 'Pods' });
  await expect(workloads).toBeVisible();

  // From boot: the default cluster's workloads, with web at 6 desired.
  await expect(await cell(workloads, 'web', 'Kind')).toHaveText('Deployment');
  await expect(await cell(workloads, 'web', 'Desired')).toHaveText('6');
  await expect(await cell(workloads, 'db', 'Kind')).toHaveText('StatefulSet');
  await expect(await cell(workloads, 'log-agent', 'Kind')).toHaveText('DaemonSet');
  // A DaemonSet cannot be scaled; the ReplicaSet of a Deployment is scaled through it.
  await expect(workloads.getByRole('button', { name: /^Scale daemonset/ })).toHaveCount(0);
  await expect(workloads.getByRole('button', { name: /^Scale replicaset/ })).toHaveCount(0);
  await stepButton(page, '+10 s').click();
  await expect(await cell(workloads, 'web', 'Ready')).toHaveText('6');

  // Up to 8.
  const replicas = workloads.getByRole('textbox', { name: 'Replicas for deployment web' });
  const scale = workloads.getByRole('button', { name: 'Scale deployment web' });
  await replicas.fill('8');
  await scale.click();
  await expect(lastAction(page)).toContainText('web');
  await expect(await cell(workloads, 'web', 'Desired')).toHaveText('8');
  await stepButton(page, '+10 s').click();
  await expect(await cell(workloads, 'web', 'Ready')).toHaveText('8');
  await expect(await cell(workloads, 'web', 'Available')).toHaveText('8');
  await expect.poll(() => webPodStates(pods)).toEqual(Array(8).fill('Running'));

  // Down to 2: six pods terminate, then go.
  await replicas.fill('2');
  await scale.click();
  await expect(await cell(workloads, 'web', 'Desired')).toHaveText('2');
  await stepButton(page, '+1 s').click();
  await expect.poll(() => webPodStates(pods)).toEqual([...Array(2).fill('Running'), ...Array(6).fill('Terminating')]);
  await expect(await cell(workloads, 'web', 'Ready')).toHaveText('2');
  await stepButton(page, '+1 min').click();
  await expect.poll(() => webPodStates(pods)).toEqual(['Running', 'Running']);

  // A negative count is named inline and sends nothing.
  const actionBefore = await lastAction(page).textContent();
  await replicas.fill('-1');
  await scale.click();
  await expect(workloads.getByRole('alert')).toHaveText('Replicas cannot be negative (got -1); enter 0 or more.');
  await expect(replicas).toHaveAttribute('aria-invalid', 'true');
  await expect(lastAction(page)).toHaveText(actionBefore ?? '');
  await stepButton(page, '+10 s').click();
  await expect(await cell(workloads, 'web', 'Desired')).toHaveText('2');
  await expect.poll(() => webPodStates(pods)).toEqual(['Running', 'Running']);

  // Keyboard only: Tab from the previous control (api's Scale button) to web's count, type, Enter.
  await replicas.fill('');
  await workloads.getByRole('button', { name: 'Scale deployment api' }).focus();
  await page.keyboard.press('Tab');
  await expect(replicas).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(workloads.getByRole('alert')).toHaveCount(0);
  await expect(await cell(workloads, 'web', 'Desired')).toHaveText('3');
  await stepButton(page, '+10 s').click();
  await expect(await cell(workloads, 'web', 'Ready')).toHaveText('3');
  await expect.poll(() => webPodStates(pods)).toEqual(['Running', 'Running', 'Running']);

  expect(errors).toEqual([]);
});

test("a web pod's inspector names Deployment web and scales it", async ({ page }) => {
  await page.goto('./?paused');
  await page.getByRole('tab', { name: 'Table' }).click();
  const pods = page.getByRole('table', { name: 'Pods' });
  await webPodRows(pods).first().getByRole('button').click();
  const inspector = page.getByRole('complementary');
  await expect(inspector).toContainText('Deployment web');
  await inspector.getByRole('textbox', { name: 'Replicas for deployment web' }).fill('7');
  await inspector.getByRole('button', { name: 'Scale deployment web' }).click();
  await expect(await cell(page.getByRole('table', { name: 'Workloads' }), 'web', 'Desired')).toHaveText('7');
});
