import { expect, test, type Page } from '@playwright/test';

// Tracing records a screencast, which would measure itself.
test.use({ trace: 'off', screenshot: 'off' });

const SEEKS = 40;

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const strip = (page: Page) => page.getByRole('slider', { name: 'Simulated time' });

async function zoneAction(page: Page, zone: string, item: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${zone}`, exact: true }).click();
  await page.getByRole('menu', { name: `Actions for ${zone}` }).getByRole('menuitem', { name: item, exact: true }).click();
}

/** Plays at 600× until the clock reads at least `minutes`, then pauses. */
async function playTo(page: Page, minutes: number): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect
    .poll(async () => Number((await strip(page).getAttribute('aria-valuemax')) ?? 0), { timeout: 300_000, intervals: [250] })
    .toBeGreaterThanOrEqual(minutes * 60_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
}

/**
 * Seek latency as a user has it: from the press on the timeline strip to the
 * first frame painted after the clock shows the instant, for clicks at
 * random places of a one-hour run (a zone cut off from 1 to 30 minutes). A
 * benchmark (`npm run bench:ui`): it prints figures and asserts nothing about speed.
 */
async function seekLatency(page: Page, search: string): Promise<{ median: number; p95: number; max: number }> {
  await page.goto(`./${search}`);
  await expect(page.getByRole('group', { name: /^Node zone-a-1,/ })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('600');
  await playTo(page, 1);
  await zoneAction(page, 'zone-a', 'Partition');
  await playTo(page, 30);
  await zoneAction(page, 'zone-a', 'Heal');
  await playTo(page, 60);
  await page.evaluate(() => {
    const w = globalThis as unknown as { kpSeekPress: number; document: { querySelector(s: string): { textContent: string } | null }; addEventListener(t: string, f: () => void, c: boolean): void };
    w.addEventListener('pointerdown', () => (w.kpSeekPress = globalThis.performance.now()), true);
  });
  const box = (await strip(page).boundingBox())!;
  // A seeded walk over the strip (no Math.random in the measurement's choice of times).
  let x = 12345;
  const latencies: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const fraction = 0.02 + (x / 2 ** 31) * 0.96;
    const before = await clock(page).innerText();
    const waited = page.evaluate(
      (old) =>
        new Promise<number>((resolve) => {
          const w = globalThis as unknown as { kpSeekPress: number; document: { querySelector(s: string): { textContent: string } }; requestAnimationFrame(f: () => void): void };
          const el = w.document.querySelector('[role="timer"]');
          const check = () => {
            if (el.textContent !== old && w.kpSeekPress) w.requestAnimationFrame(() => resolve(globalThis.performance.now() - w.kpSeekPress));
            else w.requestAnimationFrame(check);
          };
          check();
        }),
      before,
    );
    await page.evaluate(() => ((globalThis as unknown as { kpSeekPress: number }).kpSeekPress = 0));
    await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
    latencies.push(await waited);
  }
  expect(latencies.length).toBe(SEEKS);
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!);
  return { median: at(0.5), p95: at(0.95), max: at(1) };
}

for (const [name, search, target] of [
  ['the default cluster', '?paused', 100],
  ['100 nodes and 3,000 pods', '?nodes=100&pods=3000&paused', 300],
] as const) {
  test(`seek latency to random times of a one-hour run on ${name}`, async ({ page }, testInfo) => {
    test.setTimeout(600_000);
    const figures = await seekLatency(page, search);
    await testInfo.attach(`seek-${name}`, { body: JSON.stringify(figures), contentType: 'application/json' });
    console.log(`${name}: seek latency median ${figures.median} ms, p95 ${figures.p95} ms, max ${figures.max} ms over ${SEEKS} clicks on the strip (target: < ${target} ms; one simulated hour)`);
  });
}
