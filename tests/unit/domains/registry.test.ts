import { describe, expect, it } from 'vitest';
import { BRANDS, REGISTRY, type Brand } from '../../../src/domains/registry';
import { parseRegistry, type BrandData } from '../../../src/domains/registry-schema';
import raw from '../../../src/domains/data/brands.json';

describe('brand registry', () => {
  it('the committed data passes the zod schema unchanged (runtime reads it without zod)', () => {
    const parsed = parseRegistry(raw);
    expect(parsed).toEqual(REGISTRY);
    const typed: Brand[] = parsed.brands satisfies BrandData[];
    expect(typed.length).toBe(BRANDS.length);
  });
  it('covers the brands of issue 3, each with zh/en names and sourced official domains', () => {
    const ids = new Set(BRANDS.map((b) => b.id));
    for (const id of ['alipay', 'wechat-pay', 'unionpay', 'qq-wallet', 'jd', 'taobao', 'pinduoduo', 'weidian', 'icbc', 'ccb', 'abc', 'boc', 'bocom', 'cmb', 'paypal', 'stripe', 'adyen', 'apple', 'google-pay', 'amazon-pay', 'klarna', 'visa', 'mastercard', 'shopify'])
      expect(ids.has(id), id).toBe(true);
    for (const b of BRANDS) {
      expect(b.names.en.length).toBeGreaterThan(0);
      expect(b.names.zh.length).toBeGreaterThan(0);
      for (const d of b.domains) expect(REGISTRY.sources[d.source], `${b.id} ${d.domain}`).toBeTruthy();
    }
    const pinyin = BRANDS.flatMap((b) => b.names.pinyin);
    for (const p of ['zhifubao', 'weixinzhifu', 'caifutong', 'yinlian']) expect(pinyin).toContain(p);
  });
  it('rejects malformed data with readable messages', () => {
    const good = structuredClone(REGISTRY) as { brands: { id: string; domains: { domain: string; source: string }[] }[] };
    const dup = structuredClone(good);
    dup.brands.push(structuredClone(dup.brands[0]!));
    expect(() => parseRegistry(dup)).toThrow(/duplicate brand id alipay/);
    const badSource = structuredClone(good);
    badSource.brands[0]!.domains[0]!.source = 'a blog';
    expect(() => parseRegistry(badSource)).toThrow(/unknown source "a blog"/);
    const badDomain = structuredClone(good);
    badDomain.brands[0]!.domains[0]!.domain = 'Alipay COM';
    expect(() => parseRegistry(badDomain)).toThrow(/registrable domain/);
    expect(() => parseRegistry({ brands: [] })).toThrow(/invalid brand registry/);
  });
});
