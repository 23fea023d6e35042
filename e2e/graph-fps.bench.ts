import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';

// Tracing records a screencast, which would measure itself.
test.use({ trace: 'off', screenshot: 'off' });

const card = (page: Page, node: string) => page.getByRole('group', { name: new RegExp(`^Node ${node},`) });

async function chooseFromMenu(page: Page, trigger: Locator, menuName: string, item: string): Promise<void> {
  await trigger.click();
  const menu = page.getByRole('menu', { name: menuName });
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
  await expect(menu).toBeHidden();
}

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = `test-results/screens/graph-${name}.png`;
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/**
 * Frames per second while a zone outage plays at 60×: the median over
 * one-second windows. A benchmark (`npm run bench:ui`), not part of `npm test`:
 * it prints its figures and asserts nothing about speed.
 */
async function outageFps(page: Page, search: string, seconds: number, watch = false): Promise<{ median: number; windows: number[]; frameMs: Record<'p50' | 'p95' | 'p99' | 'max', number> }> {
  await page.goto(`./${search}`);
  await expect(card(page, 'zone-a-1')).toBeVisible({ timeout: 30_000 });
  if (watch) {
    // `kubectl get pods -A -w` streams every pod change of the outage into the console meanwhile.
    await page.getByRole('tab', { name: 'Console' }).click();
    const prompt = page.getByRole('textbox', { name: 'kubectl command' });
    await prompt.fill('kubectl get pods -A -w');
    await prompt.press('Enter');
    await expect(page.getByRole('region', { name: 'kubectl output' })).toContainText(/Running|ContainerCreating/);
  }
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
  await chooseFromMenu(page, page.getByRole('button', { name: 'Actions for zone-a', exact: true }), 'Actions for zone-a', 'Partition');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  return page.evaluate(async (ms) => {
    // e2e code is type-checked without the DOM library.
    const window = globalThis as unknown as { requestAnimationFrame: (callback: (t: number) => void) => number };
    const requestAnimationFrame = (callback: (t: number) => void) => window.requestAnimationFrame(callback);
    const times: number[] = [];
    await new Promise<void>((resolve) => {
      const start = globalThis.performance.now();
      const tick = (t: number) => {
        times.push(t);
        if (t - start < ms) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const windows: number[] = [];
    for (let from = times[0]!; from + 1000 <= times.at(-1)!; from += 1000) windows.push(times.filter((t) => t >= from && t < from + 1000).length);
    const sorted = [...windows].sort((a, b) => a - b);
    // Frame times: the gaps between consecutive animation frames.
    const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
    const at = (q: number) => Math.round((gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * q))] ?? 0) * 10) / 10;
    return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, windows, frameMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) } };
  }, seconds * 1000);
}

for (const [name, search, watch] of [
  ['the default cluster', '?paused', false],
  ['100 nodes and 3,000 pods', '?nodes=100&pods=3000', false],
  ['100 nodes and 3,000 pods with kubectl get pods -A -w in the console', '?nodes=100&pods=3000', true],
] as const) {
  test(`frames per second while a zone outage plays at 60× on ${name}`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const { median, windows, frameMs } = await outageFps(page, search, 12, watch);
    await testInfo.attach(`fps-${name}`, { body: JSON.stringify({ median, windows, frameMs }), contentType: 'application/json' });
    const sorted = [...windows].sort((a, b) => a - b);
    const p10 = sorted[Math.floor(sorted.length * 0.1)] ?? 0;
    console.log(`${name}: median ${median} fps, 10th percentile ${p10} fps (target: median ≥ 50) over 1 s windows ${JSON.stringify(windows)}`);
    console.log(`${name}: frame time p50 ${frameMs.p50} ms, p95 ${frameMs.p95} ms, p99 ${frameMs.p99} ms, max ${frameMs.max} ms`);
    await snap(page, testInfo, `perf-${watch ? 'watch' : search === '?paused' ? 'default' : 'large'}`);
  });
}
