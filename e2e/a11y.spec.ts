import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the main screen has no serious or critical accessibility violations (axe)', async ({ page }) => {
  // Two full axe passes over the default cluster's 32 pods take a while on a busy machine.
  test.setTimeout(90_000);
  await page.goto('./?paused');
  await expect(page.getByRole('heading', { name: 'Kube Playground' })).toBeVisible();
  await expect(page.getByRole('group', { name: /Node zone-a-1/ })).toBeVisible();
  for (const view of ['Graph', 'Table']) {
    await page.getByRole('tab', { name: view }).click();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${view}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
  }
});

test('no serious or critical violations with an inline error and with the shortcuts dialog open (axe)', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./?paused');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  const check = async (where: string) => {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${where}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
  };
  await page.getByRole('tab', { name: 'Table' }).click();
  await page.getByRole('textbox', { name: 'Replicas for deployment web' }).fill('-1');
  await page.getByRole('button', { name: 'Scale deployment web' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Replicas cannot be negative' })).toBeVisible();
  await check('scale error');
  await page.getByRole('button', { name: /Shortcuts/ }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await check('shortcuts dialog');
});

test('the embedded page and the boot progress bar have no serious or critical violations (axe)', async ({ page }) => {
  test.setTimeout(120_000);
  const check = async (what: string) => {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${what}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
  };
  await page.goto('./?embed&paused');
  await expect(page.getByRole('group', { name: /Node zone-a-1/ })).toBeVisible();
  await check('?embed');
  await page.goto('./?nodes=1000&pods=20000&paused');
  await expect(page.getByRole('progressbar', { name: /Booting the cluster/ })).toBeVisible({ timeout: 30_000 });
  await check('progress');
  await page.getByRole('button', { name: 'Cancel' }).click();
});
