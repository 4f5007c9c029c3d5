/**
 * What the content script sends the background, side by side: the extension built from an earlier
 * revision against the working tree's build, one Chromium context each, page loads in turns. A
 * listener added in each service worker records every scan report: its size as JSON (Chromium's
 * extension messaging serializes to JSON) and whether it carried the domain facts.
 *
 *   npx tsx bench/reports.ts <git-rev> [pages=scroll,listing] [loads=3]
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { extensionWorker, launch, measureLoad, PAGES, servePages } from './browser';
import { median } from './stats';
import { ROOT, withWorktree } from './worktree';
const [rev, pagesArg = 'scroll,listing', loadsArg = '3'] = process.argv.slice(2);
if (!rev) {
  console.error('usage: npx tsx bench/reports.ts <git-rev> [pages] [loads]');
  process.exit(2);
}

interface Sent {
  bytes: number;
  facts: boolean;
}

// the extension APIs inside the service worker, where worker.evaluate callbacks run
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

/** a fresh record in the context's (current) worker; listening is set up once per worker */
async function listen(context: BrowserContext): Promise<void> {
  const worker = await extensionWorker(context);
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __reports?: Sent[] };
    if (!g.__reports) {
      chrome.runtime.onMessage.addListener((m: { type?: string; payload?: { domainFacts?: unknown } }) => {
        if (m?.type === 'scan-report') g.__reports!.push({ bytes: JSON.stringify(m).length, facts: m.payload?.domainFacts != null });
      });
    }
    g.__reports = [];
  });
}

const recorded = async (context: BrowserContext): Promise<Sent[]> =>
  (await extensionWorker(context)).evaluate(() => (globalThis as unknown as { __reports?: Sent[] }).__reports ?? []);

await withWorktree(rev, async (dir) => {
  for (const cwd of [dir, ROOT]) execFileSync('npx', ['wxt', 'build'], { cwd, stdio: 'ignore' });
  const served = await servePages('');
  const sides = { old: await launch(true, join(dir, '.output/chrome-mv3')), new: await launch(true) };
  try {
    console.log(`scan reports: ${rev} (old) vs working tree (new), ${loadsArg} loads each, medians per load`);
    for (const id of pagesArg.split(',')) {
      const spec = PAGES.find((p) => p.id === id);
      if (!spec) throw new Error(`no bench page ${id}`);
      const samples: Record<keyof typeof sides, Sent[][]> = { old: [], new: [] };
      for (let i = 0; i < Number(loadsArg); i++) {
        const order = (i % 2 ? ['new', 'old'] : ['old', 'new']) as (keyof typeof sides)[];
        for (const side of order) {
          await listen(sides[side]);
          await measureLoad(sides[side], served.origin + spec.path, spec, true);
          samples[side].push(await recorded(sides[side]));
        }
      }
      const row = (label: string, of: (r: Sent[]) => number, unit = '') => {
        const [o, n] = (['old', 'new'] as const).map((side) => median(samples[side].map(of)));
        console.log(`  ${label.padEnd(22)} ${o!.toFixed(1).padStart(9)}${unit} → ${n!.toFixed(1).padStart(9)}${unit}`);
      };
      console.log(`${spec.label}:`);
      row('reports', (r) => r.length);
      row('reports with facts', (r) => r.filter((s) => s.facts).length);
      row('kB sent', (r) => r.reduce((n, s) => n + s.bytes, 0) / 1024, ' kB');
      row('largest report', (r) => Math.max(0, ...r.map((s) => s.bytes)) / 1024, ' kB');
    }
  } finally {
    for (const context of Object.values(sides)) await context.close();
    served.server.close();
  }
});
