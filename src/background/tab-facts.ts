/**
 * The domain facts each tab's page last sent, in memory. A report whose facts did not change
 * carries none (on the bench's scroll page they were 37 of each report's 39 kB); the checks read
 * these instead. Lost when the worker stops: the handler then asks the page for them again.
 */
import type { DomainFacts } from '../messaging/protocol';
import { samePage } from './tab-state';

export interface TabFacts {
  remember(tabId: number, url: string, facts: DomainFacts): void;
  /** the tab's facts when they were sent for this page (same URL but for the #fragment), else null */
  get(tabId: number, url: string): DomainFacts | null;
  forget(tabId: number): void;
}

export function createTabFacts(): TabFacts {
  const byTab = new Map<number, { url: string; facts: DomainFacts }>();
  return {
    remember: (tabId, url, facts) => void byTab.set(tabId, { url, facts }),
    get(tabId, url) {
      const known = byTab.get(tabId);
      return known && samePage(known.url, url) ? known.facts : null;
    },
    forget: (tabId) => void byTab.delete(tabId),
  };
}
