/**
 * Host-check benchmark (issue 3): classifyHost µs per host over the Tranco top 10,000 (cold: the
 * memo cache is cleared before every run), next to a floor of two bare tldts parses per host in the
 * same run; and a page's domain checks (all payment-spoof detectors) in ms, cold (verdict caches
 * cleared before the run) and warm (same page again), on a synthetic checkout page and on real saved
 * shop pages when the corpus is present: 5 warm-up runs, then the median of 41.
 *
 *   npx tsx bench/host.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'tldts';
import { classifyHost, clearClassifyCache } from '../src/domains/classify-host';
import { PAGE_DETECTORS } from '../src/domains/page-checks';
import type { DetectorContext } from '../src/engine/detector-types';
import type { PageSnapshot } from '../src/engine/types';
import { stat, fmt, type Stat } from './stats';

const CORPUS = resolve(process.env.SHOP_SENTINEL_CORPUS ?? resolve(import.meta.dirname, '../../shared/corpus'));

export interface HostBench {
  hosts: number;
  hostSource: string;
  /** median µs per host, cold (CPU time of this process: robust when the machine is shared) */
  usPerHost: number;
  /** wall-clock µs per host */
  classifyUs: Stat;
  /** CPU µs per host (process.cpuUsage user+system) */
  classifyCpuUs: Stat;
  floorUs: Stat;
  pages: { name: string; links: number; frames: number; forms: number; scripts: number; coldMs: Stat; warmMs: Stat; coldCpuMs: Stat }[];
  /** worst median over the pages, cold, CPU ms */
  pageMs: number;
}

function loadHosts(): { hosts: string[]; source: string } {
  const file = resolve(CORPUS, 'tranco-top10k/top-10k.csv');
  if (existsSync(file)) {
    const hosts = readFileSync(file, 'utf8').split('\n').slice(1).map((s) => s.trim()).filter(Boolean);
    return { hosts, source: 'Tranco top 10k' };
  }
  const hosts: string[] = [];
  for (let i = 0; i < 10_000; i++) hosts.push(`site${i}.example${i % 13}.com`, `alipay-${i}.com`);
  return { hosts, source: 'generated (corpus absent)' };
}

function syntheticCheckout(): PageSnapshot {
  const hosts = ['www.example-shop.com', 'cdn.example-shop.com', 'www.facebook.com', 'twitter.com', 'www.instagram.com', 'www.paypal.com', 'js.stripe.com',
    'www.alipay.com', 'pay.weixin.qq.com', 'help.example-shop.com', 'www.google.com', 'fonts.googleapis.com', 'www.youtube.com', 'apps.apple.com',
    'play.google.com', 'www.linkedin.com', 'www.pinterest.com', 'www.tiktok.com', 'www.unionpay.com', 'secure.example-pay.net'];
  return {
    url: 'https://www.example-shop.com/checkout',
    title: 'Checkout - Example Shop',
    lang: 'en',
    segments: [
      { text: 'Checkout - Example Shop', zone: 'title', path: 'title' },
      { text: 'Checkout', zone: 'heading', path: 'h1' },
      { text: 'Pay with PayPal', zone: 'heading', path: 'h2' },
      { text: 'Payment', zone: 'heading', path: 'h2:nth-of-type(2)' },
    ],
    forms: [
      { action: 'https://www.example-shop.com/checkout/submit', method: 'post', path: 'form', fields: [
        { type: 'email', name: 'email', id: 'email', placeholder: 'Email', autocomplete: 'email', label: 'Email', maxLength: null, path: 'input' },
        { type: 'text', name: 'cardnumber', id: 'cc', placeholder: 'Card number', autocomplete: 'cc-number', label: 'Card number', maxLength: 19, path: 'input:nth-of-type(2)' },
        { type: 'text', name: 'cvc', id: 'cvc', placeholder: 'CVC', autocomplete: 'cc-csc', label: 'CVC', maxLength: 4, path: 'input:nth-of-type(3)' },
      ] },
      { action: 'https://www.paypal.com/cgi-bin/webscr', method: 'post', path: 'form:nth-of-type(2)', fields: [] },
    ],
    looseFields: [],
    links: Array.from({ length: 120 }, (_, i) => ({ href: `https://${hosts[i % hosts.length]}/p/${i}`, text: `link ${i}`, path: '' })),
    iframes: [{ src: 'https://js.stripe.com/v3/elements-inner-card.html', path: 'iframe' }, { src: 'https://www.youtube.com/embed/x', path: 'iframe:nth-of-type(2)' }],
    images: [{ src: '/logo.png', alt: 'Example Shop logo', path: 'img' }, { src: '/paypal.png', alt: 'PayPal', path: 'img:nth-of-type(2)' }],
    scripts: ['https://js.stripe.com/v3/', 'https://www.paypal.com/sdk/js?client-id=x', 'https://www.googletagmanager.com/gtag/js', 'https://cdn.example-shop.com/app.js'],
    meta: {},
    qrPayloads: ['https://qr.alipay.com/abc'],
    structuredTypes: [],
    articleChars: 0,
    truncated: false,
  };
}

/** measured runs per page (after 5 warm-up runs); medians are reported */
const PAGE_RUNS = 41;

function contextOf(snapshot: PageSnapshot): DetectorContext {
  let host = '';
  try {
    host = new URL(snapshot.url).hostname;
  } catch {
    /* file: pages */
  }
  return { snapshot, pageType: 'checkout', normalized: snapshot.segments.map((s) => s.text.toLowerCase()), host };
}

function runPage(ctx: DetectorContext): void {
  for (const detector of Object.values(PAGE_DETECTORS)) detector(ctx);
}

async function realPages(): Promise<{ name: string; snapshot: PageSnapshot }[]> {
  const dir = resolve(CORPUS, 'ecommerce-html-legit');
  if (!existsSync(dir)) return [];
  const { snapshotFromHtml } = await import('../src/page/parse-html-node');
  const picks: [string, string][] = [
    ['harvesting_amazonUsItem.html', 'https://www.amazon.com/dp/B000000000'],
    ['harvesting_eBayUs.html', 'https://www.ebay.com/sch/i.html?_nkw=x'],
    ['python3webspider_taobao_search_ipad.html', 'https://s.taobao.com/search?q=ipad'],
  ];
  const out: { name: string; snapshot: PageSnapshot }[] = [];
  for (const [file, url] of picks) {
    const path = resolve(dir, file);
    if (!existsSync(path)) continue;
    out.push({ name: file, snapshot: snapshotFromHtml(readFileSync(path, 'utf8'), url) });
  }
  return out;
}

export async function benchHosts(runs = 5): Promise<HostBench> {
  const { hosts, source } = loadHosts();
  // warm the JIT on other names so the measured pass is cold for the cache but not for V8
  for (let i = 0; i < 3000; i++) classifyHost(`warm${i}.example${i % 17}.net`);
  const classifyUs: number[] = [];
  const classifyCpuUs: number[] = [];
  const floorUs: number[] = [];
  for (let r = 0; r < runs; r++) {
    clearClassifyCache();
    const c0 = process.cpuUsage();
    let t0 = performance.now();
    for (const h of hosts) classifyHost(h);
    classifyUs.push(((performance.now() - t0) * 1000) / hosts.length);
    const cpu = process.cpuUsage(c0);
    classifyCpuUs.push((cpu.user + cpu.system) / hosts.length);
    t0 = performance.now();
    for (const h of hosts) {
      parse(h);
      parse(h, { allowPrivateDomains: true });
    }
    floorUs.push(((performance.now() - t0) * 1000) / hosts.length);
  }
  const pages: HostBench['pages'] = [];
  for (const { name, snapshot } of [{ name: 'synthetic checkout', snapshot: syntheticCheckout() }, ...(await realPages())]) {
    const ctx = contextOf(snapshot);
    const cold: number[] = [];
    const coldCpu: number[] = [];
    const warm: number[] = [];
    // JIT warm-up on this page first: "cold" means the verdict caches are empty, not that V8 is
    for (let r = 0; r < 5; r++) {
      clearClassifyCache();
      runPage(ctx);
    }
    for (let r = 0; r < PAGE_RUNS; r++) {
      clearClassifyCache();
      const c0 = process.cpuUsage();
      let t0 = performance.now();
      runPage(ctx);
      cold.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      coldCpu.push((c.user + c.system) / 1000);
      t0 = performance.now();
      runPage(ctx);
      warm.push(performance.now() - t0);
    }
    pages.push({
      name,
      links: snapshot.links.length,
      frames: snapshot.iframes.length,
      forms: snapshot.forms.length,
      scripts: snapshot.scripts.length,
      coldMs: stat(cold),
      warmMs: stat(warm),
      coldCpuMs: stat(coldCpu),
    });
  }
  const c = stat(classifyUs);
  const cpu = stat(classifyCpuUs);
  return {
    hosts: hosts.length,
    hostSource: source,
    usPerHost: cpu.median,
    classifyUs: c,
    classifyCpuUs: cpu,
    floorUs: stat(floorUs),
    pages,
    pageMs: Math.max(...pages.map((p) => p.coldCpuMs.median)),
  };
}

export function formatHostBench(r: HostBench): string {
  const lines = [
    `classifyHost over ${r.hosts.toLocaleString()} hosts (${r.hostSource}), cold, µs/host median (min–max) of ${r.classifyUs.runs}: CPU ${fmt(r.classifyCpuUs)}, wall ${fmt(r.classifyUs)}  [target ≤ 50]`,
    `  floor (two bare tldts parses per host, same run): ${fmt(r.floorUs)} µs/host`,
    `page domain checks (all payment-spoof detectors), ms median (min–max) of ${r.pages[0]?.coldMs.runs ?? 0}  [target ≤ 1 ms]:`,
    ...r.pages.map((p) => `  ${p.name} (${p.links} links, ${p.frames} frames, ${p.forms} forms, ${p.scripts} scripts): cold CPU ${fmt(p.coldCpuMs, 3)}, wall ${fmt(p.coldMs, 3)}; warm wall ${fmt(p.warmMs, 3)}`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  benchHosts()
    .then((r) => console.log(formatHostBench(r)))
    .catch((e) => {
      console.error(`bench/host failed: ${(e as Error).message}`);
      process.exit(1);
    });
}
