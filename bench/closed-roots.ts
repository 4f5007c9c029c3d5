/**
 * What reading closed shadow roots costs (docs/PERFORMANCE.md, session 16): in the content script's
 * own world of the built extension, per element that can host a shadow root, el.shadowRoot against
 * Chrome's chrome.dom.openOrClosedShadowRoot (an extension API call), and how many of those elements
 * the extractor asks (custom elements and empty ones: src/page/extract.ts).
 *
 *   npx wxt build && npx tsx bench/closed-roots.ts [page=/listing, or a saved .html file] [rounds=7]
 */
import { existsSync, readFileSync } from 'node:fs';
import { launch, servePages } from './browser';
import { SHADOW_HOST_TAGS } from '../src/page/extract';

const [path = '/listing', roundsArg = '7'] = process.argv.slice(2);

interface Context {
  id: number;
  name: string;
  auxData?: { type?: string };
}

const MEASURE = `(rounds, tags) => {
  const els = Array.from(document.querySelectorAll('*'))
    .filter((el) => tags.includes(el.localName) || el.localName.includes('-'));
  const asked = els.filter((el) => el.localName.includes('-') || el.firstChild === null).length;
  const time = (read) => {
    const ms = [];
    for (let k = 0; k < rounds; k++) {
      const t = performance.now();
      for (const el of els) read(el);
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return ms[ms.length >> 1];
  };
  const open = time((el) => el.shadowRoot);
  const api = time((el) => chrome.dom.openOrClosedShadowRoot(el));
  return { elements: els.length, asked, open, api };
}`;

const served = await servePages('');
const context = await launch(true);
try {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const contexts: Context[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: Context }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  // a saved page is served as it is, from a made-up http origin (content scripts run on http pages)
  const saved = path.endsWith('.html') && existsSync(path);
  if (saved) await page.route('http://saved-page.test/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(path) }));
  await page.goto(saved ? 'http://saved-page.test/page.html' : served.origin + path, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForTimeout(1500);
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'ShopSentinel');
  if (!world) throw new Error('the content script world was not found (build the extension first: npx wxt build)');
  const expression = `(${MEASURE})(${Number(roundsArg)}, ${JSON.stringify(SHADOW_HOST_TAGS)})`;
  const r = (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true })) as {
    result: { value: { elements: number; asked: number; open: number; api: number } };
    exceptionDetails?: { text: string };
  };
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
  const m = r.result.value;
  const perCall = (ms: number) => ((ms / m.elements) * 1000).toFixed(2);
  console.log(`${path}: ${m.elements} elements that can host a shadow root, ${m.asked} of them asked for a closed one (custom or empty)`);
  console.log(`  el.shadowRoot on all: ${m.open.toFixed(2)} ms (${perCall(m.open)} µs each)`);
  console.log(`  chrome.dom.openOrClosedShadowRoot on all: ${m.api.toFixed(2)} ms (${perCall(m.api)} µs each, ${(m.api / m.open).toFixed(1)}×)`);
  console.log(`  on the ones asked: ~${((m.api / m.elements) * m.asked).toFixed(2)} ms per full scan`);
} finally {
  await context.close();
  served.server.close();
}
