/** Screenshots of the app shell at the three sizes the design is checked at (test-results/screens/shell-*.png). */
import { expect, test } from '@playwright/test';

const SIZES = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '390x844', width: 390, height: 844 },
] as const;

for (const size of SIZES) {
  test(`screenshot at ${size.name}`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('./?paused');
    await expect(page.getByRole('group', { name: /^Node zone-a-1,/ })).toBeVisible();
    await page.getByRole('button', { name: 'Step +1 min', exact: true }).click();
    await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText('t = 1m');
    const shot = async (name: string, fullPage = false) => {
      const path = `test-results/screens/shell-${size.name}-${name}.png`;
      await page.screenshot({ path, fullPage });
      await testInfo.attach(name, { path, contentType: 'image/png' });
    };
    await shot('1-graph', size.width < 900);
    await page.getByRole('group', { name: /^Node zone-b-2,/ }).click({ position: { x: 60, y: 12 } });
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
    await shot('2-inspector', size.width < 900);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Table' }).click();
    await shot('3-table', size.width < 900);
  });
}
