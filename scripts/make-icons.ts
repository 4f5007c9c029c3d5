/**
 * Writes public/icon/{16,32,48,128}.png: a blue shield with a white check, anti-aliased by
 * supersampling. No dependencies (PNG via node:zlib). Run: npx tsx scripts/make-icons.ts
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Shield in unit coordinates (0..1): flat top with rounded shoulders, pointed bottom. */
function inShield(x: number, y: number): boolean {
  if (y < 0.08 || y > 0.95) return false;
  const halfWidth = y < 0.55 ? 0.4 : 0.4 * Math.sqrt(Math.max(0, 1 - ((y - 0.55) / 0.4) ** 2));
  return Math.abs(x - 0.5) <= halfWidth;
}
function distToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function inCheck(x: number, y: number, width: number): boolean {
  return distToSegment(x, y, 0.3, 0.5, 0.45, 0.65) < width || distToSegment(x, y, 0.45, 0.65, 0.72, 0.36) < width;
}

function draw(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const ss = 4;
  const stroke = size <= 16 ? 0.085 : 0.065;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let shield = 0;
      let check = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size;
          const v = (y + (sy + 0.5) / ss) / size;
          if (inShield(u, v)) {
            shield++;
            if (inCheck(u, v, stroke)) check++;
          }
        }
      }
      const n = ss * ss;
      const a = shield / n;
      const w = shield ? check / shield : 0;
      const i = (y * size + x) * 4;
      out[i] = Math.round(43 * (1 - w) + 255 * w);
      out[i + 1] = Math.round(108 * (1 - w) + 255 * w);
      out[i + 2] = Math.round(176 * (1 - w) + 255 * w);
      out[i + 3] = Math.round(255 * a);
    }
  }
  return out;
}

const dir = resolve(import.meta.dirname, '../public/icon');
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(resolve(dir, `${size}.png`), png(size, draw(size)));
console.log(`icons written to ${dir}`);
