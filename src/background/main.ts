/**
 * The background's wiring: message router, navigation clean-up, settings broadcast.
 * Evidence capture (src/background/evidence/) registers its own handlers: see `registerExtra`.
 */
import { browser } from 'wxt/browser';
import type { SenderLike } from './sender';
import { createRouter } from './router';
import { createHandlers } from './handlers';
import { createTabFacts } from './tab-facts';
import { applyBadge } from './badge';
import { clearIfNavigated, clearTabState } from './tab-state';
import { watchSettings } from '../storage/settings';
import { sendToTab } from '../messaging/send';
import { wireReinjection } from './reinject';

export type ExtraListener = (message: unknown, sender: SenderLike) => Promise<unknown> | undefined;

/** Starts the background. `extra` listeners (e.g. evidence) get messages the main router does not know. */
export function startBackground(extra: ExtraListener[] = []): void {
  const runtimeId = browser.runtime.id;
  const origin = browser.runtime.getURL('/');
  const tabFacts = createTabFacts();
  const route = createRouter(createHandlers(tabFacts), runtimeId, origin);

  browser.runtime.onMessage.addListener((message: unknown, sender: SenderLike, sendResponse: (r: unknown) => void) => {
    for (const listener of extra) {
      const handled = listener(message, sender);
      if (handled) {
        handled.then(sendResponse, (e: Error) => sendResponse({ ok: false, error: e.message }));
        return true;
      }
    }
    route(message, sender).then(sendResponse, (e: Error) => sendResponse({ ok: false, error: e.message }));
    return true;
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (!change.url) return;
    void clearIfNavigated(tabId, change.url).then((cleared) => {
      if (cleared) return applyBadge(tabId, null);
    }).catch(() => undefined);
  });

  // After an install or update, pages already open get the new content script (Chrome only).
  wireReinjection();

  browser.tabs.onRemoved.addListener((tabId) => {
    tabFacts.forget(tabId);
    void clearTabState(tabId).catch(() => undefined);
  });

  // Settings changed (options page, trust button): every open page fetches its config again and rescans.
  watchSettings(() => {
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) {
        if (tab.id !== undefined && /^https?:/.test(tab.url ?? '')) {
          sendToTab(tab.id, 'refresh', {}).catch(() => undefined);
        }
      }
    });
  });
}
