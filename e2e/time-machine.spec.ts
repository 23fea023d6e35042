/**
 * The time machine as a user has it: kill a node, play ten minutes, go back
 * before the kill (dragging the strip, and from the keyboard), act there
 * (history is rewritten from that instant), undo. Sharing, reloading and
 * exporting are in share.spec.ts.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const strip = (page: Page) => page.getByRole('slider', { name: 'Simulated time' });
const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });
const card = (page: Page, node: string) => page.getByRole('group', { name: new RegExp(`^Node ${node},`) });
const stepMinute = (page: Page) => page.getByRole('button', { name: 'Step +1 min', exact: true }).click();

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** The pods a node's card shows, as their chips describe them (name, owner, status), sorted; pods that are gone are left out. */
async function podsOn(page: Page, node: string): Promise<string[]> {
  const chips = await card(page, node).locator('[data-pod]:not([data-gone])').evaluateAll((list) => list.map((chip) => chip.getAttribute('title') ?? ''));
  return chips.sort();
}

async function nodeAction(page: Page, node: string, item: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${node}`, exact: true }).click();
  await page.getByRole('menu', { name: `Actions for ${node}` }).getByRole('menuitem', { name: item, exact: true }).click();
}

/** Drags the strip's playhead from where it is to `fraction` of the way across, in small moves as a hand would. */
async function dragStripTo(page: Page, fraction: number): Promise<void> {
  const box = (await strip(page).boundingBox())!;
  const y = box.y + box.height / 2;
  const now = Number(await strip(page).getAttribute('aria-valuenow'));
  const max = Number(await strip(page).getAttribute('aria-valuemax'));
  await page.mouse.move(box.x + (box.width * now) / max - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * fraction, y, { steps: 12 });
  await page.mouse.up();
}

test('going back before a kill shows the node Ready with its pods; acting there rewrites history, and undo brings it back', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('./?paused');
  await expect(card(page, 'zone-a-1')).toBeVisible();
  await stepMinute(page);
  await expect(clock(page)).toHaveText('t = 1m');
  await expect(card(page, 'zone-a-1')).toHaveAccessibleName(/^Node zone-a-1, Ready True/);
  const podsBefore = await podsOn(page, 'zone-a-1');
  expect(podsBefore.length).toBeGreaterThan(0);
  await expect(timeline(page)).toContainText('Live');

  // Kill it and play ten minutes: NotReady (Unknown), tainted, its pods evicted and replaced.
  await nodeAction(page, 'zone-a-1', 'Kill');
  for (let i = 0; i < 10; i++) await stepMinute(page);
  await expect(clock(page)).toHaveText('t = 11m');
  await expect(card(page, 'zone-a-1')).toHaveAccessibleName(/^Node zone-a-1, Ready Unknown, power off/);
  const podsAfter = await podsOn(page, 'zone-a-1');
  // Evicted: the Deployment's pod is Terminating on the dead node (its kubelet cannot confirm).
  expect(podsAfter.find((pod) => pod.startsWith('Pod web-'))).toMatch(/Terminating/);
  expect(podsBefore.every((pod) => pod.includes('Running'))).toBe(true);
  await snap(page, testInfo, '1-killed-ten-minutes-on');

  // Drag the strip back to about t = 30 s: the page shows that instant, before the kill.
  await dragStripTo(page, 0.5 / 11);
  await expect(timeline(page)).toContainText('Viewing the past');
  await expect(clock(page)).toHaveText(/^t = (2\d|3\d)s$/);
  await expect(card(page, 'zone-a-1')).toHaveAccessibleName(/^Node zone-a-1, Ready True$/);
  expect(await podsOn(page, 'zone-a-1')).toEqual(podsBefore);
  await snap(page, testInfo, '2-dragged-back');

  // The keyboard: End is the latest time (the dead node again), Home then 40 × → is t = 40 s.
  await strip(page).focus();
  await page.keyboard.press('End');
  await expect(clock(page)).toHaveText('t = 11m');
  await expect(card(page, 'zone-a-1')).toHaveAccessibleName(/Ready Unknown/);
  await page.keyboard.press('Home');
  await expect(clock(page)).toHaveText('t = 0s');
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  await expect(clock(page)).toHaveText('t = 40s');
  await expect(strip(page)).toHaveAttribute('aria-valuenow', '40000');
  await expect(card(page, 'zone-a-1')).toHaveAccessibleName(/^Node zone-a-1, Ready True$/);
  expect(await podsOn(page, 'zone-a-1')).toEqual(podsBefore);

  // Acting there forks: the kill and everything after it are gone, the timeline says so.
  await nodeAction(page, 'zone-b-2', 'Cordon');
  await expect(timeline(page)).toContainText('History rewritten at 40s');
  await expect(timeline(page)).toContainText('Live');
  await expect(strip(page)).toHaveAttribute('aria-valuemax', /^4000\d$/);
  for (let i = 0; i < 11; i++) await stepMinute(page);
  await expect(card(page, 'zone-a-1')).toHaveAccessibleName(/^Node zone-a-1, Ready True$/);
  await expect(card(page, 'zone-b-2')).toHaveAccessibleName(/^Node zone-b-2, Ready True, cordoned/);
  expect(await podsOn(page, 'zone-a-1')).toEqual(podsBefore);
  await snap(page, testInfo, '3-history-rewritten');

  // Undo brings the discarded future back, shown at the fork instant; its end is the dead node again.
  await page.getByRole('button', { name: 'Undo rewrite', exact: true }).click();
  await expect(timeline(page)).toContainText('Viewing the past');
  await expect(timeline(page)).not.toContainText('History rewritten');
  await expect(clock(page)).toHaveText('t = 40s');
  await expect(card(page, 'zone-b-2')).toHaveAccessibleName(/^Node zone-b-2, Ready True$/);
  await page.getByRole('button', { name: /^Back to live/ }).click();
  await expect(timeline(page)).toContainText('Live');
  await expect(clock(page)).toHaveText('t = 11m');
  await expect(card(page, 'zone-a-1')).toHaveAccessibleName(/^Node zone-a-1, Ready Unknown, power off/);
  expect(await podsOn(page, 'zone-a-1')).toEqual(podsAfter);
  await snap(page, testInfo, '4-undone-back-to-live');
});
