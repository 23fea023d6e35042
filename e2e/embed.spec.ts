/**
 * `?embed`: the graph, the clock and the play controls only, and a link to
 * the same run in the full playground (a new tab, with the run as its share
 * fragment).
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('the embedded page has the graph, clock and play controls, and opens the run in the full playground', async ({ page, context }, testInfo) => {
  await page.setViewportSize({ width: 800, height: 450 });
  await page.goto('./?embed&paused');
  await expect(page.getByRole('button', { name: 'Actions for zone-a-1', exact: true })).toBeVisible();
  await expect(clock(page)).toHaveText('t = 0s');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // No chrome: no title, menus, tabs, side panel or timeline.
  for (const name of ['Scenario', 'Settings', 'Share link', 'Lessons']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(page.getByRole('tab')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Kube Playground' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Timeline' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await expect(clock(page)).toHaveText('t = 10s');
  await snap(page, testInfo, 'embed-800x450');
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, 'embed-390x844');
  expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const open = page.getByRole('link', { name: /Open in the full playground/ });
  await expect(open).toHaveAttribute('target', '_blank');
  const [full] = await Promise.all([context.waitForEvent('page'), open.click()]);
  await full.waitForLoadState();
  const url = new URL(full.url());
  expect(url.searchParams.has('embed')).toBe(false);
  expect(url.searchParams.has('paused')).toBe(true);
  expect(url.hash).toMatch(/^#kp=1&/);
  // The full playground, at the embedded run's instant (the fragment is read, then dropped).
  await expect(full.getByRole('heading', { name: 'Kube Playground' })).toBeVisible();
  await expect(clock(full)).toHaveText('t = 10s', { timeout: 15_000 });
  await expect(full.getByRole('tab', { name: 'Table' })).toBeVisible();
});
