/**
 * fast-check properties for the parts a hostile page feeds directly: classifyHost (any string, incl.
 * huge, unicode and punycode garbage) and the whole scan on hostile HTML (extraction + engine),
 * complementing tests/unit/engine/scan-properties.test.ts (text-only) — never throw, bounded time,
 * score within 0–100. The evidence engineer already covers verify's single-byte-change property
 * (tests/unit/evidence/verify.test.ts), so it is not repeated here.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyHost, listOfficialDomains } from '../../../src/domains';
import { analyzeHtml, analyzeText } from '../../../src/node/engine';

const officials = listOfficialDomains().map((d) => d.domain);
const VERDICTS = ['official', 'lookalike', 'unrelated'];

const garbageHost = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom(...officials).chain((d) =>
    fc.tuple(fc.string({ unit: 'binary', maxLength: 8 }), fc.nat(d.length), fc.string({ unit: 'binary', maxLength: 8 })).map(([ins, at, pre]) => pre + d.slice(0, at) + ins + d.slice(at)),
  ),
  fc.array(fc.constantFrom('xn--', 'xn--80ak6aa92e', 'xn--zz', '-', '.', '..', '%', '@', ':', '[', ']', '::1', 'а', 'ο', '\u200b', '\u0000', 'ß', 'İ', '🙂', 'alipay', 'taobao', 'com', 'cn', '1', 'l', 'rn', 'm'), { maxLength: 40 }).map((a) => a.join('')),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.domain(),
);

describe('classifyHost', () => {
  it('never throws and always returns a well-formed classification', () => {
    fc.assert(
      fc.property(garbageHost, (input) => {
        const c = classifyHost(input);
        expect(VERDICTS).toContain(c.verdict);
        expect(typeof c.host).toBe('string');
        expect(Array.isArray(c.reasons)).toBe(true);
        if (c.verdict === 'lookalike') expect(c.officialDomain).toBeTruthy();
      }),
      { numRuns: 1500 },
    );
  });

  it('huge inputs are answered quickly', () => {
    for (const s of ['a'.repeat(1_000_000), 'xn--'.repeat(100_000), 'a.'.repeat(200_000) + 'alipay.com', '\u0430'.repeat(300_000) + '.com', '.'.repeat(500_000)]) {
      const t0 = performance.now();
      expect(() => classifyHost(s)).not.toThrow();
      expect(performance.now() - t0).toBeLessThan(1_000);
    }
  });

  it('official domains stay official under random case, a trailing dot, a scheme, a path and a port (subdomains are not official on platform domains such as myshopify.com, so none are added)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...officials),
        fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
        fc.boolean(),
        fc.boolean(),
        fc.constant(''),
        (domain, upper, dot, url, sub) => {
          const cased = [...(sub + domain)].map((ch, i) => (upper[i % 64] ? ch.toUpperCase() : ch)).join('') + (dot ? '.' : '');
          const input = url ? `https://${cased}:443/cashier?x=1#y` : cased;
          const c = classifyHost(input);
          expect(c.verdict, `${input} → ${JSON.stringify(c)}`).toBe('official');
        },
      ),
      { numRuns: 1500 },
    );
  });
});

// hostile HTML: random nesting, attributes and text, including our own tag names and broken markup
const textPiece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('花呗套现', '信用卡套现', '不上征信', '加微信私下转账', '概不退换', '\u200b', '\u202e', '&amp;', '&#x0;', '&#xD800;', '<', '>', '"', ']]>', '<!--', '-->', 'guaranteed', 'miracle cure'),
);
const tag = fc.constantFrom('div', 'p', 'span', 'b', 'li', 'h1', 'button', 'form', 'template', 'script', 'style', 'svg', 'iframe', 'shop-sentinel-banner', 'x-😀', 'table', 'td', 'select', 'option', 'textarea', 'a', 'img', 'input', 'noscript', 'math');
const attr = fc.tuple(fc.constantFrom('style', 'hidden', 'aria-hidden', 'href', 'action', 'src', 'title', 'id', 'class', 'autocomplete', 'type', 'lang', 'onclick', '__proto__', 'constructor'), fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('display:none', 'visibility:hidden', 'true', 'https://www.a1ipay.com/pay', 'cc-number', 'password', 'javascript:alert(1)')))
  .map(([k, v]) => `${k}="${v.replace(/"/g, '&quot;')}"`);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, textPiece, tie('element')),
  element: fc.tuple(tag, fc.array(attr, { maxLength: 3 }), fc.array(tie('tree'), { maxLength: 4 }), fc.boolean()).map(
    ([t, attrs, kids, close]) => `<${t} ${attrs.join(' ')}>${(kids as string[]).join('')}${close ? `</${t}>` : ''}`,
  ),
}));
const url = fc.oneof(fc.webUrl(), fc.constantFrom('https://www.a1ipay.com/cashier', 'https://alipay.com/', 'http://127.0.0.1:8080/x', 'file:///tmp/a.html', 'https://xn--80ak6aa92e.com/'));

describe('scanning hostile HTML', () => {
  it('never throws; score 0–100; findings point inside the page', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), url, (parts, u) => {
        const html = `<!doctype html><html><head><title>${parts[0] ?? ''}</title></head><body>${parts.join('')}</body></html>`;
        const r = analyzeHtml(html, u);
        expect(r.report.score).toBeGreaterThanOrEqual(0);
        expect(r.report.score).toBeLessThanOrEqual(100);
        expect(Number.isFinite(r.report.score)).toBe(true);
        for (const f of r.findings) {
          expect(f.locator.start).toBeLessThanOrEqual(f.locator.end);
          expect(typeof f.excerpt.match).toBe('string');
        }
      }),
      { numRuns: 250 },
    );
  });

  it('a claim stays found whatever harmless markup and zero-width characters surround it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('span', 'b', 'i', 'em', 'strong', 'a', 'u', 'small'), { minLength: 4, maxLength: 4 }), fc.array(fc.constantFrom('', '\u200b', '\u200d', '\u2060', '\ufeff'), { minLength: 3, maxLength: 3 }), fc.string({ maxLength: 50 }).filter((s) => !/[<&]/.test(s)), (tags, zw, noise) => {
        const chars = [...'花呗套现'];
        const inner = chars.map((c, i) => `<${tags[i]}>${c}</${tags[i]}>${zw[i] ?? ''}`).join('');
        const r = analyzeHtml(`<html><body><p>${noise.replace(/[<>]/g, '')}</p><p>${inner}</p></body></html>`, 'https://shop.example.com/');
        expect(r.findings.map((f) => f.ruleId)).toContain('credit-cashout-offer');
      }),
      { numRuns: 100 },
    );
  });

  it('bounded time on pathological text: 2 MB of near-misses', () => {
    const nearMiss = '花呗套 信用卡套 不上征 私下转 概不退 guarantee miracl '.repeat(40_000);
    const t0 = performance.now();
    const r = analyzeText(nearMiss.slice(0, 2_000_000));
    expect(r.report.score).toBeGreaterThanOrEqual(0);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
