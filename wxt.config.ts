import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { rulesPlugin } from './scripts/vite-rules-plugin';
import { compactCssPlugin } from './scripts/vite-compact-css';
import { stripChromeOnlyPermissions } from './scripts/firefox-manifest';

/**
 * Test-only build (`SHOP_SENTINEL_TEST_BUILD=1 wxt build`, used by `npm run test:e2e`): adds
 * '<all_urls>' so captureVisibleTab works from a popup opened as a tab by Playwright (it has no
 * activeTab grant), and writes to .output/e2e so it can never be mistaken for the shipped build.
 */
const TEST_BUILD = process.env.SHOP_SENTINEL_TEST_BUILD === '1';
/** the pages the content script runs on, and the host access it needs there */
const WEB_PAGES = ['http://*/*', 'https://*/*'];

// See https://wxt.dev/api/config.html
export default defineConfig({
  ...(TEST_BUILD ? { outDir: '.output/e2e' } : {}),
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact(), rulesPlugin(), compactCssPlugin()],
  }),
  // Store packages (docs/FIREFOX.md): `npm run zip` writes the Chrome and Firefox ZIPs and, for
  // Mozilla's review, a sources ZIP holding exactly what rebuilds the add-on (checked by
  // `npm run test:firefox`, which rebuilds from it and compares every file).
  zip: {
    includeSources: [
      'package.json',
      'package-lock.json',
      'README.md',
      'LICENSE*',
      'docs/*.md',
      'tsconfig.json',
      'wxt.config.ts',
      'entrypoints/**',
      'src/**',
      'rules/**',
      'public/**',
      'scripts/**',
    ],
    excludeSources: ['**/corpus/**', 'docs/screenshots/**', 'tmp/**'],
  },
  hooks: {
    // Firefox build only: drop permissions Firefox does not have (pageCapture…), see scripts/firefox-manifest.ts
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser === 'firefox') stripChromeOnlyPermissions(manifest as Parameters<typeof stripChromeOnlyPermissions>[0]);
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage/tabs: reports and badge; activeTab/scripting/unlimitedStorage/contextMenus: evidence capture.
    // Host access equals the content script's reach (http/https), so it adds no new install warning.
    permissions: ['storage', 'tabs', 'activeTab', 'scripting', 'unlimitedStorage', 'contextMenus'],
    host_permissions: [...WEB_PAGES, ...(TEST_BUILD ? ['<all_urls>'] : [])],
    ...(browser === 'firefox' ? {} : { optional_permissions: ['pageCapture'] }),
    action: { default_title: 'ShopSentinel' },
    // the content script is an unlisted script (entrypoints/shop.ts says why), declared here
    content_scripts: [{ matches: WEB_PAGES, js: ['shop.js'], run_at: 'document_idle' }],
    commands: {
      'save-evidence': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Save evidence of this page' },
    },
    // Firefox (docs/FIREFOX.md): a fixed add-on id (MV3 signing needs one); 140 = the ESR with
    // data_collection_permissions (Android got it in 142); "none": nothing leaves the device.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'shop-sentinel@shopsentinel.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
