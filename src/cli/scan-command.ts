/**
 * `scan FILE.html [--url URL] [--json] [--lang zh|en]` and `scan DIR`: the engine on saved pages.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliIo } from './io';
import { UsageError } from './io';
import { readHtmlFile } from './read-html';
import { analyzeHtml, builtinRules } from '../node/engine';
import { explainFindings } from '../engine/explain';
import type { AnalysisResult } from '../engine/session';
import type { Locale } from '../engine/types';

interface ScanOptions {
  targets: string[];
  url?: string;
  json: boolean;
  lang: Locale;
}

function parseArgs(args: string[]): ScanOptions {
  const opts: ScanOptions = { targets: [], json: false, lang: (process.env.LANG ?? '').startsWith('zh') ? 'zh' : 'en' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') opts.json = true;
    else if (a === '--url') {
      const v = args[++i];
      if (!v) throw new UsageError('--url needs a value');
      try {
        new URL(v);
      } catch {
        throw new UsageError(`--url: "${v}" is not a valid URL`);
      }
      opts.url = v;
    } else if (a === '--lang') {
      const v = args[++i];
      if (v !== 'zh' && v !== 'en') throw new UsageError('--lang must be zh or en');
      opts.lang = v;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else opts.targets.push(a);
  }
  if (opts.targets.length === 0) throw new UsageError('usage: scan FILE.html|DIR [--url URL] [--json] [--lang zh|en]');
  return opts;
}

function listHtml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      // a dangling link or an unreadable entry: listed, so readHtmlFile reports it as one bad row
    }
    if (isDir) out.push(...listHtml(full));
    else if (/\.x?html?$/i.test(name)) out.push(full);
  }
  return out;
}

function toJson(result: AnalysisResult, lang: Locale) {
  const explained = explainFindings(result.findings, builtinRules().texts);
  const points = new Map(result.report.contributions.map((c) => [c.finding, c.points]));
  return {
    url: result.url,
    pageType: result.pageType,
    score: result.report.score,
    level: result.report.level,
    findings: explained.map((f, i) => ({
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      excerpt: `${f.excerpt.before}${f.excerpt.match}${f.excerpt.after}`,
      match: f.excerpt.match,
      explanation: f.explanation[lang],
      title: f.title[lang],
      ...(f.legalBasis ? { legalBasis: f.legalBasis[lang] } : {}),
      points: points.get(i) ?? 0,
      occurrences: f.occurrences,
      ...(f.detail ? { detail: f.detail } : {}),
    })),
  };
}

const clip = (raw: string, n: number) => {
  const s = raw.replace(/\s+/g, ' ');
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
};

function formatTable(result: AnalysisResult, lang: Locale): string {
  const json = toJson(result, lang);
  const lines = [`${json.url}`, `  page type: ${json.pageType}   score: ${json.score}/100   level: ${json.level}`];
  if (json.findings.length === 0) lines.push('  no findings');
  for (const f of json.findings) {
    lines.push(`  [${f.severity.padEnd(8)}] +${String(f.points).padStart(2)}  ${f.category} / ${f.ruleId}`);
    lines.push(`      “${clip(f.excerpt, 100)}”`);
    lines.push(`      ${clip(f.explanation, 160)}${f.legalBasis ? `  (${f.legalBasis})` : ''}`);
  }
  return lines.join('\n');
}

export async function runScanCommand(args: string[], io: CliIo): Promise<number> {
  const opts = parseArgs(args);
  const files: string[] = [];
  let directoryMode = false;
  for (const target of opts.targets) {
    let isDir = false;
    try {
      isDir = statSync(target).isDirectory();
    } catch {
      /* readHtmlFile reports the missing file */
    }
    if (isDir) {
      directoryMode = true;
      const found = listHtml(target);
      if (found.length === 0) throw new UsageError(`${target}: no .html files in this folder`);
      files.push(...found);
    } else files.push(target);
  }
  if (!directoryMode && files.length === 1) {
    const file = files[0]!;
    const html = readHtmlFile(file);
    const result = analyzeHtml(html, opts.url ?? pathToFileURL(resolve(file)).href);
    io.stdout(opts.json ? JSON.stringify(toJson(result, opts.lang)) : formatTable(result, opts.lang));
    return 0;
  }
  if (opts.url) throw new UsageError('--url applies to a single file');
  const rows: { file: string; result?: ReturnType<typeof toJson>; error?: string }[] = [];
  for (const file of files) {
    try {
      const result = analyzeHtml(readHtmlFile(file), pathToFileURL(resolve(file)).href);
      rows.push({ file, result: toJson(result, opts.lang) });
    } catch (e) {
      rows.push({ file, error: e instanceof UsageError ? e.message : `failed: ${(e as Error).message}` });
    }
  }
  if (opts.json) {
    io.stdout(JSON.stringify(rows.map((r) => ({ file: relative(process.cwd(), r.file), ...(r.result ?? { error: r.error }) }))));
  } else {
    const levels: Record<string, number> = {};
    io.stdout(`${'score'.padStart(5)}  ${'level'.padEnd(8)} ${'type'.padEnd(9)} ${'top categories'.padEnd(40)} file`);
    for (const r of rows) {
      if (!r.result) {
        io.stdout(`${'-'.padStart(5)}  ${'error'.padEnd(8)} ${''.padEnd(9)} ${clip(r.error ?? '', 40).padEnd(40)} ${relative(process.cwd(), r.file)}`);
        continue;
      }
      levels[r.result.level] = (levels[r.result.level] ?? 0) + 1;
      const cats = [...new Set(r.result.findings.map((f) => f.category))].join(', ');
      io.stdout(`${String(r.result.score).padStart(5)}  ${r.result.level.padEnd(8)} ${r.result.pageType.padEnd(9)} ${clip(cats || '-', 40).padEnd(40)} ${relative(process.cwd(), r.file)}`);
    }
    const errors = rows.filter((r) => r.error).length;
    io.stdout(`\n${rows.length} files: ${['danger', 'warning', 'caution', 'safe'].map((l) => `${levels[l] ?? 0} ${l}`).join(', ')}${errors ? `, ${errors} unreadable` : ''}`);
  }
  return rows.some((r) => r.error) ? 2 : 0;
}
