/**
 * Watches the page for changes without doing any work in the observer: mutations only queue roots
 * and elements whose fact attributes changed (a debounced flush does the scanning); URL changes
 * from the History API (SPA navigation) are noticed through the Navigation API where present,
 * popstate/hashchange, and a check on every flush.
 */
import { blank } from '../page/extract';
import { changesFact, FACT_ATTRIBUTES } from '../page/facts';

export interface WatcherCallbacks {
  /**
   * changed subtrees (deduplicated; disconnected ones dropped), whether anything was removed, and
   * the elements whose fact attributes changed (a link's href, a form's action, a frame's src…)
   */
  onChanges(roots: Element[], removed: boolean, retouched: Element[]): void;
  onUrlChange(url: string): void;
}

export interface WatcherOptions {
  /** quiet time before a flush, ms */
  debounceMs?: number;
  /** upper bound on the wait while mutations keep coming, ms */
  maxWaitMs?: number;
  /** elements we must ignore (our own UI) */
  ignore?: (el: Element) => boolean;
}

const BLOCKS = 'p,li,td,th,dd,dt,h1,h2,h3,h4,h5,h6,div,section,article,main,aside,header,footer,form,label,button,blockquote,pre,figcaption,table,ul,ol,nav';

export interface Watcher {
  stop(): void;
  /** watch one more subtree (an open shadow root) with the same observer */
  observe(root: Node): void;
  /** multiply the debounce (back off while nothing comes of the rescans) */
  setDebounce(ms: number): void;
  pending(): number;
}

export function blockRootOf(node: Node): Element | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el) return null;
  return el.closest(BLOCKS) ?? el;
}

/**
 * The roots no other root contains, once each, in the order first given. Each root climbs its
 * ancestors only until one whose answer is known, so every node is asked once: linear in the nodes
 * above the roots. (Asking every pair with contains() was n² — 10⁶ calls for 1,000 roots; sorting
 * by compareDocumentPosition costs Chromium a walk over the siblings per comparison, 20 ms per page
 * load of the infinite-scroll bench page.)
 */
export function outermost(roots: readonly Element[]): Element[] {
  const isRoot = new Set<Node>(roots);
  // node → whether it or an ancestor is one of the roots
  const covered = new Map<Node, boolean>();
  // the nodes climbed for one root: the first `climbed` entries (never cut to length 0, which drops V8's storage)
  const path: Node[] = [];
  const isCovered = (start: Node | null): boolean => {
    let answer = false;
    let climbed = 0;
    for (let n = start; n; n = n.parentNode) {
      const known = covered.get(n);
      if (known !== undefined) {
        answer = known;
        break;
      }
      if (isRoot.has(n)) {
        answer = true;
        break;
      }
      path[climbed++] = n;
    }
    for (let i = 0; i < climbed; i++) covered.set(path[i]!, answer);
    return answer;
  };
  const out: Element[] = [];
  const seen = new Set<Element>();
  for (const r of roots) {
    if (seen.has(r)) continue;
    seen.add(r);
    if (!isCovered(r.parentNode)) out.push(r);
  }
  return out;
}

/**
 * Whether an added node can change what a rescan finds: an element (not ours), or a text node with
 * more than whitespace. An added text node of whitespace only — the "\n" between the cards an
 * infinite scroll appends — holds no claim, and its block is the whole list: queued, it made every
 * step rescan every card of the page. (A changed text node is always rescanned: its old words may be gone.)
 */
export function worthRescanning(node: Node, ignore: (el: Element) => boolean): boolean {
  return node.nodeType === 1 ? !ignore(node as Element) : node.nodeType === 3 && !blank((node as Text).data);
}

/** The blocks to rescan for the changed nodes: each one's block, still in the page and not ours, outermost only. */
export function rootsToRescan(changed: Iterable<Node>, ignore: (el: Element) => boolean): Element[] {
  const roots: Element[] = [];
  for (const node of changed) {
    const root = blockRootOf(node);
    if (root && root.isConnected && !ignore(root)) roots.push(root);
  }
  return outermost(roots);
}

export function watchPage(doc: Document, cb: WatcherCallbacks, options: WatcherOptions = {}): Watcher {
  let debounceMs = options.debounceMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 1500;
  const ignore = options.ignore ?? (() => false);
  const queued = new Set<Node>();
  const retouched = new Set<Element>();
  let removed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstQueuedAt = 0;
  const pageUrl = () => (doc.location?.href ?? '').split('#')[0]!;
  let lastUrl = pageUrl();
  const win = doc.defaultView;

  const checkUrl = () => {
    const href = pageUrl();
    if (href !== lastUrl) {
      lastUrl = href;
      queued.clear();
      retouched.clear();
      removed = false;
      cb.onUrlChange(href);
      return true;
    }
    return false;
  };

  const flush = () => {
    timer = undefined;
    if (checkUrl()) return;
    const outer = rootsToRescan(queued, ignore);
    queued.clear();
    const touched = [...retouched].filter((el) => el.isConnected);
    retouched.clear();
    const wasRemoved = removed;
    removed = false;
    if (outer.length || wasRemoved || touched.length) cb.onChanges(outer, wasRemoved, touched);
  };

  const schedule = () => {
    const now = Date.now();
    if (timer === undefined) firstQueuedAt = now;
    else clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstQueuedAt + maxWaitMs - now));
    timer = setTimeout(flush, wait);
  };

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const target = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
      if (target && ignore(target)) continue;
      if (r.type === 'characterData') queued.add(r.target);
      else if (r.type === 'attributes') {
        if (target && changesFact(target, r.attributeName ?? '')) retouched.add(target);
      } else {
        r.addedNodes.forEach((n) => {
          if (worthRescanning(n, ignore)) queued.add(n);
        });
        if (r.removedNodes.length) removed = true;
      }
    }
    if (queued.size || removed || retouched.size) schedule();
  });
  const OPTIONS: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributeFilter: [...FACT_ATTRIBUTES] };
  observer.observe(doc.documentElement, OPTIONS);

  const onNav = () => setTimeout(checkUrl, 50);
  win?.addEventListener('popstate', onNav);
  win?.addEventListener('hashchange', onNav);
  const nav = (win as unknown as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('navigatesuccess', onNav);
  nav?.addEventListener('currententrychange', onNav);
  const poll = setInterval(checkUrl, 1000);

  return {
    stop() {
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
      clearInterval(poll);
      win?.removeEventListener('popstate', onNav);
      win?.removeEventListener('hashchange', onNav);
      nav?.removeEventListener('navigatesuccess', onNav);
      nav?.removeEventListener('currententrychange', onNav);
    },
    observe(root) {
      observer.observe(root, OPTIONS);
    },
    setDebounce(ms) {
      debounceMs = ms;
    },
    pending: () => queued.size,
  };
}
