/**
 * Captures the artefacts of one tab: viewport PNG, full page (tiled to stay inside canvas limits), serialized
 * HTML, text and optional MHTML. The full page comes from `captureArea` when the browser can capture a
 * rectangle of the page (Firefox: captureVisibleTab with `rect`, no scrolling, no rate limit), otherwise by
 * scroll-and-stitch (Chrome: throttled to its capture rate, scroll position restored). Every browser call is an injected dependency, so this runs in unit tests and Node.
 */
import type { RawArtefact } from '../../evidence/assemble';
import { utf8Encode } from '../../evidence/bytes';
import type { CollectedPage, CollectOptions, PageMetricsResult } from '../../evidence/page-collect';
import { DEFAULT_CAPTURE_LIMITS, planScrollPositions, planSlices, tileHeightFor, type CaptureLimits } from '../../evidence/capture-plan';
import type { ImageOps, Tile } from './image-ops';

/** What the capture can do in the page (executeScript of src/evidence/page-collect.ts, or a content script). */
export interface PageAccess {
  metrics(): Promise<PageMetricsResult>;
  scrollTo(y: number, hideFixed: boolean): Promise<{ scrollY: number }>;
  restore(x: number, y: number): Promise<unknown>;
  collect(options: CollectOptions): Promise<CollectedPage>;
}

/** A rectangle of the page, CSS px, page coordinates (not viewport coordinates). */
export interface PageRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CaptureTabDeps {
  page: PageAccess;
  /** PNG of the visible area of the tab (already throttled) */
  captureVisible(): Promise<Uint8Array>;
  /**
   * PNG of a rectangle of the page at `scale` device px per CSS px, without scrolling it (Firefox's
   * captureVisibleTab with `rect`). When present, the full page is captured in tiles with it instead of
   * scroll-and-stitch.
   */
  captureArea?: (rect: PageRect, scale: number) => Promise<Uint8Array>;
  /** MHTML of the tab, when the user enabled it and the browser supports it */
  saveMhtml: (() => Promise<Uint8Array>) | null;
  /** why no MHTML is saved although the user asked for it (no pageCapture API, permission not granted); goes into the warnings */
  mhtmlUnavailable?: string | null;
  images: ImageOps;
  /**
   * Hides (true) or shows again (false) ShopSentinel's own in-page UI (banner, highlights) so it does not
   * cover the page in the screenshots. Optional; failures are ignored (the capture goes on).
   */
  setOwnUiHidden?: (hidden: boolean) => Promise<void>;
}

export interface CaptureTabOptions {
  fullPage: boolean;
  limits?: CaptureLimits;
  collect?: Partial<Omit<CollectOptions, 'capturedAt'>>;
  capturedAt: Date;
}

export interface CapturedTab {
  raw: RawArtefact[];
  metrics: PageMetricsResult;
  collected: CollectedPage | null;
  fullPage: { captured: boolean; tiles: number; coveredHeight: number; truncated: boolean };
  thumbnail: Uint8Array | null;
  /** how the full page was captured: 'area' (page rectangles), 'scroll' (scroll-and-stitch), null (not captured) */
  fullPageMethod: 'area' | 'scroll' | null;
  warnings: string[];
  /** timings in ms, for the benchmark */
  timings: { viewport: number; fullPage: number; collect: number; mhtml: number };
}

/** Marks errors that mean "stop everything" (tab gone), as opposed to "this part failed, go on". */
export function isFatalTabError(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return /No tab with id|tab was closed|Tabs cannot be edited|Frame with ID 0 was removed|The tab was closed|Invalid tab ID|Missing host permission|Cannot access contents|cannot be scripted/i.test(msg);
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export async function captureTab(deps: CaptureTabDeps, options: CaptureTabOptions): Promise<CapturedTab> {
  const limits = options.limits ?? DEFAULT_CAPTURE_LIMITS;
  const warnings: string[] = [];
  const raw: RawArtefact[] = [];
  const timings = { viewport: 0, fullPage: 0, collect: 0, mhtml: 0 };

  const metrics = await deps.page.metrics();
  const ownUi = deps.setOwnUiHidden;
  if (ownUi) await ownUi(true).catch(() => undefined);
  try {
    return await captureAll(deps, options, limits, metrics, warnings, raw, timings);
  } finally {
    if (ownUi) await ownUi(false).catch(() => undefined);
  }
}

async function captureAll(
  deps: CaptureTabDeps,
  options: CaptureTabOptions,
  limits: CaptureLimits,
  metrics: PageMetricsResult,
  warnings: string[],
  raw: RawArtefact[],
  timings: CapturedTab['timings'],
): Promise<CapturedTab> {
  let t = now();
  const viewport = await deps.captureVisible();
  timings.viewport = now() - t;
  if (!deps.images.size(viewport)) throw new Error('The browser returned something that is not a PNG screenshot');
  raw.push({ name: 'screenshot-viewport.png', role: 'screenshot-viewport', mime: 'image/png', bytes: viewport });

  let fullPage: CapturedTab['fullPage'] = { captured: false, tiles: 0, coveredHeight: Math.round(metrics.viewportHeight), truncated: false };
  let fullPageMethod: CapturedTab['fullPageMethod'] = null;
  if (options.fullPage && metrics.scrollHeight > metrics.viewportHeight + 2) {
    t = now();
    try {
      let result: FullPageResult | null = null;
      if (deps.captureArea) {
        try {
          result = await captureFullPageByArea(deps.captureArea, deps.images, metrics, limits);
          fullPageMethod = 'area';
        } catch (err) {
          if (isFatalTabError(err)) throw err;
          warnings.push(`Capturing the page by area failed (${err instanceof Error ? err.message : String(err)}); it was captured by scrolling instead.`);
        }
      }
      if (!result) {
        result = await stitchFullPage(deps, metrics, limits);
        fullPageMethod = 'scroll';
      }
      result.tiles.forEach((bytes, i) =>
        raw.push({ name: `screenshot-full-${String(i + 1).padStart(2, '0')}.png`, role: 'screenshot-full', mime: 'image/png', bytes }),
      );
      fullPage = { captured: true, tiles: result.tiles.length, coveredHeight: result.coveredHeight, truncated: result.truncated };
      if (result.truncated) warnings.push(`The page is ${Math.round(metrics.scrollHeight)} px long; the full-page screenshot covers the first ${result.coveredHeight} px.`);
    } catch (err) {
      if (isFatalTabError(err)) throw err;
      warnings.push(`Full-page screenshot failed: ${err instanceof Error ? err.message : String(err)}. The visible area was saved.`);
    }
    timings.fullPage = now() - t;
  }

  t = now();
  let collected: CollectedPage | null = null;
  try {
    collected = await deps.page.collect({
      maxHtmlChars: options.collect?.maxHtmlChars ?? 20_000_000,
      maxTextChars: options.collect?.maxTextChars ?? 5_000_000,
      maxInlineImageBytes: options.collect?.maxInlineImageBytes ?? 8 * 1024 * 1024,
      capturedAt: options.capturedAt.toISOString(),
    });
    raw.push({ name: 'page.html', role: 'html', mime: 'text/html', bytes: utf8Encode(collected.html) });
    raw.push({ name: 'page.txt', role: 'text', mime: 'text/plain', bytes: utf8Encode(collected.text) });
    if (collected.stats.htmlTruncated) warnings.push('The page HTML was longer than the limit and was cut.');
    if (collected.stats.textTruncated) warnings.push('The page text was longer than the limit and was cut.');
  } catch (err) {
    if (isFatalTabError(err)) throw err;
    warnings.push(`The page HTML and text could not be read: ${err instanceof Error ? err.message : String(err)}.`);
  }
  timings.collect = now() - t;

  if (!deps.saveMhtml && deps.mhtmlUnavailable) warnings.push(deps.mhtmlUnavailable);
  if (deps.saveMhtml) {
    t = now();
    try {
      raw.push({ name: 'page.mhtml', role: 'mhtml', mime: 'multipart/related', bytes: await deps.saveMhtml() });
    } catch (err) {
      if (isFatalTabError(err)) throw err;
      warnings.push(`MHTML could not be saved: ${err instanceof Error ? err.message : String(err)}.`);
    }
    timings.mhtml = now() - t;
  }

  const thumbnail = await deps.images.thumbnail(viewport, 320).catch(() => null);
  return { raw, metrics, collected, fullPage, fullPageMethod, thumbnail, warnings, timings };
}

interface FullPageResult {
  tiles: Uint8Array[];
  /** CSS px */
  coveredHeight: number;
  truncated: boolean;
}

/**
 * The page rectangles (CSS px) of an area capture: the page width, cut into tiles that stay inside the
 * canvas limits at `scale`, covering at most as much of the page as scroll-and-stitch would
 * (maxCaptures viewports), so both paths keep the same bound.
 */
export function planAreaTiles(
  m: Pick<PageMetricsResult, 'scrollHeight' | 'viewportHeight' | 'viewportWidth' | 'devicePixelRatio'>,
  limits: CaptureLimits,
): { rects: PageRect[]; scale: number; coveredHeight: number; truncated: boolean } {
  const scale = m.devicePixelRatio > 0 && Number.isFinite(m.devicePixelRatio) ? m.devicePixelRatio : 1;
  const width = Math.max(1, Math.round(m.viewportWidth));
  const tileCss = Math.max(1, Math.floor(tileHeightFor(Math.ceil(width * scale), limits) / scale));
  const total = Math.max(1, Math.ceil(m.scrollHeight));
  const maxHeight = Math.max(1, limits.maxCaptures * Math.max(1, Math.floor(m.viewportHeight)));
  const coveredHeight = Math.min(total, maxHeight);
  const rects: PageRect[] = [];
  for (let y = 0; y < coveredHeight; y += tileCss) rects.push({ x: 0, y, width, height: Math.min(tileCss, coveredHeight - y) });
  return { rects, scale, coveredHeight, truncated: total > maxHeight };
}

/** Full page by page rectangles: one capture per tile, the page is never scrolled. */
async function captureFullPageByArea(captureArea: NonNullable<CaptureTabDeps['captureArea']>, images: ImageOps, metrics: PageMetricsResult, limits: CaptureLimits): Promise<FullPageResult> {
  const plan = planAreaTiles(metrics, limits);
  const tiles: Uint8Array[] = [];
  let coveredHeight = 0;
  for (const rect of plan.rects) {
    const png = await captureArea(rect, plan.scale);
    const size = images.size(png);
    if (!size) throw new Error('the browser returned something that is not a PNG');
    tiles.push(png);
    // A browser that clips the rectangle (canvas limits) returns fewer rows: keep them, stop there.
    const gotCss = Math.min(rect.height, size.height / plan.scale);
    coveredHeight = rect.y + gotCss;
    if (gotCss < rect.height - 1) return { tiles, coveredHeight: Math.floor(coveredHeight), truncated: true };
  }
  return { tiles, coveredHeight: Math.round(coveredHeight), truncated: plan.truncated };
}

async function stitchFullPage(deps: CaptureTabDeps, metrics: PageMetricsResult, limits: CaptureLimits): Promise<FullPageResult> {
  const { positions, truncated } = planScrollPositions(metrics, limits);
  const tiles: Uint8Array[] = [];
  let tile: Tile | null = null;
  let tileIndex = -1;
  let tileHeight = 0;
  let width = 0;
  let scale = 1;
  let imageHeight = 0;
  const actual: number[] = [];
  let placedRows = 0;
  let expectedTotal = 0;
  try {
    for (let i = 0; i < positions.length; i++) {
      const { scrollY } = await deps.page.scrollTo(positions[i]!, i > 0);
      if (actual.length && scrollY <= actual[actual.length - 1]!) break; // the page stopped scrolling (infinite scroll, overflow:hidden)
      actual.push(scrollY);
      const png = await deps.captureVisible();
      const image = await deps.images.decode(png);
      try {
        if (i === 0) {
          width = image.width;
          imageHeight = image.height;
          scale = image.height / metrics.viewportHeight;
          tileHeight = tileHeightFor(width, limits);
          const lastY = positions[positions.length - 1]!;
          expectedTotal = Math.round((lastY + metrics.viewportHeight) * scale);
        }
        const { slices } = planSlices(actual, metrics.viewportHeight, scale, imageHeight, tileHeight);
        for (const s of slices) {
          if (s.capture !== actual.length - 1) continue; // earlier captures were already drawn
          if (s.tile !== tileIndex) {
            if (tile) tiles.push(await tile.encode());
            tileIndex = s.tile;
            const remaining = Math.max(1, expectedTotal - tileIndex * tileHeight);
            tile = deps.images.createTile(width, Math.min(tileHeight, remaining));
          }
          const h = Math.min(s.height, tile!.height - s.dstY);
          if (h > 0) tile!.draw(image, s.srcY, h, s.dstY);
          placedRows = tileIndex * tileHeight + s.dstY + h;
        }
      } finally {
        image.close();
      }
    }
    if (tile) tiles.push(await tile.encode());
  } finally {
    await deps.page.restore(metrics.scrollX, metrics.scrollY).catch(() => undefined);
  }
  const stoppedEarly = actual.length < positions.length;
  return { tiles, coveredHeight: Math.round(placedRows / (scale || 1)), truncated: truncated || stoppedEarly };
}
