/**
 * Launches Debian's Chromium with the built extension loaded (Playwright persistent context) and
 * offers the few probes the demo runner and the e2e tests need: the extension id (from the service
 * worker URL), a page's tab id, the stored report, the badge, and clicks inside our closed shadow
 * roots (via CDP DOM.getDocument with pierce: true — page scripts cannot reach them, tests can).
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The extension APIs inside the service worker, where the evaluate() callbacks run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(import.meta.dirname, '../.output/chrome-mv3');

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(options: { headless: boolean; extensionDir?: string; locale?: string }): Promise<ExtensionBrowser> {
  const dir = options.extensionDir ?? EXTENSION_DIR;
  const userDataDir = mkdtempSync(join(tmpdir(), 'shop-sentinel-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless,
    locale: options.locale ?? 'zh-CN',
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${options.locale ?? 'zh-CN'}`,
    ],
  });
  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The service worker may have been restarted: always ask the context for the current one. */
export function currentWorker(ext: ExtensionBrowser): Worker {
  return ext.context.serviceWorkers().find((w) => w.url().includes(ext.extensionId)) ?? ext.worker;
}

export async function tabIdOf(ext: ExtensionBrowser, page: Page): Promise<number> {
  const url = page.url();
  for (let i = 0; i < 50; i++) {
    const id = await currentWorker(ext).evaluate(async (u: string) => {
      const tabs = await chrome.tabs.query({});
      return (tabs as { url?: string; id?: number }[]).find((t) => t.url === u)?.id ?? null;
    }, url);
    if (id !== null) return id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tab for ${url}`);
}

export interface StoredReport {
  url: string;
  report: { score: number; level: string; byCategory: Record<string, number> };
  findings: { ruleId: string; category: string; excerpt: { match: string } }[];
  stats: { nodes: number; busyMs: number; longestSliceMs: number; longestTaskMs: number; slices: number; rescans: number };
}

export async function storedReport(ext: ExtensionBrowser, tabId: number): Promise<StoredReport | null> {
  return currentWorker(ext).evaluate(async (id: number) => {
    const got = await chrome.storage.session.get(`tab:${id}`);
    return (got[`tab:${id}`] as StoredReport | undefined) ?? null;
  }, tabId);
}

/** Waits until the tab has a report for its current URL that satisfies `until`, then returns it. */
export async function waitForReport(
  ext: ExtensionBrowser,
  page: Page,
  until: (r: StoredReport) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<StoredReport> {
  const tabId = await tabIdOf(ext, page);
  const deadline = Date.now() + timeoutMs;
  let last: StoredReport | null = null;
  while (Date.now() < deadline) {
    last = await storedReport(ext, tabId);
    if (last && last.url.split('#')[0] === page.url().split('#')[0] && until(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no matching report for ${page.url()} within ${timeoutMs} ms; last: ${JSON.stringify(last?.report ?? null)}`);
}

export async function badgeText(ext: ExtensionBrowser, tabId: number): Promise<string> {
  return currentWorker(ext).evaluate((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

function findAll(node: CdpNode, pred: (n: CdpNode) => boolean, out: CdpNode[] = []): CdpNode[] {
  if (pred(node)) out.push(node);
  for (const c of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) findAll(c, pred, out);
  return out;
}
const attr = (n: CdpNode, name: string) => {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
};

async function shadowTree(page: Page, hostTag: string): Promise<{ host: CdpNode | undefined; cdp: Awaited<ReturnType<BrowserContext['newCDPSession']>> }> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  return { host: findAll(root, (n) => n.localName === hostTag)[0], cdp };
}

/** Text inside our closed shadow root, or null when the host element is absent. */
export async function shadowText(page: Page, hostTag: string): Promise<string | null> {
  const { host, cdp } = await shadowTree(page, hostTag);
  await cdp.detach();
  if (!host) return null;
  return findAll(host, (n) => n.nodeType === 3)
    .filter((n) => !/^\s*$/.test(n.nodeValue ?? '') && !(n.nodeValue ?? '').includes('{'))
    .map((n) => n.nodeValue)
    .join(' ');
}

const hasClass = (n: CdpNode, className: string) => (attr(n, 'class') ?? '').split(' ').includes(className);

/** The page adds a paragraph of `text` to its body (at the end, or first), as a page script would. */
export async function addParagraph(page: Page, text: string, where: 'append' | 'prepend' = 'append'): Promise<void> {
  await page.evaluate(([t, w]) => {
    const p = document.createElement('p');
    p.textContent = t;
    document.body[w](p);
  }, [text, where] as const);
}

/** How many elements of class `className` our closed shadow root on `hostTag` holds (0 when the host is absent). */
export async function shadowClassCount(page: Page, hostTag: string, className: string): Promise<number> {
  const { host, cdp } = await shadowTree(page, hostTag);
  await cdp.detach();
  return host ? findAll(host, (n) => hasClass(n, className)).length : 0;
}

/** The viewport boxes of the elements of class `className` inside our closed shadow root on `hostTag`. */
export async function shadowClassBoxes(page: Page, hostTag: string, className: string): Promise<{ x: number; y: number; width: number; height: number }[]> {
  const { host, cdp } = await shadowTree(page, hostTag);
  try {
    const boxes = [];
    for (const n of host ? findAll(host, (m) => hasClass(m, className)) : []) {
      const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: n.backendNodeId })) as { model: { border: number[]; width: number; height: number } };
      boxes.push({ x: model.border[0]!, y: model.border[1]!, width: model.width, height: model.height });
    }
    return boxes;
  } finally {
    await cdp.detach();
  }
}

/**
 * Clicks the button with data-action=`action` inside our closed shadow root the way a user does: a
 * real mouse click at its centre (our UI ignores synthetic clicks and clicks in its first 150 ms).
 */
export async function clickShadowAction(page: Page, hostTag: string, action: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 350));
  const { host, cdp } = await shadowTree(page, hostTag);
  let point: { x: number; y: number };
  try {
    if (!host) throw new Error(`<${hostTag}> is not on the page`);
    const button = findAll(host, (n) => attr(n, 'data-action') === action)[0];
    if (!button) throw new Error(`<${hostTag}> has no [data-action=${action}]`);
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId })) as { model: { content: number[] } };
    const q = model.content;
    point = { x: (q[0]! + q[2]! + q[4]! + q[6]!) / 4, y: (q[1]! + q[3]! + q[5]! + q[7]!) / 4 };
  } finally {
    await cdp.detach();
  }
  await page.mouse.click(point.x, point.y);
}

export async function openPopupFor(ext: ExtensionBrowser, tabId: number, size = { width: 400, height: 640 }): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.setViewportSize(size);
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await popup.waitForSelector('[data-status]:not([data-status=loading])', { timeout: 10_000 });
  return popup;
}

/** Changes settings the way the options page does (the stored item, version 3); the extension reacts to the change. */
export async function patchSettings(ext: ExtensionBrowser, patch: Record<string, unknown>): Promise<void> {
  await currentWorker(ext).evaluate(async (p: Record<string, unknown>) => {
    const got = await chrome.storage.local.get('settings');
    const current = (got.settings as Record<string, unknown> | undefined) ?? {};
    await chrome.storage.local.set({ settings: { ...current, ...p }, settings$: { v: 3 /* SETTINGS_VERSION in src/storage/settings.ts */ } });
  }, patch);
}
