import { describe, expect, it, vi } from 'vitest';
import { pageStrings } from '../../../src/i18n/page-strings';
import { createRouter, type Handlers } from '../../../src/background/router';
import { classifySender } from '../../../src/background/sender';
import { sampleReport } from '../messaging/fixtures';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const content = { id: ID, url: 'https://shop.example/item', frameId: 0, tab: { id: 7, url: 'https://shop.example/item' } };
const popup = { id: ID, url: `${ORIGIN}popup.html` };

function handlers(): Handlers {
  const ok = async () => ({ done: true as const });
  return {
    'get-page-config': vi.fn(async () => ({ locale: 'en' as const, rules: [], rulesKey: '0', rulesPack: null, officialHost: false })),
    'scan-report': vi.fn(async () => ({ locale: 'en' as const, strings: pageStrings('en'), banner: null, interstitial: null })),
    'banner-action': vi.fn(ok),
    'interstitial-action': vi.fn(ok),
    'get-tab-report': vi.fn(async () => null),
    'get-active-tab': vi.fn(async () => ({ tabId: 1 })),
    'show-on-page': vi.fn(async () => ({ shown: 0 })),
    'set-trust': vi.fn(ok),
  };
}

describe('classifySender', () => {
  it('knows content scripts and extension pages', () => {
    expect(classifySender(content, ID, ORIGIN)).toEqual({ kind: 'content', tabId: 7, url: 'https://shop.example/item' });
    expect(classifySender(popup, ID, ORIGIN)).toEqual({ kind: 'extension', url: `${ORIGIN}popup.html` });
    // the popup opened in a tab is still an extension page
    expect(classifySender({ ...popup, tab: { id: 3 } }, ID, ORIGIN)?.kind).toBe('extension');
  });
  it('refuses other extensions, sub-frames, non-web pages and tab-less senders', () => {
    expect(classifySender({ ...content, id: 'other' }, ID, ORIGIN)).toBeNull();
    expect(classifySender({ ...content, frameId: 2 }, ID, ORIGIN)).toBeNull();
    expect(classifySender({ ...content, url: 'file:///x.html' }, ID, ORIGIN)).toBeNull();
    expect(classifySender({ id: ID, url: 'https://x.example/' }, ID, ORIGIN)).toBeNull();
  });
});

describe('router', () => {
  it('dispatches a valid message from the right sender', async () => {
    const h = handlers();
    const route = createRouter(h, ID, ORIGIN);
    const reply = await route({ type: 'scan-report', payload: sampleReport() }, content);
    expect(reply).toEqual({ ok: true, value: { locale: 'en', strings: pageStrings('en'), banner: null, interstitial: null } });
    expect(h['scan-report']).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://shop.example/item' }), expect.objectContaining({ tabId: 7 }));
  });

  it('refuses unknown types, wrong senders and invalid payloads without calling handlers', async () => {
    const h = handlers();
    const route = createRouter(h, ID, ORIGIN);
    expect(await route({ type: 'format-disk', payload: {} }, content)).toMatchObject({ ok: false, error: expect.stringMatching(/unknown type/) });
    expect(await route('hello', content)).toMatchObject({ ok: false });
    // a page may not ask for another tab's report
    expect(await route({ type: 'get-tab-report', payload: { tabId: 1 } }, content)).toMatchObject({ ok: false, error: 'get-tab-report: sender not allowed' });
    // the popup may not pose as a page
    expect(await route({ type: 'scan-report', payload: sampleReport() }, popup)).toMatchObject({ ok: false, error: 'scan-report: sender not allowed' });
    const bad = await route({ type: 'scan-report', payload: sampleReport({ url: 'ftp://x' }) }, content);
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^scan-report: payload\.url: /) });
    expect(h['scan-report']).not.toHaveBeenCalled();
    expect(h['get-tab-report']).not.toHaveBeenCalled();
  });

  it('turns a handler error into a reply', async () => {
    const h = handlers();
    h['get-tab-report'] = async () => {
      throw new Error('boom');
    };
    const reply = await createRouter(h, ID, ORIGIN)({ type: 'get-tab-report', payload: { tabId: 1 } }, popup);
    expect(reply).toEqual({ ok: false, error: 'get-tab-report: boom' });
  });
});
