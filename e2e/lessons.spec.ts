/**
 * The lessons as a learner takes them: the home screen, then every built-in
 * lesson completed through roles and labels (the node's ⋯ menu, the dialogs,
 * the Scale field, the player's buttons), one of them keyboard-only; a
 * second run of each does a wrong thing and sees the hint (or ✗ and the
 * right answer) instead of the ✓. Lessons play at 600× (`?speed=600`): the
 * same steps, waits and checks, in a fraction of the time.
 */
import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseLesson } from '../src/lessons/parse';
import type { LessonFile, LessonStep } from '../src/lessons/types';
import type { SimAction } from '../src/sim/actions';

const DIR = new URL('../src/lessons/builtin/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function load(file: string): LessonFile {
  const parsed = parseLesson(readFileSync(new URL(file, DIR), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.errors)}`);
  return parsed.file;
}

const player = (page: Page) => page.getByRole('region', { name: /^Lesson: / });
const stepHeading = (page: Page, n: number, of: number) => player(page).getByRole('heading', { name: new RegExp(`^Step ${n} of ${of}\\b`) });
/** Markdown as the page shows it: no backticks or emphasis marks. */
const plain = (md: string) => md.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();

async function openLesson(page: Page, name: string, step?: string, fast = true) {
  await page.goto(`./?lesson=${name}${fast ? '&speed=600' : ''}${step ? `&step=${step}` : ''}`);
  await expect(player(page)).toBeVisible();
}

async function fromMenu(page: Page, owner: string, item: string) {
  await page.getByRole('button', { name: `Actions for ${owner}`, exact: true }).click();
  await page.getByRole('menu', { name: `Actions for ${owner}` }).getByRole('menuitem', { name: item, exact: true }).click();
}

/** Does an action as a learner does it on the page. */
async function doOnPage(page: Page, action: SimAction) {
  switch (action.do) {
    case 'kill-node':
      return fromMenu(page, action.node, 'Kill');
    case 'shutdown-node':
      return fromMenu(page, action.node, 'Graceful shutdown');
    case 'partition-node':
      return fromMenu(page, action.node, 'Partition');
    case 'heal-node':
      return fromMenu(page, action.node, 'Heal');
    case 'cordon':
      return fromMenu(page, action.node, 'Cordon');
    case 'uncordon':
      return fromMenu(page, action.node, 'Uncordon');
    case 'drain':
      return fromMenu(page, action.node, 'Drain');
    case 'delete-node':
      return fromMenu(page, action.node, 'Delete');
    case 'partition-zone':
      return fromMenu(page, action.zone, 'Partition');
    case 'heal-zone':
      return fromMenu(page, action.zone, 'Heal');
    case 'set-condition': {
      await fromMenu(page, action.node, 'Set condition…');
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Condition').selectOption(action.type);
      await dialog.getByLabel('Status').selectOption(action.status);
      return dialog.getByRole('button', { name: 'Set condition' }).click();
    }
    case 'taint': {
      await fromMenu(page, action.node, 'Add taint…');
      const dialog = page.getByRole('dialog', { name: `Add a taint to ${action.node}` });
      await dialog.getByLabel('Key').fill(action.taint.key);
      await dialog.getByLabel('Value').fill(action.taint.value ?? '');
      await dialog.getByLabel('Effect').selectOption(action.taint.effect);
      return dialog.getByRole('button', { name: 'Add taint' }).click();
    }
    case 'scale': {
      await page.getByRole('tab', { name: 'Table' }).click();
      const label = `${action.kind.toLowerCase()} ${action.name}`;
      await page.getByRole('textbox', { name: `Replicas for ${label}` }).fill(String(action.replicas));
      await page.getByRole('button', { name: `Scale ${label}` }).click();
      return page.getByRole('tab', { name: 'Graph' }).click();
    }
    case 'container-fault': {
      // The pod's inspector: "Make a container fail", then back to the lesson.
      await page.getByRole('tab', { name: 'Table' }).click();
      await page.getByRole('table', { name: 'Pods' }).getByRole('button', { name: action.pod, exact: true }).click();
      const inspector = page.getByRole('complementary', { name: 'Inspector' });
      const form = inspector.getByRole('region', { name: 'Make a container fail' });
      if (action.container && (await form.getByRole('combobox', { name: 'Container' }).count()) > 0) await form.getByRole('combobox', { name: 'Container' }).selectOption(action.container);
      await form.getByRole('combobox', { name: 'Fault' }).selectOption(action.fault);
      await form.getByRole('button', { name: 'Apply fault' }).click();
      await inspector.getByRole('button', { name: 'Close inspector' }).click();
      return page.getByRole('tab', { name: 'Graph' }).click();
    }
    default:
      throw new Error(`the test cannot do ${action.do} on the page`);
  }
}

/** Answers the step's question: the right answer, or a wrong one. */
async function answer(page: Page, step: LessonStep, right: boolean) {
  const q = step.question!;
  const box = player(page).getByRole('region', { name: 'Predict' });
  if (q.kind === 'choice') {
    const index = q.choices.findIndex((c) => c.correct === right);
    await box.getByRole('radio').nth(index).check();
  } else {
    await box.getByRole('textbox').fill(String(right ? q.answer : q.answer + q.tolerance + 7));
  }
  await box.getByRole('button', { name: 'Lock my answer' }).click();
  await expect(box.getByText('Your answer (locked):')).toBeVisible();
}

const status = (page: Page) => player(page).locator('.lesson-status');

/** Plays the clock when the step waits for the learner to move it. */
async function waitForStep(page: Page, step: LessonStep) {
  const done = /^(Done: press Next|Meet the goals)/;
  await expect(async () => {
    const text = (await status(page).textContent()) ?? '';
    if (/Move the clock/.test(text)) {
      const play = page.getByRole('button', { name: 'Play', exact: true });
      if (await play.isVisible()) await play.click();
    }
    expect(text).toMatch(done);
  }).toPass({ timeout: 30_000 });
  if (step.goals.length > 0) {
    await expect(async () => {
      if (await page.getByRole('button', { name: 'Play', exact: true }).isVisible()) {
        if ((await player(page).getByRole('list', { name: 'Goals' }).getByText('Not met yet:').count()) > 0) await page.getByRole('button', { name: 'Play', exact: true }).click();
      }
      await expect(player(page).getByRole('list', { name: 'Goals' }).getByText('Not met yet:')).toHaveCount(0);
    }).toPass({ timeout: 30_000 });
  }
}

/** Completes the lesson from its current step as a learner who follows the narration. */
async function complete(page: Page, file: LessonFile, from = 0) {
  const steps = file.lesson.steps;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    await expect(stepHeading(page, i + 1, steps.length)).toBeVisible();
    if (step.question) await answer(page, step, true);
    if (step.wait?.kind === 'action') await doOnPage(page, step.wait.action);
    await waitForStep(page, step);
    if (step.question) await expect(player(page).getByText('Right.', { exact: true })).toBeVisible();
    await player(page).getByRole('button', { name: i === steps.length - 1 ? 'Finish' : 'Next', exact: true }).click();
  }
  await expect(player(page).getByRole('heading', { name: 'Lesson complete' })).toBeVisible();
  if (file.lesson.learned.length > 0) await expect(player(page).getByText('What you learnt:')).toBeVisible();
}

/** A wrong action the step's first hint answers (not the awaited one). */
function wrongAction(step: LessonStep): SimAction {
  const when = step.hints[0]!.when;
  const awaited = step.wait?.kind === 'action' ? step.wait.action : undefined;
  const awaitedNode = awaited && 'node' in awaited && typeof awaited.node === 'string' ? awaited.node : undefined;
  switch (when.do) {
    case 'kill-node':
      return { do: 'kill-node', node: when.node ?? (awaited?.do === 'kill-node' ? (awaitedNode === 'zone-a-1' ? 'zone-a-3' : 'zone-a-1') : (awaitedNode ?? 'zone-a-1')) };
    case 'set-condition':
      return { do: 'set-condition', node: awaitedNode ?? 'zone-a-1', type: 'DiskPressure', status: 'True' };
    case 'heal-zone':
      return { do: 'heal-zone', zone: when.zone! };
    case 'drain':
      return { do: 'drain', node: awaitedNode ?? 'zone-a-1' };
    case 'delete-node':
      return { do: 'delete-node', node: awaitedNode ?? 'zone-a-1' };
    case 'scale':
      return { do: 'scale', kind: 'Deployment', name: 'web', replicas: 20 };
    case 'container-fault':
      if (awaited?.do !== 'container-fault') throw new Error('a container-fault hint needs an awaited container fault');
      return { ...awaited, fault: awaited.fault === 'crash' ? 'unready' : 'crash' };
    case 'delete':
    case 'taint':
      return { do: 'taint', node: awaitedNode ?? 'zone-a-1', taint: { key: 'example.com/wrong', value: 'yes', effect: 'NoSchedule' } };
    default:
      throw new Error(`no wrong action for ${when.do}`);
  }
}

test('the home screen: a bare first visit offers the sandbox and the lessons by topic, with progress', async ({ page }, testInfo) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Kube Playground', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sandbox' })).toBeVisible();
  const lessons = page.getByRole('region', { name: 'Lessons' });
  for (const file of FILES) await expect(lessons.getByRole('link', { name: load(file).lesson.title, exact: true })).toBeVisible();
  await expect(lessons.getByText('Not started')).toHaveCount(FILES.length);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  for (const [w, h] of [[1280, 720], [1920, 1080], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: testInfo.outputPath(`home-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Open the sandbox' }).click();
  await expect(page.getByRole('group', { name: /^Node zone-a-1, Ready True$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  // The header's Lessons button goes back to the home screen; the sandbox is still there.
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: 'Back to the sandbox' }).click();
  await expect(page.getByRole('group', { name: /^Node zone-a-1, Ready True$/ })).toBeVisible();
});

test('keyboard only: the grace-period lesson, from the home screen to its end', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const file = load('03-grace-period.yaml');
  const steps = file.lesson.steps;
  await page.goto('./?speed=600');
  // ?speed alone is not a bare visit: the cluster opens; the header's Lessons button leads to the list.
  await page.getByRole('button', { name: 'Lessons', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: file.lesson.title, exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(stepHeading(page, 1, steps.length)).toBeVisible();
  await expect(page).toHaveURL(/[?&]lesson=grace-period/);
  const next = player(page).getByRole('button', { name: 'Next', exact: true });
  await expect(status(page)).toHaveText(/^Done/);
  await next.focus();
  await page.keyboard.press('Enter');
  // Step 2: kill zone-a-2 from its card's menu (Enter on the card, arrows to Kill).
  await expect(stepHeading(page, 2, steps.length)).toBeVisible();
  await expect(page).toHaveURL(/step=kill/);
  await page.getByRole('group', { name: /^Node zone-a-2,/ }).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for zone-a-2' });
  await expect(menu).toBeVisible();
  for (let i = 0; i < 10 && !(await menu.getByRole('menuitem', { name: 'Kill', exact: true }).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText(/^Done/);
  await next.focus();
  await page.keyboard.press('Enter');
  // Step 3: a number, typed and locked with Enter; the lesson plays to 115 s and reveals.
  await expect(stepHeading(page, 3, steps.length)).toBeVisible();
  await player(page).getByRole('textbox').focus();
  await page.keyboard.type('115');
  await page.keyboard.press('Enter');
  await expect(player(page).getByText('Right.', { exact: true })).toBeVisible();
  await expect(player(page).getByText(/The simulation measured: 115 s/)).toBeVisible();
  await expect(player(page).getByText('pkg/controller/nodelifecycle/node_lifecycle_controller.go (tryUpdateNodeHealth)')).toBeVisible();
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText('t = 1m55s');
  await page.screenshot({ path: testInfo.outputPath('lesson-reveal-1280x720.png') });
  const atReveal = await new AxeBuilder({ page }).include('.side').analyze();
  expect(atReveal.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await next.focus();
  await page.keyboard.press('Enter');
  // Step 4: a choice, picked with the arrow keys and locked with Enter.
  await expect(stepHeading(page, 4, steps.length)).toBeVisible();
  const right = steps[3]!.question!.kind === 'choice' ? steps[3]!.question!.choices.findIndex((c) => c.correct) : 0;
  await player(page).getByRole('radio').first().focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < right; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(player(page).getByText('Right.', { exact: true })).toBeVisible();
  await waitForStep(page, steps[3]!);
  await player(page).getByRole('button', { name: 'Finish', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(player(page).getByRole('heading', { name: 'Lesson complete' })).toBeVisible();
  await expect(player(page).getByRole('link', { name: /taints/i })).toBeVisible();
  const results = await new AxeBuilder({ page }).include('.side').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  for (const [w, h] of [[1280, 720], [1920, 1080], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: testInfo.outputPath(`lesson-end-${w}x${h}.png`), fullPage: w < 900 });
  }
  // Progress is kept: the home screen says it is finished.
  await page.setViewportSize({ width: 1280, height: 720 });
  await player(page).getByRole('button', { name: 'All lessons' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: file.lesson.title })).toContainText('Finished');
});

for (const name of FILES) {
  test(`a learner completes ${name}, then a wrong move gets the hint instead of the ✓`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const file = load(name);
    const steps = file.lesson.steps;
    await openLesson(page, file.lesson.name);
    const results = await new AxeBuilder({ page }).include('.side').analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await complete(page, file);
    if (name.startsWith('01')) await page.screenshot({ path: testInfo.outputPath('lesson-1280x720.png') });

    // The second run: a wrong answer to the first question is shown ✗ with the right one, not ✓.
    const qAt = steps.findIndex((s) => s.question);
    await openLesson(page, file.lesson.name, qAt > 0 ? steps[qAt]!.id : undefined);
    const q = steps[qAt]!;
    await expect(stepHeading(page, qAt + 1, steps.length)).toBeVisible();
    await answer(page, q, false);
    if (q.wait?.kind === 'action') await doOnPage(page, q.wait.action);
    await waitForStep(page, q);
    await expect(player(page).getByText('Not quite.', { exact: true })).toBeVisible();
    await expect(player(page).getByText('Right.', { exact: true })).toHaveCount(0);
    // "Rewind and try again": the question is asked again at the step's start.
    await player(page).getByRole('button', { name: 'Rewind and try again' }).click();
    await expect(player(page).getByRole('button', { name: 'Lock my answer' })).toBeVisible();

    // A wrong action, where the lesson asks for one: the step's hint, the step still waiting; rewind, do it right, and it moves on.
    const hinted = steps.findIndex((s) => s.hints.length > 0 && s.wait?.kind === 'action');
    if (hinted < 0) {
      // Nothing to do wrong by hand: Next before the step is done says what it waits for.
      // At the lessons' own speed (a 62 s run takes 6 s at 10×), Next before the step is done says what it waits for.
      const order = [...steps.keys()].sort((a, b) => Number(steps[b]!.clock.mode === 'run') - Number(steps[a]!.clock.mode === 'run'));
      const running = order.find((i) => steps[i]!.clock.mode === 'run' || (steps[i]!.wait && steps[i]!.wait!.kind !== 'action'))!;
      await openLesson(page, file.lesson.name, running > 0 ? steps[running]!.id : undefined, false);
      await expect(stepHeading(page, running + 1, steps.length)).toBeVisible();
      if (steps[running]!.question) await answer(page, steps[running]!, true);
      if (/^(Waiting|The clock)/.test((await status(page).textContent()) ?? '')) {
        await player(page).getByRole('button', { name: 'Next', exact: true }).click();
        await expect(player(page).locator('.lesson-hint')).toContainText('Not yet');
        await expect(stepHeading(page, running + 1, steps.length)).toBeVisible();
      }
      return;
    }
    const step = steps[hinted]!;
    await openLesson(page, file.lesson.name, hinted > 0 ? step.id : undefined);
    await expect(stepHeading(page, hinted + 1, steps.length)).toBeVisible();
    if (step.question) await answer(page, step, true);
    await doOnPage(page, wrongAction(step));
    await expect(player(page).locator('.lesson-hint')).toContainText(plain(step.hints[0]!.text).slice(0, 40));
    await expect(status(page)).toHaveText(/^Waiting for you/);
    await player(page).getByRole('button', { name: 'Rewind and try again' }).click();
    await expect(player(page).locator('.lesson-hint')).toHaveCount(0);
    if (step.question) await answer(page, step, true);
    await doOnPage(page, (step.wait as { action: SimAction }).action);
    await waitForStep(page, step);
    await player(page).getByRole('button', { name: hinted === steps.length - 1 ? 'Finish' : 'Next', exact: true }).click();
    if (hinted < steps.length - 1) await expect(stepHeading(page, hinted + 2, steps.length)).toBeVisible();
  });
}

test('a teacher’s own lesson opens from a file like a built-in one; an invalid one is refused with field, line and reason', async ({ page }) => {
  await page.goto('./');
  // The home screen is up: the page has finished choosing what to open.
  await expect(page.getByRole('button', { name: 'Open the sandbox' })).toBeVisible();
  const text = readFileSync(new URL('03-grace-period.yaml', DIR), 'utf8').replace('name: grace-period', 'name: my-grace-period').replace('title: Node conditions and the grace period', 'title: My own grace period');
  await page.getByLabel('Scenario file').setInputFiles({ name: 'mine.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  // A fresh worker boots it: allow for a slow machine.
  await expect(player(page).getByRole('heading', { name: 'My own grace period' })).toBeVisible({ timeout: 15_000 });
  await expect(stepHeading(page, 1, 4)).toBeVisible();
  const bad = text.replace('clock: {run: 62s}', 'clock: sometimes');
  await page.getByLabel('Scenario file').setInputFiles({ name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
  await expect(page.getByText(/lesson\.steps\[0\]\.clock/)).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /Line \d+, column \d+: ?lesson\.steps\[0\]\.clock/ })).toBeVisible();
  // What was open stays open.
  await expect(player(page).getByRole('heading', { name: 'My own grace period' })).toBeVisible();
});

test('each step has a link; a reload comes back to the step, and the home screen shows the progress', async ({ page }) => {
  const file = load('03-grace-period.yaml');
  const steps = file.lesson.steps;
  await openLesson(page, file.lesson.name);
  await expect(status(page)).toHaveText(/^Done/);
  await player(page).getByRole('button', { name: 'Next', exact: true }).click();
  await expect(stepHeading(page, 2, steps.length)).toBeVisible();
  await expect(player(page).getByRole('link', { name: 'Link to this step' })).toHaveAttribute('href', /[?&]step=kill/);
  await page.reload();
  await expect(stepHeading(page, 2, steps.length)).toBeVisible();
  // The steps before it were done as they ask: the clock stands where step 2 starts.
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText('t = 1m2s');
  await player(page).getByRole('button', { name: 'All lessons' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: file.lesson.title })).toContainText(`Step 2 of ${steps.length}`);
  await page.getByRole('button', { name: 'Back to the lesson' }).click();
  await expect(stepHeading(page, 2, steps.length)).toBeVisible();
});
