import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { verifyBundle } from '../../../src/evidence/verify';
import { readZip, unsafeEntryName } from '../../../src/evidence/zip-read';
import { sampleCaseBundle, sampleSnapshotBundle } from './fixtures';
import { patchFirstEntrySize, rezip, unzipAll } from './zip-helpers';

describe('verifyBundle on untouched bundles', () => {
  it('a snapshot bundle is intact and lists what it holds', async () => {
    const b = await sampleSnapshotBundle();
    const r = await verifyBundle(b.zip);
    expect(r.status).toBe('intact');
    expect(r.kind).toBe('snapshot');
    expect(r.manifestSha256).toBe(b.manifestSha256);
    const names = [...r.entries.keys()].sort();
    expect(names).toEqual(['SHA256SUMS', 'capture.json', 'manifest.json', 'page.html', 'page.txt', 'report.html', 'screenshot-viewport.png']);
    expect(r.checkedFiles).toBe(6);
  });
  it('a case bundle is intact, with its chain checked', async () => {
    const { bundle, records } = await sampleCaseBundle();
    const r = await verifyBundle(bundle.zip);
    expect(r.status).toBe('intact');
    expect(r.kind).toBe('case');
    expect(r.chainHead).toBe(records[records.length - 1]!.hash);
  });
});

describe('any single-byte change in any file is caught', () => {
  for (const which of ['snapshot', 'case'] as const) {
    it(`${which} bundle`, async () => {
      const zip = which === 'snapshot' ? (await sampleSnapshotBundle()).zip : (await sampleCaseBundle()).bundle.zip;
      const files = unzipAll(zip);
      const names = Object.keys(files).sort();
      await fc.assert(
        fc.asyncProperty(fc.nat(names.length - 1), fc.nat(), fc.integer({ min: 1, max: 255 }), async (fileIndex, pos, delta) => {
          const name = names[fileIndex]!;
          const original = files[name]!;
          fc.pre(original.length > 0);
          const edited = original.slice();
          const at = pos % edited.length;
          edited[at] = (edited[at]! + delta) & 0xff;
          const r = await verifyBundle(rezip({ ...files, [name]: edited }));
          expect(r.status).toBe('tampered');
          const reported = [...r.changed, ...r.missing].map((p) => p.path);
          expect(reported).toContain(name);
        }),
        { numRuns: 300 },
      );
    });
  }
  it('a raw byte flip anywhere in the ZIP never passes as intact', async () => {
    const { zip } = await sampleSnapshotBundle();
    await fc.assert(
      fc.asyncProperty(fc.nat(zip.length - 1), fc.integer({ min: 1, max: 255 }), async (pos, delta) => {
        const bad = zip.slice();
        bad[pos] = (bad[pos]! + delta) & 0xff;
        const r = await verifyBundle(bad);
        // Some bytes (timestamps, unused header fields) do not belong to any file; those may still verify.
        if (r.status === 'intact') {
          const files = unzipAll(bad);
          const orig = unzipAll(zip);
          expect(Object.keys(files).sort()).toEqual(Object.keys(orig).sort());
          for (const k of Object.keys(orig)) expect(Buffer.from(files[k]!).equals(Buffer.from(orig[k]!))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('missing, extra and renamed files', () => {
  it('reports a missing file and an extra file', async () => {
    const files = unzipAll((await sampleSnapshotBundle()).zip);
    delete files['page.txt'];
    files['evil.exe'] = strToU8('MZ');
    const r = await verifyBundle(rezip(files));
    expect(r.status).toBe('tampered');
    expect(r.missing.map((p) => p.path)).toEqual(['page.txt']);
    expect(r.extra.map((p) => p.path)).toEqual(['evil.exe']);
  });
  it('reports a missing SHA256SUMS but still checks the manifest', async () => {
    const files = unzipAll((await sampleSnapshotBundle()).zip);
    delete files['SHA256SUMS'];
    files['page.html'] = strToU8('<p>edited</p>');
    const r = await verifyBundle(rezip(files));
    expect(r.missing.map((p) => p.path)).toEqual(['SHA256SUMS']);
    expect(r.changed.map((p) => p.path)).toEqual(['page.html']);
  });
  it('catches a forged manifest that was recomputed for an edited file (SHA256SUMS and capture.json disagree)', async () => {
    const files = unzipAll((await sampleSnapshotBundle()).zip);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']!));
    files['page.txt'] = strToU8('forged text');
    const { createHash } = await import('node:crypto');
    const f = manifest.files.find((x: { path: string }) => x.path === 'page.txt');
    f.sha256 = createHash('sha256').update(files['page.txt']!).digest('hex');
    f.size = files['page.txt']!.length;
    files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2) + '\n');
    const r = await verifyBundle(rezip(files));
    expect(r.status).toBe('tampered');
    expect(r.changed.map((p) => p.path)).toContain('manifest.json');
  });
  it('a removed case chain record is caught', async () => {
    const files = unzipAll((await sampleCaseBundle()).bundle.zip);
    const caseFile = JSON.parse(new TextDecoder().decode(files['case.json']!));
    caseFile.records.splice(4, 1); // drop the deletion record
    files['case.json'] = strToU8(JSON.stringify(caseFile));
    const r = await verifyBundle(rezip(files));
    expect(r.status).toBe('tampered');
    expect(r.changed.map((p) => p.path)).toContain('case.json');
    expect(r.chain.join('\n')).toMatch(/chain ends at|missing from the bundle/);
  });
});

describe('refusals: not a bundle, zip bombs, traversal, truncation', () => {
  it('random bytes and an empty file are not bundles', async () => {
    expect((await verifyBundle(new Uint8Array(0))).status).toBe('not-a-bundle');
    const r = await verifyBundle(strToU8('hello, this is not a zip file at all'));
    expect(r.status).toBe('not-a-bundle');
    expect(r.message).toMatch(/not a ZIP file/);
  });
  it('a ZIP without manifest.json or SHA256SUMS is not a bundle', async () => {
    const r = await verifyBundle(zipSync({ 'a.txt': strToU8('hi') }));
    expect(r.status).toBe('not-a-bundle');
    expect(r.message).toMatch(/neither manifest\.json nor SHA256SUMS/);
  });
  it('a truncated bundle is refused with a clear message', async () => {
    const { zip } = await sampleSnapshotBundle();
    for (const cut of [10, Math.floor(zip.length / 2), zip.length - 5]) {
      const r = await verifyBundle(zip.subarray(0, cut));
      expect(r.status).toBe('not-a-bundle');
      expect(r.message).toMatch(/truncated|not a ZIP/);
    }
  });
  it('refuses path traversal, absolute paths, backslashes and drive letters', async () => {
    for (const name of ['../evil.txt', 'a/../../evil', '/etc/passwd', 'a\\..\\b', 'C:/x', 'a//b', 'nul\u0000.txt']) {
      expect(unsafeEntryName(name)).not.toBeNull();
      const r = await verifyBundle(zipSync({ [name]: strToU8('x'), 'manifest.json': strToU8('{}') }));
      expect(r.status, name).toBe('not-a-bundle');
      expect(r.message).toMatch(/refused entry|unreadable/);
    }
    expect(unsafeEntryName('snapshots/abc/page.html')).toBeNull();
  });
  it('refuses a high-ratio zip bomb before inflating it', async () => {
    const bomb = zipSync({ 'manifest.json': [new Uint8Array(50 * 1024 * 1024), { level: 9 }] });
    expect(bomb.length).toBeLessThan(200_000);
    const t0 = performance.now();
    const r = await verifyBundle(bomb);
    expect(r.status).toBe('not-a-bundle');
    expect(r.message).toMatch(/zip bomb/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
  it('refuses an entry that inflates past its declared size (lying header)', async () => {
    const zip = zipSync({ 'manifest.json': [new Uint8Array(2 * 1024 * 1024), { level: 9 }] });
    const lying = patchFirstEntrySize(zip, 1000);
    const r = await verifyBundle(lying);
    expect(r.status).toBe('not-a-bundle');
    expect(r.message).toMatch(/more than its declared/);
  });
  it('refuses oversized entries and too many entries (limits are configurable)', async () => {
    const big = zipSync({ 'manifest.json': [new Uint8Array(3000), { level: 0 }] });
    const small = { maxArchiveBytes: 1e9, maxEntries: 3, maxEntryBytes: 2000, maxTotalBytes: 1e9, maxRatio: 200, ratioFloorBytes: 1e6, maxNameLength: 255 };
    expect(readZip(big, small)).toMatchObject({ ok: false, reason: expect.stringMatching(/over the 2000-byte limit/) });
    const many = zipSync({ a: strToU8('1'), b: strToU8('2'), c: strToU8('3'), d: strToU8('4') });
    expect(readZip(many, small)).toMatchObject({ ok: false, reason: expect.stringMatching(/too many entries/) });
  });
  it('refuses duplicate names (case-insensitive)', async () => {
    const zip = zipSync({ 'Page.html': strToU8('a'), 'page.html': strToU8('b') });
    expect(readZip(zip)).toMatchObject({ ok: false, reason: expect.stringMatching(/duplicate/) });
  });
});
