/**
 * A watched worker: a hang, an uncaught error and a worker that closes
 * itself are each noticed, said where the user is looking, the clock stops,
 * and "Start over" brings a fresh simulation. Faults are injected through the
 * test-only `fault` command, which the worker obeys only with ?test-faults.
 */
import { expect, test, type Page } from '@playwright/test';
import type { WorkerFault } from '../src/protocol/messages';

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const alert = (page: Page) => page.getByRole('alert').filter({ hasText: /The simulation (crashed|is not responding)/ });

async function inject(page: Page, fault: WorkerFault): Promise<void> {
  await page.evaluate((f) => (globalThis as unknown as { kpInjectFault: (f: WorkerFault) => void }).kpInjectFault(f), fault);
}

const CASES: { fault: WorkerFault; says: RegExp }[] = [
  { fault: 'throw', says: /The simulation crashed\. The simulation crashed: .*injected fault: an uncaught error in the simulation worker/ },
  { fault: 'hang', says: /The simulation is not responding\. The simulation stopped answering: nothing from it for \d+ s/ },
  { fault: 'close', says: /The simulation is not responding\. The simulation stopped answering/ },
];

for (const { fault, says } of CASES) {
  test(`a worker fault (${fault}) is said, stops the clock, and Start over recovers`, async ({ page }) => {
    await page.goto('./?test-faults');
    await expect(clock(page)).not.toHaveText('t = 0s', { timeout: 15_000 });
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await inject(page, fault);
    await expect(alert(page)).toContainText(says, { timeout: 20_000 });
    // The clock stops where it was, and the controls no longer say it is playing.
    const stoppedAt = await clock(page).textContent();
    await page.waitForTimeout(1_500);
    await expect(clock(page)).toHaveText(stoppedAt!);
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    const startOver = page.getByRole('button', { name: 'Start over' });
    await expect(startOver).toBeFocused();
    await startOver.click();
    await expect(alert(page)).toHaveCount(0);
    await expect(clock(page)).toHaveText('t = 0s');
    await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
    await expect(clock(page)).toHaveText('t = 10s');
  });
}

test('without ?test-faults the worker refuses a fault', async ({ page }) => {
  await page.goto('./?paused');
  await expect(clock(page)).toHaveText('t = 0s');
  expect(await page.evaluate(() => 'kpInjectFault' in globalThis)).toBe(false);
});

test('a worker that fails to load is said, with no "Loading the simulation…" left under it', async ({ page }) => {
  await page.route(/sim\.worker-.*\.js$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('./?sandbox');
  await expect(alert(page)).toContainText('The simulation could not start', { timeout: 15_000 });
  await expect(page.getByText('Loading the simulation…')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Kube Playground' })).toBeVisible();
});
