/**
 * Interacting with the graph: selecting pods (mouse and keyboard), reaching
 * cards that start out of view, and pods travelling when they move. Pods are
 * discovered from the page, never assumed from the default cluster's names.
 */
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';

async function snap(page: Page, testInfo: TestInfo, name: string, fullPage = false): Promise<void> {
  const path = testInfo.outputPath(`interaction-${name}.png`);
  await page.screenshot({ path, fullPage });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });
const cards = (page: Page) => page.getByRole('group', { name: /^Node / });
const card = (page: Page, node: string) => page.getByRole('group', { name: new RegExp(`^Node ${node},`) });
const podChips = (scope: Locator) => scope.getByRole('listitem', { name: /^Pod / });
const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });
/** The pod key ("namespace/name") of the focused element, or null. */
const focusedPod = (page: Page) => page.evaluate<string | null>('document.activeElement?.getAttribute("data-pod") ?? null');
/** One attribute of every element a locator matches, in order. */
const attrs = async (locator: Locator, name: string) => Promise.all((await locator.all()).map(async (l) => (await l.getAttribute(name))!));
const focusedStop = (page: Page) => page.evaluate<string | null>('document.activeElement?.getAttribute("data-stop") ?? null');

test('clicking a pod chip opens that pod in the inspector and marks the chip', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('./?sandbox');
  const chip = podChips(cards(page)).first();
  await expect(chip).toBeVisible();
  const key = (await chip.getAttribute('data-pod'))!;
  const [namespace, name] = key.split('/');
  await chip.click();
  await expect(inspector(page).getByRole('heading', { name: `Pod ${namespace}/${name}` })).toBeVisible();
  // A running pod's kubelet conditions all read as good news (the tint repeats the text).
  const conditions = inspector(page).getByRole('table', { name: 'Conditions' });
  await expect(conditions.getByRole('row', { name: /^PodReadyToStartContainers True/ }).locator('.status-ok')).toHaveText('True');
  // Marked for sight (a ring and a ▸, see graph.css) and for screen readers.
  await expect(chip).toHaveAttribute('aria-current', 'true');
  await expect(chip).toHaveAccessibleName(/, shown in the inspector$/);
  await expect(page.locator('[data-pod][aria-current="true"]')).toHaveCount(1);
  await snap(page, testInfo, '1-pod-selected');
  // The card the chip is on did not take the click for itself.
  await expect(page.locator('.card[aria-current="true"]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(inspector(page)).toBeHidden();
  await expect(chip).not.toHaveAttribute('aria-current', 'true');
  expect(errors).toEqual([]);
});

test('keyboard only: Tab to a card, an arrow key into its pods, arrows between them, Enter opens one, Escape goes back', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.goto('./?sandbox');
  await expect(podChips(cards(page)).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Graph' }).focus();
  // Tab until a node card with pods has focus.
  let withPods = false;
  for (let i = 0; i < 40 && !withPods; i++) {
    await page.keyboard.press('Tab');
    const stop = await focusedStop(page);
    withPods = !!stop?.startsWith('card:') && (await page.locator(':focus [data-pod]').count()) > 0;
  }
  expect(withPods).toBe(true);
  const focusedCard = page.locator('.card:focus');
  const chipKeys = await attrs(focusedCard.locator('[data-pod]'), 'data-pod');

  await page.keyboard.press('ArrowDown');
  expect(await focusedPod(page)).toBe(chipKeys[0]);
  if (chipKeys.length > 1) {
    await page.keyboard.press('ArrowRight');
    expect(await focusedPod(page)).toBe(chipKeys[1]);
    await page.keyboard.press('Home');
    expect(await focusedPod(page)).toBe(chipKeys[0]);
    await page.keyboard.press('End');
    expect(await focusedPod(page)).toBe(chipKeys.at(-1));
  }
  // Escape leaves the pods for the card; the arrow comes back in.
  await page.keyboard.press('Escape');
  expect(await focusedStop(page)).toMatch(/^card:/);
  await page.keyboard.press('ArrowDown');
  const chosen = (await focusedPod(page))!;
  await snap(page, testInfo, '2-chip-focused');
  await page.keyboard.press('Enter');
  const [namespace, name] = chosen.split('/');
  await expect(inspector(page).getByRole('heading', { name: `Pod ${namespace}/${name}` })).toBeFocused();
  await expect(page.locator(`[data-pod="${chosen}"]`)).toHaveAttribute('aria-current', 'true');
  await snap(page, testInfo, '3-chip-opened');

  // Closing the inspector brings focus back to the chip; "i" opens it too; the Pending area is a stop of its own.
  await page.keyboard.press('Escape');
  await expect(inspector(page)).toBeHidden();
  expect(await focusedPod(page)).toBe(chosen);
  await page.keyboard.press('i');
  await expect(inspector(page).getByRole('heading', { name: `Pod ${namespace}/${name}` })).toBeVisible();
  await expect(page.getByRole('group', { name: /^Pending pods: \d+$/ })).toHaveAttribute('tabindex', '0');
});

test('Tab reaches cards that start out of view, in zone order, and the canvas pans to each; / jumps to a node', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const errors = watchErrors(page);
  await page.goto('./?nodes=60&pods=120');
  await expect(card(page, 'zone-a-1')).toBeVisible({ timeout: 30_000 });
  await expect(cards(page)).toHaveCount(60);
  // Zoom in: React Flow then draws only the cards in view.
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
  await expect.poll(() => cards(page).count()).toBeLessThan(30);

  await page.keyboard.press('/');
  await expect(page.getByRole('combobox', { name: /Go to node/ })).toBeFocused();
  await page.keyboard.type('zone-a-1');
  await page.keyboard.press('Enter');
  await expect(card(page, 'zone-a-1')).toBeFocused();

  const drawn = new Set(await attrs(page.locator('[data-stop^="card:"]'), 'data-stop'));
  const wrap = (await page.locator('.graph-wrap').boundingBox())!;
  const visited: string[] = [];
  let reachedUndrawn = false;
  for (let i = 0; i < 25 && !reachedUndrawn; i++) {
    await page.keyboard.press('Tab');
    const stop = (await focusedStop(page))!;
    expect(stop).toMatch(/^card:zone-a-/);
    visited.push(stop.slice('card:'.length));
    reachedUndrawn = !drawn.has(stop);
  }
  expect(reachedUndrawn).toBe(true);
  // Row by row, in name order: zone-a-2, zone-a-3, …
  expect(visited).toEqual(visited.map((_, i) => `zone-a-${i + 2}`));
  const focused = page.locator('.card:focus');
  const box = (await focused.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(wrap.x);
  expect(box.y).toBeGreaterThanOrEqual(wrap.y);
  expect(box.x + box.width).toBeLessThanOrEqual(wrap.x + wrap.width);
  expect(box.y + box.height).toBeLessThanOrEqual(wrap.y + wrap.height);
  await snap(page, testInfo, '4-tabbed-off-screen-card');

  // Shift+Tab walks back; from a zone's first card it reaches the zone's header.
  await page.keyboard.press('Shift+Tab');
  expect(await focusedStop(page)).toBe(`card:${visited.at(-2)}`);

  // The last zone's last card, from far away: it was not drawn.
  await expect(card(page, 'zone-c-20')).toHaveCount(0);
  await page.keyboard.press('/');
  await page.keyboard.type('c-20');
  await page.keyboard.press('Enter');
  await expect(card(page, 'zone-c-20')).toBeFocused();
  await expect(card(page, 'zone-c-20')).toBeInViewport();
  await page.keyboard.press('Shift+Tab');
  expect(await focusedStop(page)).toBe('card:zone-c-19');
  await snap(page, testInfo, '5-jumped-to-node');
  expect(errors).toEqual([]);
});

/** Two cordoned nodes and a Deployment: its pods wait in Pending until a node is uncordoned. */
const PENDING_SCENARIO = `name: pending-until-uncordon
cluster:
  nodes:
    - {name: lab-1, zone: lab, unschedulable: true}
    - {name: lab-2, zone: lab, unschedulable: true}
objects:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: 2
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: web, image: nginx, resources: {requests: {cpu: 100m, memory: 64Mi}}}]}
`;

/** Records every chip that starts a flight: its pod, where it came from, and whether an animation runs on it. */
const RECORD_FLIGHTS = `
  window.__flights = [];
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target;
      if (!el.dataset.flight) continue;
      const [dx, dy] = el.dataset.flight.split(',').map(Number);
      window.__flights.push({ pod: el.dataset.pod, dx, dy, animations: el.getAnimations().length, ghosts: document.querySelectorAll('.flight-layer > *').length });
    }
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-flight'] });
`;

interface Flight {
  pod: string;
  dx: number;
  dy: number;
  animations: number;
  ghosts: number;
}

async function openPendingScenario(page: Page): Promise<string[]> {
  await page.goto('./?sandbox');
  await expect(clock(page)).toBeVisible();
  await page.getByLabel('Scenario file').setInputFiles({ name: 'pending.yaml', mimeType: 'text/yaml', buffer: Buffer.from(PENDING_SCENARIO) });
  const pending = page.getByRole('group', { name: /^Pending pods: / });
  await expect(pending).toHaveAccessibleName('Pending pods: 2');
  await expect(card(page, 'lab-1')).toHaveAccessibleName(/cordoned/);
  return attrs(podChips(pending), 'data-pod');
}

async function uncordonAndSchedule(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Actions for lab-1', exact: true }).click();
  await page.getByRole('menu', { name: 'Actions for lab-1' }).getByRole('menuitem', { name: 'Uncordon' }).click();
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await expect(page.getByRole('group', { name: /^Pending pods: / })).toHaveAccessibleName('Pending pods: 0');
}

test('a pod bound from Pending flies from the Pending area to its node', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  const pendingPods = await openPendingScenario(page);
  expect(pendingPods).toHaveLength(2);
  await snap(page, testInfo, '6-pending', true);
  await page.evaluate(RECORD_FLIGHTS);
  await uncordonAndSchedule(page);

  const onNode = card(page, 'lab-1');
  for (const pod of pendingPods) await expect(onNode.locator(`[data-pod="${pod}"]`)).toBeVisible();
  const flights = await page.evaluate<Flight[]>('window.__flights');
  expect(flights.map((f) => f.pod).sort()).toEqual([...pendingPods].sort());
  for (const f of flights) {
    // The Pending area is above the zones: each chip came down to its card, a real animation on it and a ghost in flight.
    expect(f.dy).toBeLessThan(-50);
    expect(f.animations).toBeGreaterThan(0);
    expect(f.ghosts).toBeGreaterThan(0);
  }
  // The old chips went at once (not shown as deleted in Pending), and the flights land.
  await expect(page.getByRole('group', { name: /^Pending pods: / }).locator('[data-pod]')).toHaveCount(0);
  await expect(page.locator('.flight-layer > *')).toHaveCount(0);
  await expect(onNode.locator('[data-flight]')).toHaveCount(0);
  await snap(page, testInfo, '7-bound', true);
  expect(errors).toEqual([]);
});

test('with reduced motion a bound pod just appears on its node', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const pendingPods = await openPendingScenario(page);
  await page.evaluate(RECORD_FLIGHTS);
  await uncordonAndSchedule(page);
  for (const pod of pendingPods) await expect(card(page, 'lab-1').locator(`[data-pod="${pod}"]`)).toBeVisible();
  expect(await page.evaluate<Flight[]>('window.__flights')).toEqual([]);
});

/** A Deployment and a StatefulSet on two nodes; db-0 prefers lab-1. */
const DRAIN_SCENARIO = `name: drain-and-replace
cluster:
  nodes:
    - {name: lab-1, zone: lab}
    - {name: lab-2, zone: lab}
objects:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: 2
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: web, image: nginx, resources: {requests: {cpu: 100m, memory: 64Mi}}}]}
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      replicas: 1
      serviceName: db
      selector: {matchLabels: {app: db}}
      template:
        metadata: {labels: {app: db}}
        spec:
          affinity:
            nodeAffinity:
              preferredDuringSchedulingIgnoredDuringExecution:
                - {weight: 100, preference: {matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [lab-1]}]}}
          containers: [{name: db, image: postgres, resources: {requests: {cpu: 200m, memory: 256Mi}}}]
`;

test('replacements fly from the drained node: a ReplicaSet’s new pods at once, a StatefulSet’s pod under its old name once the old one is gone', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?sandbox');
  await expect(clock(page)).toBeVisible();
  await page.getByLabel('Scenario file').setInputFiles({ name: 'drain.yaml', mimeType: 'text/yaml', buffer: Buffer.from(DRAIN_SCENARIO) });
  await expect(card(page, 'lab-1')).toBeVisible();
  await page.getByRole('button', { name: 'Step +10 s', exact: true }).click();
  await expect(clock(page)).toHaveText('t = 10s');
  const lab1 = card(page, 'lab-1');
  const lab2 = card(page, 'lab-2');
  await expect(podChips(lab1).or(podChips(lab2))).toHaveCount(3);
  await expect(lab1.locator('[data-pod="default/db-0"]')).toBeVisible();
  const before = new Set([...(await attrs(podChips(lab1), 'data-pod')), ...(await attrs(podChips(lab2), 'data-pod'))]);
  const webOnLab1 = (await attrs(podChips(lab1), 'data-pod')).filter((key) => key.startsWith('default/web-'));
  expect(webOnLab1.length).toBeGreaterThan(0);

  await page.evaluate(RECORD_FLIGHTS);
  await page.getByRole('button', { name: 'Actions for lab-1', exact: true }).click();
  await page.getByRole('menu', { name: 'Actions for lab-1' }).getByRole('menuitem', { name: 'Drain' }).click();
  // The ReplicaSet replaces its evicted pods at once: each new pod flies down from lab-1 to lab-2.
  await expect.poll(() => page.evaluate<Flight[]>('window.__flights').then((f) => f.length)).toBe(webOnLab1.length);
  const replacements = await page.evaluate<Flight[]>('window.__flights');
  for (const f of replacements) {
    expect(before.has(f.pod)).toBe(false);
    expect(f.pod).toMatch(/^default\/web-/);
    expect(f.dy).toBeLessThan(-50);
    await expect(lab2.locator(`[data-pod="${f.pod}"]`)).toBeVisible();
  }

  // db-0 is recreated, under the same name, only after the old object is gone (30 s grace): it flies too.
  await page.getByRole('button', { name: 'Step +1 min', exact: true }).click();
  await expect(lab2.locator('[data-pod="default/db-0"]')).toBeVisible();
  const db = (await page.evaluate<Flight[]>('window.__flights')).filter((f) => f.pod === 'default/db-0');
  expect(db).toHaveLength(1);
  expect(db[0]!.dy).toBeLessThan(-50);
  expect(errors).toEqual([]);
});
