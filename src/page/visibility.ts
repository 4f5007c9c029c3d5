/**
 * Is a piece of extracted text visible in the live page? Asked only about hits (a few per page),
 * so the walk need not read every element's attributes: each text node the piece spans must have
 * a rendered, not visibility-hidden parent (Element.checkVisibility). Where the DOM has no
 * checkVisibility (Node, old engines) everything counts as visible.
 */
type Checkable = Element & { checkVisibility?: (options?: object) => boolean };

export interface VisibilityCache {
  /** elements seen visible once: not asked again (hidden ones are, they may be shown later) */
  visible: WeakSet<Element>;
  /** segments (by key) all of whose text nodes were seen visible: their hits are not asked about again */
  segments: Set<number>;
}

export const createVisibilityCache = (): VisibilityCache => ({ visible: new WeakSet(), segments: new Set() });

function elementVisible(el: Element | null, cache: VisibilityCache): boolean {
  if (!el || cache.visible.has(el)) return true;
  const check = (el as Checkable).checkVisibility;
  const visible = typeof check === 'function' ? check.call(el, { visibilityProperty: true, opacityProperty: false }) : true;
  if (visible) cache.visible.add(el);
  return visible;
}

/** `nodes`: the segment's text nodes and where each starts in its text; [start, end) a range of that text */
export function textVisible(nodes: readonly { node: Text; start: number }[], start: number, end: number, cache: VisibilityCache): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const { node, start: from } = nodes[i]!;
    const to = i + 1 < nodes.length ? nodes[i + 1]!.start : Number.POSITIVE_INFINITY;
    if (to <= start || from >= Math.max(end, start + 1)) continue;
    if (!elementVisible(node.parentElement, cache)) return false;
  }
  return true;
}

/**
 * textVisible for a hit in segment `key`, remembering segments seen wholly visible: finish() asks
 * about every hit of the page after each rescan, and an infinite-scroll page has thousands.
 */
export function hitVisible(key: number, nodes: readonly { node: Text; start: number }[], start: number, end: number, cache: VisibilityCache): boolean {
  if (cache.segments.has(key)) return true;
  if (!textVisible(nodes, start, end, cache)) return false;
  if (nodes.every(({ node }) => elementVisible(node.parentElement, cache))) cache.segments.add(key);
  return true;
}
