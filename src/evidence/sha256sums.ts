/**
 * SHA256SUMS in the exact format GNU `sha256sum -c` reads: one "<64 hex>  <path>" line per file
 * (two spaces: text mode, which on every platform sha256sum runs on reads bytes unchanged), LF endings.
 */
import { isSha256Hex } from './hash';

export interface SumLine {
  sha256: string;
  path: string;
}

export function assertSumsSafePath(path: string): void {
  // GNU sha256sum escapes names with backslash or newline; our bundle names never need that, so refuse them.
  if (path.length === 0 || /[\n\r\\]/.test(path)) throw new Error(`File name not allowed in SHA256SUMS: ${JSON.stringify(path)}`);
}

export function formatSha256Sums(lines: readonly SumLine[]): string {
  const sorted = [...lines].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let out = '';
  for (const line of sorted) {
    if (!isSha256Hex(line.sha256)) throw new Error(`Not a SHA-256 digest for ${line.path}`);
    assertSumsSafePath(line.path);
    out += `${line.sha256}  ${line.path}\n`;
  }
  return out;
}

export interface ParsedSums {
  lines: SumLine[];
  /** 1-based line numbers and text of lines that are not "<hex>  <path>" */
  invalid: { line: number; text: string }[];
}

/** Lenient parser: accepts text (two spaces) and binary (" *") markers and CRLF; reports bad lines. */
export function parseSha256Sums(text: string): ParsedSums {
  const lines: SumLine[] = [];
  const invalid: { line: number; text: string }[] = [];
  const rows = text.split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  rows.forEach((raw, i) => {
    const row = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(row);
    if (!m) {
      invalid.push({ line: i + 1, text: row.slice(0, 200) });
      return;
    }
    lines.push({ sha256: m[1]!, path: m[2]! });
  });
  return { lines, invalid };
}
