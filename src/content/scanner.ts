/**
 * Keeps one page's scan session up to date: extracts text in time slices (node cap, give-up),
 * feeds segments to the engine session, drops segments whose nodes left the page, and maps a
 * finding's locator back to a DOM Range for highlighting. The walk goes through a text gate: only
 * runs of text where a rule pattern occurs become segments, plus a few runs per page-type word and
 * the first headings (see keepRun), so page type and the brand check see what they need.
 */
import type { CompiledRules } from '../rules/compile';
import { createScanSession, type AnalysisResult } from '../engine/session';
import type { ScanEnvironment } from '../engine/detect';
import { createExtractor, type ClosedRootReader, type ExtractedSegment } from '../page/extract';
import { cssPath } from '../page/css-path';
import { createVisibilityCache, hitVisible } from '../page/visibility';
import { createFactCache, emptyFactElements, factElements, factsFromElements, mergeFactElements, pruneFactElements, syntheticSegments, warmFactCache } from '../page/facts';
import type { Locator, PageSnapshot, TextSegment } from '../engine/types';
import type { Scheduler } from './scheduler';
import { FIRST_TEXT_KEY } from '../messaging/protocol';
import { createRunKeeper, createTextGate, rulesUsing } from '../engine/text-gate';

export interface SegmentNodes {
  segment: TextSegment;
  nodes: { node: Text; start: number }[];
}

export interface ScannerLimits {
  /** text nodes one extraction pass may visit */
  maxNodesPerPass: number;
  /** text nodes over the page's lifetime; past this the scanner gives up on rescans */
  maxNodesTotal: number;
  /** busy milliseconds over the page's lifetime; past this the scanner gives up */
  maxBusyMs: number;
}

/**
 * The busy-time budget is what keeps a hostile page from costing more; the node caps are a backstop.
 * A pass reads up to 100,000 text nodes: the bench's 2,000-card listing has 52,025, and with a cap of
 * 20,000 the extension read only its first 770 cards — its score came from 40 % of the page, with
 * nothing said (found by the bench's page loads, 2026-12-06).
 */
export const DEFAULT_LIMITS: ScannerLimits = { maxNodesPerPass: 100_000, maxNodesTotal: 400_000, maxBusyMs: 4_000 };

export type PageFacts = Omit<PageSnapshot, 'segments'>;
type Root = Element | ShadowRoot;
export type { AnalysisResult };


export interface PageScanner {
  /**
   * extracts `root` — or several roots in one pass (the subtrees one batch of mutations touched) —
   * replacing what was known about text inside them, and the shadow roots inside them
   */
  extract(root: Root | readonly Root[]): Promise<boolean>;
  /** drops segments whose text left the page */
  sweep(): Promise<void>;
  /** elements whose fact attributes changed: read again at the next analysis (and filed, when they now are facts) */
  retouch(elements: readonly Element[]): void;
  analyze(): Promise<{ result: AnalysisResult; facts: PageFacts }>;
  /** title and heading segments, for the background's brand-impersonation check */
  leadSegments(max?: number): TextSegment[];
  locate(locator: Locator): Range | null;
  nodesSeen(): number;
  segmentCount(): number;
  truncated(): boolean;
  gaveUp(): boolean;
}

/** the roots inside the page that a walk does not enter by itself: shadow roots and frames */
export interface NestedRootHooks {
  /** told about every shadow root found, so the watcher can observe it too */
  onRoot?: (root: ShadowRoot) => void;
  /** reads closed shadow roots (src/content/closed-shadow-roots.ts); without it only open ones are read */
  readClosed?: ClosedRootReader;
  /** told about the custom elements passed without a shadow root (src/content/late-hosts.ts) */
  onRootless?: (elements: Element[]) => void;
  /** told about the frames passed (src/content/frames.ts) */
  onFrames?: (frames: Element[]) => void;
}

export function createPageScanner(
  doc: Document,
  compiled: CompiledRules,
  scheduler: Scheduler,
  limits: ScannerLimits = DEFAULT_LIMITS,
  nested: NestedRootHooks = {},
  /** detectors run in the background; only the official-host answer comes from the page config */
  env: ScanEnvironment = {},
): PageScanner {
  const session = createScanSession(compiled, env);
  const gate = createTextGate(compiled);
  const keeper = createRunKeeper();
  const keptSegments = new Map<number, readonly number[]>();
  const segments = new Map<number, SegmentNodes>();
  const keyOfNode = new WeakMap<Text, number | number[]>();
  let nextKey = FIRST_TEXT_KEY;
  let syntheticKeys: number[] = [];
  // the fact elements extraction passes found, kept up to date across rescans (no second walk)
  const factEls = emptyFactElements();
  const factSeen = new Set<Element>();
  const factCache = createFactCache();
  let nodesSeen = 0;
  let truncated = false;
  let gaveUp = false;

  const overBudget = () => {
    if (nodesSeen >= limits.maxNodesTotal || scheduler.stats.busyMs >= limits.maxBusyMs) gaveUp = true;
    return gaveUp;
  };

  const visibility = createVisibilityCache();
  // fact elements leave the page only with a removal, which the controller follows with sweep():
  // until one, analyze() need not ask thousands of links and images whether they are still there
  let factsMayBeStale = false;

  function forget(key: number) {
    if (!segments.delete(key)) return;
    keeper.release(keptSegments.get(key));
    keptSegments.delete(key);
    visibility.segments.delete(key);
    session.removeSegment(key);
  }

  const seenShadowRoots = new WeakSet<ShadowRoot>();

  /** the segments holding a text node: one, or several for the chunks of a giant node */
  function remember(node: Text, key: number) {
    const had = keyOfNode.get(node);
    const live = had === undefined ? [] : (typeof had === 'number' ? [had] : had).filter((k) => segments.has(k));
    keyOfNode.set(node, live.length ? [...live, key] : key);
  }

  /** what was known of a text node the extraction walk passes goes: it is read again */
  function forgetNode(node: Text) {
    const had = keyOfNode.get(node);
    if (had === undefined) return;
    keyOfNode.delete(node);
    if (typeof had === 'number') forget(had);
    else had.forEach(forget);
  }

  return {
    async extract(root) {
      if (overBudget()) return false;
      const roots: readonly Root[] = Array.isArray(root) ? root : [root as Root];
      const budget = Math.min(limits.maxNodesPerPass * roots.length, limits.maxNodesTotal - nodesSeen);
      // hidden text is told apart per hit (textVisible), not by reading every element's attributes;
      // what was known of the text inside the roots is forgotten as the walk passes it
      const passText = segments.size ? forgetNode : undefined;
      const extractor = createExtractor(roots, { maxNodes: budget, firstKey: nextKey, gate, keepRun: keeper.keepRun, passText, closedShadowRoot: nested.readClosed });
      let counted = 0;
      const pending: ExtractedSegment[] = [];
      let at = 0;
      const finished = await scheduler.run((deadline) => {
        // matching a segment costs more than extracting it: extract with half the slice, then
        // match segment by segment until the deadline (the rest waits for the next slice)
        if (at >= pending.length && !extractor.done) {
          pending.length = 0;
          at = 0;
          const half = performance.now() + (deadline - performance.now()) / 2;
          pending.push(...extractor.step(half));
          nodesSeen += extractor.nodesSeen - counted;
          counted = extractor.nodesSeen;
          nextKey = Math.max(nextKey, extractor.nextKey);
          if (extractor.truncated) truncated = true;
        }
        while (at < pending.length) {
          const item = pending[at++]!;
          segments.set(item.key, { segment: item.segment, nodes: item.nodes });
          if (item.keptFor) keptSegments.set(item.key, item.keptFor);
          for (const { node } of item.nodes) remember(node, item.key);
          session.putSegment(item.key, item.segment);
          if (performance.now() >= deadline) break;
        }
        if (extractor.done && extractor.truncated && nodesSeen >= limits.maxNodesTotal) gaveUp = true;
        return extractor.done && at >= pending.length;
      }, overBudget);
      if (!finished) truncated = true;
      mergeFactElements(factEls, factSeen, extractor.facts);
      // the shadow roots the walk passed: watched from now on, and extracted next
      for (const sr of extractor.shadowRoots) {
        if (!seenShadowRoots.has(sr)) {
          seenShadowRoots.add(sr);
          nested.onRoot?.(sr);
        }
      }
      if (extractor.rootlessCustomElements.length) nested.onRootless?.(extractor.rootlessCustomElements);
      if (extractor.frames.length) nested.onFrames?.(extractor.frames);
      if (extractor.shadowRoots.length) await this.extract(extractor.shadowRoots);
      return finished;
    },

    retouch(elements) {
      for (const el of elements) {
        factCache.items.delete(el);
        mergeFactElements(factEls, factSeen, factElements(el));
      }
    },

    async sweep() {
      factsMayBeStale = true;
      const keys = [...segments.keys()];
      let i = 0;
      await scheduler.run((deadline) => {
        for (; i < keys.length; i++) {
          if ((i & 63) === 0 && performance.now() > deadline) return false;
          const key = keys[i]!;
          const entry = segments.get(key);
          if (entry && !entry.nodes.every((n) => n.node.isConnected)) forget(key);
        }
        return true;
      });
    },

    async analyze() {
      const prune = factsMayBeStale;
      factsMayBeStale = false;
      if (prune) pruneFactElements(factEls, factSeen);
      if (doc.head) mergeFactElements(factEls, factSeen, factElements(doc.head));
      // the first conversion of many links and images, in slices
      await scheduler.run((deadline) => warmFactCache(doc, factEls, factCache, deadline));
      const facts: PageFacts = await scheduler.task(() => {
        if (prune) pruneFactElements(factEls, factSeen);
        const f = factsFromElements(doc, factEls, doc.location?.href ?? '', factCache);
        for (const key of syntheticKeys) session.removeSegment(key);
        syntheticKeys = [];
        syntheticSegments(f, factEls.buttons).slice(0, FIRST_TEXT_KEY).forEach((seg, i) => {
          session.putSegment(i, seg);
          syntheticKeys.push(i);
        });
        return { ...f, truncated };
      });
      await scheduler.afterRender();
      const result = await scheduler.task(() =>
        session.finish(facts, {
          textStats: gate.stats,
          presentRules: rulesUsing(compiled, keeper.overflow),
          isVisible: (key, start, end) => {
            const nodes = segments.get(key)?.nodes;
            return nodes ? hitVisible(key, nodes, start, end, visibility) : true;
          },
        }),
      );
      const memo = new Map<Element, number>(); // siblings counted once for all findings' paths
      for (const f of result.findings) {
        if (f.locator.path) continue;
        const el = segments.get(f.locator.segment)?.nodes[0]?.node.parentElement ?? null;
        if (el) f.locator.path = cssPath(el, memo);
      }
      return { result, facts };
    },

    leadSegments(max = 100) {
      const out: TextSegment[] = [];
      for (const { segment } of segments.values()) {
        if (segment.zone !== 'title' && segment.zone !== 'heading') continue;
        out.push({ text: segment.text.slice(0, 300), zone: segment.zone, path: segment.path.slice(0, 300) });
        if (out.length >= max) break;
      }
      return out;
    },

    locate(locator) {
      const entry = segments.get(locator.segment);
      if (!entry || !entry.nodes.length) return null;
      const at = (offset: number): [Text, number] => {
        let chosen = entry.nodes[0]!;
        for (const n of entry.nodes) if (n.start <= offset) chosen = n;
        return [chosen.node, Math.max(0, Math.min(offset - chosen.start, chosen.node.data.length))];
      };
      const [sNode, sOff] = at(locator.start);
      const [eNode, eOff] = at(Math.max(locator.start, locator.end - 1));
      if (!sNode.isConnected || !eNode.isConnected) return null;
      const range = doc.createRange();
      range.setStart(sNode, sOff);
      range.setEnd(eNode, Math.min(eOff + 1, eNode.data.length));
      return range;
    },

    nodesSeen: () => nodesSeen,
    segmentCount: () => segments.size,
    truncated: () => truncated,
    gaveUp: () => gaveUp,
  };
}
