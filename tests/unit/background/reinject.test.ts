import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { contentScriptFiles, reinjectContentScripts, wireReinjection, type ReinjectOutcome } from '../../../src/background/reinject';

const MANIFEST = {
  manifest_version: 3,
  name: 'x',
  version: '1',
  content_scripts: [
    { matches: ['http://*/*', 'https://*/*'], run_at: 'document_idle', js: ['content-scripts/shop.js'] },
    { matches: ['file:///*'], js: ['content-scripts/local.js'] },
  ],
};

describe('contentScriptFiles', () => {
  it('takes the web-page content scripts of the built manifest, once each', () => {
    expect(contentScriptFiles(MANIFEST)).toEqual(['content-scripts/shop.js']);
    expect(contentScriptFiles({ content_scripts: [{ matches: ['<all_urls>'], js: ['a.js', 'b.js'] }, { matches: ['*://*/*'], js: ['a.js'] }] })).toEqual(['a.js', 'b.js']);
    expect(contentScriptFiles({})).toEqual([]);
  });
});

describe('reinjectContentScripts', () => {
  it('injects into open http(s) tabs only, skips discarded ones and those that refuse, never throws', async () => {
    const calls: [number, string[]][] = [];
    const out = await reinjectContentScripts(
      {
        queryTabs: async () => [
          { id: 1, url: 'https://shop.example/item' },
          { id: 2, url: 'http://127.0.0.1:8080/card-shop.html' },
          { id: 3, url: 'chrome://extensions/' },
          { id: 4, url: 'chrome-extension://abc/evidence.html' },
          { id: 5, url: 'https://chromewebstore.google.com/' },
          { id: 6, url: 'https://sleeping.example/', discarded: true },
          { id: 7 }, // no url: no host access to it
          { url: 'https://no-id.example/' },
          { id: 8, url: 'file:///home/me/page.html' },
        ],
        executeScript: async (tabId, files) => {
          calls.push([tabId, files]);
          if (tabId === 5) throw new Error('The extensions gallery cannot be scripted.');
        },
      },
      ['content-scripts/shop.js'],
    );
    expect(calls.map(([id]) => id).sort()).toEqual([1, 2, 5]);
    expect(calls.every(([, files]) => files.join() === 'content-scripts/shop.js')).toBe(true);
    expect(out.injected).toEqual([1, 2]);
    expect(out.skipped).toEqual(
      expect.arrayContaining([
        { tabId: 5, reason: 'The extensions gallery cannot be scripted.' },
        { tabId: 6, reason: 'discarded' },
      ]),
    );
    expect(out.skipped).toHaveLength(2);
  });

  it('does nothing without files, and survives a failing tab query', async () => {
    const executeScript = vi.fn(async () => undefined);
    expect(await reinjectContentScripts({ queryTabs: async () => [{ id: 1, url: 'https://a.example/' }], executeScript }, [])).toEqual({ injected: [], skipped: [] });
    expect(await reinjectContentScripts({ queryTabs: () => Promise.reject(new Error('no tabs')), executeScript }, ['a.js'])).toEqual({ injected: [], skipped: [] });
    expect(executeScript).not.toHaveBeenCalled();
  });
});

describe('wireReinjection (fake browser)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  async function setup(firefox: boolean) {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue(MANIFEST as never);
    const executeScript = vi.fn(async (_: { target: { tabId: number }; files: string[] }) => [] as never);
    fakeBrowser.scripting.executeScript = executeScript as never;
    const shop = await fakeBrowser.tabs.create({ url: 'https://shop.example/checkout' });
    await fakeBrowser.tabs.create({ url: 'about:blank' });
    const outcomes: [ReinjectOutcome, string][] = [];
    wireReinjection({ api: fakeBrowser as never, firefox, onDone: (o, r) => outcomes.push([o, r]) });
    return { executeScript, shop, outcomes };
  }

  it.each(['install', 'update'])('on %s: the content script goes into the open shop tab', async (reason) => {
    const { executeScript, shop, outcomes } = await setup(false);
    await fakeBrowser.runtime.onInstalled.trigger({ reason, temporary: false } as never);
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(executeScript).toHaveBeenCalledTimes(1);
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: shop.id }, files: ['content-scripts/shop.js'] });
    expect(outcomes[0]).toEqual([{ injected: [shop.id], skipped: [] }, reason]);
  });

  it('not after a browser update (pages keep a live content script: a second copy would be a double injection)', async () => {
    const { executeScript, outcomes } = await setup(false);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update', temporary: false } as never);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'shared_module_update', temporary: false } as never);
    await new Promise((r) => setTimeout(r, 20));
    expect(executeScript).not.toHaveBeenCalled();
    expect(outcomes).toEqual([]);
  });

  it('Firefox: no listener at all (Firefox injects into open tabs by itself)', async () => {
    const { executeScript } = await setup(true);
    expect(fakeBrowser.runtime.onInstalled.hasListeners()).toBe(false);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false } as never);
    expect(executeScript).not.toHaveBeenCalled();
  });
});
