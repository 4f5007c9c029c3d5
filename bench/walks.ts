/**
 * What each way of walking a page's DOM costs, in the page's own world or in an isolated world (where
 * a content script runs), in one page, the walks in turns (the order rotates every round):
 *
 *   npx tsx bench/walks.ts [page=/listing] [rounds=11] [isolated|main] [walks=all]
 *
 * The primitives behind docs/PERFORMANCE.md's sessions 12 and 15: each DOM call that hands a node to
 * script costs more in an isolated world, so walks that touch fewer nodes gain there. handWalkStack
 * climbs as src/page/extract.ts does (a stack of the elements entered, no parentNode); walkerNav
 * moves a TreeWalker by firstChild/nextSibling/parentNode, as a walk that skips subtrees must.
 */
import { inTurns, launch, servePages } from './browser';
import { benchWorld, type WorldKind } from './browser/world';
import { median } from './stats';
import { SKIP_TAGS } from '../src/page/extract';

const [path = '/listing', roundsArg = '11', kind = 'isolated', walksArg] = process.argv.slice(2);

/** each walk returns a sum over what it read, so nothing can be optimized away */
const WALKS = `
const SKIP = new Set(${JSON.stringify([...SKIP_TAGS])});
const timed = (f) => () => { const t = performance.now(); const sum = f(); return { ms: performance.now() - t, sum }; };
const next = (node, top) => { let nx = node.nextSibling; let at = node; while (!nx) { const up = at.parentNode; if (!up || up === top) return null; at = up; nx = up.nextSibling; } return nx; };
globalThis.__walks = {
  textWalker: timed(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let c = 0; for (let n = w.nextNode(); n; n = w.nextNode()) c += n.data.length; return c; }),
  textWalkerParents: timed(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let c = 0, last = null; for (let n = w.nextNode(); n; n = w.nextNode()) { const p = n.parentNode; if (p !== last) { last = p; c += p.localName.length; } c += n.data.length; } return c; }),
  elementTextWalker: timed(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT); let c = 0; for (let n = w.nextNode(); n; n = w.nextNode()) { if (n.nodeType === 3) c += n.data.length; else if (SKIP.has(n.localName)) c++; } return c; }),
  handWalk: timed(() => { const top = document.body; let c = 0; let node = top.firstChild; while (node) { let f = null; if (node.nodeType === 1) { if (!SKIP.has(node.localName)) f = node.firstChild; } else if (node.nodeType === 3) c += node.data.length; node = f ?? next(node, top); } return c; }),
  handWalkLeavesWhole: timed(() => { const top = document.body; let c = 0; let node = top.firstChild; while (node) { let f = null; if (node.nodeType === 1) { if (!SKIP.has(node.localName)) { if (node.childElementCount === 0) c += node.textContent.length; else f = node.firstChild; } } else if (node.nodeType === 3) c += node.data.length; node = f ?? next(node, top); } return c; }),
  handWalkStack: timed(() => { const top = document.body; const st = []; let c = 0; let node = top.firstChild; while (node) { if (node.nodeType === 1) { if (!SKIP.has(node.localName)) { const f = node.firstChild; if (f) { st.push(node); node = f; continue; } } } else if (node.nodeType === 3) c += node.data.length; let nx = node.nextSibling; while (!nx) { const up = st.pop(); if (!up) break; nx = up.nextSibling; } node = nx; } return c; }),
  walkerNav: timed(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT); let c = 0; let node = w.firstChild(); while (node) { if (node.nodeType === 1) { if (!SKIP.has(node.localName)) { const f = w.firstChild(); if (f) { node = f; continue; } } } else c += node.data.length; let nx = w.nextSibling(); while (!nx) { if (!w.parentNode() || w.currentNode === document.body) break; nx = w.nextSibling(); } node = nx; } return c; }),
  allElements: timed(() => { const all = document.body.getElementsByTagName('*'); let c = 0; for (let i = 0; i < all.length; i++) c += all[i].localName.length; return c; }),
  textContent: timed(() => document.body.textContent.length),
};`;

const served = await servePages('');
const context = await launch(false);
try {
  const page = await context.newPage();
  await page.goto(served.origin + path, { waitUntil: 'load', timeout: 60_000 });
  const world = await benchWorld(page, await context.newCDPSession(page), kind as WorldKind);
  await world.run(WALKS);
  const names = walksArg ? walksArg.split(',') : ['textWalker', 'textWalkerParents', 'elementTextWalker', 'handWalk', 'handWalkStack', 'walkerNav', 'handWalkLeavesWhole', 'allElements', 'textContent'];
  const results: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const rounds = Number(roundsArg);
  const steps = names.map((name) => async () => void results[name]!.push((await world.call<{ ms: number }>('__walks', name, [])).ms));
  await inTurns(rounds, steps, Object.values(results)); // the order rotates every round; the first round warms up
  console.log(`${path}, ${kind} world, ${rounds} rounds, medians (min–max), ms`);
  for (const name of names) console.log(`  ${name.padEnd(20)} ${median(results[name]!).toFixed(2).padStart(8)}  (${Math.min(...results[name]!).toFixed(1)}–${Math.max(...results[name]!).toFixed(1)})`);
} finally {
  await context.close();
  served.server.close();
}
