/**
 * TR39-style skeletons for host labels: every character is mapped to the ASCII prototype it is
 * confusable with (Unicode confusables data, trimmed at build time into data/confusables.json), plus
 * the ASCII look-alikes a user misreads in a URL bar (1/l, 0/o, rn/m, vv/w). Two labels with the same
 * skeleton look the same. Each substitution is recorded so a finding can say which characters differ.
 */
import confusablesData from './data/confusables.json';

interface ConfusablesData {
  map: Record<string, [string, string]>;
}

const CONFUSABLES: ReadonlyMap<number, readonly [string, string]> = (() => {
  const map = new Map<number, readonly [string, string]>();
  for (const [hex, value] of Object.entries((confusablesData as unknown as ConfusablesData).map)) map.set(parseInt(hex, 16), value);
  return map;
})();

/** ASCII characters folded to the sequence they are confused with ('m' and 'rn' share the skeleton 'rn'). */
const ASCII_FOLDS: Readonly<Record<string, string>> = { '1': 'l', '0': 'o', m: 'rn', w: 'vv' };

export interface Substitution {
  /** the character as written in the host */
  from: string;
  /** what it folds to in the skeleton */
  to: string;
  /** where the fold lands in the skeleton */
  at: number;
  /** e.g. "U+0430 CYRILLIC"; empty for ASCII folds */
  what: string;
}

export interface Skeleton {
  skeleton: string;
  subs: Substitution[];
  /** the label contains characters outside ASCII */
  nonAscii: boolean;
  /** scripts of the non-ASCII letters (first word of their Unicode names, or 'LATIN-DIACRITIC') */
  scripts: Set<string>;
}

function isCombiningMark(code: number): boolean {
  return (code >= 0x0300 && code <= 0x036f) || (code >= 0x1ab0 && code <= 0x1aff) || (code >= 0x1dc0 && code <= 0x1dff) || (code >= 0x20d0 && code <= 0x20ff) || (code >= 0xfe20 && code <= 0xfe2f);
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

const memo = new Map<string, Skeleton>();

/** Computes the skeleton of one lower-case host label (or any short string); memoized, treat as read-only. */
export function skeletonOf(label: string): Skeleton {
  const known = memo.get(label);
  if (known) return known;
  const computed = computeSkeleton(label);
  if (memo.size >= 4000) memo.clear();
  memo.set(label, computed);
  return computed;
}

function computeSkeleton(label: string): Skeleton {
  let out = '';
  const subs: Substitution[] = [];
  const scripts = new Set<string>();
  let nonAscii = false;
  for (const ch of label) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      const fold = ASCII_FOLDS[ch];
      if (fold !== undefined && fold !== ch) {
        subs.push({ from: ch, to: fold, at: out.length, what: '' });
        out += fold;
      } else out += ch;
      continue;
    }
    nonAscii = true;
    const mapped = CONFUSABLES.get(code);
    if (mapped) {
      const [to, script] = mapped;
      const folded = foldAscii(to);
      subs.push({ from: ch, to: folded, at: out.length, what: `${hex(code)} ${script}` });
      scripts.add(script);
      out += folded;
      continue;
    }
    // Latin letters with diacritics (é, ı̇ …): decompose and drop the marks, as Chromium does.
    const base = [...ch.normalize('NFD')].filter((c) => !isCombiningMark(c.codePointAt(0) ?? 0)).join('');
    if (base && base !== ch && /^[\x00-\x7f]+$/.test(base)) {
      const folded = foldAscii(base.toLowerCase());
      subs.push({ from: ch, to: folded, at: out.length, what: `${hex(code)} LATIN-DIACRITIC` });
      scripts.add('LATIN-DIACRITIC');
      out += folded;
      continue;
    }
    scripts.add('OTHER');
    out += ch;
  }
  return { skeleton: out, subs, nonAscii, scripts };
}

function foldAscii(s: string): string {
  let out = '';
  for (const ch of s) out += ASCII_FOLDS[ch] ?? ch;
  return out;
}

/** Skeleton string only (fast path for precomputed brand labels). */
export function skeletonString(label: string): string {
  return skeletonOf(label).skeleton;
}

function describe(sub: Substitution): string {
  return sub.what ? `${sub.from} (${sub.what})` : sub.from;
}

/**
 * Names the characters that differ between a host label and the official label with the same
 * skeleton: host-side substitutions as "x → y", official-side ones reversed ("rn → m").
 */
export function describeSkeletonDiff(host: Skeleton, official: Skeleton): string {
  const officialKey = new Set(official.subs.map((s) => `${s.at}:${s.from}`));
  const hostKey = new Set(host.subs.map((s) => `${s.at}:${s.from}`));
  const parts: string[] = [];
  const officialAt = new Map(official.subs.map((s) => [s.at, s] as const));
  for (const s of host.subs) {
    if (officialKey.has(`${s.at}:${s.from}`)) continue;
    const o = officialAt.get(s.at);
    parts.push(`${describe(s)} → ${o ? o.from : s.to}`);
  }
  const hostAt = new Map(host.subs.map((s) => [s.at, s] as const));
  for (const s of official.subs) {
    if (hostKey.has(`${s.at}:${s.from}`) || hostAt.has(s.at)) continue;
    parts.push(`${s.to} → ${s.from}`);
  }
  return [...new Set(parts)].join(', ');
}
