import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { captureTab } from '../../../src/background/evidence/capture-page';
import { captureAndSave, type SaveEvidenceDeps } from '../../../src/background/evidence/save-evidence';
import { createCaptureThrottle } from '../../../src/background/evidence/throttle';
import { planScrollPositions, planSlices, tileHeightFor, DEFAULT_CAPTURE_LIMITS } from '../../../src/evidence/capture-plan';
import { decodePng } from '../../../src/evidence/png';
import { listSnapshots, openEvidenceDb, readSnapshotMaterial } from '../../../src/storage/evidence-db';
import { buildSnapshotBundle } from '../../../src/evidence/bundle';
import { verifyBundle } from '../../../src/evidence/verify';
import { createFakeTab, rowColour } from './fake-tab';
import { GENERATOR } from './fixtures';

function checkRows(tiles: Uint8Array[], expectedHeightPx: number) {
  let y = 0;
  for (const t of tiles) {
    const img = decodePng(t);
    for (let r = 0; r < img.height; r++, y++) {
      const [a, b, c] = rowColour(y);
      const i = r * img.width * 4;
      if (img.data[i] !== a || img.data[i + 1] !== b || img.data[i + 2] !== c) throw new Error(`row ${y} (tile row ${r}) has the wrong pixels`);
    }
  }
  expect(y).toBe(expectedHeightPx);
}

describe('capture planning', () => {
  it('scroll positions cover the page once, the last one clamped', () => {
    expect(planScrollPositions({ scrollHeight: 2000, viewportHeight: 800 }, DEFAULT_CAPTURE_LIMITS)).toEqual({ positions: [0, 800, 1200], truncated: false });
    expect(planScrollPositions({ scrollHeight: 500, viewportHeight: 800 }, DEFAULT_CAPTURE_LIMITS)).toEqual({ positions: [0], truncated: false });
    const long = planScrollPositions({ scrollHeight: 1e6, viewportHeight: 800 }, DEFAULT_CAPTURE_LIMITS);
    expect(long.positions).toHaveLength(DEFAULT_CAPTURE_LIMITS.maxCaptures);
    expect(long.truncated).toBe(true);
  });
  it('slices place every row exactly once and respect tile boundaries', () => {
    const { slices, totalHeight, tiles } = planSlices([0, 800, 1200], 800, 2, 1600, 1000);
    expect(totalHeight).toBe(4000);
    expect(tiles).toBe(4);
    let covered = 0;
    for (const s of slices) {
      expect(s.tile * 1000 + s.dstY).toBe(covered);
      expect(s.dstY + s.height).toBeLessThanOrEqual(1000);
      covered += s.height;
    }
    expect(covered).toBe(4000);
    expect(tileHeightFor(2560, DEFAULT_CAPTURE_LIMITS)).toBeLessThanOrEqual(DEFAULT_CAPTURE_LIMITS.maxTileSide);
  });
});

describe('captureTab with a synthetic page', () => {
  it('stitches a long page pixel-exact, tiles it, hides fixed elements after the first frame and restores the scroll', async () => {
    const tab = createFakeTab({ cssWidth: 100, cssHeight: 5000, viewportHeight: 700, dpr: 2 });
    const limits = { ...DEFAULT_CAPTURE_LIMITS, maxTileSide: 3000, maxTileArea: 200 * 3000 };
    const out = await captureTab(tab.deps, { fullPage: true, capturedAt: new Date(), limits });
    const tiles = out.raw.filter((r) => r.role === 'screenshot-full').map((r) => r.bytes);
    expect(tiles.length).toBe(Math.ceil(10_000 / 3000));
    checkRows(tiles, 10_000);
    expect(out.fullPage).toEqual({ captured: true, tiles: 4, coveredHeight: 5000, truncated: false });
    expect(tab.log.filter((l) => l.startsWith('scroll')).slice(0, 2)).toEqual(['scroll 0→0', 'scroll 700→700 hide']);
    expect(tab.log[tab.log.length - 1]).toBe('restore 0,123');
    expect(out.raw.map((r) => r.name)).toEqual(['screenshot-viewport.png', 'screenshot-full-01.png', 'screenshot-full-02.png', 'screenshot-full-03.png', 'screenshot-full-04.png', 'page.html', 'page.txt']);
    expect(out.thumbnail).not.toBeNull();
  });
  it('marks a page that stops scrolling as truncated and keeps what it got', async () => {
    const tab = createFakeTab({ cssWidth: 50, cssHeight: 4000, viewportHeight: 500, dpr: 1, scrollLimit: 1000 });
    const out = await captureTab(tab.deps, { fullPage: true, capturedAt: new Date() });
    expect(out.fullPage.truncated).toBe(true);
    expect(out.fullPage.coveredHeight).toBe(1500);
    expect(out.warnings.join(' ')).toMatch(/covers the first 1500 px/);
  });
  it('throttles captures to the browser rate limit', async () => {
    let t = 0;
    const clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
    const throttle = createCaptureThrottle(550, clock);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) await throttle(async () => times.push(clock.now()));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(550);
    let calls = 0;
    await throttle(async () => {
      if (++calls === 1) throw new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
      return 1;
    });
    expect(calls).toBe(2);
  });
});

function saveDeps(tab: ReturnType<typeof createFakeTab>, factory: IDBFactory, overrides: Partial<SaveEvidenceDeps> = {}): SaveEvidenceDeps {
  let n = 0;
  return {
    openDb: () => openEvidenceDb(factory),
    getTab: async (id) => (id === 7 ? { id, windowId: 1, url: 'https://shop.example.com/item', title: 'Item', active: true } : null),
    getTabReport: async () => ({ findings: [], report: { score: 72, level: 'danger', byCategory: {}, contributions: [] } }),
    captureDeps: async () => tab.deps,
    environment: async () => ({ browser: { name: 'Chrome', version: '131', userAgent: 'UA' }, extension: { name: 'ShopSentinel', version: '0.1.0' }, ruleSet: { version: 'r1', rules: 10 } }),
    newId: () => `id${++n}`,
    now: () => new Date(Date.UTC(2026, 10, 22, 2, 0, 0)),
    timeZone: 'Asia/Shanghai',
    ...overrides,
  };
}

describe('captureAndSave', () => {
  it('captures, seals and stores a snapshot that exports as an intact bundle', async () => {
    const factory = new IDBFactory();
    const tab = createFakeTab({ cssWidth: 80, cssHeight: 2000, viewportHeight: 600, dpr: 1 });
    const res = await captureAndSave(saveDeps(tab, factory), { tabId: 7, note: 'my note', caseId: null, fullPage: true, mhtml: false });
    expect(res.snapshotId).toBe('id1');
    expect(res.fullPageTiles).toBe(1);
    const db = await openEvidenceDb(factory);
    const material = await readSnapshotMaterial(db, 'id1');
    expect(material.capture.note).toBe('my note');
    expect(material.capture.report?.score).toBe(72);
    expect(material.capture.capturedAt.local).toBe('2026-11-22 10:00:00 UTC+08:00');
    expect(material.capture.finalUrl).toBe('https://shop.example.com/item?final=1');
    const bundle = await buildSnapshotBundle(material, { lang: 'en', now: new Date(), generator: GENERATOR });
    expect((await verifyBundle(bundle.zip)).status).toBe('intact');
    db.close();
  });
  it('a tab closed in the middle of the capture saves nothing and says so', async () => {
    const factory = new IDBFactory();
    const tab = createFakeTab({ cssWidth: 80, cssHeight: 4000, viewportHeight: 600, dpr: 1, closeAfterCaptures: 3 });
    await expect(captureAndSave(saveDeps(tab, factory), { tabId: 7, note: '', caseId: null, fullPage: true, mhtml: false })).rejects.toMatchObject({ code: 'tab-closed', message: expect.stringMatching(/Nothing was saved/) });
    const db = await openEvidenceDb(factory);
    expect((await listSnapshots(db)).snapshots).toHaveLength(0);
    db.close();
  });
  it('refuses pages that cannot be captured, hidden tabs and unknown tabs with clear errors', async () => {
    const factory = new IDBFactory();
    const tab = createFakeTab({ cssWidth: 80, cssHeight: 600, viewportHeight: 600, dpr: 1 });
    const chromePage = saveDeps(tab, factory, { getTab: async (id) => ({ id, windowId: 1, url: 'chrome://settings', title: '', active: true }) });
    await expect(captureAndSave(chromePage, { tabId: 7, note: '', caseId: null, fullPage: false, mhtml: false })).rejects.toMatchObject({ code: 'not-capturable' });
    const hidden = saveDeps(tab, factory, { getTab: async (id) => ({ id, windowId: 1, url: 'https://a.example', title: '', active: false }) });
    await expect(captureAndSave(hidden, { tabId: 7, note: '', caseId: null, fullPage: false, mhtml: false })).rejects.toMatchObject({ code: 'not-visible' });
    await expect(captureAndSave(saveDeps(tab, factory), { tabId: 99, note: '', caseId: null, fullPage: false, mhtml: false })).rejects.toMatchObject({ code: 'tab-closed' });
  });
});

describe('captureAndSave time limit', () => {
  it('abandons a capture that hangs, saves nothing, and frees the next capture', async () => {
    const factory = new IDBFactory();
    const tab = createFakeTab({ cssWidth: 40, cssHeight: 600, viewportHeight: 600, dpr: 1 });
    let release: () => void = () => undefined;
    const hanging = { ...tab.deps, page: { ...tab.deps.page, collect: () => new Promise<never>((_, reject) => (release = () => reject(new Error('late')))) } };
    const deps = saveDeps(tab, factory, { captureDeps: async () => hanging });
    await expect(captureAndSave(deps, { tabId: 7, note: '', caseId: null, fullPage: false, mhtml: false }, 200)).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/abandoned/) });
    release();
    const ok = await captureAndSave(saveDeps(tab, factory), { tabId: 7, note: '', caseId: null, fullPage: false, mhtml: false });
    expect(ok.files).toBe(4);
    const db = await openEvidenceDb(factory);
    expect((await listSnapshots(db)).snapshots).toHaveLength(1);
    db.close();
  });
});

describe('error messages', () => {
  it('explains the activeTab requirement instead of passing the raw browser error', async () => {
    const { describeError } = await import('../../../src/background/evidence/save-evidence');
    const e = describeError(new Error("Either the '<all_urls>' or 'activeTab' permission is required."));
    expect(e.code).toBe('not-capturable');
    expect(e.message).toMatch(/toolbar button/);
    expect(describeError(new Error('No tab with id: 5.')).code).toBe('tab-closed');
    expect(describeError(Object.assign(new Error('x'), { name: 'QuotaExceededError' })).code).toBe('failed');
  });
});

describe('own UI during capture', () => {
  it('hides ShopSentinel UI before the first screenshot and shows it again afterwards, even on failure', async () => {
    const calls: string[] = [];
    const tab = createFakeTab({ cssWidth: 40, cssHeight: 1200, viewportHeight: 600, dpr: 1 });
    const capture = tab.deps.captureVisible;
    const deps = {
      ...tab.deps,
      captureVisible: async () => {
        calls.push('capture');
        return capture();
      },
      setOwnUiHidden: async (h: boolean) => void calls.push(h ? 'hide' : 'show'),
    };
    await captureTab(deps, { fullPage: true, capturedAt: new Date() });
    expect(calls[0]).toBe('hide');
    expect(calls[calls.length - 1]).toBe('show');
    expect(calls.filter((c) => c === 'capture').length).toBe(3);
    calls.length = 0;
    const failing = { ...deps, captureVisible: async () => Promise.reject(new Error('No tab with id: 1')) };
    await expect(captureTab(failing, { fullPage: true, capturedAt: new Date() })).rejects.toThrow(/No tab/);
    expect(calls).toEqual(['hide', 'show']);
  });
});

describe('png helpers', () => {
  it('round-trip RGBA pixels and read sizes', async () => {
    const { encodePng, decodePng, pngSize } = await import('../../../src/evidence/png');
    const data = new Uint8Array(7 * 5 * 4).map((_, i) => (i * 37) & 255);
    const png = encodePng({ width: 7, height: 5, data });
    expect(pngSize(png)).toEqual({ width: 7, height: 5 });
    expect(Array.from(decodePng(png).data)).toEqual(Array.from(data));
    expect(pngSize(new Uint8Array(30))).toBeNull();
  });
});
