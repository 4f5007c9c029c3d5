import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreFindings } from '../../../src/engine/score';
import { CATEGORIES, SEVERITIES, type Finding } from '../../../src/engine/types';

const finding = (category: Finding['category'], severity: Finding['severity'], occurrences = 1, ruleId = `${category}-${severity}`): Finding => ({
  ruleId,
  category,
  severity,
  occurrences,
  excerpt: { before: '', match: 'x', after: '' },
  locator: { segment: 0, start: 0, end: 1, path: '' },
});

describe('scoreFindings', () => {
  it('is safe with no findings', () => {
    expect(scoreFindings([])).toMatchObject({ score: 0, level: 'safe', contributions: [] });
  });
  it('makes a confirmed payment spoof dangerous on its own', () => {
    expect(scoreFindings([finding('payment-spoof', 'critical')]).level).toBe('danger');
  });
  it('never lets soft categories alone reach warning, however many', () => {
    const soft = Array.from({ length: 30 }, (_, i) => finding(i % 2 ? 'pressure-tactics' : 'trust-gap', 'high', 6, `r${i}`));
    const r = scoreFindings(soft);
    expect(r.score).toBeLessThan(40);
  });
  it('counts repeats of a category less than new categories', () => {
    const same = scoreFindings([finding('unfair-terms', 'medium', 1, 'a'), finding('unfair-terms', 'medium', 1, 'b')]).score;
    const diff = scoreFindings([finding('unfair-terms', 'medium', 1, 'a'), finding('cash-out', 'medium', 1, 'b')]).score;
    expect(same).toBeLessThan(diff);
  });
  it('explains every point: contributions sum to the score, score within 0-100 (property)', () => {
    const arb = fc.array(
      fc.record({ category: fc.constantFrom(...CATEGORIES), severity: fc.constantFrom(...SEVERITIES), occurrences: fc.integer({ min: 1, max: 60 }) }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (list) => {
        const fs = list.map((f, i) => finding(f.category, f.severity, f.occurrences, `r${i}`));
        const r = scoreFindings(fs);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.contributions.reduce((n, c) => n + c.points, 0)).toBe(r.score);
        for (const c of r.contributions) expect(fs[c.finding]!.ruleId).toBe(c.ruleId);
        const softOnly = fs.every((f) => f.category === 'pressure-tactics' || f.category === 'trust-gap');
        if (softOnly) expect(r.level === 'safe' || r.level === 'caution').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
