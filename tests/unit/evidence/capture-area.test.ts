import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureTab, planAreaTiles, type PageRect } from '../../../src/background/evidence/capture-page';
import { createAreaCapture, createBrowserEvidenceDeps, mhtmlUnavailableReason } from '../../../src/background/evidence/browser-deps';
import { captureAndSave } from '../../../src/background/evidence/save-evidence';
import { DEFAULT_CAPTURE_LIMITS, tileHeightFor } from '../../../src/evidence/capture-plan';
import { decodePng, encodePng } from '../../../src/evidence/png';
import { openEvidenceDb, readSnapshotMaterial } from '../../../src/storage/evidence-db';
import { createFakeTab, rowColour } from './fake-tab';

/** every device row of the tiles, in order, has the colour of its page row */
function checkRows(tiles: Uint8Array[], expectedHeightPx: number, expectedWidth: number) {
  let y = 0;
  for (const t of tiles) {
    const img = decodePng(t);
    expect(img.width).toBe(expectedWidth);
    for (let r = 0; r < img.height; r++, y++) {
      const [a, b, c] = rowColour(y);
      const i = r * img.width * 4;
      if (img.data[i] !== a || img.data[i + 1] !== b || img.data[i + 2] !== c) throw new Error(`row ${y} (tile row ${r}) has the wrong pixels`);
    }
  }
  expect(y).toBe(expectedHeightPx);
}

const fullTiles = (raw: { role: string; bytes: Uint8Array }[]) => raw.filter((r) => r.role === 'screenshot-full').map((r) => r.bytes);

describe('planAreaTiles', () => {
  it('cuts the page into rectangles that fit the canvas limits at the device scale, covering it once', () => {
    const limits = { ...DEFAULT_CAPTURE_LIMITS, maxTileSide: 3000, maxTileArea: 200 * 3000 };
    const plan = planAreaTiles({ scrollHeight: 5000, viewportHeight: 700, viewportWidth: 100, devicePixelRatio: 2 }, limits);
    expect(plan.scale).toBe(2);
    expect(plan.rects).toEqual([
      { x: 0, y: 0, width: 100, height: 1500 },
      { x: 0, y: 1500, width: 100, height: 1500 },
      { x: 0, y: 3000, width: 100, height: 1500 },
      { x: 0, y: 4500, width: 100, height: 500 },
    ]);
    expect(plan).toMatchObject({ coveredHeight: 5000, truncated: false });
    // a wide page: the area limit, not the side limit, decides the tile height
    const wide = planAreaTiles({ scrollHeight: 100_000, viewportHeight: 1000, viewportWidth: 2000, devicePixelRatio: 1.5 }, DEFAULT_CAPTURE_LIMITS);
    for (const r of wide.rects) {
      expect(Math.round(r.height * 1.5)).toBeLessThanOrEqual(tileHeightFor(3000, DEFAULT_CAPTURE_LIMITS));
      expect(Math.round(r.width * 1.5) * Math.round(r.height * 1.5)).toBeLessThanOrEqual(DEFAULT_CAPTURE_LIMITS.maxTileArea);
    }
    expect(wide.rects.reduce((n, r) => n + r.height, 0)).toBe(60_000); // maxCaptures (60) viewports, like the stitcher
    expect(wide.truncated).toBe(true);
  });
  it('survives odd metrics (zero or missing device pixel ratio, tiny pages)', () => {
    const p = planAreaTiles({ scrollHeight: 0, viewportHeight: 0, viewportWidth: 0, devicePixelRatio: 0 }, DEFAULT_CAPTURE_LIMITS);
    expect(p.scale).toBe(1);
    expect(p.rects).toEqual([{ x: 0, y: 0, width: 1, height: 1 }]);
    expect(planAreaTiles({ scrollHeight: 900, viewportHeight: 800, viewportWidth: 50, devicePixelRatio: Number.NaN }, DEFAULT_CAPTURE_LIMITS).scale).toBe(1);
  });
});

describe('captureTab with a browser that captures page rectangles (Firefox)', () => {
  it('captures the full page in tiles, pixel-exact, without scrolling and with one viewport capture', async () => {
    const tab = createFakeTab({ cssWidth: 100, cssHeight: 5000, viewportHeight: 700, dpr: 2, area: true });
    const limits = { ...DEFAULT_CAPTURE_LIMITS, maxTileSide: 3000, maxTileArea: 200 * 3000 };
    const out = await captureTab(tab.deps, { fullPage: true, capturedAt: new Date(), limits });
    expect(out.fullPageMethod).toBe('area');
    checkRows(fullTiles(out.raw), 10_000, 200);
    expect(out.fullPage).toEqual({ captured: true, tiles: 4, coveredHeight: 5000, truncated: false });
    expect(tab.log.filter((l) => l.startsWith('area'))).toEqual(['area 0,0 100x1500 @2', 'area 0,1500 100x1500 @2', 'area 0,3000 100x1500 @2', 'area 0,4500 100x500 @2']);
    expect(tab.log.some((l) => l.startsWith('scroll') || l.startsWith('restore'))).toBe(false);
    expect(tab.captures).toBe(1); // the viewport screenshot only
    expect(tab.scrollY).toBe(0);
    expect(out.raw.map((r) => r.name)).toEqual(['screenshot-viewport.png', 'screenshot-full-01.png', 'screenshot-full-02.png', 'screenshot-full-03.png', 'screenshot-full-04.png', 'page.html', 'page.txt']);
    expect(out.warnings).toEqual([]);
  });
  it('stops at the capture limit and says how much of the page it covers', async () => {
    const tab = createFakeTab({ cssWidth: 60, cssHeight: 100_000, viewportHeight: 500, dpr: 1, area: true });
    const out = await captureTab(tab.deps, { fullPage: true, capturedAt: new Date(), limits: { ...DEFAULT_CAPTURE_LIMITS, maxCaptures: 4 } });
    expect(out.fullPage).toEqual({ captured: true, tiles: 1, coveredHeight: 2000, truncated: true });
    checkRows(fullTiles(out.raw), 2000, 60);
    expect(out.warnings.join(' ')).toMatch(/100000 px long; the full-page screenshot covers the first 2000 px/);
  });
  it('keeps what a clipping browser returned and marks the capture truncated', async () => {
    const tab = createFakeTab({ cssWidth: 40, cssHeight: 6000, viewportHeight: 500, dpr: 1, area: true, areaMaxRows: 1200 });
    const out = await captureTab(tab.deps, { fullPage: true, capturedAt: new Date(), limits: { ...DEFAULT_CAPTURE_LIMITS, maxTileSide: 2000 } });
    expect(tab.areaCaptures).toBe(1);
    expect(out.fullPage).toEqual({ captured: true, tiles: 1, coveredHeight: 1200, truncated: true });
    checkRows(fullTiles(out.raw), 1200, 40);
  });
  it('falls back to scroll-and-stitch when the area capture fails, and says so', async () => {
    const tab = createFakeTab({ cssWidth: 40, cssHeight: 1500, viewportHeight: 500, dpr: 1, area: true });
    const deps = { ...tab.deps, captureArea: async () => Promise.reject(new Error('Type error for parameter options')) };
    const out = await captureTab(deps, { fullPage: true, capturedAt: new Date() });
    expect(out.fullPageMethod).toBe('scroll');
    expect(out.fullPage).toEqual({ captured: true, tiles: 1, coveredHeight: 1500, truncated: false });
    checkRows(fullTiles(out.raw), 1500, 40);
    expect(out.warnings.join(' ')).toMatch(/by area failed \(Type error for parameter options\); it was captured by scrolling instead/);
    const notPng = { ...tab.deps, captureArea: async () => new Uint8Array([1, 2, 3]) };
    expect((await captureTab(notPng, { fullPage: true, capturedAt: new Date() })).fullPageMethod).toBe('scroll');
  });
  it('stops everything when the tab goes away during an area capture', async () => {
    const tab = createFakeTab({ cssWidth: 40, cssHeight: 1500, viewportHeight: 500, dpr: 1, area: true });
    const deps = { ...tab.deps, captureArea: async () => Promise.reject(new Error('No tab with id: 7.')) };
    await expect(captureTab(deps, { fullPage: true, capturedAt: new Date() })).rejects.toThrow(/No tab/);
  });
  it('does not capture the full page when it was not asked for or the page fits the viewport', async () => {
    const tab = createFakeTab({ cssWidth: 40, cssHeight: 1500, viewportHeight: 500, dpr: 1, area: true });
    expect((await captureTab(tab.deps, { fullPage: false, capturedAt: new Date() })).fullPageMethod).toBeNull();
    const short = createFakeTab({ cssWidth: 40, cssHeight: 500, viewportHeight: 500, dpr: 1, area: true });
    expect((await captureTab(short.deps, { fullPage: true, capturedAt: new Date() })).fullPageMethod).toBeNull();
    expect(tab.areaCaptures + short.areaCaptures).toBe(0);
  });
});

describe('captureTab without page rectangles (Chrome)', () => {
  it('keeps scroll-and-stitch', async () => {
    const tab = createFakeTab({ cssWidth: 40, cssHeight: 1500, viewportHeight: 500, dpr: 1 });
    expect(tab.deps.captureArea).toBeUndefined();
    const out = await captureTab(tab.deps, { fullPage: true, capturedAt: new Date() });
    expect(out.fullPageMethod).toBe('scroll');
    expect(tab.captures).toBe(4); // viewport + 3 scroll positions
    expect(tab.log.filter((l) => l.startsWith('scroll'))).toEqual(['scroll 0→0', 'scroll 500→500 hide', 'scroll 1000→1000 hide']);
  });
});

describe('createAreaCapture (Firefox captureVisibleTab with rect)', () => {
  it('passes the window, the rectangle and the scale, and returns the PNG bytes', async () => {
    const png = encodePng({ width: 2, height: 3, data: new Uint8Array(2 * 3 * 4).fill(200) });
    const calls: unknown[] = [];
    const capture = createAreaCapture(async (windowId, options) => {
      calls.push([windowId, options]);
      return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
    }, 9);
    const rect: PageRect = { x: 0, y: 1500, width: 100, height: 1500 };
    expect(Array.from(await capture(rect, 2))).toEqual(Array.from(png));
    expect(calls).toEqual([[9, { format: 'png', rect: { x: 0, y: 1500, width: 100, height: 1500 }, scale: 2 }]]);
    await expect(createAreaCapture(async () => 'nope', 1)(rect, 1)).rejects.toThrow(/no image/);
  });
});

describe('MHTML where the browser cannot save it', () => {
  it('names the reason only when MHTML was asked for and cannot be saved', () => {
    expect(mhtmlUnavailableReason(false, false, false)).toBeNull();
    expect(mhtmlUnavailableReason(true, true, true)).toBeNull();
    expect(mhtmlUnavailableReason(true, false, false)).toMatch(/^MHTML: unavailable in this browser/);
    expect(mhtmlUnavailableReason(true, true, false)).toMatch(/^MHTML: not saved, the optional "pageCapture" permission has not been granted/);
  });
  it('writes the reason to the warnings of capture.json', async () => {
    const factory = new IDBFactory();
    const tab = createFakeTab({ cssWidth: 40, cssHeight: 600, viewportHeight: 600, dpr: 1, area: true });
    const reason = mhtmlUnavailableReason(true, false, false);
    const res = await captureAndSave(
      {
        openDb: () => openEvidenceDb(factory),
        getTab: async (id) => ({ id, windowId: 1, url: 'https://shop.example.com/item', title: 'Item', active: true }),
        getTabReport: async () => null,
        captureDeps: async (_tab, { mhtml }) => ({ ...tab.deps, mhtmlUnavailable: mhtmlUnavailableReason(mhtml, false, false) }),
        environment: async () => ({ browser: { name: 'Firefox', version: '140', userAgent: 'UA' }, extension: { name: 'ShopSentinel', version: '0.1.0' }, ruleSet: { version: 'r1' } }),
        newId: () => 'ff1',
        now: () => new Date(Date.UTC(2026, 10, 22, 2, 0, 0)),
      },
      { tabId: 7, note: '', caseId: null, fullPage: true, mhtml: true },
    );
    expect(res.warnings).toContain(reason);
    const db = await openEvidenceDb(factory);
    const material = await readSnapshotMaterial(db, 'ff1');
    expect(material.capture.warnings).toContain(reason);
    expect(material.capture.artefacts.some((a: { role: string }) => a.role === 'mhtml')).toBe(false);
    db.close();
  });
  it('the browser wiring (Chrome build) reports a missing pageCapture permission and offers no area capture', async () => {
    fakeBrowser.reset();
    const deps = createBrowserEvidenceDeps({ getTabReport: async () => null, ruleSet: () => ({ version: 'r' }), settings: async () => ({ fullPage: true, mhtml: true, lang: 'en' }) });
    const tab = { id: 3, windowId: 1, url: 'https://a.example/', title: '', active: true };
    const fake = fakeBrowser as unknown as { pageCapture?: unknown };
    const original = fake.pageCapture;
    const contains = vi.spyOn(fakeBrowser.permissions, 'contains') as unknown as { mockResolvedValue(v: boolean): void; mockRestore(): void };
    try {
      // Chrome with the optional permission not granted
      contains.mockResolvedValue(false);
      const notGranted = await deps.captureDeps(tab, { mhtml: true });
      expect(notGranted.saveMhtml).toBeNull();
      expect(notGranted.mhtmlUnavailable).toMatch(/permission has not been granted/);
      // Chrome with the permission
      contains.mockResolvedValue(true);
      const granted = await deps.captureDeps(tab, { mhtml: true });
      expect(granted.saveMhtml).not.toBeNull();
      expect(granted.mhtmlUnavailable).toBeNull();
      // Chrome hiding the namespace of a permission not granted yet (the Firefox build reports
      // "unavailable in this browser" instead: see mhtmlUnavailableReason above)
      fake.pageCapture = undefined;
      const missing = await deps.captureDeps(tab, { mhtml: true });
      expect(missing.saveMhtml).toBeNull();
      expect(missing.mhtmlUnavailable).toMatch(/permission has not been granted/);
      expect((await deps.captureDeps(tab, { mhtml: false })).mhtmlUnavailable).toBeNull();
      expect(import.meta.env.FIREFOX).toBeFalsy(); // unit tests run as the Chrome build
      expect(missing.captureArea).toBeUndefined();
    } finally {
      fake.pageCapture = original;
      contains.mockRestore();
    }
  });
});
