// Installed first in <head>: records long tasks and long animation frames (with script attribution)
// so a spec can tell whether anything ran over 50 ms, and whose script it was.
window.__perf = { longtasks: [], loaf: [], start: performance.now() };
try {
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__perf.longtasks.push({ start: e.startTime, duration: e.duration, name: e.name }); })
    .observe({ type: 'longtask', buffered: true });
} catch {}
try {
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      window.__perf.loaf.push({
        start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
        scripts: (e.scripts || []).map((s) => ({ url: s.sourceURL, fn: s.sourceFunctionName, invoker: s.invoker, type: s.invokerType, duration: s.duration, world: s.windowAttribution })),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
} catch {}
// a heartbeat: the longest gap between 10 ms timers tells how long the main thread was blocked
window.__perf.maxGap = 0;
(function beat(last) { setTimeout(() => { const now = performance.now(); window.__perf.maxGap = Math.max(window.__perf.maxGap, now - last - 10); beat(now); }, 10); })(performance.now());
