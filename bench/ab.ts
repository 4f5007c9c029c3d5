/**
 * Side by side: the engine of an earlier revision against the working tree, both bundled into ONE
 * page of one browser and called in turns (the order alternates every round). Two tabs taking turns
 * are not fair on this kind of machine: with the same code in both, the tab opened first ran the
 * listing scan 13–28 % faster (A/A, 2026-12-05). One page shares the DOM, the process and the heap.
 *
 *   npx tsx bench/ab.ts <git-rev> [scan|rescan] [rounds=21] [page=/listing] [warm|cold]
 *
 * Both run in one isolated world, as the content script does (BENCH_WORLD=main: the page's own).
 *
 * cold (as `npm run bench`): a full garbage collection before every call, so neither side finds the
 * JS wrappers and strings of the nodes the other one made (the content script's first scan of a
 * page never does: its world has touched nothing yet).
 *
 * The revision is checked out into a temporary git worktree (bench/worktree.ts). Each side gets its
 * rules as its own content script would: from its own tree's rules pack where it has one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleInPage, launch, servePages } from './browser';
import { cardsHtml } from './pages';
import { median } from './stats';
import { ROOT, withWorktree } from './worktree';
import { benchWorld } from './browser/world';
const [rev, what = 'scan', roundsArg = '21', path = '/listing', temperature = 'cold'] = process.argv.slice(2);
if (!rev || !['scan', 'rescan'].includes(what)) {
  console.error('usage: npx tsx bench/ab.ts <git-rev> [scan|rescan] [rounds] [page]');
  process.exit(2);
}

/** the in-page bundle of the tree at `root`, its rules, and their pack when that tree has packs */
async function engineSide(root: string) {
  const engine = (await import(join(root, 'src/node/engine.ts'))) as typeof import('../src/node/engine');
  const match = (await import(join(root, 'src/rules/match-rule.ts'))) as typeof import('../src/rules/match-rule');
  const rules = engine.builtinRules().loaded.rules.map(match.toMatchRule);
  let pack: unknown = null;
  if (existsSync(join(root, 'src/rules/pack.ts'))) {
    const { indexRules } = (await import(join(root, 'src/rules/compile.ts'))) as typeof import('../src/rules/compile');
    const { packRules } = (await import(join(root, 'src/rules/pack.ts'))) as typeof import('../src/rules/pack');
    pack = packRules(indexRules(rules), 'ab');
  }
  return { js: await bundleInPage(root), rules, pack };
}

await withWorktree(rev, async (dir) => {
  const sides = { old: await engineSide(dir), new: await engineSide(ROOT) };
  const served = await servePages('');
  const context = await launch(false);
  try {
    const page = await context.newPage();
    await page.goto(served.origin + (what === 'rescan' ? '/scroll-static' : path));
    const cdp = await context.newCDPSession(page);
    // both sides in one world: the content script's (isolated) unless BENCH_WORLD=main
    const world = await benchWorld(page, cdp);
    for (const [name, side] of Object.entries(sides)) {
      await world.run(`${side.js}\nglobalThis.__${name} = globalThis.__ssBench;`);
      await world.call('__' + name, 'setup', [side.rules, side.pack]);
    }
    const call = (name: string, fn: string, ...args: unknown[]) => world.call<Record<string, number>>('__' + name, fn, args);
    const settle = async () => {
      if (temperature === 'cold') await cdp.send('HeapProfiler.collectGarbage');
    };
    if (what === 'rescan') for (const name of Object.keys(sides)) await call(name, 'rescanStart');
    const results: Record<string, Record<string, number>[]> = { old: [], new: [] };
    let step = 0;
    for (let i = 0; i < Number(roundsArg); i++) {
      for (const name of i % 2 ? ['new', 'old'] : ['old', 'new']) {
        await settle();
        const r = what === 'rescan' ? await call(name, 'rescanStep', '#list', cardsHtml(200 + step++ * 100, 100)) : await call(name, 'scan');
        if (i >= 2) results[name]!.push(r); // two warm-up rounds
      }
    }
    const fields = Object.keys(results.old![0]!).filter((k) => typeof results.old![0]![k] === 'number');
    console.log(`${what} ${path} (${temperature}, ${world.kind} world): ${rev} (old) vs working tree (new), one page, ${results.old!.length} rounds each, medians`);
    for (const f of fields) {
      const [o, n] = [median(results.old!.map((r) => r[f]!)), median(results.new!.map((r) => r[f]!))];
      console.log(`  ${f.padEnd(12)} ${o.toFixed(2).padStart(9)} → ${n.toFixed(2).padStart(9)}${o > 0 ? `  (${((n / o - 1) * 100).toFixed(1)} %)` : ''}`);
    }
  } finally {
    await context.close();
    served.server.close();
  }
});
