// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { closedShadowRootReader } from '../../../src/content/closed-shadow-roots';

const hostWithClosedRoot = () => {
  const host = document.createElement('div');
  return { host, root: host.attachShadow({ mode: 'closed' }) };
};

describe('closedShadowRootReader', () => {
  it("uses Chrome's chrome.dom.openOrClosedShadowRoot, skips our own roots, and answers null where the API throws", () => {
    const page = hostWithClosedRoot();
    const ours = hostWithClosedRoot();
    const roots = new Map<Element, ShadowRoot>([[page.host, page.root], [ours.host, ours.root]]);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const openOrClosedShadowRoot = (el: Element) => {
      if (el === svg) throw new TypeError('Error in invocation of dom.openOrClosedShadowRoot: not an HTMLElement');
      return roots.get(el) ?? null;
    };
    const read = closedShadowRootReader((r) => r === ours.root, { chrome: { dom: { openOrClosedShadowRoot } } });
    expect(read(page.host)).toBe(page.root);
    expect(read(ours.host)).toBeNull();
    expect(read(document.createElement('div'))).toBeNull();
    expect(read(svg)).toBeNull();
  });

  it("uses Firefox's element.openOrClosedShadowRoot where chrome.dom is missing", () => {
    const page = hostWithClosedRoot();
    const ours = hostWithClosedRoot();
    const withProperty = (el: Element, root: ShadowRoot | null) => Object.defineProperty(el, 'openOrClosedShadowRoot', { value: root, configurable: true });
    withProperty(page.host, page.root);
    withProperty(ours.host, ours.root);
    const read = closedShadowRootReader((r) => r === ours.root, {});
    expect(read(page.host)).toBe(page.root);
    expect(read(ours.host)).toBeNull();
  });

  it('answers null where the browser offers neither (only open roots are read then)', () => {
    const { host } = hostWithClosedRoot();
    expect(closedShadowRootReader(() => false, {})(host)).toBeNull();
    expect(closedShadowRootReader(() => false, { chrome: { runtime: {} } })(host)).toBeNull();
  });
});
