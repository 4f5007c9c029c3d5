/**
 * The speed paths of the domain checks must not change any answer: hostOfUrl's fast paths agree with
 * the WHATWG URL parser, the verdict memo is bounded and keeps recently used hosts, and a cleared
 * memo gives fresh (equal) verdicts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hostOfUrl } from '../../../src/domains/host-input';
import { TwoGenerationCache } from '../../../src/domains/lru';
import { classifyHost, clearClassifyCache, classifyCacheGeneration } from '../../../src/domains/classify-host';

function viaUrl(url: string, base: string): string {
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.toLowerCase().replace(/\.$/, '') : '';
  } catch {
    return '';
  }
}

describe('hostOfUrl fast paths agree with new URL()', () => {
  const base = 'https://Shop.Example.com/a/b?x';
  const cases = [
    '/x', 'x/y', '?q', '#f', '', '../up', './x', '1a:b', // same host
    '//evil.com/x', '/\\evil.com', '\\\\evil.com', '\t//evil.com', '/\t/evil.com', // protocol-relative, however written
    'javascript:void(0)', 'mailto:a@b.c', 'data:text/html,x', 'tel:+100', 'a:b', // other schemes
    'HTTPS://A.B.com', 'http:foo', ' https://z.com', 'https://xn--80ak6aa92e.com/', 'https://exa mple.com', 'https://user:pw@host.com:8080/', 'http://.', 'https://shop.example.com./x',
  ];
  it.each(cases)('%j', (url) => {
    expect(hostOfUrl(url, base)).toBe(viaUrl(url, base));
  });
  it('any reference (property)', () => {
    const piece = fc.constantFrom('/', '//', '\\', '?', '#', ':', '.', 'a', 'b.com', 'http', 'https', 'javascript', ' ', '\t', '@', 'x', '..', '%');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const url = parts.join('');
        return hostOfUrl(url, base) === viaUrl(url, base);
      }),
      { numRuns: 3000 },
    );
  });
  it('a relative reference without a base has no host', () => {
    expect(hostOfUrl('/cart')).toBe('');
  });
});

describe('TwoGenerationCache', () => {
  it('stays bounded and keeps what is used', () => {
    const c = new TwoGenerationCache<number, number>(100);
    for (let i = 0; i < 1000; i++) {
      c.set(i, i * 2);
      expect(c.get(0), `step ${i}`).toBe(0); // used on every step: never dropped
      expect(c.size).toBeLessThanOrEqual(100);
    }
    expect(c.get(500)).toBeUndefined();
    expect(c.get(999)).toBe(1998);
    c.clear();
    expect(c.size).toBe(0);
  });
});

describe('verdict memo', () => {
  it('returns the memoized verdict until cleared, then an equal fresh one', () => {
    const a = classifyHost('alipay-secure-login.top');
    expect(classifyHost('alipay-secure-login.top')).toBe(a);
    const gen = classifyCacheGeneration();
    clearClassifyCache();
    expect(classifyCacheGeneration()).not.toBe(gen);
    const b = classifyHost('alipay-secure-login.top');
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
  });
  it('hosts of one registrable domain share the registrable-label work but keep their own answer', () => {
    clearClassifyCache();
    const one = classifyHost('img1.paypa1.com');
    const two = classifyHost('img2.paypa1.com');
    expect(one.host).toBe('img1.paypa1.com');
    expect(two.host).toBe('img2.paypa1.com');
    expect(two).toMatchObject({ verdict: 'lookalike', brandId: 'paypal', technique: one.technique, diff: one.diff });
  });
});
