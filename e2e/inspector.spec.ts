import { expect, test, type Page, type TestInfo } from '@playwright/test';

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const stepButton = (page: Page, label: string) => page.getByRole('button', { name: `Step ${label}`, exact: true });
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

async function openTables(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(page.getByRole('table', { name: 'Nodes' })).toBeVisible();
}

test('the inspector shows a node, and a pod\'s "why" chain up to its eviction', async ({ page }, testInfo) => {
  await page.goto('./?paused');
  await openTables(page);
  const nodes = page.getByRole('table', { name: 'Nodes' });

  await nodes.getByRole('button', { name: 'zone-a-1', exact: true }).click();
  const panel = inspector(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Node zone-a-1' })).toBeFocused();
  const conditions = panel.getByRole('table', { name: 'Conditions' });
  await expect(conditions.getByRole('row', { name: /Ready True/ })).toBeVisible();
  await expect(panel.getByText('Lease renew time')).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Why chain' })).toContainText('Last heartbeat seen at 0 s');
  await snap(page, testInfo, '1-node-inspector');

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // The Deployment pod the scheduler put on zone-a-1.
  const pods = page.getByRole('table', { name: 'Pods' });
  const onA1 = pods.getByRole('row').filter({ has: page.getByRole('cell', { name: 'zone-a-1', exact: true }) });
  const web = (await onA1.getByRole('rowheader', { name: /^web-/ }).first().textContent())!.trim();

  await page.getByRole('button', { name: 'Kill zone-a-1' }).click();
  await expect(page.getByRole('button', { name: 'Start zone-a-1' })).toBeVisible();
  for (let minute = 1; minute <= 7; minute++) {
    await stepButton(page, '+1 min').click();
    await expect(clock(page)).toHaveText(`t = ${minute}m`);
  }

  await pods.getByRole('button', { name: web, exact: true }).click();
  await expect(panel.getByRole('heading', { name: `Pod default/${web}` })).toBeVisible();
  await expect(panel.getByText('Deletion timestamp')).toBeVisible();
  // The tint repeats whether a status is good news: a DisruptionTarget is not.
  const podConditions = panel.getByRole('table', { name: 'Conditions' });
  await expect(podConditions.getByRole('row', { name: /^DisruptionTarget True/ }).locator('.status-bad')).toHaveText('True');
  await expect(podConditions.getByRole('row', { name: /^PodScheduled True/ }).locator('.status-ok')).toHaveText('True');
  const why = panel.getByRole('list', { name: 'Why chain' });
  await expect(why).toContainText('Ready=Unknown at 55 s: no heartbeat for more than node-monitor-grace-period (50 s)');
  await expect(why).toContainText('NoExecute taint node.kubernetes.io/unreachable at 60 s (zone-a Normal: 0.1 nodes/s)');
  await expect(why).toContainText('Toleration node.kubernetes.io/unreachable for 300 s (added by the DefaultTolerationSeconds admission plugin) ⇒ eviction at 360 s');
  const items = await why.getByRole('listitem').allTextContents();
  const index = (text: string) => items.findIndex((item) => item.includes(text));
  expect(index('Ready=Unknown at 55 s')).toBeLessThan(index('taint node.kubernetes.io/unreachable at 60 s'));
  expect(index('taint node.kubernetes.io/unreachable at 60 s')).toBeLessThan(index('eviction at 360 s'));
  await snap(page, testInfo, '2-pod-why');

  await panel.getByRole('button', { name: 'Close inspector' }).click();
  await expect(panel).toBeHidden();
});

const INVALID = `name: broken
seed: 1
cluster:
  zones: [{name: lab, nodes: 2}]
actions:
  - {at: 10s, do: explode-node, node: lab-1}
`;

const VALID = `name: two-lab-nodes
description: Two nodes in zone lab; lab-1 dies at 10 s.
seed: 7
cluster:
  zones: [{name: lab, nodes: 2}]
actions:
  - {at: 10s, do: kill-node, node: lab-1}
expect:
  - {at: 70s, node: lab-1, condition: {type: Ready, status: Unknown}}
`;

test('a scenario file opens; an invalid one shows its errors and leaves the cluster alone', async ({ page }, testInfo) => {
  await page.goto('./?paused');
  await openTables(page);
  const nodes = page.getByRole('table', { name: 'Nodes' });
  await expect(nodes.getByRole('rowheader')).toHaveCount(9);
  const fileInput = page.getByLabel('Scenario file');

  await fileInput.setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(INVALID) });
  const alert = page.getByRole('alert').filter({ hasText: 'Could not open broken.yaml' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Line 6');
  await expect(alert).toContainText('the cluster is unchanged');
  await expect(nodes.getByRole('rowheader')).toHaveCount(9);
  await expect(nodes.getByRole('rowheader', { name: 'zone-a-1', exact: true })).toBeVisible();
  await snap(page, testInfo, '3-invalid-scenario');

  await fileInput.setInputFiles({ name: 'two-lab-nodes.yaml', mimeType: 'text/yaml', buffer: Buffer.from(VALID) });
  await expect(alert).toBeHidden();
  await expect(page.getByText('Scenario: two-lab-nodes')).toBeVisible();
  await expect(nodes.getByRole('rowheader')).toHaveCount(2);
  await expect(nodes.getByRole('rowheader', { name: 'lab-1', exact: true })).toBeVisible();
  await expect(nodes.getByRole('rowheader', { name: 'lab-2', exact: true })).toBeVisible();
  await stepButton(page, '+1 min').click();
  await stepButton(page, '+10 s').click();
  await expect(clock(page)).toHaveText('t = 1m10s');
  await snap(page, testInfo, '4-valid-scenario');
});

test('settings are validated, and applying them restarts the simulation', async ({ page }, testInfo) => {
  await page.goto('./?paused');
  // The Settings menu in the header holds the form.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings (controller, kubelet and admission flags)' })).toBeVisible();
  const grace = page.getByLabel('--node-monitor-grace-period');
  await expect(grace).toHaveValue('50');
  await grace.fill('abc');
  await page.getByRole('button', { name: /Apply and restart/ }).click();
  await expect(page.getByText('Error: --node-monitor-grace-period must be a decimal number, got "abc".')).toBeVisible();
  await expect(grace).toBeFocused();
  await expect(grace).toHaveAttribute('aria-invalid', 'true');
  await snap(page, testInfo, '5-settings-invalid');

  await stepButton(page, '+10 s').click();
  await expect(clock(page)).toHaveText('t = 10s');
  // Stepping closed the menu; open it again and apply a valid value.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await grace.fill('20');
  await page.getByRole('button', { name: /Apply and restart/ }).click();
  await expect(clock(page)).toHaveText('t = 0s');
  await expect(page.getByText('Settings applied: the simulation restarted')).toBeVisible();
  await expect(grace).toHaveValue('20');

  await openTables(page);
  await page.getByRole('button', { name: 'Kill zone-a-1' }).click();
  await stepButton(page, '+1 min').click();
  await page.getByRole('table', { name: 'Nodes' }).getByRole('button', { name: 'zone-a-1', exact: true }).click();
  await expect(inspector(page).getByRole('list', { name: 'Why chain' })).toContainText('Ready=Unknown at 25 s: no heartbeat for more than node-monitor-grace-period (20 s)');
});

test('the event log filters by text, type and reason', async ({ page }) => {
  await page.goto('./?paused');
  await openTables(page);
  await page.getByRole('button', { name: 'Kill zone-a-1' }).click();
  await stepButton(page, '+1 min').click();
  const log = page.getByRole('region', { name: 'Events log' });
  await expect(log).toContainText('NodeNotReady');
  const filter = page.getByRole('search', { name: 'Filter events' });
  await filter.getByLabel('Reason').selectOption('NodeNotReady');
  // The node's event and its pods' (the header row has no reason).
  await expect(log.getByRole('row').filter({ hasText: 'node/zone-a-1' })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasNotText: 'NodeNotReady' })).toHaveCount(1);
  await filter.getByLabel('Reason').selectOption('');
  await filter.getByLabel('Search').fill('zone-b-2');
  await expect(log).not.toContainText('zone-a-1');
  await expect(log).toContainText('node/zone-b-2');
  await filter.getByRole('button', { name: 'Clear filter' }).click();
  await filter.getByLabel('Type').selectOption('Warning');
  await expect(page.getByText(/of \d+ events shown/)).toBeVisible();
});
