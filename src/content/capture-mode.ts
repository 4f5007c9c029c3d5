/**
 * Capture mode: while the background takes evidence screenshots it asks the content script to hide
 * ShopSentinel's own UI (banner, highlights) so the screenshots show the page as the shopper saw it
 * without our overlay. The interstitial on a spoofed payment page is never hidden (the caller does
 * not pass it). "Off" restores; if "off" never arrives (service worker restarted, tab message lost)
 * the UI comes back by itself after `timeoutMs`.
 */
import type { ShadowUi } from './ui/shadow-host';

export const CAPTURE_MODE_TIMEOUT_MS = 60_000;

/** Hides something we show; returns how to show it again. */
export type Hide = () => () => void;

export interface CaptureMode {
  /** on: hide now (and restart the safety timer); off: restore */
  set(on: boolean): void;
  active(): boolean;
  /** our UI was redrawn while on: hide the new parts too */
  refresh(): void;
  stop(): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function createCaptureMode(hide: Hide, timeoutMs = CAPTURE_MODE_TIMEOUT_MS, timers: Timers = realTimers): CaptureMode {
  let on = false;
  let timer: unknown;
  let restores: (() => void)[] = [];

  const restore = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    on = false;
    const list = restores.reverse();
    restores = [];
    for (const r of list) {
      try {
        r();
      } catch {
        /* a part of our UI that is gone: nothing to restore */
      }
    }
  };
  const hideNow = () => {
    try {
      restores.push(hide());
    } catch {
      /* hiding is best effort: the capture goes on */
    }
  };

  return {
    set(next) {
      if (!next) return restore();
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = timers.setTimeout(restore, timeoutMs);
      if (!on) {
        on = true;
        hideNow();
      }
    },
    active: () => on,
    refresh() {
      if (on) hideNow();
    },
    stop: restore,
  };
}

/**
 * Empties a shadow UI's (closed) root and returns how to put its content back. The host stays (its
 * styles are guarded against the page) but with no content, a transparent background and no border
 * it paints nothing. Restoring into a host that was replaced meanwhile is harmless.
 */
export function hideShadowUi(ui: ShadowUi): () => void {
  const nodes = Array.from(ui.root.childNodes);
  for (const n of nodes) n.remove();
  return () => {
    if (ui.root.childNodes.length === 0) ui.root.append(...nodes);
  };
}
