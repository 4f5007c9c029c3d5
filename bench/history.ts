/**
 * Every `npm run bench` result in bench/results/, one row each, as a Markdown table: the final
 * line's figures over time (docs/PERFORMANCE.md). Machines differ between rows: compare ratios
 * within a machine and engine world, and side-by-side runs (bench/ab.ts) across code.
 *
 *   npx tsx bench/history.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, 'results');
const COLUMNS = [
  ['scan_floor', 'scan/floor', 2],
  ['least_floor', 'least/floor', 2],
  ['naive_scan', 'naive/scan', 2],
  ['rescan100_ms', 'rescan100 ms', 2],
  ['rescan100_least_ms', 'least rescan100 ms', 2],
  ['longest_task_ms', 'longest task ms', 1],
  ['cs_bundle_kb', 'content script kB', 1],
  ['host_us', 'host µs', 1],
] as const;

interface Result {
  date: string;
  machine?: { cpu?: string; cpus?: number };
  sections?: { name?: string; result?: { world?: string } }[];
  summary?: Record<string, number>;
}

/** the world the engine ran in: the page's own before 2026-12-06 (no field), a content script's since */
const worldOf = (r: Result) => (r.sections?.find((s) => s.name === 'browser')?.result?.world === 'isolated' ? 'isolated' : 'main');

export function historyTable(dir = DIR): string {
  const rows = [`| run (UTC) | machine | engine world | ${COLUMNS.map(([, title]) => title).join(' | ')} |`, `|---|---|---|${COLUMNS.map(() => '---|').join('')}`];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    let r: Result;
    try {
      r = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Result;
    } catch (e) {
      rows.push(`| ${file} | unreadable: ${(e as Error).message} |`);
      continue;
    }
    const cells = COLUMNS.map(([key, , digits]) => {
      const v = r.summary?.[key];
      return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—';
    });
    const machine = r.machine ? `${r.machine.cpus ?? '?'} × ${(r.machine.cpu ?? '?').replace(/\(R\)/g, '').replace(/ Processor$/, '')}` : '—';
    rows.push(`| ${r.date.slice(0, 16).replace('T', ' ')} | ${machine} | ${worldOf(r)} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(historyTable());
