/**
 * Plugs the evidence module (src/background/evidence/, owned by the evidence feature) into the
 * background: its message listener, the context-menu item and the keyboard command. The only things
 * it needs from us are each tab's report, the rule-set version and the user's language.
 */
import { browser } from 'wxt/browser';
import builtInTexts from 'virtual:shop-sentinel/rule-texts';
import {
  EVIDENCE_COMMAND,
  createBrowserEvidenceDeps,
  createEvidenceListener,
  createEvidenceService,
  createEvidenceTriggers,
} from './evidence';
import { loadTabState } from './tab-state';
import { explainAll, localeFor } from './handlers';
import { ruleTextIndex } from './rule-texts';
import { loadSettings } from '../storage/settings';
import { uiString } from '../i18n/ui-strings';
import type { ExtraListener } from './main';

export { EVIDENCE_COMMAND };

export function wireEvidence(): ExtraListener {
  const service = createEvidenceService(
    createBrowserEvidenceDeps({
      async getTabReport(tabId) {
        const state = await loadTabState(tabId);
        if (!state) return null;
        return { findings: explainAll(state.findings, ruleTextIndex(await loadSettings())), report: state.report };
      },
      ruleSet: () => ({ version: browser.runtime.getManifest().version, rules: builtInTexts.length }),
      async settings() {
        const s = await loadSettings();
        return { fullPage: s.evidence.fullPage, mhtml: s.evidence.mhtml, lang: localeFor(s) };
      },
    }),
  );
  const triggers = createEvidenceTriggers(service, ({ ok, tabId }) => {
    void browser.action.setBadgeText({ tabId, text: ok ? '✓' : '!' }).catch(() => undefined);
  });
  browser.runtime.onInstalled.addListener(() => {
    void loadSettings().then((s) => {
      browser.contextMenus?.removeAll(() => triggers.createMenu(uiString(localeFor(s), 'saveEvidence')));
    });
  });
  browser.contextMenus?.onClicked.addListener((info, tab) => triggers.onMenuClicked(info, tab));
  browser.commands?.onCommand.addListener((command, tab) => triggers.onCommand(command, tab));
  return createEvidenceListener(service, browser.runtime.id, browser.runtime.getURL('/'));
}
