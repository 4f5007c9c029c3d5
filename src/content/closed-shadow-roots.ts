/**
 * Closed shadow roots, which page scripts cannot see, are open to an extension: Chrome (88+) has
 * chrome.dom.openOrClosedShadowRoot(element), Firefox (63+) the element.openOrClosedShadowRoot
 * property in content scripts. A page that puts its claims in a closed root is read like any other.
 *
 * Chrome's call goes through the extension API bindings and costs 1.1–1.3 µs (bench/closed-roots.ts,
 * the bench listing: 54,026 host-capable elements in 58.9 ms, against 1.8 ms for el.shadowRoot), so
 * the extractor asks only the elements that can show a closed root's content without it showing in
 * the light tree: custom elements and empty hosts (docs/PERFORMANCE.md, session 16).
 */
import type { ClosedRootReader } from '../page/extract';

interface ChromeDom {
  openOrClosedShadowRoot?: (element: Element) => ShadowRoot | null;
}

/**
 * The reader for this browser, skipping the roots `isOwn` says are ours (our UI lives in closed
 * roots). Where the browser has neither API it answers null: only open roots are read then.
 */
export function closedShadowRootReader(isOwn: (root: ShadowRoot) => boolean, scope: unknown = globalThis): ClosedRootReader {
  const dom = (scope as { chrome?: { dom?: ChromeDom } }).chrome?.dom;
  return (el) => {
    try {
      const root = dom?.openOrClosedShadowRoot ? dom.openOrClosedShadowRoot(el) : (el as Element & { openOrClosedShadowRoot?: ShadowRoot }).openOrClosedShadowRoot;
      return root && !isOwn(root) ? root : null;
    } catch {
      return null; // not an HTMLElement (Chrome's API refuses it), or the element went away
    }
  };
}
