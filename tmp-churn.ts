import { createServer } from 'node:http';
import { launchWithExtension, storedReport, tabIdOf } from './scripts/extension-browser';
const paras = Array.from({ length: 8000 }, (_, i) => `<p>商品 ${i} 纯棉短袖 夏季新款 宽松百搭 <b>¥${i}</b> <a href="/item/${i}">详情</a></p>`).join('');
const churn = process.argv[2] === 'churn';
const page = `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${paras}<p>花呗套现，费率低至5%，10分钟到账。</p>
<script>
window.__ours = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) for (const s of e.scripts || []) if ((s.sourceURL || '').startsWith('chrome-extension://')) window.__ours += s.duration; }).observe({ type: 'long-animation-frame', buffered: true });
${churn ? `let i = 0; setTimeout(function go() { i++; history.pushState({}, '', '?n=' + i); window.dispatchEvent(new PopStateEvent('popstate')); document.body.lastElementChild.setAttribute('data-n', i); if (i < 40) setTimeout(go, 250); }, 1500);` : ''}
</script></body></html>`;
const server = createServer((_, res) => { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(page); }).listen(0);
const port = (server.address() as { port: number }).port;
const ext = await launchWithExtension({ headless: true });
try {
  const p = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(p);
  await cdp.send('Performance.enable');
  await p.goto(`http://127.0.0.1:${port}/`);
  await p.waitForTimeout(14000);
  const m = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const get = (n: string) => m.metrics.find((x) => x.name === n)?.value ?? 0;
  const r = await storedReport(ext, await tabIdOf(ext, p));
  console.log(churn ? 'churn' : 'still', { loafOursMs: Math.round(await p.evaluate(() => (window as any).__ours)), scriptDurationS: get('ScriptDuration').toFixed(2), taskDurationS: get('TaskDuration').toFixed(2), rescans: r?.stats.rescans, busy: r?.stats.busyMs });
} finally { await ext.close(); server.close(); }
