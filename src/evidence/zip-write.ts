/** Writes a ZIP with fflate. Already-compressed media (PNG) is stored; text is deflated. */
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntryInput {
  path: string;
  bytes: Uint8Array;
}

const STORED = /\.(png|jpe?g|gif|webp|zip|gz)$/i;

export function writeZip(entries: readonly ZipEntryInput[], mtime: Date = new Date()): Uint8Array {
  const files: Zippable = {};
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.path)) throw new Error(`Duplicate file in bundle: ${e.path}`);
    seen.add(e.path);
    // Keys with "/" are paths; fflate writes them as nested entries without directory records.
    files[e.path] = [e.bytes, { level: STORED.test(e.path) ? 0 : 6, mtime }];
  }
  return zipSync(files);
}
