/**
 * Text normalization before matching: NFKC (which also folds full-width forms), lower case,
 * zero-width / bidi / soft-hyphen / combining-mark removal, common Cyrillic and Greek look-alikes
 * folded to Latin, and runs of white space folded to one space. Every output character keeps the
 * offset of the original character it came from, so matches can be quoted and highlighted.
 */

export interface NormalizedText {
  /** the original text */
  source: string;
  text: string;
  /**
   * map[i] = offset in the original of normalized char i; map[text.length] = original length.
   * null when normalization changed nothing (the identity map).
   */
  map: Uint32Array | null;
}

/** Offset in the original text of normalized position i (i may equal text.length). */
export function originalOffset(norm: NormalizedText, i: number): number {
  return norm.map === null ? i : norm.map[i]!;
}

/** Characters that carry no visible content: zero-width, bidi controls, soft hyphen, BOM, word joiners. */
export function isInvisible(code: number): boolean {
  return (
    code === 0x00ad ||
    code === 0x034f ||
    code === 0x061c ||
    code === 0x115f ||
    code === 0x1160 ||
    code === 0x17b4 ||
    code === 0x17b5 ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x206f) ||
    code === 0x3164 ||
    code === 0xfeff ||
    code === 0xffa0 ||
    (code >= 0xfe00 && code <= 0xfe0f)
  );
}

function isCombiningMark(code: number): boolean {
  return (code >= 0x0300 && code <= 0x036f) || (code >= 0x1ab0 && code <= 0x1aff) || (code >= 0x20d0 && code <= 0x20ff);
}

export function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Cyrillic, Greek and other letters that render like Latin ones (after lower-casing). */
const LATIN_LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ɡ: 'g', ɩ: 'i', ı: 'i',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ς: 'c',
};

const cache = new Map<number, string>();

/** The normalized form of one code point (possibly empty or several characters). */
export function foldCodePoint(cp: number): string {
  const hit = cache.get(cp);
  if (hit !== undefined) return hit;
  let out = '';
  for (const ch of String.fromCodePoint(cp).normalize('NFKC').toLowerCase()) {
    const c = ch.codePointAt(0)!;
    if (isInvisible(c) || isCombiningMark(c)) continue;
    if (isSpace(c)) {
      out += ' ';
      continue;
    }
    out += LATIN_LOOKALIKES[ch] ?? ch;
  }
  if (cache.size < 20000) cache.set(cp, out);
  return out;
}

export function normalizeText(input: string): NormalizedText {
  const n = input.length;
  let codes: Uint16Array | null = null;
  let map: Uint32Array | null = null;
  let len = 0;
  let lastWasSpace = true; // trims leading space
  const cap = n * 2 + 4; // output capacity of the slow path (the buffers may be larger, shared scratch)
  for (let i = 0; i < n; i++) {
    let c = input.charCodeAt(i);
    // characters normalization keeps: lower-case ASCII, digits, punctuation, CJK ideographs and punctuation
    const stable = (c > 0x20 && c < 0x41) || (c > 0x5a && c < 0x7f) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0x3001 && c <= 0x3037);
    if (stable || (c === 0x20 && !lastWasSpace)) {
      lastWasSpace = !stable;
      if (codes === null) len++;
      else {
        codes[len] = c;
        map![len] = i;
        len++;
      }
      continue;
    }
    // from here on the output differs from the input: copy the unchanged prefix once
    if (codes === null) ({ codes, map } = startBuffers(input, len, n));
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) c += 32;
      else if (isSpace(c)) {
        if (lastWasSpace) continue;
        c = 0x20;
      } else if (c < 0x20 || c === 0x7f) continue;
    } else if (c >= 0xff01 && c <= 0xff5e) {
      // full-width ASCII: the NFKC result is a fixed offset away
      c -= 0xfee0;
      if (c >= 0x41 && c <= 0x5a) c += 32;
    } else {
      // everything else: NFKC + lower case + look-alike folding, cached per code point
      const start = i;
      const cp = input.codePointAt(i)!; // a surrogate pair as one code point, a lone surrogate as itself
      if (cp > 0xffff) i++;
      const folded = foldCodePoint(cp);
      for (let k = 0; k < folded.length; k++) {
        const fc = folded.charCodeAt(k);
        if (fc === 0x20) {
          if (lastWasSpace) continue;
          lastWasSpace = true;
        } else lastWasSpace = false;
        if (len < cap) {
          codes[len] = fc;
          map![len] = start;
          len++;
        }
      }
      continue;
    }
    if (len < cap) {
      codes[len] = c;
      map![len] = i;
      len++;
    }
    lastWasSpace = c === 0x20;
  }
  if (len > 0 && (codes === null ? input.charCodeAt(len - 1) : codes[len - 1]) === 0x20) {
    len--; // trailing space
  }
  if (codes === null) {
    return len === n ? { source: input, text: input, map: null } : { source: input, text: input.slice(0, len), map: null };
  }
  map![len] = n;
  let text = '';
  const CHUNK = 8192;
  for (let k = 0; k < len; k += CHUNK) {
    text += String.fromCharCode.apply(null, codes.subarray(k, Math.min(len, k + CHUNK)) as unknown as number[]);
  }
  return { source: input, text, map: map!.slice(0, len + 1) };
}

/** Scratch buffers of the slow path, reused across calls (normalization runs once per segment). */
let scratchCodes = new Uint16Array(0);
let scratchMap = new Uint32Array(0);
/** larger inputs get one-off buffers, so a huge page does not pin its buffers in memory */
const SCRATCH_MAX = 1 << 20;

/** Buffers for the slow path, holding the unchanged prefix input[0, len) already accepted. */
function startBuffers(input: string, len: number, n: number): { codes: Uint16Array; map: Uint32Array } {
  const need = n * 2 + 5;
  let codes: Uint16Array;
  let map: Uint32Array;
  if (need > SCRATCH_MAX) {
    codes = new Uint16Array(need);
    map = new Uint32Array(need);
  } else {
    if (scratchMap.length < need) {
      const size = Math.min(SCRATCH_MAX, Math.max(need, scratchMap.length * 2, 1024));
      scratchCodes = new Uint16Array(size);
      scratchMap = new Uint32Array(size);
    }
    codes = scratchCodes;
    map = scratchMap;
  }
  for (let k = 0; k < len; k++) {
    codes[k] = input.charCodeAt(k);
    map[k] = k;
  }
  return { codes, map };
}

/**
 * ASCII, CJK ideographs and punctuation, full-width ASCII, and the signs NFKC and lower-casing
 * leave alone that shop pages are full of (¥ £ € © ® ° · × ÷): the characters the native path handles
 */
const NATIVE_PATH_ONLY = /^[\x20-\x7e\t\n\v\f\r\u3001-\u3037\u3400-\u9fff\uff01-\uff5e\u00a3\u00a5\u00a9\u00ae\u00b0\u00b7\u00d7\u00f7\u20ac]*$/;
const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/g;
const ASCII_SPACE_RUN = /[\t\n\v\f\r ]+/g;
const fromFullWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/**
 * normalizeText(input).text without the offset map, for matching (most segments match nothing,
 * so their map is never needed). Text of ASCII, CJK and full-width ASCII goes through native
 * string operations, which give exactly what the per-character loop gives for it (property-tested).
 */
export function normalizedTextOf(input: string): string {
  if (NATIVE_PATH_ONLY.test(input)) return input.replace(FULL_WIDTH_ASCII, fromFullWidth).replace(ASCII_SPACE_RUN, ' ').trim().toLowerCase();
  return normalizeText(input).text;
}

/** Normalizes a phrase the way page text is normalized (for rule compilation). */
export function normalizePhrase(phrase: string): string {
  return normalizeText(phrase).text;
}

/** Maps a [start, end) range of normalized text back to the original text. */
export function toOriginalRange(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  const s = originalOffset(norm, Math.max(0, Math.min(start, norm.text.length)));
  // end: one past the original index of the last included normalized char
  if (end <= start) return { start: s, end: s };
  const lastOrig = originalOffset(norm, Math.min(end, norm.text.length) - 1);
  const code = norm.source.charCodeAt(lastOrig);
  // a code point outside the BMP spans two UTF-16 units
  return { start: s, end: lastOrig + (code >= 0xd800 && code <= 0xdbff ? 2 : 1) };
}
