/**
 * Protection continues across an install or an update. Chrome does not put a new extension's content
 * script into tabs that are already open: after an update the old one is cut off from the extension
 * (its context is invalidated) and the page would stay unprotected until it is reloaded. So, on
 * `runtime.onInstalled` (install/update), we inject the declared content script into every open
 * http(s) tab ourselves. The new script announces itself (WXT's "content-script-started" event), the
 * old one, its extension gone, stops on it and removes its UI, and a second live copy of the new
 * script takes over from the first (src/content/lifecycle.ts): at most one banner per page.
 *
 * Firefox injects declared content scripts into open tabs by itself on install and update, so
 * nothing is done there. Browser updates ('chrome_update') and shared-module updates restart nothing
 * that needs re-injecting (pages keep a live content script), so only 'install' and 'update' count.
 */
import { browser } from 'wxt/browser';

export interface ReinjectTab {
  id?: number;
  url?: string;
  discarded?: boolean;
}

export interface ReinjectDeps {
  /** every open tab (with its url: needs the "tabs" permission) */
  queryTabs(): Promise<ReinjectTab[]>;
  /** runs the content script files in the tab's top frame */
  executeScript(tabId: number, files: string[]): Promise<unknown>;
}

export interface ReinjectOutcome {
  injected: number[];
  skipped: { tabId: number; reason: string }[];
}

interface ManifestLike {
  content_scripts?: { matches?: string[]; js?: string[]; all_frames?: boolean }[];
}

/** Reasons of `runtime.onInstalled` after which open pages have no live content script. */
export const REINJECT_REASONS: ReadonlySet<string> = new Set(['install', 'update']);

const WEB_PAGE = /^https?:\/\//i;
const WEB_MATCH = /^(?:\*|https?):\/\//i;

/** The JS files of the declared content scripts that run on web pages (from the built manifest). */
export function contentScriptFiles(manifest: ManifestLike): string[] {
  const files: string[] = [];
  for (const cs of manifest.content_scripts ?? []) {
    if (!(cs.matches ?? []).some((m) => m === '<all_urls>' || WEB_MATCH.test(m))) continue;
    for (const js of cs.js ?? []) if (!files.includes(js)) files.push(js);
  }
  return files;
}

/**
 * Injects `files` into every open http(s) tab. Tabs it cannot use (no id, other schemes, discarded —
 * they load the declared script when they wake up) are skipped; a tab that refuses (a browser page
 * behind an http URL, a closed tab, an error page, missing host access) is skipped with the reason. Never throws.
 */
export async function reinjectContentScripts(deps: ReinjectDeps, files: string[]): Promise<ReinjectOutcome> {
  const outcome: ReinjectOutcome = { injected: [], skipped: [] };
  if (files.length === 0) return outcome;
  let tabs: ReinjectTab[];
  try {
    tabs = await deps.queryTabs();
  } catch {
    return outcome;
  }
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.id < 0) return;
      if (!WEB_PAGE.test(tab.url ?? '')) return;
      if (tab.discarded) {
        outcome.skipped.push({ tabId: tab.id, reason: 'discarded' });
        return;
      }
      try {
        await deps.executeScript(tab.id, files);
        outcome.injected.push(tab.id);
      } catch (err) {
        outcome.skipped.push({ tabId: tab.id, reason: err instanceof Error ? err.message : String(err) });
      }
    }),
  );
  outcome.injected.sort((a, b) => a - b);
  return outcome;
}

export interface WireReinjectionOptions {
  /** the browser to use (tests pass fakeBrowser) */
  api?: typeof browser;
  /** Firefox re-injects by itself: true turns this off */
  firefox?: boolean;
  /** called with each outcome (tests, debugging) */
  onDone?: (outcome: ReinjectOutcome, reason: string) => void;
}

/** Registers the onInstalled listener. Must run synchronously at background start (MV3 event rules). */
export function wireReinjection(options: WireReinjectionOptions = {}): void {
  if (options.firefox ?? import.meta.env.FIREFOX) return;
  const api = options.api ?? browser;
  api.runtime.onInstalled.addListener((details: { reason: string }) => {
    if (!REINJECT_REASONS.has(details.reason)) return;
    const files = contentScriptFiles(api.runtime.getManifest() as ManifestLike);
    void reinjectContentScripts(
      {
        queryTabs: () => api.tabs.query({}),
        executeScript: (tabId, f) => api.scripting.executeScript({ target: { tabId }, files: f as never }),
      },
      files,
    ).then((outcome) => options.onDone?.(outcome, details.reason));
  });
}
