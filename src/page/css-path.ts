/** Short CSS paths (tag:nth-of-type chains, or #id) naming elements in reports and for highlighting. */

/** nth-of-type of an element among its siblings; `memo` (one per extraction) makes long sibling lists linear. */
function nthOfType(e: Element, memo?: Map<Element, number>): number {
  const tag = e.localName;
  let nth = 1;
  for (let s = e.previousElementSibling; s; s = s.previousElementSibling) {
    if (s.localName !== tag) continue;
    const known = memo?.get(s);
    if (known !== undefined) {
      nth += known;
      break;
    }
    nth++;
  }
  memo?.set(e, nth);
  return nth;
}

/**
 * A short CSS path (tag:nth-of-type chain, or #id) for reports and highlighting. Pass one `memo`
 * when computing many paths over the same document (else every path counts its siblings again).
 */
export function cssPath(el: Element | null, memo?: Map<Element, number>): string {
  const parts: string[] = [];
  for (let e = el, depth = 0; e && e.nodeType === 1 && depth < 12; e = e.parentElement, depth++) {
    const tag = e.localName;
    if (tag === 'html' || tag === 'body') break;
    if (e.id && /^[A-Za-z][\w-]{0,40}$/.test(e.id)) {
      parts.unshift(`#${e.id}`);
      break;
    }
    const nth = nthOfType(e, memo);
    parts.unshift(nth > 1 ? `${tag}:nth-of-type(${nth})` : tag);
  }
  return parts.join(' > ');
}
