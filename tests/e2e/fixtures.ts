/** Fixtures: the demo shop (one per worker) and a fresh Chromium with the extension (one per test). */
import { test as base, expect, type Page } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { launchWithExtension, patchSettings, type ExtensionBrowser } from '../../scripts/extension-browser';

export interface Fixtures {
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
  ext: async ({}, use) => {
    const ext = await launchWithExtension({ headless: true });
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
