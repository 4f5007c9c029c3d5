/**
 * A very small check runner for the Firefox checks: each check is a named async function that
 * throws on failure. Results are printed one line each as they finish; `summary()` gives the
 * closing line `firefox: N passed, M failed[, K skipped]`.
 */
export interface CheckResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  ms: number;
  detail?: string;
}

/** Thrown by a check that cannot run here (not a failure of the add-on, but reported). */
export class SkipCheck extends Error {}

export class CheckFailure extends Error {}

export function createRunner(log: (line: string) => void = (l) => console.log(l)) {
  const results: CheckResult[] = [];
  return {
    results,
    /** Runs one check; returns its value, or undefined when it failed or was skipped. */
    async check<T>(name: string, fn: () => Promise<T> | T): Promise<T | undefined> {
      const start = Date.now();
      try {
        const value = await fn();
        const ms = Date.now() - start;
        results.push({ name, status: 'passed', ms });
        log(`  ✓ ${name} (${formatMs(ms)})`);
        return value;
      } catch (err) {
        const ms = Date.now() - start;
        const detail = err instanceof Error ? err.message : String(err);
        if (err instanceof SkipCheck) {
          results.push({ name, status: 'skipped', ms, detail });
          log(`  - ${name}: skipped: ${detail}`);
        } else {
          results.push({ name, status: 'failed', ms, detail });
          log(`  ✗ ${name} (${formatMs(ms)})\n${indent(detail)}`);
          if (process.env.FIREFOX_CHECK_DEBUG && err instanceof Error && err.stack) log(indent(err.stack));
        }
        return undefined;
      }
    },
    /** Records a check that was not attempted because an earlier step it depends on failed. */
    skip(name: string, why: string) {
      results.push({ name, status: 'skipped', ms: 0, detail: why });
      log(`  - ${name}: skipped: ${why}`);
    },
    failed: () => results.filter((r) => r.status === 'failed').length,
    summary(): string {
      const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
      const skipped = count('skipped');
      return `firefox: ${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`;
    },
  };
}

export type Runner = ReturnType<typeof createRunner>;

export function fail(message: string): never {
  throw new CheckFailure(message);
}

/** Throws with every problem listed when `problems` is not empty. */
export function expectNoProblems(problems: string[], what: string): void {
  if (problems.length) fail(`${what}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}
