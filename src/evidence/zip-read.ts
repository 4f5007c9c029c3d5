/**
 * A defensive ZIP reader for bundles that come from outside (import, CLI verify).
 * It parses the central directory itself and refuses, before inflating anything: encrypted or ZIP64
 * archives, too many entries, names that could escape a folder (absolute, "..", backslashes, drive letters,
 * control characters), duplicate names, overlapping entries, declared sizes over the limits and
 * compression ratios typical of zip bombs. While inflating it stops as soon as an entry produces more
 * bytes than it declared. A CRC mismatch marks that entry as damaged without refusing the whole archive.
 */
import { Inflate } from 'fflate';
import { crc32 } from './crc32';
import { utf8Decode } from './bytes';

export interface ZipLimits {
  maxArchiveBytes: number;
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** uncompressed / compressed above this, for entries bigger than ratioFloorBytes, is refused */
  maxRatio: number;
  ratioFloorBytes: number;
  maxNameLength: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 1024 * 1024 * 1024,
  maxEntries: 2000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  // Deflate cannot exceed ~1032:1; real HTML/text rarely passes 100:1. Absolute sizes are capped above anyway.
  maxRatio: 500,
  ratioFloorBytes: 8 * 1024 * 1024,
  maxNameLength: 255,
};

export interface ZipEntry {
  name: string;
  /** null when the entry is damaged (see `error`) */
  bytes: Uint8Array | null;
  error?: string;
}

export type ZipReadResult = { ok: true; entries: ZipEntry[] } | { ok: false; reason: string };

const SIG_EOCD = 0x06054b50;
const SIG_CEN = 0x02014b50;
const SIG_LOC = 0x04034b50;

/** Why a name is unsafe to extract, or null when it is fine. */
export function unsafeEntryName(name: string, maxLength = DEFAULT_ZIP_LIMITS.maxNameLength): string | null {
  if (name.length === 0) return 'empty file name';
  if (name.length > maxLength) return 'file name too long';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character in file name';
  if (name.includes('\\')) return 'backslash in file name';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter in path';
  const parts = name.replace(/\/$/, '').split('/');
  for (const p of parts) {
    if (p === '..') return 'path traversal ("..")';
    if (p === '.' || p === '') return 'empty or "." path segment';
  }
  return null;
}

export function readZip(data: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipReadResult {
  try {
    return readZipUnsafe(data, limits);
  } catch (err) {
    return { ok: false, reason: `unreadable ZIP: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function readZipUnsafe(data: Uint8Array, limits: ZipLimits): ZipReadResult {
  if (data.length > limits.maxArchiveBytes) return { ok: false, reason: `the file is larger than ${limits.maxArchiveBytes} bytes` };
  if (data.length < 22) return { ok: false, reason: 'not a ZIP file (too short)' };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);

  let eocd = -1;
  const stop = Math.max(0, data.length - 22 - 65535);
  for (let i = data.length - 22; i >= stop; i--) {
    if (u32(i) === SIG_EOCD && i + 22 + u16(i + 20) === data.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    const looksZip = data.length >= 4 && u32(0) === SIG_LOC;
    return { ok: false, reason: looksZip ? 'truncated ZIP file (end of central directory missing)' : 'not a ZIP file' };
  }
  const disk = u16(eocd + 4);
  const cdDisk = u16(eocd + 6);
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || u16(eocd + 8) !== count) return { ok: false, reason: 'multi-volume ZIP archives are not supported' };
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return { ok: false, reason: 'ZIP64 archives are not supported (a bundle never needs them)' };
  if (count > limits.maxEntries) return { ok: false, reason: `too many entries (${count}, limit ${limits.maxEntries})` };
  if (cdOffset + cdSize > eocd) return { ok: false, reason: 'truncated or corrupt ZIP file (central directory out of range)' };

  interface Header {
    name: string;
    method: number;
    crc: number;
    csize: number;
    usize: number;
    local: number;
    dataStart: number;
  }
  const headers: Header[] = [];
  const names = new Set<string>();
  let totalDeclared = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(p) !== SIG_CEN) return { ok: false, reason: 'corrupt ZIP central directory' };
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const crc = u32(p + 16);
    const csize = u32(p + 20);
    const usize = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    const local = u32(p + 42);
    if (p + 46 + nameLen > eocd) return { ok: false, reason: 'corrupt ZIP central directory' };
    const name = utf8Decode(data.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;

    const bad = unsafeEntryName(name, limits.maxNameLength);
    if (bad) return { ok: false, reason: `refused entry ${JSON.stringify(name.slice(0, 120))}: ${bad}` };
    if (flags & 1) return { ok: false, reason: `refused entry ${name}: encrypted entries are not supported` };
    if (csize === 0xffffffff || usize === 0xffffffff) return { ok: false, reason: 'ZIP64 entries are not supported' };
    if (method !== 0 && method !== 8) return { ok: false, reason: `refused entry ${name}: unsupported compression method ${method}` };
    const folded = name.toLowerCase();
    if (names.has(folded)) return { ok: false, reason: `refused archive: duplicate entry ${name}` };
    names.add(folded);
    if (usize > limits.maxEntryBytes) return { ok: false, reason: `refused entry ${name}: declared size ${usize} bytes is over the ${limits.maxEntryBytes}-byte limit` };
    totalDeclared += usize;
    if (totalDeclared > limits.maxTotalBytes) return { ok: false, reason: `refused archive: declared total size is over the ${limits.maxTotalBytes}-byte limit` };
    if (method === 0 && csize !== usize) return { ok: false, reason: `corrupt entry ${name}: stored sizes disagree` };
    if (usize > limits.ratioFloorBytes && usize / Math.max(1, csize) > limits.maxRatio)
      return { ok: false, reason: `refused entry ${name}: compression ratio ${Math.round(usize / Math.max(1, csize))}:1 looks like a zip bomb` };

    if (local + 30 > data.length || u32(local) !== SIG_LOC) return { ok: false, reason: `corrupt ZIP: local header of ${name} missing` };
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + csize > cdOffset) return { ok: false, reason: `truncated or corrupt ZIP: data of ${name} runs past the end` };
    headers.push({ name, method, crc, csize, usize, local, dataStart });
  }

  // Overlapping entries (the "quine"/overlap bomb technique) are refused.
  const byOffset = [...headers].sort((a, b) => a.local - b.local);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    if (byOffset[i]!.local < prev.dataStart + prev.csize) return { ok: false, reason: `refused archive: entries ${prev.name} and ${byOffset[i]!.name} overlap` };
  }

  const entries: ZipEntry[] = [];
  let totalActual = 0;
  for (const h of headers) {
    if (h.name.endsWith('/')) {
      if (h.usize !== 0) return { ok: false, reason: `refused entry ${h.name}: directory with content` };
      continue;
    }
    const raw = data.subarray(h.dataStart, h.dataStart + h.csize);
    let bytes: Uint8Array;
    if (h.method === 0) {
      bytes = raw;
    } else {
      const inflated = inflateBounded(raw, h.usize);
      if (inflated.kind === 'overflow') return { ok: false, reason: `refused entry ${h.name}: it inflates to more than its declared ${h.usize} bytes (zip bomb)` };
      if (inflated.kind === 'error') {
        entries.push({ name: h.name, bytes: null, error: `damaged compressed data (${inflated.message})` });
        continue;
      }
      bytes = inflated.bytes;
    }
    totalActual += bytes.length;
    if (totalActual > limits.maxTotalBytes) return { ok: false, reason: `refused archive: content is over the ${limits.maxTotalBytes}-byte limit` };
    if (bytes.length !== h.usize) {
      entries.push({ name: h.name, bytes: null, error: `damaged: ${bytes.length} bytes instead of the declared ${h.usize}` });
      continue;
    }
    if (crc32(bytes) !== h.crc) {
      entries.push({ name: h.name, bytes: null, error: 'damaged: CRC-32 mismatch inside the ZIP' });
      continue;
    }
    entries.push({ name: h.name, bytes });
  }
  return { ok: true, entries };
}

type InflateOutcome = { kind: 'ok'; bytes: Uint8Array } | { kind: 'overflow' } | { kind: 'error'; message: string };

/** Inflates in small input slices, aborting the moment the output exceeds `declared` bytes. */
function inflateBounded(input: Uint8Array, declared: number): InflateOutcome {
  const out = new Uint8Array(declared);
  let written = 0;
  let overflow = false;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    if (overflow) return;
    if (written + chunk.length > declared) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
    if (final) done = true;
  });
  const SLICE = 4096; // deflate expands at most ~1032:1, so one slice yields at most ~4 MiB
  try {
    if (input.length === 0) inflater.push(new Uint8Array(0), true);
    for (let i = 0; i < input.length && !overflow; i += SLICE) {
      const end = Math.min(input.length, i + SLICE);
      inflater.push(input.subarray(i, end), end === input.length);
    }
  } catch (err) {
    if (overflow) return { kind: 'overflow' };
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (overflow) return { kind: 'overflow' };
  if (!done && written !== declared) return { kind: 'error', message: 'unexpected end of compressed data' };
  return { kind: 'ok', bytes: out.subarray(0, written) };
}
