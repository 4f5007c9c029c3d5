/**
 * The content script's text gate (src/engine/text-gate.ts) keeps only the runs of text a rule
 * could match in. It must change nothing the user sees; this measures that on the corpus:
 * - saved shop and phishing pages: the findings, page type and language of a gated walk equal
 *   those of keeping every run;
 * - every text of the text corpora on its own: when the engine finds a rule's words in it, the gate
 *   opens on it (the rules that fire on absence or run a detector do not need it to).
 * Used by `npm run eval` and by tests/unit/page/gated-extraction.test.ts (held-out and bench pages).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, builtinRules } from '../src/node/engine';
import { createExtractor } from '../src/page/extract';
import { extractPageFacts, factElements, syntheticSegments } from '../src/page/facts';
import { createScanSession } from '../src/engine/session';
import { createRunKeeper, createTextGate } from '../src/engine/text-gate';
import type { CompiledRules } from '../src/rules/compile';
import { withParsedHtml } from '../src/page/parse-html-node';
import { decodeHtml, parseCsv } from './text';

export interface PageScan {
  kept: number;
  pageType: string;
  locale: string;
  findings: string[];
}

/** A page's scan as the content script does it (gated) or keeping every run. */
export function scanPage(doc: Document, url: string, gated: boolean, compiled: CompiledRules = builtinRules().compiled): PageScan {
  const facts = { ...extractPageFacts(doc, url), truncated: false };
  const session = createScanSession(compiled);
  syntheticSegments(facts, factElements(doc).buttons).forEach((s, i) => session.putSegment(i, s));
  const gate = createTextGate(compiled);
  const keeper = createRunKeeper();
  const extractor = createExtractor(doc.body ?? doc, { firstKey: 1000, ...(gated ? { gate, keepRun: keeper.keepRun } : {}) });
  const items = extractor.step(Number.POSITIVE_INFINITY);
  for (const item of items) session.putSegment(item.key, item.segment);
  const result = session.finish(facts, gated ? { textStats: gate.stats } : {});
  return {
    kept: items.length,
    pageType: result.pageType,
    locale: result.locale,
    findings: result.findings.map((f) => `${f.ruleId}×${f.occurrences}: ${f.excerpt.before}[${f.excerpt.match}]${f.excerpt.after}`).sort(),
  };
}

export interface GateEvalResult {
  pages: number;
  /** pages where the gated scan differs from keeping every run (must be none) */
  pageDifferences: string[];
  /** segments kept by the gate / runs of text, over all pages */
  keptRuns: number;
  allRuns: number;
  texts: number;
  /** texts with a finding of a rule the gate serves */
  textsWithFinding: number;
  /** of those, texts the gate stayed closed on (must be none) */
  textMisses: string[];
}

export function evalGate(corpusDir: string): GateEvalResult {
  const { compiled, loaded } = builtinRules();
  const ungated = new Set(loaded.rules.filter((r) => r.context.mode === 'absent' || r.detector !== undefined).map((r) => r.id));
  const r: GateEvalResult = { pages: 0, pageDifferences: [], keptRuns: 0, allRuns: 0, texts: 0, textsWithFinding: 0, textMisses: [] };

  for (const sub of ['ecommerce-html-legit', 'phishing-html-openphish-2024-07-05']) {
    const dir = join(corpusDir, sub);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.html')).sort()) {
      const url = 'https://shop.example/';
      const { all, gated } = withParsedHtml(decodeHtml(readFileSync(join(dir, file))), url, (doc) => ({ all: scanPage(doc, url, false, compiled), gated: scanPage(doc, url, true, compiled) }));
      r.pages++;
      r.allRuns += all.kept;
      r.keptRuns += gated.kept;
      if (JSON.stringify([all.findings, all.pageType, all.locale]) !== JSON.stringify([gated.findings, gated.pageType, gated.locale])) r.pageDifferences.push(`${sub}/${file}`);
    }
  }

  const gate = createTextGate(compiled);
  const check = (text: string) => {
    if (!text.trim()) return;
    r.texts++;
    if (!analyzeText(text, {}, compiled).findings.some((f) => !ungated.has(f.ruleId))) return;
    r.textsWithFinding++;
    gate.reset();
    gate.feed(text);
    if (!gate.hit && r.textMisses.length < 20) r.textMisses.push(text.slice(0, 120));
  };
  const csvColumn = (file: string, column: string | number) => {
    if (!existsSync(file)) return;
    const rows = parseCsv(readFileSync(file, 'utf8'));
    const i = typeof column === 'number' ? column : rows[0]!.indexOf(column);
    for (const row of rows.slice(1)) check((row[i] ?? '').replace(/\\n/g, '\n'));
  };
  csvColumn(join(corpusDir, 'mathur-dark-patterns/dark-patterns.csv'), 'Pattern String');
  const telecom = join(corpusDir, 'zh-telecom-fraud-texts');
  if (existsSync(telecom)) for (const f of readdirSync(telecom).filter((f) => f.endsWith('.csv') && !f.includes('.gbk.'))) csvColumn(join(telecom, f), 0);
  const clauses = join(corpusDir, 'claudette-unfair-tos-en/tagged_clauses_en.tsv');
  if (existsSync(clauses)) for (const line of readFileSync(clauses, 'utf8').split(/\r?\n/).slice(1)) check(line.split('\t')[1] ?? '');
  return r;
}

export function formatGateEval(r: GateEvalResult): string {
  return [
    '## Text gate (content script) against keeping every run',
    `pages: ${r.pages}, differing findings/page type/language: ${r.pageDifferences.length}${r.pageDifferences.length ? ` (${r.pageDifferences.join(', ')})` : ''}; runs kept ${r.keptRuns}/${r.allRuns} (${((100 * r.keptRuns) / Math.max(1, r.allRuns)).toFixed(1)}%)`,
    `texts: ${r.texts}, with a finding the gate serves: ${r.textsWithFinding}, gate closed on: ${r.textMisses.length}${r.textMisses.length ? `\n  ${r.textMisses.join('\n  ')}` : ''}`,
  ].join('\n');
}
