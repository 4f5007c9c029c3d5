/**
 * ShopSentinel in a real browser (Debian's Chromium, Playwright): what the engine and the extension
 * cost, against the floor and against the naive way, in one run.
 *
 * 1. Builds the extension (`npx wxt build`) and bundles bench/browser/in-page.ts with esbuild from
 *    the same sources the content script is built from (extract, session, compile).
 * 2. Serves generated pages (bench/pages.ts) from a localhost server it starts and stops.
 * 3. Engine, in a context without the extension, in an isolated world of the page as a content
 *    script gets (bench/browser/world.ts): per page, interleaved runs of the floor (bare
 *    TreeWalker pass), the engine's full scan (extract / match / finish) and the naive way
 *    (innerText + one RegExp per rule per pattern); rescans of 100 added cards.
 * 4. Extension, the same pages loaded with the built extension and in a second context without it,
 *    alternating: CDP trace of the load (top-level tasks on the renderer main thread, the ones that
 *    ran extension code), long tasks / long animation frames seen by a PerformanceObserver, CDP
 *    Performance.getMetrics (TaskDuration, ScriptDuration) and the JS heap after a forced GC
 *    (HeapProfiler.collectGarbage + Runtime.getHeapUsage), with minus without.
 * 5. Content-script bundle size (minified as shipped, and gzip -9).
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { builtinRules } from '../src/node/engine';
import { toMatchRule, type MatchRule } from '../src/rules/match-rule';
import { indexRules } from '../src/rules/compile';
import { packRules, type RulesPack } from '../src/rules/pack';
import { cardsHtml, infiniteScrollPage, listingPage, longChinesePage, manyTextNodesPage, productPage } from './pages';
import { median, stat, fmt, type Stat } from './stats';
import type { FloorTimes, LeastTimes, NaiveTimes, RescanTimes, ScanTimes, SsBench } from './browser/in-page';
import { summarizeTrace, type TaskSummary, type TraceEvent } from './browser/trace';
import { BENCH_WORLD, benchWorld, type BenchWorld, type WorldKind } from './browser/world';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EXT_DIR = resolve(ROOT, '.output/chrome-mv3');

export interface PageSpec {
  id: string;
  label: string;
  path: string;
  /** the page's own script adds content until window.__scrollDone */
  scrolls?: boolean;
}

export const PAGES: PageSpec[] = [
  { id: 'product', label: 'small product page', path: '/product' },
  { id: 'listing', label: '2,000-card listing', path: '/listing' },
  { id: 'nodes', label: '50,000 text nodes', path: '/nodes' },
  { id: 'scroll', label: 'infinite scroll (200 + 10×100 cards)', path: '/scroll', scrolls: true },
  { id: 'zh', label: 'long Chinese product page', path: '/zh' },
];

const SCROLL = { initial: 200, step: 100, steps: 10, intervalMs: 300 };
const RESCAN = { initial: 200, step: 100, steps: 20 };

export interface EnginePageResult {
  page: string;
  htmlBytes: number;
  textNodes: number;
  textChars: number;
  segments: number;
  findings: number;
  floorMs: Stat;
  scanMs: Stat;
  extractMs: Stat;
  matchMs: Stat;
  finishMs: Stat;
  naiveMs: Stat;
  naiveInnerTextMs: Stat;
  naiveRegexMs: Stat;
  naiveMatches: number;
  /** the parts no scan can skip, alone (in-page.ts `least`): a lower bound for scanMs */
  leastMs: Stat;
  /** the floor timed in turns with `least` (leastOverFloor = leastMs / leastFloorMs, medians) */
  leastFloorMs: Stat;
  leastOverFloor: number;
  scanOverFloor: number;
  naiveOverScan: number;
  /** the same ratios from the fastest run of each (less exposed to other load on the machine) */
  scanOverFloorMin: number;
  naiveOverScanMin: number;
}

export interface RescanResult {
  initialCards: number;
  stepCards: number;
  steps: number;
  totalMs: Stat;
  extractMs: Stat;
  matchMs: Stat;
  finishMs: Stat;
  sessionOnlyMs: Stat;
  /** the parts no rescan can skip, over the same number of added cards in a page of its own (in-page.ts `leastStep`) */
  leastMs: Stat;
  /** the last step (largest page) */
  lastTotalMs: number;
  segmentsAtEnd: number;
}

export interface LoadSample {
  trace: TaskSummary;
  taskDurationMs: number;
  scriptDurationMs: number;
  heapUsedKB: number;
  longTaskMaxMs: number;
  loafMaxMs: number;
  /** the content script's own report, when the extension stored one */
  report: { busyMs: number; longestSliceMs: number; slices: number; rescans: number; nodes: number; findings: number; truncated: boolean } | null;
}

export interface ExtensionPageResult {
  page: string;
  runs: number;
  withExt: LoadSample[];
  without: LoadSample[];
  extLongestTaskMs: Stat;
  /** the longest whole task that ran any of our code (the page's own work in it included) */
  extLongestWholeTaskMs: Stat;
  extLongestWhat: string;
  extTasksMs: Stat;
  extScriptMs: Stat;
  longestTaskWithMs: Stat;
  longestTaskWithoutMs: Stat;
  mainThreadWithMs: Stat;
  mainThreadWithoutMs: Stat;
  /** CDP TaskDuration, with minus without (medians) */
  taskDurationDeltaMs: number;
  scriptDurationDeltaMs: number;
  heapDeltaKB: number;
  longestSliceMs: Stat | null;
  busyMs: Stat | null;
}

export interface BundleResult {
  files: { file: string; bytes: number; gzipBytes: number }[];
  kb: number;
  gzipKb: number;
}

export interface BrowserBenchResult {
  date: string;
  /** 1-minute load average before and after the run: other work on the machine skews every figure */
  loadavg: [number, number];
  chromium: string;
  headless: string;
  /** the world the engine measurements ran in: a content script's (isolated) unless BENCH_WORLD=main; absent before 2026-12-06 (main) */
  world?: WorldKind;
  machine: { cpus: number; cpu: string; memGiB: number };
  rules: number;
  patterns: number;
  naiveRegexes: number;
  /** the rules ready in the page, as the content script gets them: rebuilt from the background's pack */
  unpackMs: Stat;
  /** compiled in the page instead (as before the pack; measured after unpacking, so shared code is warm) */
  compileMs: Stat;
  engine: EnginePageResult[];
  /** the listing again, cold: a full garbage collection before every call */
  listingCold: EnginePageResult;
  /** the listing again, warm, in the page's own world (as every run before 2026-12-06): what the content script's world costs */
  listingMainWorld?: EnginePageResult;
  /** the listing's first scan and first floor, each in an isolated world of its own (absent before 2026-12-06 late) */
  listingFirst?: FirstScanResult;
  rescan: RescanResult;
  extension: ExtensionPageResult[];
  bundle: BundleResult;
  summary: Record<string, number>;
  notes: string[];
}

/**
 * A content script's first scan of a page: in a world that has touched nothing yet (no JS wrapper
 * of any node, its code never run there). Each round opens two new isolated worlds in one page, one
 * for a floor and one for a scan, in alternating order.
 */
export interface FirstScanResult {
  floorMs: Stat;
  scanMs: Stat;
  extractMs: Stat;
  scanOverFloor: number;
}

export interface BrowserBenchOptions {
  /** engine runs per page (after one warm-up) */
  runs?: number;
  /** page loads per page and context */
  loads?: number;
  /** skip `npx wxt build` (use what is in .output/chrome-mv3) */
  skipBuild?: boolean;
  log?: (line: string) => void;
}

// ---------------------------------------------------------------------------------------------
// build

function buildExtension(log: (s: string) => void) {
  log('browser bench: building the extension (npx wxt build)…');
  try {
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 180_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`wxt build failed: ${(err.stderr || err.stdout || err.message).slice(-2000)}`);
  }
  if (!existsSync(join(EXT_DIR, 'manifest.json'))) throw new Error(`no ${EXT_DIR}/manifest.json after wxt build`);
}

/** the content scripts the built manifest declares, by size */
export function measureBundle(dir = EXT_DIR): BundleResult {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[] }[] };
  const declared = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
  if (!declared.length) throw new Error(`no content scripts in ${dir}/manifest.json`);
  const files = declared.map((f) => {
    const bytes = readFileSync(join(dir, f));
    return { file: f, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (k: 'bytes' | 'gzipBytes') => files.reduce((n, f) => n + f[k], 0);
  return { files, kb: sum('bytes') / 1000, gzipKb: sum('gzipBytes') / 1000 };
}

/** bench/browser/in-page.ts of the tree at `root` (this one by default), as an IIFE */
export async function bundleInPage(root = ROOT, minify = true): Promise<string> {
  const out = await build({
    entryPoints: [resolve(root, 'bench/browser/in-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify,
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

// ---------------------------------------------------------------------------------------------
// pages

interface Served {
  server: Server;
  origin: string;
  bytes: Record<string, number>;
}

export async function servePages(benchJs: string): Promise<Served> {
  const pages: Record<string, string> = {
    '/product': productPage(),
    '/listing': listingPage(2000),
    '/nodes': manyTextNodesPage(50_000),
    '/scroll': infiniteScrollPage(SCROLL.initial, SCROLL.step, SCROLL.steps, SCROLL.intervalMs),
    '/scroll-static': listingPage(RESCAN.initial),
    '/zh': longChinesePage(400),
  };
  const bytes = Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, Buffer.byteLength(v)]));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/bench.js') return send(200, 'text/javascript; charset=utf-8', benchJs);
    if (url.pathname === '/more') {
      const from = Number(url.searchParams.get('from') ?? 0);
      const count = Math.min(1000, Number(url.searchParams.get('count') ?? 100));
      return send(200, 'text/html; charset=utf-8', cardsHtml(from, count, Number(url.searchParams.get('seed') ?? 1)));
    }
    const page = pages[url.pathname];
    if (page) return send(200, 'text/html; charset=utf-8', page);
    return send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  return { server, origin: `http://127.0.0.1:${address.port}`, bytes };
}

// ---------------------------------------------------------------------------------------------
// browser

const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'];

/** Chromium without extensions, or with the built extension (or the one built in `extDir`) */
export async function launch(withExtension: boolean, extDir = EXT_DIR): Promise<BrowserContext> {
  const args = withExtension ? [...BASE_ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`] : [...BASE_ARGS, '--disable-extensions'];
  return chromium.launchPersistentContext('', { executablePath: CHROMIUM, headless: true, args, viewport: { width: 1280, height: 800 } });
}

export async function extensionWorker(context: BrowserContext) {
  const found = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return found ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
}

// the extension APIs inside the service worker, where worker.evaluate callbacks run
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

type Report = NonNullable<LoadSample['report']>;

/** The report the extension stored for the tab showing `url` (storage.session `tab:<id>`), if any. */
async function storedReport(context: BrowserContext, url: string): Promise<Report | null> {
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) return null;
  return worker
    .evaluate(async (u: string) => {
      const tabs = (await chrome.tabs.query({})) as { url?: string; id?: number }[];
      const tab = tabs.find((t) => t.url === u);
      if (!tab?.id) return null;
      const got = await chrome.storage.session.get(`tab:${tab.id}`);
      const r = got[`tab:${tab.id}`] as { url?: string; findings?: unknown[]; stats?: Record<string, number> } | undefined;
      if (!r?.stats || r.url?.split('#')[0] !== u.split('#')[0]) return null;
      const s = r.stats;
      return { busyMs: s.busyMs ?? 0, longestSliceMs: s.longestSliceMs ?? 0, slices: s.slices ?? 0, rescans: s.rescans ?? 0, nodes: s.nodes ?? 0, findings: r.findings?.length ?? 0, truncated: (s as Record<string, unknown>).truncated === true };
    }, url)
    .catch(() => null);
}

const OBSERVE_SCRIPT = `(() => {
  const perf = { longtask: [], loaf: [] };
  Object.defineProperty(window, '__ssPerf', { value: perf });
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) perf.longtask.push(e.duration); }).observe({ type: 'longtask', buffered: true }); } catch {}
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) perf.loaf.push(e.duration); }).observe({ type: 'long-animation-frame', buffered: true }); } catch {}
})();`;

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function readTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<{ stream?: string }>((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  if (!stream) return [];
  const chunks: string[] = [];
  for (;;) {
    const c = (await cdp.send('IO.read', { handle: stream, size: 4 << 20 })) as { data: string; eof: boolean; base64Encoded?: boolean };
    chunks.push(c.base64Encoded ? Buffer.from(c.data, 'base64').toString('utf8') : c.data);
    if (c.eof) break;
  }
  await cdp.send('IO.close', { handle: stream }).catch(() => undefined);
  const parsed = JSON.parse(chunks.join('')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One page load: trace, metrics, long tasks, heap. Waits until the page (and the extension) went quiet. */
export async function measureLoad(context: BrowserContext, url: string, spec: PageSpec, withExtension: boolean): Promise<LoadSample> {
  const page = await context.newPage();
  try {
    await page.addInitScript(OBSERVE_SCRIPT);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
      transferMode: 'ReturnAsStream',
    });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const deadline = Date.now() + 30_000;
    if (spec.scrolls) {
      while (Date.now() < deadline && !(await page.evaluate(() => (window as unknown as { __scrollDone?: boolean }).__scrollDone === true))) await sleep(100);
    }
    let report: Report | null = null;
    // quiet: the main thread did < 15 ms of work in the last second (and the extension reported)
    let last = (await metrics(cdp)).TaskDuration ?? 0;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      await sleep(250);
      const now = (await metrics(cdp)).TaskDuration ?? 0;
      if ((now - last) * 1000 > 15) quietSince = Date.now();
      last = now;
      if (withExtension && !report) report = await storedReport(context, page.url());
      const reported = !withExtension || report !== null || Date.now() > deadline - 20_000;
      if (Date.now() - quietSince >= 1000 && reported) break;
    }
    if (withExtension) report = (await storedReport(context, page.url())) ?? report;
    const events = await readTrace(cdp);
    const m = await metrics(cdp);
    const perf = await page.evaluate(() => (window as unknown as { __ssPerf?: { longtask: number[]; loaf: number[] } }).__ssPerf ?? { longtask: [], loaf: [] });
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.detach().catch(() => undefined);
    return {
      trace: summarizeTrace(events),
      taskDurationMs: (m.TaskDuration ?? 0) * 1000,
      scriptDurationMs: (m.ScriptDuration ?? 0) * 1000,
      heapUsedKB: heap.usedSize / 1024,
      longTaskMaxMs: Math.max(0, ...perf.longtask),
      loafMaxMs: Math.max(0, ...perf.loaf),
      report,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// engine in the page

type Bench = SsBench;
const call = <K extends keyof Bench>(world: BenchWorld, name: K, ...args: Parameters<Bench[K]>): Promise<ReturnType<Bench[K]>> =>
  world.call<ReturnType<Bench[K]>>('__ssBench', name, args);

/** the pack the background would send with these rules (made once per rules array) */
const packs = new WeakMap<MatchRule[], RulesPack>();
export const packOf = (rules: MatchRule[]): RulesPack => {
  let pack = packs.get(rules);
  if (!pack) packs.set(rules, (pack = packRules(indexRules(rules), 'bench')));
  return pack;
};

/** the in-page bundle as served (fetched once per server, not once per bench page) */
const scripts = new Map<string, Promise<string>>();
const benchScript = (url: string): Promise<string> => {
  let js = scripts.get(url);
  if (!js) scripts.set(url, (js = fetch(url).then((r) => r.text())));
  return js;
};

/** a bench page with the in-page bundle set up in the world the bench runs in (BENCH_WORLD: a content script's, by default) */
/** a world of the page at `url` with the in-page bench loaded and its rules set up */
async function readyWorld(page: Page, cdp: CDPSession, url: string, rules: MatchRule[], kind: WorldKind, name?: string) {
  const world = await benchWorld(page, cdp, kind, name);
  await world.run(await benchScript(new URL('/bench.js', url).href));
  return { world, setup: await call(world, 'setup', rules, packOf(rules)) };
}

async function openBenchPage(context: BrowserContext, url: string, rules: MatchRule[], kind: WorldKind = BENCH_WORLD) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  const { world, setup } = await readyWorld(page, cdp, url, rules, kind);
  // a full collection (not timed): it also drops what earlier calls left warm — the JS wrappers and
  // strings of the page's nodes, compiled code — as a content script's first scan of a page finds it
  const settle = async () => void (await cdp.send('HeapProfiler.collectGarbage'));
  return { page, world, setup, settle };
}

/**
 * Floor, scan and naive in turns in one page. Warm: each call finds what the calls before it made
 * (as a rescan does). Cold: a full garbage collection before each call (as the first scan of a page).
 */
/** One warm-up round, then `runs` rounds of `steps`; the order rotates so no measure always runs first. The warm-up's results are dropped from `results`. */
export async function inTurns(runs: number, steps: (() => Promise<void>)[], results: unknown[][]): Promise<void> {
  for (let i = 0; i <= runs; i++) {
    for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]!();
    if (i === 0) for (const r of results) r.length = 0;
  }
}

export async function benchEnginePage(context: BrowserContext, origin: string, spec: PageSpec, bytes: number, rules: MatchRule[], runs: number, ruleTimes: { unpack: number; compile: number }[], cold = false, kind: WorldKind = BENCH_WORLD) {
  const path = spec.scrolls ? '/scroll-static' : spec.path;
  const { page, world, setup, settle } = await openBenchPage(context, origin + path, rules, kind);
  ruleTimes.push({ unpack: setup.unpackMs, compile: setup.compileMs });
  const floors: FloorTimes[] = [];
  const scans: ScanTimes[] = [];
  const naives: NaiveTimes[] = [];
  // the least a scan costs is timed apart, in pairs with a floor of its own: in the main rotation it
  // changed what the floor followed (and so the floor: 5.3 vs ~8 ms), and with it scan/floor
  const pairFloors: FloorTimes[] = [];
  const leasts: LeastTimes[] = [];
  const timed = <T>(into: T[], measure: () => Promise<T>) => async () => {
    if (cold) await settle();
    into.push(await measure());
  };
  try {
    await inTurns(runs, [timed(floors, () => call(world, 'floor')), timed(scans, () => call(world, 'scan')), timed(naives, () => call(world, 'naive'))], [floors, scans, naives]);
    await inTurns(runs, [timed(pairFloors, () => call(world, 'floor')), timed(leasts, () => call(world, 'least'))], [pairFloors, leasts]);
  } finally {
    await page.close();
  }
  const floorMs = stat(floors.map((f) => f.ms));
  const scanMs = stat(scans.map((s) => s.total));
  const naiveMs = stat(naives.map((n) => n.total));
  const leastMs = stat(leasts.map((l) => l.ms));
  const leastFloorMs = stat(pairFloors.map((f) => f.ms));
  return {
    page: spec.id,
    htmlBytes: bytes,
    textNodes: floors[0]!.nodes,
    textChars: floors[0]!.chars,
    segments: scans[0]!.segments,
    findings: scans[0]!.findings,
    floorMs,
    scanMs,
    extractMs: stat(scans.map((s) => s.extract)),
    matchMs: stat(scans.map((s) => s.match)),
    finishMs: stat(scans.map((s) => s.finish)),
    naiveMs,
    naiveInnerTextMs: stat(naives.map((n) => n.innerText)),
    naiveRegexMs: stat(naives.map((n) => n.regex)),
    naiveMatches: naives[0]!.matches,
    leastMs,
    leastFloorMs,
    leastOverFloor: leastMs.median / leastFloorMs.median,
    scanOverFloor: scanMs.median / floorMs.median,
    naiveOverScan: naiveMs.median / scanMs.median,
    // performance.now() is coarsened to 0.1 ms: a floor that rounds to 0 has no ratio
    scanOverFloorMin: floorMs.min > 0 ? scanMs.min / floorMs.min : Number.NaN,
    naiveOverScanMin: scanMs.min > 0 ? naiveMs.min / scanMs.min : Number.NaN,
  } satisfies EnginePageResult;
}

/** The first floor and the first scan of `spec`'s page, each in a fresh isolated world, `runs` rounds in alternating order. */
async function benchFirstScans(context: BrowserContext, origin: string, spec: PageSpec, rules: MatchRule[], runs: number): Promise<FirstScanResult> {
  const page = await context.newPage();
  try {
    const url = origin + spec.path;
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const cdp = await context.newCDPSession(page);
    let worlds = 0;
    const fresh = async () => {
      const { world } = await readyWorld(page, cdp, url, rules, 'isolated', `shop-sentinel-first-${worlds++}`);
      await cdp.send('HeapProfiler.collectGarbage');
      return world;
    };
    const floors: FloorTimes[] = [];
    const scans: ScanTimes[] = [];
    await inTurns(runs, [async () => void floors.push(await call(await fresh(), 'floor')), async () => void scans.push(await call(await fresh(), 'scan'))], [floors, scans]);
    const floorMs = stat(floors.map((f) => f.ms));
    const scanMs = stat(scans.map((x) => x.total));
    return { floorMs, scanMs, extractMs: stat(scans.map((x) => x.extract)), scanOverFloor: scanMs.median / floorMs.median };
  } finally {
    await page.close();
  }
}

/** RESCAN.steps + 1 steps of RESCAN.step cards added to a page of RESCAN.initial cards, each measured by `measure` (the first step warms up) */
async function addCards<T>(context: BrowserContext, origin: string, rules: MatchRule[], measure: (world: BenchWorld, html: string) => Promise<T>, start?: (world: BenchWorld) => Promise<unknown>): Promise<T[]> {
  const { page, world } = await openBenchPage(context, origin + '/scroll-static', rules);
  try {
    await start?.(world);
    const steps: T[] = [];
    for (let k = 0; k <= RESCAN.steps; k++) {
      const t = await measure(world, cardsHtml(RESCAN.initial + k * RESCAN.step, RESCAN.step));
      if (k > 0) steps.push(t);
    }
    return steps;
  } finally {
    await page.close();
  }
}

async function benchRescan(context: BrowserContext, origin: string, rules: MatchRule[]): Promise<RescanResult> {
  const steps = await addCards(context, origin, rules, (world, html) => call(world, 'rescanStep', '#list', html), (world) => call(world, 'rescanStart'));
  const least = await addCards(context, origin, rules, (world, html) => call(world, 'leastStep', '#list', html));
  return {
    initialCards: RESCAN.initial,
    stepCards: RESCAN.step,
    steps: steps.length,
    totalMs: stat(steps.map((s) => s.total)),
    extractMs: stat(steps.map((s) => s.extract)),
    matchMs: stat(steps.map((s) => s.match)),
    finishMs: stat(steps.map((s) => s.finish)),
    sessionOnlyMs: stat(steps.map((s) => s.sessionOnly)),
    leastMs: stat(least.map((l) => l.ms)),
    lastTotalMs: steps[steps.length - 1]!.total,
    segmentsAtEnd: steps[steps.length - 1]!.segments,
  };
}

// ---------------------------------------------------------------------------------------------

const statOrNull = (xs: number[]) => (xs.length ? stat(xs) : null);

function summarizeExtension(page: string, withExt: LoadSample[], without: LoadSample[]): ExtensionPageResult {
  const longestIdx = withExt.reduce((best, s, i) => (s.trace.extLongestTaskMs > withExt[best]!.trace.extLongestTaskMs ? i : best), 0);
  const reports = withExt.flatMap((s) => (s.report ? [s.report] : []));
  return {
    page,
    runs: withExt.length,
    withExt,
    without,
    extLongestTaskMs: stat(withExt.map((s) => s.trace.extLongestTaskMs)),
    extLongestWholeTaskMs: stat(withExt.map((s) => s.trace.extLongestWholeTaskMs)),
    extLongestWhat: withExt[longestIdx]?.trace.extLongestWhat ?? '',
    extTasksMs: stat(withExt.map((s) => s.trace.extTasksMs)),
    extScriptMs: stat(withExt.map((s) => s.trace.extScriptMs)),
    longestTaskWithMs: stat(withExt.map((s) => s.trace.longestTaskMs)),
    longestTaskWithoutMs: stat(without.map((s) => s.trace.longestTaskMs)),
    mainThreadWithMs: stat(withExt.map((s) => s.trace.mainThreadMs)),
    mainThreadWithoutMs: stat(without.map((s) => s.trace.mainThreadMs)),
    taskDurationDeltaMs: median(withExt.map((s) => s.taskDurationMs)) - median(without.map((s) => s.taskDurationMs)),
    scriptDurationDeltaMs: median(withExt.map((s) => s.scriptDurationMs)) - median(without.map((s) => s.scriptDurationMs)),
    heapDeltaKB: median(withExt.map((s) => s.heapUsedKB)) - median(without.map((s) => s.heapUsedKB)),
    longestSliceMs: statOrNull(reports.map((r) => r.longestSliceMs)),
    busyMs: statOrNull(reports.map((r) => r.busyMs)),
  };
}

export async function benchBrowser(options: BrowserBenchOptions = {}): Promise<BrowserBenchResult> {
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 15);
  const loads = options.loads ?? Number(process.env.BENCH_LOADS ?? 5);
  const log = options.log ?? ((s: string) => process.stderr.write(s + '\n'));
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
  if (!(options.skipBuild ?? process.env.BENCH_SKIP_BUILD === '1')) buildExtension(log);
  const bundle = measureBundle();
  const benchJs = await bundleInPage();
  const { loaded, compiled } = builtinRules();
  const rules = loaded.rules.map(toMatchRule);
  const chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const served = await servePages(benchJs);
  const notes: string[] = [];
  const loadBefore = os.loadavg()[0]!;
  let plain: BrowserContext | undefined;
  let withExt: BrowserContext | undefined;
  try {
    plain = await launch(false);
    const headless = await (async () => {
      const p = await plain!.newPage();
      const ua = await p.evaluate(() => navigator.userAgent);
      await p.close();
      return /HeadlessChrome/.test(ua) ? 'new headless (HeadlessChrome UA)' : 'headless';
    })();

    log('browser bench: engine in the page (floor / scan / naive)…');
    const ruleTimes: { unpack: number; compile: number }[] = [];
    const engine: EnginePageResult[] = [];
    for (const spec of PAGES) {
      engine.push(await benchEnginePage(plain, served.origin, spec, served.bytes[spec.scrolls ? '/scroll-static' : spec.path]!, rules, runs, ruleTimes));
      log(`  ${spec.id}: scan ${fmt(engine[engine.length - 1]!.scanMs)} ms`);
    }
    log('browser bench: the listing cold (a full garbage collection before each call)…');
    const listingSpec = PAGES.find((p) => p.id === 'listing')!;
    const listingCold = await benchEnginePage(plain, served.origin, listingSpec, served.bytes[listingSpec.path]!, rules, runs, [], true);
    log(`  listing cold: scan ${fmt(listingCold.scanMs)} ms, floor ${fmt(listingCold.floorMs)} ms`);
    let listingMainWorld: EnginePageResult | undefined;
    if (BENCH_WORLD === 'isolated') {
      log("browser bench: the listing in the page's own world…");
      listingMainWorld = await benchEnginePage(plain, served.origin, listingSpec, served.bytes[listingSpec.path]!, rules, runs, [], false, 'main');
    }
    log('browser bench: the listing\'s first scan, each in a world of its own…');
    const listingFirst = await benchFirstScans(plain, served.origin, listingSpec, rules, runs);
    log(`  listing first scan: ${fmt(listingFirst.scanMs)} ms, first floor ${fmt(listingFirst.floorMs)} ms`);
    log('browser bench: rescans of 100 added cards…');
    const rescan = await benchRescan(plain, served.origin, rules);

    log('browser bench: page loads with and without the extension…');
    withExt = await launch(true);
    await extensionWorker(withExt);
    const extension: ExtensionPageResult[] = [];
    for (const spec of PAGES) {
      const a: LoadSample[] = [];
      const b: LoadSample[] = [];
      // one warm-up load each (disk cache, JIT of the browser itself), then alternate
      await measureLoad(withExt, served.origin + spec.path, spec, true);
      await measureLoad(plain, served.origin + spec.path, spec, false);
      for (let i = 0; i < loads; i++) {
        if (i % 2 === 0) {
          a.push(await measureLoad(withExt, served.origin + spec.path, spec, true));
          b.push(await measureLoad(plain, served.origin + spec.path, spec, false));
        } else {
          b.push(await measureLoad(plain, served.origin + spec.path, spec, false));
          a.push(await measureLoad(withExt, served.origin + spec.path, spec, true));
        }
      }
      const r = summarizeExtension(spec.id, a, b);
      extension.push(r);
      log(`  ${spec.id}: longest extension task ${fmt(r.extLongestTaskMs)} ms (${r.extLongestWhat})`);
      // the scan the bench times reads the whole page; the extension's must too, or its cost is understated
      if (a.some((s) => s.report?.truncated)) notes.push(`${spec.id}: the extension scanned only part of the page (its report says truncated, ${Math.max(...a.map((s) => s.report?.nodes ?? 0)).toLocaleString('en')} text nodes read)`);
      if (a.every((s) => s.report === null)) notes.push(`${spec.id}: the extension stored no report for the tab (storage.session tab:<id>) — waited for quiet only`);
    }

    const listing = engine.find((e) => e.page === 'listing')!;
    const listingExt = extension.find((e) => e.page === 'listing')!;
    const summary: Record<string, number> = {
      scan_floor: listing.scanOverFloor,
      naive_scan: listing.naiveOverScan,
      rescan100_ms: rescan.totalMs.median,
      longest_task_ms: Math.max(...extension.map((e) => e.extLongestTaskMs.median)),
      cs_bundle_kb: bundle.kb,
      cs_bundle_gzip_kb: bundle.gzipKb,
      cs_heap_kb: listingExt.heapDeltaKB,
      scan_floor_cold: listingCold.scanOverFloor,
      least_floor: listing.leastOverFloor,
      rescan100_least_ms: rescan.leastMs.median,
      naive_scan_cold: listingCold.naiveOverScan,
      first_scan_ms: listingFirst.scanMs.median,
      scan_floor_first: listingFirst.scanOverFloor,
      ...(listingMainWorld ? { scan_floor_main_world: listingMainWorld.scanOverFloor, naive_scan_main_world: listingMainWorld.naiveOverScan } : {}),
    };
    const result: BrowserBenchResult = {
      date: new Date().toISOString(),
      loadavg: [loadBefore, os.loadavg()[0]!],
      chromium: chromiumVersion,
      headless,
      world: BENCH_WORLD,
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', memGiB: Math.round(os.totalmem() / 2 ** 30) },
      rules: rules.length,
      patterns: compiled.automaton.lengths.length,
      naiveRegexes: rules.reduce((n, r) => n + r.patterns.phrases.length + r.patterns.regexes.length, 0),
      unpackMs: stat(ruleTimes.map((t) => t.unpack)),
      compileMs: stat(ruleTimes.map((t) => t.compile)),
      engine,
      listingCold,
      listingMainWorld,
      listingFirst,
      rescan,
      extension,
      bundle,
      summary,
      notes,
    };
    if (result.loadavg[0] > result.machine.cpus || result.loadavg[1] > result.machine.cpus) {
      notes.push(`the machine was busy: load average ${result.loadavg[0].toFixed(1)} before, ${result.loadavg[1].toFixed(1)} after, on ${result.machine.cpus} CPUs — absolute times are inflated; ratios measured in the same page and run are the figures to compare`);
    }
    const dir = resolve(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, 'README-table.md'), `${markdownTable(result)}\n\n${engineMarkdown(result)}\n`);
    return result;
  } finally {
    await withExt?.close().catch(() => undefined);
    await plain?.close().catch(() => undefined);
    await new Promise((r) => served.server.close(r));
  }
}

// ---------------------------------------------------------------------------------------------
// report

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const pass = (ok: boolean) => (ok ? 'ok' : 'MISSED');

const worldLabel = (r: BrowserBenchResult) => (r.world === 'isolated' ? 'isolated world a content script runs in' : "page's main world");

export function formatBrowserBench(r: BrowserBenchResult): string {
  const out: string[] = [];
  out.push(`Browser: ${r.chromium}, ${r.headless}; engine in the ${worldLabel(r)}; ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memGiB} GiB; load average ${r.loadavg[0].toFixed(1)} → ${r.loadavg[1].toFixed(1)}`);
  out.push(`Rules: ${r.rules} (${r.patterns} automaton patterns; naive: ${r.naiveRegexes} RegExps); ready in the page in ${fmt(r.unpackMs)} ms from the background's pack (compiling them there: ${fmt(r.compileMs)} ms)`);
  out.push('');
  out.push(`Engine in the page, ms median (min–max) of ${r.engine[0]?.scanMs.runs ?? 0} interleaved runs — same page, same run; ratios of the medians (and of the fastest runs):`);
  out.push(
    table(
      ['page', 'HTML', 'nodes', 'floor', 'least', 'scan', 'extract', 'match', 'finish', 'naive', 'least/floor', 'scan/floor', 'naive/scan'],
      r.engine.map((e) => [
        e.page,
        `${(e.htmlBytes / 1e6).toFixed(2)} MB`,
        e.textNodes.toLocaleString('en'),
        fmt(e.floorMs),
        fmt(e.leastMs),
        fmt(e.scanMs),
        f1(e.extractMs.median),
        f1(e.matchMs.median),
        f1(e.finishMs.median),
        `${fmt(e.naiveMs)} (innerText ${f1(e.naiveInnerTextMs.median)})`,
        f2(e.leastOverFloor),
        `${f2(e.scanOverFloor)} (min ${f2(e.scanOverFloorMin)})`,
        `${f2(e.naiveOverScan)} (min ${f2(e.naiveOverScanMin)})`,
      ]),
    ),
  );
  const c = r.listingCold;
  out.push('least: the parts no scan can skip, alone — one TreeWalker over elements and text reading every character, and the fact selector pass (bench/browser/in-page.ts)');
  out.push(`Listing cold (a full garbage collection before each call, as the first scan of a page finds it): floor ${fmt(c.floorMs)}, least ${fmt(c.leastMs)}, scan ${fmt(c.scanMs)} (extract ${f1(c.extractMs.median)} / match ${f1(c.matchMs.median)} / finish ${f1(c.finishMs.median)}), naive ${fmt(c.naiveMs)} ms; scan/floor ${f2(c.scanOverFloor)}, naive/scan ${f2(c.naiveOverScan)}`);
  const first = r.listingFirst;
  if (first) out.push(`Listing's first scan, each floor and scan in a fresh isolated world (as a content script's first scan of a page): floor ${fmt(first.floorMs)}, scan ${fmt(first.scanMs)} (extract ${f1(first.extractMs.median)}) ms; scan/floor ${f2(first.scanOverFloor)}`);
  const m = r.listingMainWorld;
  if (m) out.push(`Listing in the page's own world (warm; every run before 2026-12-06 measured there): floor ${fmt(m.floorMs)}, least ${fmt(m.leastMs)}, scan ${fmt(m.scanMs)}, naive ${fmt(m.naiveMs)} ms; scan/floor ${f2(m.scanOverFloor)}, naive/scan ${f2(m.naiveOverScan)}`);
  const rs = r.rescan;
  out.push('');
  out.push(
    `Rescan per ${rs.stepCards} added cards (${rs.initialCards} → ${rs.initialCards + rs.steps * rs.stepCards} cards, ${rs.steps} steps): total ${fmt(rs.totalMs, 2)} ms = extract ${f2(rs.extractMs.median)} + putSegment ${f2(rs.matchMs.median)} + facts&finish ${f2(rs.finishMs.median)}; session alone (putSegment + finish) ${fmt(rs.sessionOnlyMs, 2)}; least (the parts no rescan can skip, alone) ${fmt(rs.leastMs, 2)}; last step ${f2(rs.lastTotalMs)} ms at ${rs.segmentsAtEnd.toLocaleString('en')} segments`,
  );
  out.push('');
  out.push(`Page loads with the built extension vs without, ms median (min–max) of ${r.extension[0]?.runs ?? 0} loads each (CDP trace, renderer main thread).`);
  out.push('"longest ext task": a task that began with our code counts whole; in a task the page began (our MutationObserver callback runs inside it) only our callback counts. "whole task": the longest task that ran any of our code, page work included.');
  out.push(
    table(
      ['page', 'longest ext task', 'what', 'whole task', 'ext tasks', 'longest task with / without', 'main thread with / without', 'Δ TaskDuration', 'Δ heap', 'cs longest slice'],
      r.extension.map((e) => [
        e.page,
        fmt(e.extLongestTaskMs),
        e.extLongestWhat || '-',
        f1(e.extLongestWholeTaskMs.median),
        f1(e.extTasksMs.median),
        `${f1(e.longestTaskWithMs.median)} / ${f1(e.longestTaskWithoutMs.median)}`,
        `${f1(e.mainThreadWithMs.median)} / ${f1(e.mainThreadWithoutMs.median)}`,
        f1(e.taskDurationDeltaMs),
        `${Math.round(e.heapDeltaKB)} KiB`,
        e.longestSliceMs ? fmt(e.longestSliceMs) : 'n/a',
      ]),
    ),
  );
  out.push('');
  out.push(`Content script: ${r.bundle.files.map((f) => `${f.file} ${(f.bytes / 1000).toFixed(1)} kB`).join(', ')}; total ${f1(r.bundle.kb)} kB minified, ${f1(r.bundle.gzipKb)} kB gzip -9`);
  const s = r.summary;
  out.push('');
  out.push('Targets (issue 6):');
  out.push(`  scan/floor ≤ 1.5 on the 2,000-card page: ${f2(s.scan_floor!)} ${pass(s.scan_floor! <= 1.5)}`);
  out.push(`  naive/scan ≥ 5 on the 2,000-card page: ${f2(s.naive_scan!)} ${pass(s.naive_scan! >= 5)}`);
  out.push(`  rescan per 100 cards ≤ 2 ms: ${f2(s.rescan100_ms!)} ${pass(s.rescan100_ms! <= 2)}`);
  out.push(`  longest extension task ≤ 50 ms on every page: ${f1(s.longest_task_ms!)} ${pass(s.longest_task_ms! <= 50)}`);
  out.push(`  content script ≤ 60 kB minified: ${f1(s.cs_bundle_kb!)} ${pass(s.cs_bundle_kb! <= 60)}`);
  out.push(`  heap the content script adds (2,000-card listing, after GC): ${Math.round(s.cs_heap_kb!)} KiB`);
  for (const n of r.notes) out.push(`  note: ${n}`);
  out.push('');
  out.push('README table (also in bench/results/README-table.md):');
  out.push(markdownTable(r));
  out.push('');
  out.push(engineMarkdown(r));
  return out.join('\n');
}

/** Markdown for the README: the figures, the date and the machine. */
export function markdownTable(r: BrowserBenchResult, extra: Record<string, number> = {}): string {
  const listing = r.engine.find((e) => e.page === 'listing')!;
  const rows = [
    ['scan / floor (2,000-card listing)', f2(r.summary.scan_floor!), '≤ 1.5', `scan ${fmt(listing.scanMs)} ms vs floor ${fmt(listing.floorMs)} ms; fastest runs ${f2(listing.scanOverFloorMin)}`],
    ['the parts no scan can skip, alone / floor (listing)', f2(listing.leastOverFloor), '', `${fmt(listing.leastMs)} ms vs ${fmt(listing.leastFloorMs)} ms for a floor timed in turns with it: one TreeWalker over elements and text reading every character, and the fact selector pass; cold ${f2(r.listingCold.leastOverFloor)}`],
    ['naive / scan (2,000-card listing)', f2(r.summary.naive_scan!), '≥ 5', `naive ${fmt(listing.naiveMs)} ms; fastest runs ${f2(listing.naiveOverScanMin)}`],
    ['the same, cold (first scan: a full GC before each call)', `${f2(r.listingCold.scanOverFloor)} / ${f2(r.listingCold.naiveOverScan)}`, '', `scan/floor / naive/scan: scan ${fmt(r.listingCold.scanMs)} ms, floor ${fmt(r.listingCold.floorMs)} ms, naive ${fmt(r.listingCold.naiveMs)} ms`],
    ...(r.listingFirst ? [['the first scan, in a world of its own (listing)', f2(r.listingFirst.scanOverFloor), '', `scan/floor, each in a fresh isolated world as a content script's first scan of a page: scan ${fmt(r.listingFirst.scanMs)} ms (extract ${f1(r.listingFirst.extractMs.median)}), floor ${fmt(r.listingFirst.floorMs)} ms`]] : []),
    ...(r.listingMainWorld ? [['the same in the page\'s own world (as runs before 2026-12-06)', `${f2(r.listingMainWorld.scanOverFloor)} / ${f2(r.listingMainWorld.naiveOverScan)}`, '', `scan/floor / naive/scan, warm: scan ${fmt(r.listingMainWorld.scanMs)} ms, floor ${fmt(r.listingMainWorld.floorMs)} ms, naive ${fmt(r.listingMainWorld.naiveMs)} ms`]] : []),
    ['rescan per 100 added cards', `${f2(r.summary.rescan100_ms!)} ms`, '≤ 2 ms', `min–max ${f2(r.rescan.totalMs.min)}–${f2(r.rescan.totalMs.max)} over ${r.rescan.steps} steps; the parts no rescan can skip, alone: ${fmt(r.rescan.leastMs, 2)} ms`],
    ['main-thread time of the extension per page load', r.extension.map((e) => `${e.page} ${f1(e.extTasksMs.median)}`).join(', ') + ' ms', '', 'CDP trace, medians: the time attributable to the extension summed over the tasks that ran its code (a task it began counts whole)'],
    ['longest task of the extension (worst page)', `${f1(r.summary.longest_task_ms!)} ms`, '≤ 50 ms', r.extension.map((e) => `${e.page} ${f1(e.extLongestTaskMs.median)}`).join(', ')],
    ['content script, minified / gzip', `${f1(r.bundle.kb)} kB / ${f1(r.bundle.gzipKb)} kB`, '≤ 60 kB', ''],
    ['rules ready in the page, per page load', `${fmt(r.unpackMs)} ms`, '', `rebuilt from the background's pack; compiling them in the page instead: ${fmt(r.compileMs)} ms (measured second, shared code warm)`],
    ['JS heap added by the content script (listing)', `${Math.round(r.summary.cs_heap_kb!)} KiB`, '', 'Runtime.getHeapUsage after GC, with − without'],
  ];
  if (extra.host_us !== undefined) rows.push(['classifyHost per host (Node)', `${extra.host_us.toFixed(2)} µs`, '≤ 50 µs', '']);
  if (extra.engine_mb_s !== undefined) rows.push(['engine throughput (Node, happy-dom)', `${extra.engine_mb_s.toFixed(1)} MB/s`, '', '']);
  return [
    `Measured ${r.date.slice(0, 10)} on ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memGiB} GiB RAM (load average ${r.loadavg[0].toFixed(1)}), ${r.chromium} (${r.headless}), engine in the ${worldLabel(r)}, \`npm run bench\`; medians (min–max).`,
    '',
    '| measure | result | target | detail |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

export function engineMarkdown(r: BrowserBenchResult): string {
  return [
    '| page | HTML | text nodes | floor ms | least ms | scan ms (extract / match / finish) | naive ms | scan/floor | naive/scan |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.engine.map(
      (e) =>
        `| ${e.page} | ${(e.htmlBytes / 1e6).toFixed(2)} MB | ${e.textNodes.toLocaleString('en')} | ${fmt(e.floorMs)} | ${fmt(e.leastMs)} | ${fmt(e.scanMs)} (${f1(e.extractMs.median)} / ${f1(e.matchMs.median)} / ${f1(e.finishMs.median)}) | ${fmt(e.naiveMs)} | ${f2(e.scanOverFloor)} | ${f2(e.naiveOverScan)} |`,
    ),
  ].join('\n');
}

