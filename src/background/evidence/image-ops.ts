/**
 * Image operations the capture needs, behind an interface: OffscreenCanvas in the browser (service worker
 * or event page), pure PNG code in Node (tests, benchmarks).
 */
import { decodePng, encodePng, pngSize, FFLATE_CODEC, type ZlibCodec } from '../../evidence/png';

export interface DecodedImage {
  width: number;
  height: number;
  close(): void;
}

export interface Tile {
  readonly width: number;
  readonly height: number;
  /** copies rows [srcY, srcY+height) of `image` to row dstY of the tile */
  draw(image: DecodedImage, srcY: number, height: number, dstY: number): void;
  /** PNG bytes; the tile's memory is released */
  encode(): Promise<Uint8Array>;
}

export interface ImageOps {
  size(png: Uint8Array): { width: number; height: number } | null;
  decode(png: Uint8Array): Promise<DecodedImage>;
  createTile(width: number, height: number): Tile;
  /** a small PNG preview, at most maxWidth wide, or null when it cannot be made */
  thumbnail(png: Uint8Array, maxWidth: number): Promise<Uint8Array | null>;
}

/** Browser implementation over OffscreenCanvas and createImageBitmap (Chrome MV3 service worker, Firefox). */
export function createCanvasImageOps(): ImageOps {
  const toBlob = (png: Uint8Array) => new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
  return {
    size: pngSize,
    async decode(png) {
      // An ImageBitmap already has width, height and close(): it is a DecodedImage as it is.
      return (await createImageBitmap(toBlob(png))) as unknown as DecodedImage;
    },
    createTile(width, height) {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error(`Cannot create a ${width}×${height} canvas (browser canvas limit)`);
      return {
        width,
        height,
        draw(image, srcY, h, dstY) {
          ctx.drawImage(image as unknown as ImageBitmap, 0, srcY, Math.min(width, image.width), h, 0, dstY, Math.min(width, image.width), h);
        },
        async encode() {
          const blob = await canvas.convertToBlob({ type: 'image/png' });
          const bytes = new Uint8Array(await blob.arrayBuffer());
          canvas.width = 1; // release the backing store now
          canvas.height = 1;
          return bytes;
        },
      };
    },
    async thumbnail(png, maxWidth) {
      try {
        const bitmap = await createImageBitmap(toBlob(png));
        const scale = Math.min(1, maxWidth / bitmap.width);
        const w = Math.max(1, Math.round(bitmap.width * scale));
        const h = Math.max(1, Math.round(Math.min(bitmap.height, bitmap.width * 0.75) * scale));
        const canvas = new OffscreenCanvas(w, h);
        canvas.getContext('2d')?.drawImage(bitmap, 0, 0, bitmap.width, h / scale, 0, 0, w, h);
        bitmap.close();
        return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      } catch {
        return null;
      }
    },
  };
}

/** Pure implementation (8-bit RGBA PNGs) for Node: same contract, real pixel copying and PNG encoding. */
export function createRgbaImageOps(level: 0 | 1 | 6 = 1, codec: ZlibCodec = FFLATE_CODEC): ImageOps {
  type Rgba = DecodedImage & { data: Uint8Array };
  return {
    size: pngSize,
    async decode(png) {
      const img = decodePng(png, codec);
      return { ...img, close() {} } as Rgba;
    },
    createTile(width, height) {
      if (width * height > 512 * 1024 * 1024) throw new Error(`Cannot create a ${width}×${height} tile`);
      const data = new Uint8Array(width * height * 4);
      return {
        width,
        height,
        draw(image, srcY, h, dstY) {
          const src = (image as Rgba).data;
          const w = Math.min(width, image.width) * 4;
          for (let row = 0; row < h; row++) data.set(src.subarray((srcY + row) * image.width * 4, (srcY + row) * image.width * 4 + w), (dstY + row) * width * 4);
        },
        async encode() {
          return encodePng({ width, height, data }, level, codec);
        },
      };
    },
    async thumbnail(png, maxWidth) {
      const img = decodePng(png, codec);
      const scale = Math.min(1, maxWidth / img.width);
      const w = Math.max(1, Math.round(img.width * scale));
      const h = Math.max(1, Math.round(Math.min(img.height, img.width * 0.75) * scale));
      const out = new Uint8Array(w * h * 4);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const s = (Math.floor(y / scale) * img.width + Math.floor(x / scale)) * 4;
          out.set(img.data.subarray(s, s + 4), (y * w + x) * 4);
        }
      return encodePng({ width: w, height: h, data: out }, 6, codec);
    },
  };
}
