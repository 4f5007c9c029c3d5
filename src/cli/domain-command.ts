/**
 * `shop-sentinel domain HOST...` / `domain --stdin`: classify hosts (or URLs) and print one JSON line
 * per host: {host, verdict, brand, technique, diff, officialDomain, reasons}.
 * Exit codes: 0 no look-alike, 1 at least one look-alike, 2 bad input (each bad host named on stderr;
 * the good ones are still printed).
 */
import { classifyHost } from '../domains/classify-host';
import { parseHostInput } from '../domains/host-input';

export interface DomainCommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
}

const USAGE = 'usage: shop-sentinel domain HOST... | shop-sentinel domain --stdin   (one host or URL per line; # starts a comment)';
const MAX_HOSTS = 100_000;

export async function runDomainCommand(args: string[], io: DomainCommandIo): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--stdin');
  if (unknown.length) {
    io.stderr(`error: unknown option ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const useStdin = args.includes('--stdin');
  const positional = args.filter((a) => a !== '--stdin');
  if (useStdin && positional.length) {
    io.stderr(`error: give hosts as arguments or with --stdin, not both\n${USAGE}`);
    return 2;
  }
  let hosts: { text: string; where: string }[];
  if (useStdin) {
    let input: string;
    try {
      input = await io.readStdin();
    } catch (e) {
      io.stderr(`error: cannot read standard input: ${(e as Error).message}`);
      return 2;
    }
    if (input.includes('\u0000')) {
      io.stderr('error: standard input is binary, expected one host per line');
      return 2;
    }
    hosts = input
      .split(/\r?\n/)
      .map((line, i) => ({ text: line.replace(/#.*$/, '').trim(), where: `line ${i + 1}` }))
      .filter((h) => h.text !== '');
  } else {
    hosts = positional.map((text, i) => ({ text, where: `argument ${i + 1}` }));
  }
  if (hosts.length === 0) {
    io.stderr(`error: no host given\n${USAGE}`);
    return 2;
  }
  if (hosts.length > MAX_HOSTS) {
    io.stderr(`error: ${hosts.length} hosts given, at most ${MAX_HOSTS} per run`);
    return 2;
  }
  let bad = 0;
  let lookalikes = 0;
  for (const { text, where } of hosts) {
    const parsed = parseHostInput(text);
    if (!parsed.ok) {
      bad++;
      io.stderr(`error: ${where}: ${parsed.error}`);
      continue;
    }
    const r = classifyHost(text);
    if (r.verdict === 'lookalike') lookalikes++;
    io.stdout(
      JSON.stringify({
        host: r.host,
        verdict: r.verdict,
        brand: r.brand ?? null,
        technique: r.technique ?? null,
        diff: r.diff ?? null,
        officialDomain: r.officialDomain ?? null,
        reasons: r.reasons,
      }),
    );
  }
  if (bad) return 2;
  return lookalikes ? 1 : 0;
}
