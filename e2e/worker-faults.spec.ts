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
    await expect(page.getByRole('button', { name: 'Restart from the last checkpoint' })).toBeFocused();
    const startOver = page.getByRole('button', { name: 'Start over' });
    await startOver.click();
    await expect(alert(page)).toHaveCount(0);
    await expect(clock(page)).toHaveText('t = 0s');
    await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
    await expect(clock(page)).toHaveText('t = 10s');
  });
}

const card = (page: Page, node: string) => page.getByRole('group', { name: new RegExp(`^Node ${node},`) });

for (const { fault, says } of CASES) {
  test(`after a worker fault (${fault}), Restart from the last checkpoint brings back the cluster at its time with the user's actions`, async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    await page.goto('./?test-faults&paused');
    await expect(card(page, 'zone-a-1')).toBeVisible();
    await page.getByRole('button', { name: 'Step +1 min', exact: true }).click();
    await expect(clock(page)).toHaveText('t = 1m');
    await page.getByRole('button', { name: 'Actions for zone-a-1', exact: true }).click();
    await page.getByRole('menu', { name: 'Actions for zone-a-1' }).getByRole('menuitem', { name: 'Cordon', exact: true }).click();
    await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
    await expect(clock(page)).toHaveText('t = 1m10s');
    await expect(card(page, 'zone-a-1')).toHaveAccessibleName(/SchedulingDisabled|cordoned/i);
    await inject(page, fault);
    await expect(alert(page)).toContainText(says, { timeout: 20_000 });
    await expect(alert(page)).toContainText('brings back t = 1m10s, with 1 action, paused.');
    const restart = page.getByRole('button', { name: 'Restart from the last checkpoint' });
    await expect(restart).toBeFocused();
    if (fault === 'throw') {
      await page.screenshot({ path: testInfo.outputPath('worker-alert-1280.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: testInfo.outputPath('worker-alert-390.png') });
      await page.setViewportSize({ width: 1280, height: 720 });
    }
    await restart.click();
    await expect(alert(page)).toHaveCount(0);
    await expect(clock(page)).toHaveText('t = 1m10s', { timeout: 15_000 });
    await expect(card(page, 'zone-a-1')).toHaveAccessibleName(/SchedulingDisabled|cordoned/i);
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    // A working simulation: it moves on from there.
    await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
    await expect(clock(page)).toHaveText('t = 1m20s');
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

test('requests waiting for a worker that hangs are ended: the editor says so and its Apply comes back, the console command ends', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('./?test-faults&paused&sandbox');
  await expect(card(page, 'zone-a-1')).toBeVisible();
  await page.getByRole('tab', { name: 'Console' }).click();
  const prompt = page.getByRole('textbox', { name: 'kubectl command' });
  await prompt.fill('kubectl get pods -w');
  await prompt.press('Enter');
  const output = page.getByRole('region', { name: 'kubectl output' });
  await expect(output).toContainText('NAME');
  await inject(page, 'hang');
  // The hung worker never answers this Apply.
  await page.getByRole('tab', { name: 'Editor' }).click();
  const content = page.getByRole('textbox', { name: 'YAML manifests' });
  await content.click();
  await content.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Applying…' })).toBeVisible();
  await expect(alert(page)).toContainText(/The simulation is not responding/, { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Apply', exact: true })).toBeVisible();
  await expect(page.locator('.editor-results [role="status"]')).toContainText('The simulation stopped before it answered');
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(output).toContainText('error: the simulation stopped; this command ended without finishing');
});
