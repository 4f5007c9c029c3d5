/**
 * Heavy and tricky pages: the page stays responsive (no task of ours over 50 ms) and detection
 * still works where the words are visible.
 *
 * How "ours" is measured, three ways:
 *  - the content script's own scheduler stats (longest slice / longest unsliced task) in its report;
 *  - Long Animation Frame entries whose script attribution points at chrome-extension:// (the page's
 *    PerformanceObserver sees the content script's scripts with their source URL in Chromium);
 *  - the page's heartbeat (longest gap between 10 ms timers) compared with the same page in Chromium
 *    without the extension: ours may add at most 50 ms to the worst gap.
 */
import type { Page } from '@playwright/test';
import { test, expect, sleep, launchPlain } from './hostile-fixtures';
import { waitForReport, type StoredReport } from '../../../scripts/extension-browser';

interface Perf {
  longtasks: { start: number; duration: number }[];
  loaf: { start: number; duration: number; scripts: { url: string; duration: number; invoker: string }[] }[];
  maxGap: number;
}
const perfOf = (page: Page) => page.evaluate(() => (window as unknown as { __perf: Perf }).__perf);
const ourScripts = (p: Perf) => p.loaf.flatMap((f) => f.scripts).filter((s) => s.url.startsWith('chrome-extension://'));

async function settle(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __done: boolean }).__done, null, { timeout: 30_000 });
  await sleep(2500);
}

async function baselineGap(path: string, origin: string): Promise<number> {
  const plain = await launchPlain();
  try {
    const p = await plain.context.newPage();
    await p.goto(`${origin}${path}`);
    await settle(p);
    return (await perfOf(p)).maxGap;
  } finally {
    await plain.close();
  }
}

/**
 * The budget for any one task of ours. The promise (no task of ours over 50 ms) is measured by
 * `npm run bench` in a quiet run, from the browser's own trace (bench/browser/trace.ts), side by side
 * with the same pages without the extension — wall-clock assertions on a shared CI machine would be
 * flaky at 50 ms (a preempted 8 ms slice can read 40). Here CI guards against freezes a user would
 * feel (500 ms); HOSTILE_STRICT=1 asserts 50 ms on these hostile pages, and the numbers each run prints
 * ([hostile:*] lines) are the ones quoted in docs/SECURITY.md.
 */
const BUDGET_MS = process.env.HOSTILE_STRICT ? 50 : 500;

function assertResponsive(name: string, report: StoredReport, perf: Perf, baseline: number) {
  const ours = ourScripts(perf);
  const longestOurs = Math.max(0, ...ours.map((s) => s.duration));
  // printed for the report: measured numbers
  console.log(`[hostile:${name}] slice=${report.stats.longestSliceMs}ms task=${report.stats.longestTaskMs}ms busy=${report.stats.busyMs}ms ` +
    `nodes=${report.stats.nodes} rescans=${report.stats.rescans} loafOurs=${ours.length} longestLoafScriptOurs=${Math.round(longestOurs)}ms ` +
    `gap=${Math.round(perf.maxGap)}ms baselineGap=${Math.round(baseline)}ms longtasks=${perf.longtasks.length}`);
  expect(report.stats.longestSliceMs, 'longest slice of ours').toBeLessThan(BUDGET_MS);
  expect(report.stats.longestTaskMs, 'longest unsliced task of ours').toBeLessThan(BUDGET_MS);
  expect(longestOurs, 'longest content-script run inside a long animation frame').toBeLessThan(BUDGET_MS);
  // the page's own blocking varies from run to run (seconds on the heavy pages): allow half of it as noise
  expect(perf.maxGap - baseline, 'extra main-thread blocking compared with no extension').toBeLessThan(BUDGET_MS + baseline / 2);
}

const gaveUp = (r: StoredReport) => (r.stats as { gaveUp?: boolean }).gaveUp === true;
const RISKY = (r: StoredReport) => r.findings.some((f) => f.category === 'cash-out');

test('an ordinary page: responsive (the reference for the stress pages below)', async ({ ext, page, site }) => {
  const baseline = await baselineGap('/honest.html', site.origin);
  await page.goto(`${site.origin}/honest.html`);
  await sleep(2500);
  const report = await waitForReport(ext, page);
  assertResponsive('honest', report, await perfOf(page), baseline);
});

for (const kind of ['big-text', 'one-node', 'deep', 'attrs', 'mutations', 'infinite'] as const) {
  test(`stress page "${kind}": responsive, and the visible claims are still found`, async ({ ext, page, site }) => {
    test.setTimeout(120_000);
    // attrs: 200 × 100 kB attributes and a 12 MB style attribute (inline styles are read through the
    // parsed el.style, never by a regex over the attribute); one-node: a 2 M-character text node, cut
    // into runs of 64 k characters with the clock read after each (src/page/extract.ts)
    const path = `/stress.html?kind=${kind}`;
    const baseline = await baselineGap(path, site.origin);
    await page.goto(`${site.origin}${path}`);
    await settle(page);
    const report = await waitForReport(ext, page, (r) => RISKY(r) && (kind === 'deep' || kind === 'infinite' || kind === 'one-node' ? r.findings.some((f) => f.category === 'off-platform-payment') || gaveUp(r) : true), 20_000);
    assertResponsive(kind, report, await perfOf(page), baseline);
    if (kind === 'deep') expect(report.findings.some((f) => f.category === 'off-platform-payment'), 'text at depth 10,000').toBe(true);
    if (kind === 'one-node') expect(report.findings.some((f) => f.category === 'off-platform-payment'), 'a claim 1 M characters into one text node').toBe(true);
    if (kind === 'infinite' && !gaveUp(report)) expect(report.findings.some((f) => f.category === 'off-platform-payment')).toBe(true);
    if (kind === 'mutations') expect(await page.evaluate(() => (window as unknown as { __mutations: number }).__mutations)).toBeGreaterThan(50_000); // the storm happened (a loaded machine gets fewer than 400,000 in)
  });
}

test('zero-width, bidi controls, text split over many nodes and homoglyphs do not dodge detection; hidden text is not blamed', async ({ ext, page, site }) => {
  await page.goto(`${site.origin}/tricks.html`);
  const report = await waitForReport(ext, page, (r) => r.findings.length >= 5);
  const ids = report.findings.map((f) => f.ruleId);
  expect(ids).toContain('credit-cashout-offer'); // 花​呗‍套⁠现 with zero-width joiners
  expect(ids).toContain('no-credit-check-promise'); // inside RLO … PDF
  expect(ids).toContain('private-transfer-zh'); // one character per element
  expect(ids).toContain('guaranteed-results-en'); // Cyrillic а in "guаrаnteed"
  expect(report.findings.some((f) => f.excerpt.match.includes('国家级'))).toBe(false); // display:none
});
