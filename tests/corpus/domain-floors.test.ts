/**
 * Floors for the domain checks on ../shared/corpus (issue 3). Skipped when the corpus is absent.
 * Official registry domains all official; Tranco top 10k: at most 10 look-alikes; phishing hosts that
 * carry a registry payment brand: overall recall ≥ 90% (the per-brand figures are printed; brands with
 * at least 20 rows have regression floors — see eval/domains.ts for which rows count and why).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalDomains, formatDomainEval, type DomainEvalResult } from '../../eval/domains';

const corpus = resolve(process.env.SHOP_SENTINEL_CORPUS ?? resolve(import.meta.dirname, '../../../shared/corpus'));
const present = existsSync(resolve(corpus, 'tranco-top10k')) && existsSync(resolve(corpus, 'phishing-payment-brands'));

/** per-brand floors (brands with ≥ 20 counted rows), set a little under the measured recall */
const BRAND_FLOORS: Record<string, number> = { 'amazon-pay': 0.9, paypal: 0.9, taobao: 0.9, ebay: 0.9, paypay: 0.9, aliexpress: 0.9, visa: 0.9, apple: 0.9 };

describe.skipIf(!present)('domain floors on the corpus', () => {
  let result: DomainEvalResult;
  it('runs the evaluation', async () => {
    result = await evalDomains(corpus);
    console.log(formatDomainEval(result));
  }, 300_000);
  it('every official registry domain classifies official', () => {
    expect(result.official.failures).toEqual([]);
    expect(result.official.total).toBeGreaterThan(300);
  });
  it('Tranco top 10k: at most 10 hosts called lookalike', () => {
    expect(result.tranco.total).toBe(10_000);
    expect(result.tranco.lookalikes.length).toBeLessThanOrEqual(10);
  });
  it('phishing hosts carrying a payment brand: overall recall ≥ 90%', () => {
    expect(result.phishing.overall.total).toBeGreaterThan(300);
    expect(result.phishing.overall.recall).toBeGreaterThanOrEqual(0.9);
    for (const b of result.phishing.perBrand) if (b.total >= 20) expect(b.recall, b.brandId).toBeGreaterThanOrEqual(BRAND_FLOORS[b.brandId] ?? 0.9);
  });
  it('legitimate saved shop pages get no payment-spoof finding', () => {
    if (result.legit.available) expect(result.legit.flagged).toEqual([]);
  });
  it('synthetic Chinese look-alikes: recall ≥ 97%', () => {
    expect(result.synthetic.recall).toBeGreaterThanOrEqual(0.97);
  });
});
