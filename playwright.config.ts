import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the built extension (.output/chrome-mv3) in Debian's Chromium (/usr/bin/chromium),
 * driving the demo shop served from localhost. `npm run test:e2e` builds first.
 * Each test gets its own browser profile, so session choices (dismiss, trust) do not leak between tests.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
});
