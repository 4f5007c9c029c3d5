/**
 * Extraction from a DOM: visible text in segments (one per block element, joined across its
 * inline text nodes so text split over many nodes still matches); on the way, the elements page
 * facts are read from (facts.ts). Works on a live page (content script, time-sliced through
 * createExtractor) and on a parsed document in Node (CLI, tests).
 */
import type { PageSnapshot, TextSegment, Zone } from '../engine/types';
import { cssPath } from './css-path';
import type { TextGate } from '../engine/text-gate';
import { collectBySelector, collectByTag, collectSubtree, emptyFactElements, factElements, factsFromElements, FACT_TAGS, relativeLinksLeave, syntheticSegments, type FactElements } from './facts';

export { cssPath } from './css-path';
export { extractPageFacts, syntheticSegments } from './facts';

export const SKIP_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'object', 'embed', 'canvas', 'iframe', 'select', 'option', 'textarea', 'video', 'audio']);
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd',
  'mark', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'nobr',
]);
/**
 * The built-in elements attachShadow accepts (DOM standard, "valid shadow host name"); besides them
 * only custom elements (a "-" in the name) can host a shadow root, so no other element is asked for
 * one: reading el.shadowRoot on every element was a fifth of the listing's walk (issue 6).
 */
export const SHADOW_HOST_TAGS: readonly string[] = ['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span'];
const ZONE_BY_TAG: Record<string, Zone> = {
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  button: 'button', form: 'form', label: 'form', nav: 'nav', footer: 'footer', header: 'nav',
};
/** text nodes longer than this are cut into runs of this length (hostile pages: one 20 MB node) */
const GIANT = 1 << 16;
const OVERLAP = 256;
const FACT = 1;
const SKIP = 2;
const INLINE = 4;
const ZONED = 8;
const HOST = 16;
/** what the walk needs to know about a tag, in one lookup (unknown tags: a block, nothing else) */
const TAG_KIND = new Map<string, number>();
const mark = (tags: Iterable<string>, bit: number) => {
  for (const t of tags) TAG_KIND.set(t, (TAG_KIND.get(t) ?? 0) | bit);
};
mark(FACT_TAGS, FACT);
mark(SKIP_TAGS, SKIP);
mark(INLINE_TAGS, INLINE);
mark(Object.keys(ZONE_BY_TAG), ZONED);
mark(SHADOW_HOST_TAGS, HOST);

/** Whitespace only, as JavaScript's \s sees it (the "\n" and indentation between tags: half the text nodes of a listing)? */
export function blank(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c < 0xa0) return false;
    if (!(c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)) return false;
  }
  return true;
}
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|content-visibility\s*:\s*hidden)/i;

const ZONED_SELECTOR = Object.keys(ZONE_BY_TAG).join(',');

/**
 * The zone a root's text is in: that of its nearest zoned ancestor-or-self (a <p> added to a <form>
 * is in the form). One native closest(), however deep a hostile page nests the root.
 */
function zoneAt(root: Node): Zone {
  const zoned = root.nodeType === 1 ? (root as Element).closest(ZONED_SELECTOR) : null;
  return zoned ? ZONE_BY_TAG[zoned.localName]! : 'body';
}

/**
 * Hidden by the page's own markup: the hidden attribute, aria-hidden="true", display:none /
 * visibility:hidden set inline. An inline style is read through the parsed `el.style` (no regex
 * backtracking on huge hostile attributes), and only when its text mentions none/hidden at all.
 */
export function hiddenByMarkup(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden')?.toLowerCase() === 'true') return true;
  const attr = el.getAttribute('style');
  if (attr === null || !MAY_HIDE.test(attr)) return false;
  const style = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
  if (style && typeof style.display === 'string') {
    return style.display === 'none' || style.visibility === 'hidden' || style.getPropertyValue('content-visibility') === 'hidden';
  }
  return HIDDEN_STYLE.test(attr.slice(0, 4096));
}
const MAY_HIDE = /none|hidden/i;

export interface ExtractedSegment {
  key: number;
  segment: TextSegment;
  /** the text nodes joined into this segment and where each starts in segment.text */
  nodes: { node: Text; start: number }[];
  /** what keepRun answered when it (not the gate) kept this run */
  keptFor?: readonly number[];
}

export interface ExtractorOptions {
  /** stop after this many text nodes (the snapshot is then marked truncated) */
  maxNodes?: number;
  /** stop after this many characters of text */
  maxChars?: number;
  /** compute a CSS path for every segment (costly; the content script computes paths on demand) */
  paths?: boolean;
  /** first key to hand out (keys keep growing across rescans of one page) */
  firstKey?: number;
  /**
   * Materialize only the runs of text this gate opens (the content script): a run where no rule
   * pattern occurs cannot match, so it never becomes a string. Without a gate every run is a segment.
   */
  gate?: TextGate;
  /**
   * Asked about a run the gate did not open: keep it anyway (page-type words, the first headings)?
   * null drops it; otherwise the answer travels with the segment (ExtractedSegment.keptFor).
   */
  keepRun?: (zone: Zone, runChars: number, signals: readonly number[]) => readonly number[] | null;
  /**
   * Skips the subtrees of the elements (with attributes) this says are hidden: extractPage passes
   * hiddenByMarkup (hidden, aria-hidden, inline display:none). The content script passes none: it
   * asks the live layout about each hit instead (page/visibility.ts), which costs one check per hit
   * rather than three attribute reads per element (and keeps this code out of its bundle).
   */
  hidden?: (el: Element) => boolean;
  /**
   * Told about every text node the walk passes, once (the scanner forgets what it knew of the text
   * inside the roots on the way: one walk per rescan, not a second one before it).
   */
  passText?: (node: Text) => void;
  /**
   * Reads a closed shadow root (the content script: src/content/closed-shadow-roots.ts). Asked only
   * of custom elements and of empty host-capable elements without an open root: a closed root on
   * an element with light children is not looked for (each question costs ~1.2 µs in Chrome).
   */
  closedShadowRoot?: ClosedRootReader;
}

/** an element's shadow root, open or closed, or null (and null for our own UI's roots) */
export type ClosedRootReader = (el: Element) => ShadowRoot | null;

export interface Extractor {
  /** extracts until done or until performance.now() passes `deadline`; returns the new segments */
  step(deadline: number): ExtractedSegment[];
  readonly done: boolean;
  readonly truncated: boolean;
  readonly nextKey: number;
  /** the fact elements the walk passed (those of hidden subtrees are not entered) */
  readonly facts: FactElements;
  /** shadow roots of the elements the walk passed, open ones and those closedShadowRoot gave (their content is another root to extract) */
  readonly shadowRoots: ShadowRoot[];
  /** custom elements passed without a shadow root: one may come when the page defines the element later */
  readonly rootlessCustomElements: Element[];
  /** iframe and frame elements passed (the content script reads the documents of its own origin's) */
  readonly frames: Element[];
  /** text nodes passed (kept or not) */
  readonly nodesSeen: number;
}

/**
 * Walks the tree depth first by hand (firstChild / nextSibling, and a stack of the elements it is
 * in rather than parentNode: a page that removes them between two slices does not end the walk
 * early), keeping the block and zone of every open element: entering an element classifies it once, skipped
 * subtrees (scripts, SVG, hidden markup) are never entered, and no text node has to look up its
 * parent. In Chromium this is ~2x faster than a SHOW_TEXT TreeWalker that classifies each text
 * node's parent chain, and asking each element for its attributes (after hasAttributes()) costs
 * less than one selector pass for hidden elements, and can be sliced (issue 6). Iterative, so 10,000-deep nesting cannot overflow the stack;
 * resumable, so it runs in time slices. Given several roots (the subtrees one batch of mutations
 * touched) it walks them one after the other; a run of text never spans two roots. (A walk over
 * text nodes only was measured slower: docs/ARCHITECTURE.md.)
 */
export function createExtractor(root: Node | readonly Node[], options: ExtractorOptions = {}): Extractor {
  const maxNodes = options.maxNodes ?? 200_000;
  const maxChars = options.maxChars ?? 8_000_000;
  // several roots (the subtrees a rescan was told about) are walked one after the other by one extractor
  const tops = (Array.isArray(root) ? root : [root]).map((r: Node) => (r.nodeType === 9 ? ((r as Document).documentElement ?? r) : r));
  let at = 0;
  let top: Node | undefined = tops[0];
  const facts = emptyFactElements();
  const shadowRoots: ShadowRoot[] = [];
  const rootlessCustomElements: Element[] = [];
  const frames: Element[] = [];
  let started = false;
  // the elements entered below the root, innermost last: parents[0..depth) (climbing steps back down
  // it: no parentNode asked, which in a content script's world is a wrapper lookup per element), and
  // the block and zone at each depth: blocks[0..depth], zones[0..depth] (index 0: the root's). Stacks
  // by index, never pushed and popped: V8 trims an array's storage as pop shrinks it and regrows it on
  // push, and a walk in and out of every card of a listing did so at each card
  const parents: Node[] = [];
  const blocks: Node[] = [];
  const zones: Zone[] = [];
  let depth = 0;
  let node: Node | null = null;
  let key = options.firstKey ?? 0;
  let done = false;
  let truncated = false;
  let nodesSeen = 0;
  let chars = 0;
  let currentBlock: Node | null = null;
  let currentZone: Zone = 'body';
  // the text nodes of the current run (one block's inline text): the first runLength entries. The
  // array is never cut (setting length to 0 drops V8's backing store, and each run's first push
  // allocated a new one), so a run the gate drops costs no allocation
  const runNodes: Text[] = [];
  let runLength = 0;
  // a giant text node is cut into runs of its own (chunkStart, chunkEnd: the current one; next: where the next begins, -1 none)
  let chunkStart = 0;
  let chunkEnd = 0;
  let nextChunk = -1;
  const { gate, keepRun, passText, closedShadowRoot, hidden } = options;
  const pathMemo = options.paths ? new Map<Element, number>() : undefined;
  const relativeLeave = tops[0] ? relativeLinksLeave(tops[0]) : false;

  const flush = (out: ExtractedSegment[]) => {
    const keptFor = !gate || gate.hit || !runLength ? undefined : (keepRun?.(currentZone, gate.runChars, gate.signals) ?? null);
    if (runLength && keptFor !== null) {
      const nodes: { node: Text; start: number }[] = [];
      let text = '';
      if (chunkEnd > 0) {
        // a chunk of a giant text node: the node starts before the segment's text
        text = runNodes[0]!.data.slice(chunkStart, chunkEnd);
        nodes.push({ node: runNodes[0]!, start: -chunkStart });
      } else {
        for (let i = 0; i < runLength; i++) {
          const node = runNodes[i]!;
          nodes.push({ node, start: text.length });
          text += node.data;
        }
      }
      if (text.trim()) {
        const path = options.paths ? cssPath(currentBlock?.nodeType === 1 ? (currentBlock as Element) : null, pathMemo) : '';
        const item: ExtractedSegment = { key: key++, segment: { text, zone: currentZone, path }, nodes };
        if (keptFor) item.keptFor = keptFor;
        out.push(item);
      }
    }
    runLength = 0;
    chunkEnd = 0;
    currentBlock = null;
    gate?.reset();
  };

  /** the next node after `from` and its subtree (leaving the elements it climbs out of) */
  const after = (from: Node): Node | null => {
    let next = from.nextSibling;
    while (!next) {
      if (depth === 0) return null;
      next = parents[--depth]!.nextSibling;
    }
    return next;
  };

  /** what every element passed gives: its fact (by tag) and its shadow root (empty: it has no child) */
  const meet = (el: Element, tag: string, kind: number, empty: boolean) => {
    if (kind & FACT) {
      collectByTag(facts, el, relativeLeave, tag);
      if (tag === 'iframe' || tag === 'frame') frames.push(el);
    }
    // a custom element's name has a "-"; unknown names are kind 0
    const custom = kind === 0 && tag.includes('-');
    if (kind & HOST || custom) {
      const open = el.shadowRoot;
      if (open && open.mode === 'open') shadowRoots.push(open);
      else {
        const closed = closedShadowRoot && (custom || empty) ? closedShadowRoot(el) : null;
        if (closed) shadowRoots.push(closed);
        else if (custom) rootlessCustomElements.push(el);
      }
    }
  };

  /** starts on root `at`: fresh stacks, and its few facts found by attribute (one native selector pass); false when none is left */
  const enter = (): boolean => {
    top = tops[at];
    if (!top) {
      done = true;
      return false;
    }
    depth = 0;
    blocks[0] = top;
    zones[0] = zoneAt(top);
    // the root itself, as the walk would have met it (a rescan root is often the added element)
    node = top.firstChild;
    if (top.nodeType === 1) {
      const tag = (top as Element).localName;
      meet(top as Element, tag, TAG_KIND.get(tag) ?? 0, node === null);
    }
    if (typeof (top as ParentNode).querySelectorAll === 'function') collectBySelector(facts, top as ParentNode, relativeLeave);
    return true;
  };

  return {
    get done() {
      return done;
    },
    get truncated() {
      return truncated;
    },
    get nextKey() {
      return key;
    },
    get nodesSeen() {
      return nodesSeen;
    },
    facts,
    shadowRoots,
    rootlessCustomElements,
    frames,
    step(deadline) {
      const out: ExtractedSegment[] = [];
      if (done) return out;
      if (!started) {
        started = true;
        gate?.reset(); // a run an abandoned extraction left open
        if (!enter()) return out;
      }
      // work since the clock was last read: one per node, one per 128 characters the gate read
      let work = 0;
      for (;;) {
        if (!node) {
          // the end of a root ends its run; on to the next root
          flush(out);
          at++;
          if (!enter()) break;
          continue;
        }
        const type = node.nodeType;
        if (type === 3) {
          // (a giant node comes back here for each of its chunks: told once, before the first)
          if (passText && nextChunk < 0) passText(node as Text);
          const value = (node as Text).data;
          if (value.length > GIANT) {
            // runs of GIANT characters, overlapping by OVERLAP so no claim falls between two; the
            // clock is read after each, so one huge node cannot make one long slice
            if (nextChunk < 0) {
              flush(out);
              nextChunk = 0;
            }
            const end = Math.min(value.length, nextChunk + GIANT);
            currentBlock = blocks[depth]!;
            currentZone = zones[depth]!;
            runNodes[runLength++] = node as Text;
            chunkStart = nextChunk;
            chunkEnd = end;
            gate?.feed(value.slice(nextChunk, end));
            chars += end - nextChunk - (nextChunk > 0 ? OVERLAP : 0);
            flush(out);
            nextChunk = end < value.length && chars < maxChars ? end - OVERLAP : -1;
            if (nextChunk >= 0) {
              if (performance.now() > deadline) return out;
              continue;
            }
          } else if (value.length > 0) {
            const block = blocks[depth]!;
            // whitespace between blocks ("\n" between tags: half the text nodes of a listing) would
            // open a run of its own, dropped as empty, or only lead the next node's run: skipped
            if (block === currentBlock || !blank(value)) {
              if (block !== currentBlock) {
                flush(out);
                currentBlock = block;
                currentZone = zones[depth]!;
              }
              runNodes[runLength++] = node as Text;
              if (gate) {
                gate.feed(value);
                work += value.length >> 7;
              }
              chars += value.length;
            }
          }
          if (++nodesSeen >= maxNodes || chars >= maxChars) {
            truncated = true;
            break;
          }
        } else if (type === 1) {
          const el = node as Element;
          const tag = el.localName;
          const kind = TAG_KIND.get(tag) ?? 0;
          const child = el.firstChild;
          meet(el, tag, kind, child === null);
          if (child && !(kind & SKIP)) {
            // hasAttributes() first: most elements cannot be hidden by markup, and asking costs
            if (!hidden || !el.hasAttributes() || !hidden(el)) {
              parents[depth] = el;
              blocks[depth + 1] = kind & INLINE ? blocks[depth]! : el;
              zones[depth + 1] = kind & ZONED ? ZONE_BY_TAG[tag]! : zones[depth]!;
              depth++;
              node = child;
              continue;
            }
            // a hidden form still counts (it may be shown later by a click)
            if (el.firstElementChild) collectSubtree(facts, el, relativeLeave);
          }
        }
        node = after(node);
        // checking the clock costs more than a node: look every 256 nodes (or their worth of text)
        if (++work >= 256) {
          work = 0;
          if (performance.now() > deadline) {
            flush(out);
            return out;
          }
        }
      }
      node = null;
      flush(out);
      done = true;
      // let go of the nodes the arrays still hold past their used length
      runNodes.length = parents.length = blocks.length = zones.length = 0;
      return out;
    },
  };
}

/** One-shot extraction of a whole document (Node, tests, evidence capture). */
export function extractPage(doc: Document, options: ExtractorOptions & { url?: string } = {}): PageSnapshot {
  const elements = factElements(doc);
  const facts = factsFromElements(doc, elements, options.url);
  const extractor = createExtractor(doc.body ?? doc.documentElement ?? doc, { paths: true, hidden: hiddenByMarkup, ...options });
  const segments = syntheticSegments(facts, elements.buttons);
  for (const item of extractor.step(Number.POSITIVE_INFINITY)) segments.push(item.segment);
  return { ...facts, segments, truncated: extractor.truncated };
}
