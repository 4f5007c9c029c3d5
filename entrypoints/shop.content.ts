import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { startContent } from '../src/content/controller';
import { startOnce } from '../src/content/lifecycle';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    startOnce(
      () => startContent(document),
      (stop) => ctx.onInvalidated(stop),
      () => browser.runtime?.id !== undefined,
    );
  },
});
