/**
 * A scan session holds one page's segments and their raw matches. Segments can be added and
 * removed as the page changes (only changed segments are re-matched); finish() turns the matches
 * into findings (page-level context: page type, official host, occurrences, absent rules,
 * detectors) and a score. Pure: runs in the content script, Node and tests alike.
 */
import { normalizedTextOf, normalizeText, toOriginalRange, type NormalizedText } from './normalize';
import { SIGNAL_ONLY, WORD_END, WORD_START, type CompiledRules } from '../rules/compile';
import type { Finding, PageType, TextSegment, Locale, Excerpt } from './types';
import { scoreFindings } from './score';
import { detectPageType, type PageFacts } from '../page/page-type';
import { ruleApplies, sortFindings, type ScanEnvironment } from './detect';
import type { RiskReport } from './types';
import type { TextStats } from './text-gate';

export interface AnalysisResult {
  url: string;
  pageType: PageType;
  /** the page's language as far as rule locales go ('other' for languages we have no rules for) */
  locale: Locale | 'other';
  findings: Finding[];
  report: RiskReport;
}

export interface FinishOptions {
  /**
   * Asked only about hits: is [start, end) of segment `key`'s text visible (e.g.
   * Element.checkVisibility of the text nodes' parents, in the page)?
   */
  isVisible?: (key: number, start: number, end: number) => boolean;
  /** skip page-type detection (rule examples that say what page they stand on) */
  pageType?: PageType;
  /**
   * The session holds only the segments a text gate kept (src/engine/text-gate.ts): the language
   * and the CJK share come from the gate's counts of all the text instead.
   */
  textStats?: TextStats;
  /** rules known to have their words on the page outside the session's segments: absent rules stay silent */
  presentRules?: ReadonlySet<number>;
}

export interface ScanSession {
  putSegment(key: number, segment: TextSegment): void;
  removeSegment(key: number): void;
  readonly segmentCount: number;
  finish(facts: PageFacts, options?: FinishOptions): AnalysisResult;
}

interface Hit {
  rule: number;
  start: number;
  end: number;
}

interface Entry {
  segment: TextSegment;
  normalized: string;
  hits: Hit[];
}

/** characters of normalized text around an anchor in which the anchor's regex is run */
const REGEX_WINDOW = 120;
/** matches of one rule kept per segment (the rest are not looked for) */
const MAX_HITS_PER_RULE_SEGMENT = 20;
const EXCERPT_CONTEXT = 32;
/** regex evaluations of one regex per segment (hostile pages repeat anchors) */
const MAX_REGEX_RUNS_PER_SEGMENT = 200;

const isWordChar = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);

/** Per-segment bookkeeping, created only for segments where the automaton found something. */
interface MatchState {
  perRule: Map<number, number>;
  seenStarts: Set<number>;
  regexRuns: Map<number, number>;
}

const NO_HITS: Hit[] = [];

function matchSegment(compiled: CompiledRules, segment: TextSegment): Entry {
  const text = normalizedTextOf(segment.text);
  // the offset map, made on the first hit only
  let norm: NormalizedText | null = null;
  let hits: Hit[] = NO_HITS;
  // most segments of a page match nothing: allocate the bookkeeping on the first candidate
  let state: MatchState | null = null;

  const accept = (st: MatchState, ruleIndex: number, s: number, e: number) => {
    const cr = compiled.rules[ruleIndex]!;
    const n = st.perRule.get(ruleIndex) ?? 0;
    if (n >= MAX_HITS_PER_RULE_SEGMENT) return;
    const key = ruleIndex * 1e7 + s;
    if (st.seenStarts.has(key)) return;
    if (cr.exceptions.length || cr.nearby.length) {
      const w = cr.rule.context.window;
      const region = text.slice(Math.max(0, s - w), Math.min(text.length, e + w));
      if (cr.exceptions.some((x) => region.includes(x))) return;
      if (cr.nearby.length && !cr.nearby.some((x) => region.includes(x))) return;
    }
    st.seenStarts.add(key);
    st.perRule.set(ruleIndex, n + 1);
    const range = toOriginalRange((norm ??= normalizeText(segment.text)), s, e);
    if (hits === NO_HITS) hits = [];
    hits.push({ rule: ruleIndex, start: range.start, end: range.end });
  };

  const uses = compiled.uses;
  compiled.automaton.scan(text, (pattern, s, e) => {
    const first = uses.start[pattern]!;
    const end = uses.start[pattern + 1]!;
    // a page-type word, or a word only the text gate asks about
    if (compiled.patternKind[pattern] === SIGNAL_ONLY || first === end) return;
    const st = (state ??= { perRule: new Map(), seenStarts: new Set(), regexRuns: new Map() });
    for (let u = first; u < end; u++) {
      const rule = uses.rule[u]!;
      if (rule < 0) continue;
      const cr = compiled.rules[rule]!;
      const zones = cr.rule.context.zones;
      if (zones && !zones.includes(segment.zone)) continue;
      if ((st.perRule.get(rule) ?? 0) >= MAX_HITS_PER_RULE_SEGMENT) continue;
      const regexIndex = uses.regex[u]!;
      if (regexIndex < 0) {
        const flags = uses.flags[u]!;
        if (flags & WORD_START && s > 0 && isWordChar(text.charCodeAt(s - 1))) continue;
        if (flags & WORD_END && e < text.length && isWordChar(text.charCodeAt(e))) continue;
        accept(st, rule, s, e);
        continue;
      }
      const runKey = rule * 1000 + regexIndex;
      const runs = st.regexRuns.get(runKey) ?? 0;
      if (runs >= MAX_REGEX_RUNS_PER_SEGMENT) continue;
      st.regexRuns.set(runKey, runs + 1);
      const from = Math.max(0, s - REGEX_WINDOW);
      const window = text.slice(from, Math.min(text.length, e + REGEX_WINDOW));
      const regex = cr.regex(regexIndex);
      regex.lastIndex = 0;
      // every match contains an anchor, so the matches that contain this anchor are all we need
      for (let m = regex.exec(window); m !== null && from + m.index <= s; m = regex.exec(window)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        const ms = from + m.index;
        if (ms + m[0].length >= e) accept(st, rule, ms, ms + m[0].length);
      }
    }
  });
  return { segment, normalized: text, hits };
}

function excerptOf(text: string, start: number, end: number): Excerpt {
  const clean = (s: string) => s.replace(/\s+/g, ' ');
  return {
    before: clean(text.slice(Math.max(0, start - EXCERPT_CONTEXT), start)).trimStart(),
    match: clean(text.slice(start, end)),
    after: clean(text.slice(end, end + EXCERPT_CONTEXT)).trimEnd(),
  };
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return '';
  }
}

/** The page's language for rule locales: the lang attribute, else the share of CJK characters. */
export function pageLocale(lang: string, counts: { letters: number; lettersCjk: number }): Locale | 'other' {
  const l = lang.toLowerCase().trim();
  if (l.startsWith('zh')) return 'zh';
  if (l.startsWith('en')) return 'en';
  if (/^[a-z]{2,3}\b/.test(l)) return 'other';
  return counts.letters > 0 && counts.lettersCjk / counts.letters > 0.1 ? 'zh' : 'en';
}

/** CJK ideographs among the first 5,000 letters (code > 0x40) of the texts. */
export function letterCounts(normalized: readonly string[]): { letters: number; lettersCjk: number } {
  let lettersCjk = 0;
  let letters = 0;
  for (const text of normalized) {
    for (let i = 0; i < text.length && letters < 5000; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x40) {
        letters++;
        if (c >= 0x4e00 && c <= 0x9fff) lettersCjk++;
      }
    }
    if (letters >= 5000) break;
  }
  return { letters, lettersCjk };
}

/** Index of the first element of ascending `xs` that is ≥ `x`. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `env` brings the detector runner and the official-host check; without it (the content script) detector
 * rules are left to the background and no host counts as official.
 */
export function createScanSession(compiled: CompiledRules, env: ScanEnvironment = {}): ScanSession {
  const entries = new Map<number, Entry>();
  // kept up to date on every change, so finish() (which runs after every rescan) need not rebuild
  // them: the keys in ascending order, their segments and normalized texts at the same index, and
  // the keys of the (few) segments that matched something
  const sortedKeys: number[] = [];
  const segmentList: TextSegment[] = [];
  const normalizedList: string[] = [];
  const keysWithHits = new Set<number>();
  // page type reads the whole page's text: decided again only when the facts it rests on changed
  // or the text grew or shrank by half since (an infinite-scroll step adds a few percent)
  let typeCache: { signature: string; segments: number; pageType: PageType } | null = null;
  const pageTypeOf = (facts: PageFacts, stats: TextStats | undefined): PageType => {
    const fields = facts.looseFields.length + facts.forms.reduce((n, f) => n + f.fields.length, 0);
    const signature = JSON.stringify([facts.url, facts.title, facts.forms.length, fields, facts.structuredTypes, facts.meta['og:type'] ?? '', Math.round(Math.log2(1 + facts.articleChars))]);
    const n = segmentList.length;
    if (typeCache && typeCache.signature === signature && n <= typeCache.segments * 1.5 && n >= typeCache.segments / 1.5) return typeCache.pageType;
    const pageType = detectPageType(facts, segmentList, normalizedList, stats?.sampleChars ? stats.sampleCjk / stats.sampleChars : undefined);
    typeCache = { signature, segments: n, pageType };
    return pageType;
  };
  return {
    putSegment(key, segment) {
      const entry = matchSegment(compiled, segment);
      if (!entries.has(key)) {
        const n = sortedKeys.length;
        if (n === 0 || key > sortedKeys[n - 1]!) {
          sortedKeys.push(key);
          segmentList.push(entry.segment);
          normalizedList.push(entry.normalized);
        } else {
          const i = lowerBound(sortedKeys, key);
          sortedKeys.splice(i, 0, key);
          segmentList.splice(i, 0, entry.segment);
          normalizedList.splice(i, 0, entry.normalized);
        }
      } else {
        const i = lowerBound(sortedKeys, key);
        segmentList[i] = entry.segment;
        normalizedList[i] = entry.normalized;
      }
      entries.set(key, entry);
      if (entry.hits.length) keysWithHits.add(key);
      else keysWithHits.delete(key);
    },
    removeSegment(key) {
      if (!entries.delete(key)) return;
      const i = lowerBound(sortedKeys, key);
      sortedKeys.splice(i, 1);
      segmentList.splice(i, 1);
      normalizedList.splice(i, 1);
      keysWithHits.delete(key);
    },
    get segmentCount() {
      return entries.size;
    },
    finish(facts, options = {}) {
      const keys = sortedKeys;
      const segments = segmentList;
      const normalized = normalizedList;
      const first = new Map<number, { key: number; hit: Hit; segment: TextSegment }>();
      const counts = new Map<number, number>();
      for (const key of [...keysWithHits].sort((x, y) => x - y)) {
        const entry = entries.get(key)!;
        for (const hit of entry.hits) {
          if (options.isVisible && !options.isVisible(key, hit.start, hit.end)) continue;
          counts.set(hit.rule, (counts.get(hit.rule) ?? 0) + 1);
          if (!first.has(hit.rule)) first.set(hit.rule, { key, hit, segment: entry.segment });
        }
      }

      const stats = options.textStats;
      const pageType = options.pageType ?? pageTypeOf(facts, stats);
      const host = hostOf(facts.url);
      const official = host !== '' && (env.isOfficialHost?.(host) ?? false);
      const locale = pageLocale(facts.lang, stats ?? letterCounts(normalized));
      const hasText = segments.length > 0 || (stats?.chars ?? 0) > 0;
      const applies = (index: number) => ruleApplies(compiled.rules[index]!.rule, pageType, official);

      const findings: Finding[] = [];
      for (const [index, at] of first) {
        const rule = compiled.rules[index]!.rule;
        if (rule.context.mode === 'absent' || rule.detector !== undefined) continue;
        const occurrences = counts.get(index)!;
        if (occurrences < rule.context.minOccurrences || !applies(index)) continue;
        findings.push({
          ruleId: rule.id,
          category: rule.category,
          severity: rule.severity,
          excerpt: excerptOf(at.segment.text, at.hit.start, at.hit.end),
          locator: { segment: at.key, start: at.hit.start, end: at.hit.end, path: at.segment.path },
          occurrences,
        });
      }
      for (const index of compiled.absentRules) {
        const rule = compiled.rules[index]!.rule;
        if (counts.has(index) || options.presentRules?.has(index) || locale === 'other' || !rule.locales.includes(locale) || !applies(index) || !hasText) continue;
        findings.push({
          ruleId: rule.id,
          category: rule.category,
          severity: rule.severity,
          excerpt: { before: '', match: facts.title || host, after: '' },
          locator: { segment: -1, start: 0, end: 0, path: '' },
          occurrences: 1,
        });
      }
      if (compiled.detectorRules.length && env.detect) {
        const ctx = { snapshot: { ...facts, segments }, pageType, normalized, host };
        findings.push(...env.detect(compiled, ctx, official, (i) => keys[i] ?? -1));
      }
      sortFindings(findings);
      return { url: facts.url, pageType, locale, findings, report: scoreFindings(findings) };
    },
  };
}
