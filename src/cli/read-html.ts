/**
 * Reads a saved page from disk with clear refusals: missing, unreadable, empty, too large,
 * binary, or not HTML. Decodes UTF-8/UTF-16 (BOM) and legacy charsets named in <meta charset>.
 */
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './io';

export const MAX_HTML_BYTES = 64 * 1024 * 1024;

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, 4096).toString('latin1');
  const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset === 'gb2312' ? 'gbk' : charset).decode(bytes);
    } catch {
      /* unknown label: fall back to UTF-8 */
    }
  }
  const utf8 = bytes.toString('utf8');
  // no charset named and not valid UTF-8: Chinese pages saved without <meta charset> are usually GBK
  const sample = utf8.slice(0, 20_000);
  const bad = sample.split('\ufffd').length - 1;
  if (bad > 8 && bad / Math.max(1, sample.length) > 0.01) {
    try {
      const gbk = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      return gbk;
    } catch {
      /* not GBK either: keep UTF-8 with replacement characters */
    }
  }
  return utf8;
}

export function readHtmlFile(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UsageError(`${path}: is a directory`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
  if (size === 0) throw new UsageError(`${path}: the file is empty`);
  if (size > MAX_HTML_BYTES) throw new UsageError(`${path}: the file is ${(size / 1e6).toFixed(0)} MB; pages over ${MAX_HTML_BYTES / 1024 / 1024} MB are refused`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) throw new UsageError(`${path}: binary data, not an HTML file`);
  const text = decode(bytes);
  if (!/<(?:!doctype|html|head|body|div|p|span|a|title|meta|table|section|main|form|script)\b/i.test(text.slice(0, 200_000))) {
    throw new UsageError(`${path}: does not look like HTML (no HTML tags found)`);
  }
  return text;
}
