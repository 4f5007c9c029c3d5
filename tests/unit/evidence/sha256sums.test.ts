import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatSha256Sums, parseSha256Sums } from '../../../src/evidence/sha256sums';
import { sampleCaseBundle, sampleSnapshotBundle } from './fixtures';
import { unzipAll } from './zip-helpers';

function extract(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ss-sums-'));
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return dir;
}

const hasSha256sum = spawnSync('sha256sum', ['--version']).status === 0;

describe('SHA256SUMS format', () => {
  it('formats sorted "<hash>  <path>" lines and parses them back', () => {
    const lines = [
      { sha256: 'b'.repeat(64), path: 'z.txt' },
      { sha256: 'a'.repeat(64), path: 'snapshots/x/a.png' },
    ];
    const text = formatSha256Sums(lines);
    expect(text).toBe(`${'a'.repeat(64)}  snapshots/x/a.png\n${'b'.repeat(64)}  z.txt\n`);
    expect(parseSha256Sums(text)).toEqual({ lines: [lines[1], lines[0]], invalid: [] });
  });
  it('refuses names sha256sum would have to escape, and bad digests', () => {
    expect(() => formatSha256Sums([{ sha256: 'a'.repeat(64), path: 'a\nb' }])).toThrow(/not allowed/);
    expect(() => formatSha256Sums([{ sha256: 'xyz', path: 'a' }])).toThrow(/Not a SHA-256/);
  });
  it('reports malformed lines and accepts binary-mode markers and CRLF', () => {
    const parsed = parseSha256Sums(`${'c'.repeat(64)} *bin.png\r\nnot a line\n`);
    expect(parsed.lines).toEqual([{ sha256: 'c'.repeat(64), path: 'bin.png' }]);
    expect(parsed.invalid).toEqual([{ line: 2, text: 'not a line' }]);
  });
});

describe.skipIf(!hasSha256sum)('the real `sha256sum -c` accepts our bundles', () => {
  for (const kind of ['snapshot', 'case'] as const) {
    it(`${kind} bundle: OK when extracted, FAILED after a one-byte edit`, async () => {
      const zip = kind === 'snapshot' ? (await sampleSnapshotBundle()).zip : (await sampleCaseBundle()).bundle.zip;
      const files = unzipAll(zip);
      const dir = extract(files);
      try {
        const out = execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
        const okLines = out.trim().split('\n');
        expect(okLines.length).toBe(Object.keys(files).length - 1);
        expect(okLines.every((l) => l.endsWith(': OK'))).toBe(true);
        const victim = Object.keys(files).find((n) => n.endsWith('page.txt'))!;
        const edited = files[victim]!.slice();
        edited[0] = edited[0]! ^ 1;
        writeFileSync(join(dir, victim), edited);
        const res = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
        expect(res.status).toBe(1);
        expect(res.stdout).toContain(`${victim}: FAILED`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
