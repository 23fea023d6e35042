/**
 * Traffic as a user has it: give Service web a request rate from a web
 * pod's inspector, kill that pod's node, step on: failed requests appear
 * (in words in the inspector, in the Requests chart and its table) and stop
 * once the endpoint is marked not ready. Pods are found on the page, never
 * assumed from the default cluster's names.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });
const stepBy = (page: Page, label: string) => page.getByRole('button', { name: `Step ${label}`, exact: true }).click();
const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`traffic-${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function nodeAction(page: Page, node: string, item: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${node}`, exact: true }).click();
  await page.getByRole('menu', { name: `Actions for ${node}` }).getByRole('menuitem', { name: item, exact: true }).click();
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
]) {
  test(`requests to a Service fail while its pod's dead node is still an endpoint, then stop failing (${size.width}x${size.height})`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('./?paused&sandbox');
    await stepBy(page, '+10 s');
    await expect(clock(page)).toHaveText('t = 10s');

    const chip = page.locator('[data-pod^="default/web-"]').first();
    await chip.scrollIntoViewIfNeeded();
    const node = (await chip.locator('xpath=ancestor::*[@role="group"][1]').getAttribute('aria-label'))!.match(/^Node ([^,]+),/)![1]!;
    await chip.click();
    const panel = inspector(page);
    const rate = panel.getByRole('textbox', { name: 'Requests/s' });
    await expect(rate).toHaveValue('0');
    await expect(panel).toContainText('No traffic.');

    // Bad input is named and nothing is sent.
    await rate.fill('20000');
    await panel.getByRole('button', { name: 'Set requests per second to Service web' }).click();
    await expect(panel.getByRole('alert')).toHaveText('At most 10000 requests per second (got 20000).');
    await expect(panel).toContainText('No traffic.');

    await rate.fill('30');
    await panel.getByRole('button', { name: 'Set requests per second to Service web' }).click();
    await stepBy(page, '+10 s');
    await expect(clock(page)).toHaveText('t = 20s');
    await expect(panel).toContainText('30 req/s · last 10 s: ✓ 300 ok, 0 failed');

    await nodeAction(page, node, 'Kill');
    await stepBy(page, '+10 s');
    await expect(clock(page)).toHaveText('t = 30s');
    const counts = panel.locator('.service-traffic-counts');
    await expect(counts).toHaveText(/✗ [1-9]\d* failed/);
    await snap(page, testInfo, `1-failing-${size.width}`);
    const axe = await new AxeBuilder({ page }).include('.inspector').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // node-monitor-grace-period 50 s after the last heartbeat, then the EndpointSlice and the proxies: by 2m30s all is well.
    // The Requests lane's legend names web's series.
    await expect(page.locator('.tl-legend-label', { hasText: 'web failed' })).toBeVisible();
    await stepBy(page, '+1 min');
    await stepBy(page, '+1 min');
    await expect(clock(page)).toHaveText('t = 2m30s');
    await expect(counts).toHaveText('30 req/s · last 10 s: ✓ 300 ok, 0 failed');
    await snap(page, testInfo, `2-recovered-${size.width}`);

    await page.getByRole('button', { name: 'Table', exact: true }).click();
    const table = page.getByRole('region', { name: 'Chart data per minute' }).getByRole('table');
    await expect(table.getByRole('columnheader', { name: 'Requests failed', exact: true })).toBeVisible();
    // Per Service: web's own columns (the only Service with traffic, so they match the totals).
    const headers = await table.locator('thead th').allTextContents();
    const webFailed = headers.indexOf('web failed');
    expect(headers.indexOf('web OK')).toBe(webFailed - 1);
    const failedColumn = await table.locator('tbody tr').evaluateAll((rows, i) => rows.map((row) => Number(row.children[i]?.textContent ?? 'NaN')), webFailed);
    expect(failedColumn.some((n) => n > 0)).toBe(true);
    expect(failedColumn.at(-1)).toBe(0);
    const totalFailed = await table.locator('tbody tr').evaluateAll((rows, i) => rows.map((row) => Number(row.children[i]?.textContent ?? 'NaN')), headers.indexOf('Requests failed'));
    expect(failedColumn).toEqual(totalFailed);
    await snap(page, testInfo, `3-table-${size.width}`);
    expect(errors).toEqual([]);
  });
}
