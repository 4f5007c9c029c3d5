/**
 * The same in-page bench in the page's main world and in an isolated world (where a content script
 * runs), in one page, called in turns (the order alternates every round):
 *
 *   npx tsx bench/worlds.ts [page=/listing] [rounds=15] [warm|cold] [measures=floor,scan,least]
 *
 * Why it exists: every DOM call that hands back a node costs more in an isolated world (its JS
 * wrappers live in a per-world map, not in the node), so figures taken in the page's world flatter
 * the extension (bench/browser/world.ts).
 */
import { bundleInPage, launch, servePages } from './browser';
import { benchWorld, type BenchWorld } from './browser/world';
import { builtinRules } from '../src/node/engine';
import { toMatchRule } from '../src/rules/match-rule';
import { indexRules } from '../src/rules/compile';
import { packRules } from '../src/rules/pack';
import { median } from './stats';

const [path = '/listing', roundsArg = '15', temperature = 'warm', measuresArg = 'floor,scan,least'] = process.argv.slice(2);
const rules = builtinRules().loaded.rules.map(toMatchRule);
const pack = packRules(indexRules(rules), 'worlds');
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
    await w.call('__ssBench', 'setup', [rules, pack]);
  }
  const results: Record<string, number[]> = {};
  const rounds = Number(roundsArg);
  for (let i = 0; i <= rounds; i++) {
    for (const measure of measuresArg.split(',')) {
      for (const name of i % 2 ? ['main', 'isolated'] : ['isolated', 'main']) {
        if (temperature === 'cold') await cdp.send('HeapProfiler.collectGarbage');
        const r = await worlds[name]!.call<Record<string, number>>('__ssBench', measure, []);
        if (i === 0) continue; // warm-up round
        (results[`${measure} ${name}`] ??= []).push(r.total ?? r.ms!);
      }
    }
  }
  console.log(`${path} (${temperature}), ${rounds} rounds, medians (min–max), ms`);
  for (const [k, v] of Object.entries(results)) console.log(`  ${k.padEnd(16)} ${median(v).toFixed(2).padStart(8)}  (${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)})`);
} finally {
  await context.close();
  served.server.close();
}
