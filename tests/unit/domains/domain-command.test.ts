import { describe, expect, it } from 'vitest';
import { runDomainCommand } from '../../../src/cli/domain-command';

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), readStdin: async () => stdin }, out, err };
}

describe('domain command', () => {
  it('prints one JSON line per host with the documented fields', async () => {
    const c = io();
    const code = await runDomainCommand(['alipay.com', 'alipay-secure.com', 'example.org'], c.io);
    expect(code).toBe(1); // a look-alike was found
    const lines = c.out.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ host: 'alipay.com', verdict: 'official', brand: expect.stringContaining('Alipay') });
    expect(lines[1]).toMatchObject({ host: 'alipay-secure.com', verdict: 'lookalike', technique: 'brand-keyword' });
    expect(lines[2]).toMatchObject({ host: 'example.org', verdict: 'unrelated', brand: null, technique: null });
    for (const l of lines) expect(Object.keys(l)).toEqual(expect.arrayContaining(['host', 'verdict', 'brand', 'technique', 'reasons']));
    expect(c.err).toEqual([]);
  });
  it('exit 0 when nothing looks alike', async () => {
    expect(await runDomainCommand(['www.taobao.com'], io().io)).toBe(0);
  });
  it('--stdin reads one host per line, skipping blanks and comments', async () => {
    const c = io('# hosts\nwww.paypal.com\n\n  paypa1.com  # typo\r\nhttps://xn--pypal-4ve.com/x\n');
    expect(await runDomainCommand(['--stdin'], c.io)).toBe(1);
    expect(c.out.map((l) => JSON.parse(l).verdict)).toEqual(['official', 'lookalike', 'lookalike']);
  });
  it('bad input: a clear message naming it, exit 2, good hosts still printed', async () => {
    const c = io();
    expect(await runDomainCommand(['alipay.com', 'not a host', ''], c.io)).toBe(2);
    expect(c.out).toHaveLength(1);
    expect(c.err.join('\n')).toMatch(/argument 2: not a host name/);
    expect(c.err.join('\n')).toMatch(/argument 3: empty host/);
    for (const args of [[], ['--bogus'], ['--stdin', 'x.com']]) {
      const e = io();
      expect(await runDomainCommand(args, e.io)).toBe(2);
      expect(e.err.join('')).toMatch(/error: .*\n?usage|error:/);
    }
    const empty = io('\n# nothing\n');
    expect(await runDomainCommand(['--stdin'], empty.io)).toBe(2);
    const binary = io('a\u0000b');
    expect(await runDomainCommand(['--stdin'], binary.io)).toBe(2);
    expect(binary.err.join('')).toMatch(/binary/);
  });
});
