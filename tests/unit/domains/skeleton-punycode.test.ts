import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { domainToASCII, domainToUnicode } from 'node:url';
import { decodePunycode, decodeHostLabels } from '../../../src/domains/punycode';
import { describeSkeletonDiff, skeletonOf } from '../../../src/domains/skeleton';
import { oneEdit } from '../../../src/domains/edit-distance';
import confusables from '../../../src/domains/data/confusables.json';
import { trimConfusables } from '../../../scripts/build-confusables';

describe('punycode', () => {
  it('decodes known labels', () => {
    expect(decodePunycode('pypal-4ve')).toBe('pаypal');
    expect(decodeHostLabels('xn--fiqs8s.xn--55qx5d.cn')).toBe(domainToUnicode('xn--fiqs8s.xn--55qx5d.cn'));
    expect(decodePunycode('!!!')).toBeNull();
  });
  it('agrees with Node for any Unicode label (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), (s) => {
        const ascii = domainToASCII(`${s}.com`);
        if (!ascii) return true;
        return decodeHostLabels(ascii) === domainToUnicode(ascii);
      }),
      { numRuns: 300 },
    );
  });
});

describe('skeleton', () => {
  it('folds TR39 confusables and the ASCII look-alikes', () => {
    expect(skeletonOf('раypаl').skeleton).toBe(skeletonOf('paypal').skeleton);
    expect(skeletonOf('arnazon').skeleton).toBe(skeletonOf('amazon').skeleton);
    expect(skeletonOf('vvechat').skeleton).toBe(skeletonOf('wechat').skeleton);
    expect(skeletonOf('a1ipay').skeleton).toBe(skeletonOf('alipay').skeleton);
    expect(skeletonOf('ta0bao').skeleton).toBe(skeletonOf('taobao').skeleton);
    expect(skeletonOf('ａｌｉｐａｙ').skeleton).toBe('alipay');
    expect(skeletonOf('alípay').skeleton).toBe('alipay');
    expect(skeletonOf('alipay').skeleton).not.toBe(skeletonOf('alipey').skeleton);
  });
  it('names the differing characters', () => {
    expect(describeSkeletonDiff(skeletonOf('pаypal'), skeletonOf('paypal'))).toBe('а (U+0430 CYRILLIC) → a');
    expect(describeSkeletonDiff(skeletonOf('arnazon'), skeletonOf('amazon'))).toBe('rn → m');
    expect(describeSkeletonDiff(skeletonOf('paypa1'), skeletonOf('paypal'))).toBe('1 → l');
  });
  it('the committed confusables file says where it comes from and covers Cyrillic/Greek/fullwidth', () => {
    expect(confusables.origin).toMatch(/Unicode Technical Standard #39/);
    expect(confusables.licence).toMatch(/Unicode/);
    const map = confusables.map as unknown as Record<string, [string, string]>;
    expect(map['0430']?.[0]).toBe('a');
    expect(map['03BF']?.[0]).toBe('o');
    expect(map['FF41']?.[0]).toBe('a');
    expect(map['044C']?.[0]).toBe('b'); // lower-case form of a confusable capital
  });
  it('the trimmer keeps single non-ASCII code points with an ASCII prototype only', () => {
    const sample = [
      '# Version: 14.0.0',
      '0430 ;\t0061 ;\tMA\t# ( а → a ) CYRILLIC SMALL LETTER A → LATIN SMALL LETTER A\t#',
      '0031 ;\t006C ;\tMA\t# ( 1 → l ) DIGIT ONE → LATIN SMALL LETTER L\t#',
      '05AD ;\t0596 ;\tMA\t# ( ֭ → ֖ ) HEBREW ACCENT DEHI → HEBREW ACCENT TIPEHA\t#',
    ].join('\n');
    const out = trimConfusables(sample, '14.0.0');
    expect(out.map).toEqual({ '0430': ['a', 'CYRILLIC'] });
  });
});

describe('oneEdit', () => {
  it('finds exactly one edit and names it', () => {
    expect(oneEdit('alipy', 'alipay')).toMatchObject({ kind: 'deletion', diff: 'missing a' });
    expect(oneEdit('alipaay', 'alipay')).toMatchObject({ kind: 'insertion', diff: 'extra a' });
    expect(oneEdit('alipax', 'alipay')).toMatchObject({ kind: 'substitution', diff: 'x → y' });
    expect(oneEdit('aliapy', 'alipay')).toMatchObject({ kind: 'swap' });
    expect(oneEdit('alipay', 'alipay')).toBeNull();
    expect(oneEdit('aliqqy', 'alipay')).toBeNull();
  });
  it('agrees with a brute-force Damerau check (property)', () => {
    const brute = (a: string, b: string) => {
      if (a === b) return false;
      const alphabet = 'abcxy';
      const variants = new Set<string>();
      for (let i = 0; i <= b.length; i++) {
        for (const c of alphabet) variants.add(b.slice(0, i) + c + b.slice(i));
        if (i < b.length) {
          variants.add(b.slice(0, i) + b.slice(i + 1));
          for (const c of alphabet) variants.add(b.slice(0, i) + c + b.slice(i + 1));
          if (i + 1 < b.length) variants.add(b.slice(0, i) + b[i + 1] + b[i] + b.slice(i + 2));
        }
      }
      return variants.has(a);
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[abcxy]{0,6}$/), fc.stringMatching(/^[abcxy]{0,6}$/), (a, b) => (oneEdit(a, b) !== null) === brute(a, b)),
      { numRuns: 2000 },
    );
  });
});
