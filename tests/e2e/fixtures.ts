/** Fixtures: the demo shop (one per worker) and a fresh Chromium with the extension (one per test). */
import { resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { launchWithExtension, patchSettings, type ExtensionBrowser } from '../../scripts/extension-browser';

export interface Fixtures {
  /** which build to load; undefined = the shipped build (.output/chrome-mv3). See E2E_BUILD_DIR. */
  extensionDir: string | undefined;
  ext: ExtensionBrowser;
  page: Page;
}

export const test = base.extend<Fixtures, { demo: DemoServer }>({
  demo: [
    async ({}, use) => {
      const demo = await startDemoServer(0);
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  extensionDir: [undefined, { option: true }],
  ext: async ({ extensionDir }, use) => {
    const ext = await launchWithExtension({ headless: true, ...(extensionDir ? { extensionDir } : {}) });
    // deterministic language for assertions on text
    await patchSettings(ext, { language: 'en' });
    await use(ext);
    await ext.close();
  },
  page: async ({ ext }, use) => {
    const page = await ext.context.newPage();
    await use(page);
  },
});

export { expect };

/**
 * The test-only build (`SHOP_SENTINEL_TEST_BUILD=1 wxt build`, done by `npm run test:e2e`): the
 * shipped manifest plus '<all_urls>', which captureVisibleTab needs when the popup is a Playwright tab.
 */
export const E2E_BUILD_DIR = resolve(import.meta.dirname, '../../.output/e2e/chrome-mv3');
