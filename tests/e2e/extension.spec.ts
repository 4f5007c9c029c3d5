import { test, expect } from './fixtures';
import {
  badgeText,
  clickShadowAction,
  currentWorker,
  openPopupFor,
  patchSettings,
  shadowText,
  storedReport,
  tabIdOf,
  waitForReport,
} from '../../scripts/extension-browser';

const BANNER = 'shop-sentinel-banner';
const INTERSTITIAL = 'shop-sentinel-interstitial';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the extension id comes from the service worker URL', async ({ ext }) => {
  expect(ext.worker.url()).toBe(`chrome-extension://${ext.extensionId}/background.js`);
  expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
});

test('badge shows the score on a risky page and nothing on an honest one', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/card-shop.html`);
  const risky = await waitForReport(ext, page, (r) => r.report.score >= 15);
  const tabId = await tabIdOf(ext, page);
  await expect.poll(() => badgeText(ext, tabId)).toBe(String(Math.round(risky.report.score)));

  await page.goto(`${demo.origin}/honest-product.html`);
  const honest = await waitForReport(ext, page);
  expect(honest.report.score).toBeLessThan(15);
  await expect.poll(() => badgeText(ext, tabId)).toBe('');
});

test('banner appears from warning, names the reasons, and dismiss sticks for the session', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/cash-out.html`);
  const report = await waitForReport(ext, page);
  expect(report.report.score).toBeGreaterThanOrEqual(40);
  await expect.poll(() => shadowText(page, BANNER)).toContain('Warning: this page shows');
  const text = (await shadowText(page, BANNER))!;
  expect(text).toContain('Credit cash-out');
  expect(text).toContain(String(Math.round(report.report.score)));
  // the host element takes no space and keeps the page's layout
  const box = await page.locator(BANNER).evaluate((el) => getComputedStyle(el).position);
  expect(box).toBe('fixed');

  await clickShadowAction(page, BANNER, 'dismiss');
  await expect.poll(() => shadowText(page, BANNER)).toBeNull();
  await page.reload();
  await waitForReport(ext, page);
  await sleep(500);
  expect(await shadowText(page, BANNER)).toBeNull();
  // the badge still tells the truth
  expect(await badgeText(ext, await tabIdOf(ext, page))).toBe(String(Math.round(report.report.score)));
});

test('trust this site silences the banner and is listed in settings', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/off-platform-payment.html`);
  await waitForReport(ext, page);
  await expect.poll(() => shadowText(page, BANNER)).not.toBeNull();
  await clickShadowAction(page, BANNER, 'trust');
  await expect.poll(() => shadowText(page, BANNER)).toBeNull();

  await page.goto(`${demo.origin}/card-shop.html`);
  const report = await waitForReport(ext, page);
  expect(report.report.score).toBeGreaterThanOrEqual(40);
  await sleep(500);
  expect(await shadowText(page, BANNER)).toBeNull();

  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await expect(options.getByTestId('trusted-list')).toContainText(new URL(demo.origin).host);
});

test('popup lists the findings grouped by category and shows them on the page', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/card-shop.html`);
  const report = await waitForReport(ext, page);
  const tabId = await tabIdOf(ext, page);
  const popup = await openPopupFor(ext, tabId);
  await expect(popup.locator('.finding')).toHaveCount(report.findings.length);
  await expect(popup.locator('section.group[data-category=card-shop]')).toBeVisible();
  await expect(popup.locator('.hero')).toHaveAttribute('data-score', String(Math.round(report.report.score)));
  await expect(popup.getByRole('button', { name: 'Save evidence' })).toBeVisible();
  // each finding quotes the page
  const firstQuote = await popup.locator('.finding .quote mark').first().textContent();
  expect(report.findings.map((f) => f.excerpt.match)).toContain(firstQuote);

  await popup.locator('[data-action=show-all]').click();
  await expect(popup.getByRole('status')).toContainText('Marked on the page');
  await expect.poll(() => page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('shop-sentinel'))).toBe(true);
});

test('popup has a designed empty state on an honest page', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/honest-checkout.html`);
  await waitForReport(ext, page);
  const popup = await openPopupFor(ext, await tabIdOf(ext, page));
  await expect(popup.locator('[data-state=ok]')).toContainText('Nothing to report');
  await expect(popup.locator('.finding')).toHaveCount(0);
});

test('infinite scroll: new items are rescanned', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/infinite-scroll.html`);
  const first = await waitForReport(ext, page);
  expect(first.findings.filter((f) => f.category === 'cash-out')).toHaveLength(0);
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, 3000);
    await sleep(300);
  }
  const later = await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'cash-out'));
  expect(later.stats.rescans).toBeGreaterThan(0);
  expect(later.stats.longestSliceMs).toBeLessThan(200);
});

test('SPA navigation through the History API triggers a rescan', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/spa.html`);
  const home = await waitForReport(ext, page);
  expect(home.report.score).toBeLessThan(15);
  await page.click('a[data-route=deal]');
  expect(page.url()).toContain('view=deal');
  const deal = await waitForReport(ext, page, (r) => r.url.includes('view=deal') && r.report.score >= 40);
  expect(deal.findings.some((f) => f.category === 'cash-out')).toBe(true);
  await expect.poll(() => shadowText(page, BANNER)).not.toBeNull();
  await expect.poll(async () => badgeText(ext, await tabIdOf(ext, page))).toBe(String(Math.round(deal.report.score)));
});

test('a spoofed payment page gets the interstitial; continue anyway is remembered', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/payment-spoof.html`);
  const report = await waitForReport(ext, page);
  expect(report.findings.some((f) => f.category === 'payment-spoof')).toBe(true);
  await expect.poll(() => shadowText(page, INTERSTITIAL)).toContain('Alipay');
  const text = (await shadowText(page, INTERSTITIAL))!;
  expect(text).toContain('1 → l');
  expect(text).toContain('alipay.com');
  // the page underneath cannot be typed into
  expect(await page.evaluate(() => document.body.inert)).toBe(true);

  await clickShadowAction(page, INTERSTITIAL, 'continue');
  await expect.poll(() => shadowText(page, INTERSTITIAL)).toBeNull();
  expect(await page.evaluate(() => document.body.inert)).toBe(false);
  await page.reload();
  await waitForReport(ext, page);
  await sleep(500);
  expect(await shadowText(page, INTERSTITIAL)).toBeNull();
});

test('leave this page goes back', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/`);
  await page.goto(`${demo.origin}/payment-spoof.html`);
  await waitForReport(ext, page);
  await expect.poll(() => shadowText(page, INTERSTITIAL)).not.toBeNull();
  await clickShadowAction(page, INTERSTITIAL, 'leave');
  await expect.poll(() => page.url()).toBe(`${demo.origin}/`);
});

test('settings take effect: banner level, categories, language', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/cash-out.html`);
  await waitForReport(ext, page);
  await expect.poll(() => shadowText(page, BANNER)).not.toBeNull();

  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.selectOption('#banner-level', 'off');
  await page.bringToFront();
  await expect.poll(() => shadowText(page, BANNER)).toBeNull();

  await options.bringToFront();
  await options.selectOption('#banner-level', 'warning');
  await options.locator('input[name=cash-out]').uncheck();
  await page.bringToFront();
  const tabId = await tabIdOf(ext, page);
  await expect.poll(async () => (await storedReport(ext, tabId))?.findings.some((f) => f.category === 'cash-out')).toBe(false);

  await options.bringToFront();
  await options.locator('input[name=cash-out]').check();
  await options.selectOption('#language', 'zh');
  await expect(options.locator('h1')).toContainText('购物哨兵设置');
  await page.bringToFront();
  await expect.poll(() => shadowText(page, BANNER)).toContain('警告：此页面有');
});

test('a custom rule pack is validated: unsafe regexes are refused, a good pack takes effect', async ({ ext, page, demo }) => {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  const rule = (regex: string) => ({
    id: 'demo-tshirt',
    category: 'exaggerated-claim',
    severity: 'high',
    locales: ['zh'],
    title: { zh: '测试规则', en: 'Test rule' },
    patterns: { phrases: regex ? [] : ['纯棉圆领'], regexes: regex ? [{ source: regex, anchors: ['纯棉'] }] : [] },
    explanation: { zh: '测试', en: 'test' },
    examples: { match: ['纯棉圆领T恤'], noMatch: ['棉麻'] },
  });
  await options.locator('#pack-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ name: 'bad', rules: [rule('(纯棉+)+')] })) });
  await expect(options.getByTestId('problems')).toContainText('rule "demo-tshirt": patterns.regexes.0.source');
  await options.locator('#pack-file').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ name: 'good', rules: [rule('')] })) });
  await expect(options.getByTestId('pack-list')).toContainText('good');

  await page.goto(`${demo.origin}/honest-product.html`);
  const report = await waitForReport(ext, page, (r) => r.findings.some((f) => f.ruleId === 'demo-tshirt'));
  expect(report.report.score).toBeGreaterThan(0);
});

test('a restarted service worker still knows the tab report', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/card-shop.html`);
  const report = await waitForReport(ext, page);
  const tabId = await tabIdOf(ext, page);
  await ext.worker.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 1));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  // the popup's request wakes a fresh worker, which answers from storage.session
  const popup = await openPopupFor(ext, tabId);
  await expect(popup.locator('.hero')).toHaveAttribute('data-score', String(Math.round(report.report.score)));
  const fresh = ext.context.serviceWorkers().find((w) => w.url().includes(ext.extensionId))!;
  expect(await fresh.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBeUndefined();
});

test('a look-alike pay link a checkout step adds is checked, and still counts after the worker restarts', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/honest-checkout.html`);
  const before = await waitForReport(ext, page);
  expect(before.findings.some((f) => f.category === 'payment-spoof')).toBe(false);
  // no text finding changes with it: the report goes out because the page's facts did
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p><a class="btn" href="https://www.amaz0n.com/gp/buy">Continue</a></p>'));
  await waitForReport(ext, page, (r) => r.findings.some((f) => f.ruleId === 'lookalike-payment-link'));

  await currentWorker(ext).evaluate(() => ((globalThis as unknown as { marker: number }).marker = 2));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  // the next report carries no facts (they did not change); the fresh worker has none and asks for them
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p>花呗套现，当天到账</p>'));
  const after = await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'cash-out'));
  expect(after.findings.map((f) => f.ruleId)).toContain('lookalike-payment-link');
  expect(await currentWorker(ext).evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBeUndefined();
});

test('a card form a script re-points at a look-alike after load gets the interstitial', async ({ ext, page, demo }) => {
  await page.goto(`${demo.origin}/late-spoof.html`);
  const before = await waitForReport(ext, page);
  expect(before.findings.some((f) => f.category === 'payment-spoof')).toBe(false);
  expect(await shadowText(page, INTERSTITIAL)).toBeNull();
  // the page's own script changes the form's action 3 s after load; no text changes
  const after = await waitForReport(ext, page, (r) => r.findings.some((f) => f.ruleId === 'lookalike-form-action'));
  expect(after.findings.some((f) => f.category === 'payment-spoof')).toBe(true);
  await expect.poll(() => shadowText(page, INTERSTITIAL)).toContain('Alipay');
});
