/**
 * The in-page half of the browser benchmark, bundled by esbuild into an IIFE from the very source
 * files the content script is built from (src/page/extract, src/engine/session, src/rules/compile).
 * It installs `window.__ssBench`; bench/browser.ts drives it through page.evaluate.
 *
 * Each measurement reads the live DOM of the page it runs in:
 * - floor: a bare TreeWalker pass over the text nodes of <body>, reading each node's data;
 * - scan: what the content script does for a full scan — createExtractor(body).step() with
 *   putSegment for every segment (extract and match timed apart), then the page facts from the
 *   elements the walk collected (+ <head>), synthetic segments and session.finish with the
 *   visibility check (finish);
 * - naive: document.body.innerText, then one RegExp ('giu') per rule per pattern over it;
 * - rescan: after new cards were appended, what the content script does on that mutation — extract
 *   each new block root, putSegment its segments, merge the fact elements found, facts and finish.
 */
import { compileRules, type CompiledRules } from '../../src/rules/compile';
import type { MatchRule } from '../../src/rules/match-rule';
import { createExtractor } from '../../src/page/extract';
import { createFactCache, emptyFactElements, factElements, factsFromElements, mergeFactElements, pruneFactElements, syntheticSegments, type FactCache, type FactElements } from '../../src/page/facts';
import { createScanSession, type ScanSession } from '../../src/engine/session';

export interface ScanTimes {
  extract: number;
  match: number;
  finish: number;
  total: number;
  segments: number;
  findings: number;
}

export interface FloorTimes {
  ms: number;
  nodes: number;
  chars: number;
}

export interface NaiveTimes {
  /** reading document.body.innerText */
  innerText: number;
  /** running every regex over it */
  regex: number;
  total: number;
  matches: number;
  regexes: number;
  chars: number;
}

export interface RescanTimes {
  /** extracting the new block roots (TreeWalker over the new cards) */
  extract: number;
  /** session.putSegment for the new segments */
  match: number;
  /** the page facts (from the fact elements collected so far) + synthetic segments + session.finish over the whole page */
  finish: number;
  total: number;
  /** putSegment + finish alone (without re-reading page facts) */
  sessionOnly: number;
  newSegments: number;
  segments: number;
}

const FIRST_TEXT_KEY = 1000; // as src/messaging/protocol.ts: keys below are synthetic segments

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The naive matcher: one RegExp per phrase and per regex source of every rule, flags 'giu'. */
export function naiveRegexes(rules: readonly MatchRule[]): RegExp[] {
  const out: RegExp[] = [];
  for (const rule of rules) {
    for (const p of rule.patterns.phrases) out.push(new RegExp(escapeRegExp(p), 'giu'));
    for (const r of rule.patterns.regexes) out.push(new RegExp(r.source, 'giu'));
  }
  return out;
}

/** as src/content/scanner.ts: a segment seen visible once (in one scan session) is not asked again */
function isVisible(el: Element | null | undefined, seenVisible: WeakSet<Element>): boolean {
  if (el && seenVisible.has(el)) return true;
  const visible = checkVisible(el);
  if (visible && el) seenVisible.add(el);
  return visible;
}

function checkVisible(el: Element | null | undefined): boolean {
  if (!el) return true;
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return check ? check.call(el, { visibilityProperty: true, opacityProperty: false }) : true;
}

interface State {
  rules: MatchRule[];
  compiled: CompiledRules;
  naive: RegExp[];
  /** the incremental session of the rescan benchmark */
  session: ScanSession | null;
  parentOf: Map<number, Element | null>;
  facts: Facts;
  nextKey: number;
}

let state: State | null = null;

function need(): State {
  if (!state) throw new Error('__ssBench.setup(rules) was not called');
  return state;
}

/** The page's facts as the content script reads them: what the extraction passes found, plus <head>. */
interface Facts {
  elements: FactElements;
  seen: Set<Element>;
  cache: FactCache;
  seenVisible: WeakSet<Element>;
}
const newFacts = (): Facts => ({ elements: emptyFactElements(), seen: new Set(), cache: createFactCache(), seenVisible: new WeakSet() });

function readFacts(f: Facts) {
  pruneFactElements(f.elements, f.seen);
  if (document.head) mergeFactElements(f.elements, f.seen, factElements(document.head));
  return { ...factsFromElements(document, f.elements, location.href, f.cache), truncated: false };
}

function finishSession(session: ScanSession, parentOf: Map<number, Element | null>, f: Facts) {
  const facts = readFacts(f);
  syntheticSegments(facts, f.elements.buttons)
    .slice(0, FIRST_TEXT_KEY)
    .forEach((seg, i) => session.putSegment(i, seg));
  return session.finish(facts, { isVisible: (key) => isVisible(parentOf.get(key), f.seenVisible) });
}

const api = {
  /** compiles the rules in the page (compile time is returned, not part of the scan) */
  setup(rules: MatchRule[]): { compileMs: number; patterns: number; naiveRegexes: number } {
    const t0 = performance.now();
    const compiled = compileRules(rules);
    const compileMs = performance.now() - t0;
    state = { rules, compiled, naive: naiveRegexes(rules), session: null, parentOf: new Map(), facts: newFacts(), nextKey: FIRST_TEXT_KEY };
    return { compileMs, patterns: compiled.uses.length, naiveRegexes: state.naive.length };
  },

  floor(): FloorTimes {
    const t0 = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let nodes = 0;
    let chars = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes++;
      chars += (n as Text).data.length;
    }
    return { ms: performance.now() - t0, nodes, chars };
  },

  scan(): ScanTimes {
    const { compiled } = need();
    const t0 = performance.now();
    const extractor = createExtractor(document.body, { maxNodes: Number.MAX_SAFE_INTEGER, maxChars: Number.MAX_SAFE_INTEGER, firstKey: FIRST_TEXT_KEY });
    const items = extractor.step(Number.POSITIVE_INFINITY);
    const facts = newFacts();
    mergeFactElements(facts.elements, facts.seen, extractor.facts);
    const t1 = performance.now();
    const session = createScanSession(compiled);
    const parentOf = new Map<number, Element | null>();
    for (const item of items) {
      session.putSegment(item.key, item.segment);
      parentOf.set(item.key, item.nodes[0]?.node.parentElement ?? null);
    }
    const t2 = performance.now();
    const result = finishSession(session, parentOf, facts);
    const t3 = performance.now();
    return { extract: t1 - t0, match: t2 - t1, finish: t3 - t2, total: t3 - t0, segments: items.length, findings: result.findings.length };
  },

  naive(): NaiveTimes {
    const { naive } = need();
    const t0 = performance.now();
    const text = document.body.innerText;
    const t1 = performance.now();
    let matches = 0;
    for (const re of naive) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        matches++;
        if (m[0].length === 0) re.lastIndex++;
      }
    }
    const t2 = performance.now();
    return { innerText: t1 - t0, regex: t2 - t1, total: t2 - t0, matches, regexes: naive.length, chars: text.length };
  },

  /** starts the incremental session of the rescan benchmark with a full scan of the page as it is */
  rescanStart(): { segments: number } {
    const s = need();
    s.session = createScanSession(s.compiled);
    s.parentOf = new Map();
    const extractor = createExtractor(document.body, { firstKey: FIRST_TEXT_KEY, maxNodes: Number.MAX_SAFE_INTEGER, maxChars: Number.MAX_SAFE_INTEGER });
    for (const item of extractor.step(Number.POSITIVE_INFINITY)) {
      s.session.putSegment(item.key, item.segment);
      s.parentOf.set(item.key, item.nodes[0]?.node.parentElement ?? null);
    }
    s.nextKey = extractor.nextKey;
    s.facts = newFacts();
    mergeFactElements(s.facts.elements, s.facts.seen, extractor.facts);
    finishSession(s.session, s.parentOf, s.facts);
    return { segments: s.session.segmentCount };
  },

  /** appends `html` to `selector` (not timed), then times the rescan of the new block roots */
  rescanStep(selector: string, html: string): RescanTimes {
    const s = need();
    if (!s.session) throw new Error('rescanStart() first');
    const list = document.querySelector(selector);
    if (!list) throw new Error(`no ${selector}`);
    const before = list.children.length;
    list.insertAdjacentHTML('beforeend', html);
    const roots = Array.from(list.children).slice(before);
    void document.body.offsetHeight; // layout now, so the rescan does not pay for it
    const t0 = performance.now();
    const extracted = [];
    for (const root of roots) {
      const extractor = createExtractor(root, { firstKey: s.nextKey });
      const items = extractor.step(Number.POSITIVE_INFINITY);
      s.nextKey = extractor.nextKey;
      mergeFactElements(s.facts.elements, s.facts.seen, extractor.facts);
      extracted.push(...items);
    }
    const t1 = performance.now();
    for (const item of extracted) {
      s.session.putSegment(item.key, item.segment);
      s.parentOf.set(item.key, item.nodes[0]?.node.parentElement ?? null);
    }
    const t2 = performance.now();
    finishSession(s.session, s.parentOf, s.facts);
    const t3 = performance.now();
    // the session's own part, measured apart: finish over the same facts without re-reading them
    const facts = readFacts(s.facts);
    const t4 = performance.now();
    s.session.finish(facts, { isVisible: (key) => isVisible(s.parentOf.get(key), s.facts.seenVisible) });
    const t5 = performance.now();
    return {
      extract: t1 - t0,
      match: t2 - t1,
      finish: t3 - t2,
      total: t3 - t0,
      sessionOnly: t2 - t1 + (t5 - t4),
      newSegments: extracted.length,
      segments: s.session.segmentCount,
    };
  },
};

export type SsBench = typeof api;
(globalThis as unknown as { __ssBench: SsBench }).__ssBench = api;
