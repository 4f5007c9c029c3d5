/**
 * Detection quality of the text rule packs on ../shared/corpus (evaluation only; nothing from the
 * corpus is shipped). Every figure runs the real engine: built-in rules, compileRules, the same
 * session as the extension and the CLI.
 *
 *  - Mathur et al. dark-pattern strings: share of the five pressure types flagged as pressure-tactics.
 *  - ecommerce-html-legit: score of each of the 22 real shop pages (floor: none reaches warning, 40).
 *  - zh-telecom-fraud-texts: share of normal texts with a finding of severity medium or higher
 *    (floor: ≤ 1 %), and, for information, how much of each fraud class is flagged.
 *  - CLAUDETTE unfair ToS clauses: unfair-terms recall / precision (informative: ToS are not return policies).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSnapshot, snapshotFromText } from '../src/engine/analyze';
import { analyzeHtml, builtinRules } from '../src/node/engine';
import type { CompiledRules } from '../src/rules/compile';
import { SEVERITIES, type Category, type Finding, type Severity } from '../src/engine/types';

export const MATHUR_PRESSURE_TYPES = [
  'Low-stock Message',
  'Countdown Timer',
  'Activity Notification',
  'Limited-time Message',
  'High-demand Message',
] as const;

export const FLOORS = { mathurPressureRecall: 0.85, legitMaxScore: 40, telecomNormalMediumShare: 0.01 } as const;

export interface RateFigure {
  total: number;
  flagged: number;
  rate: number;
}

export interface MathurResult {
  /** strings of the five pressure types (empty strings excluded: nothing to read) */
  overall: RateFigure;
  /** same, counting only pressure findings of severity low or higher (info stock counts excluded) */
  overallLowPlus: RateFigure;
  emptySkipped: number;
  byType: Record<string, RateFigure>;
  /** the other pattern types (confirmshaming, misdirection, …): share flagged as pressure (informative) */
  otherTypes: Record<string, RateFigure>;
  missedSamples: string[];
}

export interface LegitPageResult {
  file: string;
  url: string;
  pageType: string;
  score: number;
  level: string;
  findings: { ruleId: string; severity: Severity; occurrences: number }[];
}

export interface LegitResult {
  pages: LegitPageResult[];
  maxScore: number;
  atOrAboveWarning: number;
}

export interface TelecomClassResult extends RateFigure {
  label: string;
  /** any finding at all (including low / info) */
  anyFinding: number;
  byCategory: Partial<Record<Category, number>>;
  byRule: Record<string, number>;
  samples: { text: string; rules: string[] }[];
}

export interface TelecomResult {
  /** normal texts (label 0): `flagged` = texts with a finding of severity medium or higher */
  normal: TelecomClassResult;
  fraud: TelecomClassResult[];
}

export interface ClaudetteResult {
  positives: number;
  truePositives: number;
  recall: number;
  negatives: number;
  falsePositives: number;
  precision: number;
  recallByTag: Record<string, RateFigure>;
  falsePositiveSamples: string[];
}

export interface TextEvalResult {
  corpusDir: string;
  ruleCount: number;
  mathur: MathurResult | null;
  legit: LegitResult | null;
  telecom: TelecomResult | null;
  claudette: ClaudetteResult | null;
  /** parts of the corpus that were missing */
  skipped: string[];
  floors: { mathurPressureRecall: boolean | null; legitMaxScore: boolean | null; telecomNormalMedium: boolean | null };
  seconds: number;
}

const rate = (flagged: number, total: number): RateFigure => ({ total, flagged, rate: total ? flagged / total : 0 });
const atLeast = (s: Severity, min: Severity) => SEVERITIES.indexOf(s) >= SEVERITIES.indexOf(min);

/** RFC-4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function analyzePlain(text: string, compiled: CompiledRules): Finding[] {
  return analyzeSnapshot(snapshotFromText(text), compiled).findings;
}

function evalMathur(dir: string, compiled: CompiledRules): MathurResult {
  const rows = parseCsv(readFileSync(join(dir, 'dark-patterns.csv'), 'utf8'));
  const header = rows[0]!;
  const col = (name: string) => header.indexOf(name);
  const iText = col('Pattern String');
  const iType = col('Pattern Type');
  if (iText < 0 || iType < 0) throw new Error('dark-patterns.csv: missing "Pattern String" or "Pattern Type" column');
  const pressure = new Set<string>(MATHUR_PRESSURE_TYPES);
  const counts = new Map<string, { total: number; flagged: number; lowPlus: number }>();
  let empty = 0;
  const missed: string[] = [];
  for (const r of rows.slice(1)) {
    if (r.length <= Math.max(iText, iType)) continue;
    const type = r[iType]!.trim();
    const text = r[iText]!.replace(/\\n/g, '\n').trim();
    if (!text) {
      if (pressure.has(type)) empty++;
      continue;
    }
    const findings = analyzePlain(text, compiled).filter((f) => f.category === 'pressure-tactics');
    const c = counts.get(type) ?? { total: 0, flagged: 0, lowPlus: 0 };
    c.total++;
    if (findings.length) c.flagged++;
    else if (pressure.has(type) && missed.length < 40) missed.push(`[${type}] ${text.slice(0, 100)}`);
    if (findings.some((f) => atLeast(f.severity, 'low'))) c.lowPlus++;
    counts.set(type, c);
  }
  const byType: Record<string, RateFigure> = {};
  const otherTypes: Record<string, RateFigure> = {};
  let total = 0;
  let flagged = 0;
  let lowPlus = 0;
  for (const [type, c] of [...counts].sort((a, b) => b[1].total - a[1].total)) {
    if (pressure.has(type)) {
      byType[type] = rate(c.flagged, c.total);
      total += c.total;
      flagged += c.flagged;
      lowPlus += c.lowPlus;
    } else otherTypes[type] = rate(c.flagged, c.total);
  }
  return { overall: rate(flagged, total), overallLowPlus: rate(lowPlus, total), emptySkipped: empty, byType, otherTypes, missedSamples: missed };
}

export function decodeHtml(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

function urlFor(site: string, type: string): string {
  const host = site.split('.').length > 2 ? site : `www.${site}`;
  return type.startsWith('product') ? `https://${host}/dp/B000000000` : type.startsWith('search') ? `https://${host}/s?k=test` : `https://${host}/`;
}

function evalLegit(dir: string): LegitResult {
  const index = readFileSync(join(dir, '_index.tsv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  const pages: LegitPageResult[] = [];
  for (const line of index) {
    const [file, , , site, type] = line.split('\t');
    if (!file || !site || !existsSync(join(dir, file))) continue;
    const url = urlFor(site, type ?? '');
    const result = analyzeHtml(decodeHtml(readFileSync(join(dir, file))), url);
    pages.push({
      file,
      url,
      pageType: result.pageType,
      score: result.report.score,
      level: result.report.level,
      findings: result.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, occurrences: f.occurrences })),
    });
  }
  return {
    pages,
    maxScore: pages.reduce((m, p) => Math.max(m, p.score), 0),
    atOrAboveWarning: pages.filter((p) => p.score >= FLOORS.legitMaxScore).length,
  };
}

function evalTelecomClass(label: string, file: string, compiled: CompiledRules): TelecomClassResult {
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const texts = rows.slice(rows[0]?.[0] === 'content' ? 1 : 0).map((r) => (r[0] ?? '').trim()).filter(Boolean);
  let flagged = 0;
  let anyFinding = 0;
  const byCategory: Partial<Record<Category, number>> = {};
  const byRule: Record<string, number> = {};
  const samples: { text: string; rules: string[] }[] = [];
  for (const text of texts) {
    const findings = analyzePlain(text, compiled);
    if (findings.length) anyFinding++;
    const serious = findings.filter((f) => atLeast(f.severity, 'medium'));
    if (!serious.length) continue;
    flagged++;
    for (const cat of new Set(serious.map((f) => f.category))) byCategory[cat] = (byCategory[cat] ?? 0) + 1;
    for (const f of serious) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    if (samples.length < 25) samples.push({ text: text.slice(0, 120), rules: serious.map((f) => f.ruleId) });
  }
  return { label, ...rate(flagged, texts.length), anyFinding, byCategory, byRule, samples };
}

function evalTelecom(dir: string, compiled: CompiledRules): TelecomResult {
  const normal = evalTelecomClass('normal (label 0)', join(dir, 'label00-last.csv'), compiled);
  const classes: [string, string][] = [
    ['01 冒充公检法及政府机关', 'label01-last.csv'],
    ['02 贷款、代办信用卡', 'label02-last.csv'],
    ['03 冒充客服服务', 'label03-last.csv'],
    ['04 冒充领导、熟人', 'label04-last.utf8.csv'],
  ];
  const fraud = classes.filter(([, f]) => existsSync(join(dir, f))).map(([label, f]) => evalTelecomClass(label, join(dir, f), compiled));
  return { normal, fraud };
}

const CLAUDETTE_TAG = /<\/?([a-z]+)([123])>/g;

function evalClaudette(dir: string, compiled: CompiledRules): ClaudetteResult {
  const flagged = (text: string) => analyzePlain(text, compiled).some((f) => f.category === 'unfair-terms');
  const rows = readFileSync(join(dir, 'tagged_clauses_en.tsv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  let positives = 0;
  let tp = 0;
  let negatives = 0;
  let fp = 0;
  const byTag = new Map<string, { total: number; flagged: number }>();
  const fpSamples: string[] = [];
  for (const line of rows) {
    const [, clause, tags] = line.split('\t');
    if (!clause || !tags) continue;
    const tagList = tags.split(/[,;\s]+/).filter(Boolean);
    const unfair = tagList.some((t) => /[23]$/.test(t));
    const hit = flagged(clause);
    if (unfair) {
      positives++;
      if (hit) tp++;
      for (const t of tagList.filter((x) => /[23]$/.test(x))) {
        const c = byTag.get(t) ?? { total: 0, flagged: 0 };
        c.total++;
        if (hit) c.flagged++;
        byTag.set(t, c);
      }
    } else {
      negatives++;
      if (hit) {
        fp++;
        if (fpSamples.length < 10) fpSamples.push(clause.slice(0, 120));
      }
    }
  }
  // untagged sentences of the 50 documents are fair / neutral text
  const xmlDir = join(dir, 'original_xml_en');
  if (existsSync(xmlDir)) {
    for (const file of readdirSync(xmlDir).filter((f) => f.endsWith('.xml'))) {
      const xml = readFileSync(join(xmlDir, file), 'utf8');
      const untagged = xml.replace(/<([a-z]+[123])>[\s\S]*?<\/\1>/g, '\n').replace(CLAUDETTE_TAG, ' ');
      for (const sentence of untagged.split(/(?<=[.!?])\s+|\n+/)) {
        const s = sentence.trim();
        if (s.length < 30) continue;
        negatives++;
        if (flagged(s)) {
          fp++;
          if (fpSamples.length < 10) fpSamples.push(s.slice(0, 120));
        }
      }
    }
  }
  const recallByTag: Record<string, RateFigure> = {};
  for (const [t, c] of [...byTag].sort()) recallByTag[t] = rate(c.flagged, c.total);
  return {
    positives,
    truePositives: tp,
    recall: positives ? tp / positives : 0,
    negatives,
    falsePositives: fp,
    precision: tp + fp ? tp / (tp + fp) : 0,
    recallByTag,
    falsePositiveSamples: fpSamples,
  };
}

export async function evalText(corpusDir: string): Promise<TextEvalResult> {
  const started = Date.now();
  const { compiled, loaded } = builtinRules();
  const skipped: string[] = [];
  const part = <T>(name: string, sub: string, run: (dir: string) => T): T | null => {
    const dir = join(corpusDir, sub);
    if (!existsSync(dir)) {
      skipped.push(`${name}: ${dir} not found`);
      return null;
    }
    return run(dir);
  };
  const mathur = part('Mathur dark patterns', 'mathur-dark-patterns', (d) => evalMathur(d, compiled));
  const legit = part('legit shop pages', 'ecommerce-html-legit', (d) => evalLegit(d));
  const telecom = part('telecom texts', 'zh-telecom-fraud-texts', (d) => evalTelecom(d, compiled));
  const claudette = part('CLAUDETTE', 'claudette-unfair-tos-en', (d) => evalClaudette(d, compiled));
  return {
    corpusDir,
    ruleCount: loaded.rules.length,
    mathur,
    legit,
    telecom,
    claudette,
    skipped,
    floors: {
      mathurPressureRecall: mathur ? mathur.overall.rate >= FLOORS.mathurPressureRecall : null,
      legitMaxScore: legit ? legit.maxScore < FLOORS.legitMaxScore : null,
      telecomNormalMedium: telecom ? telecom.normal.rate <= FLOORS.telecomNormalMediumShare : null,
    },
    seconds: (Date.now() - started) / 1000,
  };
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const fig = (f: RateFigure) => `${pct(f.rate).padStart(6)}  (${f.flagged}/${f.total})`;
const verdict = (ok: boolean | null) => (ok === null ? 'skipped' : ok ? 'PASS' : 'FAIL');

export function formatTextEval(r: TextEvalResult): string {
  const out: string[] = [];
  out.push(`Text rules — ${r.ruleCount} rules, corpus ${r.corpusDir} (${r.seconds.toFixed(1)} s)`);
  for (const s of r.skipped) out.push(`  skipped: ${s}`);
  if (r.mathur) {
    const m = r.mathur;
    out.push('', `Mathur dark patterns → pressure-tactics   [floor ≥ ${pct(FLOORS.mathurPressureRecall)}: ${verdict(r.floors.mathurPressureRecall)}]`);
    out.push(`  ${'five pressure types'.padEnd(34)} ${fig(m.overall)}   (${m.emptySkipped} empty strings skipped)`);
    out.push(`  ${'  … with severity ≥ low'.padEnd(34)} ${fig(m.overallLowPlus)}`);
    for (const [t, f] of Object.entries(m.byType)) out.push(`  ${t.padEnd(34)} ${fig(f)}`);
    out.push('  other types, flagged as pressure (informative):');
    for (const [t, f] of Object.entries(m.otherTypes)) out.push(`    ${t.padEnd(32)} ${fig(f)}`);
  }
  if (r.legit) {
    const l = r.legit;
    out.push('', `Legit shop pages (${l.pages.length})   max score ${l.maxScore}   [floor < ${FLOORS.legitMaxScore}: ${verdict(r.floors.legitMaxScore)}]`);
    for (const p of l.pages) {
      const rules = p.findings.map((f) => `${f.ruleId}(${f.severity[0]}${f.occurrences > 1 ? '×' + f.occurrences : ''})`).join(' ');
      out.push(`  ${String(p.score).padStart(3)} ${p.level.padEnd(8)} ${p.pageType.padEnd(8)} ${p.file.padEnd(52)} ${rules}`);
    }
  }
  if (r.telecom) {
    const t = r.telecom;
    out.push('', `Telecom texts: share with a finding of severity ≥ medium   [normal floor ≤ ${pct(FLOORS.telecomNormalMediumShare)}: ${verdict(r.floors.telecomNormalMedium)}]`);
    for (const c of [t.normal, ...t.fraud]) {
      const rules = Object.entries(c.byRule).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k}×${v}`).join(' ');
      out.push(`  ${c.label.padEnd(24)} ${fig(c)}   any finding ${pct(c.anyFinding / (c.total || 1))}   ${rules}`);
    }
    if (t.normal.samples.length) {
      out.push('  normal texts with medium+ findings (first few):');
      for (const s of t.normal.samples.slice(0, 8)) out.push(`    [${s.rules.join(',')}] ${s.text.slice(0, 80)}`);
    }
  }
  if (r.claudette) {
    const c = r.claudette;
    out.push('', 'CLAUDETTE ToS clauses → unfair-terms (informative: ToS are not return policies)');
    out.push(`  recall ${pct(c.recall)} (${c.truePositives}/${c.positives} level-2/3 clauses)   precision ${pct(c.precision)} (${c.falsePositives} false positives among ${c.negatives} fair/untagged sentences)`);
    out.push(`  by tag: ${Object.entries(c.recallByTag).map(([k, v]) => `${k} ${pct(v.rate)}`).join('  ')}`);
  }
  return out.join('\n');
}
