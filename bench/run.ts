/**
 * `npm run bench`: every benchmark, side by side in one run, figures as medians with min–max.
 * Node: engine throughput vs a bare text pass; classifyHost µs/host; evidence save times.
 * Browser (when Chromium is present): scan vs floor vs naive, rescans, long tasks, bundle size.
 * Prints a table and the final `bench:` line; writes bench/results/<date>.json.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import os from 'node:os';
import { benchNodeEngine } from './node-engine';
import { fmt } from './stats';

type Section = { name: string; result: unknown; lines: string[]; summary: Record<string, number> };

async function optional(name: string, load: () => Promise<Section>): Promise<Section> {
  try {
    return await load();
  } catch (e) {
    return { name, result: { error: (e as Error).message }, lines: [`${name}: not run (${(e as Error).message.split('\n')[0]})`], summary: {} };
  }
}

async function main() {
  const sections: Section[] = [];
  const node = benchNodeEngine();
  sections.push({
    name: 'node-engine',
    result: node,
    lines: [
      `Node engine on a ${(node.htmlBytes / 1e6).toFixed(1)} MB listing (${node.textChars.toLocaleString()} text chars), ms median (min–max) of ${node.fullMs.runs}:`,
      `  floor (bare TreeWalker text pass) ${fmt(node.floorMs)}`,
      `  extract ${fmt(node.extractMs)}   match+score ${fmt(node.matchMs)}   full ${fmt(node.fullMs)}`,
      `  full/floor ${node.fullOverFloor.toFixed(2)}   throughput ${node.throughputMBs.toFixed(1)} MB/s of HTML, match ${node.matchMBs.toFixed(1)} MB/s of text`,
    ],
    summary: { engine_mb_s: node.throughputMBs },
  });
  sections.push(
    await optional('host', async () => {
      const { benchHosts, formatHostBench } = await import('./host');
      const r = await benchHosts();
      return { name: 'host', result: r, lines: [formatHostBench(r)], summary: { host_us: r.usPerHost } };
    }),
  );
  sections.push(
    await optional('evidence', async () => {
      const { benchEvidence, formatEvidenceBench } = await import('./evidence');
      const r = await benchEvidence();
      return { name: 'evidence', result: r, lines: [formatEvidenceBench(r)], summary: {} };
    }),
  );
  if (existsSync('/usr/bin/chromium') && !process.argv.includes('--node-only')) {
    sections.push(
      await optional('browser', async () => {
        const { benchBrowser, formatBrowserBench } = await import('./browser');
        const r = await benchBrowser();
        return { name: 'browser', result: r, lines: [formatBrowserBench(r)], summary: r.summary };
      }),
    );
  }

  for (const s of sections) console.log(s.lines.join('\n') + '\n');
  const summary = Object.assign({}, ...sections.map((s) => s.summary)) as Record<string, number>;
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(resolve(dir, `${stamp}.json`), JSON.stringify({ date: new Date().toISOString(), machine, sections: sections.map((s) => ({ name: s.name, result: s.result })), summary }, null, 2));
  const f = (k: string, d = 2) => (summary[k] === undefined ? 'n/a' : summary[k]!.toFixed(d));
  console.log(
    `bench: scan/floor=${f('scan_floor')} naive/scan=${f('naive_scan')} rescan100_ms=${f('rescan100_ms')} longest_task_ms=${f('longest_task_ms', 1)} cs_bundle_kb=${f('cs_bundle_kb', 1)} host_us=${f('host_us')}`,
  );
}

main().catch((e) => {
  console.error(`bench failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
