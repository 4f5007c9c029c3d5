/**
 * Brands named with an ordinary word (apple, visa, google, stripe, wechat) are in countless honest
 * host names: pineapple.com, applebees.com, visaguide.world, apple.stackexchange.com. A host that only
 * contains the word is not a look-alike; a phishing host adds evidence around it. This module scores
 * that evidence; classifyHost calls it last, when no sharper technique matched.
 *
 * The word must stand at a word boundary (start of a label or hyphen part, or after keywords or
 * digits: myapple-, accountapple…, 24x7apple…) and not inside a dictionary word (pineapple). Then:
 *  - same label: a keyword right next to it (apple+help…, account+apple…; strong/brand-context words
 *    such as support, icloud, music → 2, other phishing words → 1), a keyword cut short (appleinf → 1),
 *    2–3 random consonants (appledg, appletp → 2), a keyword further on (apple+te+japan → 1), digits → 1;
 *  - elsewhere in the host: a label or hyphen part that is a strong or brand-context word
 *    (account.apple…, …-arcade, cl0ud → 2), another phishing word (us-, pro- → 1), a label starting
 *    with a brand-context word (cloud… → 1);
 *  - the word is a whole subdomain label or part (apple.<x>.com, visa-<x>.<y>.cn → 1);
 *  - the site sits on a cheap TLD, a hosting platform or a fake country suffix (→ 1);
 *  - the brand word is in a subdomain and the registrable name looks machine-made (appldf, zexvip,
 *    three digits in a row → 1). As the parent of a subdomain, the site's words do not count
 *    (apple.service-now.com, apple.t-mobile.com: a tenant or a section of someone's service).
 * It is a look-alike when the word is anchored (a whole label/part, or same-label evidence) and the
 * points reach 2 — unless the host also carries a word of the ordinary sense (visa + travel,
 * apple + orchard), listed per brand in the registry (tokens.otherSense).
 */
import { BRANDS, type Brand } from './registry';
import { looksRandom } from './looks-random';
import { DICTIONARY_GUARD, PHISHING_KEYWORDS } from './keywords';
import { STRONG_KEYWORD_SET, hasStrongKeyword, isKeywordRemainder } from './word-parts';

export interface OrdinaryWordInput {
  subLabels: readonly string[];
  regLabel: string;
  /** why the venue is suspicious (cheap TLD, hosting platform, fake country suffix), or undefined */
  venue?: string;
}

export interface OrdinaryWordHit {
  word: string;
  brand: Brand;
  where: 'subdomain' | 'registrable';
  /** the label (or hyphen part) that holds the word */
  label: string;
  /** same-label keyword evidence (brand + keyword) */
  keyword: boolean;
  points: number;
  evidence: string[];
}

interface Word {
  word: string;
  brand: Brand;
  context: ReadonlySet<string>;
  otherSense: readonly string[];
  /** only the brand's context words count as keywords (visa: "visa info", "visa service" are its ordinary sense) */
  contextOnly: boolean;
}

const WORDS: Word[] = BRANDS.flatMap((brand) =>
  brand.tokens.common.map((word) => ({
    word,
    brand,
    context: new Set(brand.tokens.context ?? []),
    otherSense: brand.tokens.otherSense ?? [],
    contextOnly: brand.tokens.contextOnly === true,
  })),
).sort((a, b) => b.word.length - a.word.length);

const ANY_WORD = new RegExp(WORDS.map((w) => w.word).join('|') || '(?!)');
/** Does the host contain any ordinary brand word at all? (a quick test before the others) */
export function mentionsOrdinaryWord(host: string): boolean {
  return ANY_WORD.test(host);
}

/** phishing words too ordinary to count as evidence on their own elsewhere in a host */
const MILD: ReadonlySet<string> = new Set(['www', 'web', 'app', 'apps', 'com', 'net', 'new', 'get', 'go', 'home', 'page', 'site', 'link', 'now', 'my', 'en', 'zh', 'free', 'plus', 'news', 'mail', 'email', 'live', 'co', 'inc', 'ltd', 'corp']);
const KEYWORDS_BY_LENGTH = [...new Set([...PHISHING_KEYWORDS, ...STRONG_KEYWORD_SET])].sort((a, b) => b.length - a.length);
/** proper prefixes (3+ letters) of keywords: keywords cut short (inf → info, acc → account, verif → verify) */
const KEYWORD_PREFIXES: ReadonlySet<string> = new Set(
  KEYWORDS_BY_LENGTH.filter((k) => /^[a-z]+$/.test(k)).flatMap((k) => Array.from({ length: Math.max(0, k.length - 3) }, (_, i) => k.slice(0, 3 + i))),
);
const CONSONANT_JUNK = /^[bcdfghjklmnpqrstvwxz]{2,3}$/;

function fold(s: string): string {
  return s.replace(/0/g, 'o').replace(/1/g, 'l');
}

function isStrong(w: Word, k: string): boolean {
  return w.context.has(k) || (!w.contextOnly && STRONG_KEYWORD_SET.has(k));
}
/** a phishing word that counts for this brand word */
function isKeyword(w: Word, k: string): boolean {
  return w.context.has(k) || (!w.contextOnly && PHISHING_KEYWORDS.has(k));
}

/** the longest keyword (phishing or brand context) at the start of `text` (or at its end) */
function keywordAtEdge(w: Word, text: string, atStart: boolean): string | undefined {
  if (!text) return undefined;
  let best: string | undefined;
  const consider = (k: string) => {
    if (k.length > text.length || (best && best.length >= k.length)) return;
    if (atStart ? text.startsWith(k) : text.endsWith(k)) best = k;
  };
  for (const k of w.context) consider(k);
  if (!w.contextOnly) for (const k of KEYWORDS_BY_LENGTH) {
    if (best && k.length <= best.length) break;
    consider(k);
  }
  return best;
}

interface Points {
  points: number;
  why?: string;
}

/** evidence inside the label or part that holds the word (before + word + after) */
function sameLabelEvidence(w: Word, before: string, after: string): Points {
  const rest = before + after;
  if (rest === '') return { points: 0 };
  if (isKeywordRemainder(before) && isKeywordRemainder(after)) {
    const strong = (!w.contextOnly && hasStrongKeyword(rest)) || [...w.context].some((k) => k.length >= 3 && rest.includes(k));
    if (strong || !w.contextOnly || /^\d+$/.test(rest)) return { points: strong ? 2 : 1, why: `"${w.word}" + the ${strong ? 'keyword' : /^\d+$/.test(rest) ? 'number' : 'word'} "${rest}"` };
  }
  let best: Points = { points: 0 };
  const take = (p: Points) => {
    if (p.points > best.points) best = p;
  };
  for (const [text, atStart] of [[after, true], [before, false]] as const) {
    const k = keywordAtEdge(w, text, atStart);
    if (!k || (k.length < 3 && k !== text)) continue;
    if (isStrong(w, k)) take({ points: 2, why: `"${w.word}" next to "${k}"` });
    else if (k.length >= 4) take({ points: 1, why: `"${w.word}" next to "${k}"` });
  }
  if (best.points >= 2) return best;
  if (before === '' || isKeywordRemainder(before)) {
    if (CONSONANT_JUNK.test(after)) return { points: 2, why: `"${w.word}" padded with the random letters "${after}"` };
    if (!w.contextOnly && /^[a-z]{3,5}$/.test(after) && KEYWORD_PREFIXES.has(after)) take({ points: 1, why: `"${w.word}" + a keyword cut short ("${after}…")` });
    if (/^\d+$/.test(after)) take({ points: 1, why: `"${w.word}" + the number "${after}"` });
  }
  if (best.points === 0) {
    const inner = after.length >= 5 ? ([...w.context].find((k) => k.length >= 5 && after.includes(k)) ?? (w.contextOnly ? undefined : KEYWORDS_BY_LENGTH.find((k) => k.length >= 5 && after.includes(k)))) : undefined;
    if (inner) take({ points: 1, why: `"${w.word}${after}" carries the keyword "${inner}"` });
  }
  return best;
}

/** evidence in the host's other labels and hyphen parts */
function elsewhereEvidence(w: Word, tokens: readonly string[]): Points {
  let best: Points = { points: 0 };
  for (const raw of tokens) {
    const t = fold(raw);
    if (!t || t === 'www' || t.includes(w.word)) continue;
    let p: Points = { points: 0 };
    if (isStrong(w, t) || (!w.contextOnly && isKeywordRemainder(t) && hasStrongKeyword(t) && t.length >= 3)) p = { points: 2, why: `with "${raw}" elsewhere in the host` };
    else if (isKeyword(w, t) && !MILD.has(t)) p = { points: 1, why: `with "${raw}" elsewhere in the host` };
    if (p.points > best.points) best = p;
    if (best.points >= 2) break;
  }
  return best;
}

/** Evidence that an ordinary brand word in the host is used to impersonate the brand (see the module comment). */
export function ordinaryWordHit(host: string, input: OrdinaryWordInput): OrdinaryWordHit | undefined {
  for (const w of WORDS) {
    if (!host.includes(w.word)) continue;
    const bare = [...input.subLabels, input.regLabel].join('.');
    if (w.otherSense.some((s) => bare.includes(s))) continue;
    const labels: { label: string; where: 'subdomain' | 'registrable' }[] = [
      ...(input.regLabel ? [{ label: input.regLabel, where: 'registrable' as const }] : []),
      ...input.subLabels.map((label) => ({ label, where: 'subdomain' as const })),
    ];
    let best: OrdinaryWordHit | undefined;
    for (const { label, where } of labels) {
      if (!label.includes(w.word)) continue;
      const parts = label.split(/[-_]+/).filter(Boolean);
      for (const part of parts) {
        const at = findAnchoredWord(part, w.word);
        if (at < 0) continue;
        const before = part.slice(0, at);
        const after = part.slice(at + w.word.length);
        const same = sameLabelEvidence(w, before, after);
        const exact = before === '' && after === '';
        if (!exact && same.points === 0) continue;
        const otherTokens = [
          ...parts.filter((p) => p !== part),
          ...labels.filter((l) => l.label !== label && l.where === 'subdomain').flatMap((l) => l.label.split(/[-_]+/)),
        ];
        // the site's own name, as the parent of apple.<name>.com, is not a combo: apple.service-now.com,
        // apple.t-mobile.com (a tenant or a section of someone's service); only its look counts below
        const elsewhere = elsewhereEvidence(w, otherTokens);
        const evidence: string[] = [];
        let points = same.points + elsewhere.points;
        if (same.why) evidence.push(same.why);
        if (elsewhere.why) evidence.push(elsewhere.why);
        if (where === 'subdomain' && exact) {
          points++;
          evidence.push(`"${w.word}" is a whole subdomain ${parts.length > 1 ? 'part' : 'label'}`);
        }
        if (input.venue) {
          points++;
          evidence.push(input.venue);
        }
        if (where === 'subdomain' && machineMade(input.regLabel)) {
          points++;
          evidence.push(`the registrable name "${input.regLabel}" looks machine-made`);
        }
        if (points >= 2 && (!best || points > best.points)) best = { word: w.word, brand: w.brand, where, label: part, keyword: same.points > 0, points, evidence };
      }
    }
    if (best) return best;
  }
  return undefined;
}

/** index of the word in the part at a word boundary and outside dictionary words, or -1 */
function findAnchoredWord(part: string, word: string): number {
  for (let at = part.indexOf(word); at >= 0; at = part.indexOf(word, at + 1)) {
    const before = part.slice(0, at);
    if (before !== '' && !/\d$/.test(before) && !isKeywordRemainder(before)) continue;
    if (guardedAt(part, word, at)) continue;
    return at;
  }
  return -1;
}

/**
 * Is the word at `at` inside an ordinary word of the guard list (pineapple, applebees, visas) that
 * stands as a word of its own: from a word boundary to the end of the part, a digit or keywords?
 * "appletp" is not the word "applet": what follows it is not a word boundary.
 */
function guardedAt(part: string, word: string, at: number): boolean {
  for (const dict of DICTIONARY_GUARD) {
    if (dict === word) continue;
    const k = dict.indexOf(word);
    if (k < 0 || at - k < 0) continue;
    const start = at - k;
    if (!part.startsWith(dict, start) || (start > 0 && /[a-z]/.test(part[start - 1] ?? ''))) continue;
    const tail = part.slice(start + dict.length);
    if (tail === '' || /^\d/.test(tail) || isKeywordRemainder(tail)) return true;
  }
  return false;
}

/** longer keywords are words: cut out before the pronounceability test (vfs|global, cloud|ipilnc) */
const WORDS_TO_CUT = new RegExp(KEYWORDS_BY_LENGTH.filter((k) => k.length >= 4 && /^[a-z]+$/.test(k)).join('|'), 'g');

/** a registrable name that looks generated: three digits in a row, or a short unpronounceable name without hyphens */
function machineMade(regLabel: string): boolean {
  return /\d{3}/.test(regLabel) || (!regLabel.includes('-') && regLabel.length <= 12 && looksRandom(regLabel.replace(WORDS_TO_CUT, '-')));
}

/** Ordinary brand words cleared by a word of their ordinary sense in the host (visa + travel, apple + tree). */
export function wordsInOrdinarySense(bareHost: string): ReadonlySet<string> {
  let out: Set<string> | undefined;
  for (const w of WORDS) if (bareHost.includes(w.word) && w.otherSense.some((s) => bareHost.includes(s))) (out ??= new Set()).add(w.word);
  return out ?? NONE;
}
const NONE: ReadonlySet<string> = new Set();

/** Does `text` (the rest of a label or another part) make a phishing combo with this brand's ordinary word? */
export function isBrandKeyword(brand: Brand, text: string): boolean {
  const context = brand.tokens.context ?? [];
  if (context.some((k) => (k.length >= 3 ? text.includes(k) : text === k))) return true;
  return brand.tokens.contextOnly !== true && hasStrongKeyword(text);
}
