/**
 * Hostile pages vs. our in-page UI: the page removes, hides, restyles or covers the banner and the
 * interstitial, and tries to trick the user into clicking "trust this site" / "continue anyway"
 * (clickjacking). Every page action here runs with page.evaluate, i.e. as the page's own script.
 */
import { test, expect, BANNER, INTERSTITIAL, sleep, uiState, buttonCentre } from './hostile-fixtures';
import { currentWorker, shadowText, waitForReport, type ExtensionBrowser } from '../../../scripts/extension-browser';
import type { Page } from '@playwright/test';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

async function bannerUp(ext: ExtensionBrowser, page: Page, url: string) {
  await page.goto(url);
  await waitForReport(ext, page, (r) => r.report.score >= 40);
  await expect.poll(async () => (await uiState(page, BANNER)).painted).toBe(true);
}

async function interstitialUp(ext: ExtensionBrowser, page: Page, url: string) {
  await page.goto(url);
  await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'payment-spoof'));
  await expect.poll(async () => (await uiState(page, INTERSTITIAL)).painted).toBe(true);
}

/** how long a person takes between seeing a button and clicking it (our UI refuses clicks in its first moments) */
const HUMAN_MS = 1_000;

/** The page opens its own top-layer element over everything (after ours), opaque, showing a decoy. */
function coverWithTopLayer(page: Page, catchClicks: boolean) {
  return page.evaluate((catching) => {
    const cover = document.createElement('div');
    cover.id = 'cover';
    cover.setAttribute('popover', 'manual');
    cover.style.cssText = `position:fixed;inset:0;width:100vw;height:100vh;max-width:none;max-height:none;margin:0;border:0;background:#fff;font-size:40px;${catching ? '' : 'pointer-events:none;'}`;
    cover.textContent = 'Click anywhere to claim your prize';
    document.body.append(cover);
    cover.showPopover();
  }, catchClicks);
}

const trustedSites = (ext: ExtensionBrowser): Promise<string[]> =>
  currentWorker(ext).evaluate(async () => ((await chrome.storage.local.get('settings')).settings?.trustedSites ?? []) as string[]);
const continuedSites = (ext: ExtensionBrowser): Promise<unknown> =>
  currentWorker(ext).evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)).match(/continued[^\]]*\]/)?.[0] ?? '');

test.describe('the banner survives a hostile page', () => {
  test('stylesheet rules aimed at the tag (even !important) do not hide it', async ({ ext, page, site }) => {
    await bannerUp(ext, page, `${site.origin}/cash-out.html`);
    await page.evaluate((tag) => {
      const s = document.createElement('style');
      s.textContent = `${tag}, html ${tag}, :root > ${tag} { display: none !important; visibility: hidden !important; opacity: 0 !important;
        clip-path: inset(50%) !important; transform: scale(0) !important; width: 0 !important; height: 0 !important; top: -9999px !important; }`;
      document.head.append(s);
    }, BANNER);
    await sleep(300);
    const state = await uiState(page, BANNER);
    expect(state.painted, state.why).toBe(true);
  });

  test('removed by the page: it comes back', async ({ ext, page, site }) => {
    await bannerUp(ext, page, `${site.origin}/cash-out.html`);
    await page.evaluate((tag) => document.querySelector(tag)!.remove(), BANNER);
    await expect.poll(async () => (await uiState(page, BANNER)).painted, { timeout: 5_000 }).toBe(true);
  });

  for (const [prop, value] of [
    ['display', 'none'],
    ['visibility', 'hidden'],
    ['opacity', '0'],
    ['clip-path', 'inset(50%)'],
    ['transform', 'translateX(-5000px)'],
  ] as const) {
    test(`hidden by an inline style (${prop}: ${value}): it stays visible`, async ({ ext, page, site }) => {
      await bannerUp(ext, page, `${site.origin}/cash-out.html`);
      await page.evaluate(([tag, p, v]: string[]) => (document.querySelector(tag!) as HTMLElement).style.setProperty(p!, v!, 'important'), [BANNER, prop, value]);
      await sleep(300);
      await expect.poll(async () => (await uiState(page, BANNER)).why, { timeout: 3_000 }).toBe('ok');
    });
  }

  test('a page that keeps re-hiding the banner (its own MutationObserver fights ours) stays responsive', async ({ ext, page, site }) => {
    // reassert is rate-limited (shadow-host.ts reassertLimited), so a page that fights it cannot freeze itself
    await bannerUp(ext, page, `${site.origin}/cash-out.html`);
    // the page re-hides on every change of the host's style, up to 5,000 times in one go
    const fight = await page.evaluate((tag) => new Promise<{ rounds: number; ms: number }>((done) => {
      const host = document.querySelector(tag) as HTMLElement;
      let rounds = 0;
      let first = 0;
      let last = 0;
      const mo = new MutationObserver(() => {
        const now = performance.now();
        if (!rounds) first = now;
        last = now;
        if (++rounds >= 5_000) return mo.disconnect();
        if (host.style.getPropertyValue('opacity') !== '0') host.style.setProperty('opacity', '0', 'important');
      });
      mo.observe(host, { attributes: true, attributeFilter: ['style'] });
      host.style.setProperty('opacity', '0', 'important');
      setTimeout(() => { mo.disconnect(); done({ rounds, ms: last - first }); }, 500);
    }), BANNER);
    console.log(`[hostile:style-fight] rounds=${fight.rounds} burst=${Math.round(fight.ms)}ms`);
    // ours must not ping-pong without end: restores are rate-limited, so in 500 ms the fight stops after
    // a bounded number of rounds (an unlimited fight reaches the page's 5,000 cap within one task)
    expect(fight.rounds, `${fight.rounds} rounds of restore/re-hide in ${Math.round(fight.ms)} ms`).toBeLessThan(200);
  });

  test('covered by an element of the page on top: it stays on top', async ({ ext, page, site }) => {
    await bannerUp(ext, page, `${site.origin}/cash-out.html`);
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.id = 'cover';
      cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#fff';
      document.documentElement.append(cover);
    });
    await sleep(300);
    await expect.poll(async () => (await uiState(page, BANNER)).onTop, { timeout: 3_000 }).toBe(true);
  });

  test('clickjacking: a banner made invisible over a decoy does not take a click it was not seen for', async ({ ext, page, site }) => {
    await bannerUp(ext, page, `${site.origin}/cash-out.html`);
    await page.evaluate((tag) => (document.querySelector(tag) as HTMLElement).style.setProperty('opacity', '0', 'important'), BANNER);
    await sleep(HUMAN_MS);
    const seen = await uiState(page, BANNER);
    const at = await buttonCentre(page, BANNER, 'trust');
    await page.mouse.click(at.x, at.y); // the user means "Claim your prize"
    await sleep(1000);
    // either the page's hiding was undone before the click (the user saw our button), or the click was refused
    if (!seen.painted) expect(await trustedSites(ext), `clicked while ${seen.why}`).toEqual([]);
    else expect(seen.why).toBe('ok');
  });

  test('clickjacking: a see-through top-layer overlay (pointer-events: none) over "trust" does not pass the click on', async ({ ext, page, site }) => {
    await bannerUp(ext, page, `${site.origin}/cash-out.html`);
    await coverWithTopLayer(page, false);
    await sleep(HUMAN_MS);
    const at = await buttonCentre(page, BANNER, 'trust');
    await page.mouse.click(at.x, at.y);
    await sleep(1000);
    expect(await trustedSites(ext)).toEqual([]);
  });

  test('covered by the page\'s own top-layer element (popover shown after ours): it stays on top', async ({ ext, page, site }) => {
    // ensureOnTop re-raises our popover when the page's own top-layer element covers it
    await bannerUp(ext, page, `${site.origin}/cash-out.html`);
    await coverWithTopLayer(page, true);
    await sleep(HUMAN_MS);
    await expect.poll(async () => (await uiState(page, BANNER)).onTop, { timeout: 3_000 }).toBe(true);
  });

  test('a real click on a visible, uncovered "trust" still works (the checks above must not break it)', async ({ ext, page, site }) => {
    await bannerUp(ext, page, `${site.origin}/cash-out.html`);
    await sleep(HUMAN_MS);
    const at = await buttonCentre(page, BANNER, 'trust');
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => trustedSites(ext)).toEqual([new URL(site.origin).host]);
  });

  test('a click the page synthesizes on the host element does nothing', async ({ ext, page, site }) => {
    await bannerUp(ext, page, `${site.origin}/cash-out.html`);
    await page.evaluate((tag) => {
      const host = document.querySelector(tag) as HTMLElement;
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: 1100, clientY: 300 }));
      // a closed shadow root is not reachable from the page
      if (host.shadowRoot !== null) throw new Error('shadow root is reachable');
    }, BANNER);
    await sleep(800);
    expect(await trustedSites(ext)).toEqual([]);
    expect((await uiState(page, BANNER)).painted).toBe(true);
  });
});

test.describe('the interstitial survives a hostile page', () => {
  test('a page that keeps changing its URL (history.pushState every 150 ms) cannot keep it down, nor make us rescan it each time', async ({ ext, page, site }) => {
    await interstitialUp(ext, page, `${site.origin}/spoof.html`);
    const before = (await waitForReport(ext, page)).stats.rescans;
    await page.evaluate(() => {
      let n = 0;
      const churn = () => {
        history.pushState({}, '', `?step=${++n}`);
        dispatchEvent(new PopStateEvent('popstate'));
        document.body.setAttribute('data-step', String(n)); // a mutation, so the watcher flushes too
        if (n < 40) setTimeout(churn, 150);
      };
      churn();
    });
    // sampled through the churn: up and the page inert every time
    const samples: boolean[] = [];
    for (let i = 0; i < 12; i++) {
      await sleep(500);
      const state = await uiState(page, INTERSTITIAL);
      samples.push(state.painted && (await page.evaluate(() => document.body.inert)));
    }
    expect(samples.filter((up) => !up)).toEqual([]);
    // 40 URL changes in 6 s: full rescans back off (at once, then 1, 2, 4 s apart…), not 40
    const after = await waitForReport(ext, page, (r) => r.url.endsWith('?step=40'), 40_000);
    console.log(`[hostile:url-churn] url changes=40 in 6 s, full rescans=${after.stats.rescans - before}`);
    expect(after.stats.rescans - before).toBeLessThanOrEqual(8);
  });

  test('removed by the page (and the page made interactive again): it comes back and the page is inert', async ({ ext, page, site }) => {
    await interstitialUp(ext, page, `${site.origin}/spoof.html`);
    await page.evaluate((tag) => {
      document.querySelector(tag)!.remove();
      document.body.inert = false;
    }, INTERSTITIAL);
    await expect.poll(async () => (await uiState(page, INTERSTITIAL)).painted, { timeout: 5_000 }).toBe(true);
    expect(await page.evaluate(() => document.body.inert)).toBe(true);
  });

  test('the page cannot make itself typeable again under the interstitial (inert reset + focus)', async ({ ext, page, site }) => {
    await interstitialUp(ext, page, `${site.origin}/spoof.html`);
    await page.evaluate(() => {
      document.body.inert = false;
      (document.getElementById('paypwd') as HTMLInputElement).focus();
    });
    await sleep(300);
    await page.keyboard.type('123456');
    expect(await page.evaluate(() => (document.getElementById('paypwd') as HTMLInputElement).value)).toBe('');
  });

  test('hidden by an inline style: it stays visible', async ({ ext, page, site }) => {
    await interstitialUp(ext, page, `${site.origin}/spoof.html`);
    await page.evaluate((tag) => (document.querySelector(tag) as HTMLElement).style.setProperty('display', 'none', 'important'), INTERSTITIAL);
    await sleep(300);
    await expect.poll(async () => (await uiState(page, INTERSTITIAL)).why, { timeout: 3_000 }).toBe('ok');
  });

  test('clickjacking: a see-through top-layer overlay over "continue anyway" does not pass the click on', async ({ ext, page, site }) => {
    await interstitialUp(ext, page, `${site.origin}/spoof.html`);
    await coverWithTopLayer(page, false);
    await sleep(HUMAN_MS);
    const at = await buttonCentre(page, INTERSTITIAL, 'continue');
    await page.mouse.click(at.x, at.y);
    await sleep(1000);
    expect(await shadowText(page, INTERSTITIAL)).not.toBeNull();
    expect(await continuedSites(ext)).not.toContain('127.0.0.1');
  });

  test('clickjacking: an interstitial made invisible does not take a click it was not seen for', async ({ ext, page, site }) => {
    await interstitialUp(ext, page, `${site.origin}/spoof.html`);
    await page.evaluate((tag) => (document.querySelector(tag) as HTMLElement).style.setProperty('opacity', '0', 'important'), INTERSTITIAL);
    await sleep(HUMAN_MS);
    const seen = await uiState(page, INTERSTITIAL);
    const at = await buttonCentre(page, INTERSTITIAL, 'continue');
    await page.mouse.click(at.x, at.y);
    await sleep(1000);
    if (!seen.painted) expect(await shadowText(page, INTERSTITIAL), `clicked while ${seen.why}`).not.toBeNull();
    else expect(seen.why).toBe('ok');
  });

  test('a real click on a visible "continue anyway" still works', async ({ ext, page, site }) => {
    await interstitialUp(ext, page, `${site.origin}/spoof.html`);
    await sleep(HUMAN_MS);
    const at = await buttonCentre(page, INTERSTITIAL, 'continue');
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => shadowText(page, INTERSTITIAL)).toBeNull();
    expect(await page.evaluate(() => document.body.inert)).toBe(false);
  });
});
