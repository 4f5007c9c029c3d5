/**
 * `npm start`: builds the extension, serves the demo shop on localhost and launches Chromium with
 * the extension loaded.
 *   npm start                 — with a display: opens a window on the demo shop (Ctrl+C to quit)
 *   npm start -- --headless   — visits every demo page, prints each page's score and writes
 *                               screenshots of the banner, popup and interstitial to docs/screenshots/
 * Options: --no-build (use the existing .output/chrome-mv3), --port=N, --out=DIR,
 *          --lang=zh|en|auto (the extension's language; default zh for the screenshots, auto in a window)
 */
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemoServer } from '../demo/server';
import { DEMO_PAGES } from '../demo/pages';
import {
  badgeText,
  launchWithExtension,
  openPopupFor,
  tabIdOf,
  patchSettings,
  waitForReport,
  shadowText,
  type ExtensionBrowser,
  type StoredReport,
} from './extension-browser';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = flag('headless') || !hasDisplay;
const outDir = resolve(import.meta.dirname, '..', option('out') ?? 'docs/screenshots');

const POPUP_SHOTS = new Set(['exaggerated-claim', 'card-shop', 'payment-spoof', 'pressure-tactics', 'honest-product']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function settle(ext: ExtensionBrowser, page: Page): Promise<StoredReport> {
  // the first report, then a short quiet period so late rescans are counted
  await waitForReport(ext, page);
  await sleep(600);
  return waitForReport(ext, page);
}

function line(name: string, r: StoredReport, badge: string, banner: boolean) {
  const cats = Object.entries(r.report.byCategory)
    .map(([c, p]) => `${c}:${Math.round(p)}`)
    .join(' ');
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    `${pad(name, 22)} score ${String(Math.round(r.report.score)).padStart(3)}  ${pad(r.report.level, 8)} badge ${pad(badge || '-', 4)} banner ${banner ? 'yes' : 'no '}  ` +
      `findings ${String(r.findings.length).padStart(2)}  [${cats}]  ${r.stats.nodes} nodes, ${r.stats.busyMs} ms busy, longest slice ${r.stats.longestSliceMs} ms (task ${r.stats.longestTaskMs} ms), ${r.stats.rescans} rescans`,
  );
}

/** What a demo page needs after it settled before its score and screenshot mean anything (the others: nothing). */
const AFTER_LOAD: Record<string, (ext: ExtensionBrowser, page: Page, report: StoredReport) => Promise<StoredReport>> = {
  'infinite-scroll': async (ext, page, report) => {
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, 4000);
      await sleep(400);
    }
    const after = await waitForReport(ext, page, (r) => r.findings.length > 0, 8000).catch(() => report);
    await page.evaluate(() => window.scrollTo(0, 0));
    return after;
  },
  // its script points the card form at a look-alike of Alipay three seconds after load
  'late-spoof': async (ext, page, report) => {
    const after = await waitForReport(ext, page, (r) => (r.report.byCategory['payment-spoof'] ?? 0) > 0, 8000).catch(() => report);
    await page.waitForSelector('shop-sentinel-interstitial', { state: 'attached', timeout: 3000 }).catch(() => undefined);
    return after;
  },
  spa: async (ext, page, report) => {
    await page.click('a[data-route=deal]');
    const after = await waitForReport(ext, page, (r) => r.url.includes('view=deal'), 8000).catch(() => report);
    await sleep(400);
    return after;
  },
};

async function runHeadless(ext: ExtensionBrowser, origin: string) {
  mkdirSync(outDir, { recursive: true });
  const page = await ext.context.newPage();
  console.log(`\nDemo pages (${origin}):`);
  for (const demo of DEMO_PAGES) {
    await page.goto(origin + demo.path);
    const settled = await settle(ext, page);
    const report = (await AFTER_LOAD[demo.name]?.(ext, page, settled)) ?? settled;
    const tabId = await tabIdOf(ext, page);
    const badge = await badgeText(ext, tabId);
    const banner = (await shadowText(page, 'shop-sentinel-banner')) !== null;
    line(demo.name, report, badge, banner);
    const interstitial = (await shadowText(page, 'shop-sentinel-interstitial')) !== null;
    await sleep(300); // banner animation
    await page.screenshot({ path: resolve(outDir, `${interstitial ? 'interstitial' : 'page'}-${demo.name}.png`) });
    if (POPUP_SHOTS.has(demo.name)) {
      const popup = await openPopupFor(ext, tabId);
      await popup.screenshot({ path: resolve(outDir, `popup-${demo.name}.png`), fullPage: true });
      await popup.close();
      await page.bringToFront();
    }
  }
  const options = await ext.context.newPage();
  await options.setViewportSize({ width: 900, height: 1100 });
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.waitForSelector('.section');
  await options.screenshot({ path: resolve(outDir, 'options.png'), fullPage: true });
  console.log(`\nScreenshots written to ${outDir}`);
}

async function main() {
  if (!flag('no-build')) {
    console.log('Building the extension…');
    execSync('npx wxt build', { stdio: 'inherit', cwd: resolve(import.meta.dirname, '..') });
  }
  const demo = await startDemoServer(Number(option('port') ?? 8765)).catch(() => startDemoServer(0));
  console.log(`Demo shop: ${demo.origin}/`);
  const ext = await launchWithExtension({ headless, locale: option('lang') === 'en' ? 'en-US' : 'zh-CN' });
  console.log(`Extension loaded: chrome-extension://${ext.extensionId}/ (Chromium ${ext.context.browser()?.version() ?? ''})`);
  const lang = option('lang') ?? (headless ? 'zh' : 'auto');
  if (lang !== 'auto') await patchSettings(ext, { language: lang });
  const stop = async () => {
    await ext.close();
    await demo.close();
  };
  if (headless) {
    try {
      await runHeadless(ext, demo.origin);
    } finally {
      await stop();
    }
    return;
  }
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(`${demo.origin}/`);
  console.log('Browse the demo shop in the window. Close it or press Ctrl+C to quit.');
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));
  await new Promise<void>((done) => ext.context.on('close', () => done()));
  await demo.close();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
