/**
 * The timeline dock as a user meets it: markers labelled on hover and on
 * keyboard focus, `[` `]` between markers, the strip's keys, the charts'
 * hover values and click-to-seek, their table for screen readers, and the
 * "viewing the past" / "live" state with one action back. Screenshots of the
 * dock at the three design sizes (test-results/screens/dock-*.png).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const strip = (page: Page) => page.getByRole('slider', { name: 'Simulated time' });
const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });
const markerBar = (page: Page) => page.getByRole('toolbar', { name: 'Markers: moments that matter' });
const stepMinute = (page: Page) => page.getByRole('button', { name: 'Step +1 min', exact: true }).click();
/** The value a chart legend shows for one series ("zone-a", "Running", "Evictions"). */
const legendValue = (page: Page, series: string) =>
  page.locator('.tl-legend-list li').filter({ has: page.locator('.tl-legend-label', { hasText: new RegExp(`^${series}$`) }) }).locator('.tl-legend-value');

/** "t = 1m40s" → 100 000 ms (whole seconds, as the page writes them). */
function msOf(moment: string): number {
  const match = /t = (?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?/.exec(moment);
  if (!match) throw new Error(`not a moment: ${moment}`);
  const [, h = '0', m = '0', s = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

/** Boots the default cluster paused, kills zone-a-1 at 1 min and plays on to 9 min: NotReady, taints, evictions. */
async function killAndPlay(page: Page): Promise<void> {
  await page.goto('./?paused');
  await expect(page.getByRole('group', { name: /^Node zone-a-1,/ })).toBeVisible();
  await stepMinute(page);
  await page.getByRole('button', { name: 'Actions for zone-a-1', exact: true }).click();
  await page.getByRole('menu', { name: 'Actions for zone-a-1' }).getByRole('menuitem', { name: 'Kill', exact: true }).click();
  for (let i = 0; i < 8; i++) await stepMinute(page);
  await expect(clock(page)).toHaveText('t = 9m');
}

/** Every marker instant the labels name (a group's own and its members'), in seconds as shown, oldest first. */
async function markerSeconds(page: Page): Promise<number[]> {
  const labels = await markerBar(page).getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.querySelector('.tl-tip')?.textContent ?? ''));
  const all = labels.flatMap((text) => [...text.matchAll(/t = [0-9hms]+/g)].map((m) => msOf(m[0]) / 1000));
  return [...new Set(all)].sort((a, b) => a - b);
}

async function hoverPlot(plot: Locator, fraction: number): Promise<void> {
  const box = (await plot.boundingBox())!;
  await plot.page().mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
}

test('markers are labelled on hover and on keyboard focus, and [ ] step between them', async ({ page }) => {
  test.setTimeout(90_000);
  await killAndPlay(page);
  const markers = markerBar(page).getByRole('button');
  expect(await markers.count()).toBeGreaterThanOrEqual(3);

  // The first marker is the kill, labelled with its instant and what it was.
  const first = markers.first();
  await expect(first).toHaveAccessibleName(/^t = 1m: Your action: .*zone-a-1/);
  const firstTip = first.locator('.tl-tip');
  await expect(firstTip).toBeHidden();
  await first.hover();
  await expect(firstTip).toBeVisible();
  await expect(firstTip).toContainText('t = 1m');
  await expect(firstTip).toContainText('zone-a-1');
  await page.mouse.move(0, 0);
  await expect(firstTip).toBeHidden();

  // From the keyboard: Shift+Tab from the strip reaches the toolbar; arrows move along it; the focused marker shows its label.
  await strip(page).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(first).toBeFocused();
  await expect(firstTip).toBeVisible();
  await page.keyboard.press('ArrowRight');
  const second = markers.nth(1);
  await expect(second).toBeFocused();
  await expect(second.locator('.tl-tip')).toBeVisible();
  await expect(second.locator('.tl-tip')).toContainText(/Node not ready|Taint added|Eviction/);
  await expect(firstTip).toBeHidden();
  // Pressing a marker shows its instant.
  const secondAt = msOf((await second.getAttribute('aria-label'))!);
  await page.keyboard.press('Enter');
  await expect(timeline(page)).toContainText('Viewing the past');
  await expect.poll(async () => msOf((await clock(page).textContent())!)).toBe(secondAt);

  // [ and ] walk the markers' instants one by one, from the start and back from the end.
  const seconds = await markerSeconds(page);
  expect(seconds[0]).toBe(60);
  await strip(page).focus();
  await page.keyboard.press('Home');
  await expect(clock(page)).toHaveText('t = 0s');
  const forward: number[] = [];
  for (let i = 0; i < Math.min(seconds.length, 4); i++) {
    const before = await strip(page).getAttribute('aria-valuenow');
    await page.keyboard.press(']');
    await expect(strip(page)).not.toHaveAttribute('aria-valuenow', before!);
    const second = Math.floor(Number(await strip(page).getAttribute('aria-valuenow')) / 1000);
    if (forward.at(-1) !== second) forward.push(second);
  }
  expect(forward).toEqual(seconds.slice(0, forward.length));
  await page.keyboard.press('End');
  await expect(clock(page)).toHaveText('t = 9m');
  await page.keyboard.press('[');
  await expect(clock(page)).toHaveText(new RegExp(`^t = ${formatSeconds(seconds.at(-1)!)}$`));
});

function formatSeconds(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${sec || (!h && !m) ? `${sec}s` : ''}`;
}

test('the strip steps by keys; the charts show values under the pointer and seek on click; the table lists them; one action back to live', async ({ page }) => {
  test.setTimeout(90_000);
  await killAndPlay(page);
  await expect(timeline(page)).toContainText('Live');
  await expect(page.getByRole('button', { name: /^Back to live/ })).toHaveCount(0);

  // Keys on the strip: ← 1 s, Shift+← 10 s, Page Down 1 min, Home, End.
  await strip(page).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(clock(page)).toHaveText('t = 8m59s');
  await expect(timeline(page)).toContainText('Viewing the past');
  await expect(strip(page)).toHaveAttribute('aria-valuetext', 't = 8m59s, viewing the past');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(clock(page)).toHaveText('t = 8m49s');
  await page.keyboard.press('PageDown');
  await expect(clock(page)).toHaveText('t = 7m49s');
  await page.keyboard.press('Home');
  await expect(clock(page)).toHaveText('t = 0s');
  await page.keyboard.press('End');
  await expect(clock(page)).toHaveText('t = 9m');
  await expect(strip(page)).toHaveAttribute('aria-valuenow', (await strip(page).getAttribute('aria-valuemax'))!);

  // Hovering a chart: the legends show the values at that instant, and the header says which instant.
  // The plotting area (uPlot's overlay), which shares the strip's axis; the y-axis labels sit left of it.
  const readyPlot = page.locator('.tl-plot').first().locator('.u-over');
  await hoverPlot(readyPlot, 0.5 / 9);
  await expect(page.locator('.tl-cursor')).toHaveText(/^t = (2\d|3\d)s · click to view$/);
  await expect(legendValue(page, 'zone-a')).toHaveText('3');
  await expect(legendValue(page, 'Running')).toHaveText(/^[1-9]\d*$/);
  await expect(legendValue(page, 'Terminating')).toHaveText('0');
  await hoverPlot(readyPlot, 8.5 / 9);
  await expect(page.locator('.tl-cursor')).toHaveText(/^t = 7m|^t = 8m/);
  await expect(legendValue(page, 'zone-a')).toHaveText('2');
  await expect(legendValue(page, 'zone-b')).toHaveText('3');

  // Clicking a chart seeks there: the past is shown, the node is Ready again.
  const box = (await readyPlot.boundingBox())!;
  await page.mouse.click(box.x + (box.width * 0.5) / 9, box.y + box.height / 2);
  await expect(timeline(page)).toContainText('Viewing the past');
  await expect(clock(page)).toHaveText(/^t = (2\d|3\d)s$/);
  await expect(page.getByRole('group', { name: /^Node zone-a-1,/ })).toHaveAccessibleName(/^Node zone-a-1, Ready True$/);
  await page.mouse.move(0, 0);
  await expect(page.locator('.tl-cursor')).toHaveText('');
  // With the pointer away, the legends show the shown instant.
  await expect(legendValue(page, 'zone-a')).toHaveText('3');

  // The table equivalent: a row per minute with the same numbers.
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Table', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const table = page.getByRole('region', { name: 'Chart data per minute' }).getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Ready in zone-a' })).toBeVisible();
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(1 + 9);
  const cells = async (minute: string) => (await table.getByRole('row', { name: new RegExp(`^${minute} `) }).getByRole('cell').allTextContents()).map(Number);
  // Columns: Ready in zone-a, zone-b, zone-c, Running, Pending, Terminating, Failed, Evictions, FailedScheduling.
  const firstMinute = await cells('0s–1m');
  expect(firstMinute.slice(0, 3)).toEqual([3, 3, 3]);
  expect(firstMinute[3]).toBeGreaterThan(0);
  const lastMinute = await cells('8m–9m');
  expect(lastMinute.slice(0, 3)).toEqual([2, 3, 3]);
  // The kill's pods were evicted after the 300 s toleration: some minute counts them.
  const evictions = await Promise.all(['5m–6m', '6m–7m', '7m–8m'].map(async (m) => (await cells(m))[7]!));
  expect(evictions.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  await expect(page.locator('.tl-plot').first()).toBeVisible();

  // One action back to live: the button (and `l` from anywhere).
  await page.getByRole('button', { name: /^Back to live/ }).click();
  await expect(timeline(page)).toContainText('Live');
  await expect(clock(page)).toHaveText('t = 9m');
  await expect(page.getByRole('button', { name: /^Back to live/ })).toHaveCount(0);
  await strip(page).focus();
  await page.keyboard.press('Home');
  await expect(timeline(page)).toContainText('Viewing the past');
  await page.keyboard.press('l');
  await expect(timeline(page)).toContainText('Live');
  await expect(clock(page)).toHaveText('t = 9m');
});

const SIZES = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '390x844', width: 390, height: 844 },
] as const;

for (const size of SIZES) {
  test(`the dock at ${size.name}`, async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await killAndPlay(page);
    const dock = page.locator('.tl-dock');
    await dock.scrollIntoViewIfNeeded();
    const shot = async (name: string, fullPage = false) => {
      const path = `test-results/screens/dock-${size.name}-${name}.png`;
      await page.screenshot({ path, fullPage });
      await testInfo.attach(name, { path, contentType: 'image/png' });
    };
    // The dock is inside the viewport's width, whole.
    const box = (await dock.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    // Below 900 px the page scrolls: the whole page, to see the dock end to end.
    await shot('1-live', size.width < 900);
    await strip(page).focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('PageUp');
    await expect(timeline(page)).toContainText('Viewing the past');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowRight');
    await expect(markerBar(page).getByRole('button').nth(1).locator('.tl-tip')).toBeVisible();
    await shot('2-past-marker-focused');
    const plot = page.locator('.tl-plot').first().locator('.u-over');
    await plot.scrollIntoViewIfNeeded();
    await hoverPlot(plot, 0.7);
    await expect(page.locator('.tl-cursor')).toContainText('click to view');
    await shot('3-chart-hover');
    await page.getByRole('button', { name: 'Table', exact: true }).click();
    await shot('4-table');
  });
}
