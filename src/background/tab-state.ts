/**
 * Each tab's latest report, kept in storage.session so a restarted service worker still knows it.
 * Cleared when the tab navigates to another URL or closes.
 */
import { browser } from 'wxt/browser';
import type { ScanReportPayload } from '../messaging/protocol';

export interface TabState extends Omit<ScanReportPayload, 'domainFacts'> {
  tabId: number;
  host: string;
  updatedAt: number;
}

const key = (tabId: number) => `tab:${tabId}`;
const area = () => browser.storage.session;

export async function saveTabState(state: TabState): Promise<void> {
  await area().set({ [key(state.tabId)]: state });
}

export async function loadTabState(tabId: number): Promise<TabState | null> {
  const got = await area().get(key(tabId));
  const value = got[key(tabId)] as TabState | undefined;
  return value && typeof value === 'object' && value.tabId === tabId ? value : null;
}

export async function clearTabState(tabId: number): Promise<void> {
  await area().remove(key(tabId));
}

/** Same page for our purposes: ignore the #fragment. */
export function samePage(a: string, b: string): boolean {
  return a.split('#')[0] === b.split('#')[0];
}

/**
 * On a tab URL change, the stored report belongs to the old page: drop it (unless the content script
 * already reported for the new URL). Returns true when state was cleared.
 */
export async function clearIfNavigated(tabId: number, newUrl: string): Promise<boolean> {
  const state = await loadTabState(tabId);
  if (!state || samePage(state.url, newUrl)) return false;
  await clearTabState(tabId);
  return true;
}

/** Sites the user dismissed the banner on / chose to continue on, for this browser session. */
export type SessionSiteList = 'dismissed' | 'continued';

export async function loadSessionSites(list: SessionSiteList): Promise<string[]> {
  const got = await area().get(`sites:${list}`);
  const v = got[`sites:${list}`];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export async function addSessionSite(list: SessionSiteList, site: string): Promise<void> {
  const sites = await loadSessionSites(list);
  if (!sites.includes(site)) await area().set({ [`sites:${list}`]: [...sites, site] });
}
