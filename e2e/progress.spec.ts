/**
 * Long tasks show progress and can be cancelled: booting a cluster at the
 * page's node limit applies its objects in slices with a progress bar and
 * Cancel; past the limit it is refused with the limit said.
 */
import { expect, test, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const bar = (page: Page) => page.getByRole('progressbar', { name: /Booting the cluster/ });

test('a cluster at the node limit boots with progress; Cancel leaves the default cluster', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('./?nodes=1000&pods=20000&paused');
  await expect(bar(page)).toBeVisible({ timeout: 30_000 });
  await expect(bar(page)).toHaveAttribute('aria-valuetext', /^[\d,]+ of 20,000 objects \(\d+ %\)$/);
  await expect(page.getByRole('region', { name: 'Booting the cluster' })).toContainText(/Booting the cluster… [\d,]+ of 20,000 objects/);
  const cancel = page.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: testInfo.outputPath('progress-1280.png') });
  await cancel.click();
  await expect(bar(page)).toHaveCount(0);
  // Nothing was booted before, so the default cluster stands in.
  await expect(page.getByRole('button', { name: 'Actions for zone-a-1', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(clock(page)).toHaveText('t = 0s');
});

test('a smaller big cluster runs to the end of its progress and opens', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./?nodes=1000&pods=3000&paused');
  await expect(page.getByRole('button', { name: 'Step +10 s', exact: true })).toBeEnabled({ timeout: 60_000 });
  await expect(bar(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Go', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await expect(clock(page)).toHaveText('t = 10s');
});

test('past the node limit the address is refused, naming the value and the limit', async ({ page }) => {
  await page.goto('./?nodes=10000&paused');
  await expect(page.getByText('?nodes=10000 is not allowed: nodes must be a whole number from 1 to 1,000 (a limit of the page)')).toBeVisible();
  await expect(bar(page)).toHaveCount(0);
  await expect(clock(page)).toHaveText('t = 0s');
});
