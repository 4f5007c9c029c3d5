/**
 * Payment-spoof detectors: pure functions of a DetectorContext (issue 3, "On the page").
 * - where the page sends the buyer or the card data: top-frame host, iframes, form actions,
 *   payment links/buttons, payment SDK script origins, readable QR payload URLs → look-alike hosts;
 * - impersonation by content: a payment brand named in the title, headings or logo alt text as the
 *   page's identity (not inside the name of goods a shop sells: "Apple ID 美区 成品号"), plus password /
 *   card / CVV / PIN / SMS-code inputs (not a shop's order-lookup password or an image captcha), on
 *   a host that is not the brand's.
 * A shop that pays through the brand's real gateway (iframe or form to the official domain) is clean.
 */
import type { Detector, DetectorContext, DetectorHit } from '../engine/detector-types';
import type { FindingDetail, FormField, Locator } from '../engine/types';
import { classifyCacheGeneration, classifyHost, type HostClassification } from './classify-host';
import { hostOfUrl } from './host-input';
import { getDomain } from 'tldts';
import { BRANDS, brandDisplayName, type Brand } from './registry';

const NO_LOCATOR: Locator = { segment: -1, start: 0, end: 0, path: '' };

function clip(s: string, max = 160): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function detailOf(c: HostClassification, source: string): FindingDetail {
  return {
    ...(c.brand ? { brand: c.brand } : {}),
    ...(c.technique ? { technique: c.technique } : {}),
    ...(c.diff ? { diff: c.diff } : {}),
    host: c.host,
    ...(c.officialDomain ? { officialDomain: c.officialDomain } : {}),
    source,
  };
}

/** Techniques that deceive on their own (a link using them is suspect whatever its text says). */
const DECEPTIVE: ReadonlySet<string> = new Set(['idn-homoglyph', 'whole-script-confusable', 'ascii-lookalike', 'typo', 'tld-hyphen', 'subdomain-embedding', 'flattened-host', 'fake-suffix', 'pinyin-name']);
/** Words of links and buttons that lead to paying or signing in. */
const PAYMENT_WORDS = /pay|checkout|cashier|billing|wallet|card|log\s?in|sign\s?in|verify|account|refund|支付|付款|收银|结算|充值|登录|验证|银行|退款|账户|付费|购买|buy/i;

interface Target {
  url: string;
  path: string;
  /** link text; when given, brand-word-only look-alikes count only if the text is about paying or signing in */
  text?: string;
}

interface PageSite {
  /** the brand whose official page this is, if any */
  ownBrand?: string;
  /** registrable domain of the page (null for IPs, localhost and file: pages) */
  siteDomain: string | null;
  generation: number;
}
/** what every target detector needs to know about the page itself, worked out once per page */
const pageSites = new WeakMap<DetectorContext, PageSite>();
function pageSiteOf(ctx: DetectorContext): PageSite {
  let site = pageSites.get(ctx);
  if (!site || site.generation !== classifyCacheGeneration()) {
    // a brand's own page linking to its other properties (amazon.com → amazon.science) is not a spoof
    const page = ctx.host ? classifyHost(ctx.host) : undefined;
    // same site (help.example-shop.com on www.example-shop.com): same owner, no need to classify
    const siteDomain = ctx.host && !/^[\d.]+$|^\[|localhost$/.test(ctx.host) ? getDomain(ctx.host) : null;
    site = { ...(page?.verdict === 'official' && page.brandId ? { ownBrand: page.brandId } : {}), siteDomain, generation: classifyCacheGeneration() };
    pageSites.set(ctx, site);
  }
  return site;
}

/** Classifies each distinct host once per page; the page's own host is skipped. */
function lookalikeTargets(ctx: DetectorContext, urls: Iterable<Target>, source: string): DetectorHit[] {
  const seen = new Set<string>();
  const hits: DetectorHit[] = [];
  const { ownBrand, siteDomain } = pageSiteOf(ctx);
  const base = ctx.snapshot.url || undefined;
  for (const { url, path, text } of urls) {
    const host = hostOfUrl(url, base);
    if (!host || host === ctx.host || seen.has(host)) continue;
    if (siteDomain && (host === siteDomain || host.endsWith(`.${siteDomain}`))) continue;
    seen.add(host);
    const c = classifyHost(host);
    if (c.verdict !== 'lookalike' || (ownBrand && c.brandId === ownBrand)) continue;
    if (text !== undefined && !DECEPTIVE.has(c.technique ?? '') && !PAYMENT_WORDS.test(`${text} ${url}`)) continue;
    hits.push({
      locator: { ...NO_LOCATOR, path },
      excerpt: { before: '', match: clip(url), after: '' },
      detail: detailOf(c, source),
    });
  }
  return hits;
}

export const detectLookalikePageHost: Detector = (ctx) => {
  if (!ctx.host) return [];
  const c = classifyHost(ctx.host);
  if (c.verdict !== 'lookalike') return [];
  return [{ locator: NO_LOCATOR, excerpt: { before: '', match: clip(ctx.snapshot.url || ctx.host), after: '' }, detail: detailOf(c, 'top-frame') }];
};

export const detectLookalikeFrame: Detector = (ctx) =>
  lookalikeTargets(ctx, ctx.snapshot.iframes.map((f) => ({ url: f.src, path: f.path })), 'iframe');

export const detectLookalikeFormAction: Detector = (ctx) =>
  lookalikeTargets(ctx, ctx.snapshot.forms.map((f) => ({ url: f.action, path: f.path })), 'form-action');

export const detectLookalikeLink: Detector = (ctx) =>
  lookalikeTargets(ctx, ctx.snapshot.links.slice(0, 400).map((l) => ({ url: l.href, path: l.path, text: l.text })), 'link');

export const detectLookalikeScript: Detector = (ctx) =>
  lookalikeTargets(ctx, ctx.snapshot.scripts.slice(0, 200).map((s) => ({ url: s, path: 'script' })), 'script');

export const detectLookalikeQr: Detector = (ctx) =>
  lookalikeTargets(
    ctx,
    ctx.snapshot.qrPayloads.slice(0, 50).flatMap((p) => {
      const m = /https?:\/\/[^\s"'<>]+/i.exec(p);
      return m ? [{ url: m[0], path: 'qr' }] : [];
    }),
    'qr',
  );

// ---------------------------------------------------------------------------------------------
// impersonation by content

export type SensitiveKind = 'password' | 'card-number' | 'cvv' | 'pin' | 'sms-code' | 'card-expiry';

const FIELD_PATTERNS: [SensitiveKind, RegExp][] = [
  ['cvv', /\b(?:cvv2?|cvc2?|csc|cid|security[\s_-]?code|card[\s_-]?code)\b|cc-csc|安全码|校验码|CVN/i],
  ['card-number', /cc-number|card[\s_-]?(?:number|no|num)|cardnumber|cardno|\bccnum|\bpan\b|卡号|银行卡号|信用卡号|借记卡号/i],
  ['card-expiry', /cc-exp|expir|exp[\s_-]?(?:date|month|year)|有效期/i],
  ['pin', /\bpin\b|pin[\s_-]?code|支付密码|交易密码|取款密码|取现密码|查询密码|六位密码|6位密码/i],
  ['sms-code', /\bsms\b|\botp\b|one[\s-]?time|verification[\s_-]?code|verify[\s_-]?code|auth[\s_-]?code|短信|验证码|动态码|动态密码|校验码/i],
  ['password', /password|passwd|\bpwd\b|passcode|登录密码|密码/i],
];

/**
 * Fields that look like secrets but belong to the shop, not to a payment brand: the password a buyer
 * sets to look up an order later (card shops: 查询密码 / search_pwd), and image captchas.
 */
const ORDER_LOOKUP_FIELD = /search[\s_-]?(?:pwd|pass|password)|order[\s_-]?(?:pwd|pass|password|query|search|lookup)|订单查询密码|订单密码|查单密码|查询订单|取卡密码|提取密码|取货密码|卡密查询/i;
const CAPTCHA_FIELD = /captcha|img[\s_-]?(?:verify|code)|verify[\s_-]?img|image[\s_-]?(?:code|verify)|图形验证码|图片验证码|看不清|换一张/i;

export function sensitiveKindOf(field: FormField): SensitiveKind | undefined {
  const type = field.type.toLowerCase();
  if (type === 'hidden' || type === 'submit' || type === 'button' || type === 'checkbox' || type === 'radio') return undefined;
  const described = `${field.name} ${field.id} ${field.placeholder} ${field.label}`;
  if (ORDER_LOOKUP_FIELD.test(described) || CAPTCHA_FIELD.test(described)) return undefined;
  const auto = field.autocomplete.toLowerCase();
  if (auto.includes('cc-number')) return 'card-number';
  if (auto.includes('cc-csc')) return 'cvv';
  if (auto.includes('cc-exp')) return 'card-expiry';
  if (auto.includes('one-time-code')) return 'sms-code';
  const text = `${field.name} ${field.id} ${field.placeholder} ${field.label}`;
  for (const [kind, re] of FIELD_PATTERNS) if (re.test(text)) return kind;
  if (type === 'password') return 'password';
  return undefined;
}

interface NamedBrand {
  brand: Brand;
  name: string;
  /** where it was named: 'title' | 'heading' | 'logo' */
  where: string;
  locator: Locator;
  before: string;
  after: string;
}

interface NameMatcher {
  brand: Brand;
  name: string;
  re: RegExp;
}

const NAME_MATCHERS: NameMatcher[] = BRANDS.flatMap((brand) =>
  brand.contentNames.map((name) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
    // Latin names need word boundaries (so "Visa" is not in "Visage"); CJK names do not.
    const re = /[a-z]/i.test(name) ? new RegExp(`(?:^|[^a-z0-9])(${escaped})(?![a-z0-9])`, 'i') : new RegExp(`(${escaped})`);
    return { brand, name, re };
  }),
);

function findBrandNames(text: string): { brand: Brand; name: string; start: number; end: number }[] {
  const out: { brand: Brand; name: string; start: number; end: number }[] = [];
  if (!text) return out;
  for (const m of NAME_MATCHERS) {
    const r = m.re.exec(text);
    if (!r || r[1] === undefined) continue;
    const start = r.index + r[0].length - r[1].length;
    out.push({ brand: m.brand, name: m.name, start, end: start + r[1].length });
  }
  return out;
}

/**
 * Words of a product name in a shop listing (card shops sell "Apple ID 美区 成品号", "Visa 礼品卡"):
 * a brand inside such a name is the goods on sale, not the identity of the page.
 */
const LISTING_WORDS = /成品号|成品|出售|现货|库存|自动发货|手动发货|卡密|兑换码|激活码|礼品卡|充值卡|代充|月卡|季卡|年卡|美区|港区|日区|台区|土区|国区|外区|独享|共享|批发|\bfor\s+sale\b|gift\s*cards?\b|vouchers?\b|redeem\s*codes?\b|\bin\s+stock\b/i;

/** Is this title or heading the name of goods on sale rather than the page's identity? */
export function isListingName(text: string): boolean {
  return LISTING_WORDS.test(text);
}

/** Brands named where a page says who it is: title, short headings, logo images (not product names). */
function namedBrands(ctx: DetectorContext): NamedBrand[] {
  const found: NamedBrand[] = [];
  const { snapshot } = ctx;
  const seenTitle = new Set<string>();
  snapshot.segments.forEach((seg, i) => {
    if (seg.zone !== 'title' && seg.zone !== 'heading') return;
    if (seg.text.length > 80) return;
    if (seg.zone === 'title') seenTitle.add(seg.text);
    if (isListingName(seg.text)) return;
    for (const hit of findBrandNames(seg.text)) {
      found.push({
        brand: hit.brand,
        name: hit.name,
        where: seg.zone,
        locator: { segment: i, start: hit.start, end: hit.end, path: seg.path },
        before: seg.text.slice(Math.max(0, hit.start - 30), hit.start),
        after: seg.text.slice(hit.end, hit.end + 30),
      });
    }
  });
  if (snapshot.title && !seenTitle.has(snapshot.title) && snapshot.title.length <= 120 && !isListingName(snapshot.title)) {
    for (const hit of findBrandNames(snapshot.title)) {
      found.push({ brand: hit.brand, name: hit.name, where: 'title', locator: { ...NO_LOCATOR, path: 'title' }, before: snapshot.title.slice(0, hit.start), after: snapshot.title.slice(hit.end) });
    }
  }
  for (const img of snapshot.images.slice(0, 300)) {
    if (!img.alt || img.alt.length > 80 || isListingName(img.alt)) continue;
    const logoLike = /logo|标志|商标/i.test(`${img.alt} ${img.src} ${img.path}`);
    if (!logoLike) continue;
    for (const hit of findBrandNames(img.alt)) {
      found.push({ brand: hit.brand, name: hit.name, where: 'logo', locator: { ...NO_LOCATOR, path: img.path }, before: '', after: '' });
    }
  }
  return found;
}

/** Does the page hand the payment to this brand's real domain (iframe, form action, SDK script)? */
function usesOfficialGateway(ctx: DetectorContext, brand: Brand): boolean {
  const urls = [...ctx.snapshot.iframes.map((f) => f.src), ...ctx.snapshot.forms.map((f) => f.action), ...ctx.snapshot.scripts];
  for (const url of urls) {
    const host = hostOfUrl(url, ctx.snapshot.url || undefined);
    if (!host) continue;
    const c = classifyHost(host);
    if (c.verdict === 'official' && c.brandId === brand.id) return true;
  }
  return false;
}

const CARD_SCHEME_KINDS = new Set(['card']);

export const detectBrandImpersonation: Detector = (ctx) => {
  const { snapshot } = ctx;
  const fields = [...snapshot.forms.flatMap((f) => f.fields), ...snapshot.looseFields];
  if (fields.length === 0) return [];
  const kinds = new Set<SensitiveKind>();
  for (const f of fields) {
    const k = sensitiveKindOf(f);
    if (k) kinds.add(k);
  }
  if (kinds.size === 0) return [];
  const named = namedBrands(ctx);
  if (named.length === 0) return [];
  // a chooser of payment methods (three or more brands in headings/logos) is a checkout, not a spoof
  if (new Set(named.map((n) => n.brand.id)).size >= 3) return [];
  const page = ctx.host ? classifyHost(ctx.host) : undefined;
  const hits: DetectorHit[] = [];
  const done = new Set<string>();
  for (const n of named) {
    const brand = n.brand;
    if (done.has(brand.id)) continue;
    done.add(brand.id);
    if (page?.verdict === 'official' && (page.brandId === brand.id || sharesOfficialDomain(page, brand))) continue;
    if (CARD_SCHEME_KINDS.has(brand.kind) && !kinds.has('card-number') && !kinds.has('cvv')) continue; // real 3-D Secure pages only ask for a code
    if (usesOfficialGateway(ctx, brand)) continue;
    const asked = [...kinds].sort();
    const sameBrandLookalike = page?.verdict === 'lookalike' && page.brandId === brand.id;
    const official = brand.domains[0]?.domain ?? '';
    const host = ctx.host || '(no host)';
    hits.push({
      locator: n.locator,
      excerpt: { before: n.before, match: n.name, after: n.after },
      detail: {
        brand: brandDisplayName(brand),
        technique: sameBrandLookalike && page?.technique ? `content-impersonation + ${page.technique}` : 'content-impersonation',
        diff: sameBrandLookalike && page?.diff ? page.diff : `${host} ≠ ${official}`,
        host,
        officialDomain: sameBrandLookalike && page?.officialDomain ? page.officialDomain : official,
        source: `content:${n.where}; asks for ${asked.join(', ')}`,
      },
    });
  }
  return hits;
};

function sharesOfficialDomain(page: HostClassification, brand: Brand): boolean {
  return !!page.officialDomain && brand.domains.some((d) => d.domain === page.officialDomain);
}

/** Detectors for payment-spoof rules, by the name a rule file gives in `detector`. */
export const PAGE_DETECTORS: Record<string, Detector> = {
  'lookalike-page-host': detectLookalikePageHost,
  'lookalike-payment-frame': detectLookalikeFrame,
  'lookalike-form-action': detectLookalikeFormAction,
  'lookalike-payment-link': detectLookalikeLink,
  'lookalike-payment-script': detectLookalikeScript,
  'lookalike-qr-payload': detectLookalikeQr,
  'payment-brand-impersonation': detectBrandImpersonation,
};
