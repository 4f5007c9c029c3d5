/**
 * The measured floors of issue 2 for the text rule packs, on ../shared/corpus (skipped when the
 * corpus is not there). Prints the figures; see eval/text.ts for how each is measured.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evalText, formatTextEval, FLOORS, type TextEvalResult } from '../../eval/text';

const corpus = resolve(process.env.SHOP_SENTINEL_CORPUS ?? resolve(import.meta.dirname, '../../../shared/corpus'));
const present = existsSync(corpus);

if (!present) console.warn(`text floors skipped: corpus not found at ${corpus} (set SHOP_SENTINEL_CORPUS)`);

describe.skipIf(!present)('text rule floors on the evaluation corpus', () => {
  let result: TextEvalResult;

  beforeAll(async () => {
    result = await evalText(corpus);
    console.log(formatTextEval(result));
  }, 600_000);

  it('flags ≥ 85 % of Mathur low-stock, countdown, activity, limited-time and high-demand strings as pressure-tactics', () => {
    const m = result.mathur;
    if (!m) return expect.fail('mathur-dark-patterns missing from the corpus');
    expect(m.overall.total).toBeGreaterThan(1000);
    expect(m.overall.rate).toBeGreaterThanOrEqual(FLOORS.mathurPressureRecall);
  });

  it('keeps every one of the 22 legit shop pages below warning (score < 40)', () => {
    const l = result.legit;
    if (!l) return expect.fail('ecommerce-html-legit missing from the corpus');
    expect(l.pages.length).toBe(22);
    const over = l.pages.filter((p) => p.score >= FLOORS.legitMaxScore).map((p) => `${p.file}: ${p.score}`);
    expect(over).toEqual([]);
  });

  it('gives ≤ 1 % of normal telecom texts a finding of severity medium or higher', () => {
    const t = result.telecom;
    if (!t) return expect.fail('zh-telecom-fraud-texts missing from the corpus');
    expect(t.normal.total).toBeGreaterThan(7000);
    expect(t.normal.rate).toBeLessThanOrEqual(FLOORS.telecomNormalMediumShare);
  });
});
