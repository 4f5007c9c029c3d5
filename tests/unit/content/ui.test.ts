// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showBanner, BANNER_TAG } from '../../../src/content/ui/banner';
import { showInterstitial, INTERSTITIAL_TAG } from '../../../src/content/ui/interstitial';
import { highlightRanges, clearHighlights } from '../../../src/content/ui/highlight';
import { CATEGORY_NAMES, LEVEL_NAMES, pageStrings } from '../../../src/i18n/page-strings';
import type { Locale } from '../../../src/engine/types';

/** a banner as the background words it (src/background/verdict.ts) */
const bannerIn = (locale: Locale) => ({
  level: 'danger' as const,
  levelName: LEVEL_NAMES.danger[locale],
  score: 72,
  count: 5,
  reasons: [
    { category: 'card-shop' as const, categoryName: CATEGORY_NAMES['card-shop'][locale], title: 'Card alliance site', occurrences: 3 },
    { category: 'cash-out' as const, categoryName: CATEGORY_NAMES['cash-out'][locale], title: 'Cash-out offer', occurrences: 1 },
  ],
});
const model = bannerIn('en');
const words = (locale: Locale) => ({ locale, strings: pageStrings(locale) });

describe('in-page UI', () => {
  afterEach(() => {
    document.documentElement.querySelectorAll('*').forEach((el) => el.localName.startsWith('shop-sentinel-') && el.remove());
    document.body.innerHTML = '';
    document.body.inert = false;
  });

  it('banner: a fixed, max z-index host with a closed shadow root, level, score and reasons', () => {
    const handlers = { onDetails: vi.fn(), onDismiss: vi.fn(), onTrust: vi.fn() };
    const ui = showBanner(document, model, words('en'), handlers);
    const host = document.querySelector(BANNER_TAG) as HTMLElement;
    expect(host).toBe(ui.host);
    expect(host.shadowRoot).toBeNull(); // closed
    expect(host.style.getPropertyValue('position')).toBe('fixed');
    expect(host.style.getPropertyPriority('position')).toBe('important');
    expect(host.style.getPropertyValue('z-index')).toBe('2147483647');
    const text = ui.root.textContent ?? '';
    expect(text).toContain('Danger: this page shows 5 risk signs');
    expect(text).toContain('72');
    expect(text).toContain('Card alliance site');
    expect(text).toContain('×3');
    expect(text).toContain('+3 more');
    // a click the page synthesizes (untrusted) does nothing
    (ui.root.querySelector('[data-action=dismiss]') as HTMLButtonElement).click();
    (ui.root.querySelector('[data-action=trust]') as HTMLButtonElement).click();
    expect(handlers.onDismiss).not.toHaveBeenCalled();
    expect(handlers.onTrust).not.toHaveBeenCalled();
  });

  it('re-asserts its host styles when the page overwrites them', async () => {
    const ui = showBanner(document, model, words('en'), { onDetails() {}, onDismiss() {}, onTrust() {} });
    ui.host.style.setProperty('display', 'none', 'important');
    ui.host.setAttribute('hidden', '');
    await new Promise((r) => setTimeout(r, 0));
    expect(ui.host.style.getPropertyValue('display')).toBe('block');
    expect(ui.host.hasAttribute('hidden')).toBe(false);
  });

  it('banner speaks Chinese and replaces itself instead of stacking', () => {
    showBanner(document, model, words('en'), { onDetails() {}, onDismiss() {}, onTrust() {} });
    const ui = showBanner(document, bannerIn('zh'), words('zh'), { onDetails() {}, onDismiss() {}, onTrust() {} });
    expect(document.querySelectorAll(BANNER_TAG)).toHaveLength(1);
    expect(ui.root.textContent).toContain('危险：此页面有 5 处风险迹象');
    expect(ui.root.textContent).toContain('信任此网站');
  });

  it('interstitial: names brand, official domain and differing characters, makes the page inert', () => {
    document.body.innerHTML = '<input id="card">';
    const onLeave = vi.fn();
    const onContinue = vi.fn();
    const ui = showInterstitial(
      document,
      { host: '127.0.0.1:8765', target: 'www.a1ipay.com', brand: '支付宝', officialDomain: 'alipay.com', diff: '1 → l', technique: '形近字符替换（如 1/l、0/o、rn/m、vv/w）' },
      words('zh'),
      { onLeave, onContinue },
    );
    expect(document.querySelector(INTERSTITIAL_TAG)).toBe(ui.host);
    expect(document.body.inert).toBe(true);
    const text = ui.root.textContent ?? '';
    expect(text).toContain('支付宝');
    expect(text).not.toContain('Alipay /');
    expect(text).toContain('alipay.com');
    expect(text).toContain('1 → l');
    expect(text).toContain('www.a1ipay.com');
    expect(text).toContain('形近字符替换');
    // "continue anyway" ignores synthetic clicks; "leave" is always allowed
    (ui.root.querySelector('[data-action=continue]') as HTMLButtonElement).click();
    expect(onContinue).not.toHaveBeenCalled();
    expect(document.body.inert).toBe(true);
    // the page makes itself interactive again: reassert puts inert back
    document.body.inert = false;
    ui.reassert();
    expect(document.body.inert).toBe(true);
    (ui.root.querySelector('[data-action=leave]') as HTMLButtonElement).click();
    expect(onLeave).toHaveBeenCalled();
    expect(document.body.inert).toBe(false);
    ui.remove();
    expect(document.querySelector(INTERSTITIAL_TAG)).toBeNull();
  });

  it('highlights with boxes when the Custom Highlight API is missing', () => {
    document.body.innerHTML = '<p id="p">some flagged text</p>';
    const range = document.createRange();
    const t = document.getElementById('p')!.firstChild!;
    range.setStart(t, 5);
    range.setEnd(t, 12);
    expect(highlightRanges(document, [range], true)).toBe(1);
    expect(document.querySelector('shop-sentinel-highlights')).not.toBeNull();
    clearHighlights(document);
    expect(document.querySelector('shop-sentinel-highlights')).toBeNull();
    expect(highlightRanges(document, [])).toBe(0);
  });

  it('paints light-DOM text with the Custom Highlight API and boxes text inside shadow trees, which its style cannot reach', () => {
    document.body.innerHTML = '<p id="p">some flagged text</p><div id="host"></div>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'closed' });
    shadow.innerHTML = '<p>flagged in a shadow tree</p>';
    const rangeOver = (t: Node) => {
      const r = document.createRange();
      r.setStart(t, 0);
      r.setEnd(t, 7);
      return r;
    };
    const light = rangeOver(document.getElementById('p')!.firstChild!);
    const inShadow = rangeOver(shadow.querySelector('p')!.firstChild!);
    const registry = new Map<string, { ranges: Range[] }>();
    const win = document.defaultView as unknown as { CSS: unknown; Highlight?: unknown };
    const had = { CSS: win.CSS, Highlight: win.Highlight };
    win.CSS = { highlights: registry };
    win.Highlight = class {
      ranges: Range[];
      constructor(...ranges: Range[]) {
        this.ranges = ranges;
      }
    };
    try {
      expect(highlightRanges(document, [light, inShadow])).toBe(2);
      expect(registry.get('shop-sentinel')?.ranges).toEqual([light]);
      expect(document.querySelector('shop-sentinel-highlights')).not.toBeNull();
      clearHighlights(document);
      expect(registry.has('shop-sentinel')).toBe(false);
      // light text only: no box layer at all
      highlightRanges(document, [light]);
      expect(document.querySelector('shop-sentinel-highlights')).toBeNull();
      clearHighlights(document);
    } finally {
      win.CSS = had.CSS;
      win.Highlight = had.Highlight;
    }
  });
});
