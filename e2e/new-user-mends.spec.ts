/**
 * What a new user found (issue 8, "Found by a new user"): a killed node says
 * what is true (machine off, its network path up), the inspector's
 * conditions table fits at 1440 px and writes moments as "t = …", and at
 * 1920×1080 the page uses the whole width. Screenshots in
 * test-results/screens/mends-*.png.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';

const card = (page: Page, node: string) => page.getByRole('group', { name: new RegExp(`^Node ${node},`) });

async function killAndInspect(page: Page): Promise<void> {
  await page.goto('./?paused');
  await expect(card(page, 'zone-a-1')).toBeVisible();
  await page.getByRole('button', { name: 'Step +1 min', exact: true }).click();
  await page.getByRole('button', { name: 'Actions for zone-a-1', exact: true }).click();
  await page.getByRole('menu', { name: 'Actions for zone-a-1' }).getByRole('menuitem', { name: 'Kill', exact: true }).click();
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Step +1 min', exact: true }).click();
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText('t = 3m');
  await card(page, 'zone-a-1').click({ position: { x: 60, y: 12 } });
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = `test-results/screens/mends-${name}.png`;
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('at 1440×900 a killed node says its machine is off and its network path up; its conditions fit and read as moments', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await killAndInspect(page);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector).toContainText('Off (no kubelet runs); its network path to the API server is up');
  await expect(card(page, 'zone-a-1').getByText('power off')).toHaveAttribute('title', 'The machine is off: no kubelet runs; its network path to the API server is up');

  const table = inspector.getByRole('table', { name: 'Conditions' });
  await expect(table.getByRole('columnheader', { name: 'Changed at' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Heartbeat at' })).toBeVisible();
  // Moments, as the clock writes them, not ages.
  const ready = table.getByRole('row', { name: /^Ready / });
  await expect(ready.getByRole('cell').nth(1)).toHaveText(/^t = \d/);
  // Nothing clipped: no header or cell is cut with an ellipsis, and the table fits its box.
  const clipped = await table.evaluate((el) =>
    [...el.querySelectorAll('th, td')].filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent),
  );
  expect(clipped).toEqual([]);
  const fits = await table.evaluate((el) => el.getBoundingClientRect().right <= el.parentElement!.getBoundingClientRect().right + 1);
  expect(fits).toBe(true);
  await shot(page, testInfo, '1440x900-inspector');
});

test('at 1920×1080 the page uses the whole width', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await killAndInspect(page);
  const side = page.getByRole('complementary', { name: 'Inspector' });
  const right = await side.evaluate((el) => el.getBoundingClientRect().right);
  expect(right).toBeGreaterThan(1900);
  const dock = (await page.locator('.tl-dock').boundingBox())!;
  expect(dock.x + dock.width).toBeGreaterThan(1900);
  await shot(page, testInfo, '1920x1080-inspector');
});
