import { describe, expect, it } from 'vitest';
import { PAGE_STRING_TABLE, CATEGORY_NAMES, LEVEL_NAMES, brandName } from '../../../src/i18n/page-strings';
import { UI_STRING_TABLE, uiString } from '../../../src/i18n/ui-strings';
import { fillPlaceholders, resolveLocale } from '../../../src/i18n/locale';
import { CATEGORIES, LEVELS } from '../../../src/engine/types';
import { TECHNIQUES, TECHNIQUE_LABELS } from '../../../src/domains';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('strings', () => {
  it.each([
    ['page', PAGE_STRING_TABLE],
    ['ui', UI_STRING_TABLE],
  ])('%s strings: same keys and placeholders in zh and en, none empty', (_name, table) => {
    expect(Object.keys(table.zh).sort()).toEqual(Object.keys(table.en).sort());
    for (const key of Object.keys(table.en)) {
      expect(table.en[key]!.trim(), key).not.toBe('');
      expect(table.zh[key]!.trim(), key).not.toBe('');
      expect(placeholders(table.zh[key]!), key).toEqual(placeholders(table.en[key]!));
    }
  });

  it('names every category, level and lookalike technique in both languages', () => {
    for (const c of CATEGORIES) expect(CATEGORY_NAMES[c].zh && CATEGORY_NAMES[c].en).toBeTruthy();
    for (const l of LEVELS) expect(LEVEL_NAMES[l].zh && LEVEL_NAMES[l].en).toBeTruthy();
    for (const t of TECHNIQUES) expect(TECHNIQUE_LABELS[t]?.zh && TECHNIQUE_LABELS[t]?.en, t).toBeTruthy();
  });

  it('has a label for every page type', () => {
    for (const t of ['product', 'checkout', 'payment', 'article', 'other']) {
      expect(UI_STRING_TABLE.en[`pageType_${t}`]).toBeTruthy();
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(uiString('en', 'points', { points: 12 })).toBe('+12 points');
    expect(fillPlaceholders('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('follows the browser unless the user picked a language', () => {
    expect(resolveLocale('auto', 'zh-CN')).toBe('zh');
    expect(resolveLocale('auto', 'zh-TW')).toBe('zh');
    expect(resolveLocale('auto', 'en-US')).toBe('en');
    expect(resolveLocale('auto', 'de')).toBe('en');
    expect(resolveLocale('auto', undefined)).toBe('en');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('zh', 'en')).toBe('zh');
  });

  it('shows a bilingual brand name in the reader’s language', () => {
    expect(brandName('Alipay / 支付宝', 'zh')).toBe('支付宝');
    expect(brandName('Alipay / 支付宝', 'en')).toBe('Alipay');
    expect(brandName('PayPal', 'zh')).toBe('PayPal');
  });
});
