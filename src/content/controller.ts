/**
 * The content script's composition: fetch config → compile rules → scan in slices → report →
 * show what the background decided. Watches for changes (incremental rescans) and SPA navigation
 * (full rescan). Imports no Preact, zod or idb.
 */
import { browser } from 'wxt/browser';
import type { CompiledRules } from '../rules/compile';
import { rulesFromPack } from '../rules/pack';
import type { BackgroundMessageType, BackgroundProtocol, ContentMessage, PageConfig, PageVerdict, ScanReportPayload } from '../messaging/protocol';
import { sendToBackground } from '../messaging/send';
import { createScheduler } from './scheduler';
import { createPageScanner, type PageScanner, type AnalysisResult } from './scanner';
import { domainFactsOf } from './domain-facts';
import { watchPage, type Watcher } from './watcher';
import { asksForCredentials } from './credentials';
import { showBanner, BANNER_TAG } from './ui/banner';
import { showInterstitial, INTERSTITIAL_TAG } from './ui/interstitial';
import { clearHighlights, highlightRanges, suspendHighlights, HIGHLIGHT_STYLE_ID, OVERLAY_TAG } from './ui/highlight';
import { createCaptureMode, hideShadowUi } from './capture-mode';
import { isFromBackground, parseCaptureMode } from '../messaging/content-validate';
import { isOwnShadowRoot, type ShadowUi } from './ui/shadow-host';
import { closedShadowRootReader } from './closed-shadow-roots';
import { watchLateHosts } from './late-hosts';
import { backoff } from './backoff';
import { watchFrames } from './frames';

const OUR_TAGS = new Set([BANNER_TAG, INTERSTITIAL_TAG, OVERLAY_TAG]);
/** Our own UI, by exact tag (a page's <shop-sentinel-note> is the page's text and is scanned). */
export const isOurs = (el: Element): boolean => OUR_TAGS.has(el.localName) || el.id === HIGHLIGHT_STYLE_ID;

const tenths = (ms: number) => Math.round(ms * 10) / 10;
/** a message no answer is waited for (the background may be asleep or gone: nothing to do then) */
const tell = <T extends BackgroundMessageType>(type: T, payload: BackgroundProtocol[T]['req']) => void sendToBackground(type, payload).catch(() => undefined);

const BASE_DEBOUNCE_MS = 250;
const MAX_DEBOUNCE_MS = 5_000;
/** full rescans after URL changes: at most one a second, backing off to one in 30 s under churn */
const URL_SCAN_BASE_MS = 1_000;
const URL_SCAN_MAX_MS = 30_000;

export interface ContentHandle {
  stop(): void;
  /** for tests: wait until queued work is done */
  idle(): Promise<void>;
}

function signature(url: string, result: AnalysisResult): string {
  return `${url}|${result.report.score}|${result.findings.map((f) => `${f.ruleId}:${f.occurrences}:${f.locator.start}`).join(',')}`;
}

export interface ContentOptions {
  /** capture mode restores our UI by itself after this long without "off" (ms) */
  captureModeTimeoutMs?: number;
}

export function startContent(doc: Document = document, options: ContentOptions = {}): ContentHandle {
  const closedRoots = closedShadowRootReader(isOwnShadowRoot);
  let config: PageConfig | undefined;
  let scanner: PageScanner | undefined;
  let scheduler = createScheduler();
  let lastSignature = '';
  /** the domain facts the background last got from this page, as JSON ('' none) */
  let sentFacts = '';
  let rescans = 0;
  let idleFlushes = 0;
  let banner: ShadowUi | undefined;
  let interstitial: ShadowUi | undefined;
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();

  const enqueue = (job: () => Promise<void>) => {
    queue = queue.then(() => (stopped ? undefined : job())).catch((e: unknown) => {
      if (!stopped) console.debug('[ShopSentinel]', e instanceof Error ? e.message : e);
    });
    return queue;
  };

  let compiledKey = '';
  let compiled: CompiledRules | undefined;
  /**
   * The compiled rules, once per configuration (SPA navigations and rescans reuse them): rebuilt
   * from the index the background packed (src/rules/pack.ts), not compiled here. A pack that does
   * not fit the rules leaves the page unscanned, with a warning in the console.
   */
  const compile = async (): Promise<CompiledRules | undefined> => {
    if (!config) return undefined;
    if (compiled && config.rulesKey === compiledKey) return compiled;
    const { rules, rulesKey, rulesPack } = config;
    const made = await scheduler.task(() => {
      try {
        if (!rulesPack) throw new Error('rules pack: none was sent');
        return rulesFromPack(rules, rulesKey, rulesPack);
      } catch (e) {
        console.warn('[ShopSentinel] rules not loaded; this page is not scanned:', e instanceof Error ? e.message : e);
        return undefined;
      }
    });
    if (!made) return undefined;
    compiledKey = rulesKey;
    compiled = made;
    return compiled;
  };

  // evidence screenshots: the banner and highlights are hidden while the background captures; the
  // interstitial never is (on a spoofed payment page it stays until the user chose to continue)
  const captureMode = createCaptureMode(() => {
    const shown = banner;
    const restoreBanner = shown ? hideShadowUi(shown) : () => undefined;
    const restoreHighlights = suspendHighlights(doc);
    return () => {
      restoreBanner();
      restoreHighlights();
    };
  }, options.captureModeTimeoutMs);

  let bannerKey = '';
  let lastVerdict: PageVerdict | null = null;
  let dismissedHere = false;

  /** Puts our UI back if the page removed it, and re-asserts its styles (hostile pages). */
  function ensureUi() {
    if (!lastVerdict) return;
    const wantInterstitial = lastVerdict.interstitial !== null && interstitial !== undefined;
    if (wantInterstitial && !interstitial!.host.isConnected) {
      interstitial!.remove();
      interstitial = undefined;
      applyVerdict(lastVerdict);
      return;
    }
    const wantBanner = lastVerdict.banner !== null && !lastVerdict.interstitial && !dismissedHere;
    if (wantBanner && (!banner || !banner.host.isConnected)) {
      bannerKey = '';
      applyVerdict(lastVerdict);
      return;
    }
    banner?.reassert();
    interstitial?.reassert();
  }

  function applyVerdict(verdict: PageVerdict) {
    lastVerdict = verdict;
    // the interstitial covers the page; the banner would only sit on top of it
    const wanted = verdict.interstitial ? null : verdict.banner;
    const key = wanted ? JSON.stringify([wanted, verdict.locale]) : '';
    if (wanted && key === bannerKey && banner?.host.isConnected) {
      // unchanged: leave it alone (no flicker, no replayed animation)
    } else if (wanted) {
      bannerKey = key;
      banner = showBanner(doc, wanted, verdict, {
        onDetails: () => tell('banner-action', { action: 'details' }),
        onDismiss: closeBanner('dismiss'),
        onTrust: closeBanner('trust'),
      });
    } else removeBanner();
    captureMode.refresh();
    if (verdict.interstitial) {
      if (!interstitial || !interstitial.host.isConnected) {
        interstitial = showInterstitial(doc, verdict.interstitial, verdict, {
          onLeave: () => tell('interstitial-action', { action: 'leave' }),
          onContinue: () => {
            interstitial = undefined;
            if (lastVerdict) lastVerdict = { ...lastVerdict, interstitial: null };
            void sendToBackground('interstitial-action', { action: 'continue' })
              .then(() => enqueue(() => report(true).then(() => undefined)))
              .catch(() => undefined);
          },
        });
      }
    } else {
      interstitial?.remove();
      interstitial = undefined;
    }
  }

  /** the banner's "dismiss" and "trust this site": it goes away here, and the background is told */
  const closeBanner = (action: 'dismiss' | 'trust') => () => {
    dismissedHere = true;
    removeBanner();
    tell('banner-action', { action });
  };

  function removeBanner() {
    bannerKey = '';
    banner?.remove();
    banner = undefined;
    doc.querySelectorAll(BANNER_TAG).forEach((el) => el.remove());
  }

  /**
   * Sends a report when the findings or the page facts the background's checks read changed (a
   * look-alike pay link added by a checkout step changes no text finding); the facts go with it
   * only when they changed, or when the background asks for them.
   */
  async function report(force: boolean): Promise<boolean> {
    if (!scanner) return false;
    const { result, facts } = await scanner.analyze();
    const url = doc.location.href;
    const sig = signature(url, result);
    const current = domainFactsOf(facts, scanner.leadSegments(), url);
    const currentJson = JSON.stringify(current);
    if (!force && sig === lastSignature && currentJson === sentFacts) return false;
    lastSignature = sig;
    const payload: ScanReportPayload = {
      url,
      title: doc.title.slice(0, 1000),
      pageType: result.pageType,
      findings: result.findings.slice(0, 500),
      domainFacts: currentJson === sentFacts ? null : current,
      report: result.report,
      asksForCredentials: asksForCredentials(facts),
      stats: {
        nodes: scanner.nodesSeen(),
        segments: scanner.segmentCount(),
        busyMs: tenths(scheduler.stats.busyMs),
        longestSliceMs: tenths(scheduler.stats.longestSliceMs),
        longestTaskMs: tenths(scheduler.stats.longestTaskMs),
        slices: scheduler.stats.slices,
        rescans,
        truncated: scanner.truncated(),
        gaveUp: scanner.gaveUp(),
      },
    };
    let reply = await sendToBackground('scan-report', payload);
    if ('factsNeeded' in reply) reply = await sendToBackground('scan-report', { ...payload, domainFacts: current });
    if ('factsNeeded' in reply) return false;
    sentFacts = currentJson;
    applyVerdict(reply);
    return true;
  }

  async function fullScan() {
    scheduler.cancel();
    scheduler = createScheduler();
    config = await sendToBackground('get-page-config', {}).catch(() => config);
    const officialHost = config?.officialHost ?? false;
    const rules = await compile();
    if (!rules) return; // no configuration yet (background unreachable), or cancelled by a newer scan
    scanner = createPageScanner(doc, rules, scheduler, undefined, { onRoot: (root) => watcher?.observe(root), readClosed: closedRoots, onRootless: (elements) => lateHosts.add(elements), onFrames: (f) => frames.add(f) }, {
      isOfficialHost: () => officialHost,
    });
    await scanner.extract(doc.body ?? doc.documentElement);
    await report(true);
  }

  /** reads the subtrees that changed again (and what a removal took away), then reports */
  const rescan = (roots: Element[], removed: boolean, retouched: Element[]) =>
    void enqueue(async () => {
      if (!scanner) return;
      if (scanner.gaveUp()) {
        watcher?.stop();
        lateHosts.stop();
        return;
      }
      rescans++;
      if (removed) await scanner.sweep();
      scanner.retouch(retouched);
      const live = roots.filter((root) => root.isConnected);
      if (live.length) await scanner.extract(live);
      const changed = await report(false);
      idleFlushes = changed ? 0 : idleFlushes + 1;
      watcher?.setDebounce(Math.min(MAX_DEBOUNCE_MS, BASE_DEBOUNCE_MS * 2 ** Math.min(idleFlushes, 5)));
    });

  // frames of the page's own origin: read and watched as parts of the page
  const frames = watchFrames((frameDoc) => {
    watcher?.observe(frameDoc);
    rescan([frameDoc.body ?? frameDoc.documentElement], false, []);
  });

  // custom elements the page defines after we met them get their shadow root then: read it
  const lateHosts = watchLateHosts((el) => !!(el.shadowRoot ?? closedRoots(el)), (elements) => rescan(elements, false, []));

  // an SPA navigation: the whole page is read again. Our UI stays until the new verdict replaces
  // it, and a page changing its URL over and over gets rescans backing off, not one per change
  const urlScans = backoff(
    () =>
      void enqueue(async () => {
        dismissedHere = false;
        clearHighlights(doc);
        lastSignature = '';
        sentFacts = '';
        rescans++;
        await fullScan();
      }),
    URL_SCAN_BASE_MS,
    URL_SCAN_MAX_MS,
  );

  let watcher: Watcher | undefined;
  watcher = watchPage(
    doc,
    {
      onChanges(roots, removed, retouched) {
        ensureUi();
        rescan(roots, removed, retouched);
      },
      onUrlChange: () => urlScans.trigger(),
    },
    { ignore: isOurs, debounceMs: BASE_DEBOUNCE_MS },
  );

  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (r: unknown) => void) => {
    if (sender.id !== browser.runtime.id || !message || typeof message !== 'object') return;
    const msg = message as ContentMessage;
    if (msg.type === 'capture-mode') {
      const parsed = isFromBackground(sender, browser.runtime.id) ? parseCaptureMode(msg.payload) : null;
      if (!parsed) {
        sendResponse({ ok: false, error: 'invalid capture-mode message' });
        return;
      }
      captureMode.set(parsed.on);
      sendResponse({ ok: true, value: { on: captureMode.active() } });
      return;
    }
    if (msg.type === 'highlight') {
      const ranges = (Array.isArray(msg.payload?.locators) ? msg.payload.locators : []).flatMap((l) => {
        const r = scanner?.locate(l);
        return r ? [r] : [];
      });
      const shown = highlightRanges(doc, ranges);
      captureMode.refresh();
      sendResponse({ ok: true, value: { shown } });
      return;
    }
    if (msg.type === 'refresh') {
      void enqueue(async () => {
        lastSignature = '';
        sentFacts = '';
        await fullScan();
      });
      sendResponse({ ok: true, value: { done: true } });
      return;
    }
    if (msg.type === 'apply-verdict') {
      applyVerdict(msg.payload);
      sendResponse({ ok: true, value: { done: true } });
    }
  };
  browser.runtime.onMessage.addListener(onMessage);
  const uiGuard = setInterval(ensureUi, 1000);

  void enqueue(fullScan);

  return {
    // also called when the extension was updated or reloaded under the page: the runtime API may
    // be gone by then, so our UI goes first and nothing here may throw
    stop() {
      stopped = true;
      clearInterval(uiGuard);
      scheduler.cancel();
      const steps = [() => watcher?.stop(), () => lateHosts.stop(), () => urlScans.stop(), () => frames.stop(), () => captureMode.stop(), removeBanner, () => interstitial?.remove(), () => clearHighlights(doc), () => browser.runtime?.onMessage?.removeListener(onMessage)];
      for (const step of steps) {
        try {
          step();
        } catch {
          /* the extension context is gone */
        }
      }
    },
    idle: () => queue,
  };
}

export { INTERSTITIAL_TAG };
