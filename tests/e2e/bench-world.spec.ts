/**
 * The bench measures its in-page code where a content script runs (bench/browser/world.ts): in an
 * isolated world of the page, which shares the page's DOM but not its globals or its (possibly
 * tampered) prototypes. If benchWorld handed back the page's own world, the bench would again
 * flatter the extension by 2-3x (docs/PERFORMANCE.md, session 12).
 */
import { test, expect } from '@playwright/test';
import { launchPlain } from './hostile/hostile-fixtures';
import { benchWorld } from '../../bench/browser/world';

const PAGE = `<!doctype html><html><body><p id="x">hello</p><script>
window.pageSecret = 42;
Document.prototype.getElementById = function () { return null; };
</script></body></html>`;

const PROBE = `globalThis.__probe = {
  read: () => ({ text: document.getElementById('x').textContent, secret: typeof globalThis.pageSecret }),
  sum: (a, b) => a + b,
};`;

test('the bench world is isolated: the page DOM, but not the page globals or tampered prototypes', async () => {
  const { context, close } = await launchPlain();
  try {
    const page = await context.newPage();
    await page.setContent(PAGE);
    const cdp = await context.newCDPSession(page);
    const isolated = await benchWorld(page, cdp, 'isolated');
    const main = await benchWorld(page, cdp, 'main');
    await isolated.run(PROBE);
    await main.run(PROBE);
    expect(await isolated.call('__probe', 'read', [])).toEqual({ text: 'hello', secret: 'undefined' });
    // the page's own world sees its tampered getElementById: reading through it fails
    await expect(main.call('__probe', 'read', [])).rejects.toThrow(/null/);
    expect(await isolated.call('__probe', 'sum', [2, 3])).toBe(5);
    // an error inside the world comes back as an error, not as undefined
    await expect(isolated.call('__probe', 'missing', [])).rejects.toThrow();
    await expect(isolated.run('throw new Error("boom")')).rejects.toThrow(/boom/);
  } finally {
    await close();
  }
});
