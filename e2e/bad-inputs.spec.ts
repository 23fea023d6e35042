/**
 * A representative slice of the bad-input corpus (src/corpus/bad-inputs.ts)
 * through the page: files opened with the picker, the address, the settings
 * form and "Add taint…". Each gets its message, and the cluster is kept.
 */
import { expect, test, type Page } from '@playwright/test';
import { BAD_ADDRESSES, BAD_FILES, BAD_SETTINGS, GOOD_ENCODINGS } from '../src/corpus/bad-inputs';

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
const FILES = ['binary-4k.bin', 'too-big.yaml', 'million-nodes.yaml', 'replicas-10m.yaml', 'two-docs.yaml', 'deep.yaml', 'many-errors.yaml', 'utf16-no-bom.yaml', 'taint-0.yaml'];

test('bad files are refused in a few lines and the cluster is kept', async ({ page }) => {
  await page.goto('./?paused');
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await expect(clock(page)).toHaveText('t = 10s');
  for (const name of FILES) {
    const file = BAD_FILES.find((f) => f.name === name)!;
    const buffer = Buffer.from(typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content);
    const started = Date.now();
    await page.getByLabel('Scenario file').setInputFiles({ name, mimeType: 'text/yaml', buffer });
    const errors = page.getByRole('alert').filter({ hasText: `Could not open ${name}` });
    await expect(errors).toContainText(file.expect);
    expect(Date.now() - started, name).toBeLessThan(5_000);
    expect((await errors.getByRole('listitem').count()) <= 21, name).toBe(true);
    await expect(clock(page)).toHaveText('t = 10s');
  }
});

test('UTF-16 with a byte order mark opens, as on the command line', async ({ page }) => {
  await page.goto('./?paused');
  const file = GOOD_ENCODINGS.find((f) => f.name === 'utf16le-bom.yaml')!;
  await page.getByLabel('Scenario file').setInputFiles({ name: file.name, mimeType: 'text/yaml', buffer: Buffer.from(file.content) });
  await expect(page.getByText('Scenario: bad')).toBeVisible();
});

for (const [search, message] of BAD_ADDRESSES.filter(([s]) => ['?nodes=abc', '?nodes=0', '?nodes=10&pods=1e9'].includes(s))) {
  test(`the address ${search} is refused with a message`, async ({ page }) => {
    await page.goto(`./${search}`);
    await expect(page.getByRole('alert').filter({ hasText: 'The address was not used' })).toContainText(message);
    await expect(page.getByRole('button', { name: /^Actions for zone-a-1$/ })).toBeVisible();
  });
}

test('settings and taints the API would refuse are refused in place', async ({ page }) => {
  await page.goto('./?paused');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  for (const [field, text, message] of BAD_SETTINGS.filter(([f, t]) => (f === 'nodeMonitorPeriod' && ['0x10', '0.0001'].includes(t)) || f === 'shutdownGracePeriod')) {
    const input = page.getByLabel(field === 'nodeMonitorPeriod' ? /^--node-monitor-period \(/ : /^shutdownGracePeriod \(/);
    await input.fill(text);
    await page.getByRole('button', { name: /Apply and restart/ }).click();
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByText('Settings applied')).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo edits' }).click();
  }
  await page.getByRole('button', { name: 'Actions for zone-a-1', exact: true }).click();
  await page.getByRole('menu', { name: 'Actions for zone-a-1' }).getByRole('menuitem', { name: 'Add taint…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a taint to zone-a-1' });
  await dialog.getByLabel('Key').fill('bad key!!');
  await dialog.getByRole('button', { name: 'Add taint' }).click();
  await expect(dialog).toContainText('key: Invalid value: "bad key!!": name part must consist of alphanumeric characters');
  await dialog.getByLabel('Key').fill('example.com/ok');
  await dialog.getByLabel('Value (optional)').fill('has spaces');
  await expect(dialog).toContainText('value: Invalid value: "has spaces"');
  await expect(dialog).toBeVisible();
});
