import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  addRulePack,
  defineSettingsItem,
  disabledCategories,
  exportSettings,
  importSettings,
  isTrusted,
  loadSettings,
  migrateSettings,
  migrateV1toV2,
  migrateV2toV3,
  removeRulePack,
  saveSettings,
  setTrusted,
  settingsSchema,
  siteKey,
} from '../../../src/storage/settings';
import { CATEGORIES } from '../../../src/engine/types';

const DETECTORS = new Set<string>();
const BUILT_IN = new Set(['built-in-rule']);

function rule(overrides: Record<string, unknown> = {}) {
  return {
    id: 'my-rule',
    category: 'pressure-tactics',
    severity: 'low',
    locales: ['en'],
    title: { zh: '标题', en: 'Title' },
    patterns: { phrases: ['act now'] },
    explanation: { zh: '解释', en: 'Explanation' },
    examples: { match: ['act now'], noMatch: ['act later'] },
    ...overrides,
  };
}
const pack = (rules: unknown[], name = 'my pack') => JSON.stringify({ name, version: '1.0', rules });

describe('settings schema', () => {
  it('has defaults for everything', () => {
    expect(DEFAULT_SETTINGS.language).toBe('auto');
    expect(DEFAULT_SETTINGS.bannerLevel).toBe('warning');
    expect(Object.keys(DEFAULT_SETTINGS.categories).sort()).toEqual([...CATEGORIES].sort());
    expect(Object.values(DEFAULT_SETTINGS.categories).every(Boolean)).toBe(true);
    expect(DEFAULT_SETTINGS.trustedSites).toEqual([]);
  });

  it('repairs bad stored data field by field instead of failing', () => {
    const s = settingsSchema.parse({
      language: 'klingon',
      bannerLevel: 7,
      categories: { 'cash-out': false, bogus: true, 'card-shop': 'yes' },
      trustedSites: ['Shop.Example.com', 'not a host!', 42, 'shop.example.com'],
      customPacks: [{ name: 'broken' }],
    });
    expect(s.language).toBe('auto');
    expect(s.bannerLevel).toBe('warning');
    expect(s.categories['cash-out']).toBe(false);
    expect(s.categories['card-shop']).toBe(true);
    expect(s.trustedSites).toEqual(['shop.example.com']);
    expect(s.customPacks).toEqual([]);
  });
});

describe('migrations', () => {
  const v1 = { lang: 'zh-CN', showBanner: false, disabledCategories: ['trust-gap', 'nonsense'], whitelist: ['www.a.com', 'b.com'] };

  it('v1 → v2 keeps the user’s choices', () => {
    const s = migrateV1toV2(v1);
    expect(s.language).toBe('zh');
    expect(s.bannerLevel).toBe('off');
    expect(s.categories['trust-gap']).toBe(false);
    expect(s.categories['cash-out']).toBe(true);
    expect(s.trustedSites).toEqual(['b.com', 'www.a.com']);
  });

  it('v1 with garbage falls back to defaults', () => {
    expect(migrateV1toV2(null)).toEqual(DEFAULT_SETTINGS);
    expect(migrateV1toV2({ lang: 5, showBanner: 'x' }).language).toBe('auto');
  });

  it('v2 → v3 adds evidence settings with defaults and is idempotent', () => {
    expect(SETTINGS_VERSION).toBe(3);
    const v2 = { language: 'zh', bannerLevel: 'caution', categories: {}, trustedSites: ['b.com'], customPacks: [] };
    const v3 = migrateV2toV3(v2);
    expect(v3.evidence).toEqual({ fullPage: true, mhtml: false });
    expect(v3.language).toBe('zh');
    expect(v3.bannerLevel).toBe('caution');
    expect(v3.trustedSites).toEqual(['b.com']);
    const chosen = migrateV2toV3({ ...v2, evidence: { fullPage: false, mhtml: true } });
    expect(chosen.evidence).toEqual({ fullPage: false, mhtml: true });
    expect(migrateV2toV3(chosen)).toEqual(chosen);
    expect(migrateV2toV3(null).evidence).toEqual({ fullPage: true, mhtml: false });
    // a malformed evidence value is repaired field by field
    expect(migrateV2toV3({ evidence: { fullPage: 'yes', mhtml: true } }).evidence).toEqual({ fullPage: true, mhtml: true });
    expect(migrateV2toV3({ evidence: 7 }).evidence).toEqual({ fullPage: true, mhtml: false });
    // v1 goes through both steps
    expect(migrateSettings({ lang: 'en', showBanner: false }, 1)).toMatchObject({ language: 'en', bannerLevel: 'off', evidence: { fullPage: true, mhtml: false } });
    expect(DEFAULT_SETTINGS.evidence).toEqual({ fullPage: true, mhtml: false });
  });

  it('refuses versions it does not know', () => {
    expect(() => migrateSettings({}, SETTINGS_VERSION + 1)).toThrow(/newer/);
    expect(() => migrateSettings({}, 0)).toThrow(/unknown version/);
  });

  describe('in storage', () => {
    beforeEach(() => fakeBrowser.reset());

    it('migrates stored v1 data when the item is defined', async () => {
      await fakeBrowser.storage.local.set({ settings: v1, settings$: { v: 1 } });
      const item = defineSettingsItem();
      const value = await item.getValue();
      expect(value.language).toBe('zh');
      expect(value.bannerLevel).toBe('off');
      const stored = await fakeBrowser.storage.local.get(['settings', 'settings$']);
      expect(stored['settings$']).toEqual({ v: SETTINGS_VERSION });
      expect((stored.settings as { evidence: unknown }).evidence).toEqual({ fullPage: true, mhtml: false });
      expect((stored.settings as { trustedSites: string[] }).trustedSites).toEqual(['b.com', 'www.a.com']);
    });

    it('migrates stored v2 data to v3: evidence defaults added, everything else kept', async () => {
      const v2 = { language: 'en', bannerLevel: 'danger', categories: { 'cash-out': false }, trustedSites: ['a.com'], customPacks: [] };
      await fakeBrowser.storage.local.set({ settings: v2, settings$: { v: 2 } });
      const value = await defineSettingsItem().getValue();
      expect(value.evidence).toEqual({ fullPage: true, mhtml: false });
      expect(value.language).toBe('en');
      expect(value.bannerLevel).toBe('danger');
      expect(value.categories['cash-out']).toBe(false);
      expect(value.trustedSites).toEqual(['a.com']);
      const stored = await fakeBrowser.storage.local.get(['settings', 'settings$']);
      expect(stored['settings$']).toEqual({ v: 3 });
      expect((await loadSettings()).evidence).toEqual({ fullPage: true, mhtml: false });
    });

    it('stored data without a version is treated as v1', async () => {
      await fakeBrowser.storage.local.set({ settings: { lang: 'en' } });
      expect((await defineSettingsItem().getValue()).language).toBe('en');
    });

    it('save and load round-trip', async () => {
      const next = setTrusted(DEFAULT_SETTINGS, 'https://www.shop.example/x', true);
      await saveSettings(next);
      const loaded = await loadSettings();
      expect(loaded.trustedSites).toEqual(['shop.example']);
    });
  });
});

describe('trusted sites', () => {
  it('keys sites by host without www and scheme', () => {
    expect(siteKey('https://WWW.Shop.example:8080/path')).toBe('shop.example:8080');
    expect(siteKey('www.a.com')).toBe('a.com');
  });
  it('trusts and stops trusting', () => {
    const s = setTrusted(DEFAULT_SETTINGS, 'a.com', true);
    expect(isTrusted(s, 'https://www.a.com/')).toBe(true);
    expect(isTrusted(s, 'b.com')).toBe(false);
    expect(isTrusted(setTrusted(s, 'a.com', false), 'a.com')).toBe(false);
  });
  it('lists disabled categories', () => {
    const s = { ...DEFAULT_SETTINGS, categories: { ...DEFAULT_SETTINGS.categories, 'cash-out': false } };
    expect(disabledCategories(s)).toEqual(['cash-out']);
  });
});

describe('custom rule packs', () => {
  it('imports a valid pack', () => {
    const r = addRulePack(DEFAULT_SETTINGS, pack([rule()]), DETECTORS, BUILT_IN, 1000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.customPacks).toHaveLength(1);
    expect(r.value.customPacks[0]).toMatchObject({ name: 'my pack', version: '1.0', importedAt: 1000 });
    expect(removeRulePack(r.value, 'my pack').customPacks).toEqual([]);
  });

  it('names the rule and the field of a schema error', () => {
    const r = addRulePack(DEFAULT_SETTINGS, pack([rule({ severity: 'extreme' })]), DETECTORS, BUILT_IN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.join('\n')).toMatch(/rule "my-rule": severity:/);
  });

  it('refuses unsafe regexes, naming the rule and the field', () => {
    const r = addRulePack(DEFAULT_SETTINGS, pack([rule({ patterns: { regexes: [{ source: '(?:a+)+b', anchors: ['a'] }] } })]), DETECTORS, BUILT_IN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatch(/^rule "my-rule": patterns\.regexes\.0\.source: /);
  });

  it('refuses ids of built-in rules and of other packs', () => {
    const clash = addRulePack(DEFAULT_SETTINGS, pack([rule({ id: 'built-in-rule' })]), DETECTORS, BUILT_IN);
    expect(clash.ok ? [] : clash.problems).toEqual(['rule "built-in-rule": id: already used by a built-in rule']);
    const first = addRulePack(DEFAULT_SETTINGS, pack([rule()], 'one'), DETECTORS, BUILT_IN);
    if (!first.ok) throw new Error('first pack should import');
    const second = addRulePack(first.value, pack([rule()], 'two'), DETECTORS, BUILT_IN);
    expect(second.ok ? [] : second.problems).toEqual(['rule "my-rule": id: already used by another custom pack']);
  });

  it('says what is wrong with a file that is not JSON', () => {
    const r = addRulePack(DEFAULT_SETTINGS, '{oops', DETECTORS, BUILT_IN);
    expect(r.ok ? '' : r.problems[0]).toMatch(/^pack: not valid JSON/);
  });
});

describe('export and import', () => {
  it('round-trips', () => {
    const withPack = addRulePack(setTrusted(DEFAULT_SETTINGS, 'a.com', true), pack([rule()]), DETECTORS, BUILT_IN);
    if (!withPack.ok) throw new Error('pack should import');
    const s = { ...withPack.value, language: 'zh' as const, bannerLevel: 'danger' as const };
    const back = importSettings(exportSettings(s));
    expect(back).toEqual({ ok: true, value: s });
  });

  it('migrates an exported v1 file', () => {
    const text = JSON.stringify({ format: 'shop-sentinel-settings', version: 1, settings: { lang: 'en', whitelist: ['x.com'] } });
    const r = importSettings(text);
    expect(r.ok && r.value.language).toBe('en');
    expect(r.ok && r.value.trustedSites).toEqual(['x.com']);
  });

  it('rejects files that are not settings, with clear messages', () => {
    expect(importSettings('nope')).toMatchObject({ ok: false, problems: [expect.stringMatching(/not valid JSON/)] });
    const wrong = importSettings(JSON.stringify({ format: 'other', version: 2, settings: {} }));
    expect(wrong.ok ? '' : wrong.problems.join()).toMatch(/settings file: format/);
    const future = importSettings(JSON.stringify({ format: 'shop-sentinel-settings', version: 99, settings: {} }));
    expect(future.ok ? '' : future.problems.join()).toMatch(/newer/);
  });

  it('rejects a current-version file with an invalid custom pack', () => {
    const text = JSON.stringify({ format: 'shop-sentinel-settings', version: SETTINGS_VERSION, settings: { customPacks: [{ name: 'x', importedAt: 1, rules: [] }] } });
    const r = importSettings(text);
    expect(r.ok ? '' : r.problems.join()).toMatch(/customPacks/);
  });
});
