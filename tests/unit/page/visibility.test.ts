// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVisibilityCache, hitVisible, textVisible } from '../../../src/page/visibility';

/** happy-dom has no layout: an element counts as rendered unless it or an ancestor says display:none */
function stubCheckVisibility() {
  const calls: Element[] = [];
  const proto = Element.prototype as Element & { checkVisibility?: () => boolean };
  proto.checkVisibility = function (this: Element) {
    calls.push(this);
    for (let el: Element | null = this; el; el = el.parentElement) if ((el as HTMLElement).style?.display === 'none') return false;
    return true;
  };
  return calls;
}

describe('textVisible', () => {
  afterEach(() => {
    delete (Element.prototype as { checkVisibility?: unknown }).checkVisibility;
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('asks about the parents of the text nodes a range spans, and only those', () => {
    const calls = stubCheckVisibility();
    document.body.innerHTML = '<p>Great shoes <span style="display:none">国家级</span> <b>only 2 left</b></p>';
    const p = document.querySelector('p')!;
    const texts = [p.firstChild, p.querySelector('span')!.firstChild, p.childNodes[2], p.querySelector('b')!.firstChild] as Text[];
    const nodes: { node: Text; start: number }[] = [];
    let at = 0;
    for (const node of texts) {
      nodes.push({ node, start: at });
      at += node.data.length;
    }
    const cache = createVisibilityCache();
    const hidden = nodes[1]!.start;
    expect(textVisible(nodes, hidden, hidden + 3, cache)).toBe(false); // the display:none claim
    const visible = nodes[3]!.start;
    expect(textVisible(nodes, visible, visible + 11, cache)).toBe(true); // "only 2 left"
    expect(textVisible(nodes, 0, 5, cache)).toBe(true); // "Great"
    const asked = calls.length;
    expect(textVisible(nodes, 0, 5, cache)).toBe(true);
    expect(calls.length).toBe(asked); // seen visible once: not asked again
    expect(textVisible(nodes, 0, at, cache)).toBe(false); // a range across the hidden part
  });

  it('counts everything visible where the DOM cannot tell (no checkVisibility)', () => {
    document.body.innerHTML = '<p style="display:none">x</p>';
    const node = document.querySelector('p')!.firstChild as Text;
    expect(textVisible([{ node, start: 0 }], 0, 1, createVisibilityCache())).toBe(true);
  });

  it('hitVisible remembers a segment seen wholly visible, and never one with a hidden part', () => {
    const calls = stubCheckVisibility();
    document.body.innerHTML = '<p>Great <b>shoes</b></p><p>Only <span style="display:none">国家级</span> left</p>';
    const [shown, mixed] = Array.from(document.querySelectorAll('p'));
    const nodesOf = (p: Element) => {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const out: { node: Text; start: number }[] = [];
      let at = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        out.push({ node: n as Text, start: at });
        at += (n as Text).data.length;
      }
      return out;
    };
    const cache = createVisibilityCache();
    expect(hitVisible(1, nodesOf(shown!), 0, 5, cache)).toBe(true);
    expect(cache.segments.has(1)).toBe(true);
    const asked = calls.length;
    expect(hitVisible(1, nodesOf(shown!), 6, 11, cache)).toBe(true);
    expect(calls.length).toBe(asked); // the whole segment is known visible: nothing asked
    const m = nodesOf(mixed!);
    expect(hitVisible(2, m, 0, 4, cache)).toBe(true); // "Only" is shown…
    expect(cache.segments.has(2)).toBe(false); // …but the segment has a hidden part: hits in it are asked about each time
    expect(hitVisible(2, m, m[1]!.start, m[1]!.start + 3, cache)).toBe(false);
  });
});
