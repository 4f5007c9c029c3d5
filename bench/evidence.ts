/**
 * Evidence save benchmark (Node): a typical product page (1280×800 viewport, 3,200 px long) and a
 * 20,000 px long page, captured through the real capture/stitch/seal/store/export/verify code with a
 * simulated browser that returns synthetic PNG screenshots of a deterministic page. Time spent in the
 * simulated browser (making the PNGs) is measured separately and excluded from "pipeline". The browser's
 * capture rate limit (2/s) is not slept through; its floor (captures × 550 ms) is reported instead.
 * Run alone: `npx tsx bench/evidence.ts`.
 */
import 'fake-indexeddb/auto';
import { deflateSync, inflateSync } from 'node:zlib';
import { IDBFactory } from 'fake-indexeddb';
import { captureAndSave, type SaveEvidenceDeps } from '../src/background/evidence/save-evidence';
import { createRgbaImageOps } from '../src/background/evidence/image-ops';
import type { CaptureTabDeps } from '../src/background/evidence/capture-page';
import { DEFAULT_CAPTURE_LIMITS } from '../src/evidence/capture-plan';
import { encodePng, type ZlibCodec } from '../src/evidence/png';
import { buildSnapshotBundle } from '../src/evidence/bundle';
import { verifyBundle } from '../src/evidence/verify';
import { openEvidenceDb, readSnapshotMaterial } from '../src/storage/evidence-db';
import { stat, fmt, type Stat } from './stats';

interface Scenario {
  name: string;
  width: number;
  height: number;
  viewportHeight: number;
  dpr: number;
  htmlChars: number;
}

export const SCENARIOS: Scenario[] = [
  { name: 'product page (1280×800, 3,200 px long)', width: 1280, height: 3200, viewportHeight: 800, dpr: 1, htmlChars: 400_000 },
  { name: 'long page (1280×800, 20,000 px long)', width: 1280, height: 20_000, viewportHeight: 800, dpr: 1, htmlChars: 2_000_000 },
];

/** Deterministic page pixels: text-like rows, photo-like blocks and flat bands, so PNG sizes are realistic. */
function pixel(x: number, y: number, out: Uint8Array, o: number) {
  let h = Math.imul(x * 374761393 + y * 668265263, 1274126177) >>> 0;
  h ^= h >>> 13;
  const band = Math.floor(y / 40) % 6;
  if (band <= 2) {
    const ink = (h & 1023) < 150;
    const v = ink ? 40 : 255;
    out[o] = v; out[o + 1] = v; out[o + 2] = v;
  } else if (band <= 4) {
    out[o] = (x + (h & 31)) & 255; out[o + 1] = (y + ((h >> 5) & 31)) & 255; out[o + 2] = ((x ^ y) + ((h >> 10) & 31)) & 255;
  } else {
    out[o] = 230; out[o + 1] = 80; out[o + 2] = 20;
  }
  out[o + 3] = 255;
}

/** Node's native zlib stands in for the browser's native PNG codec (canvas); the pure fflate codec is ~10× slower. */
const NATIVE_ZLIB: ZlibCodec = {
  deflate: (data, level) => new Uint8Array(deflateSync(data, { level })),
  inflate: (data) => new Uint8Array(inflateSync(data)),
};

function simulatedTab(s: Scenario, timers: { browserMs: number; captures: number }): CaptureTabDeps {
  let scrollY = 0;
  const w = s.width * s.dpr;
  const vh = s.viewportHeight * s.dpr;
  const html = `<!DOCTYPE html><html><body>${'<p>限时特价 一经售出概不退换 Only 2 left! </p>'.repeat(Math.ceil(s.htmlChars / 40))}</body></html>`;
  return {
    page: {
      metrics: async () => ({ url: 'https://shop.example.com/item/1', title: 'Item', scrollX: 0, scrollY: 0, scrollHeight: s.height, viewportWidth: s.width, viewportHeight: s.viewportHeight, devicePixelRatio: s.dpr }),
      scrollTo: async (y) => ({ scrollY: (scrollY = Math.max(0, Math.min(y, s.height - s.viewportHeight))) }),
      restore: async () => ({ scrollY: (scrollY = 0) }),
      collect: async () => ({ url: 'https://shop.example.com/item/1', title: 'Item', lang: 'zh', html, text: html.replace(/<[^>]+>/g, ' '), stats: { scriptsRemoved: 0, handlersRemoved: 0, stylesheetsInlined: 0, stylesheetsLinked: 0, imagesInlined: 0, imagesLinked: 0, htmlTruncated: false, textTruncated: false } }),
    },
    captureVisible: async () => {
      const t0 = performance.now();
      const data = new Uint8Array(w * vh * 4);
      const top = Math.round(scrollY * s.dpr);
      for (let r = 0; r < vh; r++) for (let x = 0; x < w; x++) pixel(x, top + r, data, (r * w + x) * 4);
      const png = encodePng({ width: w, height: vh, data }, 1, NATIVE_ZLIB);
      timers.browserMs += performance.now() - t0;
      timers.captures++;
      return png;
    },
    saveMhtml: null,
    images: createRgbaImageOps(1, NATIVE_ZLIB),
  };
}

export interface EvidenceBenchScenario {
  name: string;
  captures: number;
  tiles: number;
  files: number;
  storedBytes: number;
  bundleBytes: number;
  /** end-to-end captureAndSave minus the simulated browser's time */
  pipelineMs: Stat;
  /** capture, scroll-and-stitch, thumbnail, hashing and capture.json (simulated browser excluded) */
  captureSealMs: Stat;
  /** the all-or-nothing IndexedDB transaction (fake-indexeddb) */
  storeMs: Stat;
  /** the simulated browser making screenshots (excluded from pipeline) */
  browserSimMs: Stat;
  exportMs: Stat;
  verifyMs: Stat;
  /** Chrome's 2 captures/s limit: the least wall time a real full-page capture needs */
  rateLimitFloorMs: number;
}

export async function benchEvidence(runs = 3): Promise<{ scenarios: EvidenceBenchScenario[] }> {
  const scenarios: EvidenceBenchScenario[] = [];
  for (const s of SCENARIOS) {
    const pipeline: number[] = [];
    const browser: number[] = [];
    const exportMs: number[] = [];
    const verifyMs: number[] = [];
    const captureSeal: number[] = [];
    const store: number[] = [];
    let last: Omit<EvidenceBenchScenario, 'pipelineMs' | 'browserSimMs' | 'exportMs' | 'verifyMs' | 'name' | 'rateLimitFloorMs' | 'captureSealMs' | 'storeMs'> | null = null;
    for (let run = 0; run < runs; run++) {
      const factory = new IDBFactory();
      const timers = { browserMs: 0, captures: 0 };
      const tab = simulatedTab(s, timers);
      let n = 0;
      let storeStart = 0;
      const deps: SaveEvidenceDeps = {
        openDb: () => {
          storeStart = performance.now();
          return openEvidenceDb(factory);
        },
        getTab: async (id) => ({ id, windowId: 1, url: 'https://shop.example.com/item/1', title: 'Item', active: true }),
        getTabReport: async () => ({ findings: [], report: { score: 55, level: 'warning', byCategory: {}, contributions: [] } }),
        captureDeps: async () => tab,
        environment: async () => ({ browser: { name: 'Node', version: process.version, userAgent: 'bench' }, extension: { name: 'ShopSentinel', version: 'bench' }, ruleSet: { version: 'bench' } }),
        newId: () => `bench${run}x${++n}`,
        now: () => new Date(),
      };
      const t0 = performance.now();
      const res = await captureAndSave(deps, { tabId: 1, note: '', caseId: null, fullPage: true, mhtml: false });
      const total = performance.now() - t0;
      pipeline.push(total - timers.browserMs);
      captureSeal.push(storeStart - t0 - timers.browserMs);
      store.push(t0 + total - storeStart);
      browser.push(timers.browserMs);
      const db = await openEvidenceDb(factory);
      const t1 = performance.now();
      const bundle = await buildSnapshotBundle(await readSnapshotMaterial(db, res.snapshotId), { lang: 'zh', now: new Date(), generator: { name: 'ShopSentinel', version: 'bench' } });
      exportMs.push(performance.now() - t1);
      const t2 = performance.now();
      const v = await verifyBundle(bundle.zip);
      verifyMs.push(performance.now() - t2);
      if (v.status !== 'intact') throw new Error(`bench bundle did not verify: ${v.message}`);
      db.close();
      last = { captures: timers.captures, tiles: res.fullPageTiles, files: res.files, storedBytes: res.bytes, bundleBytes: bundle.zip.length };
    }
    scenarios.push({
      name: s.name,
      ...last!,
      pipelineMs: stat(pipeline),
      captureSealMs: stat(captureSeal),
      storeMs: stat(store),
      browserSimMs: stat(browser),
      exportMs: stat(exportMs),
      verifyMs: stat(verifyMs),
      rateLimitFloorMs: Math.max(0, last!.captures - 1) * DEFAULT_CAPTURE_LIMITS.minCaptureIntervalMs,
    });
  }
  return { scenarios };
}

export function formatEvidenceBench(r: { scenarios: EvidenceBenchScenario[] }): string {
  const lines = ['Evidence save (Node; real capture/stitch/hash/IndexedDB(fake-indexeddb)/zip code; simulated screenshots; PNG codec = Node native zlib in place of the browser canvas), ms median (min–max):'];
  for (const s of r.scenarios) {
    lines.push(`  ${s.name}: ${s.captures} captures → ${s.tiles} full-page tile(s), ${s.files} files, ${(s.storedBytes / 1e6).toFixed(2)} MB stored, bundle ${(s.bundleBytes / 1e6).toFixed(2)} MB`);
    lines.push(`    save pipeline ${fmt(s.pipelineMs)} = capture/stitch/hash ${fmt(s.captureSealMs)} + store ${fmt(s.storeMs)}   (+ simulated browser ${fmt(s.browserSimMs)})`);
    lines.push(`    export ZIP ${fmt(s.exportMs)}   verify ${fmt(s.verifyMs)}   Chrome 2 captures/s floor ${s.rateLimitFloorMs} ms`);
  }
  return lines.join('\n');
}

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] && /bench[\\/]evidence\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  benchEvidence().then(
    (r) => console.log(formatEvidenceBench(r)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
