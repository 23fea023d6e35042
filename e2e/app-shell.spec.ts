/**
 * The page as an app: it fills the window and never scrolls as a document,
 * the side panel resizes and collapses from the keyboard and the pointer,
 * narrow screens stack the panels, and keyboard users keep their place.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const card = (page: Page, node: string) => page.getByRole('group', { name: new RegExp(`^Node ${node},`) });
const splitter = (page: Page) => page.getByRole('separator', { name: 'Side panel width' });
const events = (page: Page) => page.getByRole('table', { name: 'Events' });
const dock = (page: Page) => page.getByRole('region', { name: 'Timeline' });
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, `${locator} has a box`).not.toBeNull();
  return b!;
}

/** The document's scroll size against the window: equal when the page does not scroll. */
const documentOverflow = (page: Page) =>
  page.evaluate(() => {
    const el = document.scrollingElement!;
    return { x: el.scrollWidth - window.innerWidth, y: el.scrollHeight - window.innerHeight };
  });

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${size.width}×${size.height} the page does not scroll; the whole cluster, the event log and the dock show together`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('./?paused');
    await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
    await expect(clock(page)).toHaveText('t = 10s');
    await expect(page.getByRole('group', { name: /^Node / })).toHaveCount(9);
    expect(await documentOverflow(page)).toEqual({ x: 0, y: 0 });

    // Every card inside the canvas (fit view), the canvas inside the window.
    const wrap = await box(page.locator('.graph-wrap'));
    expect(wrap.y + wrap.height).toBeLessThanOrEqual(size.height);
    for (const node of ['zone-a-1', 'zone-a-3', 'zone-b-2', 'zone-c-1', 'zone-c-3']) {
      const b = await box(card(page, node));
      expect(b.x).toBeGreaterThanOrEqual(wrap.x);
      expect(b.y).toBeGreaterThanOrEqual(wrap.y);
      expect(b.x + b.width).toBeLessThanOrEqual(wrap.x + wrap.width);
      expect(b.y + b.height).toBeLessThanOrEqual(wrap.y + wrap.height);
    }
    // The event log beside it, with its first rows on screen, and the dock below.
    await expect(events(page)).toBeInViewport();
    await expect(events(page).getByRole('row').nth(1)).toBeInViewport();
    expect((await box(events(page))).x).toBeGreaterThanOrEqual(wrap.x + wrap.width);
    await expect(dock(page)).toBeInViewport();
    const dockBox = await box(dock(page));
    expect(dockBox.y).toBeGreaterThanOrEqual(wrap.y + wrap.height);
    expect(dockBox.y + dockBox.height).toBeLessThanOrEqual(size.height + 1);
    // Content uses the full width: the side panel ends at the window's edge.
    const side = await box(page.locator('#side-panel'));
    expect(side.x + side.width).toBeGreaterThanOrEqual(size.width - 1);
    expect(dockBox.width).toBeGreaterThanOrEqual(size.width - 1);
  });
}

test('the side panel resizes from the keyboard and the pointer, and collapses and opens again', async ({ page }) => {
  await page.goto('./?paused');
  const handle = splitter(page);
  const side = page.locator('#side-panel');
  await expect(handle).toBeVisible();
  const start = Number(await handle.getAttribute('aria-valuenow'));
  expect(Math.abs((await box(side)).width - start)).toBeLessThanOrEqual(1);

  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(handle).toHaveAttribute('aria-valuenow', String(start + 24));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(start - 24));
  expect(Math.abs((await box(side)).width - (start - 24))).toBeLessThanOrEqual(1);
  await page.keyboard.press('Home');
  await expect(handle).toHaveAttribute('aria-valuenow', '280');
  await page.keyboard.press('End');
  await expect(handle).toHaveAttribute('aria-valuenow', '720');
  expect(Math.abs((await box(side)).width - 720)).toBeLessThanOrEqual(1);
  // Still no document scroll with the widest panel.
  expect(await documentOverflow(page)).toEqual({ x: 0, y: 0 });

  // The pointer: drag the handle 100 px to the right, the panel narrows by 100 px.
  const h = await box(handle);
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(h.x + h.width / 2 + 50, h.y + h.height / 2);
  await page.mouse.move(h.x + h.width / 2 + 100, h.y + h.height / 2);
  await page.mouse.up();
  await expect(handle).toHaveAttribute('aria-valuenow', '620');

  // Enter collapses it to a rail of its tab names; the graph takes the room.
  const wrapBefore = (await box(page.locator('.graph-wrap'))).width;
  await handle.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Events' })).toBeHidden();
  await expect(events(page)).toBeHidden();
  const open = page.getByRole('button', { name: 'Show the side panel' });
  await expect(open).toBeVisible();
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(async () => (await box(page.locator('.graph-wrap'))).width).toBeGreaterThan(wrapBefore + 500);
  await open.click();
  await expect(events(page)).toBeVisible();
  await expect(splitter(page)).toHaveAttribute('aria-valuenow', '620');

  // The panel's own button collapses it too; a tab name on the rail opens that tab.
  await page.getByRole('button', { name: 'Hide the side panel' }).click();
  await page.getByRole('button', { name: 'Inspector', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Nothing selected.')).toBeVisible();
  // Arrow keys move between the tabs.
  await page.getByRole('tab', { name: 'Inspector' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Events' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  await expect(events(page)).toBeVisible();
});

test('selecting shows the Inspector tab, closing it goes back to Events; the dock collapses', async ({ page }) => {
  await page.goto('./?paused');
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  await card(page, 'zone-b-1').focus();
  await page.keyboard.press('i');
  await expect(inspector(page).getByRole('heading', { name: 'Node zone-b-1' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
  await expect(inspector(page)).toContainText('On; its kubelet reaches the API server');
  await page.keyboard.press('Escape');
  await expect(inspector(page)).toBeHidden();
  await expect(card(page, 'zone-b-1')).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');

  const toggle = dock(page).getByRole('button', { name: /the timeline/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const wrapBefore = (await box(page.locator('.graph-wrap'))).height;
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(async () => (await box(page.locator('.graph-wrap'))).height).toBeGreaterThan(wrapBefore + 100);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
});

test('after an action from a card’s menu, focus is back on the card: i and ↓ work at once', async ({ page }) => {
  await page.goto('./?paused');
  const c1 = card(page, 'zone-c-1');
  await c1.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for zone-c-1' });
  await menu.getByRole('menuitem', { name: 'Cordon' }).focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(c1).toHaveAccessibleName(/cordoned/);
  await expect(c1).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveAttribute('data-pod', /.+/);
  await page.keyboard.press('Escape');
  await expect(c1).toBeFocused();

  // With the pointer too: the ⋯ button, then Uncordon; then "i" inspects the card.
  await page.getByRole('button', { name: 'Actions for zone-c-1', exact: true }).click();
  await menu.getByRole('menuitem', { name: 'Uncordon' }).click();
  await expect(c1).toBeFocused();
  await page.keyboard.press('i');
  await expect(inspector(page).getByRole('heading', { name: 'Node zone-c-1' })).toBeVisible();
  await page.keyboard.press('Escape');

  // A form from the menu: submitted, focus goes to the card as well.
  await page.getByRole('button', { name: 'Actions for zone-c-1', exact: true }).click();
  await menu.getByRole('menuitem', { name: 'Add taint…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a taint to zone-c-1' });
  await dialog.getByRole('button', { name: 'Add taint' }).click();
  await expect(dialog).toBeHidden();
  await expect(c1).toBeFocused();
});

test('the first Tab stop skips to the graph, from either view', async ({ page }) => {
  await page.goto('./?paused');
  await expect(card(page, 'zone-a-1')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the graph' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Cluster graph' })).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('#graph'))).toBe(true);

  await page.getByRole('tab', { name: 'Table' }).click();
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Cluster graph' })).toBeFocused();
});

test('the hint follows the last action, and is true per workload kind', async ({ page }) => {
  await page.goto('./?paused');
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await expect(clock(page)).toHaveText('t = 10s');
  const hint = page.locator('.hint');
  await expect(hint).toContainText('Try it: kill a node');
  // The node that runs db-0 (wherever the scheduler put it).
  const db0 = page.locator('.card:has([data-pod="default/db-0"])');
  const name = ((await db0.getAttribute('data-stop')) ?? '').replace('card:', '');
  expect(name).toMatch(/^zone-/);
  await page.getByRole('button', { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole('menu', { name: `Actions for ${name}` }).getByRole('menuitem', { name: 'Kill', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Last action' })).toContainText(`node ${name} loses power`);
  await expect(hint).toContainText(`What to watch: ${name} is off`);
  await expect(hint).toContainText('db-0 (StatefulSet) is evicted but not replaced');
  await expect(hint).toContainText(/kube-proxy-\w+ and log-agent-\w+ \(DaemonSet\) tolerate the taint and stay/);
  await expect(hint).not.toContainText('Try it');

  await page.getByRole('button', { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole('menu', { name: `Actions for ${name}` }).getByRole('menuitem', { name: 'Start', exact: true }).click();
  await expect(hint).toContainText(`${name} boots`);
});

test.describe('on a 390 × 844 touch screen', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the panels stack, everything is reachable by touch, tables scroll inside their panel, targets are at least 24 px', async ({ page }) => {
    await page.goto('./?paused');
    await expect(card(page, 'zone-a-1')).toBeVisible();
    expect((await documentOverflow(page)).x).toBeLessThanOrEqual(0);
    // Stacked: graph, then the side panel, then the dock.
    const wrap = await box(page.locator('.graph-wrap'));
    const side = await box(page.locator('#side-panel'));
    const dockBox = await box(dock(page));
    expect(side.y).toBeGreaterThanOrEqual(wrap.y + wrap.height);
    expect(dockBox.y).toBeGreaterThanOrEqual(side.y + side.height - 1);
    expect(side.width).toBeGreaterThan(370);

    // Tap a card: the inspector opens below the graph.
    await card(page, 'zone-b-1').tap({ position: { x: 30, y: 10 } });
    await expect(inspector(page).getByRole('heading', { name: 'Node zone-b-1' })).toBeVisible();
    await page.getByRole('tab', { name: 'Events' }).tap();
    await expect(events(page)).toBeVisible();

    // Header menus open on tap and fit the screen.
    await page.getByRole('button', { name: 'Scenario', exact: true }).tap();
    const scenario = page.getByRole('group', { name: 'Scenario' });
    await expect(scenario.getByRole('button', { name: 'Open scenario file…' })).toBeVisible();
    const menuBox = await box(scenario);
    expect(menuBox.x).toBeGreaterThanOrEqual(0);
    expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Scenario', exact: true }).tap();
    await expect(scenario).toBeHidden();

    // Every visible control outside the zoomed canvas is at least 24 × 24 px.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, select, input:not([type=file]), a[href], [role="tab"], [role="separator"]')]
        .filter((el) => !el.closest('.react-flow__viewport') && !el.classList.contains('link') && !el.closest('p, li, dd'))
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0)
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ el, r }) => `${el.tagName} "${el.getAttribute('aria-label') ?? el.textContent?.trim()}" ${Math.round(r.width)}×${Math.round(r.height)}`),
    );
    expect(small).toEqual([]);

    // The Table view: wide tables scroll inside their panel, the page does not widen.
    await page.getByRole('tab', { name: 'Table' }).tap();
    const nodes = page.getByRole('table', { name: 'Nodes' });
    await expect(nodes).toBeVisible();
    expect((await documentOverflow(page)).x).toBeLessThanOrEqual(0);
    const scroller = nodes.locator('xpath=..');
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(clientWidth).toBeLessThanOrEqual(390);
    await scroller.evaluate((el) => el.scrollBy(200, 0));
    expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect((await documentOverflow(page)).x).toBeLessThanOrEqual(0);
  });
});
