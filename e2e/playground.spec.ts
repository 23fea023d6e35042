import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';

/** A cell of a table row, found by its column header, so the test does not depend on column order. */
async function cell(table: Locator, rowName: string, column: string): Promise<Locator> {
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const index = headers.findIndex((h) => h.toLowerCase() === column.toLowerCase());
  expect(index, `column "${column}" in ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(0);
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: rowName, exact: true }) }).locator('th, td').nth(index);
}

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });

/** The tables live in the "Table" tab; the graph is the default view. */
async function openTables(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(page.getByRole('table', { name: 'Nodes' })).toBeVisible();
}
const stepButton = (page: Page, label: string) => page.getByRole('button', { name: `Step ${label}`, exact: true });

/** Names of the pods the Pods table shows on `node` (its Node column). */
async function podsOn(pods: Locator, node: string): Promise<string[]> {
  const rows = pods.getByRole('row').filter({ has: pods.page().getByRole('cell', { name: node, exact: true }) });
  return (await rows.getByRole('rowheader').allTextContents()).map((name) => name.trim());
}

/** Pods of `owner` (the Deployment's ReplicaSet pods are named after it) that are Running and Ready, not terminating, with their nodes. */
async function servingPods(pods: Locator, owner: string): Promise<{ name: string; node: string }[]> {
  const rows = pods.getByRole('row').filter({ has: pods.page().getByRole('rowheader', { name: new RegExp(`^${owner}-`) }) });
  const out: { name: string; node: string }[] = [];
  for (const row of await rows.all()) {
    const [name = '', node = '', phase, ready, deletion] = (await row.locator('th, td').allTextContents()).map((t) => t.trim());
    if (phase === 'Running' && ready === 'True' && !deletion?.includes('Terminating')) out.push({ name, node });
  }
  return out;
}

test('a killed node goes Unknown, gets tainted, its pods are evicted and replaced elsewhere, and it recovers', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('./?paused');
  await openTables(page);
  const nodes = page.getByRole('table', { name: 'Nodes' });
  const pods = page.getByRole('table', { name: 'Pods' });

  await expect(clock(page)).toHaveText('t = 0s');
  await expect(nodes.getByRole('rowheader')).toHaveCount(9);
  for (const name of ['zone-a-1', 'zone-b-2', 'zone-c-3']) {
    await expect(await cell(nodes, name, 'Ready')).toHaveText('True');
  }
  await expect(page.getByText('9 nodes, 9 Ready')).toBeVisible();
  // The workloads settle: every pod Running and Ready.
  await stepButton(page, '+10 s').click();
  await expect(clock(page)).toHaveText('t = 10s');
  await expect(pods.getByRole('rowheader')).toHaveCount(32);
  await expect(pods.getByRole('row').filter({ hasText: /Running\s*True/ })).toHaveCount(32);
  await snap(page, testInfo, '1-booted');

  // What runs on zone-a-1, as the scheduler placed it: some Deployment pods, a log agent.
  const before = await podsOn(pods, 'zone-a-1');
  const deploymentPods = before.filter((name) => /^(web|api)-/.test(name));
  const agents = before.filter((name) => name.startsWith('kube-system/log-agent-'));
  expect(deploymentPods.length, `pods on zone-a-1: ${before.join(', ')}`).toBeGreaterThan(0);
  expect(agents).toHaveLength(1);
  const owners = [...new Set(deploymentPods.map((name) => name.split('-')[0]!))];
  const allBefore = (await pods.getByRole('rowheader').allTextContents()).map((name) => name.trim());
  const replicasBefore = new Map<string, number>();
  for (const owner of owners) replicasBefore.set(owner, (await servingPods(pods, owner)).length);

  await page.getByRole('button', { name: 'Kill zone-a-1' }).click();
  await expect(page.getByRole('button', { name: 'Start zone-a-1' })).toBeVisible();
  await expect(await cell(nodes, 'zone-a-1', 'Machine')).toHaveText('power off');

  await stepButton(page, '+1 min').click();
  await expect(clock(page)).toHaveText('t = 1m10s');
  await stepButton(page, '+1 min').click();
  await expect(clock(page)).toHaveText('t = 2m10s');

  await expect(await cell(nodes, 'zone-a-1', 'Ready')).toHaveText('Unknown');
  const taints = await cell(nodes, 'zone-a-1', 'Taints');
  await expect(taints).toContainText('node.kubernetes.io/unreachable:NoSchedule');
  await expect(taints).toContainText('node.kubernetes.io/unreachable:NoExecute');
  await expect(await cell(nodes, 'zone-a-2', 'Ready')).toHaveText('True');
  for (const name of deploymentPods) await expect(await cell(pods, name, 'Deletion')).toHaveText(/^evicted in \dm/);
  // The DaemonSet's pod tolerates unreachable forever: no eviction.
  await expect(await cell(pods, agents[0]!, 'Deletion')).not.toContainText(/evicted|Terminating/);
  await expect(page.getByRole('table', { name: 'Events' })).toContainText('NodeNotReady');
  await snap(page, testInfo, '2-unknown-and-tainted');

  for (const expected of ['t = 3m10s', 't = 4m10s', 't = 5m10s', 't = 6m10s', 't = 7m10s']) {
    await stepButton(page, '+1 min').click();
    await expect(clock(page)).toHaveText(expected);
  }
  for (const name of deploymentPods) await expect(await cell(pods, name, 'Deletion')).toContainText('Terminating');
  await expect(await cell(pods, agents[0]!, 'Deletion')).not.toContainText('Terminating');
  await expect(page.getByRole('table', { name: 'Events' })).toContainText('TaintManagerEviction');
  // Each Deployment is back to its replicas, every one Running elsewhere, new pods among them.
  for (const owner of owners) {
    const serving = await servingPods(pods, owner);
    expect(serving.map((p) => p.node)).not.toContain('zone-a-1');
    expect(serving).toHaveLength(replicasBefore.get(owner)!);
    const fresh = serving.filter((p) => !allBefore.includes(p.name));
    expect(fresh.length, `${owner} replacements`).toBe(deploymentPods.filter((name) => name.startsWith(`${owner}-`)).length);
  }
  await snap(page, testInfo, '3-pods-replaced');

  await page.getByRole('button', { name: 'Start zone-a-1' }).click();
  await expect(page.getByRole('button', { name: 'Kill zone-a-1' })).toBeVisible();
  await stepButton(page, '+1 min').click();
  await expect(clock(page)).toHaveText('t = 8m10s');
  await expect(await cell(nodes, 'zone-a-1', 'Ready')).toHaveText('True');
  await expect(await cell(nodes, 'zone-a-1', 'Taints')).not.toContainText('unreachable');
  await expect(page.getByText('9 nodes, 9 Ready')).toBeVisible();
  // Back, the kubelet confirms the evicted pods stopped: they are gone.
  await expect.poll(() => podsOn(pods, 'zone-a-1')).not.toEqual(expect.arrayContaining(deploymentPods));
  await snap(page, testInfo, '4-recovered');

  expect(errors).toEqual([]);
});

test('drain evicts a node\'s pods within their disruption budgets; the StatefulSet and Deployment pods come back elsewhere, the log agent stays', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.goto('./?paused');
  await stepButton(page, '+10 s').click();
  await expect(clock(page)).toHaveText('t = 10s');
  await openTables(page);
  const pods = page.getByRole('table', { name: 'Pods' });
  await expect(pods.getByRole('row').filter({ hasText: /Running\s*True/ })).toHaveCount(32);

  // Drain the node that runs db-0 (wherever the scheduler put it).
  const node = (await (await cell(pods, 'db-0', 'Node')).textContent())!.trim();
  const before = await podsOn(pods, node);
  const evictable = before.filter((name) => !name.startsWith('kube-system/log-agent-') && !name.startsWith('kube-system/kube-proxy-'));
  expect(evictable, `pods on ${node}: ${before.join(', ')}`).toContain('db-0');
  const webBefore = (await servingPods(pods, 'web')).length;

  await page.getByRole('tab', { name: 'Graph' }).click();
  await page.getByRole('button', { name: `Actions for ${node}`, exact: true }).click();
  await page.getByRole('menu', { name: `Actions for ${node}` }).getByRole('menuitem', { name: 'Drain', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Last action' })).toContainText(`kubectl drain ${node}`);
  await openTables(page);
  const nodes = page.getByRole('table', { name: 'Nodes' });
  await expect(await cell(nodes, node, 'Cordoned')).toHaveText('Yes');
  for (const name of evictable) await expect(await cell(pods, name, 'Deletion')).toContainText('Terminating');

  // The evicted pods use their 30 s grace period; then db-0 is created again, on another node.
  await stepButton(page, '+1 min').click();
  await expect(clock(page)).toHaveText('t = 1m10s');
  await expect.poll(() => podsOn(pods, node)).toEqual(before.filter((name) => !evictable.includes(name)));
  const db0 = await cell(pods, 'db-0', 'Node');
  await expect(db0).not.toHaveText(node);
  await expect(await cell(pods, 'db-0', 'Phase')).toHaveText('Running');
  expect(await servingPods(pods, 'web')).toHaveLength(webBefore);
  const events = page.getByRole('table', { name: 'Events' });
  await expect(events).toContainText('DrainFinished');
  await expect(events).toContainText('Evicted');
  await snap(page, testInfo, '5-drained');
});

test('Space toggles play and pause unless a control has focus', async ({ page }, testInfo) => {
  await page.goto('./?paused');
  await expect(clock(page)).toHaveText('t = 0s');
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect(play).toBeEnabled();
  await expect(page.getByRole('banner').getByText('Space')).toBeVisible();

  await page.locator('body').focus();
  await page.keyboard.press('Space');
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await expect(pause).toBeVisible();
  // Playing at 1×, the clock moves on its own.
  await expect(clock(page)).not.toHaveText('t = 0s');
  await snap(page, testInfo, '5-playing');

  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  // On a focused select, Space belongs to the select.
  await page.getByRole('combobox', { name: 'Speed' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('keys step, run to the next event and change speed; ? lists every shortcut', async ({ page }, testInfo) => {
  await page.goto('./?paused');
  await expect(clock(page)).toHaveText('t = 0s');
  // The keys work once the simulation has booted (the controls are enabled then).
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await page.locator('body').focus();
  await page.keyboard.press('.');
  await expect(clock(page)).toHaveText('t = 1s');
  await page.keyboard.press('>');
  await expect(clock(page)).toHaveText('t = 11s');
  await page.keyboard.press('m');
  await expect(clock(page)).toHaveText('t = 1m11s');
  const speed = page.getByRole('combobox', { name: 'Speed' });
  await expect(speed).toHaveValue('1');
  await page.keyboard.press('+');
  await expect(speed).toHaveValue('10');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(speed).toHaveValue('1');

  // Typing in a field is typing, not a shortcut.
  const jump = page.getByRole('combobox', { name: 'Go to node' });
  await jump.focus();
  await page.keyboard.type('m.');
  await expect(clock(page)).toHaveText('t = 1m11s');
  await jump.fill('');
  await jump.blur();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('term')).toContainText(['Space', '.', '>', 'm', 'n']);
  await expect(help.getByRole('definition').filter({ hasText: 'run to the next Kubernetes event' })).toBeVisible();
  await snap(page, testInfo, 'shortcuts-help');
  // Keys do nothing behind the open dialog; Escape closes it.
  await page.keyboard.press('.');
  await expect(clock(page)).toHaveText('t = 1m11s');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // The header button opens it too.
  await page.getByRole('button', { name: /Shortcuts/ }).click();
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();

  await page.keyboard.press('n');
  await expect(clock(page)).not.toHaveText('t = 1m11s');
});

test('Next event runs to the next Kubernetes event; speed and actions report back', async ({ page }) => {
  await page.goto('./?paused');
  await openTables(page);
  await expect(clock(page)).toHaveText('t = 0s');
  await page.getByRole('button', { name: 'Next event' }).click();
  // The first pods start 2 s in.
  await expect(clock(page)).toHaveText('t = 2s');
  await expect(page.getByRole('table', { name: 'Events' })).toContainText('Started');

  await page.getByRole('combobox', { name: 'Speed' }).selectOption('600');
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('600');

  await page.getByRole('button', { name: 'Cordon zone-b-1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Last action' })).toContainText('kubectl cordon zone-b-1');
  const nodes = page.getByRole('table', { name: 'Nodes' });
  await expect(await cell(nodes, 'zone-b-1', 'Cordoned')).toHaveText('Yes');
  await expect(await cell(nodes, 'zone-b-1', 'Taints')).toContainText('node.kubernetes.io/unschedulable:NoSchedule');

  await page.getByRole('button', { name: 'Partition zone-c', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Heal zone-c', exact: true })).toBeVisible();
  await expect(await cell(nodes, 'zone-c-1', 'Machine')).toHaveText('power on, cut off');
});
