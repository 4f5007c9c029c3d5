// @vitest-environment happy-dom
/**
 * Image facts are capped at the images that say something, 300 of them: the brand check reads no
 * more, and converting every product photo of a listing (each with a CSS path) cost the most of a
 * rescan's facts. The cache is not filled past the cap either.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createExtractor } from '../../../src/page/extract';
import { createFactCache, factElements, factsFromElements, hrefNamesHost, warmFactCache } from '../../../src/page/facts';

beforeEach(() => {
  const items: string[] = [];
  for (let i = 0; i < 500; i++) items.push(i % 5 === 0 ? `<img src="/p/${i}.jpg">` : `<img src="/p/${i}.jpg" alt="product ${i}">`);
  items.push('<img src="/qr.png" data-qr="https://qr.alipay.com.pay-scan.cn/x">');
  document.body.innerHTML = `<ul>${items.map((x) => `<li>${x}</li>`).join('')}</ul>`;
});

describe('image facts', () => {
  it('keeps the first 300 informative images, in document order, and converts no more', () => {
    const elements = factElements(document);
    expect(elements.images).toHaveLength(501);
    const cache = createFactCache();
    expect(warmFactCache(document, elements, cache, Number.POSITIVE_INFINITY, 'https://shop.example/list')).toBe(true);
    const facts = factsFromElements(document, elements, 'https://shop.example/list', cache);
    expect(facts.images).toHaveLength(300);
    expect(facts.images[0]!.alt).toBe('product 1');
    expect(facts.images[299]!.alt).toBe('product 374');
    // 300 informative plus the 75 without alt met on the way, no more
    expect(elements.images.filter((img) => cache.items.has(img))).toHaveLength(375);
  });

  it('a page with few images keeps them all, the QR image too', () => {
    document.querySelectorAll('li').forEach((li, i) => i > 3 && i < 500 && li.remove());
    const facts = factsFromElements(document, factElements(document), 'https://shop.example/list');
    expect(facts.images.map((i) => i.alt)).toEqual(['product 1', 'product 2', 'product 3', '']);
    expect(facts.qrPayloads).toEqual(['https://qr.alipay.com.pay-scan.cn/x']);
  });
});

describe('link facts by selector', () => {
  it('the native selector pass finds exactly the links whose href names a host (hrefNamesHost), however it is spelled', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('/', '\\', ':', '\t', '\n', '\r', ' ', 'h', 't', 'p', 's', '.', '?', '#', '1', '\u0001'), maxLength: 10 }), { maxLength: 20 }), (hrefs) => {
        document.body.replaceChildren(
          ...hrefs.map((h) => {
            const a = document.createElement('a');
            a.setAttribute('href', h);
            return a;
          }),
        );
        const found = factElements(document).links.map((a) => a.getAttribute('href'));
        expect(found).toEqual(hrefs.filter(hrefNamesHost));
      }),
      { numRuns: 300, examples: [[['/\t/tab.example', '\t/\n/lf.example', ' /\r/cr.example', '/\t\\bs.example', 'h\ttps:x', '/item/1', '?q', '#top']]] },
    );
  });

  it('a root is read with its own link and attributes (a rescan root is often the added element)', () => {
    const a = document.body.appendChild(document.createElement('a'));
    a.setAttribute('href', 'https://pay.evil.example/x');
    a.setAttribute('data-qr', 'wxp://1');
    const ex = createExtractor(a);
    ex.step(Number.POSITIVE_INFINITY);
    expect([ex.facts.links, ex.facts.qr]).toEqual([[a], [a]]);
  });

  it('links inside an element with QR or microdata attributes are filed under each kind once', () => {
    document.body.innerHTML = '<a href="https://pay.example/x" data-qr="wxp://1" itemtype="https://schema.org/Offer">pay</a><a href="/item/1">item</a>';
    const elements = factElements(document);
    expect([elements.links.length, elements.qr.length, elements.itemtypes.length]).toEqual([1, 1, 1]);
  });
});
