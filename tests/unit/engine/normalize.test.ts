import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizedTextOf, normalizeText, toOriginalRange } from '../../../src/engine/normalize';

describe('normalizeText', () => {
  it('folds full width, case and white space', () => {
    expect(normalizeText('Ｇｕａｒａｎｔｅｅｄ  RESULTS\u3000１００％').text).toBe('guaranteed results 100%');
  });
  it('removes zero-width, bidi and soft hyphens', () => {
    expect(normalizeText('最\u200b佳\u202e\u00ad产\ufeff品').text).toBe('最佳产品');
  });
  it('folds Cyrillic and Greek look-alikes to Latin', () => {
    expect(normalizeText('gu\u0430r\u0430nt\u0435\u0435d mirac\u0142e').text.startsWith('guaranteed')).toBe(true);
    expect(normalizeText('\u0440\u0430ypal').text).toBe('paypal');
  });
  it('strips combining marks', () => {
    expect(normalizeText('cure\u0301s').text).toBe('cures');
  });
  it('maps every normalized character back to the original', () => {
    const src = 'ab\u200bＣＤ  e😀f';
    const n = normalizeText(src);
    expect(n.text).toBe('abcd e😀f');
    const r = toOriginalRange(n, 2, 4);
    expect(src.slice(r.start, r.end)).toBe('ＣＤ');
    const emoji = n.text.indexOf('😀');
    const r2 = toOriginalRange(n, emoji, emoji + 2);
    expect(src.slice(r2.start, r2.end)).toBe('😀');
  });
  it('keeps the offset map valid for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const n = normalizeText(s);
        const map = n.map ?? Uint32Array.from({ length: n.text.length + 1 }, (_, i) => i);
        let prev = 0;
        for (let i = 0; i < n.text.length; i++) {
          const o = map[i]!;
          expect(o).toBeGreaterThanOrEqual(prev);
          expect(o).toBeLessThan(s.length);
          prev = o;
        }
        if (n.map) expect(n.map[n.text.length]).toBe(s.length);
        for (let i = 0; i < n.text.length; i++) {
          const r = toOriginalRange(n, i, i + 1);
          expect(r.end).toBeGreaterThan(r.start);
          expect(r.end).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 500 },
    );
  });
  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (s) => {
        const once = normalizeText(s).text;
        expect(normalizeText(once).text).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe('normalizedTextOf (matching without the offset map)', () => {
  const chars = fc.constantFrom('a', 'B', 'Z', ' ', '\t', '\n', '\r', '\v', '\f', '  ', '1', '!', '~', '\x01', '\x7f', 'é', 'Ａ', '包', '\u200b', '\u00a0', '٠', '，', '。', 'ｈ', 'Ｑ', '\u3000', '！', '〜', '、', '\u3037', '\u3038', '\u33ff', '¥', '£', '€', '©', '®', '°', '·', '×', '÷', '½', 'ª', '²', 'µ');
  it('gives exactly the text normalizeText gives, ASCII or not', () => {
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 60 }), fc.string({ maxLength: 40 }), (parts, extra) => {
        for (const input of [parts.join(''), extra, parts.join('') + extra]) expect(normalizedTextOf(input)).toBe(normalizeText(input).text);
      }),
      { numRuns: 500 },
    );
  });
});
