/**
 * Engine throughput in Node on a ~5 MB listing page, next to the floor: a bare TreeWalker pass
 * that only reads the text of the same document. Both run on the same parsed document, in the same
 * process, interleaved, and each figure is the median of several runs.
 */
import { Window } from 'happy-dom';
import { listingPage } from './pages';
import { createExtractor, extractPageFacts, hiddenByMarkup } from '../src/page/extract';
import { createScanSession } from '../src/engine/session';
import { builtinRules } from '../src/node/engine';
import { median, type Stat, stat } from './stats';

export interface NodeEngineResult {
  htmlBytes: number;
  textChars: number;
  floorMs: Stat;
  extractMs: Stat;
  matchMs: Stat;
  fullMs: Stat;
  /** MB of HTML per second through extract + match + score */
  throughputMBs: number;
  /** MB of page text per second through normalization + matching + scoring alone */
  matchMBs: number;
  fullOverFloor: number;
  findings: number;
}

export function benchNodeEngine(runs = 7): NodeEngineResult {
  const html = listingPage(2400);
  const window = new Window({ url: 'https://bench.example/list', settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  const doc = window.document as unknown as Document;
  doc.write(html);
  const { compiled } = builtinRules();

  const floor = () => {
    const walker = doc.createTreeWalker(doc.body, 4);
    let n = 0;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) n += (t as Text).data.length;
    return n;
  };
  const extract = () => createExtractor(doc.body, { hidden: hiddenByMarkup }).step(Number.POSITIVE_INFINITY);
  const match = (items: ReturnType<typeof extract>) => {
    const session = createScanSession(compiled);
    for (const item of items) session.putSegment(item.key, item.segment);
    return session.finish({ ...extractPageFacts(doc, 'https://bench.example/list'), truncated: false });
  };

  const floorTimes: number[] = [];
  const extractTimes: number[] = [];
  const matchTimes: number[] = [];
  let textChars = 0;
  let findings = 0;
  for (let i = 0; i < runs + 1; i++) {
    let t = performance.now();
    textChars = floor();
    const f = performance.now() - t;
    t = performance.now();
    const items = extract();
    const e = performance.now() - t;
    t = performance.now();
    findings = match(items).findings.length;
    const m = performance.now() - t;
    if (i === 0) continue; // warm-up
    floorTimes.push(f);
    extractTimes.push(e);
    matchTimes.push(m);
  }
  void window.happyDOM.close();
  const full = extractTimes.map((e, i) => e + matchTimes[i]!);
  return {
    htmlBytes: Buffer.byteLength(html),
    textChars,
    floorMs: stat(floorTimes),
    extractMs: stat(extractTimes),
    matchMs: stat(matchTimes),
    fullMs: stat(full),
    throughputMBs: Buffer.byteLength(html) / 1e6 / (median(full) / 1000),
    matchMBs: (textChars * 2) / 1e6 / (median(matchTimes) / 1000),
    fullOverFloor: median(full) / median(floorTimes),
    findings,
  };
}
