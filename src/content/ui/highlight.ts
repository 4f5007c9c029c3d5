/**
 * "Show on page": marks flagged text and scrolls to the first one. Uses the CSS Custom Highlight
 * API (no DOM changes to the page's text) where available; elsewhere, and for text inside the page's
 * shadow trees and frames, draws boxes over the text's client rects in our own shadow root.
 */
import { mountShadowHost, type ShadowUi } from './shadow-host';

export const HIGHLIGHT_NAME = 'shop-sentinel';
export const HIGHLIGHT_STYLE_ID = 'shop-sentinel-highlight-style';
export const OVERLAY_TAG = 'shop-sentinel-highlights';

interface HighlightRegistry { set(name: string, h: unknown): void; delete(name: string): void }
type HighlightCtor = new (...ranges: Range[]) => unknown;

export function supportsCustomHighlight(win: Window): boolean {
  const css = (win as unknown as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  return !!css?.highlights && typeof (win as unknown as { Highlight?: HighlightCtor }).Highlight === 'function';
}

let overlay: ShadowUi | undefined;
/** bumped whenever the highlights are cleared or replaced (a suspended set must not come back then) */
let generation = 0;

export function clearHighlights(doc: Document): void {
  generation++;
  const win = doc.defaultView;
  if (win && supportsCustomHighlight(win)) (win as unknown as { CSS: { highlights: HighlightRegistry } }).CSS.highlights.delete(HIGHLIGHT_NAME);
  overlay?.remove();
  overlay = undefined;
}

/**
 * Returns how many ranges were marked. Text inside a shadow tree (a page's web component) or a frame
 * gets boxes: the ::highlight style lives in the document and reaches neither.
 */
export function highlightRanges(doc: Document, ranges: Range[], forceFallback = false): number {
  clearHighlights(doc);
  const win = doc.defaultView;
  if (!win || !ranges.length) return 0;
  const painted: Range[] = [];
  const boxed: Range[] = [];
  const paint = !forceFallback && supportsCustomHighlight(win);
  for (const r of ranges) (paint && r.startContainer.getRootNode() === doc ? painted : boxed).push(r);
  if (painted.length) {
    if (!doc.getElementById(HIGHLIGHT_STYLE_ID)) {
      const style = doc.createElement('style');
      style.id = HIGHLIGHT_STYLE_ID;
      style.textContent = `::highlight(${HIGHLIGHT_NAME}){background-color:rgba(255,200,0,.6);color:inherit;text-decoration:underline 2px #c53030}`;
      (doc.head ?? doc.documentElement).append(style);
    }
    const Ctor = (win as unknown as { Highlight: HighlightCtor }).Highlight;
    (win as unknown as { CSS: { highlights: HighlightRegistry } }).CSS.highlights.set(HIGHLIGHT_NAME, new Ctor(...painted));
  }
  if (boxed.length) drawBoxes(doc, win, boxed);
  const first = ranges[0]!.startContainer.parentElement;
  first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  return ranges.length;
}

/** boxes over the ranges' client rects, in our own shadow root */
function drawBoxes(doc: Document, win: Window, ranges: Range[]) {
  const sx = win.scrollX;
  const sy = win.scrollY;
  overlay = mountShadowHost(doc, OVERLAY_TAG, { position: 'absolute', top: '0', left: '0', width: '0', height: '0', 'pointer-events': 'none' },
    /* css */ `.box { position: absolute; background: rgba(255,200,0,.45); outline: 2px solid #c53030; border-radius: 3px; pointer-events: none; }`, false);
  for (const range of ranges) {
    const at = frameOffset(range.startContainer, doc);
    for (const rect of Array.from(range.getClientRects())) {
      const box = doc.createElement('div');
      box.className = 'box';
      box.style.cssText = `left:${rect.left + at.x + sx - 2}px;top:${rect.top + at.y + sy - 1}px;width:${rect.width + 4}px;height:${rect.height + 2}px`;
      overlay.root.append(box);
    }
  }
}

/** where the frame showing `node` sits in `doc`'s viewport (a frame of the page's own origin; 0, 0 for the page itself) */
function frameOffset(node: Node, doc: Document): { x: number; y: number } {
  const at = { x: 0, y: 0 };
  for (let win: Window | null | undefined = node.ownerDocument?.defaultView; win && win.document !== doc; win = win.parent) {
    const frame = win.frameElement;
    if (!frame) break;
    const r = frame.getBoundingClientRect();
    at.x += r.left + frame.clientLeft;
    at.y += r.top + frame.clientTop;
  }
  return at;
}

/**
 * Hides the current highlights (for evidence screenshots) and returns how to show them again; does
 * nothing on restore when the highlights were cleared or replaced in the meantime.
 */
export function suspendHighlights(doc: Document): () => void {
  const restores: (() => void)[] = [];
  const gen = generation;
  const win = doc.defaultView;
  if (win && supportsCustomHighlight(win)) {
    const registry = (win as unknown as { CSS: { highlights: HighlightRegistry & { get?(name: string): unknown; has?(name: string): boolean } } }).CSS.highlights;
    const current = registry.get?.(HIGHLIGHT_NAME);
    if (current) {
      registry.delete(HIGHLIGHT_NAME);
      restores.push(() => {
        if (generation === gen && !registry.has?.(HIGHLIGHT_NAME)) registry.set(HIGHLIGHT_NAME, current);
      });
    }
  }
  const shown = overlay;
  if (shown) {
    const nodes = Array.from(shown.root.childNodes);
    for (const n of nodes) n.remove();
    restores.push(() => {
      if (generation === gen && overlay === shown && shown.root.childNodes.length === 0) shown.root.append(...nodes);
    });
  }
  return () => restores.forEach((r) => r());
}
