/**
 * The settings page: language, banner level, categories, trusted sites, custom rule packs,
 * export / import. Every change is saved at once; the background tells open pages to rescan.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import builtInTexts from 'virtual:shop-sentinel/rule-texts';
import { CATEGORIES, type Category } from '../engine/types';
import { KNOWN_DETECTORS } from '../engine/detectors';
import { CATEGORY_NAMES } from '../i18n/page-strings';
import { uiString, type UiStringKey } from '../i18n/ui-strings';
import {
  addRulePack,
  exportSettings,
  importSettings,
  loadSettings,
  removeRulePack,
  saveSettings,
  setTrusted,
  siteKey,
  BANNER_LEVELS,
  type BannerLevel,
  type Settings,
} from '../storage/settings';
import { useLocale } from './use-locale';
import { ShieldLogo } from './icons';

const BUILT_IN_IDS: ReadonlySet<string> = new Set(builtInTexts.map((t) => t.id));
const BANNER_KEYS: Record<BannerLevel, UiStringKey> = {
  caution: 'bannerCaution',
  warning: 'bannerWarning',
  danger: 'bannerDanger',
  off: 'bannerOff',
};
const HOST = /^[a-z0-9.-]+(?::\d{1,5})?$/;

/** MHTML needs the optional pageCapture permission, which only the Chrome build declares. */
function mhtmlSupported(): boolean {
  try {
    const optional = (browser.runtime.getManifest() as { optional_permissions?: string[] }).optional_permissions ?? [];
    return optional.includes('pageCapture');
  } catch {
    return false;
  }
}

function readFile(file: File): Promise<string> {
  return file.text();
}

function Problems({ title, problems }: { title: string; problems: string[] }) {
  if (!problems.length) return null;
  return (
    <div class="problems" role="alert" data-testid="problems">
      {title}
      <ul>
        {problems.slice(0, 30).map((p) => (
          <li key={p}>{p}</li>
        ))}
        {problems.length > 30 && <li>… +{problems.length - 30}</li>}
      </ul>
    </div>
  );
}

export function OptionsApp() {
  const locale = useLocale();
  const t = (k: UiStringKey, v?: Record<string, string | number>) => uiString(locale, k, v);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState('');
  const [packProblems, setPackProblems] = useState<string[]>([]);
  const [importProblems, setImportProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    void loadSettings().then(setSettings);
  }, []);

  const save = async (next: Settings, message = t('saved')) => {
    setSettings(await saveSettings(next));
    setNotice(message);
    setTimeout(() => setNotice(''), 2000);
  };

  if (!settings) return <div class="options">…</div>;

  const addSite = () => {
    const host = siteKey(site);
    if (!HOST.test(host)) return setSiteError(t('invalidHost', { host: site }));
    setSiteError('');
    setSite('');
    void save(setTrusted(settings, host, true));
  };

  const onPackFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = addRulePack(settings, await readFile(file), KNOWN_DETECTORS, BUILT_IN_IDS);
    if (!result.ok) return setPackProblems(result.problems);
    setPackProblems([]);
    const added = result.value.customPacks[result.value.customPacks.length - 1]!;
    void save(result.value, t('packImported', { name: added.name }));
  };

  const onSettingsFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = importSettings(await readFile(file));
    if (!result.ok) return setImportProblems(result.problems);
    setImportProblems([]);
    void save(result.value, t('settingsImported'));
  };

  const download = () => {
    const blob = new Blob([exportSettings(settings)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `shop-sentinel-settings-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
  };

  const setEvidence = (patch: Partial<Settings['evidence']>) => save({ ...settings, evidence: { ...settings.evidence, ...patch } });

  /** Switching MHTML on asks for the permission (must run inside the click); off gives it back. */
  const onMhtml = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const on = input.checked;
    if (!on) {
      void browser.permissions.remove({ permissions: ['pageCapture'] }).catch(() => false);
      void setEvidence({ mhtml: false });
      return;
    }
    input.checked = false; // until the browser says yes
    void browser.permissions
      .request({ permissions: ['pageCapture'] })
      .catch(() => false)
      .then((granted) => {
        if (granted) return setEvidence({ mhtml: true });
        setNotice(t('evidenceMhtmlDenied'));
        setTimeout(() => setNotice(''), 4000);
      });
  };

  const setCategory = (c: Category, on: boolean) => void save({ ...settings, categories: { ...settings.categories, [c]: on } });

  return (
    <div class="options">
      <h1>
        <ShieldLogo class="" />
        {t('settingsTitle')}
        {notice && <span class="ok" role="status">{notice}</span>}
      </h1>

      <section class="section">
        <h2>{t('sectionGeneral')}</h2>
        <div class="field">
          <label for="language">{t('language')}</label>
          <select id="language" value={settings.language} onChange={(e) => void save({ ...settings, language: (e.currentTarget as HTMLSelectElement).value as Settings['language'] })}>
            <option value="auto">{t('languageAuto')}</option>
            <option value="zh">{t('languageZh')}</option>
            <option value="en">{t('languageEn')}</option>
          </select>
        </div>
        <div class="field">
          <label for="banner-level">{t('bannerLevel')}</label>
          <select id="banner-level" value={settings.bannerLevel} onChange={(e) => void save({ ...settings, bannerLevel: (e.currentTarget as HTMLSelectElement).value as BannerLevel })}>
            {BANNER_LEVELS.map((l) => (
              <option value={l} key={l}>{t(BANNER_KEYS[l])}</option>
            ))}
          </select>
        </div>
        <p class="hint">{t('bannerLevelHint')}</p>
      </section>

      <section class="section" data-testid="evidence-settings">
        <h2>{t('sectionEvidence')}</h2>
        <label class="row-gap">
          <input type="checkbox" id="evidence-full-page" checked={settings.evidence.fullPage} onChange={(e) => void setEvidence({ fullPage: (e.currentTarget as HTMLInputElement).checked })} />
          {t('evidenceFullPage')}
        </label>
        {mhtmlSupported() ? (
          <>
            <label class="row-gap">
              <input type="checkbox" id="evidence-mhtml" checked={settings.evidence.mhtml} onChange={onMhtml} />
              {t('evidenceMhtml')}
            </label>
            <p class="hint" role="note">{t('evidenceMhtmlWarning')}</p>
          </>
        ) : (
          <p class="hint">{t('evidenceMhtmlUnsupported')}</p>
        )}
      </section>

      <section class="section">
        <h2>{t('sectionCategories')}</h2>
        <p class="hint">{t('categoriesHint')}</p>
        <div class="cats">
          {CATEGORIES.map((c) => (
            <label key={c}>
              <input type="checkbox" name={c} checked={settings.categories[c]} onChange={(e) => setCategory(c, (e.currentTarget as HTMLInputElement).checked)} />
              {CATEGORY_NAMES[c][locale]}
            </label>
          ))}
        </div>
      </section>

      <section class="section">
        <h2>{t('sectionTrusted')}</h2>
        <p class="hint">{t('trustedHint')}</p>
        {settings.trustedSites.length === 0 ? (
          <p class="empty">{t('trustedEmpty')}</p>
        ) : (
          <ul class="list" data-testid="trusted-list">
            {settings.trustedSites.map((h) => (
              <li key={h}>
                <code class="grow">{h}</code>
                <button onClick={() => void save(setTrusted(settings, h, false))}>{t('remove')}</button>
              </li>
            ))}
          </ul>
        )}
        <div class="row-gap">
          <input
            type="text"
            id="trusted-host"
            placeholder={t('addSitePlaceholder')}
            value={site}
            onInput={(e) => setSite((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={(e) => e.key === 'Enter' && addSite()}
            style="padding:6px 9px;border:1px solid #cbd5e0;border-radius:8px;min-width:240px"
          />
          <button onClick={addSite}>{t('addSite')}</button>
        </div>
        {siteError && <div class="problems">{siteError}</div>}
      </section>

      <section class="section">
        <h2>{t('sectionPacks')}</h2>
        <p class="hint">{t('packsHint')}</p>
        {settings.customPacks.length === 0 ? (
          <p class="empty">{t('packsEmpty')}</p>
        ) : (
          <ul class="list" data-testid="pack-list">
            {settings.customPacks.map((p) => (
              <li key={p.name}>
                <span class="grow">
                  <b>{p.name}</b> {p.version && <code>v{p.version}</code>} · {t('packRules', { count: p.rules.length })}
                </span>
                <button onClick={() => void save(removeRulePack(settings, p.name))}>{t('remove')}</button>
              </li>
            ))}
          </ul>
        )}
        <label class="row-gap">
          <input type="file" id="pack-file" accept=".json,application/json" onChange={(e) => void onPackFile(e)} />
        </label>
        <Problems title={t('packProblems')} problems={packProblems} />
      </section>

      <section class="section">
        <h2>{t('sectionBackup')}</h2>
        <div class="row-gap">
          <button onClick={download}>{t('exportSettings')}</button>
          <label class="row-gap">
            {t('importSettings')}
            <input type="file" id="settings-file" accept=".json,application/json" onChange={(e) => void onSettingsFile(e)} />
          </label>
        </div>
        <Problems title={t('settingsProblems')} problems={importProblems} />
      </section>
    </div>
  );
}
