/** A synthetic tab for capture tests and the benchmark: a tall page whose every row has its own colour. */
import { encodePng } from '../../../src/evidence/png';
import type { PageAccess, CaptureTabDeps, PageRect } from '../../../src/background/evidence/capture-page';
import { createRgbaImageOps } from '../../../src/background/evidence/image-ops';
import type { CollectedPage } from '../../../src/evidence/page-collect';

export function rowColour(y: number): [number, number, number, number] {
  return [y & 255, (y >> 8) & 255, (y >> 16) & 255 ^ 0x5a, 255];
}

export interface FakeTabOptions {
  cssWidth: number;
  cssHeight: number;
  viewportHeight: number;
  dpr: number;
  /** the page refuses to scroll beyond this (CSS px), like an overflow-hidden body */
  scrollLimit?: number;
  htmlBytes?: number;
  closeAfterCaptures?: number;
  /** PNG compression level of the screenshots the fake browser returns */
  pngLevel?: 0 | 1 | 6;
  /** give the fake browser Firefox's captureVisibleTab with a rect (deps.captureArea) */
  area?: boolean;
  /** the area capture returns at most this many device rows (a browser clipping a too-large rect) */
  areaMaxRows?: number;
}

export function createFakeTab(o: FakeTabOptions) {
  let scrollY = 0;
  let captures = 0;
  let closed = false;
  const log: string[] = [];
  const width = Math.round(o.cssWidth * o.dpr);
  const vhPx = Math.round(o.viewportHeight * o.dpr);
  const maxScroll = Math.min(o.scrollLimit ?? Infinity, o.cssHeight - o.viewportHeight);
  const check = () => {
    if (closed) throw new Error('No tab with id: 7.');
  };
  const page: PageAccess = {
    async metrics() {
      check();
      return { url: 'https://shop.example.com/item', title: 'Item', scrollX: 0, scrollY: 123, scrollHeight: o.cssHeight, viewportWidth: o.cssWidth, viewportHeight: o.viewportHeight, devicePixelRatio: o.dpr };
    },
    async scrollTo(y, hideFixed) {
      check();
      scrollY = Math.max(0, Math.min(y, maxScroll));
      log.push(`scroll ${y}→${scrollY}${hideFixed ? ' hide' : ''}`);
      return { scrollY };
    },
    async restore(x, y) {
      scrollY = y;
      log.push(`restore ${x},${y}`);
      return { scrollY };
    },
    async collect(): Promise<CollectedPage> {
      check();
      const body = '<p>' + '限时特价 一经售出概不退换 '.repeat(Math.ceil((o.htmlBytes ?? 50_000) / 40)) + '</p>';
      return {
        url: 'https://shop.example.com/item?final=1',
        title: 'Item 特价',
        lang: 'zh',
        html: `<!DOCTYPE html><html><head><title>Item</title></head><body>${body}</body></html>`,
        text: body.replace(/<[^>]+>/g, ''),
        stats: { scriptsRemoved: 3, handlersRemoved: 1, stylesheetsInlined: 1, stylesheetsLinked: 0, imagesInlined: 0, imagesLinked: 2, htmlTruncated: false, textTruncated: false },
      };
    },
  };
  const captureVisible = async () => {
    check();
    captures++;
    if (o.closeAfterCaptures !== undefined && captures > o.closeAfterCaptures) {
      closed = true;
      check();
    }
    const data = new Uint8Array(width * vhPx * 4);
    const top = Math.round(scrollY * o.dpr);
    for (let r = 0; r < vhPx; r++) {
      const c = rowColour(top + r);
      for (let x = 0; x < width; x++) data.set(c, (r * width + x) * 4);
    }
    log.push(`capture @${scrollY}`);
    return encodePng({ width, height: vhPx, data }, o.pngLevel ?? 1);
  };
  let areaCaptures = 0;
  const captureArea = async (rect: PageRect, scale: number) => {
    check();
    areaCaptures++;
    const w = Math.round(rect.width * scale);
    const top = Math.round(rect.y * scale);
    const pageRows = Math.round(o.cssHeight * scale);
    const h = Math.min(Math.round(rect.height * scale), Math.max(0, pageRows - top), o.areaMaxRows ?? Infinity);
    const data = new Uint8Array(w * h * 4);
    for (let r = 0; r < h; r++) {
      const c = rowColour(top + r);
      for (let x = 0; x < w; x++) data.set(c, (r * w + x) * 4);
    }
    log.push(`area ${rect.x},${rect.y} ${rect.width}x${rect.height} @${scale}`);
    return encodePng({ width: w, height: h, data }, o.pngLevel ?? 1);
  };
  const deps: CaptureTabDeps = { page, captureVisible, saveMhtml: null, images: createRgbaImageOps(), ...(o.area ? { captureArea } : {}) };
  return { deps, log, get captures() { return captures; }, get areaCaptures() { return areaCaptures; }, get scrollY() { return scrollY; }, width };
}
