/**
 * Watches the page for changes without doing any work in the observer: mutations only queue roots
 * (a debounced flush does the scanning); URL changes from the History API (SPA navigation) are
 * noticed through the Navigation API where present, popstate/hashchange, and a check on every flush.
 */
export interface WatcherCallbacks {
  /** changed subtrees (deduplicated; disconnected ones dropped) and whether anything was removed */
  onChanges(roots: Element[], removed: boolean): void;
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

export function watchPage(doc: Document, cb: WatcherCallbacks, options: WatcherOptions = {}): Watcher {
  let debounceMs = options.debounceMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 1500;
  const ignore = options.ignore ?? (() => false);
  const queued = new Set<Node>();
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
      removed = false;
      cb.onUrlChange(href);
      return true;
    }
    return false;
  };

  const flush = () => {
    timer = undefined;
    if (checkUrl()) return;
    const roots: Element[] = [];
    for (const node of queued) {
      const root = blockRootOf(node);
      if (root && root.isConnected && !ignore(root)) roots.push(root);
    }
    queued.clear();
    const wasRemoved = removed;
    removed = false;
    // keep only outermost roots
    const unique = [...new Set(roots)];
    const outer = unique.filter((r) => !unique.some((o) => o !== r && o.contains(r)));
    if (outer.length || wasRemoved) cb.onChanges(outer, wasRemoved);
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
      else {
        r.addedNodes.forEach((n) => {
          if (n.nodeType === 1 ? !ignore(n as Element) : n.nodeType === 3) queued.add(n);
        });
        if (r.removedNodes.length) removed = true;
      }
    }
    if (queued.size || removed) schedule();
  });
  const OPTIONS: MutationObserverInit = { childList: true, subtree: true, characterData: true };
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
