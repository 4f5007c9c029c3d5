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
 * - rescan: after new cards were appended, what the content script does on that mutation — the
 *   watcher's roots for the added nodes (src/content/watcher.ts), extract them in one pass that forgets
 *   what was known of each text node it passes (as the scanner), putSegment its segments, merge the fact elements found, facts and finish;
 * - least: the parts no scan of this design can skip, each done the cheapest way there is and nothing
 *   else — one native TreeWalker over elements and text (every element must be visited: only asking
 *   it finds an open shadow root; its tag says whether its subtree is passed over, as script, style
 *   and SVG are) reading every character of the text (a rule can start at any of them), and the one selector pass that finds the fact elements (links, QR payloads, microdata).
 *   No rule is matched, no run kept, no fact read: a lower bound for scan (and, over added cards, for rescan).
 */
import { compileRules, type CompiledRules } from '../../src/rules/compile';
import { rulesFromPack, type RulesPack } from '../../src/rules/pack';
import type { MatchRule } from '../../src/rules/match-rule';
import { createExtractor, SKIP_TAGS, type ExtractedSegment } from '../../src/page/extract';
import { createFactCache, emptyFactElements, factElements, factSelector, relativeLinksLeave, factsFromElements, mergeFactElements, syntheticSegments, type FactCache, type FactElements } from '../../src/page/facts';
import { createScanSession, type ScanSession } from '../../src/engine/session';
import { rootsToRescan, worthRescanning } from '../../src/content/watcher';
import { createVisibilityCache, hitVisible, type VisibilityCache } from '../../src/page/visibility';
import { createRunKeeper, createTextGate, rulesUsing, type RunKeeper, type TextGate } from '../../src/engine/text-gate';

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

export interface LeastTimes {
  ms: number;
  elements: number;
  chars: number;
  /** elements the fact selector found */
  selected: number;
  /** a sum over every character read, so the loop cannot be optimized away */
  checksum: number;
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

/** the node after the walker's current node and its subtree (null at the end of the walker's root) */
function afterSubtree(walker: TreeWalker): Node | null {
  for (;;) {
    const next = walker.nextSibling();
    if (next) return next;
    if (!walker.parentNode()) return null;
  }
}

/** the `least` measurement over `roots` (see the header) */
function leastOver(roots: readonly Node[]): LeastTimes {
  const t0 = performance.now();
  const selector = factSelector(relativeLinksLeave(roots[0] ?? document));
  let elements = 0;
  let chars = 0;
  let selected = 0;
  let checksum = 0;
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let n = walker.nextNode();
    while (n) {
      if (n.nodeType === 3) {
        const data = (n as Text).data;
        for (let i = 0; i < data.length; i++) checksum = (checksum + data.charCodeAt(i)) | 0;
        chars += data.length;
      } else {
        elements++;
        // as the scan: script, style, SVG… are passed over whole
        if (SKIP_TAGS.has((n as Element).localName)) {
          n = afterSubtree(walker);
          continue;
        }
      }
      n = walker.nextNode();
    }
    selected += (root as ParentNode).querySelectorAll(selector).length;
  }
  return { ms: performance.now() - t0, elements, chars, selected, checksum };
}

/** appends `html` to `selector`'s element and lays the page out (not timed); returns the added nodes (cards and the text between them) */
function appendCards(selector: string, html: string): ChildNode[] {
  const list = document.querySelector(selector);
  if (!list) throw new Error(`no ${selector}`);
  const before = list.childNodes.length;
  list.insertAdjacentHTML('beforeend', html);
  void document.body.offsetHeight; // layout now, so the measurement does not pay for it
  return Array.from(list.childNodes).slice(before);
}
const notOurs = () => false;

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

interface State {
  rules: MatchRule[];
  compiled: CompiledRules;
  naive: RegExp[];
  /** the incremental session of the rescan benchmark */
  session: ScanSession | null;
  /** as the scanner: each kept segment's text nodes, and the segment of each text node */
  nodesOf: Map<number, ExtractedSegment['nodes']>;
  keyOfNode: WeakMap<Text, number>;
  facts: Facts;
  nextKey: number;
  gate: TextGate | null;
  keeper: RunKeeper;
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
  visibility: VisibilityCache;
}
const newFacts = (): Facts => ({ elements: emptyFactElements(), seen: new Set(), cache: createFactCache(), visibility: createVisibilityCache() });

/** as the scanner: fact elements are pruned only after a removal (the benchmark pages only grow) */
function readFacts(f: Facts) {
  if (document.head) mergeFactElements(f.elements, f.seen, factElements(document.head));
  return { ...factsFromElements(document, f.elements, location.href, f.cache), truncated: false };
}

/** what the scanner does with a new segment */
function putSegment(session: ScanSession, s: Pick<State, 'nodesOf' | 'keyOfNode'>, item: ExtractedSegment) {
  s.nodesOf.set(item.key, item.nodes);
  for (const { node } of item.nodes) s.keyOfNode.set(node, item.key);
  session.putSegment(item.key, item.segment);
}

/** as the scanner's analyze(): the gate's counts, the words it saw but did not keep, visibility per hit */
const finishOptions = (nodesOf: State['nodesOf'], f: Facts, gate: TextGate, keeper: RunKeeper) => ({
  textStats: gate.stats,
  presentRules: rulesUsing(need().compiled, keeper.overflow),
  isVisible: (key: number, start: number, end: number) => {
    const nodes = nodesOf.get(key);
    return nodes ? hitVisible(key, nodes, start, end, f.visibility) : true;
  },
});

function finishSession(session: ScanSession, nodesOf: State['nodesOf'], f: Facts, gate: TextGate, keeper: RunKeeper) {
  const facts = readFacts(f);
  syntheticSegments(facts, f.elements.buttons)
    .slice(0, FIRST_TEXT_KEY)
    .forEach((seg, i) => session.putSegment(i, seg));
  return session.finish(facts, finishOptions(nodesOf, f, gate, keeper));
}

const api = {
  /**
   * Gets the rules ready as the content script does — rebuilt from the background's pack — and,
   * after that (so the code both share is warm: in compile's favour), compiles them as the page
   * did before there was a pack. Neither time is part of the scan.
   */
  setup(rules: MatchRule[], pack: RulesPack): { unpackMs: number; compileMs: number; patterns: number; naiveRegexes: number } {
    const t0 = performance.now();
    const compiled = rulesFromPack(rules, pack.key, pack);
    const t1 = performance.now();
    compileRules(rules);
    const compileMs = performance.now() - t1;
    state = { rules, compiled, naive: naiveRegexes(rules), session: null, nodesOf: new Map(), keyOfNode: new WeakMap(), facts: newFacts(), nextKey: FIRST_TEXT_KEY, gate: null, keeper: createRunKeeper() };
    return { unpackMs: t1 - t0, compileMs, patterns: compiled.automaton.lengths.length, naiveRegexes: state.naive.length };
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
    // as src/content/scanner.ts: the walk through the text gate, keeping what page type needs
    const gate = createTextGate(compiled);
    const keeper = createRunKeeper();
    const extractor = createExtractor(document.body, { maxNodes: Number.MAX_SAFE_INTEGER, maxChars: Number.MAX_SAFE_INTEGER, firstKey: FIRST_TEXT_KEY, gate, keepRun: keeper.keepRun });
    const items = extractor.step(Number.POSITIVE_INFINITY);
    const facts = newFacts();
    mergeFactElements(facts.elements, facts.seen, extractor.facts);
    const t1 = performance.now();
    const session = createScanSession(compiled);
    const kept = { nodesOf: new Map(), keyOfNode: new WeakMap() };
    for (const item of items) putSegment(session, kept, item);
    const t2 = performance.now();
    const result = finishSession(session, kept.nodesOf, facts, gate, keeper);
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

  least(): LeastTimes {
    return leastOver([document.body]);
  },

  /** appends `html` to `selector` (not timed), then times `least` over the new cards: a rescan's lower bound */
  leastStep(selector: string, html: string): LeastTimes {
    return leastOver(appendCards(selector, html).filter((n) => n.nodeType === 1));
  },

  /** starts the incremental session of the rescan benchmark with a full scan of the page as it is */
  rescanStart(): { segments: number } {
    const s = need();
    s.session = createScanSession(s.compiled);
    s.nodesOf = new Map();
    s.keyOfNode = new WeakMap();
    s.gate = createTextGate(s.compiled);
    s.keeper = createRunKeeper();
    const extractor = createExtractor(document.body, { firstKey: FIRST_TEXT_KEY, maxNodes: Number.MAX_SAFE_INTEGER, maxChars: Number.MAX_SAFE_INTEGER, gate: s.gate, keepRun: s.keeper.keepRun });
    for (const item of extractor.step(Number.POSITIVE_INFINITY)) {
      putSegment(s.session, s, item);
    }
    s.nextKey = extractor.nextKey;
    s.facts = newFacts();
    mergeFactElements(s.facts.elements, s.facts.seen, extractor.facts);
    finishSession(s.session, s.nodesOf, s.facts, s.gate, s.keeper);
    return { segments: s.session.segmentCount };
  },

  /** appends `html` to `selector` (not timed), then times the rescan of the new block roots */
  rescanStep(selector: string, html: string): RescanTimes {
    const s = need();
    if (!s.session || !s.gate) throw new Error('rescanStart() first');
    const gate = s.gate;
    const added = appendCards(selector, html);
    const t0 = performance.now();
    // as the watcher: the nodes the observer queues, their blocks, outermost only
    const roots = rootsToRescan(added.filter((n) => worthRescanning(n, notOurs)), notOurs);
    // as the scanner: extract them in one pass, forgetting what was known of the text the walk passes
    const { session, nodesOf, keyOfNode } = s;
    const passText = (n: Text) => {
      const key = keyOfNode.get(n);
      if (key !== undefined && nodesOf.delete(key)) session.removeSegment(key);
    };
    const extractor = createExtractor(roots, { firstKey: s.nextKey, gate, keepRun: s.keeper.keepRun, passText });
    const extracted = extractor.step(Number.POSITIVE_INFINITY);
    s.nextKey = extractor.nextKey;
    mergeFactElements(s.facts.elements, s.facts.seen, extractor.facts);
    const t1 = performance.now();
    for (const item of extracted) {
      putSegment(s.session, s, item);
    }
    const t2 = performance.now();
    finishSession(s.session, s.nodesOf, s.facts, gate, s.keeper);
    const t3 = performance.now();
    // the session's own part, measured apart: finish over the same facts without re-reading them
    const facts = readFacts(s.facts);
    const t4 = performance.now();
    s.session.finish(facts, finishOptions(s.nodesOf, s.facts, gate, s.keeper));
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
