// Fails early, with install hints, when no Chromium is available for the e2e tests.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function bundledChromiumExists() {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

if (existsSync(SYSTEM_CHROMIUM) || bundledChromiumExists()) process.exit(0);

console.error(`No Chromium found for the Playwright e2e tests.
  On Debian/Ubuntu:  sudo apt-get install chromium   (used automatically from ${SYSTEM_CHROMIUM})
  Elsewhere:         npx playwright install chromium`);
process.exit(1);
