import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyHost, isOfficialHost, TECHNIQUES, TECHNIQUE_LABELS } from '../../../src/domains/classify-host';
import { listOfficialDomains } from '../../../src/domains/registry';

const look = (host: string) => classifyHost(host);

describe('official hosts', () => {
  it('every registry domain and its subdomains classify official', () => {
    for (const { domain, brand } of listOfficialDomains()) {
      const hosted = brand.userContentSuffixes?.includes(domain); // <store>.myshopify.com is a merchant's, not Shopify's
      for (const host of hosted ? [domain, `www.${domain}`] : [domain, `www.${domain}`, `pay.secure.${domain}`]) {
        const r = look(host);
        expect(r.verdict, host).toBe('official');
        expect(r.brandId, host).toBeDefined();
        if (domain !== 'qq.com' && domain !== 'tenpay.com') expect(r.brandId, host).toBe(brand.id);
      }
    }
  });
  it('accepts URLs, upper case, ports and trailing dots', () => {
    for (const h of ['https://WWW.Alipay.COM/x?y=1', 'cashier.alipay.com.', 'alipay.com:443', 'http://user@pay.weixin.qq.com/']) expect(look(h).verdict, h).toBe('official');
  });
  it('brands with country sites own their label under any country TLD', () => {
    expect(look('www.amazon.de').verdict).toBe('official');
    expect(look('google.co.id').verdict).toBe('official');
    expect(look('www.paypal.co.uk').verdict).toBe('official');
  });
  it('…but not under government or academic second levels (a state visa office is not Visa)', () => {
    for (const h of ['visa.gov.in', 'www.visa.gov.in', 'apple.edu.cn', 'amazon.ac.uk', 'paypal.mil.br']) expect(look(h).verdict, h).not.toBe('official');
    expect(look('visa.gov.in').verdict).toBe('unrelated');
  });
  it('every technique has a Chinese and an English label', () => {
    for (const t of TECHNIQUES) expect(TECHNIQUE_LABELS[t]?.zh && TECHNIQUE_LABELS[t]?.en, t).toBeTruthy();
  });
  it('isOfficialHost mirrors the verdict', () => {
    expect(isOfficialHost('auth.alipay.com')).toBe(true);
    expect(isOfficialHost('alipay-secure.com')).toBe(false);
    expect(isOfficialHost('localhost')).toBe(false);
  });
});

describe('techniques', () => {
  const cases: [string, string, string, string?][] = [
    // host, brand id, technique, diff contains
    ['xn--pypal-4ve.com', 'paypal', 'idn-homoglyph', 'U+0430 CYRILLIC'],
    ['аlipay.com', 'alipay', 'idn-homoglyph', 'а (U+0430 CYRILLIC) → a'],
    ['арр1е.com', 'apple', 'whole-script-confusable', 'CYRILLIC'],
    ['paypa1.com', 'paypal', 'ascii-lookalike', '1 → l'],
    ['ta0bao.com', 'taobao', 'ascii-lookalike', '0 → o'],
    ['arnazon.com', 'amazon-pay', 'ascii-lookalike', 'rn → m'],
    ['vvechat.com', 'wechat-pay', 'ascii-lookalike', 'vv → w'],
    ['alipy.com', 'alipay', 'typo', 'missing a'],
    ['aliapy.com', 'alipay', 'typo', 'ap → pa'],
    ['unionpav.com', 'unionpay', 'typo', 'v → y'],
    ['95561.com', 'unionpay', 'typo'],
    ['alipay.com.evil.cn', 'alipay', 'subdomain-embedding', 'alipay.com'],
    ['www.amazon.co.jp.amazmanage.tk', 'amazon-pay', 'subdomain-embedding', 'amazon.co.jp'],
    ['paypal.secure-login.xyz', 'paypal', 'subdomain-embedding'],
    ['alipay-secure.com', 'alipay', 'brand-keyword', 'secure'],
    ['paypal-resolution.com', 'paypal', 'brand-keyword', 'resolution'],
    ['unionpaykefu.cn', 'unionpay', 'brand-keyword'],
    ['apple-id-verify.com', 'apple', 'brand-keyword'],
    ['paypal.com-x.top', 'paypal', 'tld-hyphen', 'hyphen'],
    ['95516.com-refund.top', 'unionpay', 'tld-hyphen'],
    ['pay-weixin-qq.com', 'wechat-pay', 'flattened-host', 'pay.weixin.qq.com'],
    ['www-alipay-com.xyz', 'alipay', 'flattened-host', 'alipay.com'],
    ['zhifubao.com', 'alipay', 'pinyin-name'],
    ['weixinzhifu-kefu.net', 'wechat-pay', 'pinyin-name'],
    ['caifutong.cn', 'wechat-pay', 'pinyin-name'],
    ['yinlian-tuikuan.com', 'unionpay', 'pinyin-name'],
    ['alipay.cn.com', 'alipay', 'fake-suffix', 'cn.com'],
    ['paypal.us.com', 'paypal', 'fake-suffix'],
    ['alipay.top', 'alipay', 'tld-swap'],
    ['paypal-login.netlify.app', 'paypal', 'brand-keyword'],
    ['apple-clone-x.vercel.app', 'apple', 'brand-keyword'],
    ['ali-pay.com', 'alipay', 'typo', 'extra -'],
    ['alipysecure.com', 'alipay', 'typo', 'missing a'],
    ['securepaypa1login.com', 'paypal', 'brand-keyword', '1 → l'],
    ['alipays.com', 'alipay', 'brand-in-label'],
    ['icbc.com.cn.xyz.top', 'icbc', 'subdomain-embedding', 'icbc.com.cn'],
    ['955l6.com', 'unionpay', 'ascii-lookalike', 'l → 1'],
  ];
  it.each(cases)('%s → %s (%s)', (host, brandId, technique, diff) => {
    const r = look(host);
    expect(r.verdict).toBe('lookalike');
    expect(r.brandId).toBe(brandId);
    expect(r.technique).toBe(technique);
    if (diff) expect(r.diff ?? '').toContain(diff);
    expect(r.officialDomain).toBeTruthy();
    expect(r.reasons.length).toBeGreaterThan(0);
  });
  it('every technique it can report is exercised above (except hosted-brand-name, tested below)', () => {
    const used = new Set(cases.map((c) => c[2]));
    for (const t of TECHNIQUES) if (t !== 'hosted-brand-name' && t !== 'brand-in-label') expect(used.has(t), t).toBe(true);
    expect(look('paypal.netlify.app').technique).toBe('hosted-brand-name');
    expect(look('infoamazonmall123x.com').technique).toBe('brand-in-label');
  });
});

describe('false-positive guards', () => {
  const unrelated = [
    'pineapple.com', 'www.pineapple-recipes.com', 'striped.com', 'strive.com', 'apply.com', 'small.com', // ordinary words
    'citibank.com', 'paypay.ne.jp', 'paypay-card.co.jp', // other brands that share letters
    'bpple.com', 'gaobao.com', // first-letter-only differences
    'jb.com', 'qa.com', 'cb.com', // short labels
    'a.b.s3.amazonaws.com', 'bucket.s3.ap-northeast-1.amazonaws.com', 'd1.cloudfront.net', // infrastructure
    'myshop.myshopify.com', 'apple.github.io', // hosted sites
    'visa.vfsglobal.com', 'usvisa-info.com', 'apple-farm.org', // brand words in other meanings
    'shop2.com', 'strip2.club', // trailing digits
    'localhost', '127.0.0.1', 'demo.localhost', '[::1]', '192.168.1.10',
    'en.wikipedia.org', 'github.com', 'www.baidu.com', 'www.bilibili.com', 'weibo.com',
  ];
  it.each(unrelated)('%s is not a look-alike', (host) => {
    expect(look(host).verdict).not.toBe('lookalike');
  });
});

describe('bad input', () => {
  it('never throws and says why', () => {
    for (const bad of ['', '   ', 'bad host', 'http://', 'a'.repeat(300), 'x..y', '<script>', '\u0000']) {
      const r = look(bad);
      expect(r.verdict).toBe('unrelated');
      expect(r.error, bad).toBeTruthy();
    }
  });
  it('any string: a verdict, no exception (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const r = classifyHost(s);
        return ['official', 'lookalike', 'unrelated'].includes(r.verdict) && Array.isArray(r.reasons);
      }),
      { numRuns: 500 },
    );
  });
  it('official domains stay official under any subdomain (property)', () => {
    const domains = listOfficialDomains().map((d) => d.domain);
    fc.assert(
      fc.property(fc.constantFrom(...domains), fc.stringMatching(/^[a-z0-9]{1,12}$/), (d, sub) => classifyHost(`${sub}.${d}`).verdict === 'official' || d.startsWith('myshopify')),
      { numRuns: 300 },
    );
  });
});
