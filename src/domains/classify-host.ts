/**
 * classifyHost: is a host a payment/shopping brand's own (`official`), made to look like one
 * (`lookalike`, with the brand, the technique and the characters that differ), or `unrelated`?
 *
 * Registrable domains come from the public suffix list (tldts): ICANN suffixes decide ownership,
 * private suffixes (cn.com, github.io, myshopify.com …) expose fake suffixes and hosted sites.
 * Checks run from the most to the least specific; false-positive guards follow Chromium's lookalike
 * checks: short labels are only compared exactly, a difference in the first letter alone is not a
 * typo, ordinary words and other brands that merely share letters are left alone.
 */
import { parse } from 'tldts';
import { TECHNIQUE_LABELS } from './technique-labels';

export { TECHNIQUE_LABELS };
import { BRANDS, OFFICIAL_DOMAINS, brandDisplayName, type Brand } from './registry';
import { decodeHostLabels } from './punycode';
import { TwoGenerationCache } from './lru';
import { parseHostInput } from './host-input';
import { describeSkeletonDiff, skeletonOf, type Skeleton } from './skeleton';
import { oneEdit } from './edit-distance';
import { ABUSED_TLDS, DICTIONARY_GUARD, INFRA_DOMAINS, PHISHING_KEYWORDS } from './keywords';
import { LEFT_BOUNDARY_TOKENS, guardedByDictionary, hasStrongKeyword, isKeywordRemainder } from './word-parts';
import { isBrandKeyword, mentionsOrdinaryWord, ordinaryWordHit, wordsInOrdinarySense } from './ordinary-word';

const NO_WORDS: ReadonlySet<string> = new Set();

export { isKeywordRemainder };

export type Verdict = 'official' | 'lookalike' | 'unrelated';

export const TECHNIQUES = [
  'idn-homoglyph',
  'whole-script-confusable',
  'ascii-lookalike',
  'typo',
  'subdomain-embedding',
  'brand-keyword',
  'brand-in-label',
  'tld-hyphen',
  'flattened-host',
  'pinyin-name',
  'fake-suffix',
  'tld-swap',
  'hosted-brand-name',
] as const;
export type Technique = (typeof TECHNIQUES)[number];


export interface HostClassification {
  host: string;
  verdict: Verdict;
  /** display name, e.g. "Alipay / 支付宝" */
  brand?: string;
  brandId?: string;
  technique?: Technique;
  /** the characters that differ, e.g. "rn → m" or "а (U+0430 CYRILLIC) → a" */
  diff?: string;
  officialDomain?: string;
  reasons: string[];
  /** set when the input was not a host at all */
  error?: string;
}

// ---------------------------------------------------------------------------------------------
// Indexes built once from the registry

interface LabelEntry {
  /** the brand's label or host token, e.g. "alipay", "zhifubao" */
  label: string;
  skel: Skeleton;
  brand: Brand;
  /** official registrable domain this label stands for */
  domain: string;
  /** weak tokens (short or common words) need a keyword or an exact match */
  weak: boolean;
  /** an ordinary word (apple, visa, stripe): needs a phishing keyword, a hosting platform or a cheap TLD */
  common: boolean;
  /** explicit strong token: may be found inside a longer label (alipaysecure, zhifubao123) */
  substring: boolean;
  /** may be the target of a one-edit typo (strong tokens and non-CDN official labels of 5+ chars) */
  typo: boolean;
  pinyin: boolean;
}

const ENTRIES: LabelEntry[] = [];
const SEEN = new Set<string>();
function addEntry(label: string, brand: Brand, domain: string, flags: { weak: boolean; substring: boolean; typo: boolean }): void {
  const key = `${label}|${brand.id}`;
  if (SEEN.has(key) || label.length < 2) return;
  SEEN.add(key);
  // pinyin that differs from the English name (zhifubao, caifutong; not taobao, whose English name is its pinyin)
  const english = new Set(brand.names.en.map((n) => n.toLowerCase().replace(/[^a-z0-9]/g, '')));
  const pinyin = brand.names.pinyin.some((p) => !english.has(p) && (label === p || (label.startsWith(p) && p.length >= 6)));
  const common = brand.tokens.common.includes(label);
  ENTRIES.push({ label, skel: skeletonOf(label), brand, domain, pinyin, ...flags, common, weak: flags.weak || common });
}
for (const brand of BRANDS) {
  const primary = brand.domains[0]?.domain ?? '';
  const weakTokens = new Set(brand.tokens.weak);
  const strongTokens = new Set(brand.tokens.strong);
  for (const d of brand.domains) {
    if (brand.userContentSuffixes?.includes(d.domain)) continue;
    const label = parse(d.domain).domainWithoutSuffix ?? '';
    // ordinary words used as official labels (global.jcb, shop.app) are not brand names in other hosts
    if (!label || (PHISHING_KEYWORDS.has(label) && !strongTokens.has(label) && !weakTokens.has(label))) continue;
    const weak = weakTokens.has(label) || (label.length < 5 && !strongTokens.has(label));
    addEntry(label, brand, d.domain, { weak, substring: strongTokens.has(label), typo: d.source !== 'cdn' && label.length >= 5 });
  }
  for (const t of brand.tokens.strong) addEntry(t, brand, primary, { weak: false, substring: true, typo: t.length >= 5 });
  for (const t of brand.tokens.weak) addEntry(t, brand, primary, { weak: true, substring: false, typo: false });
  for (const t of brand.tokens.common) addEntry(t, brand, primary, { weak: true, substring: false, typo: false });
}
/** labels that are some brand's own (official label or token): never a typo of another brand */
const OWN_LABELS: ReadonlySet<string> = new Set(ENTRIES.map((e) => e.label));
const ENTRY_BY_LABEL = new Map<string, LabelEntry>();
for (const e of ENTRIES) if (!ENTRY_BY_LABEL.has(e.label)) ENTRY_BY_LABEL.set(e.label, e);
const BY_SKELETON = new Map<string, LabelEntry[]>();
for (const e of ENTRIES) BY_SKELETON.set(e.skel.skeleton, [...(BY_SKELETON.get(e.skel.skeleton) ?? []), e]);
const SUBSTRING = ENTRIES.filter((e) => e.substring);
const WEAK = ENTRIES.filter((e) => e.weak && brandTokenIsWeak(e));
function brandTokenIsWeak(e: LabelEntry): boolean {
  return e.brand.tokens.weak.includes(e.label) || e.brand.tokens.common.includes(e.label);
}
/** bigram → entries whose label (or skeleton) contains it at its start: finds substring candidates in one pass */
function bigramIndex(entries: LabelEntry[], useSkeleton: boolean): Map<string, LabelEntry[]> {
  const map = new Map<string, LabelEntry[]>();
  for (const e of entries) {
    const key = (useSkeleton ? e.skel.skeleton : e.label).slice(0, 2);
    map.set(key, [...(map.get(key) ?? []), e]);
  }
  return map;
}
const SUBSTRING_BY_BIGRAM = bigramIndex(SUBSTRING, false);
const SUBSTRING_BY_SKEL_BIGRAM = bigramIndex(SUBSTRING, true);
const WEAK_BY_BIGRAM = bigramIndex(WEAK, false);
function collect(text: string, index: Map<string, LabelEntry[]>, useSkeleton: boolean, into: Set<LabelEntry>): void {
  for (let i = 0; i + 1 < text.length; i++) {
    const list = index.get(text.slice(i, i + 2));
    if (!list) continue;
    for (const e of list) if (text.startsWith(useSkeleton ? e.skel.skeleton : e.label, i)) into.add(e);
  }
}
/** strong tokens found in the label (or, when given, in its skeleton), in registry order */
function substringCandidates(flat: string, skeleton: string): LabelEntry[] {
  const found = new Set<LabelEntry>();
  collect(flat, SUBSTRING_BY_BIGRAM, false, found);
  if (skeleton) collect(skeleton, SUBSTRING_BY_SKEL_BIGRAM, true, found);
  return found.size ? SUBSTRING.filter((e) => found.has(e)) : [];
}
function weakCandidates(flat: string): LabelEntry[] {
  const found = new Set<LabelEntry>();
  collect(flat, WEAK_BY_BIGRAM, false, found);
  return found.size ? WEAK.filter((e) => found.has(e)) : [];
}

/** typo candidates by length: labels of 5+ characters that are not all digits */
const TYPO_BY_LENGTH = new Map<number, Map<string, LabelEntry[]>>();
for (const e of ENTRIES) {
  if (!e.typo || e.label.includes('-')) continue;
  const byFirst = TYPO_BY_LENGTH.get(e.label.length) ?? new Map<string, LabelEntry[]>();
  byFirst.set(e.label[0] ?? '', [...(byFirst.get(e.label[0] ?? '') ?? []), e]);
  TYPO_BY_LENGTH.set(e.label.length, byFirst);
}
const NO_ENTRIES: LabelEntry[] = [];
/** brands whose primary label is theirs under every country TLD (amazon.de, google.co.id) */
const ANY_CC_BRANDS = new Map<string, Brand>();
for (const b of BRANDS) {
  const primary = b.domains[0]?.domain;
  const label = primary ? parse(primary).domainWithoutSuffix : undefined;
  if (b.anyCountryTld && label) ANY_CC_BRANDS.set(label, b);
}

// ---------------------------------------------------------------------------------------------
// helpers

const countrySuffixCache = new Map<string, boolean>();
function isCountrySuffix(suffix: string): boolean {
  let known = countrySuffixCache.get(suffix);
  if (known === undefined) {
    known = /^(?:(?:com|co|net|org|gov|edu|ne|or|ac)\.)?[a-z]{2}$/.test(suffix) && parse(`shopsentinel-probe.${suffix}`).publicSuffix === suffix && parse(`shopsentinel-probe.${suffix}`).isIcann === true;
    if (countrySuffixCache.size < 1000) countrySuffixCache.set(suffix, known);
  }
  return known;
}

/** The brand that owns a registrable domain, if any (explicit list, or label + country TLD). */
export function officialBrandOf(domain: string, label: string, suffix: string): Brand | undefined {
  const listed = OFFICIAL_DOMAINS.get(domain);
  if (listed?.[0]) return listed[0];
  const cc = ANY_CC_BRANDS.get(label);
  if (cc && isCountrySuffix(suffix) && !PUBLIC_SECTOR_SUFFIX.test(suffix)) return cc;
  return undefined;
}
/** government, military and academic second levels (visa.gov.in is a state visa office, not Visa) */
const PUBLIC_SECTOR_SUFFIX = /^(?:gov|edu|ac|mil)\./;

/** Is this exact string an official registrable domain (listed, or a brand label + country TLD)? */
function isOfficialDomainString(candidate: string): Brand | undefined {
  const listed = OFFICIAL_DOMAINS.get(candidate);
  if (listed?.[0]) return listed[0];
  const dot = candidate.indexOf('.');
  if (dot <= 0) return undefined;
  const suffix = candidate.slice(dot + 1);
  const cc = ANY_CC_BRANDS.get(candidate.slice(0, dot));
  return cc && isCountrySuffix(suffix) && !PUBLIC_SECTOR_SUFFIX.test(suffix) ? cc : undefined;
}

const homeCache = new Map<string, Set<string>>();
/** country TLDs where a brand operates: those of its official domains, plus .cn for Chinese brands */
function homeCountries(brand: Brand | undefined): Set<string> {
  if (!brand) return new Set();
  let set = homeCache.get(brand.id);
  if (!set) {
    set = new Set(brand.domains.map((d) => d.domain.split('.').pop() ?? '').filter((t) => t.length === 2));
    if (brand.names.zh.some((n) => /[\u4e00-\u9fff]/.test(n))) set.add('cn');
    homeCache.set(brand.id, set);
  }
  return set;
}

/** platforms where a project named after a brand usually is the brand's own (apple.github.io) */
const ORG_PLATFORMS: ReadonlySet<string> = new Set(['github.io', 'gitlab.io', 'readthedocs.io']);

const LOCAL_SUFFIXES = ['localhost', 'local', 'test', 'internal', 'example', 'invalid', 'lan', 'home.arpa'];
function isLocalHost(host: string): boolean {
  return LOCAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`));
}

/**
 * For one label: prefix[j] — label[0, j) is keywords and digits only; suffix[i] — label[i, end) is.
 * One pass each way instead of a segmentation per cut.
 */
function keywordCuts(label: string): { prefix: boolean[]; suffix: boolean[] } {
  const n = label.length;
  const prefix: boolean[] = new Array(n + 1).fill(false);
  const suffix: boolean[] = new Array(n + 1).fill(false);
  prefix[0] = true;
  for (let i = 0; i < n; i++) {
    if (!prefix[i]) continue;
    if (/\d/.test(label[i] ?? '')) prefix[i + 1] = true;
    for (let k = i + 2; k <= Math.min(n, i + 14); k++) if (PHISHING_KEYWORDS.has(label.slice(i, k))) prefix[k] = true;
  }
  suffix[n] = true;
  for (let i = n - 1; i >= 0; i--) {
    if (/\d/.test(label[i] ?? '') && suffix[i + 1]) {
      suffix[i] = true;
      continue;
    }
    for (let k = i + 2; k <= Math.min(n, i + 14); k++) {
      if (suffix[k] && PHISHING_KEYWORDS.has(label.slice(i, k))) {
        suffix[i] = true;
        break;
      }
    }
  }
  return { prefix, suffix };
}

interface Hit {
  entry: LabelEntry;
  technique: Technique;
  diff?: string;
  reasons: string[];
  officialDomain?: string;
}

function homoglyphTechnique(label: string, s: Skeleton): Technique {
  if (!s.nonAscii) return 'ascii-lookalike';
  return s.scripts.size === 1 && !s.scripts.has('LATIN-DIACRITIC') && !/[a-z]/.test(label) ? 'whole-script-confusable' : 'idn-homoglyph';
}

/** A label that looks exactly like a brand label (same skeleton) without being it. */
function skeletonHit(label: string, minLen: number): Hit | undefined {
  const s = skeletonOf(label);
  if ([...label].length < (s.nonAscii ? 2 : minLen)) return undefined;
  const matches = BY_SKELETON.get(s.skeleton);
  if (!matches) return undefined;
  for (const entry of matches) {
    if (entry.label === label) continue;
    if (!s.nonAscii && entry.label.length < 4) continue;
    const technique = homoglyphTechnique(label, s);
    return {
      entry,
      technique,
      diff: describeSkeletonDiff(s, entry.skel),
      reasons: [`"${label}" is written with characters that look like "${entry.label}" (${technique})`],
    };
  }
  return undefined;
}

/** One typo away from a strong brand label, with Chromium-style guards. */
function typoHit(label: string, nextToKeyword = false): Hit | undefined {
  if (label.length < 5 || OWN_LABELS.has(label) || (DICTIONARY_GUARD.has(label) && !nextToKeyword)) return undefined;
  const digits = /^\d+$/.test(label);
  // a one-edit typo keeps the first letter (first-letter changes are not typos here), except a swap
  // of the first two letters: candidates come from (length, first letter) buckets
  for (let len = label.length - 1; len <= label.length + 1; len++) {
    const byFirst = TYPO_BY_LENGTH.get(len);
    if (!byFirst) continue;
    const a = byFirst.get(label[0] ?? '') ?? NO_ENTRIES;
    const b = label[1] !== label[0] ? (byFirst.get(label[1] ?? '') ?? NO_ENTRIES) : NO_ENTRIES;
    for (const entry of b.length ? [...a, ...b] : a) {
      const edit = oneEdit(label, entry.label);
      if (!edit) continue;
      if (edit.at === 0 && edit.kind !== 'swap') continue; // first-letter-only difference
      // numbers: 95516 → 95519 is another company's hotline; only dropped, doubled or swapped digits count
      if (digits !== /^\d+$/.test(entry.label) || (digits && edit.kind === 'substitution')) continue;
      if (edit.at >= label.length - 1 && /\d/.test(label[label.length - 1] ?? '')) continue; // trailing digit (shop2, strip2)
      return { entry, technique: 'typo', diff: edit.diff, reasons: [`"${label}" is one ${edit.kind} away from "${entry.label}" (${edit.diff})`] };
    }
  }
  return undefined;
}

/** Brand name glued to other words inside one label: alipay-secure, paypalresolution, appleid-verify. */
interface ComboContext {
  where: 'registrable' | 'subdomain';
  /** the TLD is cheap and abused (top, xyz …) */
  abusedTld: boolean;
  /** the site sits on a hosting platform (netlify.app, vercel.app, workers.dev …) */
  hosted: boolean;
  /** ordinary brand words the host uses in their ordinary sense (visa-travel, apple-tree) */
  cleared: ReadonlySet<string>;
}

function comboHit(label: string, { where, abusedTld, hosted, cleared }: ComboContext): Hit | undefined {
  const parts = label.split(/[-_]+/).filter(Boolean);
  // whole hyphen-separated tokens first
  if (parts.length > 1) {
    for (const part of parts) {
      const skel = skeletonOf(part).skeleton;
      for (const entry of BY_SKELETON.get(skel) ?? []) {
        const others = parts.filter((p) => p !== part);
        if (entry.weak && !brandTokenIsWeak(entry) && entry.label.length >= 3) continue; // short official labels (gtimg) only exactly
        const sameBrandToo = others.some((o) => ENTRY_BY_LABEL.get(o)?.brand.id === entry.brand.id); // weixin-qq
        if (entry.common && cleared.has(entry.label)) continue;
        if (entry.common && !hosted && !abusedTld && !sameBrandToo && !others.some((o) => isBrandKeyword(entry.brand, o))) continue;
        if (entry.weak && entry.label.length < 3 && !others.every((o) => isKeywordRemainder(o))) continue;
        if (!entry.weak && !entry.substring && !others.some((o) => isKeywordRemainder(o))) continue;
        return {
          entry,
          technique: entry.pinyin ? 'pinyin-name' : 'brand-keyword',
          diff: part === entry.label ? `"${label}" adds "${others.join('-')}" to the brand name` : describeSkeletonDiff(skeletonOf(part), entry.skel),
          reasons: [`"${label}" joins the brand name "${entry.label}" with "${others.join('-')}"`],
        };
      }
    }
    for (const part of parts) {
      const withKeyword = hosted || parts.some((p) => p !== part && hasStrongKeyword(p));
      const typo = typoHit(part, withKeyword);
      if (typo && (typo.entry.label.length >= 6 || parts.some((p) => p !== part && isKeywordRemainder(p)))) {
        return { ...typo, reasons: [...typo.reasons, `and joins it with "${parts.filter((p) => p !== part).join('-')}"`] };
      }
    }
  }
  const flat = parts.join('');
  const flatSkel = skeletonOf(flat);
  if (parts.length > 1) {
    const same = BY_SKELETON.get(flatSkel.skeleton)?.find((e) => e.label.length >= 4 && !e.weak);
    if (same) {
      return { entry: same, technique: 'typo', diff: flat === same.label ? 'extra -' : `extra -, ${describeSkeletonDiff(flatSkel, same.skel)}`, reasons: [`"${label}" is "${same.label}" split by a hyphen`] };
    }
  }
  const skeletonUseful = flatSkel.nonAscii || /[01]/.test(flat);
  for (const entry of substringCandidates(flat, skeletonUseful ? flatSkel.skeleton : '')) {
    if (entry.label.length < 4) continue;
    const viaSkeleton = !flat.includes(entry.label);
    if (viaSkeleton && !skeletonUseful) continue;
    const at = viaSkeleton ? flatSkel.skeleton.indexOf(entry.skel.skeleton) : flat.indexOf(entry.label);
    if (at < 0) continue;
    if (flat === entry.label) continue; // exact label: handled by the caller (tld-swap / subdomain)
    if (guardedByDictionary(flat, entry.label)) continue;
    if (at > 0 && LEFT_BOUNDARY_TOKENS.has(entry.label) && /[a-z]/.test(flat[at - 1] ?? '') && !isKeywordRemainder(flat.slice(0, at))) continue;
    const rest = viaSkeleton ? '' : flat.slice(0, at) + flat.slice(at + entry.label.length);
    const keywordRest = viaSkeleton ? true : isKeywordRemainder(flat.slice(0, at)) && isKeywordRemainder(flat.slice(at + entry.label.length));
    if ((/^\d{5}$/.test(entry.label) || entry.label.length < 5) && !keywordRest) continue; // 95516 inside a longer number is a number; icbc needs a keyword
    if (where === 'subdomain' && !keywordRest && entry.label.length < 6) continue;
    const technique: Technique = entry.pinyin ? 'pinyin-name' : keywordRest ? 'brand-keyword' : 'brand-in-label';
    return {
      entry,
      technique,
      diff: viaSkeleton ? describeSkeletonDiff(flatSkel, entry.skel) : `"${label}" = "${entry.label}" + "${rest}"`,
      reasons: [`"${label}" contains the brand name "${entry.label}"${keywordRest && rest ? ` with "${rest}"` : ''}`],
    };
  }
  // a misspelt or look-alike brand glued to keywords: alipysecure, secure-paypa1login
  for (const piece of parts) {
    if (piece.length < 7) continue;
    const { prefix, suffix } = keywordCuts(piece);
    for (let cut = 5; cut <= piece.length - 2; cut++) {
      if (suffix[cut]) {
        const tail = piece.slice(cut);
        const headHit = hasStrongKeyword(tail) ? (typoHit(piece.slice(0, cut), true) ?? skeletonHit(piece.slice(0, cut), 5)) : undefined;
        if (headHit) return { ...headHit, reasons: [...headHit.reasons, `glued to "${tail}"`] };
      }
      if (prefix[piece.length - cut]) {
        const front = piece.slice(0, piece.length - cut);
        const back = piece.slice(piece.length - cut);
        const backHit = hasStrongKeyword(front) ? (typoHit(back, true) ?? skeletonHit(back, 5)) : undefined;
        if (backHit) return { ...backHit, reasons: [...backHit.reasons, `glued to "${front}"`] };
      }
    }
  }
  // weak words glued to keywords, within one hyphen-separated part (apple-id → no; appleid-x, loginidapple → yes)
  for (const piece of parts.length > 1 ? parts : [flat]) for (const entry of weakCandidates(piece)) {
    if (entry.label.length < 3 || cleared.has(entry.label)) continue;
    const at = piece.indexOf(entry.label);
    if (at < 0 || piece === entry.label) continue;
    const before = piece.slice(0, at);
    const after = piece.slice(at + entry.label.length);
    const glued =
      (isKeywordRemainder(before) && isKeywordRemainder(after) && (entry.common ? isBrandKeyword(entry.brand, before + after) : hasStrongKeyword(before + after))) ||
      // on a hosting platform, a site named after the brand (appleclonebootstrap.netlify.app)
      (hosted && where === 'registrable' && entry.label.length >= 4 && (before === '' || after === '') && !guardedByDictionary(piece, entry.label));
    if (!glued) continue;
    if (guardedByDictionary(piece, entry.label)) continue;
    if (/^\d*$/.test(before + after) && !abusedTld) continue; // apple1.com: a number alone is not a keyword
    return {
      entry,
      technique: entry.pinyin ? 'pinyin-name' : 'brand-keyword',
      diff: `"${label}" = "${entry.label}" + "${before}${after}"`,
      reasons: [`"${label}" joins the brand name "${entry.label}" with "${before}${after}"`],
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/** What step 4 of classifyHost looks at: facts of the registrable domain alone. */
interface RegistrableFacts {
  regLabel: string;
  regDomain: string;
  privSuffix: string;
  suffix: string;
  platform: boolean;
  countryLike: boolean;
  abusedTld: boolean;
  hostedOn: string;
  cleared: ReadonlySet<string>;
}

/** 4. The registrable label: exact brand name on a fake or foreign suffix, homoglyphs, typos, combos. */
function registrableHit(h: RegistrableFacts): { hit: Hit; extra: string[] } | undefined {
  const { regLabel, regDomain, privSuffix, suffix, platform, countryLike, abusedTld, hostedOn, cleared } = h;
  const exact = ENTRY_BY_LABEL.get(regLabel);
  if (exact && platform && !ORG_PLATFORMS.has(privSuffix) && (!exact.weak || brandTokenIsWeak(exact))) {
    return { hit: { entry: exact, technique: 'hosted-brand-name', diff: `"${regLabel}" is only a site name on ${privSuffix}`, reasons: [`"${regDomain}" uses the brand name as a site name on the hosting platform ${privSuffix}`] }, extra: [] };
  }
  if (exact && countryLike) {
    return { hit: { entry: exact, technique: 'fake-suffix', diff: `.${privSuffix} → .${parse(exact.domain).publicSuffix ?? 'com'}`, reasons: [`"${regLabel}" sits under ${privSuffix}, a privately run suffix that looks like a country domain but is not the brand's`] }, extra: [] };
  }
  // a brand name on a foreign country TLD may be a local business (alibaba.ir); on its home markets it is not
  const foreignCc = isCountrySuffix(suffix) && !homeCountries(exact?.brand).has(suffix.split('.').pop() ?? '');
  const sameLabel = exact && parse(exact.domain).domainWithoutSuffix === regLabel;
  if (exact && !exact.weak && (abusedTld || exact.pinyin || (exact.label.length >= 5 && !foreignCc))) {
    return { hit: { entry: exact, technique: exact.pinyin ? 'pinyin-name' : sameLabel ? 'tld-swap' : 'brand-in-label', diff: exact.pinyin ? `"${regLabel}" is the pinyin of ${exact.brand.names.zh[0] ?? exact.brand.names.en[0]}` : sameLabel ? `.${suffix} → .${parse(exact.domain).publicSuffix ?? 'com'}` : `${regDomain} → ${exact.domain}`, reasons: [`"${regLabel}" is the brand's name, but ${regDomain} is not one of its registered domains`] }, extra: [] };
  }
  if (exact && exact.weak && abusedTld && !cleared.has(exact.label)) {
    return { hit: { entry: exact, technique: 'tld-swap', diff: `.${suffix} → .${parse(exact.domain).publicSuffix ?? 'com'}`, reasons: [`"${regLabel}" is the brand's name on the cheap TLD .${suffix}`] }, extra: [] };
  }
  const hit = skeletonHit(regLabel, 3) ?? typoHit(regLabel) ?? comboHit(regLabel, { where: 'registrable', abusedTld, hosted: platform, cleared });
  if (hit) return { hit, extra: hostedOn ? [`hosted as ${regDomain}${hostedOn}`] : [] };
  return undefined;
}

function result(host: string, verdict: Verdict, reasons: string[], extra: Partial<HostClassification> = {}): HostClassification {
  return { host, verdict, reasons, ...extra };
}

function lookalike(host: string, hit: Hit, regDomain: string, extraReasons: string[] = []): HostClassification {
  const officialDomain = hit.officialDomain ?? hit.entry.domain;
  return {
    host,
    verdict: 'lookalike',
    brand: brandDisplayName(hit.entry.brand),
    brandId: hit.entry.brand.id,
    technique: hit.technique,
    ...(hit.diff ? { diff: hit.diff } : {}),
    officialDomain,
    reasons: [...hit.reasons, ...extraReasons, `the registrable domain is ${regDomain}, not ${hit.entry.brand.names.en[0]}'s ${officialDomain}`],
  };
}

/** memoized verdicts per input (bounded; recently used entries kept) */
const CACHE_MAX = 2000;
const cache = new TwoGenerationCache<string, HostClassification>(CACHE_MAX);
/** memoized registrable-label checks (step 4) per registrable domain */
const regCache = new TwoGenerationCache<string, { hit: Hit; extra: string[] } | null>(CACHE_MAX);

let generation = 0;

/** Forgets memoized verdicts (benchmarks measure cold classification), here and in per-page memos. */
export function clearClassifyCache(): void {
  cache.clear();
  regCache.clear();
  generation++;
}

/** Changes whenever the memos are cleared: per-page memos built on verdicts compare it. */
export function classifyCacheGeneration(): number {
  return generation;
}

/** Classifies a host name (or URL). Never throws: bad input comes back `unrelated` with `error`. */
export function classifyHost(input: string): HostClassification {
  const cached = cache.get(input);
  if (cached) return cached;
  const out = classifyUncached(input);
  cache.set(input, out);
  return out;
}

/** parseHostInput already gives a clean host name: tldts need not extract or re-validate one */
const PRIVATE_PARSE = { allowPrivateDomains: true, extractHostname: false } as const;
const ICANN_PARSE = { extractHostname: false } as const;

function classifyUncached(input: string): HostClassification {
  const parsed = parseHostInput(String(input ?? ''));
  if (!parsed.ok) return result(String(input ?? ''), 'unrelated', [`not a host: ${parsed.error}`], { error: parsed.error });
  const { host, ascii } = parsed;
  if (isLocalHost(host)) return result(host, 'unrelated', ['local development host: belongs to no brand']);
  // one public-suffix parse with private suffixes; a second, ICANN-only, just when a private suffix matched
  const priv = parse(ascii, PRIVATE_PARSE);
  const icann = priv.isPrivate ? parse(ascii, ICANN_PARSE) : priv;
  if (icann.isIp || ascii.startsWith('[')) return result(host, 'unrelated', ['IP address: belongs to no brand']);
  if (!icann.domain || !icann.publicSuffix) return result(host, 'unrelated', ['no registrable domain under the public suffix list']);
  const icannDomain = decodeHostLabels(icann.domain);
  const icannLabel = decodeHostLabels(icann.domainWithoutSuffix ?? '');
  const suffix = icann.publicSuffix;

  const owner = officialBrandOf(icannDomain, icannLabel, suffix);
  const regDomain = decodeHostLabels(priv.domain ?? icann.domain);
  const userContent = owner?.userContentSuffixes?.includes(icannDomain) && !!priv.domain && priv.domain !== icann.domain && !priv.domain.startsWith('www.');
  if (owner && !userContent) {
    return result(host, 'official', [`${icannDomain} is an official domain of ${brandDisplayName(owner)}`], {
      brand: brandDisplayName(owner),
      brandId: owner.id,
      officialDomain: icannDomain,
    });
  }
  if (INFRA_DOMAINS.has(icannDomain)) return result(host, 'unrelated', [`${icannDomain} is known infrastructure, not a brand look-alike`]);

  const labels = host.split('.');
  const privSuffix = priv.publicSuffix ?? suffix;
  const regLabel = decodeHostLabels(priv.domainWithoutSuffix ?? icann.domainWithoutSuffix ?? '');
  const subLabels = priv.subdomain ? decodeHostLabels(priv.subdomain).split('.') : [];
  const abusedTld = ABUSED_TLDS.has(suffix) || ABUSED_TLDS.has(suffix.split('.').pop() ?? '');
  const hostedOn = privSuffix !== suffix ? ` (a site under the privately run suffix ${privSuffix})` : '';
  // cn.com, us.com, com.de: private suffixes made to look like country domains; others are hosting platforms
  const countryLike = privSuffix !== suffix && !!priv.domain && /^(?:[a-z]{2}|com|net|org|co|gov|jpn|gb)\.(?:[a-z]{2}|com|net|org)$/.test(privSuffix);
  const platform = privSuffix !== suffix && !!priv.domain && !countryLike;
  const ordinary = mentionsOrdinaryWord(host);
  const cleared = ordinary ? wordsInOrdinarySense([...subLabels, regLabel].join('.')) : NO_WORDS;

  // 1. a hyphen right after an official domain's TLD: paypal.com-x.top, amazon.co.jp-login.xyz
  for (let k = 1; k < labels.length; k++) {
    const label = labels[k] ?? '';
    const dash = label.indexOf('-');
    if (dash <= 0) continue;
    const head = label.slice(0, dash);
    for (let span = 1; span <= 2 && k - span >= 0; span++) {
      const candidate = [...labels.slice(k - span, k), head].join('.');
      const brand = isOfficialDomainString(candidate);
      if (brand) {
        const entry = { label: candidate, skel: skeletonOf(candidate), brand, domain: candidate, weak: false, common: false, substring: false, typo: false, pinyin: false };
        return lookalike(host, { entry, technique: 'tld-hyphen', diff: `"${candidate}-…": a hyphen after the TLD, so the domain is ${regDomain}`, officialDomain: candidate, reasons: [`the host starts like ${candidate} but a hyphen follows its TLD`] }, regDomain);
      }
    }
  }

  // 2. an official domain (or a look-alike of one) used as a subdomain: alipay.com.evil.cn, amaozon.co.jp.x.cn
  for (let i = 0; i < subLabels.length; i++) {
    let near: Hit | undefined | null = null; // worked out once per label, when first needed
    for (let span = Math.min(3, subLabels.length - i); span >= 2; span--) {
      const candidate = subLabels.slice(i, i + span).join('.');
      const brand = isOfficialDomainString(candidate);
      if (brand) {
        const entry = { label: candidate, skel: skeletonOf(candidate), brand, domain: candidate, weak: false, common: false, substring: false, typo: false, pinyin: false };
        return lookalike(host, { entry, technique: 'subdomain-embedding', diff: `"${candidate}" is only a subdomain of ${regDomain}`, officialDomain: candidate, reasons: [`the official domain ${candidate} appears as a subdomain of another domain`] }, regDomain);
      }
      const first = subLabels[i] ?? '';
      const rest = subLabels.slice(i + 1, i + span).join('.');
      if (near === null) near = skeletonHit(first, 3) ?? typoHit(first, true);
      if (near && rest && isOfficialDomainString(`${near.entry.label}.${rest}`)) {
        const officialDomain = `${near.entry.label}.${rest}`;
        return lookalike(host, { ...near, technique: near.technique === 'typo' ? 'typo' : near.technique, officialDomain, reasons: [...near.reasons, `"${first}.${rest}" imitates ${officialDomain} as a subdomain of ${regDomain}`] }, regDomain);
      }
    }
  }

  // 3. flattened hosts: pay-weixin-qq.com (pay.weixin.qq.com), www-alipay-com.xyz, my-jcb-co-jp.x.com
  for (const label of [regLabel, ...subLabels]) {
    if (!label.includes('-')) continue;
    const parts = label.split('-').filter(Boolean);
    if (label === regLabel && parts.length >= 2) {
      const dotted = `${parts.join('.')}.${privSuffix}`;
      const lastLabel = parts[parts.length - 1] ?? '';
      const domain = `${lastLabel}.${privSuffix}`;
      const brand = ENTRY_BY_LABEL.has(lastLabel) ? isOfficialDomainString(domain) : undefined;
      if (brand && domain !== regDomain) {
        const entry = { label: dotted, skel: skeletonOf(dotted), brand, domain, weak: false, common: false, substring: false, typo: false, pinyin: false };
        return lookalike(host, { entry, technique: 'flattened-host', diff: `"${label}.${privSuffix}" → "${dotted}" (dots replaced by hyphens)`, officialDomain: domain, reasons: [`"${regDomain}" is ${dotted} with its dots turned into hyphens`] }, regDomain);
      }
    }
    for (let i = 0; i < parts.length; i++) {
      for (let span = 2; span <= 3 && i + span <= parts.length; span++) {
        const candidate = parts.slice(i, i + span).join('.');
        const brand = isOfficialDomainString(candidate);
        // apple-id is a keyword combo, not apple.id: a country TLD that is also a keyword needs an explicit listing
        if (brand && !OFFICIAL_DOMAINS.has(candidate) && span === 2 && PHISHING_KEYWORDS.has(parts[i + 1] ?? '')) continue;
        if (brand) {
          const entry = { label: candidate, skel: skeletonOf(candidate), brand, domain: candidate, weak: false, common: false, substring: false, typo: false, pinyin: false };
          return lookalike(host, { entry, technique: 'flattened-host', diff: `"${parts.slice(i, i + span).join('-')}" → "${candidate}" (dots replaced by hyphens)`, officialDomain: candidate, reasons: [`the label "${label}" spells ${candidate} with hyphens instead of dots`] }, regDomain);
        }
      }
    }
  }

  // 4. (registrableHit) the registrable label: exact brand name on a fake or foreign suffix, homoglyphs, typos, combos.
  // A function of the registrable domain (and of the ordinary words the host clears): cached per domain,
  // so the hosts of one site (img1.shop.com, img2.shop.com …) are looked at once.
  if (regLabel) {
    const key = cleared.size ? `${regDomain}|${[...cleared].join(',')}` : regDomain;
    let found = regCache.get(key);
    if (found === undefined) {
      found = registrableHit({ regLabel, regDomain, privSuffix, suffix, platform, countryLike, abusedTld, hostedOn, cleared }) ?? null;
      regCache.set(key, found);
    }
    if (found) return lookalike(host, found.hit, regDomain, found.extra);
  }

  // 5. a brand name in a subdomain of an unrelated domain: paypal.secure-login.xyz, apple-id.x.com
  for (const label of subLabels) {
    if (!label || label === 'www') continue;
    const exact = ENTRY_BY_LABEL.get(label);
    const suspiciousParent = abusedTld || platform || /\d{3}/.test(regLabel);
    if (exact && (!exact.weak || (brandTokenIsWeak(exact) && label.length >= 3 && (!exact.common || (suspiciousParent && !cleared.has(label)))))) {
      return lookalike(host, { entry: exact, technique: 'subdomain-embedding', diff: `"${label}." is only a subdomain of ${regDomain}`, reasons: [`the brand name "${label}" is used as a subdomain of an unrelated domain`] }, regDomain);
    }
    const hit = skeletonHit(label, 4) ?? comboHit(label, { where: 'subdomain', abusedTld, hosted: platform, cleared }) ?? (label.length >= 6 ? typoHit(label) : undefined);
    if (hit) {
      return lookalike(host, { ...hit, technique: hit.technique === 'brand-keyword' || hit.technique === 'brand-in-label' ? 'subdomain-embedding' : hit.technique, reasons: [...hit.reasons, `in a subdomain of ${regDomain}`] }, regDomain);
    }
  }

  // 6. an ordinary brand word (apple, visa) with evidence around it: apple.cloudipilnc.com, appledg.com, 24x7applehelpline.netlify.app
  const venue = !ordinary ? undefined : abusedTld ? `on the cheap TLD .${suffix}` : platform && !ORG_PLATFORMS.has(privSuffix) ? `on the hosting platform ${privSuffix}` : countryLike ? `under ${privSuffix}, a private suffix that looks like a country domain` : undefined;
  const word = ordinary ? ordinaryWordHit(host, { subLabels, regLabel, ...(venue ? { venue } : {}) }) : undefined;
  if (word) {
    const entry = ENTRY_BY_LABEL.get(word.word);
    if (entry) {
      const technique: Technique = word.where === 'subdomain' ? 'subdomain-embedding' : word.keyword ? 'brand-keyword' : 'brand-in-label';
      return lookalike(host, { entry, technique, diff: `"${word.label}": ${word.evidence[0] ?? word.word}`, reasons: [`the brand word "${word.word}" appears in "${word.label}" with ${word.evidence.join('; ')}`] }, regDomain);
    }
  }

  return result(host, 'unrelated', [`${regDomain} is not a registered brand domain and does not imitate one`]);
}

/** True when the host belongs to a registered brand's official domains. */
export function isOfficialHost(host: string): boolean {
  return classifyHost(host).verdict === 'official';
}
