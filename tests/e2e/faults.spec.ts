/**
 * Faults in the real browser (issue #7, "Faults"): Debian's Chromium with the test build
 * (E2E_BUILD_DIR), the demo shop, and faults injected from outside the product code:
 *
 * 1. The extension is reloaded (= updated) while a risky page shows our banner: the old content
 *    script is invalidated and stops, the new one is re-injected by the background
 *    (src/background/reinject.ts), exactly one banner comes back and works, the page keeps working,
 *    and every evidence snapshot saved before the reload is still listed and intact. A second live
 *    copy injected into a tab that has one (install) takes over from it: one banner, no fight.
 * 2. The service worker is stopped (CDP ServiceWorker.stopAllWorkers) in the middle of an evidence
 *    save — during the capture, or inside the IndexedDB transaction (held open from the test, see
 *    `holdSnapshotTransaction`): no half record (record and blob counts read from IndexedDB itself),
 *    the other snapshots still listed and verified, and the evidence page tells the user that the last
 *    save was interrupted (src/background/evidence/save-journal.ts).
 * 3. The storage quota runs out during a save (QuotaExceededError from the IndexedDB write, thrown
 *    from the test inside the worker: see the note at that test): the popup says so, nothing is half
 *    saved, the other snapshots stay, and saving works again once there is space.
 *
 * Nothing here needs a hook in the product: the faults are injected through CDP and through
 * evaluate() in the service worker's own global (which the product code uses).
 */
import type { CDPSession, Page } from '@playwright/test';
import { test, expect, E2E_BUILD_DIR } from './fixtures';
import { addParagraph, clickShadowAction, currentWorker, shadowText, tabIdOf, waitForReport, type ExtensionBrowser } from '../../scripts/extension-browser';

/** The extension APIs inside the service worker and extension pages, where the evaluate() callbacks run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

test.use({ extensionDir: E2E_BUILD_DIR });

const BANNER = 'shop-sentinel-banner';

/**
 * Chromium disables an unpacked extension loaded with --load-extension when it reloads itself unless
 * developer mode is on (chrome://extensions then says "Turn on developer mode to use this extension").
 * A developer updating an unpacked build has it on; a store update does not need it.
 */
async function enableDeveloperMode(ext: ExtensionBrowser): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto('chrome://extensions');
  const on = await page.evaluate(async () => {
    await chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
    return (await chrome.developerPrivate.getProfileConfiguration()).inDeveloperMode as boolean;
  });
  expect(on).toBe(true);
  await page.close();
}

/** The evidence page in its own window, so the shop tab stays the visible tab of its window (captureVisibleTab). */
async function openEvidenceWindow(ext: ExtensionBrowser): Promise<Page> {
  const opened = ext.context.waitForEvent('page', (p) => p.url().includes('/evidence.html'));
  await currentWorker(ext).evaluate(
    (url: string) => chrome.windows.create({ url, type: 'popup', width: 900, height: 700 }),
    `chrome-extension://${ext.extensionId}/evidence.html?lang=en`,
  );
  const page = await opened;
  await page.waitForLoadState();
  return page;
}

/** The popup in its own window, as the toolbar shows it. */
async function openPopupWindow(ext: ExtensionBrowser, tabId: number): Promise<Page> {
  const opened = ext.context.waitForEvent('page', (p) => p.url().includes('/popup.html'));
  await currentWorker(ext).evaluate(
    (url: string) => chrome.windows.create({ url, type: 'popup', width: 400, height: 640 }),
    `chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`,
  );
  const popup = await opened;
  await popup.waitForSelector('[data-status]:not([data-status=loading])', { timeout: 10_000 });
  return popup;
}

type Reply<T = any> = { ok: true; value: T } | { ok: false; error: string };

/** Sends an evidence message from an extension page, as the evidence page and popup do. */
function ask<T = any>(page: Page, type: string, payload: unknown): Promise<Reply<T>> {
  return page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const) as Promise<Reply<T>>;
}

async function saveEvidence(page: Page, tabId: number): Promise<string> {
  const r = await ask<{ snapshotId: string }>(page, 'save-evidence', { tabId, fullPage: false });
  if (!r.ok) throw new Error(r.error);
  return r.value.snapshotId;
}

async function listEvidence(page: Page): Promise<{ ids: string[]; problems: { store: string; message: string; interrupted?: { url: string; title: string } }[] }> {
  const r = await ask<{ snapshots: { id: string }[]; problems: { store: string; message: string }[] }>(page, 'evidence-list', {});
  if (!r.ok) throw new Error(r.error);
  return { ids: r.value.snapshots.map((s) => s.id).sort(), problems: r.value.problems };
}

async function expectIntact(page: Page, ids: string[]): Promise<void> {
  for (const snapshotId of ids) {
    const r = await ask<{ ok: boolean; digestOk: boolean }>(page, 'evidence-check', { snapshotId });
    expect(r.ok && r.value.ok && r.value.digestOk, `snapshot ${snapshotId} verifies`).toBe(true);
  }
}

/** Records per store, read straight from the extension's IndexedDB (in the worker, which owns it). */
async function storeCounts(ext: ExtensionBrowser): Promise<Record<string, number>> {
  return currentWorker(ext).evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('shop-sentinel-evidence');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, number> = {};
          for (const n of names) {
            const req = tx.objectStore(n).count();
            req.onsuccess = () => (out[n] = req.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** A browser-level view of the service workers through an extension page's CDP session. */
async function serviceWorkerControl(page: Page): Promise<{ cdp: CDPSession; stopAll(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
    for (const v of e.versions) if (v.scriptURL.startsWith('chrome-extension://')) status.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => [...status.values()].includes('running'), { timeout: 5_000 }).toBe(true);
  return {
    cdp,
    async stopAll() {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await expect.poll(() => [...status.values()].every((s) => s === 'stopped'), { timeout: 10_000 }).toBe(true);
    },
  };
}

/** Waits until the worker ran into the fault the test planted (a flag on its global). */
async function waitForFault(ext: ExtensionBrowser): Promise<void> {
  await expect.poll(() => currentWorker(ext).evaluate(() => (globalThis as { __faultReached?: boolean }).__faultReached === true), { timeout: 15_000 }).toBe(true);
}

/** A page script of the shop's own (button + counter) to show the page keeps working. */
async function pageWorks(page: Page, expectedClicks: number): Promise<void> {
  await page.evaluate(() => {
    if (document.getElementById('fault-probe')) return;
    const b = document.createElement('button');
    b.id = 'fault-probe';
    b.textContent = 'probe';
    b.style.cssText = 'position:fixed;left:8px;bottom:8px;z-index:1;padding:12px';
    b.dataset.clicks = '0';
    b.addEventListener('click', () => (b.dataset.clicks = String(Number(b.dataset.clicks) + 1)));
    document.body.append(b);
  });
  await page.locator('#fault-probe').click();
  await expect(page.locator('#fault-probe')).toHaveAttribute('data-clicks', String(expectedClicks));
}

/** Counts from now on, in window.__ourNodes, every time a banner of ours is added to or removed from the page. */
async function countBannerChanges(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __ourNodes: number };
    w.__ourNodes = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of [...r.addedNodes, ...r.removedNodes]) if ((n as Element).localName === 'shop-sentinel-banner') w.__ourNodes++;
    }).observe(document.documentElement, { childList: true, subtree: true });
  });
}

interface ReloadRun {
  errors: string[];
  before: string[];
  after: string[];
}

/**
 * A risky page with our banner and two saved snapshots; the extension reloads itself (what an update
 * does to open pages). Returns the errors the page saw (main world and our isolated worlds).
 */
async function reloadWithPageOpen(ext: ExtensionBrowser, page: Page, demoOrigin: string): Promise<ReloadRun> {
  await page.goto(`${demoOrigin}/card-shop.html`);
  await waitForReport(ext, page, (r) => r.report.score >= 15);
  await expect.poll(() => shadowText(page, BANNER), { timeout: 10_000 }).toContain('ShopSentinel');
  const tabId = await tabIdOf(ext, page);
  await pageWorks(page, 1);

  const ev = await openEvidenceWindow(ext);
  const before = [await saveEvidence(ev, tabId), await saveEvidence(ev, tabId)].sort();
  expect((await listEvidence(ev)).ids).toEqual(before);
  await ev.close();

  await enableDeveloperMode(ext);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}\n${e.stack ?? ''}`));
  const cdp = await ext.context.newCDPSession(page);
  cdp.on('Runtime.exceptionThrown', (e: { exceptionDetails: { text: string; url?: string; exception?: { description?: string } } }) =>
    errors.push(`exception (${e.exceptionDetails.url ?? 'page'}): ${e.exceptionDetails.exception?.description ?? e.exceptionDetails.text}`),
  );
  await cdp.send('Runtime.enable'); // every world of the page: main and content scripts
  await page.evaluate(() => {
    (window as unknown as { __oldBanner: Element | null }).__oldBanner = document.querySelector('shop-sentinel-banner');
  });
  await countBannerChanges(page);

  const next = ext.context.waitForEvent('serviceworker', { timeout: 20_000 });
  await currentWorker(ext).evaluate(() => {
    setTimeout(() => chrome.runtime.reload(), 10);
  });
  await next;
  return { errors, before, after: [] };
}

test.describe('extension reloaded while a risky page is open', () => {
  test('the old content script stops, the new one is re-injected: one working banner, the page works, no snapshot lost', async ({ ext, page, demo }) => {
    test.setTimeout(90_000);
    const run = await reloadWithPageOpen(ext, page, demo.origin);

    // the background re-injected the content script: a fresh banner replaces the old one, exactly one
    await expect.poll(() => page.evaluate(() => (window as unknown as { __oldBanner: Element }).__oldBanner.isConnected), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('shop-sentinel-banner').length), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => shadowText(page, BANNER), { timeout: 10_000 }).toMatch(/ShopSentinel.*risk sign/s);
    // the new script reported to the new background (the reload emptied storage.session)
    await waitForReport(ext, page, (r) => r.report.score >= 15);
    // stable: no second copy fighting over the banner (old removed + new added = 2 changes, no more)
    const mounted = await page.evaluateHandle(() => document.querySelector('shop-sentinel-banner'));
    await page.waitForTimeout(3_000);
    expect(await page.evaluate(() => document.querySelectorAll('shop-sentinel-banner').length)).toBe(1);
    expect(await page.evaluate((b) => b === document.querySelector('shop-sentinel-banner'), mounted)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __ourNodes: number }).__ourNodes)).toBe(2);

    // the banner works: "dismiss" hides it and reaches the new background
    await clickShadowAction(page, BANNER, 'dismiss');
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('shop-sentinel-banner').length)).toBe(0);
    await expect
      .poll(() => currentWorker(ext).evaluate(async () => ((await chrome.storage.session.get('sites:dismissed'))['sites:dismissed'] as string[] | undefined) ?? []))
      .toContain(new URL(page.url()).host);

    // the page keeps working
    await pageWorks(page, 2);

    // every snapshot saved before the reload is still listed, in the data and on the evidence page, and verifies
    const ev = await openEvidenceWindow(ext);
    const list = await listEvidence(ev);
    expect(list.ids).toEqual(run.before);
    expect(list.problems).toEqual([]);
    await expectIntact(ev, run.before);
    await expect(ev.locator('.ev-card-btn')).toHaveCount(2, { timeout: 15_000 });
    // errors of the page's own world
    expect(run.errors.filter((e) => !e.includes('chrome-extension://'))).toEqual([]);
  });

  test('a second live copy injected into the tab (the background re-injecting on install) takes over: one banner, no fight', async ({ ext, page, demo }) => {
    await page.goto(`${demo.origin}/card-shop.html`);
    await waitForReport(ext, page, (r) => r.report.score >= 40);
    await expect.poll(() => shadowText(page, BANNER), { timeout: 10_000 }).toContain('ShopSentinel');
    await countBannerChanges(page);
    const tabId = await tabIdOf(ext, page);
    const files = await currentWorker(ext).evaluate(async (id: number) => {
      const js = chrome.runtime.getManifest().content_scripts[0].js as string[];
      await chrome.scripting.executeScript({ target: { tabId: id }, files: js });
      return js;
    }, tabId);
    expect(files.length).toBeGreaterThan(0);
    // the first copy stopped (its banner removed), the second shows its own: then nothing moves
    await expect.poll(() => page.evaluate(() => (window as unknown as { __ourNodes: number }).__ourNodes), { timeout: 10_000 }).toBe(2);
    await page.waitForTimeout(3_000);
    expect(await page.evaluate(() => document.querySelectorAll('shop-sentinel-banner').length)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __ourNodes: number }).__ourNodes)).toBe(2);
    // and the copy left is alive: new risky text still reaches a report
    await addParagraph(page, '加微信私下转账更优惠，转账后发货。');
    await waitForReport(ext, page, (r) => r.findings.some((f) => f.category === 'off-platform-payment'), 10_000);
  });

  test('the old content script stops without an uncaught error', async ({ ext, page, demo }) => {
    // the invalidated script's stop() (src/content/controller.ts) removes our UI first and never throws,
    // though Chromium has already taken `chrome.runtime` from it
    test.setTimeout(90_000);
    const run = await reloadWithPageOpen(ext, page, demo.origin);
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('shop-sentinel-banner').length), { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(1_000);
    expect(run.errors).toEqual([]);
  });
});

/**
 * Holds the save's IndexedDB transaction open from inside the worker: when the snapshot record is
 * added (after every blob of the save was put in the same transaction), the transaction is kept busy
 * with read requests so it never commits, and a flag tells the test. The test then stops the worker.
 */
async function holdSnapshotTransaction(ext: ExtensionBrowser): Promise<void> {
  await currentWorker(ext).evaluate(() => {
    const g = globalThis as { __faultReached?: boolean };
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      const request = add.apply(this, args);
      if (this.name === 'snapshots') {
        const store = this;
        const keepBusy = () => {
          store.get('__never__').onsuccess = keepBusy;
        };
        keepBusy();
        g.__faultReached = true;
      }
      return request;
    };
  });
}

/** Makes the capture hang (the screenshot never comes back) and flags it. */
async function hangCapture(ext: ExtensionBrowser): Promise<void> {
  await currentWorker(ext).evaluate(() => {
    const g = globalThis as { __faultReached?: boolean; browser?: { tabs?: { captureVisibleTab?: unknown } } };
    const hang = () => {
      g.__faultReached = true;
      return new Promise(() => undefined);
    };
    chrome.tabs.captureVisibleTab = hang;
    if (g.browser?.tabs) g.browser.tabs.captureVisibleTab = hang;
  });
}

for (const phase of [
  { name: 'during the capture', plant: hangCapture },
  { name: 'inside the database transaction', plant: holdSnapshotTransaction },
]) {
  test(`service worker stopped ${phase.name}: no half record, the others kept and intact, the user told`, async ({ ext, page, demo }) => {
    test.setTimeout(90_000);
    await page.goto(`${demo.origin}/card-shop.html`);
    await waitForReport(ext, page, (r) => r.report.score >= 15);
    const tabId = await tabIdOf(ext, page);
    const ev = await openEvidenceWindow(ext);
    const kept = [await saveEvidence(ev, tabId)];
    const countsBefore = await storeCounts(ext);
    expect(countsBefore.snapshots).toBe(1);
    const sw = await serviceWorkerControl(ev);

    // the user saves from the popup; the worker dies in the middle
    await phase.plant(ext);
    const popup = await openPopupWindow(ext, tabId);
    await popup.locator('button[data-action=save-evidence]').click();
    await waitForFault(ext);
    // the save announced itself before doing any work
    const pending = await currentWorker(ext).evaluate(async () => (await chrome.storage.local.get('evidenceSaveJournal')).evidenceSaveJournal);
    expect(pending?.pending).toMatchObject({ tabId, url: page.url() });
    await sw.stopAll();

    // the popup does not claim success, and says what happened in words (not the browser's "message channel closed")
    await expect(popup.getByText(/The save was interrupted .*Nothing was saved/)).toBeVisible({ timeout: 15_000 });
    await expect(popup.getByText(/Evidence saved/)).toHaveCount(0);
    await popup.close();

    // the evidence page (re)opened: the worker starts again and finds the interrupted save
    await ev.reload();
    const notice = ev.getByTestId('interrupted-save');
    await expect(notice).toBeVisible({ timeout: 15_000 });
    await expect(notice).toContainText('The last save did not finish');
    await expect(notice).toContainText(page.url());
    await expect(ev.locator('.ev-card-btn')).toHaveCount(1);
    const list = await listEvidence(ev);
    expect(list.ids).toEqual(kept);
    expect(list.problems.filter((p) => !p.interrupted)).toEqual([]);
    expect(list.problems.find((p) => p.interrupted)?.interrupted?.url).toBe(page.url());
    await expectIntact(ev, kept);
    // no half record: not one record or blob more than before (the blobs were put in the aborted transaction)
    expect(await storeCounts(ext)).toEqual(countsBefore);

    // saving works again in the new worker, and the notice goes away
    const again = await saveEvidence(ev, tabId);
    await ev.reload();
    await expect(ev.locator('.ev-card-btn')).toHaveCount(2, { timeout: 15_000 });
    await expect(ev.getByTestId('interrupted-save')).toHaveCount(0);
    expect((await listEvidence(ev)).ids).toEqual([...kept, again].sort());
    await expectIntact(ev, [...kept, again]);
    await sw.cdp.detach();
  });
}

/*
 * Storage quota. A real QuotaExceededError cannot be had cheaply here: the extension holds
 * "unlimitedStorage", and Chromium does not enforce CDP's Storage.overrideQuotaForOrigin for it
 * (tried: navigator.storage.estimate() reports the 1,000-byte quota, and the write still succeeds),
 * so only a full disk would do. Instead the worker's IndexedDB throws the DOMException
 * QuotaExceededError on the second blob of the save — after a first blob was put in the same
 * transaction, so the rollback is real and observable. When Chromium instead aborts the transaction at
 * commit with QuotaExceededError, idb's tx.done rejects with that same DOMException and the same path
 * (writeAll → toStorageError by error name, src/storage/evidence-db.ts) reports it; the Node side is
 * held by tests/unit/evidence/evidence-db.test.ts ("a full disk during a save …").
 */
test('storage quota exhausted during a save: the popup says so, nothing half saved, the others kept, saving works again after', async ({ ext, page, demo }) => {
  test.setTimeout(90_000);
  await page.goto(`${demo.origin}/card-shop.html`);
  await waitForReport(ext, page, (r) => r.report.score >= 15);
  const tabId = await tabIdOf(ext, page);
  const ev = await openEvidenceWindow(ext);
  const kept = [await saveEvidence(ev, tabId)];
  await page.evaluate(() => document.body.insertAdjacentHTML('afterbegin', `<h2>changed ${Date.now()}</h2>`)); // new bytes (screenshot, HTML, text): new blobs
  const countsBefore = await storeCounts(ext);

  await currentWorker(ext).evaluate(() => {
    const g = globalThis as { __restoreQuota?: () => void; __blobPuts?: number };
    const put = IDBObjectStore.prototype.put;
    g.__blobPuts = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'blobs' && ++g.__blobPuts! >= 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    g.__restoreQuota = () => (IDBObjectStore.prototype.put = put);
  });

  const popup = await openPopupWindow(ext, tabId);
  await popup.locator('button[data-action=save-evidence]').click();
  await expect(popup.getByText(/Could not save evidence: .*no more storage space.*Nothing was saved/)).toBeVisible({ timeout: 30_000 });
  await popup.close();
  expect(await currentWorker(ext).evaluate(() => (globalThis as { __blobPuts?: number }).__blobPuts)).toBeGreaterThanOrEqual(2);

  // nothing of it was kept (the first blob was rolled back), the earlier snapshot is listed and intact
  expect(await storeCounts(ext)).toEqual(countsBefore);
  await ev.reload();
  await expect(ev.locator('.ev-card-btn')).toHaveCount(1, { timeout: 15_000 });
  const list = await listEvidence(ev);
  expect(list.ids).toEqual(kept);
  expect(list.problems).toEqual([]);
  await expectIntact(ev, kept);

  // space again: the next save works
  await currentWorker(ext).evaluate(() => (globalThis as { __restoreQuota?: () => void }).__restoreQuota?.());
  const again = await saveEvidence(ev, tabId);
  expect((await listEvidence(ev)).ids).toEqual([...kept, again].sort());
  await expectIntact(ev, [...kept, again]);
});
