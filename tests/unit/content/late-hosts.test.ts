// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LATE_HOST_DELAYS_MS, MAX_LATE_HOSTS, watchLateHosts } from '../../../src/content/late-hosts';

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '';
  // happy-dom upgrades an element on define() but never lets it match :defined; a browser does
  const matches = Element.prototype.matches;
  vi.spyOn(Element.prototype, 'matches').mockImplementation(function (this: Element, selector: string) {
    return selector === ':defined' ? !this.localName.includes('-') || customElements.get(this.localName) !== undefined : matches.call(this, selector);
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

let names = 0;
/** a custom element in the page, not defined yet; define() gives it an open shadow root (or none) */
function undefinedElement(withRoot = true) {
  const name = `late-el-${++names}`;
  const el = document.createElement(name);
  document.body.append(el);
  return {
    el,
    define: () =>
      customElements.define(
        name,
        class extends HTMLElement {
          constructor() {
            super();
            if (withRoot) this.attachShadow({ mode: 'open' }).innerHTML = '<p>late</p>';
          }
        },
      ),
  };
}

const hasRoot = (el: Element) => el.shadowRoot !== null;

describe('watchLateHosts', () => {
  it('hands back a custom element once the page defined it with a shadow root, at the next look', () => {
    const onDefined = vi.fn();
    const late = watchLateHosts(hasRoot, onDefined);
    const a = undefinedElement();
    expect(a.el.matches(':defined')).toBe(false);
    late.add([a.el]);
    vi.advanceTimersByTime(LATE_HOST_DELAYS_MS[0]!); // first look: still undefined
    expect(onDefined).not.toHaveBeenCalled();
    expect(late.pending()).toBe(1);
    a.define();
    expect(a.el.shadowRoot).not.toBeNull();
    vi.advanceTimersByTime(LATE_HOST_DELAYS_MS[1]!);
    expect(onDefined).toHaveBeenCalledTimes(1);
    expect(onDefined).toHaveBeenCalledWith([a.el]);
    expect(late.pending()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(onDefined).toHaveBeenCalledTimes(1);
  });

  it('lets go of elements defined without a root, removed from the page, or still undefined after the last look', () => {
    const onDefined = vi.fn();
    const late = watchLateHosts(hasRoot, onDefined);
    const plain = undefinedElement(false);
    const removed = undefinedElement();
    const never = undefinedElement();
    late.add([plain.el, removed.el, never.el]);
    plain.define();
    removed.el.remove();
    removed.define();
    vi.advanceTimersByTime(LATE_HOST_DELAYS_MS[0]!);
    expect(late.pending()).toBe(1); // only the one never defined
    vi.advanceTimersByTime(LATE_HOST_DELAYS_MS.reduce((a, b) => a + b, 0));
    expect(late.pending()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(onDefined).not.toHaveBeenCalled();
  });

  it('new elements start the schedule over without putting off a look already due', () => {
    const onDefined = vi.fn();
    const late = watchLateHosts(hasRoot, onDefined);
    const a = undefinedElement();
    late.add([a.el]);
    vi.advanceTimersByTime(LATE_HOST_DELAYS_MS[0]! - 100);
    a.define();
    late.add([undefinedElement().el]); // a rescan 400 ms in
    vi.advanceTimersByTime(100);
    expect(onDefined).toHaveBeenCalledWith([a.el]);
  });

  it('keeps at most MAX_LATE_HOSTS waiting, and nothing after stop()', () => {
    const late = watchLateHosts(hasRoot, vi.fn());
    const many = Array.from({ length: MAX_LATE_HOSTS + 10 }, () => document.createElement('x-many'));
    for (const el of many) document.body.append(el);
    late.add(many);
    expect(late.pending()).toBe(MAX_LATE_HOSTS);
    late.stop();
    expect(late.pending()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    late.add([undefinedElement().el]);
    expect(late.pending()).toBe(0);
  });
});
