/**
 * The background's message handlers. Each one trusts its payload (the router validated it) and
 * its sender kind (the router checked it).
 */
import { browser } from 'wxt/browser';
import type { ExplainedFinding, Finding, Locale } from '../engine/types';
import { explainFinding } from '../engine/explain';
import type { RuleText } from '../rules/match-rule';
import { FIRST_TEXT_KEY, type PageVerdict } from '../messaging/protocol';
import { sendToTab } from '../messaging/send';
import { resolveLocale } from '../i18n/locale';
import { disabledCategories, isTrusted, loadSettings, setTrusted, siteKey, updateSettings, type Settings } from '../storage/settings';
import type { Handlers } from './router';
import { applyBadge } from './badge';
import { addSessionSite, loadSessionSites, loadTabState, saveTabState, type TabState } from './tab-state';
import { decideVerdict } from './verdict';
import { customMatchRules, ruleTextIndex } from './rule-texts';
import { pageRules } from './page-rules';
import { isOfficialPage, withDomainFindings } from './domain-findings';
import { createTabFacts, type TabFacts } from './tab-facts';

export function browserLanguage(): string {
  try {
    return browser.i18n?.getUILanguage?.() ?? globalThis.navigator?.language ?? 'en';
  } catch {
    return 'en';
  }
}

export function localeFor(settings: Settings): Locale {
  return resolveLocale(settings.language, browserLanguage());
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

export function explainAll(findings: readonly Finding[], texts: ReadonlyMap<string, RuleText>): ExplainedFinding[] {
  return findings.map((f) => {
    const text = texts.get(f.ruleId);
    if (text) return explainFinding(f, text);
    const fallback = { zh: f.ruleId, en: f.ruleId };
    return { ...f, title: fallback, explanation: { zh: '（规则已移除）', en: '(rule no longer installed)' } };
  });
}

/** The verdict for a stored tab state under the current settings and session choices. */
export async function verdictFor(state: TabState, settings?: Settings): Promise<PageVerdict> {
  const s = settings ?? (await loadSettings());
  const site = siteKey(state.host);
  const [dismissed, continued] = await Promise.all([loadSessionSites('dismissed'), loadSessionSites('continued')]);
  return decideVerdict({
    report: state,
    locale: localeFor(s),
    bannerLevel: s.bannerLevel,
    trusted: isTrusted(s, site),
    dismissed: dismissed.includes(site),
    continued: continued.includes(site),
    host: state.host,
    ruleTexts: ruleTextIndex(s),
  });
}

export async function openDetails(tabId: number): Promise<void> {
  const url = `${browser.runtime.getURL('/popup.html')}?tabId=${tabId}`;
  try {
    await browser.action.openPopup();
    return;
  } catch {
    /* not allowed here: open the report in a small window instead */
  }
  await browser.windows.create({ url, type: 'popup', width: 420, height: 640 });
}

export function createHandlers(tabFacts: TabFacts = createTabFacts()): Handlers {
  return {
    async 'get-page-config'(_payload, sender) {
      const s = await loadSettings();
      const { rules, key, pack } = pageRules(disabledCategories(s), customMatchRules(s));
      return {
        locale: localeFor(s),
        rules,
        rulesKey: key,
        rulesPack: pack,
        officialHost: isOfficialPage(sender.url),
      };
    },

    async 'scan-report'(payload, sender) {
      const host = hostOf(payload.url);
      const { domainFacts: sent, ...report } = payload;
      if (sent) tabFacts.remember(sender.tabId, payload.url, sent);
      const facts = sent ?? tabFacts.get(sender.tabId, payload.url);
      if (!facts) return { factsNeeded: true };
      const merged = withDomainFindings(payload, facts);
      const state: TabState = { ...report, ...merged, tabId: sender.tabId, host, updatedAt: Date.now() };
      await saveTabState(state);
      await applyBadge(sender.tabId, merged.report).catch(() => undefined);
      return verdictFor(state);
    },

    async 'banner-action'({ action }, sender) {
      const site = siteKey(hostOf(sender.url));
      if (action === 'dismiss') await addSessionSite('dismissed', site);
      else if (action === 'trust') await updateSettings((s) => setTrusted(s, site, true));
      else await openDetails(sender.tabId);
      return { done: true };
    },

    async 'interstitial-action'({ action }, sender) {
      if (action === 'continue') {
        await addSessionSite('continued', siteKey(hostOf(sender.url)));
        return { done: true };
      }
      try {
        await browser.tabs.goBack(sender.tabId);
      } catch {
        await browser.tabs.update(sender.tabId, { url: 'about:blank' });
      }
      return { done: true };
    },

    async 'get-tab-report'({ tabId }) {
      const state = await loadTabState(tabId);
      if (!state) return null;
      const s = await loadSettings();
      return {
        tabId,
        url: state.url,
        host: state.host,
        title: state.title,
        pageType: state.pageType,
        report: state.report,
        findings: explainAll(state.findings, ruleTextIndex(s)),
        trusted: isTrusted(s, state.host),
        stats: state.stats,
        updatedAt: state.updatedAt,
      };
    },

    async 'get-active-tab'() {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      return { tabId: tab?.id ?? null };
    },

    async 'show-on-page'({ tabId, findings }) {
      const state = await loadTabState(tabId);
      if (!state) throw new Error('no report for this tab');
      const locators = findings.flatMap((i) => {
        const f = state.findings[i];
        return f && f.locator.segment >= FIRST_TEXT_KEY ? [f.locator] : [];
      });
      if (!locators.length) return { shown: 0 };
      return sendToTab(tabId, 'highlight', { locators });
    },

    async 'set-trust'({ host, trusted }) {
      await updateSettings((s) => setTrusted(s, host, trusted));
      return { done: true };
    },
  };
}
