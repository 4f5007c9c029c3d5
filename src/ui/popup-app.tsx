/**
 * The popup: score gauge and level, findings grouped by category (quote, explanation, legal basis,
 * "Show on page"), trust / stop trusting, "Save evidence", settings link. `?tabId=N` shows tab N.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Locale } from '../engine/types';
import { FIRST_TEXT_KEY, type TabReportView } from '../messaging/protocol';
import { sendToBackground } from '../messaging/send';
import { CATEGORY_NAMES } from '../i18n/page-strings';
import { uiString, type UiStringKey } from '../i18n/ui-strings';
import { useLocale } from './use-locale';
import { ScoreGauge } from './score-gauge';
import { FindingsByCategory } from './findings-by-category';
import { StatePanel } from './state-panel';
import { ShieldLogo } from './icons';
import { saveEvidence } from './save-evidence';
import { CoverageNote } from './coverage-note';

type Load =
  | { status: 'loading' }
  | { status: 'unsupported'; url: string }
  | { status: 'none'; tabId: number }
  | { status: 'ready'; view: TabReportView }
  | { status: 'error'; error: string };

const LEVEL_KEYS: Record<TabReportView['report']['level'], UiStringKey> = {
  safe: 'levelSafe',
  caution: 'levelCaution',
  warning: 'levelWarning',
  danger: 'levelDanger',
};

export function tabIdFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d{1,10}$/.test(raw)) return null;
  return Number(raw);
}

async function resolveTab(search: string): Promise<{ id: number; url: string } | null> {
  const fromQuery = tabIdFromSearch(search);
  if (fromQuery !== null) {
    const tab = await browser.tabs.get(fromQuery).catch(() => null);
    return { id: fromQuery, url: tab?.url ?? '' };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id !== undefined ? { id: tab.id, url: tab.url ?? '' } : null;
}

export function PopupApp({ search = location.search, wide = false }: { search?: string; wide?: boolean }) {
  const locale = useLocale();
  const t = (k: UiStringKey, v?: Record<string, string | number>) => uiString(locale, k, v);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [toast, setToast] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const flash = (text: string) => {
    setToast(text);
    setTimeout(() => setToast(null), 2600);
  };

  const refresh = useCallback(async () => {
    try {
      const tab = await resolveTab(search);
      if (!tab) return setLoad({ status: 'error', error: 'no active tab' });
      if (tab.url && !/^https?:/i.test(tab.url)) return setLoad({ status: 'unsupported', url: tab.url });
      const view = await sendToBackground('get-tab-report', { tabId: tab.id });
      setLoad(view ? { status: 'ready', view } : { status: 'none', tabId: tab.id });
    } catch (e) {
      setLoad({ status: 'error', error: (e as Error).message });
    }
  }, [search]);

  useEffect(() => {
    void refresh();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && Object.keys(changes).some((k) => k.startsWith('tab:'))) void refresh();
      if (area === 'local' && 'settings' in changes) void refresh();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [refresh]);

  const show = async (indexes: number[]) => {
    if (load.status !== 'ready') return;
    try {
      const { shown } = await sendToBackground('show-on-page', { tabId: load.view.tabId, findings: indexes });
      flash(shown ? t('shownOnPage') : t('notOnPage'));
    } catch {
      flash(t('notOnPage'));
    }
  };

  const toggleTrust = async () => {
    if (load.status !== 'ready') return;
    await sendToBackground('set-trust', { host: load.view.host, trusted: !load.view.trusted });
    await refresh();
  };

  const onSave = async () => {
    const tabId = load.status === 'ready' ? load.view.tabId : load.status === 'none' ? load.tabId : null;
    if (tabId === null) return;
    setSaving(true);
    const outcome = await saveEvidence(tabId);
    setSaving(false);
    flash(outcome.ok ? t('evidenceSaved') : outcome.unavailable ? t('evidenceUnavailable') : outcome.interrupted ? t('evidenceInterrupted') : t('evidenceFailed', { error: outcome.error }));
  };

  const openSettings = () => void browser.runtime.openOptionsPage();
  /** the evidence manager, in the popup's language */
  const evidenceUrl = `${browser.runtime.getURL('/evidence.html')}?lang=${locale}`;
  const openEvidence = (e: Event) => {
    e.preventDefault();
    void browser.tabs.create({ url: evidenceUrl }).then(() => window.close()).catch(() => window.open(evidenceUrl, '_blank'));
  };

  return (
    <div class={`popup${wide ? ' wide' : ''}`} data-status={load.status}>
      <header class="topbar">
        <ShieldLogo />
        <span class="name">{t('appName')}</span>
        <span class="spacer" />
        <a class="link" data-action="evidence" href={evidenceUrl} target="_blank" rel="noopener" onClick={openEvidence}>
          {t('openEvidence')}
        </a>
        <button class="link" data-action="settings" onClick={openSettings}>
          {t('openSettings')}
        </button>
      </header>
      <Body load={load} locale={locale} t={t} onRetry={refresh} onShow={show} onTrust={toggleTrust} onSave={onSave} saving={saving} />
      <footer class="footer">
        {t('privacyNote')}
        {load.status === 'ready' && (
          <div data-testid="stats">
            {t('statsLine', { nodes: load.view.stats.nodes, busy: Math.round(load.view.stats.busyMs), slice: load.view.stats.longestSliceMs.toFixed(1) })}
          </div>
        )}
      </footer>
      {toast && <div class="toast" role="status">{toast}</div>}
    </div>
  );
}

interface BodyProps {
  load: Load;
  locale: Locale;
  t: (k: UiStringKey, v?: Record<string, string | number>) => string;
  onRetry: () => void;
  onShow: (indexes: number[]) => void;
  onTrust: () => void;
  onSave: () => void;
  saving: boolean;
}

function Body({ load, locale, t, onRetry, onShow, onTrust, onSave, saving }: BodyProps) {
  if (load.status === 'loading') {
    return (
      <div aria-busy="true">
        <p class="state">{t('loading')}</p>
        <div class="skeleton" />
        <div class="skeleton" style="width:70%" />
        <div class="skeleton" style="width:85%" />
      </div>
    );
  }
  if (load.status === 'unsupported') return <StatePanel kind="info" title={t('unsupportedTitle')} body={t('unsupportedBody')} />;
  if (load.status === 'none') {
    return (
      <StatePanel kind="info" title={t('noReportTitle')} body={t('noReportBody')}>
        <button onClick={onRetry}>{t('retry')}</button>
      </StatePanel>
    );
  }
  if (load.status === 'error') {
    return (
      <StatePanel kind="error" title={t('errorTitle')} body={t('errorBody', { error: load.error })}>
        <button onClick={onRetry}>{t('retry')}</button>
      </StatePanel>
    );
  }
  const { view } = load;
  const { report, findings } = view;
  const categories = new Set(findings.map((f) => f.category)).size;
  const showable = findings.flatMap((f, i) => (f.locator.segment >= FIRST_TEXT_KEY ? [i] : []));
  return (
    <main class={`level-${report.level}`}>
      <section class="hero" data-level={report.level} data-score={Math.round(report.score)}>
        <ScoreGauge score={report.score} level={report.level} label={t('score')} />
        <div class="facts">
          <div class="level">{t(LEVEL_KEYS[report.level])}</div>
          <div class="host">{view.host}</div>
          <div class="meta">
            {findings.length === 1 ? t('findingsCountOne') : findings.length > 1 ? t('findingsCount', { count: findings.length, categories }) : ''}
            {findings.length > 0 && ' · '}
            {t('pageType', { type: t(`pageType_${view.pageType}` as UiStringKey) })}
          </div>
        </div>
      </section>
      <div class="actions">
        {showable.length > 0 && (
          <button class="primary" data-action="show-all" onClick={() => onShow(showable)}>
            {t('showAllOnPage')}
          </button>
        )}
        <button data-action="trust" onClick={onTrust}>
          {view.trusted ? t('stopTrusting') : t('trustSite')}
        </button>
        <button data-action="save-evidence" onClick={onSave} disabled={saving}>
          {t('saveEvidence')}
        </button>
      </div>
      {view.trusted && <div class="note">{t('trustedNote', { host: view.host })}</div>}
      <CoverageNote stats={view.stats} t={t} />
      {findings.length === 0 ? (
        <StatePanel kind="ok" title={t('emptyTitle')} body={t('emptyBody')} />
      ) : (
        <FindingsByCategory findings={findings} report={report} locale={locale} onShow={(i) => onShow([i])} />
      )}
    </main>
  );
}

export { CATEGORY_NAMES };
