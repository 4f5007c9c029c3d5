/**
 * The same in-page bench in the page's main world and in an isolated world (where a content script
 * runs), in one page, called in turns (the order rotates every round):
 *
 *   npx tsx bench/worlds.ts [page=/listing] [rounds=15] [warm|cold] [measures=floor,scan,least]
 *
 * Why it exists: every DOM call that hands back a node costs more in an isolated world (its JS
 * wrappers live in a per-world map, not in the node), so figures taken in the page's world flatter
 * the extension (bench/browser/world.ts).
 */
import { bundleInPage, inTurns, launch, packOf, servePages } from './browser';
import { benchWorld, type BenchWorld } from './browser/world';
import { builtinRules } from '../src/node/engine';
import { toMatchRule } from '../src/rules/match-rule';
import { median } from './stats';

const [path = '/listing', roundsArg = '15', temperature = 'warm', measuresArg = 'floor,scan,least'] = process.argv.slice(2);
const rules = builtinRules().loaded.rules.map(toMatchRule);
const js = await bundleInPage();
const served = await servePages(js);
const context = await launch(false);
try {
  const page = await context.newPage();
  await page.goto(served.origin + path, { waitUntil: 'load', timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  const worlds: Record<string, BenchWorld> = { main: await benchWorld(page, cdp, 'main'), isolated: await benchWorld(page, cdp, 'isolated') };
  for (const w of Object.values(worlds)) {
    await w.run(js);
    await w.call('__ssBench', 'setup', [rules, packOf(rules)]);
  }
  // every measure in each world is one step; the order rotates every round, the first round warms up
  const results: Record<string, number[]> = {};
  const steps = measuresArg.split(',').flatMap((measure) =>
    Object.entries(worlds).map(([name, world]) => {
      const into: number[] = (results[`${measure} ${name}`] = []);
      return async () => {
        if (temperature === 'cold') await cdp.send('HeapProfiler.collectGarbage');
        const r = await world.call<Record<string, number>>('__ssBench', measure, []);
        into.push(r.total ?? r.ms!);
      };
    }),
  );
  const rounds = Number(roundsArg);
  await inTurns(rounds, steps, Object.values(results));
  console.log(`${path} (${temperature}), ${rounds} rounds, medians (min–max), ms`);
  for (const [k, v] of Object.entries(results)) console.log(`  ${k.padEnd(16)} ${median(v).toFixed(2).padStart(8)}  (${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)})`);
} finally {
  await context.close();
  served.server.close();
}
