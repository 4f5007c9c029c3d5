/**
 * The domain facts each tab's page last sent, in memory. A report whose facts did not change
 * carries none (on the bench's scroll page they were 37 of each report's 39 kB); the checks read
 * these instead. Lost when the worker stops, and kept for the 64 tabs that reported last (a page's
 * facts can be large): the handler then asks the page for them again.
 */
import type { DomainFacts } from '../messaging/protocol';
import { samePage } from './tab-state';

export interface TabFacts {
  remember(tabId: number, url: string, facts: DomainFacts): void;
  /** the tab's facts when they were sent for this page (same URL but for the #fragment), else null */
  get(tabId: number, url: string): DomainFacts | null;
  forget(tabId: number): void;
}

/** tabs whose facts are kept (the most recently reported); another tab's page is asked again */
export const REMEMBERED_TABS = 64;

export function createTabFacts(limit = REMEMBERED_TABS): TabFacts {
  // in order of the last report: the first entry is the one to drop
  const byTab = new Map<number, { url: string; facts: DomainFacts }>();
  return {
    remember(tabId, url, facts) {
      byTab.delete(tabId);
      byTab.set(tabId, { url, facts });
      if (byTab.size > limit) byTab.delete(byTab.keys().next().value!);
    },
    get(tabId, url) {
      const known = byTab.get(tabId);
      return known && samePage(known.url, url) ? known.facts : null;
    },
    forget: (tabId) => void byTab.delete(tabId),
  };
}
