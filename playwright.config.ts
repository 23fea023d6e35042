import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
// KP_PORT lets several checkouts on one machine run their e2e suites side by side.
const PORT = Number(process.env.KP_PORT ?? 4173);
// Served from a sub-path to prove the relative `base: './'` build works anywhere.
const BASE_PATH = '/kube-playground/';

export default defineConfig({
  testDir: 'e2e',
  // `npm run bench:ui` runs the frame-rate benchmarks (*.bench.ts); `npm test` the specs.
  testMatch: process.env.KP_BENCH_UI ? '**/*.bench.ts' : '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Prefer Debian's chromium: Playwright's own download is not always reachable.
        ...(existsSync(SYSTEM_CHROMIUM) && {
          launchOptions: {
            executablePath: SYSTEM_CHROMIUM,
            args: [
              '--no-sandbox',
              '--disable-gpu',
              '--disable-dev-shm-usage',
              '--disable-background-networking',
              '--disable-component-update',
              '--no-first-run',
              '--disable-sync',
            ],
          },
        }),
      },
    },
  ],
  webServer: {
    // Serves the already-built dist/ (test:e2e runs `vite build` first).
    command: `npx vite preview --port ${PORT} --strictPort --base ${BASE_PATH}`,
    url: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    reuseExistingServer: !process.env.CI,
  },
});
