/**
 * Page facts: everything but the text — forms, fields, links, frames, images, script origins,
 * metadata, QR payloads, structured data types. Two ways to find the elements: one selector pass
 * over a document (Node, CLI, evidence), or collected by the text extractor's walk as it passes
 * them (the content script: no second walk over the page, and rescans add only what they found).
 * `factsFromElements` turns the elements into facts; a `FactCache` lets a page that keeps
 * changing convert each link, image and frame once.
 */
import type { FormField, FormInfo, FrameInfo, ImageInfo, LinkInfo, PageSnapshot, TextSegment } from '../engine/types';
import { cssPath } from './css-path';

export type PageFactsOnly = Omit<PageSnapshot, 'segments' | 'truncated'>;

/** The elements facts are read from, by kind. */
export interface FactElements {
  links: Element[];
  images: Element[];
  forms: Element[];
  fields: Element[];
  /** <input type=submit|button value=…>: their values read as button text */
  buttons: Element[];
  frames: Element[];
  scriptsWithSrc: Element[];
  jsonLd: Element[];
  articles: Element[];
  metas: Element[];
  qr: Element[];
  itemtypes: Element[];
}

export const emptyFactElements = (): FactElements => ({
  links: [], images: [], forms: [], fields: [], buttons: [], frames: [], scriptsWithSrc: [], jsonLd: [], articles: [], metas: [], qr: [], itemtypes: [],
});

const LIMIT = 2000;
/** how many of each kind are kept */
export const FACT_CAPS: Record<keyof FactElements, number> = {
  links: LIMIT, images: LIMIT, forms: 100, fields: 1000, buttons: 100, frames: 200, scriptsWithSrc: 500, jsonLd: 20, articles: 20, metas: 200, qr: 50, itemtypes: 50,
};

/** tags collectByTag looks at (the extractor asks before calling it); links are found by selector (collectBySelector) */
export const FACT_TAGS: ReadonlySet<string> = new Set(['img', 'form', 'input', 'select', 'textarea', 'iframe', 'frame', 'script', 'article', 'meta']);
/**
 * The attributes facts are read from that a page may change after the fact (a checkout step setting
 * a form's action or a pay link's href): the content script watches them (src/content/watcher.ts).
 */
export const FACT_ATTRIBUTES: readonly string[] = ['href', 'action', 'src', 'alt', 'type', 'name', 'autocomplete', 'placeholder', 'data-qr', 'data-qrcode', 'data-pay-url'];

/**
 * Does a change of `attribute` (one of FACT_ATTRIBUTES) on `el` change a fact? Only on the elements
 * facts come from, and not an image's src: it changes as the image lazy-loads or a carousel turns.
 */
export function changesFact(el: Element, attribute: string): boolean {
  if (attribute.startsWith('data-')) return true;
  const tag = el.localName;
  if (tag === 'a') return attribute === 'href';
  if (tag === 'img') return attribute === 'alt';
  return FACT_TAGS.has(tag);
}
/** elements found by attribute rather than by tag: QR payloads, microdata */
const FACT_ATTRIBUTE_SELECTOR = '[data-qr],[data-qrcode],[data-pay-url],[itemtype]';
/**
 * Links whose href may name a host (a superset, filtered by mayLeaveSite): a ":" (a scheme), "//",
 * a backslash, or a tab or newline URL parsing drops ("/\t/host"). A listing's thousands of /item/…
 * links are never handed to script (asking each <a> of the walk for its href: 2–4 % of the listing scan).
 */
export const HOST_LINK_SELECTOR = 'a:is([href*=":"],[href*="//"],[href*="\\\\"],[href*="\\9 "],[href*="\\a "],[href*="\\d "])';

const NOT_FIELD_INPUT_TYPES = new Set(['hidden', 'submit', 'button', 'image', 'reset']);
const push = (r: FactElements, kind: keyof FactElements, el: Element) => {
  if (r[kind].length < FACT_CAPS[kind]) r[kind].push(el);
};

/** a scheme, or two slashes, after leading C0 controls and spaces */
const NAMES_HOST = /^[\u0000-\u0020]*(?:[a-z][a-z\d+.-]*:|[\\/]{2})/i;

/**
 * Does this href name a host (a scheme, or two slashes — backslashes count, URL parsing reads them
 * so)? Links are facts for the look-alike checks, which pass over links to the page's own host: a
 * relative href resolves against the page, so unless a <base> points elsewhere only links that name
 * a host are kept — a listing's thousands of /item/… links cost nothing, and cannot push an
 * off-site link past the cap.
 */
export function hrefNamesHost(href: string): boolean {
  // the common relative forms first: /path (not //, /\\, or / and a tab URL parsing drops), ?query, #fragment
  const c = href.charCodeAt(0);
  if (c === 0x23 || c === 0x3f || (c === 0x2f && !'/\\\t\n\r'.includes(href[1] ?? '/'))) return false;
  // URL parsing drops tabs and newlines anywhere ("h\ttps://…"); the scheme is near the start
  return NAMES_HOST.test(href.slice(0, 4096).replace(/[\t\n\r]/g, ''));
}

/** A link kept as a fact: one whose href names a host, or any with an href when relative links leave the site (relativeLinksLeave). */
function mayLeaveSite(a: Element, relativeLeave: boolean): boolean {
  const href = a.getAttribute('href');
  return href !== null && (relativeLeave || hrefNamesHost(href));
}

/** Do relative links of `node`'s document lead to another host (a <base> elsewhere)? Asked once per pass. */
export function relativeLinksLeave(node: Node): boolean {
  const doc = node.nodeType === 9 ? (node as Document) : node.ownerDocument;
  try {
    return !!doc && doc.baseURI !== doc.URL && new URL(doc.baseURI).host !== new URL(doc.URL).host;
  } catch {
    return false;
  }
}

/** Files one element of FACT_TAGS under its kind (relativeLeave: relativeLinksLeave of its document; tag: its localName, when the caller has it). */
export function collectByTag(r: FactElements, el: Element, relativeLeave = false, tag = el.localName): void {
  switch (tag) {
    case 'img':
      push(r, 'images', el);
      break;
    case 'form':
      push(r, 'forms', el);
      break;
    case 'input': {
      const type = (el.getAttribute('type') ?? '').toLowerCase();
      if (!NOT_FIELD_INPUT_TYPES.has(type)) push(r, 'fields', el);
      else if ((type === 'submit' || type === 'button') && el.hasAttribute('value')) push(r, 'buttons', el);
      break;
    }
    case 'select':
    case 'textarea':
      push(r, 'fields', el);
      break;
    case 'iframe':
    case 'frame':
      if (el.hasAttribute('src')) push(r, 'frames', el);
      break;
    case 'script':
      if (el.hasAttribute('src')) push(r, 'scriptsWithSrc', el);
      if ((el.getAttribute('type') ?? '').toLowerCase() === 'application/ld+json') push(r, 'jsonLd', el);
      break;
    case 'article':
      push(r, 'articles', el);
      break;
    case 'meta':
      push(r, 'metas', el);
      break;
  }
}

/** Files an element matched by the selector of collectBySelector. */
function collectSelected(r: FactElements, el: Element, relativeLeave: boolean): void {
  if (el.localName === 'a' && mayLeaveSite(el, relativeLeave)) push(r, 'links', el);
  if (el.hasAttribute('data-qr') || el.hasAttribute('data-qrcode') || el.hasAttribute('data-pay-url')) push(r, 'qr', el);
  if (el.hasAttribute('itemtype')) push(r, 'itemtypes', el);
}

/** querySelectorAll that degrades to [] (some DOMs recurse and overflow on hostile 10,000-deep trees) */
function all(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

const TAG_SELECTOR = 'img, form, input, select, textarea, iframe[src], frame[src], script, article, meta';

/** Adds the elements of FACT_TAGS inside `root` (the extractor does this for hidden subtrees it does not enter). */
export function collectSubtree(r: FactElements, root: ParentNode, relativeLeave = relativeLinksLeave(root as Node)): void {
  for (const el of all(root, TAG_SELECTOR)) collectByTag(r, el, relativeLeave);
}

const SELECTED_HOST_LINKS = `${HOST_LINK_SELECTOR},${FACT_ATTRIBUTE_SELECTOR}`;
const SELECTED_ALL_LINKS = `a[href],${FACT_ATTRIBUTE_SELECTOR}`;
/** The selector of collectBySelector's one pass (the benchmark times it alone, as part of a scan's least cost). */
export const factSelector = (relativeLeave: boolean): string => (relativeLeave ? SELECTED_ALL_LINKS : SELECTED_HOST_LINKS);

/**
 * Adds the elements found by selector in `root` (itself first: a rescan's root is often the added
 * element), in one native pass: links that may name a host (every link with an href when relative
 * links leave the site: relativeLinksLeave), QR payloads, microdata.
 */
export function collectBySelector(r: FactElements, root: ParentNode, relativeLeave = relativeLinksLeave(root as Node)): void {
  const selector = factSelector(relativeLeave);
  if ((root as Node).nodeType === 1 && (root as Element).matches(selector)) collectSelected(r, root as Element, relativeLeave);
  for (const el of all(root, selector)) collectSelected(r, el, relativeLeave);
}

/** The fact elements of a whole document or subtree (the root element itself included), in two selector passes. */
export function factElements(root: ParentNode): FactElements {
  const r = emptyFactElements();
  const relativeLeave = relativeLinksLeave(root as Node);
  if ((root as Node).nodeType === 1 && FACT_TAGS.has((root as Element).localName)) collectByTag(r, root as Element, relativeLeave);
  collectSubtree(r, root, relativeLeave);
  collectBySelector(r, root, relativeLeave);
  return r;
}

/** Adds `more` to `into`, skipping elements already there (`seen` holds what `into` has). */
export function mergeFactElements(into: FactElements, seen: Set<Element>, more: FactElements): void {
  for (const kind of Object.keys(into) as (keyof FactElements)[]) {
    const list = into[kind];
    for (const el of more[kind]) {
      if (list.length >= FACT_CAPS[kind] || seen.has(el)) continue;
      seen.add(el);
      list.push(el);
    }
  }
}

/** Drops from `into` (and `seen`) the elements that left the page. Once per analysis, not per merge. */
export function pruneFactElements(into: FactElements, seen: Set<Element>): void {
  for (const kind of Object.keys(into) as (keyof FactElements)[]) {
    const list = into[kind];
    let w = 0;
    for (const el of list) {
      if (el.isConnected) list[w++] = el;
      else seen.delete(el);
    }
    list.length = w;
  }
}

// ---------------------------------------------------------------------------------------------
// elements -> facts

/** Converted links, images and frames by element, and resolved URLs, kept across rescans of one page. */
export interface FactCache {
  items: WeakMap<Element, unknown>;
  urls: Map<string, string>;
  base: string;
}

export const createFactCache = (): FactCache => ({ items: new WeakMap(), urls: new Map(), base: '' });

function absolute(cache: FactCache, url: string | null, base: string): string {
  if (!url) return '';
  if (base !== cache.base || cache.urls.size > 10_000) {
    cache.urls.clear();
    cache.base = base;
  }
  const hit = cache.urls.get(url);
  if (hit !== undefined) return hit;
  let out: string;
  try {
    out = new URL(url, base).href;
  } catch {
    out = url.slice(0, 500);
  }
  cache.urls.set(url, out);
  return out;
}

function cached<T>(cache: FactCache, el: Element, make: () => T): T {
  const hit = cache.items.get(el) as T | undefined;
  if (hit !== undefined) return hit;
  const made = make();
  cache.items.set(el, made);
  return made;
}

function closest(el: Element, selector: string): Element | null {
  try {
    return el.closest(selector);
  } catch {
    return null;
  }
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

const QR_SCHEMES = /^(?:alipays?|weixin|wxp|upwallet|unionpay|mqqapi|openapp\.jdmobile):/i;
const PAY_URL = /qr\.alipay\.com|wxp:\/\/|weixin:\/\/wxpay|pay\.weixin\.qq\.com|qr\.95516\.com/i;

function structuredTypes(cache: FactCache, rare: FactElements): string[] {
  const types = new Set<string>();
  const visit = (node: unknown, depth: number, out: string[]) => {
    if (depth > 6 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.slice(0, 50).forEach((n) => visit(n, depth + 1, out));
    const t = (node as Record<string, unknown>)['@type'];
    for (const v of Array.isArray(t) ? t : [t]) if (typeof v === 'string') out.push(v.slice(0, 60));
    const graph = (node as Record<string, unknown>)['@graph'];
    if (graph) visit(graph, depth + 1, out);
  };
  for (const script of rare.jsonLd.slice(0, 20)) {
    const found = cached(cache, script, () => {
      const out: string[] = [];
      try {
        visit(JSON.parse((script.textContent ?? '').slice(0, 200_000)), 0, out);
      } catch {
        /* broken JSON-LD is common */
      }
      return out;
    });
    for (const t of found) types.add(t);
  }
  for (const el of rare.itemtypes.slice(0, 50)) {
    const name = (el.getAttribute('itemtype') ?? '').split('/').pop();
    if (name) types.add(name.slice(0, 60));
  }
  return [...types];
}

const linkInfo = (cache: FactCache, a: Element, base: string): LinkInfo =>
  cached(cache, a, () => ({ href: absolute(cache, a.getAttribute('href'), base), text: (a.textContent ?? '').trim().slice(0, 120), path: '' }));
const frameInfo = (cache: FactCache, f: Element, base: string, memo?: Map<Element, number>): FrameInfo =>
  cached(cache, f, () => ({ src: absolute(cache, f.getAttribute('src'), base), path: cssPath(f, memo) }));
/** an image that says something (alt text or a QR payload); null for the rest, remembered too */
const imageInfo = (cache: FactCache, img: Element, base: string, memo?: Map<Element, number>): ImageInfo | null =>
  cached(cache, img, () =>
    img.getAttribute('alt') || img.getAttribute('data-qr') ? { src: absolute(cache, img.getAttribute('src'), base).slice(0, 500), alt: (img.getAttribute('alt') ?? '').slice(0, 200), path: cssPath(img, memo) } : null,
  );

/**
 * Converts the links, frames and images not converted yet, until `deadline` (performance.now());
 * true when all are. Lets the content script spread the first conversion of a big page over time
 * slices; factsFromElements then finds them in the cache.
 */
export function warmFactCache(doc: Document, rare: FactElements, cache: FactCache, deadline: number, url = doc.location?.href ?? ''): boolean {
  const base = doc.baseURI || url;
  let n = 0;
  const late = () => (++n & 31) === 0 && performance.now() > deadline;
  // one memo for the CSS paths of this call: without it each image of a 1,000-card list counted its card's siblings again
  const memo = new Map<Element, number>();
  for (const a of rare.links) if (!cache.items.has(a) && (linkInfo(cache, a, base), late())) return false;
  for (const f of rare.frames) if (!cache.items.has(f) && (frameInfo(cache, f, base, memo), late())) return false;
  let informative = 0;
  for (const img of rare.images) {
    if (informative >= IMAGE_INFOS) break;
    const known = cache.items.has(img);
    if (imageInfo(cache, img, base, memo)) informative++;
    if (!known && late()) return false;
  }
  return true;
}

/**
 * Images that say something (alt text, a QR payload) kept as facts: the brand check reads the
 * first 300 (src/domains/page-checks.ts), the content script sends 200. A listing has an alt on
 * every product photo; converting them all (each with a CSS path) was ~40 ms on the bench's
 * infinite-scroll page (issue 6).
 */
const IMAGE_INFOS = 300;

/** Facts from the elements found. The document's <title>, lang and base URL are read here. */
export function factsFromElements(doc: Document, rare: FactElements, url = doc.location?.href ?? '', cache: FactCache = createFactCache()): PageFactsOnly {
  const base = doc.baseURI || url;
  const memo = new Map<Element, number>();
  const fieldsByForm = new Map<Element, Element[]>();
  const loose: Element[] = [];
  for (const el of rare.fields) {
    const form = closest(el, 'form');
    if (!form) loose.push(el);
    else fieldsByForm.set(form, [...(fieldsByForm.get(form) ?? []), el]);
  }
  const forms: FormInfo[] = rare.forms.map((form) => ({
    action: absolute(cache, form.getAttribute('action') ?? '', base),
    method: (form.getAttribute('method') ?? 'get').toLowerCase(),
    path: cssPath(form, memo),
    fields: (fieldsByForm.get(form) ?? []).slice(0, 100).map((el) => fieldOf(el, doc, memo)),
  }));
  const looseFields = loose.slice(0, 200).map((el) => fieldOf(el, doc, memo));
  const links: LinkInfo[] = rare.links.map((a) => linkInfo(cache, a, base));
  const iframes: FrameInfo[] = rare.frames.slice(0, 100).map((f) => frameInfo(cache, f, base, memo));
  const images: ImageInfo[] = [];
  for (const img of rare.images) {
    if (images.length >= IMAGE_INFOS) break;
    const info = imageInfo(cache, img, base, memo);
    if (info) images.push(info);
  }
  const scripts = rare.scriptsWithSrc.slice(0, 300).map((s) => absolute(cache, s.getAttribute('src'), base));
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
  let title = '';
  try {
    title = (doc.title ?? '').trim().slice(0, 500);
  } catch {
    /* hostile documents */
  }
  return {
    url,
    title,
    lang: doc.documentElement?.getAttribute('lang') ?? '',
    forms,
    looseFields,
    links,
    iframes,
    images,
    scripts,
    meta,
    qrPayloads: [...qrPayloads],
    structuredTypes: structuredTypes(cache, rare),
    articleChars,
  };
}

/** Everything but the text, read from the whole document. */
export function extractPageFacts(doc: Document, url = doc.location?.href ?? ''): PageFactsOnly {
  return factsFromElements(doc, factElements(doc), url);
}

/** Segments for things that are not text nodes but read as text: the title, field placeholders, button values. */
export function syntheticSegments(facts: PageFactsOnly, buttons: readonly Element[]): TextSegment[] {
  const out: TextSegment[] = [];
  if (facts.title) out.push({ text: facts.title, zone: 'title', path: 'title' });
  for (const f of [...facts.forms.flatMap((form) => form.fields), ...facts.looseFields]) {
    // labels are text nodes already; placeholders are not
    if (f.placeholder.trim()) out.push({ text: f.placeholder, zone: 'form', path: f.path });
  }
  const memo = new Map<Element, number>();
  for (const b of buttons.slice(0, 100)) out.push({ text: b.getAttribute('value') ?? '', zone: 'button', path: cssPath(b, memo) });
  return out;
}
