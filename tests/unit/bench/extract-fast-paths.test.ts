// @vitest-environment happy-dom
/**
 * The benchmark-driven fast paths in src/page/extract.ts (tag collections instead of selectors,
 * the stack classifier, memoized nth-of-type) must select exactly what the straightforward
 * versions select. References below are the straightforward versions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createExtractor, cssPath, extractPageFacts, hiddenByMarkup, syntheticSegments } from '../../../src/page/extract';
import { factElements } from '../../../src/page/facts';

const FIELD_SELECTOR = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image]):not([type=reset]), select, textarea';

function load(html: string): Document {
  document.open();
  document.write(html);
  document.close();
  return document;
}

const FORMS_PAGE = `<!doctype html><html><head><title>T</title><meta name="og:type" content="product"><meta property="x" content="y">
<script type="application/ld+json">{"@type":"Product"}</script><script src="/a.js"></script><script type="APPLICATION/LD+JSON">{"@type":["Offer"]}</script></head>
<body><div itemtype="https://schema.org/Thing"><input name="q"><textarea name="t"></textarea><select name="s"></select><input type="hidden" name="h"><input type="submit" value="Go"></div>
<form action="/pay"><label>卡号 <input name="card"></label><input type="password" name="pw"><input type="button" value="Pay now"><textarea name="note"></textarea></form>
<iframe src="/frame"></iframe><iframe></iframe><img src="/q.png" data-qr="https://qr.alipay.com/x"><span data-pay-url="wxp://abc"></span><div data-qrcode="upwallet://z"></div>
<article>news text here</article><a href="/same-site">same site</a><a href="https://other.example/one">one</a><a>no href</a><img alt="logo" src="/l.png"><img src="/noalt.png"><input type="image" src="/i.png"><input type="reset"></body></html>`;

describe('extractPageFacts fast paths', () => {
  it('finds the same fields, frames, scripts, QR payloads and structured types as the selectors', () => {
    const doc = load(FORMS_PAGE);
    const facts = extractPageFacts(doc, 'https://shop.example/p');
    const loose = Array.from(doc.querySelectorAll(FIELD_SELECTOR)).filter((el) => !el.closest('form'));
    expect(facts.looseFields.map((f) => f.name)).toEqual(loose.map((el) => el.getAttribute('name') ?? ''));
    expect(facts.looseFields.map((f) => f.name)).toEqual(['q', 't', 's']);
    expect(facts.forms[0]!.fields.map((f) => f.name)).toEqual(['card', 'pw', 'note']);
    expect(facts.iframes.map((f) => f.src)).toEqual(Array.from(doc.querySelectorAll('iframe[src], frame[src]')).map((f) => new URL(f.getAttribute('src')!, doc.baseURI).href));
    expect(facts.scripts).toEqual(Array.from(doc.querySelectorAll('script[src]')).map((s) => new URL(s.getAttribute('src')!, doc.baseURI).href));
    expect(facts.qrPayloads).toEqual(['https://qr.alipay.com/x', 'wxp://abc', 'upwallet://z']);
    expect(facts.structuredTypes.sort()).toEqual(['Offer', 'Product', 'Thing']);
    expect(facts.links.map((l) => l.text)).toEqual(['one']);
    expect(facts.images.map((i) => i.alt)).toEqual(['', 'logo']);
    expect(facts.meta).toEqual({ 'og:type': 'product', x: 'y' });
    expect(facts.articleChars).toBe('news text here'.length);
    const buttons = syntheticSegments(facts, factElements(doc).buttons).filter((s) => s.zone === 'button').map((s) => s.text);
    expect(buttons).toEqual(Array.from(doc.querySelectorAll('input[type=submit][value], input[type=button][value]')).map((b) => b.getAttribute('value')));
  });

  it('reads input types case-insensitively, as browsers match [type=hidden]', () => {
    const doc = load('<!doctype html><html><body><input type="HIDDEN" name="h"><input type="Submit" value="Go"><input name="v"></body></html>');
    const facts = extractPageFacts(doc, 'https://shop.example/p');
    expect(facts.looseFields.map((f) => f.name)).toEqual(['v']);
    expect(syntheticSegments(facts, factElements(doc).buttons).filter((s) => s.zone === 'button').map((s) => s.text)).toEqual(['Go']);
  });

  it('cssPath with a shared memo equals cssPath without, in any order', () => {
    const items = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `<p>p${i}</p>` : `<li><span>s${i}</span><img alt="a${i}"></li>`)).join('');
    const doc = load(`<!doctype html><html><body><main><ul>${items}</ul></main></body></html>`);
    const els = Array.from(doc.body.querySelectorAll('*'));
    const plain = els.map((el) => cssPath(el));
    const memo = new Map<Element, number>();
    expect(els.map((el) => cssPath(el, memo))).toEqual(plain);
    const memo2 = new Map<Element, number>();
    expect([...els].reverse().map((el) => cssPath(el, memo2)).reverse()).toEqual(plain);
  });
});

/** The reference classifier: walks every ancestor of every text node, no caching. */
function referenceSegments(root: Element): { text: string; zone: string }[] {
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'object', 'embed', 'canvas', 'iframe', 'select', 'option', 'textarea', 'video', 'audio']);
  const INLINE = new Set(['a', 'b', 'i', 'span', 'em', 'strong', 'small', 'sub', 'sup', 'u', 's', 'code', 'mark', 'q', 'abbr', 'time']);
  const ZONES: Record<string, string> = { h1: 'heading', h2: 'heading', h3: 'heading', button: 'button', form: 'form', label: 'form', nav: 'nav', footer: 'footer', header: 'nav' };
  const info = (el: Element): { skip: boolean; block: Element; zone: string } => {
    const chain: Element[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      chain.push(e);
      if (e === root) break;
    }
    let cur = { skip: false, block: chain[chain.length - 1]!, zone: 'body' };
    for (let i = chain.length - 2; i >= 0; i--) {
      const e = chain[i]!;
      if (cur.skip) continue;
      const tag = e.localName;
      const skip = SKIP.has(tag) || e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true' || /display\s*:\s*none/i.test(e.getAttribute('style') ?? '');
      cur = skip ? { skip: true, block: e, zone: cur.zone } : { skip: false, block: INLINE.has(tag) ? cur.block : e, zone: ZONES[tag] ?? cur.zone };
    }
    return cur;
  };
  const out: { text: string; zone: string }[] = [];
  let block: Element | null = null;
  let text = '';
  let zone = '';
  const flush = () => {
    if (block && text.trim()) out.push({ text, zone });
    block = null;
    text = '';
  };
  const walker = root.ownerDocument!.createTreeWalker(root, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (!t.parentElement || t.data.length === 0) continue;
    const i = info(t.parentElement);
    if (i.skip) continue;
    if (i.block !== block) {
      // whitespace that would only open a run (between blocks) is passed over
      if (t.data.charCodeAt(0) <= 0x20 && !/\S/.test(t.data)) continue;
      flush();
      block = i.block;
      zone = i.zone;
    }
    text += t.data;
  }
  flush();
  return out;
}

const TAGS = ['div', 'p', 'span', 'b', 'a', 'h2', 'button', 'footer', 'nav', 'script', 'svg', 'li', 'ul', 'section', 'label'];
type Tree = { tag: string; attr: string; kids: (Tree | string)[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    attr: fc.constantFrom('', '', '', ' hidden', ' aria-hidden="true"', ' style="display:none"', ' class="x"'),
    kids: fc.array(fc.oneof({ depthSize: 'small' }, fc.constantFrom('foo', ' ', '包邮', 'Only 2 left', '\n'), tie('node')), { maxLength: 4 }),
  }),
})).node;
const render = (t: Tree | string): string => (typeof t === 'string' ? t : `<${t.tag}${t.attr}>${t.kids.map(render).join('')}</${t.tag}>`);

describe('createExtractor (depth-first walk)', () => {
  it('segments random trees like the reference classifier, also when sliced', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), (trees) => {
        const doc = load(`<!doctype html><html><body>${trees.map(render).join('')}</body></html>`);
        const expected = referenceSegments(doc.body);
        const whole = createExtractor(doc.body, { hidden: hiddenByMarkup }).step(Number.POSITIVE_INFINITY);
        expect(whole.map((s) => ({ text: s.segment.text, zone: s.segment.zone }))).toEqual(expected);
        // a deadline in the past stops every 256 nodes: the result must not depend on slicing
        const sliced = createExtractor(doc.body, { hidden: hiddenByMarkup });
        const parts = [];
        while (!sliced.done) parts.push(...sliced.step(-1));
        expect(parts.map((s) => s.segment.text).join('|')).toBe(whole.map((s) => s.segment.text).join('|'));
      }),
      { numRuns: 150 },
    );
  });

  it('collects the same fact elements as the selector passes, hidden forms included', () => {
    const doc = load(FORMS_PAGE.replace('<form action="/pay">', '<div hidden><form action="/hidden"><input type="password" name="pin"></form></div><form action="/pay">'));
    const extractor = createExtractor(doc.body, { hidden: hiddenByMarkup });
    extractor.step(Number.POSITIVE_INFINITY);
    const bySelector = factElements(doc.body);
    for (const kind of Object.keys(bySelector) as (keyof typeof bySelector)[]) {
      if (kind === 'metas' || kind === 'jsonLd' || kind === 'scriptsWithSrc') continue; // in <head>: read apart
      expect(new Set(extractor.facts[kind]), kind).toEqual(new Set(bySelector[kind]));
    }
    expect(extractor.facts.fields.map((f) => f.getAttribute('name'))).toContain('pin');
  });
});
