/**
 * How each look-alike technique (ids from classify-host.ts) reads in a warning: in explanations,
 * the CLI, and the interstitial (the background names it in the verdict, so the content script
 * does not carry this table).
 */

export const TECHNIQUE_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  'idn-homoglyph': { zh: '用外文形近字符仿冒（IDN 同形字）', en: 'look-alike foreign characters (IDN homoglyph)' },
  'whole-script-confusable': { zh: '整段换成形近的外文字母', en: 'whole name spelled in a look-alike script' },
  'ascii-lookalike': { zh: '形近字符替换（如 1/l、0/o、rn/m、vv/w）', en: 'look-alike characters (1/l, 0/o, rn/m, vv/w)' },
  typo: { zh: '拼写仿冒（错一个字母）', en: 'one-letter misspelling' },
  'subdomain-embedding': { zh: '把品牌域名放在别人域名的子域名里', en: "brand domain used as a subdomain of someone else's domain" },
  'brand-keyword': { zh: '品牌名加关键词组合', en: 'brand name plus keyword' },
  'brand-in-label': { zh: '域名中夹带品牌名', en: 'brand name inside another name' },
  'tld-hyphen': { zh: '品牌后缀后面接连字符（如 paypal.com-x.top）', en: "hyphen after the brand's TLD (paypal.com-x.top)" },
  'flattened-host': { zh: '把官方网址的点换成连字符', en: "official address with its dots turned into hyphens" },
  'pinyin-name': { zh: '使用品牌拼音', en: 'brand name in pinyin' },
  'fake-suffix': { zh: '伪装后缀（如 .cn.com 不是 .cn 也不是 .com）', en: 'fake suffix (.cn.com is neither .cn nor .com)' },
  'tld-swap': { zh: '换了顶级域名', en: 'different top-level domain' },
  'hosted-brand-name': { zh: '在网站托管平台上冒用品牌名', en: 'brand name as a site name on a hosting platform' },
  'content-impersonation': { zh: '页面内容冒充品牌', en: 'page content impersonates the brand' },
};
