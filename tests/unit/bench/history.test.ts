import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyTable } from '../../../bench/history';

describe('bench history table', () => {
  it('has one row per result, in date order, with the world the engine ran in, — for a figure a run did not have and a message for a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-history-'));
    const run = (date: string, summary: Record<string, unknown>, world?: string) =>
      JSON.stringify({ date, machine: { cpus: 2, cpu: 'Intel(R) Xeon(R) Processor' }, sections: [{ name: 'host', result: {} }, { name: 'browser', result: world ? { world } : {} }], summary });
    writeFileSync(join(dir, '2026-12-05T10-00-00-000Z.json'), run('2026-12-05T10:00:00.000Z', { scan_floor: 7.294, least_floor: 4.1, naive_scan: 7.04, rescan100_ms: 4.4, rescan100_least_ms: 2, longest_task_ms: 18.61, cs_bundle_kb: 58.884, host_us: 14.1 }));
    writeFileSync(join(dir, '2026-12-06T10-00-00-000Z.json'), run('2026-12-06T10:00:00.000Z', { scan_floor: 5.44 }, 'isolated'));
    writeFileSync(join(dir, '2026-11-22T03-20-00-000Z.json'), run('2026-11-22T03:20:00.000Z', { scan_floor: 34.1, naive_scan: 'x' }));
    writeFileSync(join(dir, '2026-11-23T00-00-00-000Z.json'), '{ not json');
    writeFileSync(join(dir, 'README-table.md'), '| not a result |');
    const lines = historyTable(dir).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toBe('| 2026-11-22 03:20 | 2 × Intel Xeon | main | 34.10 | — | — | — | — | — | — | — |');
    expect(lines[3]).toMatch(/^\| 2026-11-23T00-00-00-000Z\.json \| unreadable: /);
    expect(lines[4]).toBe('| 2026-12-05 10:00 | 2 × Intel Xeon | main | 7.29 | 4.10 | 7.04 | 4.40 | 2.00 | 18.6 | 58.9 | 14.1 |');
    // since 2026-12-06 the engine runs in a content script's isolated world
    expect(lines[5]).toBe('| 2026-12-06 10:00 | 2 × Intel Xeon | isolated | 5.44 | — | — | — | — | — | — | — |');
  });
});
