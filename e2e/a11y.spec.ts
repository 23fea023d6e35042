import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the main screen has no serious or critical accessibility violations (axe)', async ({ page }) => {
  // Two full axe passes over the default cluster's 21 pods take a while on a busy machine.
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
