// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { blank, createExtractor, extractPage, SHADOW_HOST_TAGS, type Extractor } from '../../../src/page/extract';
import { detectPageType } from '../../../src/page/page-type';
import { normalizeText } from '../../../src/engine/normalize';

beforeEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

const texts = () => extractPage(document, { url: 'https://shop.example/item' }).segments.map((s) => s.text);

describe('extractPage', () => {
  it('joins text split across inline nodes into one segment per block', () => {
    document.body.innerHTML = '<p>最<b>佳</b><span>产<i>品</i></span></p><div>second</div>';
    expect(texts()).toEqual(['最佳产品', 'second']);
  });
  it('skips scripts, styles and hidden elements', () => {
    document.body.innerHTML = `<script>var 最佳=1</script><style>.x{}</style><noscript>no</noscript>
      <div hidden>hidden</div><div aria-hidden="true">aria</div><div style="display: none">none</div>
      <div style="color:red; visibility: hidden">invisible</div><p>shown</p>`;
    expect(texts()).toEqual(['shown']);
  });
  it('reads text a page hides inside elements named like ours (our UI lives in closed shadow roots)', () => {
    document.body.innerHTML = '<shop-sentinel-banner>卡密自动发货</shop-sentinel-banner>';
    expect(texts()).toEqual(['卡密自动发货']);
  });
  it('assigns zones from headings, buttons, forms and footers', () => {
    document.body.innerHTML = '<h1>Title</h1><button>Buy <b>now</b></button><form><label>卡号</label><input placeholder="支付密码"></form><footer>ICP</footer>';
    const snap = extractPage(document, { url: 'https://shop.example/item' });
    const zones = Object.fromEntries(snap.segments.map((s) => [s.text, s.zone]));
    expect(zones).toMatchObject({ Title: 'heading', 'Buy now': 'button', 卡号: 'form', 支付密码: 'form', ICP: 'footer' });
  });
  it('collects forms, fields, iframes, links, scripts and metadata with absolute URLs', () => {
    document.head.innerHTML = '<title>收银台</title><meta property="og:type" content="product"><script src="/sdk.js"></script>';
    document.body.innerHTML = `<form action="https://pay.evil.example/submit" method="post"><label for="c">Card number</label><input id="c" name="cc" autocomplete="cc-number" maxlength="19"><input type="password" name="pin"></form>
      <iframe src="https://js.stripe.com/v3/frame"></iframe><a href="alipays://platformapi/startapp?x=1">pay</a><img alt="Alipay logo" src="/logo.png">`;
    const snap = extractPage(document, { url: 'https://shop.example/checkout' });
    expect(snap.forms[0]).toMatchObject({ action: 'https://pay.evil.example/submit', method: 'post' });
    expect(snap.forms[0]!.fields.map((f) => [f.type, f.label, f.maxLength])).toEqual([['text', 'Card number', 19], ['password', '', null]]);
    expect(snap.iframes[0]!.src).toBe('https://js.stripe.com/v3/frame');
    expect(snap.qrPayloads).toContain('alipays://platformapi/startapp?x=1');
    expect(snap.images[0]!.alt).toBe('Alipay logo');
    expect(snap.meta['og:type']).toBe('product');
    expect(snap.title).toBe('收银台');
  });
  it('keeps as link facts only links that name a host, or all of them when a <base> points elsewhere', () => {
    const hrefs = ['/item/1', 'item/2', '?page=3', '#top', 'https://pay.example/x', '//cdn.example/y', '\\\\evil.example/z', ' h\ttps://tab.example/', 'mailto:a@b.c', 'alipays://platformapi'];
    document.head.innerHTML = '';
    document.body.innerHTML = hrefs.map((h, i) => `<a href="${h.replace(/"/g, '&quot;')}">l${i}</a>`).join('');
    const texts = (url: string) => extractPage(document, { url }).links.map((l) => l.text);
    expect(texts(location.href)).toEqual(['l4', 'l5', 'l6', 'l7', 'l8', 'l9']);
    document.head.innerHTML = '<base href="https://elsewhere.example/">';
    expect(texts(location.href)).toHaveLength(hrefs.length);
    document.head.innerHTML = '';
  });
  it('survives 10,000-deep nesting without overflowing the stack', () => {
    // built detached: happy-dom itself recurses when connecting such a tree (browsers do not)
    const root = document.createElement('div');
    let parent: Element = root;
    for (let i = 0; i < 10_000; i++) parent = parent.appendChild(document.createElement(i % 2 ? 'div' : 'span'));
    parent.textContent = 'deep text';
    const items = createExtractor(root).step(Number.POSITIVE_INFINITY);
    expect(items.map((i) => i.segment.text)).toEqual(['deep text']);
  });
  it('stops at the node cap and says so', () => {
    document.body.innerHTML = Array.from({ length: 50 }, (_, i) => `<p>t${i}</p>`).join('');
    const ex = createExtractor(document.body, { maxNodes: 10 });
    const items = ex.step(Number.POSITIVE_INFINITY);
    expect(items.length).toBeLessThanOrEqual(10);
    expect(ex.truncated).toBe(true);
  });
  it('works in slices and keeps text-node offsets for highlighting', () => {
    document.body.innerHTML = Array.from({ length: 3000 }, (_, i) => `<p>a<b>${i}</b></p>`).join('');
    const ex = createExtractor(document.body);
    const all = [];
    while (!ex.done) all.push(...ex.step(performance.now() - 1)); // an already-passed deadline: smallest slices
    expect(all).toHaveLength(3000);
    expect(all[5]!.nodes.map((n) => n.start)).toEqual([0, 1]);
    expect(new Set(all.map((x) => x.key)).size).toBe(3000);
  });
  it('goes on past the rest of the page when the page empties the element it was in between two slices', () => {
    document.body.innerHTML = `<div id="a">${Array.from({ length: 300 }, (_, i) => `<p>item ${i}</p>`).join('')}</div><div id="b"><p>tail</p></div>`;
    const ex = createExtractor(document.body);
    const first = ex.step(performance.now() - 1);
    expect(first.length).toBeGreaterThan(0);
    expect(ex.done).toBe(false);
    // the node it would read next and the one it is in are now out of the page (a list re-rendered)
    document.getElementById('a')!.replaceChildren();
    const rest = [];
    while (!ex.done) rest.push(...ex.step(Number.POSITIVE_INFINITY));
    expect(rest.map((i) => i.segment.text)).toContain('tail');
  });
  it('walks several roots in one pass as it walks each alone: same runs, zones, facts; no run across two roots', () => {
    document.body.innerHTML = '<ul id="l"><li><h3>Mug <b>blue</b></h3><a href="https://other.example/1">buy</a></li><li>tail<div data-qr="wxp://x">scan</div></li><li><nav>menu</nav></li></ul>';
    const roots = Array.from(document.getElementById('l')!.children);
    const view = (items: ReturnType<Extractor['step']>) => items.map((i) => [i.segment.text, i.segment.zone, i.nodes.length]);
    const alone = roots.map((r) => createExtractor(r));
    const together = createExtractor(roots);
    expect(view(together.step(Number.POSITIVE_INFINITY))).toEqual(alone.flatMap((e) => view(e.step(Number.POSITIVE_INFINITY))));
    expect(together.facts.links).toHaveLength(1);
    expect(together.facts.qr).toHaveLength(1);
    expect(together.done).toBe(true);
    // sliced, it comes out the same
    const sliced = createExtractor(roots);
    const parts = [];
    while (!sliced.done) parts.push(...sliced.step(performance.now() - 1));
    expect(view(parts)).toEqual(view(createExtractor(roots).step(Number.POSITIVE_INFINITY)));
    expect(createExtractor([]).step(Number.POSITIVE_INFINITY)).toEqual([]);
  });
  it('hands over the open shadow roots of every element that can host one, and no closed ones', () => {
    // (<body> is the other root tag: the next test)
    const hosts = [...SHADOW_HOST_TAGS.filter((t) => t !== 'body'), 'deal-card', 'x-y'];
    document.body.innerHTML = `<ul><li>${hosts.map((t) => `<${t} class="host">${t}</${t}>`).join('')}<b-card id="closed"></b-card></li></ul>`;
    const opened = Array.from(document.querySelectorAll('.host')).map((el) => el.attachShadow({ mode: 'open' }));
    document.getElementById('closed')!.attachShadow({ mode: 'closed' });
    const ex = createExtractor(document.body);
    ex.step(Number.POSITIVE_INFINITY);
    expect(ex.shadowRoots).toEqual(opened);
    expect(ex.shadowRoots.map((r) => r.host.localName)).toEqual(hosts);
  });
  it('asks closedShadowRoot about custom elements and empty host-capable elements only, hands over what it gives, and lists the custom elements left without a root', () => {
    document.body.innerHTML = `<div id="empty"></div><span id="full">light</span><deal-card id="custom">light</deal-card>
      <li id="item"></li><div id="open"></div><p id="nothing"></p><x-plain id="plain"></x-plain>`;
    const closed = new Map<Element, ShadowRoot>();
    for (const id of ['empty', 'full', 'custom', 'item']) closed.set(document.getElementById(id)!, document.getElementById(id)!.attachShadow({ mode: 'closed' }));
    const open = document.getElementById('open')!.attachShadow({ mode: 'open' });
    const asked: string[] = [];
    const ex = createExtractor(document.body, { closedShadowRoot: (el) => (asked.push(el.id), closed.get(el) ?? null) });
    ex.step(Number.POSITIVE_INFINITY);
    // <span id="full"> has light children (not asked: ~1.2 µs a question in Chrome); <li> cannot host a root;
    // <div id="open"> gave its open root without a question
    expect(asked).toEqual(['empty', 'custom', 'nothing', 'plain']);
    expect(ex.shadowRoots).toEqual([closed.get(document.getElementById('empty')!), closed.get(document.getElementById('custom')!), open]);
    // a custom element without a root may get one when the page defines it (src/content/late-hosts.ts)
    expect(ex.rootlessCustomElements).toEqual([document.getElementById('plain')]);
    // a root that is itself an empty host (a rescan of an added element)
    const added = document.createElement('section');
    const addedRoot = added.attachShadow({ mode: 'closed' });
    document.body.append(added);
    const rescan = createExtractor(added, { closedShadowRoot: (el) => (el === added ? addedRoot : null) });
    rescan.step(Number.POSITIVE_INFINITY);
    expect(rescan.shadowRoots).toEqual([addedRoot]);
  });
  it('reads a root as the walk would have met it: its own shadow root, its fact, the zone of its ancestors', () => {
    document.body.innerHTML = '<form id="f" action="https://pay.evil.example/x"><p id="p">卡号</p></form><footer><div id="d">ICP</div></footer><h2 id="h">Title</h2>';
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    document.body.append(host);
    const one = (id: string) => createExtractor(document.getElementById(id)!);
    const f = one('f');
    expect(f.step(Number.POSITIVE_INFINITY).map((i) => i.segment.zone)).toEqual(['form']);
    expect(f.facts.forms).toEqual([document.getElementById('f')]);
    expect(one('p').step(Number.POSITIVE_INFINITY).map((i) => i.segment.zone)).toEqual(['form']);
    expect(one('d').step(Number.POSITIVE_INFINITY).map((i) => i.segment.zone)).toEqual(['footer']);
    expect(one('h').step(Number.POSITIVE_INFINITY).map((i) => i.segment.zone)).toEqual(['heading']);
    // a root 10,000 levels inside a footer (one closest(), no walk up from script); built detached,
    // as happy-dom recurses when connecting such a tree
    let deep: Element = document.createElement('footer');
    for (let i = 0; i < 10_000; i++) deep = deep.appendChild(document.createElement('div'));
    deep = deep.appendChild(document.createElement('p'));
    deep.textContent = 'ICP';
    expect(createExtractor(deep).step(Number.POSITIVE_INFINITY).map((i) => i.segment.zone)).toEqual(['footer']);
    const added = createExtractor(host);
    added.step(Number.POSITIVE_INFINITY);
    expect(added.shadowRoots).toEqual([shadow]);
    // a page that moves everything into an open shadow root of <body>
    const bodyRoot = document.body.attachShadow({ mode: 'open' });
    const whole = createExtractor(document.body);
    whole.step(Number.POSITIVE_INFINITY);
    expect(whole.shadowRoots).toEqual([bodyRoot, shadow]);
  });
  it('cuts one giant text node into overlapping runs, a slice each, without losing a claim at a cut', () => {
    const claim = '花呗套现';
    const text = 'x'.repeat(65_534) + claim + 'y'.repeat(150_000);
    document.body.innerHTML = '<p id="p"></p><p>after</p>';
    document.getElementById('p')!.textContent = text;
    const ex = createExtractor(document.body);
    const steps: string[][] = [];
    while (!ex.done) steps.push(ex.step(performance.now() - 1).map((i) => i.segment.text));
    const segments = steps.flat();
    expect(steps.length).toBeGreaterThanOrEqual(4); // one chunk per slice when the deadline has passed
    expect(segments.slice(0, 4).map((t) => t.length)).toEqual([65_536, 65_536, 65_536, 215_538 - 3 * (65_536 - 256)]);
    expect(segments.at(-1)).toBe('after');
    // the claim straddles the first cut: the second run (which starts 256 characters early) holds it whole
    expect(segments[1]!.includes(claim)).toBe(true);
    // offsets map back into the node: the second run starts 256 characters before the first cut
    const items = createExtractor(document.body).step(Number.POSITIVE_INFINITY);
    expect(items[1]!.nodes).toEqual([{ node: document.getElementById('p')!.firstChild, start: -(65_536 - 256) }]);
  });
});

describe('detectPageType', () => {
  const typeOf = (html: string, url = 'https://shop.example/item') => {
    document.documentElement.innerHTML = html;
    const { segments, ...facts } = extractPage(document, { url });
    return detectPageType(facts, segments, segments.map((s) => normalizeText(s.text).text));
  };
  it('tells product, checkout, payment, article and other apart', () => {
    expect(typeOf('<body><h1>T恤</h1><p>¥99</p><button>加入购物车</button></body>')).toBe('product');
    expect(typeOf('<body><h1>收银台</h1><form><input name="card" placeholder="银行卡号"><input type="password"></form><button>确认支付</button></body>')).toBe('payment');
    expect(typeOf('<body><h1>Checkout</h1><form><input name="a"><input name="b"><input name="c"></form></body>', 'https://shop.example/checkout')).toBe('checkout');
    expect(typeOf('<head><meta property="og:type" content="article"></head><body><h1>警惕卡盟骗局</h1><p>记者 报道</p></body>')).toBe('article');
    expect(typeOf('<body><p>Hello</p></body>')).toBe('other');
  });
});

describe('blank (whitespace-only text nodes, told apart without a regex)', () => {
  it('agrees with /\S/ on every UTF-16 code unit, alone, after spaces and before a letter', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, ` \n${ch}`, `${ch}\t`, `${ch}a`]) expect(blank(text)).toBe(!/\S/.test(text));
    }
    expect(blank('')).toBe(true);
  });
});
