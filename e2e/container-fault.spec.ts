/**
 * "Make a container fail" in the inspector: crash a pod's container, play,
 * see it restarted (restartCount up), crash it again and see it wait in
 * CrashLoopBackOff for the 10 s back-off, then run again. The fault is a
 * recorded action: a marker on the timeline. Reachable from the keyboard.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const stepButton = (page: Page, label: string) => page.getByRole('button', { name: `Step ${label}`, exact: true });
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function openWebPod(page: Page): Promise<string> {
  await page.getByRole('tab', { name: 'Table' }).click();
  const pods = page.getByRole('table', { name: 'Pods' });
  const web = (await pods.getByRole('rowheader', { name: /^web-/ }).first().textContent())!.trim();
  await pods.getByRole('button', { name: web, exact: true }).click();
  await expect(inspector(page).getByRole('heading', { name: `Pod default/${web}` })).toBeVisible();
  return web;
}

const containerRow = (page: Page) => inspector(page).getByRole('table', { name: 'Containers' }).getByRole('row').nth(1);

test('crashing a container from the inspector restarts it, then backs off in CrashLoopBackOff', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?paused');
  await stepButton(page, '+1 min').click();
  await expect(clock(page)).toHaveText('t = 1m');
  const web = await openWebPod(page);
  const panel = inspector(page);
  await expect(containerRow(page)).toContainText('Running since');
  await expect(containerRow(page).getByRole('cell').nth(2)).toHaveText('0');

  const form = panel.getByRole('region', { name: 'Make a container fail' });
  await expect(form).toBeVisible();
  await form.getByRole('combobox', { name: 'Fault' }).selectOption('crash');
  await expect(form).toContainText('exits with code 1');
  await snap(page, testInfo, '1-fault-control-1280');
  await form.getByRole('button', { name: 'Apply fault' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Last action' })).toContainText(`of pod ${web} crashes until it restarts`);

  // The first crash is restarted at once.
  await stepButton(page, '+1 s').click();
  await expect(containerRow(page).getByRole('cell').nth(2)).toHaveText('1');
  await expect(containerRow(page)).toContainText('Running since');
  await expect(containerRow(page)).toContainText('Error (exit 1)');

  // From the keyboard: the second crash within 10 min waits out the 10 s back-off.
  await form.getByRole('combobox', { name: 'Fault' }).focus();
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Apply fault' })).toBeFocused();
  await page.keyboard.press('Enter');
  await stepButton(page, '+1 s').click();
  await expect(containerRow(page)).toContainText('Waiting: CrashLoopBackOff');
  await snap(page, testInfo, '2-crashloop-1280');
  await stepButton(page, '+10 s').click();
  await expect(containerRow(page)).toContainText('Running since');
  await expect(containerRow(page).getByRole('cell').nth(2)).toHaveText('2');

  // Both faults are recorded inputs: markers on the timeline.
  const markers = page.getByRole('toolbar', { name: 'Markers: moments that matter' });
  await expect(markers.getByRole('button', { name: /crashes until it restarts/ }).first()).toBeAttached();
  // No kubectl command does this: the console echoes nothing for it.
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByRole('region', { name: 'kubectl output' })).not.toContainText('crash');
});

for (const [width, height] of [
  [390, 844],
  [1920, 1080],
] as const) {
  test(`the fault control at ${width}x${height}, axe clean`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height });
    await page.goto('./?paused');
    await stepButton(page, '+1 min').click();
    await openWebPod(page);
    const form = inspector(page).getByRole('region', { name: 'Make a container fail' });
    await form.scrollIntoViewIfNeeded();
    await form.getByRole('combobox', { name: 'Fault' }).selectOption('hang');
    await expect(form).toContainText('stops answering probes');
    await snap(page, testInfo, `3-fault-control-${width}`);
    const results = await new AxeBuilder({ page }).include('.inspector').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}
