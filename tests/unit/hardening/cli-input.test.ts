/**
 * Bad input to the CLI (runCli with an injected io): binary, empty, wrong encodings, huge (sparse)
 * files and a folder with a mix. Refusals are one clear line on stderr, exit 2, never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, openSync, closeSync, ftruncateSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { MAX_HTML_BYTES } from '../../../src/cli/read-html';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), readStdin: async () => '' }, out, err };
}
async function run(...argv: string[]) {
  const c = capture();
  const code = await runCli(argv, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}
const RISKY = '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><p>花呗套现，费率低至5%，10分钟到账。信用卡套现，不上征信。</p></body></html>';
const NO_META = '<html><body><p>花呗套现，费率低至5%，10分钟到账。信用卡套现，不上征信。</p></body></html>';

let dir = '';
const f = (name: string) => join(dir, name);
function sparse(name: string, size: number) {
  const fd = openSync(f(name), 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
}
const utf16 = (s: string, be = false) => {
  const le = Buffer.from(s, 'utf16le');
  if (!be) return le;
  const out = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) { out[i] = le[i + 1]!; out[i + 1] = le[i]!; }
  return out;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ss-hardening-cli-'));
  writeFileSync(f('ok.html'), RISKY);
  writeFileSync(f('empty.html'), '');
  writeFileSync(f('binary.html'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(f('png.html'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR')]));
  writeFileSync(f('utf16le-bom.html'), Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(NO_META)]));
  writeFileSync(f('utf16be-bom.html'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(NO_META, true)]));
  writeFileSync(f('utf16le-nobom.html'), utf16(NO_META));
  writeFileSync(f('gbk-meta.html'), Buffer.from(new TextEncoder().encode('x'))); // replaced below
  writeFileSync(f('invalid-utf8.html'), Buffer.concat([Buffer.from('<html><body><p>'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe]), Buffer.from('花呗套现</p></body></html>')]));
  writeFileSync(f('gbk-nometa.html'), Buffer.concat([Buffer.from('<html><body><p>'), Buffer.from([0xbb, 0xa8, 0xdf, 0xc2, 0xcc, 0xd7, 0xcf, 0xd6]) /* 花呗套现 in GBK */, Buffer.from('</p></body></html>')]));
  writeFileSync(f('gbk-meta.html'), Buffer.concat([Buffer.from('<html><head><meta charset="gb2312"></head><body><p>'), Buffer.from([0xbb, 0xa8, 0xdf, 0xc2, 0xcc, 0xd7, 0xcf, 0xd6]), Buffer.from('</p></body></html>')]));
  writeFileSync(f('bogus-charset.html'), '<html><head><meta charset="x-evil-9"></head><body><p>花呗套现</p></body></html>');
  sparse('huge.html', MAX_HTML_BYTES + 1);
  sparse('huge-2g.html', 2 ** 31 + 5);
  writeFileSync(f('not-html.html'), 'just words, no tags at all '.repeat(100));
  mkdirSync(f('mix'));
  writeFileSync(join(dir, 'mix', 'a-good.html'), RISKY);
  writeFileSync(join(dir, 'mix', 'b-empty.html'), '');
  writeFileSync(join(dir, 'mix', 'c-binary.htm'), Buffer.from([0, 1, 2, 3, 0, 0, 0]));
  writeFileSync(join(dir, 'mix', 'ignored.txt'), 'not scanned');
  sparse(join('mix', 'd-huge.html'), MAX_HTML_BYTES + 10);
  mkdirSync(f('mix/sub.html')); // a folder named like a page
  writeFileSync(join(dir, 'mix', 'sub.html', 'e-good.html'), NO_META);
  mkdirSync(f('mix-link'));
  writeFileSync(join(dir, 'mix-link', 'a-good.html'), RISKY);
  symlinkSync(join(dir, 'nowhere.html'), join(dir, 'mix-link', 'b-dangling.html'));
  mkdirSync(f('nothing'));
  writeFileSync(join(dir, 'nothing', 'readme.txt'), 'x');
});
// warm up: the first run imports the engine and compiles the built-in rules (seconds, once)
beforeAll(async () => {
  await runCli(['scan', f('ok.html'), '--json'], capture().io);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function oneLineRefusal(r: { code: number; err: string }, re: RegExp) {
  expect(r.code).toBe(2);
  expect(r.err).toMatch(re);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/\bat .+:\d+:\d+|Error:|TypeError|RangeError/);
}

describe('cli scan refuses bad files with one clear line and exit 2', () => {
  it.each([
    ['empty.html', /empty/],
    ['binary.html', /binary data, not an HTML file/],
    ['png.html', /binary data/],
    ['not-html.html', /does not look like HTML/],
    ['huge.html', /pages over 64 MB are refused/],
    ['huge-2g.html', /2147 MB; pages over 64 MB are refused/],
    ['missing.html', /no such file/],
  ])('%s', async (name, re) => {
    const t0 = performance.now();
    oneLineRefusal(await run('scan', f(name)), re);
    expect(performance.now() - t0).toBeLessThan(2_000); // huge files are refused from their size, unread
  });

  it('UTF-16 without a byte-order mark is refused as not text, clearly', async () => {
    oneLineRefusal(await run('scan', f('utf16le-nobom.html')), /utf16le-nobom\.html: binary data/);
  });
});

describe('cli scan decodes what can be decoded', () => {
  it.each(['utf16le-bom.html', 'utf16be-bom.html', 'gbk-meta.html'])('%s: finds the claim', async (name) => {
    const r = await run('scan', f(name), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).findings.map((x: { ruleId: string }) => x.ruleId)).toContain('credit-cashout-offer');
  });

  it.each(['invalid-utf8.html', 'gbk-nometa.html', 'bogus-charset.html'])('%s: scanned without crashing (exit 0, JSON output)', async (name) => {
    const r = await run('scan', f(name), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.score).toBeGreaterThanOrEqual(0);
    if (name !== 'gbk-nometa.html') expect(json.findings.map((x: { ruleId: string }) => x.ruleId)).toContain('credit-cashout-offer');
  });
});

describe('cli scan of a folder with a mix', () => {
  it('scans the good pages, lists each bad one with its reason, exits 2, no stack trace', async () => {
    const r = await run('scan', f('mix'), '--json');
    expect(r.code).toBe(2);
    const rows = JSON.parse(r.out) as { file: string; error?: string; score?: number }[];
    const by = (end: string) => rows.find((x) => x.file.endsWith(end));
    expect(by('a-good.html')?.score).toBeGreaterThanOrEqual(40);
    expect(by('e-good.html')?.score).toBeGreaterThanOrEqual(40);
    expect(by('b-empty.html')?.error).toMatch(/empty/);
    expect(by('c-binary.htm')?.error).toMatch(/binary/);
    expect(by('d-huge.html')?.error).toMatch(/refused/);
    expect(rows.some((x) => x.file.endsWith('ignored.txt'))).toBe(false);
    for (const row of rows) if (row.error) expect(row.error).not.toMatch(/\n|\bat .+:\d+:\d+/);
  });

  it('table mode: one line per file and a summary naming the unreadable ones', async () => {
    const r = await run('scan', f('mix'));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/unreadable/);
    expect(r.out).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('a dangling symlink in a folder is one bad row, not the end of the scan', async () => {
    const r = await run('scan', f('mix-link'), '--json');
    expect(r.code).toBe(2);
    const rows = JSON.parse(r.out) as { file: string; error?: string; score?: number }[];
    expect(rows.find((x) => x.file.endsWith('a-good.html'))?.score).toBeGreaterThanOrEqual(40);
    expect(rows.find((x) => x.file.endsWith('b-dangling.html'))?.error).toMatch(/no such file/);
  });

  it('a folder without pages is one clear line', async () => {
    oneLineRefusal(await run('scan', f('nothing')), /no \.html files in this folder/);
  });
});

describe('cli arguments', () => {
  it.each([
    [['scan'], /usage/],
    [['scan', '--url'], /--url needs a value/],
    [['scan', 'x.html', '--url', 'not a url'], /not a valid URL/],
    [['scan', 'x.html', '--lang', 'fr'], /--lang must be zh or en/],
    [['scan', 'x.html', '--rm-rf'], /unknown option/],
    [['frobnicate'], /unknown command/],
  ])('%j', async (argv, re) => {
    const r = await run(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
    expect(r.err).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
