/**
 * Property tests of the whole scan with the built-in rules: any text, in any zone, on any page type,
 * never throws, stays within 0-100, explains every point, and takes bounded time.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeSnapshot, snapshotFromText } from '../../../src/engine/analyze';
import { builtinRules } from '../../../src/node/engine';
import { PAGE_TYPES, ZONES } from '../../../src/engine/types';

const { compiled } = builtinRules();
const words = ['最佳', '国家级', '卡密', '自动发货', '套现', '花呗', '概不退换', '仅剩', '件', 'only', 'left', 'guaranteed', 'results', '支付宝', '密码', '私下转账', '\u200b', '\u202e', 'Ｑ币', ' ', '，', '1', '99'];
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(fc.constantFrom(...words), { maxLength: 120 }).map((a) => a.join('')),
);

describe('scan properties', () => {
  it('never throws; score in 0-100; contributions explain the score', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom(...ZONES), fc.constantFrom(...PAGE_TYPES), fc.constantFrom('zh', 'en', ''), (text, zone, pageType, lang) => {
        const r = analyzeSnapshot(snapshotFromText(text, { zone, lang }), compiled, { pageType });
        expect(r.report.score).toBeGreaterThanOrEqual(0);
        expect(r.report.score).toBeLessThanOrEqual(100);
        expect(r.report.contributions.reduce((n, c) => n + c.points, 0)).toBe(r.report.score);
        for (const f of r.findings) {
          expect(f.locator.start).toBeLessThanOrEqual(f.locator.end);
          if (f.locator.segment >= 0) expect(text.length === 0 || f.locator.end <= Math.max(text.length, 500)).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });
  it('takes time linear in the text (hostile repetition of every anchor)', () => {
    const unit = words.join(' ');
    const small = unit.repeat(100);
    const big = unit.repeat(2000);
    const time = (t: string) => {
      const t0 = performance.now();
      analyzeSnapshot(snapshotFromText(t), compiled);
      return performance.now() - t0;
    };
    time(small);
    const a = Math.max(time(small), 1);
    const b = time(big);
    // 20x the text may cost at most ~60x (generous: GC and JIT noise), never quadratic (400x)
    expect(b / a).toBeLessThan(60);
  });
});
