import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { sha256Hex, isSha256Hex } from '../../../src/evidence/hash';
import { fromBase64, toBase64, toHex } from '../../../src/evidence/bytes';
import { canonicalJson } from '../../../src/evidence/canonical-json';
import { crc32 } from '../../../src/evidence/crc32';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('agrees with node:crypto on arbitrary bytes, including views into larger buffers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.nat(16), async (bytes, pad) => {
        const big = new Uint8Array(bytes.length + pad * 2);
        big.set(bytes, pad);
        const view = big.subarray(pad, pad + bytes.length);
        const expected = createHash('sha256').update(bytes).digest('hex');
        expect(await sha256Hex(view)).toBe(expected);
        expect(isSha256Hex(expected)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
  it('hashes strings as UTF-8', async () => {
    expect(await sha256Hex('证据')).toBe(createHash('sha256').update('证据', 'utf8').digest('hex'));
  });
});

describe('bytes helpers', () => {
  it('base64 round-trips and matches Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        const b64 = toBase64(bytes);
        expect(b64).toBe(Buffer.from(bytes).toString('base64'));
        expect(Array.from(fromBase64(b64))).toEqual(Array.from(bytes));
      }),
    );
  });
  it('rejects invalid base64 with a clear error', () => {
    expect(() => fromBase64('ab$d')).toThrow(/Invalid base64/);
  });
  it('hex and crc32 are right', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
