/** Test-only ZIP surgery: rebuild a bundle with edited files, patch header fields. */
import { unzipSync, zipSync } from 'fflate';

export function unzipAll(zip: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(zip);
}

export function rezip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files);
}

/** Sets the uncompressed size of the first entry in both its local and central headers. */
export function patchFirstEntrySize(zip: Uint8Array, newSize: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  view.setUint32(22, newSize, true); // local header: uncompressed size
  for (let i = out.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      const cd = view.getUint32(i + 16, true);
      view.setUint32(cd + 24, newSize, true);
      return out;
    }
  }
  throw new Error('no EOCD');
}
