import { expect, test } from '@playwright/test';

test('page loads offline-clean from a sub-path', async ({ page, baseURL }, testInfo) => {
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));

  await page.goto('./?sandbox');
  await expect(page.getByRole('heading', { name: 'Kube Playground' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  const origin = new URL(baseURL!).origin;
  expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  expect(errors).toEqual([]);

  const screenshot = testInfo.outputPath('smoke.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('smoke', { path: screenshot, contentType: 'image/png' });
});
