import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), readStdin: async () => '' }, out, err };
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ss-cli-'));
  writeFileSync(join(dir, 'page.html'), '<html lang="zh"><head><title>店</title></head><body><h1>好货</h1><p>一经售出概不退换</p></body></html>');
  writeFileSync(join(dir, 'empty.html'), '');
  writeFileSync(join(dir, 'binary.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
  writeFileSync(join(dir, 'text.html'), 'just some words');
  writeFileSync(join(dir, 'gbk.html'), Buffer.concat([Buffer.from('<html><head><meta charset="gbk"></head><body><p>'), Buffer.from([0xd7, 0xee, 0xbc, 0xd1]), Buffer.from('</p></body></html>')]));
  mkdirSync(join(dir, 'site'));
  writeFileSync(join(dir, 'site', 'a.html'), '<p>hello</p>');
  writeFileSync(join(dir, 'site', 'b.htm'), '<p>world</p>');
});

describe('cli scan', () => {
  it('prints one JSON object with the documented fields', async () => {
    const c = capture();
    expect(await runCli(['scan', join(dir, 'page.html'), '--url', 'https://shop.example.cn/item/1', '--json'], c.io)).toBe(0);
    const json = JSON.parse(c.out.join(''));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['url', 'pageType', 'score', 'level', 'findings']));
    expect(json.url).toBe('https://shop.example.cn/item/1');
    for (const f of json.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['ruleId', 'category', 'severity', 'excerpt', 'explanation']));
  });
  it('prints a readable table by default', async () => {
    const c = capture();
    expect(await runCli(['scan', join(dir, 'page.html')], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/score: \d+\/100\s+level: \w+/);
  });
  it('decodes legacy charsets named in the page', async () => {
    const c = capture();
    expect(await runCli(['scan', join(dir, 'gbk.html'), '--json'], c.io)).toBe(0);
  });
  it('summarizes a folder', async () => {
    const c = capture();
    expect(await runCli(['scan', join(dir, 'site')], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/2 files: /);
  });
  it.each([
    ['missing.html', /no such file/],
    ['empty.html', /empty/],
    ['binary.html', /binary/],
    ['text.html', /does not look like HTML/],
  ])('refuses %s with a clear message and exit 2', async (name, message) => {
    const c = capture();
    expect(await runCli(['scan', join(dir, name)], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(message);
    expect(c.err.join('\n')).not.toMatch(/\n\s+at /);
  });
  it('refuses bad options', async () => {
    const c = capture();
    expect(await runCli(['scan', join(dir, 'page.html'), '--url', 'not a url'], c.io)).toBe(2);
    expect(await runCli(['scan'], c.io)).toBe(2);
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
  });
});
