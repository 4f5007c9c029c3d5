/**
 * Regression: a dujiaoka (独角数卡) card shop that sells "Apple ID 美区 成品号" and has an order-lookup
 * form with a 查询密码 (order query password) is selling goods named after a brand, not impersonating
 * the brand's payment or sign-in page. Real impersonation pages must still be flagged.
 * Fixtures are small inline HTML modelled on the dujiaoka unicorn theme (buy and searchOrder pages).
 */
import { describe, expect, it } from 'vitest';
import type { DetectorContext } from '../../../src/engine/detector-types';
import type { FormField } from '../../../src/engine/types';
import { PAGE_DETECTORS, isListingName, sensitiveKindOf } from '../../../src/domains/page-checks';
import { snapshotFromHtml } from '../../../src/page/parse-html-node';

function impersonation(html: string, url: string) {
  const snapshot = snapshotFromHtml(html, url);
  const ctx: DetectorContext = { snapshot, pageType: 'product', normalized: snapshot.segments.map((s) => s.text.toLowerCase()), host: new URL(url).hostname };
  return PAGE_DETECTORS['payment-brand-impersonation']!(ctx);
}

const SHOP = 'https://ka.example-faka.shop';

/** goods page: the product name is the title and the h3; buyers set a 查询密码 to look the order up later */
const buyPage = ({ product = 'Apple ID 美区 成品号', pwdName = 'search_pwd', pwdLabel = '查询密码' } = {}) => `<!DOCTYPE html>
<html lang="zh-cn"><head><meta charset="utf-8"><title>${product} | 小铺自动发卡</title></head>
<body>
  <nav><a href="/">首页</a> <a href="/order-search">订单查询</a></nav>
  <div class="good-card">
    <img src="/uploads/images/appleid.png" alt="${product}">
    <h6><small class="badge">自动发货</small></h6>
    <h3 class="card-title">${product}</h3>
    <h6><small class="text-muted">库存：96</small></h6>
    <form action="/create-order" method="post">
      <h6>价格：¥ 18.00</h6>
      <label for="email">电子邮箱:</label><input type="email" name="email" id="email" required>
      <label for="shop-number">购买数量:</label><input type="number" id="shop-number" name="by_amount" value="1">
      <label for="${pwdName}">${pwdLabel}:</label><input type="text" id="${pwdName}" name="${pwdName}" required>
      <label for="verifyCode">图形验证码:</label><input type="text" name="img_verify_code" id="verifyCode" required>
      <img src="/captcha/buy" alt="图形验证码">
      <label><input type="radio" name="payway" value="1" checked> 支付宝</label>
      <label><input type="radio" name="payway" value="2"> 微信支付</label>
      <button type="submit">立即下单</button>
    </form>
  </div>
</body></html>`;

/** order lookup page: order number + the password set when buying (type=password) */
const searchOrderPage = `<!DOCTYPE html>
<html lang="zh-cn"><head><meta charset="utf-8"><title>订单查询 | 小铺自动发卡</title></head>
<body>
  <h3>Apple ID 美区 成品号</h3>
  <h5>订单查询</h5>
  <form action="/search-order-by-sn" method="post">
    <label for="order_sn">订单号:</label><input type="text" id="order_sn" name="order_sn" required>
    <label for="searchPwd">查询密码:</label><input type="password" id="searchPwd" name="search_pwd" required>
    <button type="submit">立即查询</button>
  </form>
</body></html>`;

/** a real Apple ID phishing page: the brand is the page's identity and it asks for the account password */
const appleIdPhish = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Apple ID - 登录</title></head>
<body>
  <img src="/img/apple-logo.svg" alt="Apple logo">
  <h1>Apple ID</h1>
  <h2>您的 Apple ID 已被锁定，请验证身份</h2>
  <form action="/verify.php" method="post">
    <input type="email" name="appleid" placeholder="Apple ID">
    <input type="password" name="password" placeholder="密码">
    <button type="submit">登录</button>
  </form>
</body></html>`;

/** a fake Alipay cashier asking for the bank card, its query password and the SMS code */
const alipayCardPhish = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>支付宝 - 网上支付 安全快速</title></head>
<body>
  <h1>支付宝收银台</h1>
  <form action="/pay.php" method="post">
    <label for="c">银行卡号</label><input id="c" name="cardno">
    <label for="q">查询密码</label><input id="q" type="password" name="cxmm">
    <label for="s">短信验证码</label><input id="s" name="sms">
  </form>
</body></html>`;

describe('card shop selling brand-named goods (dujiaoka)', () => {
  it('a goods page selling "Apple ID 美区 成品号" with a 查询密码 field is not Apple impersonation', () => {
    expect(impersonation(buyPage(), `${SHOP}/buy/3`)).toEqual([]);
  });
  it('the order-lookup page with a password-type 查询密码 is not impersonation either', () => {
    expect(impersonation(searchOrderPage, `${SHOP}/order-search`)).toEqual([]);
  });
  it('each guard holds on its own: a product name with a neutral password field, a brand heading with an order password', () => {
    // the field alone would count (a bare 查询密码 is also a bank-card secret), but the brand is only in a product name
    expect(impersonation(buyPage({ pwdName: 'pwd' }), `${SHOP}/buy/3`)).toEqual([]);
    // the brand alone would count (plain "Apple ID" heading), but the only secret is the shop's order password
    expect(impersonation(buyPage({ product: 'Apple ID' }), `${SHOP}/buy/3`)).toEqual([]);
    // both at once: a brand identity plus a secret that is not the shop's → flagged
    expect(impersonation(buyPage({ product: 'Apple ID', pwdName: 'pwd', pwdLabel: '支付密码' }), `${SHOP}/buy/3`)).toHaveLength(1);
  });
});

describe('real impersonation is still flagged', () => {
  it('an Apple ID sign-in page on another host', () => {
    const [hit] = impersonation(appleIdPhish, 'https://secure-id-check.example.net/signin');
    expect(hit?.detail).toMatchObject({ brand: expect.stringContaining('Apple'), technique: 'content-impersonation' });
    expect(hit?.detail?.source).toContain('password');
  });
  it('a fake Alipay cashier asking for a bank card, its 查询密码 and the SMS code', () => {
    const [hit] = impersonation(alipayCardPhish, 'https://cashier-zfb.example.cn/pay');
    expect(hit?.detail?.brand).toContain('Alipay');
    expect(hit?.detail?.source).toMatch(/card-number/);
    expect(hit?.detail?.source).toMatch(/pin/);
  });
});

describe('the field and name guards', () => {
  const field = (over: Partial<FormField>): FormField => ({ type: 'text', name: '', id: '', placeholder: '', autocomplete: '', label: '', maxLength: null, path: 'input', ...over });
  it('order-lookup passwords and image captchas are not payment credentials', () => {
    expect(sensitiveKindOf(field({ type: 'password', name: 'search_pwd', label: '查询密码' }))).toBeUndefined();
    expect(sensitiveKindOf(field({ name: 'order_password', label: 'Order password' }))).toBeUndefined();
    expect(sensitiveKindOf(field({ label: '订单查询密码' }))).toBeUndefined();
    expect(sensitiveKindOf(field({ name: 'img_verify_code', label: '图形验证码' }))).toBeUndefined();
    expect(sensitiveKindOf(field({ name: 'captcha', placeholder: 'Enter the captcha' }))).toBeUndefined();
  });
  it('bank and payment secrets still count', () => {
    expect(sensitiveKindOf(field({ type: 'password', name: 'cxmm', label: '查询密码' }))).toBe('pin');
    expect(sensitiveKindOf(field({ name: 'sms', label: '短信验证码' }))).toBe('sms-code');
    expect(sensitiveKindOf(field({ type: 'password', name: 'password' }))).toBe('password');
  });
  it('product names are told from page identities', () => {
    for (const t of ['Apple ID 美区 成品号', 'Visa 礼品卡 100美元', '支付宝 代充', 'Apple Gift Card $50', 'Google Play 兑换码 自动发货']) expect(isListingName(t), t).toBe(true);
    for (const t of ['Apple ID - 登录', '支付宝收银台', 'Verified by Visa', 'PayPal: Log in to your account', '微信支付 安全验证']) expect(isListingName(t), t).toBe(false);
  });
});
