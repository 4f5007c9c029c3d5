// @vitest-environment happy-dom
/**
 * The content script walks pages through the text gate and keeps only some runs of text (issue 6).
 * On every held-out page and every benchmark page that must change nothing the user sees: the
 * same findings with the same counts, the same page type and language as keeping every run.
 * (`npm run eval` checks the same on the corpus's saved shop and phishing pages: eval/gate.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../../src/node/engine';
import { scanPage } from '../../../eval/gate';
import { listingPage, longChinesePage, manyTextNodesPage, productPage } from '../../../bench/pages';

const { compiled } = builtinRules();
const DIR = resolve(import.meta.dirname, '../../fixtures/heldout');
const expected = JSON.parse(readFileSync(resolve(DIR, 'expected.json'), 'utf8')) as { pages: Record<string, { url: string }> };

const pages: [string, string, string][] = [
  ...readdirSync(DIR)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f): [string, string, string] => [f, readFileSync(resolve(DIR, f), 'utf8'), expected.pages[f]?.url ?? 'https://shop.example/']),
  ['bench listing (300 cards)', listingPage(300), 'https://shop.example/search?q=t'],
  ['bench product', productPage(), 'https://shop.example/item/1'],
  ['bench long Chinese page', longChinesePage(120), 'https://shop.example/item/2'],
  ['bench many text nodes', manyTextNodesPage(3000), 'https://shop.example/'],
];

const scan = (html: string, url: string, gated: boolean) => scanPage(new DOMParser().parseFromString(html, 'text/html'), url, gated, compiled);

describe('gated extraction', () => {
  it.each(pages)('%s: same findings, page type and language as keeping every run', (_name, html, url) => {
    const all = scan(html, url, false);
    const gated = scan(html, url, true);
    expect(gated.findings).toEqual(all.findings);
    expect(gated.pageType).toBe(all.pageType);
    expect(gated.locale).toBe(all.locale);
  });

  it('keeps a fraction of the runs of an honest listing', () => {
    const all = scan(listingPage(300), 'https://shop.example/', false);
    const gated = scan(listingPage(300), 'https://shop.example/', true);
    expect(gated.kept).toBeLessThan(all.kept * 0.5);
  });
});
