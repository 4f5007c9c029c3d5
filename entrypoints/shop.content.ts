import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { startContent } from '../src/content/controller';
import { startOnce } from '../src/content/lifecycle';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // WXT's "content script started" window.postMessage told every page that ShopSentinel (and its
  // id) is installed; the same-tab handover works without it (src/content/lifecycle.ts)
  noScriptStartedPostMessage: true,
  main(ctx) {
    startOnce(
      () => startContent(document),
      (stop) => ctx.onInvalidated(stop),
      () => browser.runtime?.id !== undefined,
    );
  },
});
