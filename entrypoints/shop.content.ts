import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../src/content/controller';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const handle = startContent(document);
    ctx.onInvalidated(() => handle.stop());
  },
});
