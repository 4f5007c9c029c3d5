/**
 * Hostile pages that forge our messages and elements, hide text in places we might skip, use frames
 * and shadow DOM, or replace the globals an extension might rely on before our script runs.
 */
import { test, expect, BANNER, sleep, uiState } from './hostile-fixtures';
import { addParagraph, badgeText, openPopupFor, shadowClassBoxes, shadowClassCount, shadowText, storedReport, tabIdOf, waitForReport } from '../../../scripts/extension-browser';
import { SHADOW_HOST_TAGS } from '../../../src/page/extract';
import { HOST_LINK_SELECTOR, hrefNamesHost } from '../../../src/page/facts';

/** every element of the HTML standard's index of elements (and a few obsolete ones pages still use), sorted */
const HTML_ELEMENT_NAMES = `a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote body br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav nobr noframes noscript object ol optgroup option output p param picture plaintext pre progress q rp rt ruby s samp script search section select slot small source span strike strong style sub summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp`.split(' ');

const RISKY = (r: { report: { score: number }; findings: { category: string }[] }) => r.report.score >= 40 && r.findings.some((f) => f.category === 'cash-out');

test.describe('look-alike messages and forged elements are ignored', () => {
  test('a forged <shop-sentinel-banner> in the page does not stop the real one', async ({ ext, page, site }) => {
    await page.goto(`${site.origin}/forged-banner.html`);
    const report = await waitForReport(ext, page, RISKY);
    await expect.poll(() => shadowText(page, BANNER)).toContain('Warning');
    // the page's "verified safe" element is gone; ours (closed shadow root) is the only one left
    expect(await page.locator('#forged').count()).toBe(0);
    const state = await uiState(page, BANNER);
    expect(state.count).toBe(1);
    expect(state.painted, state.why).toBe(true);
    expect(await shadowText(page, BANNER)).toContain(String(Math.round(report.report.score)));
    expect(await shadowText(page, BANNER)).not.toContain('verified safe');
  });

  test('window.postMessage and CustomEvents shaped like our messages change nothing', async ({ ext, page, site }) => {
    await page.goto(`${site.origin}/cash-out.html`);
    const before = await waitForReport(ext, page, RISKY);
    const tabId = await tabIdOf(ext, page);
    await expect.poll(() => badgeText(ext, tabId)).toBe(String(Math.round(before.report.score)));
    await expect.poll(async () => (await uiState(page, BANNER)).painted).toBe(true);
    await page.evaluate(() => {
      const quiet = { locale: 'en', banner: null, interstitial: null };
      const fakeReport = { url: location.href, title: 'x', pageType: 'product', findings: [], report: { score: 0, level: 'safe', byCategory: {}, contributions: [] }, asksForCredentials: false };
      const shapes = [
        { type: 'apply-verdict', payload: quiet },
        { type: 'scan-report', payload: fakeReport },
        { type: 'refresh', payload: {} },
        { type: 'banner-action', payload: { action: 'trust' } },
        { type: 'banner-action', payload: { action: 'dismiss' } },
        { type: 'interstitial-action', payload: { action: 'continue' } },
      ];
      for (const m of shapes) {
        window.postMessage(m, '*');
        window.postMessage(JSON.stringify(m), '*');
        for (const name of [m.type, `shop-sentinel:${m.type}`, 'shop-sentinel', 'message']) {
          window.dispatchEvent(new CustomEvent(name, { detail: m }));
          document.dispatchEvent(new CustomEvent(name, { detail: m, bubbles: true, composed: true }));
        }
      }
      // try the extension messaging API from the page (not exposed to pages)
      const c = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      if (c?.runtime?.sendMessage) throw new Error('chrome.runtime.sendMessage is reachable from the page');
    });
    await sleep(1500);
    const after = await storedReport(ext, tabId);
    expect(after?.report.score).toBe(before.report.score);
    expect(await badgeText(ext, tabId)).toBe(String(Math.round(before.report.score)));
    const state = await uiState(page, BANNER);
    expect(state.painted, state.why).toBe(true);
  });

  test("a page that forges WXT's \"a newer content script started\" event does not remove our banner or stop the scanner", async ({ ext, page, site }) => {
    await page.goto(`${site.origin}/cash-out.html`);
    await waitForReport(ext, page, RISKY);
    await expect.poll(async () => (await uiState(page, BANNER)).painted).toBe(true);
    // the event WXT's content-script context listened for on document (our content script no longer
    // uses that context): its type names our extension id (public for a store extension), and
    // Chromium clones the detail into our world
    await page.evaluate((id) => {
      const type = `${id}:shop:wxt:content-script-started`;
      document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'shop', messageId: 'forged' } }));
      window.postMessage({ type, contentScriptName: 'shop', messageId: 'forged' }, '*');
    }, ext.extensionId);
    await sleep(1000);
    expect((await uiState(page, BANNER)).painted).toBe(true);
    await addParagraph(page, '加微信私下转账更优惠，转账后发货。');
    await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'off-platform-payment'), 8_000);
  });

  test('the content script tells the page nothing: no message, no event (WXT\'s "started" announcements named our extension id)', async ({ ext, page, site }) => {
    // a page that knows our (public) id and listens before anything of ours runs
    await page.addInitScript((id) => {
      const w = window as unknown as { __events: string[] };
      w.__events = [];
      document.addEventListener(`${id}:shop:wxt:content-script-started`, (e) => w.__events.push(JSON.stringify((e as CustomEvent).detail)));
    }, ext.extensionId);
    await page.goto(`${site.origin}/listener.html`);
    await waitForReport(ext, page, RISKY);
    await sleep(500);
    expect(await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __events: string[] }).__events)).toEqual([]);
  });

  test('text the page wraps in an element named like ours (<shop-sentinel-note>) is still scanned', async ({ ext, page, site }) => {
    // Our UI lives in closed shadow roots, so the extractor needs no name-based skip; the watcher
    // ignores only our exact host tags.
    await page.goto(`${site.origin}/own-tag-evasion.html`);
    expect(await page.getByText('花呗套现').isVisible()).toBe(true);
    await waitForReport(ext, page, RISKY, 8_000);
  });
});

test.describe('frames, shadow DOM and replaced globals', () => {
  test('a cross-origin iframe cannot report for, or silence, the top page', async ({ ext, page, site, other }) => {
    // risky top page + cross-origin frame that posts look-alike messages to its parent
    await page.goto(`${site.origin}/frame-top.html?frame=${encodeURIComponent(`${other.origin}/frame-child.html`)}`);
    await addParagraph(page, '花呗套现，费率低至5%，10分钟到账。信用卡套现，不上征信。', 'prepend');
    const report = await waitForReport(ext, page, RISKY);
    await expect.poll(async () => (await uiState(page, BANNER)).painted).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith(other.origin))!;
    expect(frame).toBeTruthy();
    await sleep(1000);
    // no UI of ours inside the frame, the top page keeps its own report and banner
    expect(await frame.evaluate(() => document.querySelectorAll('[class], *').length > 0 && !document.querySelector('shop-sentinel-banner'))).toBe(true);
    expect((await storedReport(ext, await tabIdOf(ext, page)))?.report.score).toBe(report.report.score);
    expect((await uiState(page, BANNER)).painted).toBe(true);
  });

  test('claims in frames of the page\'s own origin (srcdoc, filled by script, loaded later) are scanned as the page\'s', async ({ ext, page, site }) => {
    await page.goto(`${site.origin}/frame-same-origin.html`);
    await expect(page.frameLocator('#srcdoc').locator('p')).toContainText('花呗套现');
    await waitForReport(ext, page, RISKY, 8_000);
    // "mark all in the page": boxes over the claim, where the frame shows it
    const popup = await openPopupFor(ext, await tabIdOf(ext, page));
    await popup.locator('[data-action=show-all]').click();
    await expect(popup.getByRole('status')).toContainText('Marked on the page');
    await popup.close();
    const frameBox = (await page.locator('#srcdoc').boundingBox())!;
    await expect.poll(() => shadowClassBoxes(page, 'shop-sentinel-highlights', 'box')).not.toEqual([]);
    for (const box of await shadowClassBoxes(page, 'shop-sentinel-highlights', 'box')) {
      expect(box.x).toBeGreaterThanOrEqual(frameBox.x - 4);
      expect(box.y).toBeGreaterThanOrEqual(frameBox.y - 4);
      expect(box.y + box.height).toBeLessThanOrEqual(frameBox.y + frameBox.height + 4);
    }
    await page.evaluate(() => (window as unknown as { fillScripted(): void }).fillScripted());
    await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'off-platform-payment'), 8_000);
    // a frame added later, loading a page of the same site
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.append(f);
    }, `${site.origin}/closed-shadow.html`);
    await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'exaggerated-claim'), 8_000);
  });

  test('an honest top page is not blamed for a cross-origin frame it embeds', async ({ ext, page, site, other }) => {
    await page.goto(`${site.origin}/frame-top.html?frame=${encodeURIComponent(`${other.origin}/frame-child.html`)}`);
    await page.waitForLoadState('load');
    const report = await waitForReport(ext, page);
    await sleep(800);
    expect(report.report.score).toBeLessThan(15);
    expect(await badgeText(ext, await tabIdOf(ext, page))).toBe('');
  });

  test('visible text inside an open shadow root is scanned, also in a host added later', async ({ ext, page, site }) => {
    await page.goto(`${site.origin}/open-shadow.html`);
    await expect(page.locator('deal-card')).toContainText('花呗套现');
    await waitForReport(ext, page, RISKY, 8_000);
    // the added <div> is itself the root the watcher hands over: its own shadow root must be read
    await page.evaluate(() => {
      const host = document.createElement('div');
      host.attachShadow({ mode: 'open' }).innerHTML = '<p>加微信私下转账更优惠，转账后发货。</p>';
      document.body.append(host);
    });
    await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'off-platform-payment'), 8_000);
  });

  test('claims in closed shadow roots (an empty <div>, a custom element, a host added later) are scanned, and highlighted', async ({ ext, page, site }) => {
    await page.goto(`${site.origin}/closed-shadow.html`);
    // the page itself cannot see inside
    expect(await page.evaluate(() => document.getElementById('promo')!.shadowRoot === null && document.querySelector('deal-card')!.shadowRoot === null)).toBe(true);
    const report = await waitForReport(ext, page, (r) => RISKY(r) && r.findings.some((f) => f.category === 'exaggerated-claim'), 8_000);
    expect(report.findings.find((f) => f.category === 'cash-out')!.excerpt.match).toContain('套现');
    await page.evaluate(() => (window as unknown as { addLateHost(): void }).addLateHost());
    await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'off-platform-payment'), 8_000);
    // "mark all in the page": the page's ::highlight style cannot reach into shadow trees, so the
    // claims there get boxes in our own layer
    const popup = await openPopupFor(ext, await tabIdOf(ext, page));
    await popup.locator('[data-action=show-all]').click();
    await expect(popup.getByRole('status')).toContainText('Marked on the page');
    await expect.poll(() => shadowClassCount(page, 'shop-sentinel-highlights', 'box')).toBeGreaterThanOrEqual(3);
  });

  test('a component the page defines after the first scan (a lazy bundle) is read once it has its shadow root', async ({ ext, page, site }) => {
    await page.goto(`${site.origin}/late-define.html`);
    const first = await waitForReport(ext, page, undefined, 8_000);
    expect(await page.evaluate(() => (window as unknown as { __defined?: boolean }).__defined ?? false)).toBe(false);
    expect(first.report.score).toBeLessThan(15);
    await page.waitForFunction(() => (window as unknown as { __defined?: boolean }).__defined === true);
    await waitForReport(ext, page, RISKY, 10_000);
  });

  test('the elements the walk asks for a shadow root are exactly those the browser lets carry one', async ({ page, site }) => {
    await page.goto(`${site.origin}/open-shadow.html`);
    const hosts = await page.evaluate((names) => names.filter((name) => {
      try {
        document.createElement(name).attachShadow({ mode: 'open' });
        return true;
      } catch {
        return false;
      }
    }), HTML_ELEMENT_NAMES);
    expect(hosts).toEqual([...SHADOW_HOST_TAGS].sort());
  });

  test('the native link selector finds every href that names a host (hrefNamesHost), however it is spelled (tabs, newlines, backslashes)', async ({ page, site }) => {
    await page.goto(`${site.origin}/open-shadow.html`);
    const alphabet = ['/', '\\', ':', '\t', '\n', '\r', ' ', 'h', 's', '.', '?', '#', '1', '\u0001'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const hrefs = ['/\t/tab.example', '/\n\\lf.example', ' /\r/cr.example', 'h\ttps://x', '/item/1', '?q=1', '#top', 'item/2'];
    for (let i = 0; i < 3000; i++) hrefs.push(Array.from({ length: 1 + Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    const matched = await page.evaluate(([list, selector]) => {
      const box = document.createElement('div');
      for (const h of list) box.appendChild(document.createElement('a')).setAttribute('href', h);
      document.body.appendChild(box);
      return Array.from(box.querySelectorAll(selector), (a) => a.getAttribute('href'));
    }, [hrefs, HOST_LINK_SELECTOR] as const);
    const found = new Set(matched);
    const naming = hrefs.filter(hrefNamesHost);
    expect(naming.length).toBeGreaterThan(100);
    expect(naming.filter((h) => !found.has(h))).toEqual([]);
    // and it is a filter: the common relative links are not handed to script
    expect(['/item/1', '?q=1', '#top', 'item/2'].filter((h) => found.has(h))).toEqual([]);
  });

  test('a page that replaces history.pushState, MutationObserver and navigation first is still watched', async ({ ext, page, site }) => {
    await page.goto(`${site.origin}/replaced-globals.html`);
    const first = await waitForReport(ext, page);
    expect(first.report.score).toBeLessThan(15);
    // SPA navigation through the page's own (wrapped) pushState
    await page.click('#go');
    expect(page.url()).toContain('view=deal');
    const deal = await waitForReport(ext, page, (r) => r.url.includes('view=deal') && RISKY(r));
    expect(deal.report.score).toBeGreaterThanOrEqual(40);
    // our MutationObserver is the isolated world's, not the page's fake one
    expect(await page.evaluate(() => (window as unknown as { __calls: { observers: number } }).__calls.observers)).toBe(0);
    // a later in-place change (no URL change) is noticed too
    await addParagraph(page, '加微信私下转账更优惠，转账后发货。');
    await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'off-platform-payment'));
    await expect.poll(async () => (await uiState(page, BANNER)).painted).toBe(true);
  });
});
