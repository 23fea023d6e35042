/** The Editor tab: the API server's errors on their line as you type, apply, dry run's diff, Edit from the inspector and its conflict, keyboard only, axe. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const content = (page: Page) => page.getByRole('textbox', { name: 'YAML manifests' });
const results = (page: Page) => page.locator('.editor-results [role="status"]');
const problems = (page: Page) => page.getByRole('list', { name: 'Problems' });

async function openEditor(page: Page): Promise<void> {
  await page.goto('./?paused&sandbox');
  await expect(page.getByRole('group', { name: /^Node zone-a-1,/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Editor' }).click();
  await expect(content(page)).toBeVisible();
}

/** Replaces the buffer with a paste (a clipboard event, as Ctrl+V sends). */
async function paste(page: Page, text: string): Promise<void> {
  await content(page).click();
  await page.keyboard.press('Control+a');
  await content(page).evaluate((el, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const cart = (replicasLine: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
spec:
  ${replicasLine}
  selector:
    matchLabels:
      app: cart
  template:
    metadata:
      labels:
        app: cart
    spec:
      containers:
      - name: cart
        image: nginx:1.27
`;

test('a typo is flagged on its line; fixed, it applies and its pods appear in the graph; dry run shows a diff', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await openEditor(page);
  await paste(page, cart('replica: 3'));
  const message = 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"';
  await expect(problems(page)).toContainText(`line 6:3 ${message}`);
  // The mark sits on the key in line 6.
  const line6 = page.locator('.cm-line').nth(5);
  await expect(line6.locator('.cm-lintRange-error')).toHaveText('replica');
  await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
  await snap(page, testInfo, '1-typo');

  // Fix it: the check clears.
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('s');
  await page.keyboard.press('Escape');
  await expect(line6).toHaveText('  replicas: 3');
  await expect(page.getByText('The API server finds no problems.')).toBeVisible();

  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(results(page)).toContainText('deployment.apps/cart created');
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('listitem', { name: /^Pod cart-/ })).toHaveCount(3, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  // Dry run of a change: kubectl diff of the live object against the merged one.
  await paste(page, cart('replicas: 5'));
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(results(page)).toContainText('deployment.apps/cart configured (server dry run)');
  const diff = page.getByRole('region', { name: 'kubectl diff' }).or(page.locator('pre.editor-diff'));
  await expect(diff).toContainText('diff -u -N /tmp/LIVE-0/apps.v1.Deployment.default.cart /tmp/MERGED-0/apps.v1.Deployment.default.cart');
  await expect(diff.locator('.diff-del').filter({ hasText: /^-\s+replicas: 3\s*$/ })).toHaveCount(1);
  await expect(diff.locator('.diff-add').filter({ hasText: /^\+\s+replicas: 5\s*$/ })).toHaveCount(1);
  await snap(page, testInfo, '2-dry-run');
  // Nothing changed: still three.
  await expect(page.getByRole('listitem', { name: /^Pod cart-/ })).toHaveCount(3);

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(results(page)).toContainText('deployment.apps "cart" deleted');
});

test('an unknown kind gets the API server\'s answer on its kind line', async ({ page }) => {
  await openEditor(page);
  await paste(page, 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: front\n');
  await expect(problems(page)).toContainText('line 2:1 no matches for kind "Ingress" in version "networking.k8s.io/v1"');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(results(page)).toContainText(
    'error: resource mapping not found for name: "front" namespace: "" from "STDIN": no matches for kind "Ingress" in version "networking.k8s.io/v1"',
  );
  // Another tab and back, then a reload: the buffer is kept (with the saved session).
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('tab', { name: 'Editor' }).click();
  await expect(content(page)).toContainText('kind: Ingress');
  // The saved session (IndexedDB kube-playground/sessions) holds the buffer before the reload.
  const saved = () =>
    page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('kube-playground');
          open.onsuccess = () => {
            const request = open.result.transaction('sessions').objectStore('sessions').get('kube-playground:session');
            request.onsuccess = () => resolve(JSON.stringify(request.result ?? null));
            request.onerror = () => resolve('');
          };
          open.onerror = () => resolve('');
        }),
    );
  await expect.poll(saved).toContain('kind: Ingress');
  await page.reload();
  await page.getByRole('tab', { name: 'Editor' }).click();
  await expect(content(page)).toContainText('kind: Ingress');
});

test('Edit opens the live YAML; applying it once stale fails with the conflict; Escape in the editor keeps the inspector', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.goto('./?paused&sandbox');
  await page.getByRole('tab', { name: 'Table' }).click();
  const pods = page.getByRole('table', { name: 'Pods' });
  await pods.getByRole('button', { name: /^web-/ }).first().click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: /^Pod default\/web-/ })).toBeVisible();

  await inspector.getByRole('button', { name: 'Edit Deployment web as YAML' }).click();
  await expect(content(page)).toBeFocused();
  await expect(content(page)).toContainText('kind: Deployment');
  await expect(content(page)).toContainText('resourceVersion:');
  await expect(content(page)).not.toContainText('managedFields');
  // Escape belongs to the editor: the inspector keeps its selection.
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(inspector.getByRole('heading', { name: /^Pod default\/web-/ })).toBeVisible();

  // Someone else changes the Deployment (the inspector's scale control), so the copy is stale.
  await inspector.getByRole('textbox', { name: 'Replicas for deployment web' }).fill('7');
  await inspector.getByRole('button', { name: 'Scale deployment web' }).click();
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(results(page)).toContainText('Error from server (Conflict)');
  await expect(results(page)).toContainText(
    'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
  );
  // The check runs again after the apply, and now places the conflict on the resourceVersion line.
  await expect(problems(page)).toContainText(/line \d+:\d+ Operation cannot be fulfilled on deployments\.apps "web"/);
  await snap(page, testInfo, '3-conflict');
});

test('keyboard only: tabs, Examples, Ctrl+Enter applies, Tab indents, Escape then Tab leaves', async ({ page }) => {
  await openEditor(page);
  await page.getByRole('tab', { name: 'Editor' }).focus();
  await expect(page.getByRole('tab', { name: 'Editor' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Console' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Editor', selected: true })).toBeFocused();

  const examples = page.getByRole('button', { name: 'Examples' });
  for (let i = 0; i < 8 && !(await examples.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(examples).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Job with parallel completions' })).toBeVisible();
  await page.getByRole('button', { name: 'Job with parallel completions' }).focus();
  await page.keyboard.press('Enter');
  await expect(content(page)).toBeFocused();
  await expect(content(page)).toContainText('kind: Job');
  await page.keyboard.press('Control+Enter');
  await expect(results(page)).toContainText('job.batch/report created');

  // Tab indents inside the editor…
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Tab');
  await expect(content(page)).toBeFocused();
  // …and Escape then Tab moves focus on.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(content(page)).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.closest('.editor') !== null || document.activeElement !== document.body)).toBe(true);
});

test('the Editor tab has no serious or critical accessibility violations (axe), with problems and results shown', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  // CodeMirror's styles must get past the page's Content-Security-Policy (style-src 'self').
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await openEditor(page);
  await expect(page.locator('.cm-gutters')).toHaveCSS('display', 'flex');
  await paste(page, cart('replica: 3'));
  await expect(problems(page)).toContainText('unknown field "spec.replica"');
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(results(page)).toContainText('Error from server (BadRequest)');
  const check = async (where: string) => {
    const found = await new AxeBuilder({ page }).include('#side-panel').analyze();
    const serious = found.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${where}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
  };
  await check('problems');
  await paste(page, cart('replicas: 2'));
  await expect(page.getByText('The API server finds no problems.')).toBeVisible();
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(results(page)).toContainText('deployment.apps/cart created (server dry run)');
  await check('diff');

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.getByRole('tab', { name: 'Editor' }).scrollIntoViewIfNeeded();
    await snap(page, testInfo, `editor-${width}x${height}`);
  }
  expect(refused).toEqual([]);
});
