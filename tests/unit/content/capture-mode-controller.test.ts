// @vitest-environment happy-dom
/**
 * The content script's handling of the background's 'capture-mode' message, end to end inside the
 * controller: the banner is hidden and comes back; the interstitial is never hidden; bad or foreign
 * messages are refused; the UI comes back by itself when "off" never arrives.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageVerdict } from '../../../src/messaging/protocol';
import { pageStrings } from '../../../src/i18n/page-strings';

let verdict: PageVerdict;
vi.mock('../../../src/messaging/send', async () => {
  const { indexRules } = await import('../../../src/rules/compile');
  const { packRules } = await import('../../../src/rules/pack');
  const rulesPack = packRules(indexRules([]), '0');
  return {
    sendToBackground: vi.fn(async (type: string) => {
      if (type === 'get-page-config') return { locale: 'en', rules: [], rulesKey: '0', rulesPack, officialHost: false };
      if (type === 'scan-report') return verdict;
      return { done: true };
    }),
  };
});

import { browser } from 'wxt/browser';
import { startContent, type ContentHandle } from '../../../src/content/controller';

const banner = { level: 'danger' as const, levelName: 'Danger', score: 80, count: 1, reasons: [{ category: 'card-shop' as const, categoryName: 'Card shop (卡盟)', title: 'Card alliance site', occurrences: 1 }] };
const strings = pageStrings('en');
const roots = new Map<Element, ShadowRoot>();
let listeners: ((m: unknown, s: unknown, r: (x: unknown) => void) => unknown)[] = [];

function send(message: unknown, sender: unknown = { id: browser.runtime.id }): unknown {
  let reply: unknown;
  for (const l of listeners) l(message, sender, (r) => (reply = r));
  return reply;
}
const rootOf = (tag: string) => {
  const host = document.querySelector(tag);
  return host ? roots.get(host) : undefined;
};

let handle: ContentHandle | undefined;
beforeEach(() => {
  listeners = [];
  vi.spyOn(browser.runtime.onMessage, 'addListener').mockImplementation(((l: never) => void listeners.push(l)) as never);
  vi.spyOn(browser.runtime.onMessage, 'removeListener').mockImplementation((() => undefined) as never);
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const r = attach.call(this, init);
    roots.set(this, r);
    return r;
  });
  document.body.innerHTML = '<h1>Cheap iPhone</h1><p>Pay by bank transfer only.</p>';
});
afterEach(() => {
  handle?.stop();
  handle = undefined;
  vi.restoreAllMocks();
  vi.useRealTimers();
  document.documentElement.querySelectorAll('*').forEach((el) => el.localName.startsWith('shop-sentinel-') && el.remove());
});

async function start(v: PageVerdict, timeoutMs?: number) {
  verdict = v;
  handle = startContent(document, timeoutMs === undefined ? {} : { captureModeTimeoutMs: timeoutMs });
  await handle.idle();
  await handle.idle();
}

describe('capture-mode in the content script', () => {
  it('hides the banner while on and shows it again when off', async () => {
    await start({ locale: 'en', strings, banner, interstitial: null });
    expect(rootOf('shop-sentinel-banner')?.textContent).toContain('Card alliance site');
    expect(send({ type: 'capture-mode', payload: { on: true } })).toEqual({ ok: true, value: { on: true } });
    expect(rootOf('shop-sentinel-banner')?.textContent ?? '').toBe('');
    expect(send({ type: 'capture-mode', payload: { on: false } })).toEqual({ ok: true, value: { on: false } });
    expect(rootOf('shop-sentinel-banner')?.textContent).toContain('Card alliance site');
  });

  it('never hides the interstitial of a spoofed payment page', async () => {
    await start({ locale: 'en', strings, banner, interstitial: { host: 'paypa1-checkout.com', brand: 'PayPal', officialDomain: 'paypal.com' } });
    const before = rootOf('shop-sentinel-interstitial')?.textContent ?? '';
    expect(before.length).toBeGreaterThan(0);
    send({ type: 'capture-mode', payload: { on: true } });
    expect(rootOf('shop-sentinel-interstitial')?.textContent).toBe(before);
    send({ type: 'capture-mode', payload: { on: false } });
  });

  it('refuses malformed payloads and messages from a tab or another extension', async () => {
    await start({ locale: 'en', strings, banner, interstitial: null });
    expect(send({ type: 'capture-mode', payload: { on: 'yes' } })).toMatchObject({ ok: false });
    expect(send({ type: 'capture-mode', payload: { on: true, x: 1 } })).toMatchObject({ ok: false });
    expect(send({ type: 'capture-mode', payload: { on: true } }, { id: browser.runtime.id, tab: { id: 1 } })).toMatchObject({ ok: false });
    expect(send({ type: 'capture-mode', payload: { on: true } }, { id: 'someone-else' })).toBeUndefined();
    expect(rootOf('shop-sentinel-banner')?.textContent).toContain('Card alliance site');
  });

  it('shows the banner again by itself when "off" never comes', async () => {
    await start({ locale: 'en', strings, banner, interstitial: null }, 50);
    send({ type: 'capture-mode', payload: { on: true } });
    expect(rootOf('shop-sentinel-banner')?.textContent ?? '').toBe('');
    await new Promise((r) => setTimeout(r, 120));
    expect(rootOf('shop-sentinel-banner')?.textContent).toContain('Card alliance site');
  });
});
