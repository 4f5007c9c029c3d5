/**
 * Minimal PNG support for Node (benchmarks, tests and the Node stitcher): read the size of any PNG,
 * encode and decode 8-bit RGBA non-interlaced images. Browsers use OffscreenCanvas instead.
 */
import { unzlibSync, zlibSync } from 'fflate';
import { crc32 } from './crc32';
import { concatBytes } from './bytes';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, row-major RGBA */
  data: Uint8Array;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 24 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Width and height from the IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (!isPng(bytes)) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(12) !== 0x49484452) return null; // "IHDR"
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** zlib functions; pure fflate by default, Node's native zlib can be passed in (benchmarks). */
export interface ZlibCodec {
  deflate(data: Uint8Array, level: number): Uint8Array;
  inflate(data: Uint8Array): Uint8Array;
}

export const FFLATE_CODEC: ZlibCodec = {
  deflate: (data, level) => zlibSync(data, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 }),
  inflate: (data) => unzlibSync(data),
};

export function encodePng(img: RgbaImage, level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6, codec: ZlibCodec = FFLATE_CODEC): Uint8Array {
  const { width, height, data } = img;
  if (data.length !== width * height * 4) throw new Error('encodePng: data length does not match the size');
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, adaptive filtering, no interlace
  const parts = [new Uint8Array(SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', codec.deflate(raw, level)), chunk('IEND', new Uint8Array(0))];
  return concatBytes(parts);
}

/** Decodes 8-bit RGBA or RGB non-interlaced PNGs (all five filter types). */
export function decodePng(bytes: Uint8Array, codec: ZlibCodec = FFLATE_CODEC): RgbaImage {
  const size = pngSize(bytes);
  if (!size) throw new Error('decodePng: not a PNG');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const depth = bytes[24];
  const colorType = bytes[25];
  if (depth !== 8 || (colorType !== 6 && colorType !== 2) || bytes[28] !== 0) throw new Error('decodePng: only 8-bit RGB/RGBA non-interlaced PNGs are supported');
  const channels = colorType === 6 ? 4 : 3;
  const idat: Uint8Array[] = [];
  for (let p = 8; p + 8 <= bytes.length; ) {
    const len = v.getUint32(p);
    const type = String.fromCharCode(bytes[p + 4]!, bytes[p + 5]!, bytes[p + 6]!, bytes[p + 7]!);
    if (type === 'IDAT') idat.push(bytes.subarray(p + 8, p + 8 + len));
    if (type === 'IEND') break;
    p += 12 + len;
  }
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of idat) {
    joined.set(c, o);
    o += c.length;
  }
  const raw = codec.inflate(joined);
  const { width, height } = size;
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    if (filter === 0 && channels === 4) {
      // fast path: unfiltered RGBA rows are already the output
      out.set(line, y * width * 4);
      prev.set(line);
      cur.set(line);
      continue;
    }
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let x = line[i]!;
      if (filter === 1) x += a;
      else if (filter === 2) x += b;
      else if (filter === 3) x += (a + b) >> 1;
      else if (filter === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        x += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = x & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const d = (y * width + x) * 4;
      out[d] = cur[x * channels]!;
      out[d + 1] = cur[x * channels + 1]!;
      out[d + 2] = cur[x * channels + 2]!;
      out[d + 3] = channels === 4 ? cur[x * channels + 3]! : 255;
    }
    prev.set(cur);
  }
  return { width, height, data: out };
}
