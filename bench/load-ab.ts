/**
 * Page loads side by side: the extension built from an earlier revision against the working tree's
 * build, loaded in two Chromium contexts and measured in turns (the order alternates every load),
 * per bench page: the time attributable to the extension (CDP trace), its longest task, its script
 * time, the page's whole main thread, and the content script's own busy time (its report).
 *
 *   npx tsx bench/load-ab.ts <git-rev> [pages=product,zh,listing] [loads=8]
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { extensionWorker, launch, measureLoad, PAGES, servePages, type LoadSample } from './browser';
import { median } from './stats';
import { ROOT, withWorktree } from './worktree';
const [rev, pagesArg = 'product,zh,listing', loadsArg = '8'] = process.argv.slice(2);
if (!rev) {
  console.error('usage: npx tsx bench/load-ab.ts <git-rev> [pages] [loads]');
  process.exit(2);
}

const MEASURES: [string, (s: LoadSample) => number][] = [
  ['extension ms', (s) => s.trace.extTasksMs],
  ['longest task', (s) => s.trace.extLongestTaskMs],
  ['script ms', (s) => s.trace.extScriptMs],
  ['main thread', (s) => s.trace.mainThreadMs],
  ['busy (report)', (s) => s.report?.busyMs ?? Number.NaN],
];

await withWorktree(rev, async (dir) => {
  for (const cwd of [dir, ROOT]) execFileSync('npx', ['wxt', 'build'], { cwd, stdio: 'ignore' });
  const served = await servePages('');
  const sides = { old: await launch(true, join(dir, '.output/chrome-mv3')), new: await launch(true) };
  try {
    for (const context of Object.values(sides)) await extensionWorker(context);
    console.log(`page loads: ${rev} (old) vs working tree (new), ${loadsArg} loads each, medians`);
    for (const id of pagesArg.split(',')) {
      const spec = PAGES.find((p) => p.id === id);
      if (!spec) throw new Error(`no bench page ${id}`);
      const url = served.origin + spec.path;
      for (const context of Object.values(sides)) await measureLoad(context, url, spec, true); // warm-up
      const samples: Record<keyof typeof sides, LoadSample[]> = { old: [], new: [] };
      for (let i = 0; i < Number(loadsArg); i++) {
        for (const side of i % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) samples[side].push(await measureLoad(sides[side], url, spec, true));
      }
      for (const [name, get] of MEASURES) {
        const [o, n] = [median(samples.old.map(get)), median(samples.new.map(get))];
        console.log(`  ${id.padEnd(8)} ${name.padEnd(14)} ${o.toFixed(1).padStart(8)} → ${n.toFixed(1).padStart(8)}${o > 0 ? `  (${((n / o - 1) * 100).toFixed(1)} %)` : ''}`);
      }
    }
  } finally {
    for (const context of Object.values(sides)) await context.close();
    served.server.close();
  }
});
