import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real renderer in Debian's Chromium against the browser host (each test starts its
// own host on a temp workspace: see test/e2e/fixtures.ts). Never `npx playwright install`: it downloads browsers.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CARVE_CHROMIUM ?? '/usr/bin/chromium' },
    viewport: { width: 1440, height: 900 },
    trace: 'off',
  },
});
