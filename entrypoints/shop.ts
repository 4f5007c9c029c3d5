/**
 * The content script. An unlisted script declared in the manifest by wxt.config.ts, not a WXT
 * content script: WXT's content-script context announces every start with a DOM event on the
 * page's `document` (named with our public extension id) and stops on a look-alike event any page
 * can dispatch (docs/SECURITY.md 2.2), and costs 3 kB of the 60 kB budget. src/content/lifecycle.ts
 * does its job without the page seeing anything.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { browser } from 'wxt/browser';
import { startContent } from '../src/content/controller';
import { startOnce } from '../src/content/lifecycle';

export default defineUnlistedScript(() => {
  startOnce(() => startContent(document), () => browser.runtime?.id !== undefined);
});
