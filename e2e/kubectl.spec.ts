/** The kubectl console tab: tables as kubectl prints them, drain retries on a PDB, get -w through a node death, keyboard only, axe. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function openConsole(page: Page): Promise<void> {
  await page.goto('./?paused');
  await expect(page.getByRole('group', { name: /^Node zone-a-1,/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Console' }).click();
  await page.getByRole('textbox', { name: 'kubectl command' }).click();
}

const output = (page: Page) => page.getByRole('region', { name: 'kubectl output' });

async function run(page: Page, line: string): Promise<void> {
  const prompt = page.getByRole('textbox', { name: 'kubectl command' });
  await prompt.fill(line);
  await prompt.press('Enter');
}

const STRICT_PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: default
spec:
  maxUnavailable: 0
  selector:
    matchLabels:
      app: web
`;

test('kubectl get pods prints the table kubectl prints', async ({ page }) => {
  await openConsole(page);
  await page.getByRole('button', { name: 'Step +1 min', exact: true }).click();
  await run(page, 'kubectl get pods');
  await expect(output(page)).toContainText('NAME                   READY   STATUS    RESTARTS   AGE');
  await expect(output(page).locator('.console-stdout').filter({ hasText: /^web-\w+-\w+\s+1\/1\s+Running\s+0\s+60s$/ })).toHaveCount(6);
  await run(page, 'kubectl get pod nope');
  await expect(output(page)).toContainText('Error from server (NotFound): pods "nope" not found');
});

test('kubectl drain on a node whose pod a PDB protects retries every 5 s of simulated time', async ({ page }) => {
  test.setTimeout(60_000);
  await openConsole(page);
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await run(page, 'kubectl apply -f -');
  const stdin = page.getByRole('textbox', { name: /Manifests for kubectl apply -f -/ });
  await expect(stdin).toBeFocused();
  await stdin.fill(STRICT_PDB);
  await stdin.press('Control+d');
  await expect(output(page)).toContainText('poddisruptionbudget.policy/web configured');
  await run(page, 'kubectl drain zone-a-1 --ignore-daemonsets');
  await expect(output(page)).toContainText('node/zone-a-1 cordoned');
  await expect(output(page)).toContainText('Warning: ignoring DaemonSet-managed Pods');
  const retries = output(page).locator('.console-stderr').filter({ hasText: /will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/ });
  await expect(retries).toHaveCount(1);
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await expect(retries).toHaveCount(3);
  await page.getByRole('textbox', { name: 'kubectl command' }).press('Control+c');
  await expect(output(page)).toContainText('^C');
  await page.screenshot({ path: 'test-results/screens/kubectl-drain.png' });
});

test('kubectl get pods -w streams the pods of a node that dies', async ({ page }) => {
  test.setTimeout(90_000);
  await openConsole(page);
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await run(page, 'kubectl get pods -l app=db -o wide -w');
  await expect(output(page)).toContainText('NOMINATED NODE');
  const rows = output(page).locator('.console-stdout');
  const before = await rows.count();
  const dbNode = ((await rows.filter({ hasText: /^db-0 / }).first().textContent()) ?? '').match(/zone-\w-\d/)![0];
  await page.getByRole('tab', { name: 'Table' }).click();
  await page.getByRole('button', { name: `Kill ${dbNode}` }).click();
  for (let i = 0; i < 7; i++) await page.getByRole('button', { name: 'Step +1 min', exact: true }).click();
  await expect(rows.filter({ hasText: /^db-0\s+1\/1\s+Terminating/ })).toHaveCount(1);
  expect(await rows.count()).toBeGreaterThan(before);
  // A click kubectl can do is echoed as its command (a machine losing power is not one).
  await page.getByRole('button', { name: 'Cordon zone-b-1' }).click();
  await expect(output(page)).toContainText('# from the graph: kubectl cordon zone-b-1');
});

test('a keyboard-only console session: tab there, complete, run, recall, clear', async ({ page }) => {
  await page.goto('./?paused');
  await expect(page.getByRole('group', { name: /^Node zone-a-1,/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Events' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Console' })).toHaveAttribute('aria-selected', 'true');
  const prompt = page.getByRole('textbox', { name: 'kubectl command' });
  // Past the panel's hide button and the output region (scrollable, so focusable) to the prompt.
  for (let i = 0; i < 4 && !(await prompt.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(prompt).toBeFocused();
  await page.keyboard.type('kubectl ge');
  await page.keyboard.press('Tab');
  await expect(prompt).toHaveValue('kubectl get ');
  await page.keyboard.type('no');
  await page.keyboard.press('Tab');
  await expect(page.locator('#console-candidates')).toHaveText('no  node  nodes');
  await page.keyboard.type('des');
  await page.keyboard.press('Enter');
  await expect(output(page)).toContainText('zone-c-3   Ready    <none>');
  await page.keyboard.type('kubectl cordon zone-');
  await page.keyboard.press('Tab');
  await expect(page.locator('#console-candidates')).toContainText('zone-a-1');
  await page.keyboard.type('b-2');
  await page.keyboard.press('Enter');
  await expect(output(page)).toContainText('node/zone-b-2 cordoned');
  await page.keyboard.press('ArrowUp');
  await expect(prompt).toHaveValue('kubectl cordon zone-b-2');
  await page.keyboard.press('ArrowUp');
  await expect(prompt).toHaveValue('kubectl get nodes');
  await page.keyboard.press('Control+c');
  await expect(prompt).toHaveValue('');
  await page.keyboard.press('Control+l');
  await expect(output(page)).not.toContainText('cordoned');
  await expect(page.getByRole('group', { name: /^Node zone-b-2,/ })).toContainText(/cordoned|SchedulingDisabled|unschedulable/i);
});

test('the console tab has no serious or critical accessibility violations (axe)', async ({ page }) => {
  test.setTimeout(90_000);
  await openConsole(page);
  await run(page, 'kubectl get pods -A -o wide');
  await expect(output(page)).toContainText('log-agent');
  await run(page, 'kubectl apply -f -');
  const results = await new AxeBuilder({ page }).include('#side-panel').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
});

for (const size of [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '390x844', width: 390, height: 844 },
]) {
  test(`console screenshot at ${size.name}`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openConsole(page);
    await page.getByRole('button', { name: 'Step +1 min', exact: true }).click();
    await run(page, 'kubectl get pods -o wide');
    await run(page, 'kubectl describe pdb web');
    await run(page, 'kubectl get foo');
    await expect(output(page)).toContainText('doesn\'t have a resource type "foo"');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(size.width);
    await page.screenshot({ path: `test-results/screens/kubectl-${size.name}.png`, fullPage: size.width < 900 });
  });
}
