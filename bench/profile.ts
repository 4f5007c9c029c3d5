/**
 * A CPU profile of one in-page measure (the engine unminified, in an isolated world as the content
 * script runs), summed by function: where a scan's time goes, line by line.
 *
 *   npx tsx bench/profile.ts [measure=scan: scan, least, floor, naive or rescan] [page=/listing] [calls=20] [top=25]
 *
 * rescan: on /scroll-static, each call appends 100 cards (not timed by the bench, but sampled here:
 * the parser and layout show as native or appendCards) and rescans them.
 *
 * Prints the self time per function (with its line in the bundle) as a share of all samples, then
 * the ticks per source line, over `calls` calls after five that warm the code up.
 */
import { bundleInPage, launch, packOf, servePages } from './browser';
import { benchWorld } from './browser/world';
import { builtinRules } from '../src/node/engine';
import { toMatchRule } from '../src/rules/match-rule';
import { cardsHtml } from './pages';

const [measure = 'scan', path = '/listing', callsArg = '20', topArg = '25'] = process.argv.slice(2);
if (!['scan', 'least', 'floor', 'naive', 'rescan'].includes(measure) || !(Number(callsArg) > 0) || !(Number(topArg) > 0)) {
  console.error('usage: npx tsx bench/profile.ts [scan|least|floor|naive|rescan] [page=/listing] [calls=20] [top=25]');
  process.exit(2);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  positionTicks?: { line: number; ticks: number }[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const js = await bundleInPage(undefined, false);
const rules = builtinRules().loaded.rules.map(toMatchRule);
const served = await servePages(js);
const context = await launch(false);
try {
  const page = await context.newPage();
  await page.goto(served.origin + (measure === 'rescan' ? '/scroll-static' : path), { waitUntil: 'load', timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  const world = await benchWorld(page, cdp, 'isolated');
  await world.run(js);
  await world.call('__ssBench', 'setup', [rules, packOf(rules)]);
  let cards = 200;
  const call = async () => {
    if (measure !== 'rescan') return world.call('__ssBench', measure, []);
    cards += 100;
    return world.call('__ssBench', 'rescanStep', ['#list', cardsHtml(cards - 100, 100)]);
  };
  if (measure === 'rescan') await world.call('__ssBench', 'rescanStart', []);
  for (let i = 0; i < 5; i++) await call();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < Number(callsArg); i++) await call();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') return;
    const dt = profile.timeDeltas[i] ?? 0;
    const key = `${f.functionName || '(anonymous)'}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const lines = js.split('\n');
  // ticks per source line (self time), over every function
  const lineTicks = new Map<number, number>();
  let ticks = 0;
  for (const n of profile.nodes) for (const t of n.positionTicks ?? []) {
    lineTicks.set(t.line, (lineTicks.get(t.line) ?? 0) + t.ticks);
    ticks += t.ticks;
  }
  console.log(`${measure} on ${measure === 'rescan' ? '/scroll-static' : path}, isolated world, ${callsArg} calls: ${(total / 1000 / Number(callsArg)).toFixed(1)} ms of samples per call`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) {
    const line = Number(key.split(':').pop()) - 1;
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${key.padEnd(36)} ${(lines[line] ?? '').trim().slice(0, 90)}`);
  }
  console.log(`\nlines (share of the ticks inside functions)`);
  for (const [line, t] of [...lineTicks].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) {
    console.log(`${((100 * t) / ticks).toFixed(1).padStart(5)} %  ${String(line).padStart(5)}  ${(lines[line - 1] ?? '').trim().slice(0, 110)}`);
  }
} finally {
  await context.close();
  served.server.close();
}
