import { describe, expect, it } from 'vitest';
import { cardsHtml, infiniteScrollPage, listingPage, longChinesePage, manyTextNodesPage, productPage } from '../../../bench/pages';
import { naiveRegexes } from '../../../bench/browser/in-page';
import { builtinRules } from '../../../src/node/engine';
import { toMatchRule } from '../../../src/rules/match-rule';

describe('benchmark pages', () => {
  it('makes the 2,000-card listing about 5 MB of HTML, deterministically', () => {
    const a = listingPage(2000);
    const mb = Buffer.byteLength(a) / 1e6;
    expect(mb).toBeGreaterThan(4.5);
    expect(mb).toBeLessThan(6.5);
    expect(listingPage(2000)).toBe(a);
    expect((a.match(/<li class="card/g) ?? []).length).toBe(2000);
  });

  it('continues a listing with the cards an infinite scroll fetches', () => {
    const more = cardsHtml(200, 100);
    expect((more.match(/<li class="card/g) ?? []).length).toBe(100);
    expect(more).toContain('data-id="200"');
    expect(more).toContain('data-id="299"');
    expect(cardsHtml(200, 100)).toBe(more);
    const page = infiniteScrollPage(200, 100, 10, 300);
    expect(page).toContain("fetch('/more?from='");
    expect(page).toContain('window.__scrollDone=true');
  });

  it('has 50,000 text nodes on the many-nodes page, Chinese text on the long page, a small product page', () => {
    const nodes = manyTextNodesPage(50_000);
    // 5 text nodes per <div>: span, space, b, space, i
    expect((nodes.match(/<div>/g) ?? []).length * 5).toBe(50_000);
    expect(longChinesePage(400)).toMatch(/[\u4e00-\u9fff]{150}/);
    expect(Buffer.byteLength(productPage())).toBeLessThan(20_000);
  });
});

describe('naive regexes', () => {
  it('builds one RegExp per phrase (escaped) and per regex source of every rule, flags giu', () => {
    const rules = builtinRules().loaded.rules.map(toMatchRule);
    const res = naiveRegexes(rules);
    expect(res.length).toBe(rules.reduce((n, r) => n + r.patterns.phrases.length + r.patterns.regexes.length, 0));
    expect(res.every((r) => r.flags === 'giu')).toBe(true);
    const custom = naiveRegexes([{ ...rules[0]!, patterns: { phrases: ['a.b (c)?'], regexes: [{ source: 'x\\d+', anchors: ['x'] }] } }]);
    expect(custom.map((r) => r.source)).toEqual(['a\\.b \\(c\\)\\?', 'x\\d+']);
    expect('a.b (c)?'.match(custom[0]!)).not.toBeNull();
    expect('axb c'.match(custom[0]!)).toBeNull();
  });
});
