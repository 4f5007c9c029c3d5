/**
 * Extraction from a DOM: visible text in segments (one per block element, joined across its
 * inline text nodes so text split over many nodes still matches), plus forms, inputs, iframes,
 * links, images, script origins and metadata. Works on a live page (content script, time-sliced
 * through createExtractor) and on a parsed document in Node (CLI, tests).
 */
import type { FormField, FormInfo, FrameInfo, ImageInfo, LinkInfo, PageSnapshot, TextSegment, Zone } from '../engine/types';

const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'object', 'embed', 'canvas', 'iframe', 'select', 'option', 'textarea', 'video', 'audio']);
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd',
  'mark', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'nobr',
]);
const ZONE_BY_TAG: Record<string, Zone> = {
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  button: 'button', form: 'form', label: 'form', nav: 'nav', footer: 'footer', header: 'nav',
};
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|content-visibility\s*:\s*hidden)/i;

/** display:none / visibility:hidden set inline; reads the parsed style where the DOM has one */
function hiddenByInlineStyle(el: Element): boolean {
  const style = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
  if (style && typeof style.display === 'string') {
    return style.display === 'none' || style.visibility === 'hidden' || style.getPropertyValue('content-visibility') === 'hidden';
  }
  const attr = el.getAttribute('style');
  return attr !== null && HIDDEN_STYLE.test(attr.slice(0, 4096));
}

interface ElementInfo {
  skip: boolean;
  block: Element;
  zone: Zone;
}

export interface ExtractedSegment {
  key: number;
  segment: TextSegment;
  /** the text nodes joined into this segment and where each starts in segment.text */
  nodes: { node: Text; start: number }[];
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
}

export interface Extractor {
  /** extracts until done or until performance.now() passes `deadline`; returns the new segments */
  step(deadline: number): ExtractedSegment[];
  readonly done: boolean;
  readonly truncated: boolean;
  readonly nextKey: number;
}

/** nth-of-type of an element among its siblings; `memo` (one per extraction) makes long sibling lists linear. */
function nthOfType(e: Element, memo?: Map<Element, number>): number {
  const tag = e.localName;
  let nth = 1;
  for (let s = e.previousElementSibling; s; s = s.previousElementSibling) {
    if (s.localName !== tag) continue;
    const known = memo?.get(s);
    if (known !== undefined) {
      nth += known;
      break;
    }
    nth++;
  }
  memo?.set(e, nth);
  return nth;
}

/**
 * A short CSS path (tag:nth-of-type chain, or #id) for reports and highlighting. Pass one `memo`
 * when computing many paths over the same document (else every path counts its siblings again).
 */
export function cssPath(el: Element | null, memo?: Map<Element, number>): string {
  const parts: string[] = [];
  for (let e = el, depth = 0; e && e.nodeType === 1 && depth < 12; e = e.parentElement, depth++) {
    const tag = e.localName;
    if (tag === 'html' || tag === 'body') break;
    if (e.id && /^[A-Za-z][\w-]{0,40}$/.test(e.id)) {
      parts.unshift(`#${e.id}`);
      break;
    }
    const nth = nthOfType(e, memo);
    parts.unshift(nth > 1 ? `${tag}:nth-of-type(${nth})` : tag);
  }
  return parts.join(' > ');
}

/**
 * Classifies elements (skipped? which block? which zone?). Text nodes come in document order, so
 * the classifier keeps the ancestor chain of the last element it classified as a stack: an element
 * is classified once, when the walk enters it, and is found again by a short search from the top
 * of the stack (no per-element cache that grows with the page). Iterative, so deep nesting cannot
 * overflow the call stack.
 */
function createClassifier(root: Node) {
  const els: Element[] = [];
  const infos: ElementInfo[] = [];
  const rootInfo = (el: Element): ElementInfo => ({ skip: false, block: el, zone: 'body' });
  const chain: Element[] = [];
  return (start: Element): ElementInfo => {
    const top = els.length - 1;
    if (top >= 0 && els[top] === start) return infos[top]!;
    chain.length = 0;
    let depth = -1; // index in the stack of the nearest known ancestor
    for (let e: Element | null = start; e; e = e.parentElement) {
      let i = els.length - 1;
      while (i >= 0 && els[i] !== e) i--;
      if (i >= 0) {
        depth = i;
        break;
      }
      chain.push(e);
      if (e === root) break;
    }
    els.length = depth + 1;
    infos.length = depth + 1;
    let info: ElementInfo | undefined = depth >= 0 ? infos[depth] : undefined;
    for (let i = chain.length - 1; i >= 0; i--) {
      const el = chain[i]!;
      const tag = el.localName;
      let next: ElementInfo;
      if (!info) next = rootInfo(el);
      else if (info.skip) next = info;
      else {
        const skip =
          SKIP_TAGS.has(tag) ||
          el.hasAttribute('hidden') ||
          el.getAttribute('aria-hidden') === 'true' ||
          hiddenByInlineStyle(el);
        next = skip
          ? { skip: true, block: el, zone: info.zone }
          : { skip: false, block: INLINE_TAGS.has(tag) ? info.block : el, zone: ZONE_BY_TAG[tag] ?? info.zone };
      }
      els.push(el);
      infos.push(next);
      info = next;
    }
    return info ?? rootInfo(start);
  };
}

export function createExtractor(root: Node, options: ExtractorOptions = {}): Extractor {
  const maxNodes = options.maxNodes ?? 200_000;
  const maxChars = options.maxChars ?? 8_000_000;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const classify = createClassifier(root.nodeType === 9 ? (root as Document).documentElement ?? root : root);
  let key = options.firstKey ?? 0;
  let done = false;
  let truncated = false;
  let nodesSeen = 0;
  let chars = 0;
  let currentBlock: Element | null = null;
  let current: ExtractedSegment | null = null;
  const pathMemo = options.paths ? new Map<Element, number>() : undefined;

  const flush = (out: ExtractedSegment[]) => {
    if (current && current.segment.text.trim()) {
      if (options.paths) current.segment.path = cssPath(currentBlock, pathMemo);
      out.push(current);
    }
    current = null;
    currentBlock = null;
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
    step(deadline) {
      const out: ExtractedSegment[] = [];
      if (done) return out;
      let n = 0;
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const parent = node.parentElement;
        const value = node.data;
        if (parent && value.length > 0) {
          const info = classify(parent);
          if (!info.skip) {
            if (info.block !== currentBlock) {
              flush(out);
              currentBlock = info.block;
              current = { key: key++, segment: { text: '', zone: info.zone, path: '' }, nodes: [] };
            }
            current!.nodes.push({ node, start: current!.segment.text.length });
            current!.segment.text += value;
            chars += value.length;
          }
        }
        nodesSeen++;
        if (nodesSeen >= maxNodes || chars >= maxChars) {
          truncated = true;
          break;
        }
        // checking the clock costs more than a node: look every 256 nodes
        if ((++n & 255) === 0 && performance.now() > deadline) {
          flush(out);
          return out;
        }
      }
      flush(out);
      done = true;
      return out;
    },
  };
}

/** URLs already resolved (rescans of a page resolve the same links again), per base; bounded */
const resolved = new Map<string, string>();
let resolvedBase = '';

function absolute(url: string | null, base: string): string {
  if (!url) return '';
  if (base !== resolvedBase || resolved.size > 10_000) {
    resolved.clear();
    resolvedBase = base;
  }
  const hit = resolved.get(url);
  if (hit !== undefined) return hit;
  let out: string;
  try {
    out = new URL(url, base).href;
  } catch {
    out = url.slice(0, 500);
  }
  resolved.set(url, out);
  return out;
}

function labelOf(el: Element, doc: Document): string {
  const aria = el.getAttribute('aria-label');
  if (aria) return aria;
  const id = el.getAttribute('id');
  if (id) {
    try {
      const label = doc.querySelector(`label[for="${id.replace(/["\\]/g, '\\$&')}"]`);
      if (label?.textContent) return label.textContent.trim();
    } catch {
      /* odd ids */
    }
  }
  const wrapping = closest(el, 'label');
  if (wrapping?.textContent) return wrapping.textContent.trim();
  return '';
}

function fieldOf(el: Element, doc: Document, memo?: Map<Element, number>): FormField {
  const tag = el.localName;
  const max = el.getAttribute('maxlength');
  return {
    type: tag === 'input' ? (el.getAttribute('type') ?? 'text').toLowerCase() : tag,
    name: el.getAttribute('name') ?? '',
    id: el.getAttribute('id') ?? '',
    placeholder: el.getAttribute('placeholder') ?? '',
    autocomplete: el.getAttribute('autocomplete') ?? '',
    label: labelOf(el, doc).slice(0, 200),
    maxLength: max !== null && /^\d+$/.test(max) ? Number(max) : null,
    path: cssPath(el, memo),
  };
}

const FIELD_SELECTOR = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image]):not([type=reset]), select, textarea';
const QR_SCHEMES = /^(?:alipays?|weixin|wxp|upwallet|unionpay|mqqapi|openapp\.jdmobile):/i;
const PAY_URL = /qr\.alipay\.com|wxp:\/\/|weixin:\/\/wxpay|pay\.weixin\.qq\.com|qr\.95516\.com/i;
const LIMIT = 2000;

function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** querySelectorAll that degrades to [] (some DOMs recurse and overflow on hostile 10,000-deep trees) */
function all(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

function closest(el: Element, selector: string): Element | null {
  try {
    return el.closest(selector);
  } catch {
    return null;
  }
}

/**
 * The first `max` elements named `tag` (that pass `keep`), in document order. A tag collection is
 * walked lazily, so a capped list costs only as far as its last element, not the whole document.
 */
function firstByTag(root: Document | Element, tag: string, max: number, keep?: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  try {
    const collection = root.getElementsByTagName(tag);
    for (let i = 0; out.length < max; i++) {
      const el = collection.item(i);
      if (!el) break;
      if (!keep || keep(el)) out.push(el);
    }
  } catch {
    /* hostile DOMs: as all() */
  }
  return out;
}

const NOT_FIELD_INPUT_TYPES = new Set(['hidden', 'submit', 'button', 'image', 'reset']);
/** the elements FIELD_SELECTOR selects, told apart without a selector */
const isField = (el: Element) => el.localName !== 'input' || !NOT_FIELD_INPUT_TYPES.has((el.getAttribute('type') ?? '').toLowerCase());

/**
 * Every element extractPageFacts reads, found in two passes over the document (one by tag, one by
 * attribute) instead of one querySelectorAll per kind: on a large page each pass costs a walk over
 * every element, and after the page changed a tag collection costs one too.
 */
const TAG_SELECTOR = 'a[href], img, form, input, select, textarea, iframe[src], frame[src], script, article, meta';
const ATTRIBUTE_SELECTOR = '[data-qr], [data-qrcode], [data-pay-url], [itemtype]';

interface FactElements {
  links: Element[];
  images: Element[];
  forms: Element[];
  fields: Element[];
  frames: Element[];
  scriptsWithSrc: Element[];
  jsonLd: Element[];
  articles: Element[];
  metas: Element[];
  qr: Element[];
  itemtypes: Element[];
}

function factElements(doc: Document): FactElements {
  const r: FactElements = { links: [], images: [], forms: [], fields: [], frames: [], scriptsWithSrc: [], jsonLd: [], articles: [], metas: [], qr: [], itemtypes: [] };
  for (const el of all(doc, TAG_SELECTOR)) {
    switch (el.localName) {
      case 'a':
        if (r.links.length < LIMIT) r.links.push(el);
        break;
      case 'img':
        if (r.images.length < LIMIT) r.images.push(el);
        break;
      case 'form':
        if (r.forms.length < 100) r.forms.push(el);
        break;
      case 'input':
      case 'select':
      case 'textarea':
        if (isField(el)) r.fields.push(el);
        break;
      case 'iframe':
      case 'frame':
        r.frames.push(el);
        break;
      case 'script':
        if (el.hasAttribute('src')) r.scriptsWithSrc.push(el);
        if ((el.getAttribute('type') ?? '').toLowerCase() === 'application/ld+json') r.jsonLd.push(el);
        break;
      case 'article':
        if (r.articles.length < 20) r.articles.push(el);
        break;
      case 'meta':
        if (r.metas.length < 200) r.metas.push(el);
        break;
    }
  }
  for (const el of all(doc, ATTRIBUTE_SELECTOR)) {
    if (el.hasAttribute('data-qr') || el.hasAttribute('data-qrcode') || el.hasAttribute('data-pay-url')) r.qr.push(el);
    if (el.hasAttribute('itemtype')) r.itemtypes.push(el);
  }
  return r;
}

function structuredTypes(rare: FactElements): string[] {
  const types = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (depth > 6 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.slice(0, 50).forEach((n) => visit(n, depth + 1));
    const t = (node as Record<string, unknown>)['@type'];
    for (const v of Array.isArray(t) ? t : [t]) if (typeof v === 'string') types.add(v.slice(0, 60));
    const graph = (node as Record<string, unknown>)['@graph'];
    if (graph) visit(graph, depth + 1);
  };
  for (const script of rare.jsonLd.slice(0, 20)) {
    try {
      visit(JSON.parse((script.textContent ?? '').slice(0, 200_000)), 0);
    } catch {
      /* broken JSON-LD is common */
    }
  }
  for (const el of rare.itemtypes.slice(0, 50)) {
    const t = el.getAttribute('itemtype') ?? '';
    const name = t.split('/').pop();
    if (name) types.add(name.slice(0, 60));
  }
  return [...types];
}

/** Everything but the text: forms, fields, links, frames, images, scripts, metadata. */
export function extractPageFacts(doc: Document, url = doc.location?.href ?? ''): Omit<PageSnapshot, 'segments' | 'truncated'> {
  const base = doc.baseURI || url;
  const memo = new Map<Element, number>();
  const rare = factElements(doc);
  const forms: FormInfo[] = rare.forms.map((form) => ({
    action: absolute(form.getAttribute('action') ?? '', base),
    method: (form.getAttribute('method') ?? 'get').toLowerCase(),
    path: cssPath(form, memo),
    fields: all(form, FIELD_SELECTOR).slice(0, 100).map((el) => fieldOf(el, doc, memo)),
  }));
  const looseFields = rare.fields
    .filter((el) => !closest(el, 'form'))
    .slice(0, 200)
    .map((el) => fieldOf(el, doc, memo));
  const links: LinkInfo[] = rare.links.map((a) => ({
    href: absolute(a.getAttribute('href'), base),
    text: (a.textContent ?? '').trim().slice(0, 120),
    path: '',
  }));
  const iframes: FrameInfo[] = rare.frames.slice(0, 100).map((f) => ({ src: absolute(f.getAttribute('src'), base), path: cssPath(f, memo) }));
  const images: ImageInfo[] = rare.images
    .filter((img) => img.getAttribute('alt') || img.getAttribute('data-qr'))
    .slice(0, 500)
    .map((img) => ({ src: absolute(img.getAttribute('src'), base).slice(0, 500), alt: (img.getAttribute('alt') ?? '').slice(0, 200), path: cssPath(img, memo) }));
  const scripts = rare.scriptsWithSrc.slice(0, 300).map((s) => absolute(s.getAttribute('src'), base));
  const meta: Record<string, string> = {};
  for (const m of rare.metas) {
    const name = (m.getAttribute('name') ?? m.getAttribute('property') ?? '').toLowerCase();
    const content = m.getAttribute('content');
    if (name && content !== null && !(name in meta)) meta[name] = content.slice(0, 500);
  }
  const qrPayloads = new Set<string>();
  for (const el of rare.qr.slice(0, 50)) {
    const v = el.getAttribute('data-qr') ?? el.getAttribute('data-qrcode') ?? el.getAttribute('data-pay-url');
    if (v) qrPayloads.add(v.slice(0, 500));
  }
  for (const l of links) if (QR_SCHEMES.test(l.href) || PAY_URL.test(l.href)) qrPayloads.add(l.href);
  let articleChars = 0;
  for (const a of rare.articles.slice(0, 20)) articleChars += (a.textContent ?? '').length;
  return {
    url,
    title: attempt(() => doc.title ?? '', '').trim().slice(0, 500),
    lang: doc.documentElement?.getAttribute('lang') ?? '',
    forms,
    looseFields,
    links,
    iframes,
    images,
    scripts,
    meta,
    qrPayloads: [...qrPayloads],
    structuredTypes: structuredTypes(rare),
    articleChars,
  };
}

/** Segments for things that are not text nodes but read as text: the title, field labels, button values. */
export function syntheticSegments(facts: Omit<PageSnapshot, 'segments' | 'truncated'>, doc: Document): TextSegment[] {
  const out: TextSegment[] = [];
  if (facts.title) out.push({ text: facts.title, zone: 'title', path: 'title' });
  for (const f of [...facts.forms.flatMap((form) => form.fields), ...facts.looseFields]) {
    // labels are text nodes already; placeholders are not
    if (f.placeholder.trim()) out.push({ text: f.placeholder, zone: 'form', path: f.path });
  }
  const memo = new Map<Element, number>();
  const isButton = (el: Element) => {
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    return (type === 'submit' || type === 'button') && el.hasAttribute('value');
  };
  for (const b of firstByTag(doc, 'input', 100, isButton)) {
    out.push({ text: b.getAttribute('value') ?? '', zone: 'button', path: cssPath(b, memo) });
  }
  return out;
}

/** One-shot extraction of a whole document (Node, tests, evidence capture). */
export function extractPage(doc: Document, options: ExtractorOptions & { url?: string } = {}): PageSnapshot {
  const facts = extractPageFacts(doc, options.url);
  const extractor = createExtractor(doc.body ?? doc.documentElement ?? doc, { paths: true, ...options });
  const segments = syntheticSegments(facts, doc);
  for (const item of extractor.step(Number.POSITIVE_INFINITY)) segments.push(item.segment);
  return { ...facts, segments, truncated: extractor.truncated };
}
