import { expect, test, type Page, type TestInfo } from '@playwright/test';

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });

test('the first screen is the default cluster, running: workloads settle, a hint says what to try', async ({ page }, testInfo) => {
  await page.goto('./?sandbox');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('10');
  await expect(page.getByText('Try it: kill a node')).toBeVisible();
  await expect(page.getByRole('group', { name: /^Node .*, Ready True$/ })).toHaveCount(9);
  await snap(page, testInfo, '1-graph');

  await page.getByRole('tab', { name: 'Table' }).click();
  const pods = page.getByRole('table', { name: 'Pods' });
  // 6 web, 3 api, 3 db, 9 log agents: all Running and Ready within a few simulated seconds.
  await expect(pods.getByRole('rowheader')).toHaveCount(32);
  await expect(pods.getByRole('row').filter({ hasText: /Running\s*True/ })).toHaveCount(32);
  for (const name of ['db-0', 'db-1', 'db-2']) await expect(pods.getByRole('rowheader', { name, exact: true })).toBeVisible();
  await expect(pods.getByRole('rowheader', { name: /^web-/ })).toHaveCount(6);
  await expect(pods.getByRole('rowheader', { name: /^api-/ })).toHaveCount(3);
  await expect(pods.getByRole('rowheader', { name: /^kube-system\/log-agent-/ })).toHaveCount(9);
  await expect(clock(page)).not.toHaveText('t = 0s');
  await snap(page, testInfo, '2-table');
});
