import { describe, expect, it } from 'vitest';
import type { DetectorContext } from '../../../src/engine/detector-types';
import type { FormField, PageSnapshot } from '../../../src/engine/types';
import { DOMAIN_DETECTORS } from '../../../src/domains';
import { PAGE_DETECTORS, sensitiveKindOf } from '../../../src/domains/page-checks';

function field(over: Partial<FormField>): FormField {
  return { type: 'text', name: '', id: '', placeholder: '', autocomplete: '', label: '', maxLength: null, path: 'input', ...over };
}

function snap(over: Partial<PageSnapshot>): PageSnapshot {
  return {
    url: 'https://shop.example.com/checkout', title: '', lang: 'en', segments: [], forms: [], looseFields: [], links: [], iframes: [],
    images: [], scripts: [], meta: {}, qrPayloads: [], structuredTypes: [], articleChars: 0, truncated: false, ...over,
  };
}

function ctx(s: PageSnapshot): DetectorContext {
  let host = '';
  try {
    host = new URL(s.url).hostname;
  } catch {
    /* file: */
  }
  return { snapshot: s, pageType: 'payment', normalized: s.segments.map((x) => x.text.toLowerCase()), host };
}

const run = (name: string, s: PageSnapshot) => PAGE_DETECTORS[name]!(ctx(s));

describe('DOMAIN_DETECTORS', () => {
  it('exports every page detector under its rule name', () => {
    expect(Object.keys(DOMAIN_DETECTORS).sort()).toEqual(Object.keys(PAGE_DETECTORS).sort());
    expect(Object.keys(DOMAIN_DETECTORS).length).toBeGreaterThanOrEqual(6);
  });
});

describe('where the page sends the buyer', () => {
  it('top-frame host look-alike, with brand, technique and diff', () => {
    const [hit] = run('lookalike-page-host', snap({ url: 'https://www.paypa1.com/signin' }));
    expect(hit?.detail).toMatchObject({ brand: expect.stringContaining('PayPal'), technique: 'ascii-lookalike', diff: '1 → l', officialDomain: 'paypal.com', source: 'top-frame' });
    expect(run('lookalike-page-host', snap({ url: 'https://www.paypal.com/signin' }))).toEqual([]);
  });
  it('iframes, form actions, links, scripts and QR payloads', () => {
    const s = snap({
      iframes: [{ src: 'https://js.strlpe.com/v3/inner.html', path: 'iframe' }, { src: 'https://js.stripe.com/v3/', path: 'iframe:nth-of-type(2)' }],
      forms: [{ action: 'https://alipay.com.pay-cn.top/gateway', method: 'post', path: 'form', fields: [] }],
      links: [{ href: 'https://zhifubao-kefu.com/pay', text: '去支付宝付款', path: 'a' }, { href: '/cart', text: 'cart', path: 'a:nth-of-type(2)' }],
      scripts: ['https://js.stripe.com-cdn.top/v3/', 'https://www.googletagmanager.com/gtag/js'],
      qrPayloads: ['https://qr.alipay.com.scan-pay.cn/fkx1', 'https://qr.alipay.com/fkx2'],
    });
    expect(run('lookalike-payment-frame', s).map((h) => h.detail?.host)).toEqual(['js.strlpe.com']);
    expect(run('lookalike-form-action', s)[0]?.detail).toMatchObject({ technique: 'subdomain-embedding', officialDomain: 'alipay.com', source: 'form-action' });
    expect(run('lookalike-payment-link', s)[0]?.detail).toMatchObject({ technique: 'pinyin-name', source: 'link' });
    expect(run('lookalike-payment-script', s)[0]?.detail).toMatchObject({ technique: 'tld-hyphen', source: 'script' });
    expect(run('lookalike-qr-payload', s).map((h) => h.detail?.host)).toEqual(['qr.alipay.com.scan-pay.cn']);
  });
  it('a shop paying through the real gateways is clean', () => {
    const s = snap({
      iframes: [{ src: 'https://js.stripe.com/v3/elements-inner-card.html', path: 'iframe' }],
      forms: [{ action: 'https://www.paypal.com/cgi-bin/webscr', method: 'post', path: 'form', fields: [] }],
      links: [{ href: 'https://cashier.alipay.com/standard', text: '支付宝', path: 'a' }],
      scripts: ['https://js.stripe.com/v3/', 'https://res.wx.qq.com/open/js/jweixin-1.6.0.js'],
      qrPayloads: ['weixin://wxpay/bizpayurl?pr=abc', 'https://qr.alipay.com/x'],
    });
    for (const name of Object.keys(PAGE_DETECTORS)) expect(run(name, s), name).toEqual([]);
  });
});

describe('impersonation by content', () => {
  const alipayLogin = (url: string) =>
    snap({
      url,
      title: '支付宝 - 账户验证',
      segments: [{ text: '支付宝 - 账户验证', zone: 'title', path: 'title' }, { text: '支付宝账户安全验证', zone: 'heading', path: 'h1' }],
      forms: [{ action: '', method: 'post', path: 'form', fields: [field({ name: 'account', label: '账户名' }), field({ type: 'password', name: 'paypwd', label: '支付密码' }), field({ name: 'sms', label: '短信验证码' })] }],
    });
  it('flags a brand-titled page asking for a PIN and SMS code on another host (critical evidence in detail)', () => {
    const [hit] = run('payment-brand-impersonation', alipayLogin('https://verify-account.example.net/login'));
    expect(hit?.detail).toMatchObject({ brand: expect.stringContaining('Alipay'), technique: 'content-impersonation', host: 'verify-account.example.net', officialDomain: 'alipay.com' });
    expect(hit?.detail?.source).toContain('pin');
    expect(hit?.excerpt.match).toBe('支付宝');
  });
  it('names the host technique when the page is on a look-alike of the same brand', () => {
    const [hit] = run('payment-brand-impersonation', alipayLogin('https://alipay-secure.com/login'));
    expect(hit?.detail?.technique).toBe('content-impersonation + brand-keyword');
  });
  it('treats localhost demo pages as belonging to no brand', () => {
    expect(run('payment-brand-impersonation', alipayLogin('http://127.0.0.1:5173/spoof.html'))).toHaveLength(1);
    expect(run('payment-brand-impersonation', alipayLogin('http://localhost:8080/pay'))).toHaveLength(1);
  });
  it("is silent on the brand's own domain", () => {
    expect(run('payment-brand-impersonation', alipayLogin('https://auth.alipay.com/login'))).toEqual([]);
  });
  it('is silent without sensitive inputs, and on honest shop pages (localhost included)', () => {
    const honest = (url: string) =>
      snap({
        url,
        title: 'Demo Shop - Checkout',
        segments: [{ text: 'Checkout', zone: 'heading', path: 'h1' }, { text: '支持支付宝、微信支付', zone: 'body', path: 'p' }],
        images: [{ src: '/img/alipay.png', alt: '支付宝', path: 'img' }, { src: '/img/wxpay.png', alt: '微信支付', path: 'img:nth-of-type(2)' }],
        forms: [{ action: '/order', method: 'post', path: 'form', fields: [field({ name: 'phone', label: '手机号' }), field({ name: 'code', label: '短信验证码' })] }],
      });
    expect(run('payment-brand-impersonation', honest('http://127.0.0.1:5173/checkout.html'))).toEqual([]);
    expect(run('payment-brand-impersonation', honest('https://shop.example.com/checkout'))).toEqual([]);
    const noFields = alipayLogin('https://news.example.com/a');
    noFields.forms = [];
    expect(run('payment-brand-impersonation', noFields)).toEqual([]);
  });
  it('a shop whose card form is the brand\'s real gateway iframe is clean', () => {
    const s = snap({
      title: 'Pay with Stripe',
      segments: [{ text: 'Pay with Stripe', zone: 'heading', path: 'h1' }],
      iframes: [{ src: 'https://js.stripe.com/v3/elements-inner-card.html', path: 'iframe' }],
      forms: [{ action: '/pay', method: 'post', path: 'form', fields: [field({ name: 'cardnumber', autocomplete: 'cc-number' })] }],
    });
    expect(run('payment-brand-impersonation', s)).toEqual([]);
    s.iframes = [];
    expect(run('payment-brand-impersonation', s)).toHaveLength(1);
  });
  it('3-D Secure brands need card data, not just a code (real ACS pages ask only for the code)', () => {
    const acs = snap({
      url: 'https://acs.somebank-3ds.com/challenge',
      title: 'Visa Secure',
      segments: [{ text: 'Visa Secure', zone: 'heading', path: 'h1' }],
      forms: [{ action: '', method: 'post', path: 'form', fields: [field({ name: 'otp', autocomplete: 'one-time-code' })] }],
    });
    expect(run('payment-brand-impersonation', acs)).toEqual([]);
    acs.forms[0]!.fields.push(field({ name: 'cvv', placeholder: 'CVV' }));
    expect(run('payment-brand-impersonation', acs)).toHaveLength(1);
  });
  it('a chooser of three or more payment brands is a checkout, not a spoof', () => {
    const s = snap({
      segments: ['PayPal', 'Alipay', 'Klarna'].map((t, i) => ({ text: t, zone: 'heading' as const, path: `h3:nth-of-type(${i + 1})` })),
      forms: [{ action: '/pay', method: 'post', path: 'form', fields: [field({ name: 'cardnumber', placeholder: 'Card number' })] }],
    });
    expect(run('payment-brand-impersonation', s)).toEqual([]);
  });
});

describe('sensitive fields', () => {
  it('recognises card, CVV, PIN, SMS and password inputs in English and Chinese', () => {
    expect(sensitiveKindOf(field({ autocomplete: 'cc-number' }))).toBe('card-number');
    expect(sensitiveKindOf(field({ name: 'cvc' }))).toBe('cvv');
    expect(sensitiveKindOf(field({ label: '银行卡号' }))).toBe('card-number');
    expect(sensitiveKindOf(field({ type: 'password', label: '支付密码' }))).toBe('pin');
    expect(sensitiveKindOf(field({ placeholder: '请输入短信验证码' }))).toBe('sms-code');
    expect(sensitiveKindOf(field({ type: 'password', name: 'x' }))).toBe('password');
    expect(sensitiveKindOf(field({ name: 'email', type: 'email' }))).toBeUndefined();
    expect(sensitiveKindOf(field({ type: 'hidden', name: 'password' }))).toBeUndefined();
  });
});

describe('precision on real shop pages', () => {
  it("a brand's own page linking to its other properties is clean; a third party's payment link is not", () => {
    const links = [
      { href: 'https://www.amazon.science/', text: 'Amazon Science', path: 'a' },
      { href: 'https://amazon-presse.de/', text: 'Presse', path: 'a:nth-of-type(2)' },
    ];
    expect(run('lookalike-payment-link', snap({ url: 'https://www.amazon.de/dp/1', links }))).toEqual([]);
    // elsewhere, a brand-word host counts only when the link is about paying or signing in
    expect(run('lookalike-payment-link', snap({ url: 'https://blog.example.com/', links }))).toEqual([]);
    const pay = [{ href: 'https://amazon-presse.de/checkout', text: 'Pay with Amazon', path: 'a' }];
    expect(run('lookalike-payment-link', snap({ url: 'https://blog.example.com/', links: pay }))).toHaveLength(1);
    // deceptive spellings count whatever the text
    const typo = [{ href: 'https://www.arnazon.com/', text: 'deals', path: 'a' }];
    expect(run('lookalike-payment-link', snap({ url: 'https://blog.example.com/', links: typo }))).toHaveLength(1);
  });
});
