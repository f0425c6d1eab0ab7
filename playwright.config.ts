import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests in Chromium through the browser host, against the real reference ENT server.
 * Chromium: PLAYWRIGHT_CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download.
 */
const systemChromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 30_000,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'e2e', testMatch: '**/*.spec.ts' },
    // After every spec: each host's log files, and no secret or name in them (test/e2e/logs.after.ts).
    { name: 'journaux', testMatch: '**/logs.after.ts', dependencies: ['e2e'] },
  ],
});
