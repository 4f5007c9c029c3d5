import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../src/background/handlers';
import { clearIfNavigated, loadTabState, saveTabState, samePage } from '../../../src/background/tab-state';
import { loadSettings } from '../../../src/storage/settings';
import { sampleReport } from '../messaging/fixtures';
import { unpackRules } from '../../../src/rules/pack';
import type { FactsNeeded, PageVerdict } from '../../../src/messaging/protocol';

const sender = { kind: 'content' as const, tabId: 7, url: 'https://shop.example/item' };
const popup = { kind: 'extension' as const, url: 'chrome-extension://x/popup.html' };

/** the verdict of a report the background had facts for */
function verdictOf(reply: PageVerdict | FactsNeeded): PageVerdict {
  if ('factsNeeded' in reply) throw new Error('the background asked for the facts');
  return reply;
}

describe('background handlers (fake browser)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('stores the report in storage.session, sets the badge and answers with a verdict', async () => {
    const h = createHandlers();
    const verdict = verdictOf(await h['scan-report'](sampleReport(), sender));
    expect(verdict.banner?.score).toBe(45);
    const stored = await fakeBrowser.storage.session.get('tab:7');
    expect(stored['tab:7']).toMatchObject({ tabId: 7, host: 'shop.example', url: 'https://shop.example/item' });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('45');
  });

  it('a fresh set of handlers (restarted worker) still knows the tab', async () => {
    await createHandlers()['scan-report'](sampleReport(), sender);
    const view = await createHandlers()['get-tab-report']({ tabId: 7 }, popup);
    expect(view?.report.score).toBe(45);
    expect(view?.findings[0]).toMatchObject({ ruleId: 'cash-out-offer', title: expect.any(Object), explanation: expect.any(Object) });
    expect(await createHandlers()['get-tab-report']({ tabId: 8 }, popup)).toBeNull();
  });

  it('a report without facts is checked against the facts the page sent last; without any (restarted worker, other page) the background asks for them', async () => {
    const h = createHandlers();
    const spoofed = sampleReport({
      url: 'https://shop.example/pay',
      domainFacts: { ...sampleReport().domainFacts, links: [{ href: 'https://www.amaz0n.com/gp/buy', text: 'Buy now with Amazon Pay', path: 'a' }] },
    });
    const at = { ...sender, url: spoofed.url };
    const first = verdictOf(await h['scan-report'](spoofed, at));
    expect(first.banner?.reasons.map((r) => r.category)).toContain('payment-spoof');
    // the same facts again: sent as null, the look-alike link still counts
    const again = verdictOf(await h['scan-report']({ ...spoofed, domainFacts: null }, { ...at, url: `${spoofed.url}#step2` }));
    expect(again.banner?.score).toBe(first.banner?.score);
    expect((await loadTabState(7))?.findings.map((f) => f.ruleId)).toContain('lookalike-payment-link');
    expect(await createHandlers()['scan-report']({ ...spoofed, domainFacts: null }, at)).toEqual({ factsNeeded: true });
    expect(await h['scan-report']({ ...spoofed, url: 'https://shop.example/other', domainFacts: null }, { ...at, url: 'https://shop.example/other' })).toEqual({ factsNeeded: true });
    expect(await h['scan-report']({ ...spoofed, domainFacts: null }, { ...at, tabId: 8 })).toEqual({ factsNeeded: true });
  });

  it('dismiss silences the banner on that site for the session', async () => {
    const h = createHandlers();
    await h['scan-report'](sampleReport(), sender);
    await h['banner-action']({ action: 'dismiss' }, sender);
    expect(verdictOf(await h['scan-report'](sampleReport(), sender)).banner).toBeNull();
    const other = { ...sender, tabId: 9, url: 'https://other.example/' };
    expect(verdictOf(await h['scan-report'](sampleReport({ url: 'https://other.example/' }), other)).banner).not.toBeNull();
  });

  it('trust this site goes to the settings and silences the banner', async () => {
    const h = createHandlers();
    await h['banner-action']({ action: 'trust' }, { ...sender, url: 'https://www.shop.example/item' });
    expect((await loadSettings()).trustedSites).toEqual(['shop.example']);
    expect(verdictOf(await h['scan-report'](sampleReport(), sender)).banner).toBeNull();
    expect((await h['get-tab-report']({ tabId: 7 }, popup))?.trusted).toBe(true);
    await h['set-trust']({ host: 'shop.example', trusted: false }, popup);
    expect((await loadSettings()).trustedSites).toEqual([]);
  });

  it('page config carries the text rules of the enabled categories, keyed by content', async () => {
    const all = await createHandlers()['get-page-config']({}, sender);
    expect(all.rules.some((r) => r.category === 'cash-out')).toBe(true);
    expect(all.rules.some((r) => r.detector !== undefined)).toBe(false); // detectors run in the background
    await fakeBrowser.storage.local.set({ settings: { categories: { 'cash-out': false } }, settings$: { v: 2 } });
    const config = await createHandlers()['get-page-config']({}, sender);
    expect(config.rules.some((r) => r.category === 'cash-out')).toBe(false);
    expect(config.rules.length).toBeGreaterThan(50);
    expect(config.rulesKey).not.toBe(all.rulesKey);
    expect((await createHandlers()['get-page-config']({}, sender)).rulesKey).toBe(config.rulesKey);
  });

  it('page config carries the rules index, packed for exactly those rules (the page does not compile them)', async () => {
    const config = await createHandlers()['get-page-config']({}, sender);
    expect(config.rulesPack?.key).toBe(config.rulesKey);
    const index = unpackRules(config.rules, config.rulesKey, config.rulesPack!);
    expect(index.tables.fail.length).toBeGreaterThan(1000);
    // a pack never fits rules it was not made for
    expect(() => unpackRules(config.rules.slice(1), config.rulesKey + 'x', config.rulesPack!)).toThrow(/rules pack/);
  });

  it('show on page forwards the locators of text findings to the tab', async () => {
    const h = createHandlers();
    await h['scan-report'](sampleReport(), sender);
    const spy = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: { shown: 1 } } as never);
    expect(await h['show-on-page']({ tabId: 7, findings: [0, 5] }, popup)).toEqual({ shown: 1 });
    expect(spy).toHaveBeenCalledWith(7, { type: 'highlight', payload: { locators: [sampleReport().findings[0]!.locator] } });
  });
});

describe('tab state', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is cleared when the tab navigates to another page, kept on a #fragment change', async () => {
    const h = createHandlers();
    await h['scan-report'](sampleReport(), sender);
    expect(await clearIfNavigated(7, 'https://shop.example/item#reviews')).toBe(false);
    expect(await loadTabState(7)).not.toBeNull();
    expect(await clearIfNavigated(7, 'https://shop.example/other')).toBe(true);
    expect(await loadTabState(7)).toBeNull();
  });

  it('ignores state that belongs to another tab id', async () => {
    await fakeBrowser.storage.session.set({ 'tab:3': { tabId: 4 } });
    expect(await loadTabState(3)).toBeNull();
    await saveTabState({ ...sampleReport(), tabId: 3, host: 'h', updatedAt: 1 });
    expect((await loadTabState(3))?.tabId).toBe(3);
  });

  it('compares pages without the fragment', () => {
    expect(samePage('https://a/x#1', 'https://a/x#2')).toBe(true);
    expect(samePage('https://a/x', 'https://a/y')).toBe(false);
  });
});
