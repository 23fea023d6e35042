import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';

/** Screenshots go to the report and to test-results/screens/, where they are easy to open. */
async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = `test-results/screens/graph-${name}.png`;
  // From the top, so the sticky header is not drawn across the middle of a full-page shot.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const card = (page: Page, node: string) => page.getByRole('group', { name: new RegExp(`^Node ${node},`) });
const zone = (page: Page, name: string) => page.getByRole('group', { name: `Zone ${name}`, exact: true });
const heartbeat = (page: Page, node: string) => page.getByRole('group', { name: `Heartbeat ${node}`, exact: true });
const lastAction = (page: Page) => page.getByRole('status').filter({ hasText: /Last action|Could not do it/ });

async function stepMinute(page: Page, expected: string): Promise<void> {
  await page.getByRole('button', { name: 'Step +1 min', exact: true }).click();
  await expect(clock(page)).toHaveText(expected);
}

async function chooseFromMenu(page: Page, trigger: Locator, menuName: string, item: string): Promise<void> {
  await trigger.click();
  const menu = page.getByRole('menu', { name: menuName });
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
  await expect(menu).toBeHidden();
}

// Full-size cards (text, taints, meters): a window where the whole default cluster fits above the overview zoom.
test.use({ viewport: { width: 1920, height: 1080 } });

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('the graph shows zones, node cards, heartbeats; a killed node and a cut-off zone read right', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const errors = watchErrors(page);
  await page.goto('./?paused');
  await expect(clock(page)).toHaveText('t = 0s');
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');

  await expect(page.getByRole('group', { name: /^Zone / })).toHaveCount(3);
  const cards = page.getByRole('group', { name: /^Node / });
  await expect(cards).toHaveCount(9);
  await expect(page.getByRole('group', { name: /^Node .*, Ready True$/ })).toHaveCount(9);
  await expect(card(page, 'zone-a-1')).toContainText('Ready True');
  // The controllers' pods, as the scheduler placed them: every node runs the log agent (a DaemonSet).
  const a1Pods = card(page, 'zone-a-1').getByRole('list', { name: 'Pods on zone-a-1' });
  await expect(a1Pods.getByRole('listitem', { name: /^Pod log-agent-.*, owner DaemonSet/ })).toHaveCount(1);
  await expect(a1Pods.getByRole('listitem', { name: /^Pod web-.*, owner ReplicaSet web-/ })).not.toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Control plane' })).toContainText('API server');
  await snap(page, testInfo, '1-booted');

  // Keyboard: Tab from the zone's header reaches the first card; Enter opens its menu.
  await page.getByRole('button', { name: 'Actions for zone-a', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(card(page, 'zone-a-1')).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for zone-a-1' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Kill', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Graceful shutdown' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem').last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(menu.getByRole('menuitem', { name: 'Kill', exact: true })).toBeFocused();
  await snap(page, testInfo, '2-menu-open');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(page.getByRole('button', { name: 'Actions for zone-a-1', exact: true })).toBeFocused();
  // The card's own Enter again, then choose Kill.
  await card(page, 'zone-a-1').focus();
  await page.keyboard.press('Enter');
  await expect(menu.getByRole('menuitem', { name: 'Kill', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(lastAction(page)).toContainText('node zone-a-1 loses power');
  await expect(card(page, 'zone-a-1')).toContainText('power off');
  await expect(heartbeat(page, 'zone-a-1')).toHaveText('no heartbeat');

  await stepMinute(page, 't = 1m');
  await stepMinute(page, 't = 2m');
  const a1 = card(page, 'zone-a-1');
  await expect(a1).toHaveAccessibleName(/^Node zone-a-1, Ready Unknown/);
  await expect(a1).toContainText('Ready Unknown');
  const taints = a1.getByRole('list', { name: 'Taints' }).getByRole('listitem');
  await expect(taints.filter({ hasText: 'node.kubernetes.io/unreachable:NoSchedule' })).toHaveText(/unreachable:NoSchedule \d+m(\d+s)? ago$/);
  await expect(taints.filter({ hasText: 'node.kubernetes.io/unreachable:NoExecute' })).toHaveText(/unreachable:NoExecute \d+m(\d+s)? ago$/);
  await expect(heartbeat(page, 'zone-a-1')).toHaveText('no heartbeat');
  await expect(heartbeat(page, 'zone-a-2')).not.toContainText('no heartbeat');
  // Its Deployment pod shows its eviction countdown.
  await expect(a1.getByRole('listitem', { name: /^Pod web-/ }).first()).toContainText(/\dm(\d+s)?/);
  await expect(card(page, 'zone-a-2')).toHaveAccessibleName(/Ready True/);
  await snap(page, testInfo, '3-killed-node-unknown');

  await chooseFromMenu(page, page.getByRole('button', { name: 'Actions for zone-b', exact: true }), 'Actions for zone-b', 'Partition');
  for (const node of ['zone-b-1', 'zone-b-2', 'zone-b-3']) await expect(heartbeat(page, node)).toHaveText('✂ cut off');
  await expect(zone(page, 'zone-b')).toContainText('cut off');
  await snap(page, testInfo, '4-zone-b-cut');

  await stepMinute(page, 't = 3m');
  await expect(zone(page, 'zone-b')).toContainText('FullDisruption');
  await expect(zone(page, 'zone-a')).toContainText('Normal');
  for (const node of ['zone-b-1', 'zone-b-2', 'zone-b-3']) await expect(card(page, node)).toHaveAccessibleName(/Ready Unknown/);
  await snap(page, testInfo, '5-zone-b-full-disruption');

  await chooseFromMenu(page, page.getByRole('button', { name: 'Actions for zone-b', exact: true }), 'Actions for zone-b', 'Heal');
  for (const node of ['zone-b-1', 'zone-b-2', 'zone-b-3']) await expect(heartbeat(page, node)).not.toContainText('cut off');
  await stepMinute(page, 't = 4m');
  await expect(zone(page, 'zone-b')).toContainText('Normal');
  await expect(page.getByRole('group', { name: /^Node zone-b-\d, Ready True$/ })).toHaveCount(3);
  await snap(page, testInfo, '6-zone-b-healed');
  expect(errors).toEqual([]);
});

test('node forms and actions: taint, condition, cordon, drain, add a node', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const errors = watchErrors(page);
  await page.goto('./?paused');
  const c2 = card(page, 'zone-c-2');
  await expect(c2).toHaveAccessibleName(/Ready True/);
  const actions = page.getByRole('button', { name: 'Actions for zone-c-2', exact: true });

  await chooseFromMenu(page, actions, 'Actions for zone-c-2', 'Add taint…');
  const addTaint = page.getByRole('dialog', { name: 'Add a taint to zone-c-2' });
  await expect(addTaint).toBeVisible();
  await addTaint.getByLabel('Key').fill('example.com/maintenance');
  await addTaint.getByLabel('Effect').selectOption('NoExecute');
  await snap(page, testInfo, '7-taint-dialog');
  await addTaint.getByRole('button', { name: 'Add taint' }).click();
  await expect(addTaint).toBeHidden();
  await expect(lastAction(page)).toContainText('kubectl taint node zone-c-2 example.com/maintenance:NoExecute');
  const taints = c2.getByRole('list', { name: 'Taints' }).getByRole('listitem');
  await expect(taints).toHaveText([/^example\.com\/maintenance:NoExecute 0s ago$/]);

  await chooseFromMenu(page, actions, 'Actions for zone-c-2', 'Remove taint…');
  const removeTaint = page.getByRole('dialog', { name: 'Remove a taint from zone-c-2' });
  await expect(removeTaint.getByRole('radio', { name: 'example.com/maintenance:NoExecute' })).toBeChecked();
  await removeTaint.getByRole('button', { name: 'Remove taint' }).click();
  await expect(c2).toContainText('No taints');

  // Escape closes a form without doing anything, and focus goes back to the menu button.
  await chooseFromMenu(page, actions, 'Actions for zone-c-2', 'Set condition…');
  const condition = page.getByRole('dialog', { name: 'Set a condition on zone-c-2' });
  await expect(condition).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(condition).toBeHidden();
  await expect(actions).toBeFocused();

  await chooseFromMenu(page, actions, 'Actions for zone-c-2', 'Set condition…');
  await condition.getByLabel('Condition').selectOption('MemoryPressure');
  await expect(condition.getByLabel('Status')).toHaveValue('True');
  await condition.getByRole('button', { name: 'Set condition' }).click();
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await expect(clock(page)).toHaveText('t = 10s');
  await expect(c2.getByRole('list', { name: 'Other conditions' })).toContainText('MemoryPressure True');
  await expect(taints.filter({ hasText: 'memory-pressure:NoSchedule' })).toHaveCount(1);

  await chooseFromMenu(page, actions, 'Actions for zone-c-2', 'Cordon');
  await expect(c2).toHaveAccessibleName(/cordoned/);
  await expect(c2).toContainText('cordoned');

  // Drain goes to the engine whatever it supports; the page shows its answer.
  await chooseFromMenu(page, actions, 'Actions for zone-c-2', 'Drain');
  await expect(lastAction(page)).toContainText('kubectl drain zone-c-2');

  await page.getByRole('button', { name: 'Add a node to zone-c', exact: true }).click();
  await expect(card(page, 'zone-c-4')).toBeVisible();
  await expect(page.getByRole('group', { name: /^Node / })).toHaveCount(10);
  await expect(heartbeat(page, 'zone-c-4')).toBeAttached();
  await expect(zone(page, 'zone-c')).toContainText('/ 4 Ready');
  await snap(page, testInfo, '8-forms-and-new-node');
  expect(errors).toEqual([]);
});

test('clicking a node card, or pressing i on it, opens the inspector for that node', async ({ page }) => {
  await page.goto('./?paused');
  const cardB = page.getByRole('group', { name: /^Node zone-b-2,/ });
  await expect(cardB).toBeVisible();
  await cardB.click({ position: { x: 60, y: 12 } });
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector).toContainText('zone-b-2');
  await page.keyboard.press('Escape');
  const cardC = page.getByRole('group', { name: /^Node zone-c-1,/ });
  await cardC.focus();
  await page.keyboard.press('i');
  await expect(inspector).toContainText('zone-c-1');
});
