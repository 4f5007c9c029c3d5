/**
 * Real browser wiring for the evidence service: tabs.captureVisibleTab, scripting.executeScript of the
 * page-side collectors, optional pageCapture (Chrome), OffscreenCanvas image ops, IndexedDB.
 * In the Firefox build (import.meta.env.FIREFOX) the full page is captured with captureVisibleTab's
 * `rect`/`scale` options instead of scroll-and-stitch; MHTML is reported as unavailable there.
 * Needs permissions: "activeTab" (or host access), "scripting", "unlimitedStorage"; optional "pageCapture".
 */
import { browser } from 'wxt/browser';
import { fromBase64 } from '../../evidence/bytes';
import { collectPageContent, pageMetrics, pageRestore, pageScrollTo } from '../../evidence/page-collect';
import { openEvidenceDb, requestPersistentStorage } from '../../storage/evidence-db';
import { DEFAULT_CAPTURE_LIMITS } from '../../evidence/capture-plan';
import type { ExplainedFinding, Finding, RiskReport } from '../../engine/types';
import { createCanvasImageOps } from './image-ops';
import type { PageAccess, PageRect } from './capture-page';
import type { EvidenceServiceDeps } from './service';
import type { EnvironmentInfo, TabInfo } from './save-evidence';
import { createCaptureThrottle, realClock } from './throttle';
import { SAVE_JOURNAL_KEY, createSaveJournal, type SaveJournalStore } from './save-journal';

/** The save journal in storage.local (survives a worker restart and a browser crash). */
export function storageLocalJournalStore(): SaveJournalStore {
  return {
    get: async () => (await browser.storage.local.get(SAVE_JOURNAL_KEY))[SAVE_JOURNAL_KEY],
    set: (state) => browser.storage.local.set({ [SAVE_JOURNAL_KEY]: state }),
  };
}

/** Browser name and version from a user-agent string. */
export function detectBrowser(userAgent: string): { name: string; version: string } {
  const pick = (re: RegExp) => re.exec(userAgent)?.[1];
  const edge = pick(/Edg\/([\d.]+)/);
  if (edge) return { name: 'Edge', version: edge };
  const firefox = pick(/Firefox\/([\d.]+)/);
  if (firefox) return { name: 'Firefox', version: firefox };
  const chrome = pick(/Chrom(?:e|ium)\/([\d.]+)/);
  if (chrome) return { name: /Chromium/.test(userAgent) ? 'Chromium' : 'Chrome', version: chrome };
  return { name: 'unknown', version: '' };
}

async function runInTab<A extends unknown[], R>(tabId: number, func: (...args: A) => R | Promise<R>, args: A): Promise<R> {
  const results = await browser.scripting.executeScript({ target: { tabId }, func: func as never, args: args as never });
  const first = results?.[0] as { result?: unknown; error?: unknown } | undefined;
  if (!first) throw new Error('Cannot access contents of the page');
  if (first.error) throw new Error(`the page script failed: ${String((first.error as { message?: string }).message ?? first.error)}`);
  return first.result as R;
}

export function scriptingPageAccess(tabId: number): PageAccess {
  return {
    metrics: () => runInTab(tabId, pageMetrics, []),
    scrollTo: (y, hideFixed) => runInTab(tabId, pageScrollTo, [y, hideFixed]),
    restore: (x, y) => runInTab(tabId, pageRestore, [x, y]),
    collect: (options) => runInTab(tabId, collectPageContent, [options]),
  };
}

function dataUrlToBytes(dataUrl: string): Uint8Array {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0) throw new Error('captureVisibleTab returned no image');
  return fromBase64(dataUrl.slice(comma + 1));
}

/** Firefox's captureVisibleTab: also takes `rect` (CSS px, page coordinates) and `scale` (device px per CSS px). */
export type CaptureVisibleTabWithRect = (windowId: number, options: { format: 'png'; rect: PageRect; scale: number }) => Promise<string>;

/** captureArea over Firefox's captureVisibleTab with a rect: one PNG of any part of the page, no scrolling. */
export function createAreaCapture(captureVisibleTab: CaptureVisibleTabWithRect, windowId: number): (rect: PageRect, scale: number) => Promise<Uint8Array> {
  return async (rect, scale) => dataUrlToBytes(await captureVisibleTab(windowId, { format: 'png', rect: { ...rect }, scale }));
}

/**
 * Why MHTML cannot be saved although the user asked for it, or null when it can (or was not asked for).
 * The reason is written to capture.json's warnings, so a missing MHTML is visible rather than silent.
 */
export function mhtmlUnavailableReason(requested: boolean, hasPageCaptureApi: boolean, granted: boolean): string | null {
  if (!requested) return null;
  if (!hasPageCaptureApi) return 'MHTML: unavailable in this browser (it has no pageCapture API); the page HTML, text and screenshots were saved instead.';
  if (!granted) return 'MHTML: not saved, the optional "pageCapture" permission has not been granted; the page HTML, text and screenshots were saved instead.';
  return null;
}

export interface BrowserDepsOptions {
  getTabReport(tabId: number): Promise<{ findings: (ExplainedFinding | Finding)[]; report: RiskReport | null } | null>;
  ruleSet(): { version: string; rules?: number };
  settings(): Promise<{ fullPage: boolean; mhtml: boolean; lang: 'zh' | 'en' }>;
}

export function createBrowserEvidenceDeps(options: BrowserDepsOptions): EvidenceServiceDeps {
  const throttle = createCaptureThrottle(DEFAULT_CAPTURE_LIMITS.minCaptureIntervalMs, realClock);
  const images = createCanvasImageOps();
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  return {
    async openDb() {
      void requestPersistentStorage(storage);
      return openEvidenceDb(indexedDB);
    },
    async getTab(tabId): Promise<TabInfo | null> {
      try {
        const t = await browser.tabs.get(tabId);
        return { id: tabId, windowId: t.windowId ?? -1, url: t.url ?? '', title: t.title ?? '', active: !!t.active };
      } catch {
        return null;
      }
    },
    getTabReport: options.getTabReport,
    async captureDeps(tab, { mhtml }) {
      let saveMhtml: (() => Promise<Uint8Array>) | null = null;
      const pageCapture = (browser as unknown as { pageCapture?: { saveAsMHTML(o: { tabId: number }): Promise<Blob> } }).pageCapture;
      let granted = false;
      if (mhtml && pageCapture) {
        granted = await Promise.resolve()
          .then(() => browser.permissions.contains({ permissions: ['pageCapture'] }))
          .catch(() => false);
        if (granted) saveMhtml = async () => new Uint8Array(await (await pageCapture.saveAsMHTML({ tabId: tab.id })).arrayBuffer());
      }
      // Firefox only: a rectangle of the page in one call, without scrolling and without Chrome's
      // 2 captures/s limit. Chrome's captureVisibleTab has no rect, so Chrome keeps scroll-and-stitch.
      const captureArea = import.meta.env.FIREFOX
        ? createAreaCapture((windowId, o) => (browser.tabs.captureVisibleTab as unknown as CaptureVisibleTabWithRect)(windowId, o), tab.windowId)
        : undefined;
      return {
        page: scriptingPageAccess(tab.id),
        captureVisible: () => throttle(async () => dataUrlToBytes(await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' }))),
        ...(captureArea ? { captureArea } : {}),
        saveMhtml,
        // Chrome may hide an optional permission's namespace until it is granted: there, a missing
        // namespace means "not granted"; only the Firefox build lacks the API itself.
        mhtmlUnavailable: mhtmlUnavailableReason(mhtml, !!pageCapture || !import.meta.env.FIREFOX, granted),
        images,
        // The content script hides its banner/highlights while we capture (message 'capture-mode'; it
        // restores them by itself after a timeout if the "off" message never comes). Ignored when absent.
        async setOwnUiHidden(hidden: boolean) {
          await browser.tabs.sendMessage(tab.id, { type: 'capture-mode', payload: { on: hidden } }).catch(() => undefined);
          if (hidden) await new Promise((r) => setTimeout(r, 120)); // let the page repaint without our UI
        },
      };
    },
    async environment(): Promise<EnvironmentInfo> {
      const manifest = browser.runtime.getManifest();
      const ua = typeof navigator !== 'undefined' ? navigator.userAgent : '';
      let b = detectBrowser(ua);
      const getBrowserInfo = (browser.runtime as unknown as { getBrowserInfo?: () => Promise<{ name: string; version: string }> }).getBrowserInfo;
      if (getBrowserInfo) b = await getBrowserInfo().catch(() => b);
      const name = manifest.name.startsWith('__MSG_') ? browser.i18n.getMessage('extName') || 'ShopSentinel' : manifest.name;
      return { browser: { ...b, userAgent: ua }, extension: { name, version: manifest.version }, ruleSet: options.ruleSet() };
    },
    newId: () => crypto.randomUUID().replace(/-/g, ''),
    now: () => new Date(),
    settings: options.settings,
    journal: createSaveJournal(storageLocalJournalStore()),
    ...(storage ? { storage } : {}),
  };
}

export const EVIDENCE_MENU_ID = 'shop-sentinel-save-evidence';
export const EVIDENCE_COMMAND = 'save-evidence';

/**
 * Registers the context-menu item (call from runtime.onInstalled) and returns listeners for
 * contextMenus.onClicked and commands.onCommand. Each saves the tab with the user's settings and
 * reports the outcome through `notify` (badge, notification, or nothing).
 */
export function createEvidenceTriggers(service: { captureTab(tabId: number): Promise<unknown> }, notify: (outcome: { ok: boolean; message: string; tabId: number }) => void) {
  const run = async (tabId: number | undefined) => {
    if (tabId === undefined || tabId < 0) return;
    try {
      await service.captureTab(tabId);
      notify({ ok: true, message: 'Evidence saved', tabId });
    } catch (err) {
      notify({ ok: false, message: err instanceof Error ? err.message : String(err), tabId });
    }
  };
  return {
    createMenu(title: string) {
      browser.contextMenus.create({ id: EVIDENCE_MENU_ID, title, contexts: ['page', 'selection', 'image', 'link'] }, () => void browser.runtime.lastError);
    },
    onMenuClicked(info: { menuItemId: string | number }, tab?: { id?: number }) {
      if (info.menuItemId === EVIDENCE_MENU_ID) void run(tab?.id);
    },
    onCommand(command: string, tab?: { id?: number }) {
      if (command !== EVIDENCE_COMMAND) return;
      if (tab?.id !== undefined) void run(tab.id);
      else void browser.tabs.query({ active: true, currentWindow: true }).then((tabs) => run(tabs[0]?.id));
    },
  };
}
