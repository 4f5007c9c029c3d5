/**
 * Runs Mozilla's addons-linter (through web-ext, as `npx web-ext lint` does) on the Firefox build and
 * holds every warning against the list of explained ones below. An error, or a warning that is not
 * explained here, fails the check; so does an explanation that no longer matches anything (stale
 * explanations hide new warnings of the same kind). docs/FIREFOX.md carries the same explanations for
 * the README and for AMO reviewers.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export interface LintMessage {
  code: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  description?: string;
}

export interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

export interface ExplainedWarning {
  code: string;
  /** the files it may appear in (bundle names carry content hashes) */
  file: RegExp;
  why: string;
}

export const EXPLAINED_WARNINGS: ExplainedWarning[] = [
  {
    code: 'DANGEROUS_EVAL',
    file: /^(background\.js|shop\.js|chunks\/[\w.-]+\.js)$/,
    why:
      'zod 4 (validation of rules, settings and page messages) probes once whether `Function("")` is allowed, inside try/catch, ' +
      'to decide whether it may use its JIT-compiled object parser. The extension CSP of Manifest V3 forbids eval, so the probe ' +
      'throws and zod uses its interpreted parser. No string is ever evaluated; the linter flags the `Function` token itself.',
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/[\w.-]+\.js$/,
    why:
      "Preact's DOM diff (popup, options and evidence pages) assigns `innerHTML` only for the `dangerouslySetInnerHTML` prop. " +
      'ShopSentinel never uses that prop (no page text is ever rendered as HTML); the in-page banner is built with DOM methods.',
  },
];

export function runWebExtLint(sourceDir: string, root: string): Promise<LintReport> {
  const bin = resolve(root, 'node_modules/.bin/web-ext');
  return new Promise((ok, ko) => {
    execFile(
      bin,
      ['lint', '--source-dir', sourceDir, '--output', 'json', '--boring'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (err, stdout, stderr) => {
        // web-ext exits non-zero when there are errors; the JSON report is on stdout either way
        const start = stdout.indexOf('{');
        if (start < 0) return ko(new Error(`web-ext lint printed no report${err ? `: ${err.message}` : ''}\n${stderr.slice(0, 2000)}`));
        try {
          ok(JSON.parse(stdout.slice(start)) as LintReport);
        } catch (e) {
          ko(new Error(`web-ext lint printed something that is not its JSON report: ${(e as Error).message}\n${stdout.slice(0, 500)}`));
        }
      },
    );
  });
}

export function describe(m: LintMessage): string {
  const where = m.file ? `${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}` : 'manifest';
  return `${m.code} ${where}: ${m.message}`;
}

export interface LintVerdict {
  problems: string[];
  explained: { message: LintMessage; why: string }[];
}

/** Errors and unexplained warnings are problems; so are explanations that match nothing. */
export function judgeLint(report: LintReport, explained: ExplainedWarning[] = EXPLAINED_WARNINGS): LintVerdict {
  const problems: string[] = report.errors.map((m) => `error: ${describe(m)}`);
  const used = new Set<ExplainedWarning>();
  const ok: LintVerdict['explained'] = [];
  for (const w of report.warnings) {
    const e = explained.find((x) => x.code === w.code && x.file.test(w.file ?? ''));
    if (e) {
      used.add(e);
      ok.push({ message: w, why: e.why });
    } else problems.push(`unexplained warning: ${describe(w)}${w.description ? `\n    ${w.description.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`);
  }
  for (const e of explained) if (!used.has(e)) problems.push(`stale explanation: no ${e.code} warning any more; remove it from tests/firefox/lint.ts and docs/FIREFOX.md`);
  return { problems, explained: ok };
}
