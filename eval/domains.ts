/**
 * Domain and payment-spoof evaluation (issue 3, "Quality and speed"), on ../shared/corpus
 * (evaluation only, never shipped):
 *  1. every official registry domain (and its www. host) classifies `official`;
 *  2. Tranco top 10,000: hosts called `lookalike` (target ≤ 10), listed;
 *  3. phishing hosts that carry a payment brand of the registry or a misspelling of one: recall per
 *     brand (target ≥ 90%) — see `carriesBrand` for exactly which rows count;
 *  4. SYNTHETIC Chinese payment look-alikes (eval/synthetic-lookalikes.ts): recall per technique;
 *  5. the OpenPhish HTML pages that imitate a registry payment brand: how many get a payment-spoof
 *     finding (pages are parsed as text by happy-dom with scripts disabled; nothing is executed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'tldts';
import { classifyHost } from '../src/domains/classify-host';
import { parseHostInput } from '../src/domains/host-input';
import { BRANDS, REGISTRY, listOfficialDomains } from '../src/domains/registry';
import { parseRegistry } from '../src/domains/registry-schema';
import { synthesizeLookalikes } from './synthetic-lookalikes';

export interface BrandRecall {
  brandId: string;
  total: number;
  /** classified lookalike of this very brand */
  hits: number;
  /** classified lookalike of some brand (possibly another) */
  anyLookalike: number;
  recall: number;
  misses: string[];
}

export interface DomainEvalResult {
  official: { total: number; official: number; failures: { host: string; verdict: string }[] };
  tranco: { available: boolean; total: number; lookalikes: { host: string; brand: string; technique: string; diff: string }[] };
  phishing: {
    available: boolean;
    rowsRead: number;
    counted: number;
    excluded: Record<string, number>;
    perBrand: BrandRecall[];
    overall: { total: number; hits: number; recall: number };
  };
  synthetic: { total: number; hits: number; recall: number; guardedByDesign: number; guardedHits: number; perTechnique: Record<string, { total: number; hits: number }>; misses: string[] };
  html: {
    available: boolean;
    pages: number;
    imitatingRegistryBrand: { file: string; host: string; brands: string[]; flagged: boolean; rules: string[] }[];
    flaggedImitating: number;
    flaggedOther: { file: string; host: string; rules: string[] }[];
    /** why the pages could not be analysed, or how (fallback rule set) */
    error?: string;
  };
  /** legitimate saved shop pages (Amazon, eBay, Taobao, JD): payment-spoof findings are false positives */
  legit: { available: boolean; pages: number; flagged: { file: string; rules: string[] }[] };
}

// ---------------------------------------------------------------------------------------------
// 3. which phishing rows "carry a payment brand" (decided here, documented, independent of our classifier)

/** silver brand key (corpus column brand_regex_match) → registry brand id; other keys are not our brands */
const SILVER_TO_BRAND: Record<string, string> = {
  amazon: 'amazon-pay', apple: 'apple', paypal: 'paypal', paypay: 'paypay', ebay: 'ebay', aliexpress: 'aliexpress',
  alibaba: 'taobao', tmall: 'taobao', taobao: 'taobao', stripe: 'stripe', shopify: 'shopify', mastercard: 'mastercard',
  visa: 'visa', amex: 'amex', jcb: 'jcb', wechatpay: 'wechat-pay', klarna: 'klarna', googlepay: 'google-pay',
  icbc: 'icbc', alipay: 'alipay', unionpay: 'unionpay',
};

/** JPCERT's gold brand label → registry brand id (used to veto silver hits that name another brand) */
const JPCERT_TO_BRAND: Record<string, string[]> = {
  Amazon: ['amazon-pay'], 'Apple ID': ['apple'], 'Apple Store': ['apple'], 'Apple Pay': ['apple'], PayPal: ['paypal'],
  'PayPal(日本語)': ['paypal'], PayPay: ['paypay'], 'PayPay銀行': ['paypay'], 'PayPay Bank': ['paypay'], VISA: ['visa'],
  Mastercard: ['mastercard'], 'VISA / Mastercard': ['visa', 'mastercard'], 'VISA / MasterCard': ['visa', 'mastercard'],
  JCB: ['jcb'], 'American Express': ['amex'], Shopify: ['shopify'], eBay: ['ebay'], 'China CITIC Bank': ['citic'],
  'China Construction Bank': ['ccb'], '中国工商銀行': ['icbc'], '中国農業銀行': ['abc'], 'China Merchants Bank': ['cmb'],
  'Bank of China': ['boc'], 'Bank of China (Hong Kong)': ['boc'], 'Google Play': ['google-pay'],
};

/**
 * Substrings that produce silver hits but name a different company or an ordinary word, so the host
 * does not carry the registry brand: ETMall (東森購物, Taiwan) contains "tmall"; "smartmall", "kmart-mall"
 * and "desket-mall" contain "t-mall"/"tmall" across a word boundary; "striped"/"strive" are words.
 * PayPay (Japan) is its own registry brand and is not a misspelling of PayPal.
 */
const OTHER_WORDS: Record<string, RegExp> = {
  taobao: /etmall|smartmall|kmart-?mall|t-mall|desket-?mall/,
  stripe: /striped|strive/,
  paypal: /paypay/,
};

/** Infrastructure where a brand word is part of the provider's own name (bucket.s3.amazonaws.com). */
const INFRA_SUFFIXES = ['amazonaws.com', 'cloudfront.net', 'azureedge.net'];

export type ExclusionReason = 'not-a-registry-brand' | 'brand-not-in-hostname' | 'platform-suffix' | 'jpcert-gold-disagrees' | 'infra' | 'other-word' | 'official-host' | 'bad-host';

/** the silver column's keyword for each key (amex → the words a host would carry) */
const SILVER_WORDS: Record<string, string[]> = { amex: ['amex', 'americanexpress'], wechatpay: ['wechat', 'weixin'], googlepay: ['googlepay', 'gpay'] };

function oneEditAway(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Does the hostname itself (not the URL path: the OpenPhish archive's silver column was computed on
 * whole URLs) carry the keyword? Same definition as the corpus's silver column, applied to the host:
 * substring after folding 0→o, 1→l, rn→m, vv→w; or a dot/hyphen token one edit away for keywords of
 * 6+ characters; short keywords (≤ 4) must be a whole token.
 */
export function hostCarriesKeyword(host: string, key: string): boolean {
  const folded = host.replace(/0/g, 'o').replace(/1/g, 'l').replace(/rn/g, 'm').replace(/vv/g, 'w');
  const tokens = folded.split(/[.-]+/);
  return (SILVER_WORDS[key] ?? [key]).some((word) => {
    if (word.length <= 4) return tokens.includes(word) || tokens.some((t) => t.startsWith(word) && /^\d*$/.test(t.slice(word.length)));
    if (folded.includes(word)) return true;
    return word.length >= 6 && tokens.some((t) => oneEditAway(t, word));
  });
}

export interface PhishingRow {
  host: string;
  silver: string;
  gold?: string;
  source: string;
}

/**
 * Decides whether a phishing row's hostname carries a registry payment brand (or a misspelling of
 * one), and which. Returns the brand id, or the reason the row does not count.
 * Rule: the silver column names a registry brand, AND (JPCERT rows) the gold brand agrees, AND the
 * match is not inside infrastructure naming (amazonaws) nor a different word/brand (ETMall, PayPay),
 * AND the host is not the brand's own official host (a scam app on apps.apple.com carries no look-alike).
 */
export function carriesBrand(row: PhishingRow): { brandId: string } | { excluded: ExclusionReason } {
  const parsed = parseHostInput(row.host);
  if (!parsed.ok) return { excluded: 'bad-host' };
  const host = parsed.host;
  const silverKeys = row.silver
    .split(';')
    .map((s) => s.split(':')[0]?.trim() ?? '')
    .filter(Boolean);
  const registryKeys = silverKeys.filter((k) => SILVER_TO_BRAND[k]);
  if (registryKeys.length === 0) return { excluded: 'not-a-registry-brand' };
  const inHost = registryKeys.filter((k) => hostCarriesKeyword(host, k));
  if (inHost.length === 0) return { excluded: 'brand-not-in-hostname' };
  let brands = inHost.map((k) => SILVER_TO_BRAND[k]!);
  if (row.gold !== undefined) {
    const gold = JPCERT_TO_BRAND[row.gold] ?? [];
    brands = brands.filter((b) => gold.includes(b));
    if (brands.length === 0) return { excluded: 'jpcert-gold-disagrees' };
  }
  const domain = parse(parsed.ascii).domain ?? '';
  if (INFRA_SUFFIXES.some((s) => domain === s || parsed.ascii.endsWith(`.${s}`))) return { excluded: 'infra' };
  brands = brands.filter((b) => !(OTHER_WORDS[b]?.test(host) && !(b === 'taobao' && /taobao|tianmao/.test(host))));
  if (brands.length === 0) return { excluded: 'other-word' };
  // a store on <store>.myshopify.com carries the platform's name in the suffix, not a brand claim
  if (brands.every((b) => b === 'shopify') && parse(parsed.ascii, { allowPrivateDomains: true }).publicSuffix === 'myshopify.com' && !/shopify/.test(parsed.ascii.replace(/\.myshopify\.com$/, ''))) return { excluded: 'platform-suffix' };
  const brandId = brands[0]!;
  const verdict = classifyHost(host);
  if (verdict.verdict === 'official') return { excluded: 'official-host' };
  return { brandId };
}

function readTsv(file: string): Record<string, string>[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  const head = (lines.shift() ?? '').split('\t').map((h) => h.trim());
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(head.map((h, i) => [h, (cells[i] ?? '').trim()]));
  });
}

export function loadPhishingRows(dir: string): PhishingRow[] {
  const rows: PhishingRow[] = [];
  const jp = resolve(dir, 'jpcert_phishurl_payment_brand_subset.tsv');
  if (existsSync(jp)) for (const r of readTsv(jp)) rows.push({ host: r.host ?? '', silver: r.brand_regex_match ?? '', gold: r.brand_jpcert ?? '', source: 'jpcert' });
  const simple: [string, string, string][] = [
    ['openphish_domains_brand_matches.tsv', 'host', 'openphish-domains'],
    ['openphish_archive2025_urls_brand_matches.tsv', 'host', 'openphish-archive2025'],
    ['jarelllama_scam_light_brand_matches.tsv', 'host', 'jarelllama'],
    ['globalantiscam_brand_matches.tsv', 'entry', 'globalantiscam'],
  ];
  for (const [file, col, source] of simple) {
    const path = resolve(dir, file);
    if (!existsSync(path)) continue;
    for (const r of readTsv(path)) rows.push({ host: (r[col] ?? '').replace(/\/.*$/, ''), silver: r.brand_regex_match ?? '', source });
  }
  return rows;
}

function evalPhishing(dir: string): DomainEvalResult['phishing'] {
  if (!existsSync(dir)) return { available: false, rowsRead: 0, counted: 0, excluded: {}, perBrand: [], overall: { total: 0, hits: 0, recall: 0 } };
  const rows = loadPhishingRows(dir);
  const excluded: Record<string, number> = {};
  const byBrand = new Map<string, BrandRecall>();
  const seen = new Set<string>();
  let counted = 0;
  for (const row of rows) {
    const host = row.host.toLowerCase();
    if (!host || seen.has(host)) continue;
    seen.add(host);
    const decision = carriesBrand(row);
    if ('excluded' in decision) {
      excluded[decision.excluded] = (excluded[decision.excluded] ?? 0) + 1;
      continue;
    }
    counted++;
    const r = classifyHost(host);
    const rec = byBrand.get(decision.brandId) ?? { brandId: decision.brandId, total: 0, hits: 0, anyLookalike: 0, recall: 0, misses: [] };
    rec.total++;
    if (r.verdict === 'lookalike') rec.anyLookalike++;
    if (r.verdict === 'lookalike' && r.brandId === decision.brandId) rec.hits++;
    else rec.misses.push(r.verdict === 'lookalike' ? `${host} (→ ${r.brandId})` : host);
    byBrand.set(decision.brandId, rec);
  }
  const perBrand = [...byBrand.values()].map((b) => ({ ...b, recall: b.total ? b.hits / b.total : 0 })).sort((a, b) => b.total - a.total);
  const total = perBrand.reduce((n, b) => n + b.total, 0);
  const hits = perBrand.reduce((n, b) => n + b.hits, 0);
  return { available: true, rowsRead: rows.length, counted, excluded, perBrand, overall: { total, hits, recall: total ? hits / total : 0 } };
}

// ---------------------------------------------------------------------------------------------

function evalOfficial(): DomainEvalResult['official'] {
  const failures: { host: string; verdict: string }[] = [];
  let total = 0;
  for (const { domain } of listOfficialDomains()) {
    for (const host of [domain, `www.${domain}`]) {
      total++;
      const r = classifyHost(host);
      if (r.verdict !== 'official') failures.push({ host, verdict: r.verdict });
    }
  }
  return { total, official: total - failures.length, failures };
}

function evalTranco(file: string): DomainEvalResult['tranco'] {
  if (!existsSync(file)) return { available: false, total: 0, lookalikes: [] };
  const hosts = readFileSync(file, 'utf8').split('\n').slice(1).map((s) => s.trim()).filter(Boolean);
  const lookalikes: DomainEvalResult['tranco']['lookalikes'] = [];
  for (const host of hosts) {
    const r = classifyHost(host);
    if (r.verdict === 'lookalike') lookalikes.push({ host, brand: r.brand ?? '', technique: r.technique ?? '', diff: r.diff ?? '' });
  }
  return { available: true, total: hosts.length, lookalikes };
}

function evalSynthetic(): DomainEvalResult['synthetic'] {
  const perTechnique: Record<string, { total: number; hits: number }> = {};
  let total = 0;
  let hits = 0;
  let guardedByDesign = 0;
  let guardedHits = 0;
  const misses: string[] = [];
  for (const s of synthesizeLookalikes()) {
    const r = classifyHost(s.host);
    const ok = r.verdict === 'lookalike' && r.brandId === s.brandId;
    if (s.guardedByDesign) {
      guardedByDesign++;
      if (ok) guardedHits++;
      continue;
    }
    total++;
    if (ok) hits++;
    else misses.push(`${s.host} (${s.technique}; got ${r.verdict}${r.brandId ? ` ${r.brandId}` : ''})`);
    const t = (perTechnique[s.technique] ??= { total: 0, hits: 0 });
    t.total++;
    if (ok) t.hits++;
  }
  return { total, hits, recall: total ? hits / total : 0, guardedByDesign, guardedHits, perTechnique, misses };
}

/** Registry brand names (English and Chinese, 3+ characters or CJK) found in a piece of page text. */
function brandsNamedIn(text: string): string[] {
  const out: string[] = [];
  for (const b of BRANDS) {
    const names = [...b.names.en, ...b.names.zh].filter((n) => n.length >= 3 || /[\u4e00-\u9fff]/.test(n));
    if (names.some((n) => new RegExp(`(?:^|[^a-z])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z])`, 'i').test(text))) out.push(b.id);
  }
  return out;
}

type Analyze = (html: string, url: string) => { findings: { ruleId: string; category: string }[] };

/**
 * The engine's analyzeHtml (happy-dom with scripts disabled: pages are read as text, never run).
 * If the built-in rule set does not load (another category's rule file mid-edit), fall back to the
 * payment-spoof rules alone, which is all this evaluation looks at.
 */
async function loadAnalyzer(): Promise<{ analyze: Analyze; note?: string }> {
  const engine = await import('../src/node/engine');
  try {
    engine.builtinRules();
    return { analyze: engine.analyzeHtml };
  } catch (e) {
    const { loadRulesFromDir } = await import('../src/rules/load-node');
    const { compileRules } = await import('../src/rules/compile');
    const { toMatchRule } = await import('../src/rules/match-rule');
    const loaded = loadRulesFromDir(resolve(engine.RULES_DIR, 'payment-spoof'));
    const compiled = compileRules(loaded.rules.map(toMatchRule));
    return { analyze: (html, url) => engine.analyzeHtml(html, url, compiled), note: `built-in rules did not load (${(e as Error).message.split('\n')[1] ?? ''}); used rules/payment-spoof only` };
  }
}

async function evalLegitPages(dir: string, analyze: Analyze): Promise<DomainEvalResult['legit']> {
  const index = resolve(dir, '_index.tsv');
  if (!existsSync(index)) return { available: false, pages: 0, flagged: [] };
  const urlFor = (site: string) => `https://${site.includes('.') ? `www.${site.replace(/^www\./, '')}` : 'www.example.com'}/`;
  const flagged: { file: string; rules: string[] }[] = [];
  const rows = readTsv(index);
  for (const row of rows) {
    const file = row.file ?? Object.values(row)[0] ?? '';
    const html = readFileSync(resolve(dir, file), 'latin1');
    const rules = analyze(html, urlFor(row.site ?? '')).findings.filter((f) => f.category === 'payment-spoof').map((f) => f.ruleId);
    if (rules.length) flagged.push({ file, rules });
  }
  return { available: true, pages: rows.length, flagged };
}

async function evalHtml(dir: string, analyze: Analyze, note?: string): Promise<DomainEvalResult['html']> {
  const empty = { available: false, pages: 0, imitatingRegistryBrand: [], flaggedImitating: 0, flaggedOther: [] };
  const index = resolve(dir, '_index.tsv');
  if (!existsSync(index)) return empty;
  const analyzeHtml = analyze;
  const rows = readTsv(index);
  const imitating: DomainEvalResult['html']['imitatingRegistryBrand'] = [];
  const flaggedOther: DomainEvalResult['html']['flaggedOther'] = [];
  for (const row of rows) {
    const file = row.file ?? '';
    const host = row.host ?? '';
    const html = readFileSync(resolve(dir, file), 'utf8');
    // "imitates a registry brand": the brand is named where a page says who it is — title, h1–h3, image alt
    const title = /<title[^>]*>([^<]{0,300})/i.exec(html)?.[1] ?? '';
    const headings = [...html.matchAll(/<h[1-3][^>]*>([\s\S]{0,300}?)<\/h[1-3]>/gi)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ' '));
    const alts = [...html.matchAll(/\balt\s*=\s*["']([^"']{1,120})["']/gi)].map((m) => m[1] ?? '');
    const brands = [...new Set([title, ...headings, ...alts].flatMap((t) => brandsNamedIn(t)))].filter(
      (b) => (b !== 'visa' && b !== 'mastercard') || /verified by visa|visa secure|securecode|id check/i.test(html),
    );
    let rules: string[] = [];
    try {
      rules = analyzeHtml(html, `https://${host}/`).findings.filter((f) => f.category === 'payment-spoof').map((f) => f.ruleId);
    } catch (e) {
      rules = [`error: ${(e as Error).message.split('\n')[0]}`];
    }
    if (brands.length) imitating.push({ file, host, brands, flagged: rules.some((r) => !r.startsWith('error')), rules });
    else if (rules.length) flaggedOther.push({ file, host, rules });
  }
  return { available: true, pages: rows.length, imitatingRegistryBrand: imitating, flaggedImitating: imitating.filter((p) => p.flagged).length, flaggedOther, ...(note ? { error: note } : {}) };
}

export async function evalDomains(corpusDir: string): Promise<DomainEvalResult> {
  parseRegistry(REGISTRY); // a malformed registry fails the eval loudly
  const { analyze, note } = await loadAnalyzer();
  return {
    official: evalOfficial(),
    tranco: evalTranco(resolve(corpusDir, 'tranco-top10k/top-10k.csv')),
    phishing: evalPhishing(resolve(corpusDir, 'phishing-payment-brands')),
    synthetic: evalSynthetic(),
    html: await evalHtml(resolve(corpusDir, 'phishing-html-openphish-2024-07-05'), analyze, note),
    legit: await evalLegitPages(resolve(corpusDir, 'ecommerce-html-legit'), analyze),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatDomainEval(r: DomainEvalResult): string {
  const out: string[] = ['== Domains and payment spoofing (issue 3) =='];
  out.push(`official registry hosts classified official: ${r.official.official}/${r.official.total}${r.official.failures.length ? `  FAILURES: ${r.official.failures.map((f) => `${f.host}→${f.verdict}`).join(', ')}` : ''}`);
  if (r.tranco.available) {
    out.push(`Tranco top ${r.tranco.total}: ${r.tranco.lookalikes.length} called lookalike (target ≤ 10)`);
    for (const l of r.tranco.lookalikes) out.push(`  ${l.host}  → ${l.brand} (${l.technique}: ${l.diff})`);
  } else out.push('Tranco: corpus file absent, skipped');
  if (r.phishing.available) {
    const p = r.phishing;
    out.push(`phishing hosts carrying a registry payment brand: ${p.overall.hits}/${p.overall.total} recalled = ${pct(p.overall.recall)} (target ≥ 90%); rows read ${p.rowsRead}, distinct hosts counted ${p.counted}; not counted: ${Object.entries(p.excluded).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    for (const b of p.perBrand) {
      out.push(`  ${b.brandId.padEnd(12)} ${String(b.hits).padStart(4)}/${String(b.total).padEnd(4)} ${pct(b.recall).padStart(6)}  (any brand ${b.anyLookalike})${b.misses.length ? `  missed: ${b.misses.slice(0, 8).join(', ')}${b.misses.length > 8 ? ` …+${b.misses.length - 8}` : ''}` : ''}`);
    }
  } else out.push('phishing-payment-brands: corpus folder absent, skipped');
  const s = r.synthetic;
  out.push(`SYNTHETIC Chinese payment look-alikes: ${s.hits}/${s.total} = ${pct(s.recall)}; guarded by design (first-letter / short-label changes): ${s.guardedHits}/${s.guardedByDesign} flagged`);
  out.push(`  ${Object.entries(s.perTechnique).map(([k, v]) => `${k} ${v.hits}/${v.total}`).join(', ')}`);
  if (s.misses.length) out.push(`  missed: ${s.misses.slice(0, 10).join(', ')}`);
  if (r.html.available) {
    if (r.html.error) out.push(`phishing HTML: note: ${r.html.error}`);
    {
      out.push(`phishing HTML pages (${r.html.pages}): ${r.html.imitatingRegistryBrand.length} imitate a registry payment brand; ${r.html.flaggedImitating} of them get a payment-spoof finding`);
      for (const p of r.html.imitatingRegistryBrand) out.push(`  ${p.flagged ? 'FLAGGED' : 'missed '} ${p.file} [${p.brands.join(', ')}] ${p.rules.join(', ')}`);
      if (r.html.flaggedOther.length) out.push(`  payment-spoof on pages naming no registry brand: ${r.html.flaggedOther.map((p) => `${p.file} (${p.rules.join(', ')})`).join('; ')}`);
    }
  } else out.push('phishing HTML: corpus folder absent, skipped');
  if (r.legit.available)
    out.push(`legitimate shop pages (${r.legit.pages}): ${r.legit.flagged.length} with a payment-spoof finding${r.legit.flagged.length ? `: ${r.legit.flagged.map((p) => `${p.file} (${p.rules.join(', ')})`).join('; ')}` : ''}`);
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  const corpus = resolve(process.env.SHOP_SENTINEL_CORPUS ?? resolve(import.meta.dirname, '../../shared/corpus'));
  evalDomains(corpus)
    .then((r) => console.log(formatDomainEval(r)))
    .catch((e) => {
      console.error(`eval/domains failed: ${(e as Error).stack ?? e}`);
      process.exit(1);
    });
}
