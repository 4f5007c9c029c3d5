/**
 * Build-time trimmer for Unicode's TR39 confusables data (issue 3).
 *
 * Reads confusables.txt (UTS #39, "Unicode Security Mechanisms") and keeps only what host checks need:
 * mappings from a single non-ASCII code point to a prototype made only of ASCII letters and digits
 * (after following the mapping chains and lower-casing), e.g. U+0430 CYRILLIC SMALL LETTER A → "a".
 * The result is committed as src/domains/data/confusables.json so the build never needs the corpus.
 *
 *   npx tsx scripts/build-confusables.ts [path/to/confusables.txt] [out.json]
 *
 * Licence of the data: Unicode terms of use (https://www.unicode.org/terms_of_use.html) — redistribution
 * of the data files is permitted with the copyright notice, which the generated file carries.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const DEFAULT_INPUT = '/work/shared/corpus/unicode-confusables/confusables_TR39_v14.0.0.txt';
const DEFAULT_OUTPUT = resolve(import.meta.dirname ?? '.', '../src/domains/data/confusables.json');

export interface ConfusablesFile {
  origin: string;
  licence: string;
  version: string;
  generatedBy: string;
  /** code point (hex) → [ASCII prototype, script word of the character's name] */
  map: Record<string, [string, string]>;
}

interface RawEntry {
  target: number[];
  name: string;
}

/** Parses confusables.txt lines `SRC ; TARGET... ; MA # ( x → y ) NAME → NAME`. */
export function parseConfusables(text: string): Map<number, RawEntry> {
  const out = new Map<number, RawEntry>();
  for (const line of text.split('\n')) {
    const clean = line.replace(/^\uFEFF/, '');
    if (!clean.trim() || clean.startsWith('#')) continue;
    const [fields, comment = ''] = clean.split('#', 2).length === 2 ? [clean.slice(0, clean.indexOf('#')), clean.slice(clean.indexOf('#') + 1)] : [clean, ''];
    const parts = fields.split(';').map((p) => p.trim());
    if (parts.length < 2 || !parts[0] || !parts[1]) continue;
    const src = parseInt(parts[0], 16);
    const target = parts[1].split(/\s+/).map((h) => parseInt(h, 16));
    if (Number.isNaN(src) || target.some(Number.isNaN)) continue;
    // comment: " ( а → a ) CYRILLIC SMALL LETTER A → LATIN SMALL LETTER A	# "
    const nameMatch = /\)\s*(.+?)\s*→/.exec(comment);
    out.set(src, { target, name: nameMatch?.[1] ?? '' });
  }
  return out;
}

function resolveTarget(map: Map<number, RawEntry>, cps: number[], depth = 0): number[] {
  if (depth > 8) return cps;
  const out: number[] = [];
  for (const cp of cps) {
    const next = map.get(cp);
    if (next && !(next.target.length === 1 && next.target[0] === cp)) out.push(...resolveTarget(map, next.target, depth + 1));
    else out.push(cp);
  }
  return out;
}

/** First word of a Unicode character name that says where the character comes from. */
function scriptWord(name: string): string {
  const word = name.split(' ')[0] ?? '';
  return word || 'UNKNOWN';
}

export function trimConfusables(text: string, version: string): ConfusablesFile {
  const raw = parseConfusables(text);
  const map: Record<string, [string, string]> = {};
  const asciiTarget = (cps: number[]): string | null => {
    let target = String.fromCodePoint(...resolveTarget(raw, cps)).toLowerCase();
    if (!/^[a-z0-9]{1,3}$/.test(target)) {
      // hosts are lower-cased before we see them: ь (→ ƅ) is confusable because Ƅ → b
      const upper = [...target].map((c) => c.toUpperCase().codePointAt(0) ?? 0);
      target = String.fromCodePoint(...resolveTarget(raw, upper)).toLowerCase();
    }
    return /^[a-z0-9]{1,3}$/.test(target) ? target : null;
  };
  const key = (cp: number) => cp.toString(16).toUpperCase().padStart(4, '0');
  for (const [src, entry] of raw) {
    if (src < 0x80) continue; // ASCII folds (1→l, 0→o, rn→m, vv→w) live in code, where they are explained
    const target = asciiTarget(entry.target);
    if (target === null) continue;
    map[key(src)] = [target, scriptWord(entry.name)];
  }
  // the lower-case form of a confusable capital (Ƽ → ƽ) is what a host will contain after IDNA mapping
  for (const [src, entry] of raw) {
    const value = map[key(src)];
    if (!value) continue;
    const lower = String.fromCodePoint(src).toLowerCase();
    const lowerCp = lower.codePointAt(0) ?? 0;
    if ([...lower].length === 1 && lowerCp >= 0x80 && lowerCp !== src && !map[key(lowerCp)]) map[key(lowerCp)] = [value[0], scriptWord(entry.name)];
  }
  return {
    origin: `Unicode Technical Standard #39 confusables.txt, Version ${version}; trimmed by scripts/build-confusables.ts to single non-ASCII code points whose prototype is 1-3 ASCII letters/digits`,
    licence: 'Copyright © 1991-2021 Unicode, Inc. Data distributed under the Unicode terms of use: https://www.unicode.org/terms_of_use.html (see also https://www.unicode.org/license.txt)',
    version,
    generatedBy: 'npx tsx scripts/build-confusables.ts',
    map,
  };
}

function main(): void {
  const input = process.argv[2] ?? DEFAULT_INPUT;
  const output = process.argv[3] ?? DEFAULT_OUTPUT;
  let text: string;
  try {
    text = readFileSync(input, 'utf8');
  } catch (e) {
    console.error(`build-confusables: cannot read ${input}: ${(e as Error).message}`);
    process.exit(2);
  }
  const version = /# Version: ([\d.]+)/.exec(text)?.[1] ?? 'unknown';
  const result = trimConfusables(text, version);
  writeFileSync(output, JSON.stringify(result, null, 0).replace(/"map":\{/, '"map":{\n').replace(/\],"/g, '],\n"') + '\n');
  console.log(`build-confusables: ${Object.keys(result.map).length} mappings → ${output}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) main();
