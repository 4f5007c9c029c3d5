/**
 * "No data leaves the device": while the extension scans risky pages, shows its UI, opens its
 * popup and options, the only requests in the whole browser context (pages, frames and the
 * extension's service worker) go to the pages' own localhost origins or to the extension's own
 * chrome-extension:// files. Also checks the built code for network APIs.
 */
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, sleep } from './hostile-fixtures';
import { EXTENSION_DIR, currentWorker, openPopupFor, tabIdOf, waitForReport } from '../../../scripts/extension-browser';

test('the extension makes no network requests besides the page\'s own', async ({ ext, page, site, other }) => {
  const requests: string[] = [];
  ext.context.on('request', (r) => requests.push(r.url()));
  for (const w of ext.context.serviceWorkers()) w.on('request' as never, (r: { url(): string }) => requests.push(r.url()));
  await page.goto(`${site.origin}/cash-out.html`);
  await waitForReport(ext, page, (r) => r.report.score >= 40);
  await page.goto(`${site.origin}/spoof.html`);
  await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'payment-spoof'));
  await page.goto(`${site.origin}/frame-top.html?frame=${encodeURIComponent(`${other.origin}/frame-child.html`)}`);
  await waitForReport(ext, page);
  const popup = await openPopupFor(ext, await tabIdOf(ext, page));
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await sleep(1500);
  await popup.close();
  await options.close();

  // the recorder sees the service worker's own requests too (a request we make from it on purpose)
  await currentWorker(ext).evaluate((u: string) => fetch(u).then(() => undefined, () => undefined), `${site.origin}/honest.html?from-worker`);
  await expect.poll(() => requests.some((u) => u.includes('?from-worker'))).toBe(true);

  const allowed = [site.origin, other.origin, `chrome-extension://${ext.extensionId}/`];
  const outside = requests.filter((u) => !allowed.some((a) => u.startsWith(a)) && !/^(data|blob):/.test(u));
  expect(requests.length).toBeGreaterThan(3); // the recorder works
  expect(outside, 'requests that left the device').toEqual([]);
});

test('the built extension contains no code that sends data out (fetch to remote, XHR, WebSocket, beacon)', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.js')) files.push(join(d, e.name));
    }
  };
  walk(EXTENSION_DIR);
  expect(files.length).toBeGreaterThan(3);
  const hits: string[] = [];
  for (const f of files) {
    const code = readFileSync(f, 'utf8');
    for (const re of [/XMLHttpRequest/, /new WebSocket/, /sendBeacon/, /new EventSource/, /fetch\(\s*["'`]https?:/]) if (re.test(code)) hits.push(`${f}: ${re}`);
    // the only fetch( allowed is Vite's module-preload helper, which fetches the extension's own chunks
    const fetches = code.match(/.{60}\bfetch\(.{20}/g) ?? [];
    for (const m of fetches) if (!/modulepreload|e\.href|\.href,/.test(m)) hits.push(`${f}: ${m}`);
  }
  expect(hits).toEqual([]);
});
