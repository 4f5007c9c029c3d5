// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectPageContent, pageMetrics, pageRestore, pageScrollTo } from '../../../src/evidence/page-collect';

/** executeScript serializes a function's source: prove each collector works with no outer scope. */
function detached<F extends (...args: never[]) => unknown>(fn: F): F {
  return new Function(`return (${fn.toString()})`)() as F;
}

const OPTIONS = { maxHtmlChars: 1_000_000, maxTextChars: 100_000, maxInlineImageBytes: 1_000_000, capturedAt: '2026-11-22T02:00:00.000Z' };

describe('page-side collectors', () => {
  it('serialize the page without scripts, handlers, javascript: links or typed values', async () => {
    document.head.innerHTML = '<title>Shop</title><script>evil()</script>';
    document.body.innerHTML = `
      <h1 onclick="steal()">限时特价</h1>
      <a href="javascript:alert(1)">x</a><a href="/terms">terms</a>
      <form><input type="password" value="hunter2"><input name="card" value="4111111111111111"><textarea>secret</textarea></form>
      <script src="https://evil.example/x.js"></script><noscript>n</noscript>
      <p>一经售出概不退换</p>`;
    const collect = detached(collectPageContent);
    const page = await collect(OPTIONS);
    expect(page.title).toBe('Shop');
    expect(page.html).not.toMatch(/<script/i);
    expect(page.html).not.toMatch(/onclick|steal\(|javascript:/i);
    expect(page.html).not.toMatch(/hunter2|4111111111111111|secret/);
    expect(page.html).toMatch(/限时特价/);
    expect(page.html).toMatch(/<base href=/);
    expect(page.html).toMatch(/href="http[^"]*\/terms"/);
    expect(page.html.startsWith('<!DOCTYPE')).toBe(true);
    expect(page.stats.scriptsRemoved).toBe(2);
    expect(page.stats.handlersRemoved).toBeGreaterThanOrEqual(2);
    expect(page.text).toMatch(/一经售出概不退换/);
  });
  it('cuts oversize HTML and text and says so', async () => {
    document.body.innerHTML = `<p>${'a'.repeat(5000)}</p>`;
    const page = await detached(collectPageContent)({ ...OPTIONS, maxHtmlChars: 1000, maxTextChars: 100 });
    expect(page.html.length).toBe(1000);
    expect(page.text.length).toBe(100);
    expect(page.stats.htmlTruncated && page.stats.textTruncated).toBe(true);
  });
  it('metrics, scroll and restore run detached and put fixed elements back', async () => {
    document.body.innerHTML = '<div id="hdr" style="position: fixed; visibility: visible">header</div><div style="height: 5000px">long</div>';
    const m = detached(pageMetrics)();
    expect(m.viewportHeight).toBeGreaterThan(0);
    await detached(pageScrollTo)(100, true);
    const hdr = document.getElementById('hdr')!;
    expect(hdr.style.getPropertyValue('visibility')).toBe('hidden');
    detached(pageRestore)(0, 0);
    expect(hdr.style.getPropertyValue('visibility')).toBe('visible');
    expect(hdr.hasAttribute('data-shopsentinel-hidden')).toBe(false);
  });
});
