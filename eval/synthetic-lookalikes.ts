/**
 * SYNTHETIC Chinese payment look-alike hosts (issue 3). No public feed lists Alipay / WeChat Pay /
 * UnionPay / Chinese-bank look-alikes, so we make them the way dnstwist does (omission, repetition,
 * transposition, keyboard replacement, vowel swap, hyphenation, ASCII and IDN homoglyphs, TLD swap)
 * plus the combo forms seen in real phishing (brand + keyword, brand domain as subdomain, hyphen after
 * the TLD, flattened hosts, fake private suffixes, pinyin names). Deterministic: same output every run.
 * These hosts are invented for testing; none is known to exist.
 */

import { listOfficialDomains } from '../src/domains/registry';

export interface SyntheticHost {
  host: string;
  brandId: string;
  seed: string;
  technique: string;
  /** permutations a careful reader would not mistake for the brand by design (first-letter changes) */
  guardedByDesign: boolean;
}

export const SYNTHETIC_SEEDS: { domain: string; brandId: string }[] = [
  { domain: 'alipay.com', brandId: 'alipay' },
  { domain: 'tenpay.com', brandId: 'wechat-pay' },
  { domain: 'wechat.com', brandId: 'wechat-pay' },
  { domain: '95516.com', brandId: 'unionpay' },
  { domain: 'unionpay.com', brandId: 'unionpay' },
  { domain: 'taobao.com', brandId: 'taobao' },
  { domain: 'tmall.com', brandId: 'taobao' },
  { domain: 'pinduoduo.com', brandId: 'pinduoduo' },
  { domain: 'weidian.com', brandId: 'weidian' },
  { domain: 'icbc.com.cn', brandId: 'icbc' },
  { domain: 'abchina.com', brandId: 'abc' },
  { domain: 'cmbchina.com', brandId: 'cmb' },
  { domain: 'bankcomm.com', brandId: 'bocom' },
  { domain: 'psbc.com', brandId: 'psbc' },
  { domain: 'jd.com', brandId: 'jd' },
  { domain: 'ccb.com', brandId: 'ccb' },
  { domain: 'boc.cn', brandId: 'boc' },
];

const KEYBOARD: Record<string, string> = {
  q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'ryg', y: 'tuh', u: 'yij', i: 'uok', o: 'ipl', p: 'ol',
  a: 'qsz', s: 'adw', d: 'sfe', f: 'dgr', g: 'fht', h: 'gjy', j: 'hku', k: 'jli', l: 'kp',
  z: 'xa', x: 'zcs', c: 'xvd', v: 'cbf', b: 'vng', n: 'bmh', m: 'nj',
  '1': '2q', '2': '13w', '3': '24e', '4': '35r', '5': '46t', '6': '57y', '7': '68u', '8': '79i', '9': '80o', '0': '9p',
};
const ASCII_GLYPHS: Record<string, string[]> = { o: ['0'], l: ['1'], m: ['rn'], w: ['vv'], '0': ['o'], '1': ['l'] };
const IDN_GLYPHS: Record<string, string[]> = {
  a: ['\u0430'], c: ['\u0441'], e: ['\u0435'], o: ['\u043e', '\u03bf'], p: ['\u0440'], x: ['\u0445'], y: ['\u0443'],
  i: ['\u0456'], j: ['\u0458'], s: ['\u0455'], b: ['\u042c'], n: ['\u0578'], u: ['\u057d'], d: ['\u0501'], h: ['\u04bb'],
  '6': ['\u0431'],
};
const VOWELS = 'aeiou';
const KEYWORDS = ['kefu', 'secure', 'tuikuan', 'verify', 'login', 'pay', 'refund', 'service', 'zhifu', 'anquan'];
const TLDS = ['top', 'xyz', 'cc', 'vip', 'shop', 'net', 'cn'];
const PINYIN: { brandId: string; names: string[] }[] = [
  { brandId: 'alipay', names: ['zhifubao'] },
  { brandId: 'wechat-pay', names: ['weixinzhifu', 'caifutong'] },
  { brandId: 'unionpay', names: ['yinlian', 'yunshanfu'] },
  { brandId: 'icbc', names: ['gongshangyinhang'] },
  { brandId: 'ccb', names: ['jiansheyinhang'] },
  { brandId: 'cmb', names: ['zhaoshangyinhang'] },
];

/** Deterministic pseudo-random choice (LCG), so the data set is the same on every run. */
function chooser(seed: number) {
  let s = seed >>> 0;
  return <T>(list: readonly T[]): T => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return list[s % list.length] as T;
  };
}

export function synthesizeLookalikes(): SyntheticHost[] {
  const out = new Map<string, SyntheticHost>();
  const official = new Set(listOfficialDomains().map((d) => d.domain));
  const add = (host: string, brandId: string, seed: string, technique: string, guardedByDesign = false) => {
    if (host === seed || out.has(host) || official.has(host)) return;
    out.set(host, { host, brandId, seed, technique, guardedByDesign });
  };
  for (const { domain, brandId } of SYNTHETIC_SEEDS) {
    const dot = domain.indexOf('.');
    const label = domain.slice(0, dot);
    const suffix = domain.slice(dot + 1);
    const pick = chooser([...domain].reduce((h, c) => h * 31 + c.charCodeAt(0), 7));
    const long = label.length >= 5;
    if (long) {
      for (let i = 0; i < label.length; i++) {
        const first = i === 0;
        add(`${label.slice(0, i)}${label.slice(i + 1)}.${suffix}`, brandId, domain, 'omission', first || label.length - 1 < 5);
        add(`${label.slice(0, i)}${label[i]}${label.slice(i)}.${suffix}`, brandId, domain, 'repetition', false);
        if (i + 1 < label.length && label[i] !== label[i + 1])
          add(`${label.slice(0, i)}${label[i + 1]}${label[i]}${label.slice(i + 2)}.${suffix}`, brandId, domain, 'transposition', false);
        const near = KEYBOARD[label[i] ?? ''] ?? '';
        if (near && !/\d/.test(label)) add(`${label.slice(0, i)}${pick([...near])}${label.slice(i + 1)}.${suffix}`, brandId, domain, 'replacement', first);
        if (VOWELS.includes(label[i] ?? '')) {
          const v = pick([...VOWELS].filter((x) => x !== label[i]));
          add(`${label.slice(0, i)}${v}${label.slice(i + 1)}.${suffix}`, brandId, domain, 'vowel-swap', first);
        }
        if (i > 0) add(`${label.slice(0, i)}-${label.slice(i)}.${suffix}`, brandId, domain, 'hyphenation', false);
      }
    }
    for (let i = 0; i < label.length; i++) {
      for (const g of ASCII_GLYPHS[label[i] ?? ''] ?? []) add(`${label.slice(0, i)}${g}${label.slice(i + 1)}.${suffix}`, brandId, domain, 'ascii-homoglyph', label.length < 4);
      for (const g of IDN_GLYPHS[label[i] ?? ''] ?? []) add(`${label.slice(0, i)}${g}${label.slice(i + 1)}.${suffix}`, brandId, domain, 'idn-homoglyph', false);
    }
    for (const tld of TLDS) if (`.${tld}` !== `.${suffix}`) add(`${label}.${tld}`, brandId, domain, 'tld-swap', !long && !['top', 'xyz', 'cc', 'vip', 'shop'].includes(tld));
    for (const kw of KEYWORDS) {
      add(`${label}-${kw}.com`, brandId, domain, 'addition-hyphen');
      add(`${kw}-${label}.${pick(TLDS)}`, brandId, domain, 'addition-hyphen');
      add(`${label}${kw}.${pick(TLDS)}`, brandId, domain, 'addition', !long && label.length < 4);
    }
    add(`${domain}.${pick(['secure-pay', 'verify-cn', 'kefu-center', 'cashier'])}.${pick(TLDS)}`, brandId, domain, 'subdomain');
    add(`www.${domain}.${pick(['login', 'pay-cn', 'a8k2'])}.${pick(TLDS)}`, brandId, domain, 'subdomain');
    add(`${domain}-${pick(KEYWORDS)}.${pick(TLDS)}`, brandId, domain, 'tld-hyphen');
    add(`www.${domain}-${pick(KEYWORDS)}.${pick(TLDS)}`, brandId, domain, 'tld-hyphen');
    add(`www-${domain.replace(/\./g, '-')}.${pick(TLDS)}`, brandId, domain, 'flattened');
    add(`${label}-${suffix.replace(/\./g, '-')}.${pick(['com', 'net', 'cn'])}`, brandId, domain, 'flattened');
    add(`${label}.cn.com`, brandId, domain, 'fake-suffix');
    add(`${label}.us.com`, brandId, domain, 'fake-suffix');
    add(`${label}.com.de`, brandId, domain, 'fake-suffix');
  }
  add('pay-weixin-qq.com', 'wechat-pay', 'pay.weixin.qq.com', 'flattened');
  add('weixin-qq.cn', 'wechat-pay', 'weixin.qq.com', 'flattened');
  add('pay.weixin.qq.com.wx-kefu.cn', 'wechat-pay', 'pay.weixin.qq.com', 'subdomain');
  add('cashier.95516.com.pay-cn.top', 'unionpay', '95516.com', 'subdomain');
  for (const { brandId, names } of PINYIN) {
    for (const name of names) {
      add(`${name}.com`, brandId, name, 'pinyin');
      add(`${name}-kefu.com`, brandId, name, 'pinyin');
      add(`${name}tuikuan.cn`, brandId, name, 'pinyin');
      add(`www.${name}-anquan.top`, brandId, name, 'pinyin');
    }
  }
  return [...out.values()];
}

export function formatSyntheticTsv(hosts: SyntheticHost[]): string {
  const head = [
    '# SYNTHETIC DATA — invented look-alike hosts of Chinese payment brands for testing ShopSentinel (issue 3).',
    '# Generated by eval/synthetic-lookalikes.ts (dnstwist-style permutations + real-world combo forms). Not from any feed.',
    'host\tbrand_id\tseed\ttechnique\tguarded_by_design',
  ];
  return `${[...head, ...hosts.map((h) => `${h.host}\t${h.brandId}\t${h.seed}\t${h.technique}\t${h.guardedByDesign ? 'yes' : 'no'}`)].join('\n')}\n`;
}
