// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCaptureMode, hideShadowUi, CAPTURE_MODE_TIMEOUT_MS } from '../../../src/content/capture-mode';
import { showBanner, BANNER_TAG } from '../../../src/content/ui/banner';
import { pageStrings } from '../../../src/i18n/page-strings';
import { highlightRanges, clearHighlights, suspendHighlights } from '../../../src/content/ui/highlight';
import { isFromBackground, parseCaptureMode } from '../../../src/messaging/content-validate';

const model = { level: 'danger' as const, levelName: 'Danger', score: 72, count: 1, reasons: [{ category: 'card-shop' as const, categoryName: 'Card shop (卡盟)', title: 'Card alliance site', occurrences: 1 }] };
const handlers = { onDetails() {}, onDismiss() {}, onTrust() {} };

afterEach(() => {
  vi.useRealTimers();
  clearHighlights(document);
  document.documentElement.querySelectorAll('*').forEach((el) => el.localName.startsWith('shop-sentinel-') && el.remove());
  document.body.innerHTML = '';
});

describe('capture mode state machine', () => {
  it('hides on "on", restores on "off", once each', () => {
    const restore = vi.fn();
    const hide = vi.fn(() => restore);
    const mode = createCaptureMode(hide, 1000);
    mode.set(true);
    mode.set(true); // a second "on" does not hide twice
    expect(hide).toHaveBeenCalledTimes(1);
    expect(mode.active()).toBe(true);
    mode.set(false);
    expect(restore).toHaveBeenCalledTimes(1);
    expect(mode.active()).toBe(false);
    mode.set(false);
    expect(restore).toHaveBeenCalledTimes(1);
  });

  it('restores by itself after the timeout when "off" never arrives (default about a minute)', () => {
    expect(CAPTURE_MODE_TIMEOUT_MS).toBeGreaterThanOrEqual(30_000);
    expect(CAPTURE_MODE_TIMEOUT_MS).toBeLessThanOrEqual(120_000);
    vi.useFakeTimers();
    const restore = vi.fn();
    const mode = createCaptureMode(() => restore);
    mode.set(true);
    vi.advanceTimersByTime(CAPTURE_MODE_TIMEOUT_MS - 1);
    expect(restore).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(restore).toHaveBeenCalledTimes(1);
    expect(mode.active()).toBe(false);
  });

  it('a repeated "on" restarts the safety timer', () => {
    vi.useFakeTimers();
    const restore = vi.fn();
    const mode = createCaptureMode(() => restore, 1000);
    mode.set(true);
    vi.advanceTimersByTime(800);
    mode.set(true);
    vi.advanceTimersByTime(800);
    expect(restore).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(restore).toHaveBeenCalledTimes(1);
  });

  it('refresh hides UI drawn while on, and only while on', () => {
    const hide = vi.fn(() => () => undefined);
    const mode = createCaptureMode(hide, 1000);
    mode.refresh();
    expect(hide).not.toHaveBeenCalled();
    mode.set(true);
    mode.refresh();
    expect(hide).toHaveBeenCalledTimes(2);
  });

  it('a failing hide or restore does not throw', () => {
    const mode = createCaptureMode(() => () => {
      throw new Error('gone');
    }, 1000);
    mode.set(true);
    expect(() => mode.set(false)).not.toThrow();
    const broken = createCaptureMode(() => {
      throw new Error('no');
    }, 1000);
    expect(() => broken.set(true)).not.toThrow();
  });
});

describe('hiding our UI', () => {
  it('empties the banner and puts the very same content back', () => {
    const ui = showBanner(document, model, { locale: 'en', strings: pageStrings('en') }, handlers);
    const before = Array.from(ui.root.childNodes);
    expect(ui.root.textContent).toContain('Card alliance site');
    const restore = hideShadowUi(ui);
    expect(ui.root.childNodes.length).toBe(0);
    expect(ui.root.textContent).toBe('');
    expect(document.querySelector(BANNER_TAG)).toBe(ui.host); // host stays, guarded
    restore();
    expect(Array.from(ui.root.childNodes)).toEqual(before);
  });

  it('suspends overlay highlights and restores them unless they were cleared meanwhile', () => {
    const roots: ShadowRoot[] = [];
    const attach = Element.prototype.attachShadow;
    const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const r = attach.call(this, init);
      roots.push(r);
      return r;
    });
    try {
      document.body.innerHTML = '<p>pay by bank transfer only</p>';
      const text = document.querySelector('p')!.firstChild!;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 3);
      expect(highlightRanges(document, [range], true)).toBe(1);
      expect(document.querySelector('shop-sentinel-highlights')).not.toBeNull();
      const root = roots.at(-1)!;
      const boxes = root.childNodes.length;
      expect(boxes).toBeGreaterThan(0);
      const restore = suspendHighlights(document);
      expect(root.childNodes.length).toBe(0);
      restore();
      expect(root.childNodes.length).toBe(boxes);
      const restore2 = suspendHighlights(document);
      clearHighlights(document);
      expect(() => restore2()).not.toThrow();
      expect(document.querySelector('shop-sentinel-highlights')).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });

  it('suspends CSS custom highlights and restores the same highlight object', () => {
    const store = new Map<string, unknown>();
    const win = window as unknown as { CSS?: unknown; Highlight?: unknown };
    const oldCss = win.CSS;
    const oldHl = win.Highlight;
    win.CSS = { highlights: { set: (k: string, v: unknown) => store.set(k, v), delete: (k: string) => store.delete(k), get: (k: string) => store.get(k), has: (k: string) => store.has(k) } };
    win.Highlight = class {
      constructor(...r: Range[]) {
        (this as unknown as { r: Range[] }).r = r;
      }
    };
    try {
      document.body.innerHTML = '<p>pay by bank transfer only</p>';
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('p')!);
      highlightRanges(document, [range]);
      const hl = store.get('shop-sentinel');
      expect(hl).toBeDefined();
      const restore = suspendHighlights(document);
      expect(store.has('shop-sentinel')).toBe(false);
      restore();
      expect(store.get('shop-sentinel')).toBe(hl);
      // cleared while suspended: stays cleared
      const restore2 = suspendHighlights(document);
      clearHighlights(document);
      restore2();
      expect(store.has('shop-sentinel')).toBe(false);
    } finally {
      win.CSS = oldCss;
      win.Highlight = oldHl;
    }
  });
});

describe('capture-mode message validation', () => {
  it('accepts exactly { on: boolean }', () => {
    expect(parseCaptureMode({ on: true })).toEqual({ on: true });
    expect(parseCaptureMode({ on: false })).toEqual({ on: false });
    for (const bad of [null, undefined, 'on', 1, [], {}, { on: 'true' }, { on: 1 }, { on: true, extra: 1 }, { off: true }]) {
      expect(parseCaptureMode(bad)).toBeNull();
    }
  });

  it('only from our background (our id, not from a tab)', () => {
    expect(isFromBackground({ id: 'me' }, 'me')).toBe(true);
    expect(isFromBackground({ id: 'me', tab: { id: 3 } }, 'me')).toBe(false);
    expect(isFromBackground({ id: 'other' }, 'me')).toBe(false);
    expect(isFromBackground({}, 'me')).toBe(false);
  });
});
