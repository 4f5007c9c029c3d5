/**
 * One-edit comparison for typo-squats: a single substitution, insertion, deletion, or one swapped
 * pair of neighbouring characters. Returns what differs (host side → official side) or null.
 * Index loops only (no slicing): this runs for every candidate label on every host.
 */

export interface OneEdit {
  kind: 'substitution' | 'insertion' | 'deletion' | 'swap';
  /** index in the host label where the difference starts */
  at: number;
  /** e.g. "m → n", "extra o", "missing a", "ab → ba" */
  diff: string;
}

function sameFrom(a: string, ai: number, b: string, bi: number): boolean {
  if (a.length - ai !== b.length - bi) return false;
  for (; ai < a.length; ai++, bi++) if (a.charCodeAt(ai) !== b.charCodeAt(bi)) return false;
  return true;
}

/** `host` is the suspect label, `official` the brand's; null unless they differ by exactly one edit. */
export function oneEdit(host: string, official: string): OneEdit | null {
  const lh = host.length;
  const lo = official.length;
  if (lh - lo > 1 || lo - lh > 1) return null;
  let i = 0;
  while (i < lh && i < lo && host.charCodeAt(i) === official.charCodeAt(i)) i++;
  if (lh === lo) {
    if (i === lh) return null;
    if (sameFrom(host, i + 1, official, i + 1)) return { kind: 'substitution', at: i, diff: `${host[i]} → ${official[i]}` };
    if (i + 1 < lh && host[i] === official[i + 1] && host[i + 1] === official[i] && sameFrom(host, i + 2, official, i + 2))
      return { kind: 'swap', at: i, diff: `${host.slice(i, i + 2)} → ${official.slice(i, i + 2)}` };
    return null;
  }
  if (lh === lo + 1) return sameFrom(host, i + 1, official, i) ? { kind: 'insertion', at: i, diff: `extra ${host[i]}` } : null;
  return sameFrom(host, i, official, i + 1) ? { kind: 'deletion', at: i, diff: `missing ${official[i]}` } : null;
}
