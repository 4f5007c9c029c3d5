import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { runVerifyCommand } from '../../../src/cli/verify-command';
import { sampleCaseBundle, sampleSnapshotBundle } from './fixtures';
import { rezip, unzipAll } from './zip-helpers';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runVerifyCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

function withFile(bytes: Uint8Array, fn: (path: string) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'ss-verify-'));
  const path = join(dir, 'bundle.zip');
  writeFileSync(path, bytes);
  return fn(path).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe('verify command', () => {
  it('exit 0 for an intact snapshot bundle and an intact case bundle', async () => {
    await withFile((await sampleSnapshotBundle()).zip, async (p) => {
      const r = await run([p]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Intact: all 6 files/);
    });
    await withFile((await sampleCaseBundle()).bundle.zip, async (p) => {
      const r = await run([p]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/case hash chain is unbroken/);
    });
  });
  it('exit 1 listing each changed, missing and extra file', async () => {
    const files = unzipAll((await sampleSnapshotBundle()).zip);
    files['page.html'] = strToU8('<p>edited</p>');
    delete files['page.txt'];
    files['extra.txt'] = strToU8('x');
    await withFile(rezip(files), async (p) => {
      const r = await run([p]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^CHANGED  page\.html/m);
      expect(r.stdout).toMatch(/^MISSING  page\.txt/m);
      expect(r.stdout).toMatch(/^EXTRA    extra\.txt/m);
    });
  });
  it('exit 1 for a broken chain link', async () => {
    const files = unzipAll((await sampleCaseBundle()).bundle.zip);
    const c = JSON.parse(new TextDecoder().decode(files['case.json']!));
    c.records[2].at = '2020-01-01T00:00:00.000Z';
    files['case.json'] = strToU8(JSON.stringify(c, null, 2) + '\n');
    await withFile(rezip(files), async (p) => {
      const r = await run([p]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^CHAIN    record 2 .*changed/m);
    });
  });
  it('exit 2 with a clear message when it is not a bundle, missing, or a zip bomb', async () => {
    await withFile(strToU8('plain text'), async (p) => {
      const r = await run([p]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Not a ShopSentinel evidence bundle: not a ZIP file/);
    });
    await withFile(zipSync({ 'x.txt': strToU8('x') }), async (p) => {
      expect((await run([p])).stderr).toMatch(/neither manifest\.json nor SHA256SUMS/);
    });
    await withFile(zipSync({ 'manifest.json': [new Uint8Array(20 * 1024 * 1024), { level: 9 }] }), async (p) => {
      const r = await run([p]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/zip bomb/);
    });
    const missing = await run(['/nonexistent/bundle.zip']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
    expect((await run([])).code).toBe(2);
  });
});
