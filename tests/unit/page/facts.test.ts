// @vitest-environment happy-dom
/**
 * Image facts are capped at the images that say something, 300 of them: the brand check reads no
 * more, and converting every product photo of a listing (each with a CSS path) cost the most of a
 * rescan's facts. The cache is not filled past the cap either.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createFactCache, factElements, factsFromElements, warmFactCache } from '../../../src/page/facts';

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
