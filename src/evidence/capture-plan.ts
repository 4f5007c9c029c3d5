/**
 * Pure geometry of a full-page capture: where to scroll, which rows of each viewport image to keep,
 * and how to cut the result into tiles that stay inside the browser's canvas limits.
 */
import type { PageMetricsResult } from './page-collect';

export interface CaptureLimits {
  /** Chrome allows 2 captureVisibleTab calls per second; keep a margin */
  minCaptureIntervalMs: number;
  /** stop after this many viewport captures (the rest of the page is marked truncated) */
  maxCaptures: number;
  /** longest side of one output tile, device pixels (Chrome: 32767; Firefox: 32767; keep well below) */
  maxTileSide: number;
  /** most pixels in one output tile (Chrome's canvas area limit is 268,435,456; keep well below) */
  maxTileArea: number;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = {
  minCaptureIntervalMs: 550,
  maxCaptures: 60,
  maxTileSide: 16384,
  maxTileArea: 64 * 1024 * 1024,
};

/** What the page-side collector measures (CSS pixels). */
export type PageMetrics = PageMetricsResult;

/** Scroll positions (CSS px) for a full-page capture, and whether the page is longer than we will capture. */
export function planScrollPositions(m: Pick<PageMetrics, 'scrollHeight' | 'viewportHeight'>, limits: CaptureLimits): { positions: number[]; truncated: boolean } {
  const vh = Math.max(1, Math.floor(m.viewportHeight));
  const total = Math.max(vh, Math.ceil(m.scrollHeight));
  const positions: number[] = [];
  for (let y = 0; y < total; y += vh) {
    if (positions.length >= limits.maxCaptures) return { positions, truncated: true };
    positions.push(Math.min(y, total - vh));
  }
  return { positions: [...new Set(positions)], truncated: false };
}

/** Device-pixel height of one output tile for an image `width` device pixels wide. */
export function tileHeightFor(width: number, limits: CaptureLimits): number {
  return Math.max(1, Math.min(limits.maxTileSide, Math.floor(limits.maxTileArea / Math.max(1, width))));
}

export interface Slice {
  /** index of the capture the rows come from */
  capture: number;
  /** rows in the capture image (device px) */
  srcY: number;
  height: number;
  /** tile and row inside the tile (device px) */
  tile: number;
  dstY: number;
}

/**
 * Given the actual scroll position of each capture (CSS px) and the scale (device px per CSS px),
 * returns the slices to copy so that each page row appears exactly once, cut into tiles.
 */
export function planSlices(actualScrollYs: readonly number[], viewportHeight: number, scale: number, imageHeight: number, tileHeight: number): { slices: Slice[]; totalHeight: number; tiles: number } {
  const slices: Slice[] = [];
  let covered = 0; // device rows of the page already placed
  for (let i = 0; i < actualScrollYs.length; i++) {
    const top = Math.round(actualScrollYs[i]! * scale);
    const bottom = top + Math.min(imageHeight, Math.round(viewportHeight * scale));
    let from = Math.max(top, covered);
    while (from < bottom) {
      const tile = Math.floor(from / tileHeight);
      const tileEnd = (tile + 1) * tileHeight;
      const to = Math.min(bottom, tileEnd);
      slices.push({ capture: i, srcY: from - top, height: to - from, tile, dstY: from - tile * tileHeight });
      from = to;
    }
    covered = Math.max(covered, bottom);
  }
  return { slices, totalHeight: covered, tiles: covered === 0 ? 0 : Math.ceil(covered / tileHeight) };
}
