// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { blockRootOf, outermost, watchPage } from '../../../src/content/watcher';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watcher', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    document.body.innerHTML = '';
  });

  it('finds the block element that holds a change', () => {
    document.body.innerHTML = '<div id="card"><p id="p">a <b id="b">bold</b></p></div>';
    expect(blockRootOf(document.getElementById('b')!.firstChild!)).toBe(document.getElementById('p'));
    expect(blockRootOf(document.getElementById('card')!)).toBe(document.getElementById('card'));
  });

  it('only queues in the observer and flushes outermost roots after the debounce', async () => {
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange: vi.fn() }, { debounceMs: 30 }).stop;
    const list = document.createElement('div');
    document.body.append(list);
    const card = document.createElement('div');
    card.innerHTML = '<p>new item</p>';
    list.append(card);
    card.querySelector('p')!.append(' more');
    await wait(5);
    expect(onChanges).not.toHaveBeenCalled();
    await wait(80);
    expect(onChanges).toHaveBeenCalledTimes(1);
    const [roots] = onChanges.mock.calls[0]!;
    expect(roots).toEqual([list]);
  });

  it('ignores our own UI', async () => {
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange: vi.fn() }, { debounceMs: 10, ignore: (el) => el.localName.startsWith('shop-sentinel-') }).stop;
    document.documentElement.append(document.createElement('shop-sentinel-banner'));
    await wait(50);
    expect(onChanges).not.toHaveBeenCalled();
  });

  it('reports removals', async () => {
    document.body.innerHTML = '<p id="x">gone soon</p>';
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange: vi.fn() }, { debounceMs: 10 }).stop;
    document.getElementById('x')!.remove();
    await wait(50);
    expect(onChanges).toHaveBeenCalledWith([], true, []);
  });

  it('hands over the elements whose fact attributes changed, not those of lazy images or other attributes', async () => {
    document.body.innerHTML = '<a id="a" href="/next">Pay</a><form id="f"></form><img id="i" alt="" src="a.png"><div id="d" data-qr=""></div><p id="p" class="x">text</p>';
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange: vi.fn() }, { debounceMs: 10 }).stop;
    const el = (id: string) => document.getElementById(id)!;
    el('i').setAttribute('src', 'b.png'); // lazy-loading
    el('p').setAttribute('class', 'y');
    el('p').setAttribute('name', 'n'); // a fact attribute, but not on a fact element
    await wait(50);
    expect(onChanges).not.toHaveBeenCalled();
    el('a').setAttribute('href', 'https://www.amaz0n.com/gp/buy');
    el('f').setAttribute('action', 'https://collect.example.net/pay');
    el('i').setAttribute('alt', 'Alipay');
    el('d').setAttribute('data-qr', 'https://qr.example/pay');
    el('a').setAttribute('href', 'https://www.amaz0n.com/gp/buy?x=1');
    await wait(50);
    expect(onChanges).toHaveBeenCalledTimes(1);
    expect(onChanges.mock.calls[0]).toEqual([[], false, [el('a'), el('f'), el('i'), el('d')]]);
  });

  it('a page flipping a link\'s href a thousand times costs one flush with one element', async () => {
    document.body.innerHTML = '<a id="a" href="/x">Pay</a>';
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange: vi.fn() }, { debounceMs: 20 }).stop;
    const a = document.getElementById('a')!;
    for (let i = 0; i < 1000; i++) a.setAttribute('href', i % 2 ? 'https://www.amaz0n.com/' : 'https://www.amazon.com/');
    await wait(80);
    expect(onChanges.mock.calls).toEqual([[[], false, [a]]]);
  });

  it('notices History API navigation', async () => {
    const onUrlChange = vi.fn();
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange }, { debounceMs: 10 }).stop;
    history.pushState({}, '', '/deal?x=1');
    document.body.append(document.createElement('p'));
    await wait(60);
    expect(onUrlChange).toHaveBeenCalledWith(expect.stringContaining('/deal?x=1'));
    expect(onChanges).not.toHaveBeenCalled();
  });

  it('an infinite scroll appending cards between newlines rescans the new cards, not the whole list', async () => {
    document.body.innerHTML = '<ul id="list"><li>old card</li></ul>';
    const list = document.getElementById('list')!;
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange: vi.fn() }, { debounceMs: 10 }).stop;
    list.insertAdjacentHTML('beforeend', '\n<li>new 1</li>\n<li>new 2</li>\n<li>new 3</li>\n');
    await wait(50);
    expect(onChanges).toHaveBeenCalledTimes(1);
    const [roots] = onChanges.mock.calls[0]!;
    expect(roots).toEqual([...list.querySelectorAll('li')].slice(1));
  });

  it('text with words added straight into a block, and any change of a text node, still rescan that block', async () => {
    document.body.innerHTML = '<ul id="list"><li>old card</li></ul><p id="p">一经售出概不退换</p>';
    const list = document.getElementById('list')!;
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange: vi.fn() }, { debounceMs: 10 }).stop;
    list.append('概不退换');
    (document.getElementById('p')!.firstChild as Text).data = ' ';
    await wait(50);
    expect(onChanges).toHaveBeenCalledTimes(1);
    expect(onChanges.mock.calls[0]![0]).toEqual([list, document.getElementById('p')]);
  });
});

describe('outermost', () => {
  /** the definition (and the watcher's code before): every root no other root contains, once, in the order first given */
  const reference = (roots: Element[]) => {
    const unique = [...new Set(roots)];
    return unique.filter((r) => !unique.some((o) => o !== r && o.contains(r)));
  };

  it('agrees with asking every pair, on random trees and random picks of their elements', () => {
    // a random tree: element i hangs under body or under one of the elements made before it
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 30 }), (parents, picks) => {
        document.body.innerHTML = '';
        const all: Element[] = [];
        for (const p of parents) {
          const el = document.createElement('div');
          const at = p % (all.length + 1);
          (at === 0 ? document.body : all[at - 1]!).append(el);
          all.push(el);
        }
        const roots = all.length ? picks.map((i) => all[i % all.length]!) : [];
        expect(outermost(roots)).toEqual(reference(roots));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps 2,000 sibling cards in the order given and drops what is inside them', () => {
    document.body.innerHTML = `<ul>${'<li><p>x</p></li>'.repeat(2000)}</ul>`;
    const cards = [...document.querySelectorAll('li')];
    const inside = [...document.querySelectorAll('p')];
    const reversed = [...cards].reverse();
    expect(outermost([...inside, ...reversed, ...inside])).toEqual(reversed);
  });
});

