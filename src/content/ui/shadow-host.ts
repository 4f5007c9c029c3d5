/**
 * Our in-page UI lives in a closed shadow root on a custom host element. The host resets every
 * inherited style (all: initial) and is fixed-positioned with the highest z-index, so the page's
 * CSS cannot reach in and ours cannot leak out; it takes no space in the page's layout.
 */
export const MAX_Z = '2147483647';

export interface ShadowUi {
  host: HTMLElement;
  root: ShadowRoot;
  remove(): void;
  /**
   * Wraps a button action so it runs only for a real click by the user on our visible, uncovered UI:
   * trusted events only, not in the first moments after the UI appeared, host not made transparent
   * or hidden, our host on top at the click point, and (where the browser tracks it) the button
   * actually visible (IntersectionObserver v2 sees see-through overlays that elementFromPoint misses).
   */
  guard(action: () => void): (e: Event) => void;
  /** starts visibility tracking of a guarded button */
  track(el: Element): void;
  /** re-asserts the host's styles and top-layer place (after the page tampered with them) */
  reassert(): void;
}

/** clicks earlier than this after the UI appeared are ignored (anti-clickjacking) */
export const MIN_SHOWN_MS = 150;
/** at most this many style restores per second per host (a page fighting back cannot freeze itself) */
export const MAX_RESTORES_PER_SECOND = 20;
/** clicks within this time after the page tampered with our UI are ignored */
export const TAMPER_COOLDOWN_MS = 1500;


function isPopoverOpen(el: Element): boolean {
  try {
    return el.matches(':popover-open');
  } catch {
    return false;
  }
}

/** the shadow roots of our own UI: the extractor, which enters closed roots, must not read them */
const OWN_ROOTS = new WeakSet<ShadowRoot>();
export const isOwnShadowRoot = (root: ShadowRoot): boolean => OWN_ROOTS.has(root);

export function mountShadowHost(doc: Document, tag: string, hostStyle: Record<string, string>, css: string, topLayer = true): ShadowUi {
  doc.querySelectorAll(tag).forEach((old) => old.remove());
  const host = doc.createElement(tag);
  const style: Record<string, string> = {
    all: 'initial', position: 'fixed', 'z-index': MAX_Z, display: 'block', opacity: '1', visibility: 'visible',
    transform: 'none', filter: 'none', 'clip-path': 'none', margin: '0', padding: '0', border: '0', background: 'transparent',
    overflow: 'visible', 'pointer-events': 'auto', ...hostStyle,
  };
  const applyStyle = () => {
    for (const [k, v] of Object.entries(style)) host.style.setProperty(k, v, 'important');
  };
  applyStyle();
  const wanted = host.getAttribute('style') ?? '';
  const root = host.attachShadow({ mode: 'closed' });
  OWN_ROOTS.add(root);
  const sheet = doc.createElement('style');
  sheet.textContent = css;
  root.append(sheet);
  const usePopover = topLayer && typeof host.showPopover === 'function';
  if (usePopover) host.setAttribute('popover', 'manual');
  doc.documentElement.append(host);
  const raise = () => {
    if (!usePopover || !host.isConnected) return;
    try {
      if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
      if (!isPopoverOpen(host)) host.showPopover();
    } catch {
      /* not in a document that allows it */
    }
  };
  raise();
  const shownAt = performance.now();
  /** when the page last tampered with our host: clicks right after a tampering are not trusted */
  let tamperedAt = -Infinity;

  /** The page may open its own top-layer element after ours: if something covers us, go back on top. */
  const ensureOnTop = () => {
    if (!usePopover || !host.isConnected || typeof doc.elementFromPoint !== 'function') return;
    const r = host.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    const view = doc.defaultView;
    const x = Math.min(Math.max(r.left + r.width / 2, 0), (view?.innerWidth ?? 1) - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 40), 0), (view?.innerHeight ?? 1) - 1);
    const hit = doc.elementFromPoint(x, y);
    // only the page's own top-layer elements (popover, modal dialog, fullscreen) can cover us
    const foreignTopLayer = (el: Element | null) => {
      for (let e = el; e; e = e.parentElement) {
        if (e === host) return false;
        try {
          if (e.matches(':popover-open, dialog:modal, :fullscreen')) return true;
        } catch {
          /* selector unsupported */
        }
      }
      return false;
    };
    if (hit && hit !== host && foreignTopLayer(hit)) {
      try {
        if (isPopoverOpen(host)) host.hidePopover();
        host.showPopover();
        tamperedAt = performance.now();
      } catch {
        /* ignore */
      }
    }
  };

  const reassert = () => {
    let changed = false;
    if (host.getAttribute('style') !== wanted) {
      host.setAttribute('style', wanted);
      changed = true;
    }
    for (const a of ['hidden', 'inert', 'class']) {
      if (host.hasAttribute(a)) {
        host.removeAttribute(a);
        changed = true;
      }
    }
    if (changed) tamperedAt = performance.now();
    raise();
    ensureOnTop();
  };
  // rate-limited: a page that fights back on every change must not hold its main thread in a loop
  let windowStart = 0;
  let restores = 0;
  let paused = false;
  const reassertLimited = () => {
    if (paused) return;
    const now = performance.now();
    if (now - windowStart > 1000) {
      windowStart = now;
      restores = 0;
    }
    if (++restores > MAX_RESTORES_PER_SECOND) {
      paused = true;
      tamperedAt = now;
      setTimeout(() => {
        paused = false;
        reassert();
      }, 1000);
      return;
    }
    reassert();
  };
  const attrGuard = new MutationObserver(reassertLimited);
  attrGuard.observe(host, { attributes: true });

  const visible = new WeakMap<Element, boolean>();
  let io: IntersectionObserver | undefined;
  try {
    io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) visible.set(e.target, (e as IntersectionObserverEntry & { isVisible?: boolean }).isVisible ?? true);
      },
      { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
  } catch {
    io = undefined;
  }
  const tracksVisibility = () => io !== undefined && 'isVisible' in IntersectionObserverEntry.prototype;

  const usable = (e: Event): boolean => {
    if (!e.isTrusted) return false;
    if (performance.now() - shownAt < MIN_SHOWN_MS) return false;
    if (performance.now() - tamperedAt < TAMPER_COOLDOWN_MS) return false;
    if (!host.isConnected) return false;
    const cs = doc.defaultView?.getComputedStyle(host);
    if (cs && (cs.display === 'none' || cs.visibility !== 'visible' || Number(cs.opacity) < 0.99)) return false;
    const m = e as MouseEvent;
    const pointer = m.detail > 0 && (m.clientX !== 0 || m.clientY !== 0);
    if (pointer && doc.elementFromPoint(m.clientX, m.clientY) !== host) return false;
    const target = e.currentTarget as Element | null;
    if (pointer && target && tracksVisibility() && visible.get(target) === false) return false;
    return true;
  };

  return {
    host,
    root,
    remove: () => {
      attrGuard.disconnect();
      io?.disconnect();
      host.remove();
    },
    guard: (action) => (e: Event) => {
      if (usable(e)) action();
    },
    track: (el) => io?.observe(el),
    reassert: reassertLimited,
  };
}

/** Tiny element builder: h('button', { class: 'x', onclick }, 'text'). */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | ((e: Event) => void) | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'string' ? doc.createTextNode(c) : c);
  return el;
}

export const BASE_CSS = /* css */ `
:host { all: initial; }
* { box-sizing: border-box; }
.wrap { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1a202c; -webkit-font-smoothing: antialiased; }
button { font: inherit; cursor: pointer; border-radius: 8px; border: 1px solid transparent; padding: 7px 12px; font-weight: 600; }
button:focus-visible { outline: 3px solid #63b3ed; outline-offset: 2px; }
`;

export const LEVEL_COLORS = {
  safe: { main: '#2f855a', soft: '#f0fff4', ink: '#22543d' },
  caution: { main: '#b7791f', soft: '#fffbeb', ink: '#744210' },
  warning: { main: '#dd6b20', soft: '#fffaf0', ink: '#7b341e' },
  danger: { main: '#c53030', soft: '#fff5f5', ink: '#742a2a' },
} as const;
