/**
 * Page-side collectors for evidence capture. Dependency-free and self-contained: every function here
 * references nothing outside its own body, so the background can inject it with
 * `browser.scripting.executeScript({ func })` (which serializes the function's source) or a content
 * script can import and call it directly. Each returns plain JSON-serializable data.
 */

export interface PageMetricsResult {
  url: string;
  title: string;
  scrollX: number;
  scrollY: number;
  scrollHeight: number;
  viewportWidth: number;
  viewportHeight: number;
  devicePixelRatio: number;
}

export function pageMetrics(): PageMetricsResult {
  const doc = document.documentElement;
  const body = document.body;
  return {
    url: location.href,
    title: document.title,
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    scrollHeight: Math.max(doc.scrollHeight, body ? body.scrollHeight : 0, doc.clientHeight),
    viewportWidth: doc.clientWidth || window.innerWidth,
    viewportHeight: doc.clientHeight || window.innerHeight,
    devicePixelRatio: window.devicePixelRatio || 1,
  };
}

/**
 * Scrolls to `y` (CSS px) instantly, optionally hiding fixed/sticky elements so headers do not repeat in
 * every stitched frame, and resolves after two animation frames (the new position has been painted).
 */
export async function pageScrollTo(y: number, hideFixed: boolean): Promise<{ scrollY: number }> {
  const MARK = 'data-shopsentinel-hidden';
  if (hideFixed && !document.querySelector(`[${MARK}]`)) {
    const all = document.body ? document.body.getElementsByTagName('*') : [];
    const limit = Math.min(all.length, 20000);
    for (let i = 0; i < limit; i++) {
      const el = all[i] as HTMLElement;
      const pos = getComputedStyle(el).position;
      if (pos === 'fixed' || pos === 'sticky') {
        el.setAttribute(MARK, el.style.getPropertyValue('visibility') + '|' + el.style.getPropertyPriority('visibility'));
        el.style.setProperty('visibility', 'hidden', 'important');
      }
    }
  }
  window.scrollTo({ left: window.scrollX, top: y, behavior: 'instant' as ScrollBehavior });
  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    requestAnimationFrame(() => requestAnimationFrame(finish));
    setTimeout(finish, 250); // background tabs may not run animation frames
  });
  return { scrollY: window.scrollY };
}

/** Puts the page back as it was: scroll position and the visibility of fixed/sticky elements. */
export function pageRestore(x: number, y: number): { scrollY: number } {
  const MARK = 'data-shopsentinel-hidden';
  const marked = document.querySelectorAll(`[${MARK}]`);
  for (let i = 0; i < marked.length; i++) {
    const el = marked[i] as HTMLElement;
    const saved = el.getAttribute(MARK) || '|';
    const sep = saved.lastIndexOf('|');
    const value = saved.slice(0, sep);
    const priority = saved.slice(sep + 1);
    if (value) el.style.setProperty('visibility', value, priority);
    else el.style.removeProperty('visibility');
    el.removeAttribute(MARK);
  }
  window.scrollTo({ left: x, top: y, behavior: 'instant' as ScrollBehavior });
  return { scrollY: window.scrollY };
}

export interface CollectOptions {
  /** cap on the serialized HTML, in UTF-16 code units */
  maxHtmlChars: number;
  maxTextChars: number;
  /** budget for images turned into data: URLs */
  maxInlineImageBytes: number;
  capturedAt: string;
}

export interface CollectedPage {
  url: string;
  title: string;
  lang: string;
  html: string;
  text: string;
  stats: {
    scriptsRemoved: number;
    handlersRemoved: number;
    stylesheetsInlined: number;
    stylesheetsLinked: number;
    imagesInlined: number;
    imagesLinked: number;
    htmlTruncated: boolean;
    textTruncated: boolean;
  };
}

/**
 * Serializes the page as rendered: scripts and event handlers removed, same-origin stylesheets and
 * readable images inlined (others kept as absolute links), a <base> so the rest resolves, and the
 * visible text. Typed form values are not saved (passwords and card numbers must never end up in evidence).
 */
export async function collectPageContent(options: CollectOptions): Promise<CollectedPage> {
  const stats = { scriptsRemoved: 0, handlersRemoved: 0, stylesheetsInlined: 0, stylesheetsLinked: 0, imagesInlined: 0, imagesLinked: 0, htmlTruncated: false, textTruncated: false };
  const abs = (u: string | null): string => {
    if (!u) return '';
    try {
      return new URL(u, document.baseURI).href;
    } catch {
      return u;
    }
  };
  const root = document.documentElement.cloneNode(true) as HTMLElement;

  for (const el of Array.from(root.querySelectorAll('script, noscript, template, object, embed, link[rel~="preload"], link[rel~="modulepreload"], link[rel~="prefetch"], meta[http-equiv]'))) {
    if (el.tagName === 'SCRIPT') stats.scriptsRemoved++;
    el.remove();
  }
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) {
        el.removeAttribute(attr.name);
        stats.handlersRemoved++;
      } else if ((name === 'href' || name === 'src' || name === 'action' || name === 'formaction') && /^\s*javascript:/i.test(attr.value)) {
        el.removeAttribute(attr.name);
        stats.handlersRemoved++;
      }
    }
    if (el.tagName === 'INPUT') {
      el.removeAttribute('value');
      el.removeAttribute('checked');
    }
    if (el.tagName === 'TEXTAREA') el.textContent = '';
  }
  for (const a of Array.from(root.querySelectorAll('[href]'))) a.setAttribute('href', abs(a.getAttribute('href')));
  for (const a of Array.from(root.querySelectorAll('iframe[src], source[src], video[src], audio[src]'))) a.setAttribute('src', abs(a.getAttribute('src')));

  // Stylesheets: inline what we can read (same-origin), link the rest absolutely.
  const liveLinks = Array.from(document.querySelectorAll('link[rel~="stylesheet"]')) as HTMLLinkElement[];
  const cloneLinks = Array.from(root.querySelectorAll('link[rel~="stylesheet"]'));
  for (let i = 0; i < cloneLinks.length; i++) {
    const live = liveLinks[i];
    const clone = cloneLinks[i]!;
    let css: string | null = null;
    try {
      const rules = live && live.sheet ? live.sheet.cssRules : null;
      if (rules) css = Array.from(rules, (r) => r.cssText).join('\n');
    } catch {
      css = null; // cross-origin sheet
    }
    if (css !== null) {
      const style = document.createElement('style');
      style.setAttribute('data-shopsentinel-from', abs(clone.getAttribute('href')));
      style.textContent = css;
      clone.replaceWith(style);
      stats.stylesheetsInlined++;
    } else {
      clone.setAttribute('href', abs(clone.getAttribute('href')));
      stats.stylesheetsLinked++;
    }
  }

  // Images: inline loaded, untainted images as data URLs within the budget; otherwise absolute links.
  const liveImgs = Array.from(document.querySelectorAll('img'));
  const cloneImgs = Array.from(root.querySelectorAll('img'));
  let budget = options.maxInlineImageBytes;
  for (let i = 0; i < cloneImgs.length; i++) {
    const live = liveImgs[i];
    const clone = cloneImgs[i]!;
    const src = abs(live ? live.currentSrc || live.src : clone.getAttribute('src'));
    clone.removeAttribute('srcset');
    clone.removeAttribute('loading');
    let inlined = false;
    if (live && live.complete && live.naturalWidth > 0 && budget > 0 && !/^data:/.test(src)) {
      try {
        const w = Math.min(live.naturalWidth, 2000);
        const h = Math.round((live.naturalHeight * w) / live.naturalWidth);
        const canvas = document.createElement('canvas');
        canvas.width = w;
        canvas.height = h;
        const ctx = canvas.getContext('2d');
        if (ctx) {
          ctx.drawImage(live, 0, 0, w, h);
          const data = canvas.toDataURL(/\.jpe?g(\?|$)/i.test(src) ? 'image/jpeg' : 'image/png', 0.85);
          if (data.length * 0.75 <= budget && data.length > 22) {
            clone.setAttribute('src', data);
            clone.setAttribute('data-shopsentinel-src', src);
            budget -= data.length * 0.75;
            inlined = true;
            stats.imagesInlined++;
          }
        }
      } catch {
        inlined = false; // tainted by a cross-origin image
      }
    }
    if (!inlined) {
      clone.setAttribute('src', src);
      stats.imagesLinked++;
    }
  }

  const head = root.querySelector('head');
  if (head) {
    const base = document.createElement('base');
    base.setAttribute('href', document.baseURI);
    head.insertBefore(base, head.firstChild);
    const meta = document.createElement('meta');
    meta.setAttribute('charset', 'utf-8');
    head.insertBefore(meta, head.firstChild);
  }
  const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>` : '<!DOCTYPE html>';
  const header = `<!-- Saved by ShopSentinel from ${location.href.replace(/--/g, '-\u200b-')} at ${options.capturedAt}. Scripts removed; styles and images inlined where readable. -->`;
  let html = `${doctype}\n${header}\n${root.outerHTML}`;
  if (html.length > options.maxHtmlChars) {
    html = html.slice(0, options.maxHtmlChars);
    stats.htmlTruncated = true;
  }
  let text = document.body ? document.body.innerText || document.body.textContent || '' : '';
  if (text.length > options.maxTextChars) {
    text = text.slice(0, options.maxTextChars);
    stats.textTruncated = true;
  }
  return { url: location.href, title: document.title, lang: document.documentElement.lang || '', html, text, stats };
}
