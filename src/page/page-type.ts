/**
 * Page type from cheap signals: URL path, structured data, form fields and a few words in the
 * title, headings and buttons. Order: payment > checkout > article > product > other.
 */
import type { FormField, PageSnapshot, PageType, TextSegment, Zone } from '../engine/types';

export type PageFacts = Omit<PageSnapshot, 'segments'>;

const has = (text: string, words: readonly string[]) => words.some((w) => text.includes(w));

const PAY_WORDS = ['收银台', '付款', '支付', 'payment', 'pay now', 'checkout', '确认支付', '立即支付', 'card number', '银行卡', '网银', 'cashier'];
const CHECKOUT_WORDS = ['提交订单', '确认订单', '结算', '收货地址', 'place order', 'checkout', 'shipping address', 'order summary', '购物车', 'your cart', 'shopping cart'];
const BUY_WORDS = ['马上抢', '购买', '下单', '自动发货', '立即抢购', 'in stock', '库存', 'add to'];
/** buy buttons in the languages of the shops our users meet */
const STRONG_BUY_WORDS = ['加入购物车', '立即购买', '立即下单', 'add to cart', 'add to basket', 'add to bag', 'buy now', 'buy it now', 'in den einkaufswagen', 'añadir a la cesta', 'in winkelwagen', 'ajouter au panier', 'カートに入れる'];
const NEWS_WORDS = [
  '骗子', '骗局', '诈骗', '防骗', '避坑', '揭秘', '记者', '报道', '责任编辑', '编辑:', '来源:', '警方提醒', '警方', '提醒广大', '谨防', '警惕',
  '新华社', '通讯员', '消费提示', '消费警示', '消协', '消费者协会', '12315', '市场监管', '反诈',
  'scam', 'scams', 'scammers', 'red flag', 'red flags', 'how to spot', 'reporter', 'reported', 'published', 'journalist', 'editor',
  'police', 'warns', 'scam alert', 'fraud', 'consumer alert', 'ftc',
];
/** Every word page type looks for: the text gate keeps runs holding one (src/engine/text-gate.ts). */
export const PAGE_TYPE_SIGNALS: readonly string[] = [
  ...PAY_WORDS, ...CHECKOUT_WORDS, ...BUY_WORDS, ...STRONG_BUY_WORDS, ...NEWS_WORDS, '价格', 'price', '¥', '￥', '$', '€', '£',
];
const NEGATION_BEFORE = /(?:\bnot|\bno|\bnever|不是|并非|非|绝不是|绝非)\s?$/;
const isAsciiWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

/** distinct news words present as whole words and not negated ("we are not scammers" does not count) */
function newsWordCount(text: string): number {
  let count = 0;
  for (const w of NEWS_WORDS) {
    const ascii = /^[a-z]/.test(w);
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
      if (ascii && (isAsciiWordChar(text[i - 1]) || isAsciiWordChar(text[i + w.length]))) continue;
      if (NEGATION_BEFORE.test(text.slice(Math.max(0, i - 8), i))) continue;
      count++;
      break;
    }
  }
  return count;
}

function cjkShare(text: string): number {
  let cjk = 0;
  const n = Math.min(text.length, 5000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) cjk++;
  }
  return n ? cjk / n : 0;
}

const SENSITIVE_FIELD = /password|passwd|pwd|cc-|card|cvv|cvc|security.?code|expir|pin\b|otp|sms|验证码|密码|卡号|有效期|安全码/i;

export function isPaymentField(f: FormField): boolean {
  if (f.type === 'password') return true;
  return SENSITIVE_FIELD.test(`${f.autocomplete} ${f.name} ${f.id} ${f.placeholder} ${f.label}`);
}

const ADDRESS_FIELD = /address|street|postal|postcode|zip|city|province|shipping|consignee|recipient|收货|收件|地址|邮编|省|手机号|联系电话/i;

function isAddressField(f: FormField): boolean {
  return ADDRESS_FIELD.test(`${f.autocomplete} ${f.name} ${f.id} ${f.placeholder} ${f.label}`);
}

/** Where buy and checkout words count as the page's own: the title, headings, buttons. */
export const isLeadZone = (zone: Zone): boolean => zone === 'heading' || zone === 'button' || zone === 'title';
/** Button-like text: a button, or any text of at most 24 normalized characters. */
export const isLabel = (zone: Zone, chars: number): boolean => zone === 'button' || chars <= 24;

/**
 * `cjk`: the share of CJK characters in the page's text when `segments` are not all of it (the
 * content script's gated walk keeps only runs holding a pattern or a PAGE_TYPE_SIGNALS word).
 */
export function detectPageType(facts: PageFacts, segments: readonly TextSegment[], normalized: readonly string[], cjk?: number): PageType {
  let url: URL | null = null;
  try {
    url = new URL(facts.url);
  } catch {
    /* file paths and bad URLs have no path signal */
  }
  const path = (url?.pathname ?? '').toLowerCase() + (url?.search ?? '').toLowerCase();
  const types = facts.structuredTypes.map((t) => t.toLowerCase());
  const ogType = (facts.meta['og:type'] ?? '').toLowerCase();

  // title, headings and buttons; short text (button-like labels); the first ~150k characters of text
  let lead = facts.title.toLowerCase();
  let labels = '';
  let body = '';
  for (let i = 0; i < segments.length; i++) {
    const zone = segments[i]!.zone;
    const text = normalized[i] ?? '';
    if (isLeadZone(zone)) lead += '\n' + text;
    if (isLabel(zone, text.length)) labels += '\n' + text;
    if (body.length < 150_000) body += '\n' + text;
  }
  const all = lead + body;
  const fields = [...facts.looseFields, ...facts.forms.flatMap((f) => f.fields)];
  const paymentFields = fields.filter(isPaymentField).length;
  // buy words count where buttons are: in headings/buttons, or as short labels ("buy now" inside an
  // advice sentence is not a buy button)
  const buy = has(lead, BUY_WORDS) || has(labels, STRONG_BUY_WORDS);
  const priced = /[¥￥$€£]\s?\d/.test(all) || has(all, ['价格', 'price']);

  if (paymentFields > 0 && (has(all, PAY_WORDS) || /pay|cashier|checkout/.test(path))) return 'payment';
  if (/\/(cashier|pay|payment)s?(\/|$|\?|\.)/.test(path) && has(all, PAY_WORDS)) return 'payment';
  const addressFields = fields.filter(isAddressField).length;
  if (/\/(checkout|cart|basket|order\/confirm|confirm_?order|buy\/confirm)/.test(path) || (addressFields >= 2 && has(lead, CHECKOUT_WORDS))) return 'checkout';
  const articleLike =
    types.some((t) => t.includes('article') || t === 'blogposting' || t === 'reportage') ||
    ogType === 'article' ||
    (facts.articleChars > ((cjk ?? cjkShare(all)) > 0.2 ? 400 : 800) && !buy) ||
    (newsWordCount(all) >= 2 && !buy);
  if (articleLike) return 'article';
  if (types.includes('product') || types.includes('offer') || ogType === 'product' || ogType === 'og:product' || (buy && priced) || buy) return 'product';
  return 'other';
}
