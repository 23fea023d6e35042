/**
 * Hosting: the built page under its own strict Content-Security-Policy,
 * offline after the first visit (service worker), and served from a deep
 * sub-path by a plain static file server rather than vite.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByRole('timer', { name: 'Simulated time' });

/** Records CSP violations from the first byte (an init script runs before the page's own). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // Runs in the page (the e2e tsconfig has no DOM types, hence the casts).
  await page.addInitScript(() => {
    const seen: string[] = [];
    const scope = globalThis as unknown as { kpViolations: string[]; document: { addEventListener(type: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void } };
    scope.kpViolations = seen;
    scope.document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...errors, ...(await page.evaluate(() => (globalThis as unknown as { kpViolations: string[] }).kpViolations))];
}

test('the app runs under its strict Content-Security-Policy with no violation', async ({ page }) => {
  const problems = await watchViolations(page);
  await page.goto('./?sandbox');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    expect(policy).toContain(directive);
  }
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('frame-ancestors');
  // The simulation runs (the worker loaded under worker-src), the graph draws, the tables and settings open.
  await expect(clock(page)).not.toHaveText('t = 0s', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: /^Actions for zone-a-1$/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(page.getByRole('table', { name: 'Nodes' })).toBeVisible();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('tab', { name: 'Graph' }).click();
  await page.waitForTimeout(1_000);
  expect(await problems()).toEqual([]);
});

test('after the first visit the page reloads offline', async ({ page, context }) => {
  await page.goto('./?paused');
  await expect(clock(page)).toHaveText('t = 0s');
  // The service worker has installed and precached the build.
  await page.evaluate(async () => {
    await (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<unknown> } } }).navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Kube Playground' })).toBeVisible();
    await expect(clock(page)).toHaveText('t = 0s');
    await page.getByRole('button', { name: 'Step +10 s' }).click();
    await expect(clock(page)).toHaveText('t = 10s');
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker.controller !== null)).toBe(true);
  } finally {
    await context.setOffline(false);
  }
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

/** A plain static file server for dist/ under `prefix`, as any static host would serve it. */
function staticServer(prefix: string): Server {
  const root = join(process.cwd(), 'dist');
  return createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) return void response.writeHead(404).end();
    const relative = normalize(path.slice(prefix.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    const file = join(root, relative.endsWith('/') ? `${relative}index.html` : relative);
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
}

test('dist/ works from a deep sub-path on a plain static server', async ({ page }) => {
  const prefix = '/docs/k8s/playground/';
  const server = staticServer(prefix);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
  });
  const problems = await watchViolations(page);
  try {
    await page.goto(`http://127.0.0.1:${port}${prefix}?sandbox`);
    await expect(page.getByRole('heading', { name: 'Kube Playground' })).toBeVisible();
    await expect(clock(page)).not.toHaveText('t = 0s', { timeout: 15_000 });
    expect(missing).toEqual([]);
    expect(await problems()).toEqual([]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
