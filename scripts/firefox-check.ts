/**
 * `npm run test:firefox`: the Firefox and store-package checks (issue 8).
 *   1. `npm run zip`: builds Chrome and Firefox and writes the two store ZIPs and the sources ZIP;
 *   2. the Firefox manifest (gecko id, minimum version, data_collection_permissions, event page, files)
 *      and its parity with the Chrome build;
 *   3. each store ZIP holds exactly its built directory;
 *   4. the sources ZIP holds what a reviewer needs and nothing it must not; the checkers reject
 *      known-bad inputs (so they can fail);
 *   5. the smoke test in firefox-esr over WebDriver BiDi, installing the Firefox store ZIP itself;
 *   6. alongside 5: addons-linter (web-ext lint) on .output/firefox-mv3 — no errors, every warning
 *      explained — and a rebuild from the sources ZIP that must be byte-identical to the Firefox ZIP.
 * Prints one line per check and closes with `firefox: N passed, M failed`; exits 1 when anything failed.
 *
 * Options: --no-build (check the existing .output/ instead of running npm run zip),
 *          --no-smoke, --no-lint, --no-rebuild, --shots=DIR (screenshots of the smoke pages),
 *          --extension=PATH (smoke-test another build or ZIP instead of the Firefox store ZIP).
 * Env: FIREFOX_PATH (default /usr/bin/firefox-esr); FIREFOX_SMOKE_OPTIONAL=1 turns a missing Firefox
 *      into a skip instead of a failure.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRunner, expectNoProblems, fail, formatBytes, formatMs } from '../tests/firefox/harness';
import { checkFirefoxManifest, checkParity } from '../tests/firefox/manifest';
import { judgeLint, runWebExtLint, describe } from '../tests/firefox/lint';
import { checkSourcesListing, diffFiles, packagePaths, readDir, readZip, rebuildFromSources, removeDir } from '../tests/firefox/packages';
import { runSmokeChecks } from '../tests/firefox/smoke';
import { selfTest } from '../tests/firefox/self-test';

const ROOT = resolve(import.meta.dirname, '..');
const FIREFOX_DIR = resolve(ROOT, '.output/firefox-mv3');
const CHROME_DIR = resolve(ROOT, '.output/chrome-mv3');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const started = Date.now();
const runner = createRunner();
const log = (line: string) => console.log(line);

/** A hung browser or build must not hang `npm test`: the whole run gets 280 s. */
const LIMIT_MS = 280_000;
setTimeout(() => {
  console.error(`  ✗ time limit: the Firefox checks did not finish within ${LIMIT_MS / 1000} s`);
  log(`${runner.summary().replace(/(\d+) failed/, (_, n) => `${Number(n) + 1} failed`)} (stopped after ${formatMs(Date.now() - started)})`);
  process.exit(1);
}, LIMIT_MS).unref();

function npm(script: string): Promise<string> {
  return new Promise((ok, ko) => {
    execFile('npm', ['run', '--silent', script], { cwd: ROOT, timeout: 150_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      if (err) ko(new Error(`npm run ${script} failed: ${err.message}\n${(stdout + stderr).split('\n').slice(-40).join('\n')}`));
      else ok(stdout + stderr);
    });
  });
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
function unwrap<T>(r: Settled<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

async function main() {
  log('Firefox and store packages');
  const zips = packagePaths(ROOT);

  let built = true;
  if (!flag('no-build')) {
    built =
      (await runner.check('npm run zip (Chrome + Firefox builds, store ZIPs, sources ZIP)', async () => {
        await npm('zip');
        return true;
      })) ?? false;
  }
  if (!built) {
    log('  the build failed: nothing else can be checked');
    return;
  }

  await runner.check('Firefox manifest: MV3, gecko id and minimum versions, no data collected, event page, files present', () => {
    const m = readJson(resolve(FIREFOX_DIR, 'manifest.json'));
    expectNoProblems(checkFirefoxManifest(m, FIREFOX_DIR), '.output/firefox-mv3/manifest.json');
    const g = m.browser_specific_settings.gecko;
    log(`    ${g.id}, Firefox ≥ ${g.strict_min_version}, Android ≥ ${m.browser_specific_settings.gecko_android?.strict_min_version}, data_collection_permissions ${JSON.stringify(g.data_collection_permissions)}`);
    log(`    permissions ${JSON.stringify(m.permissions ?? [])}, optional ${JSON.stringify(m.optional_permissions ?? [])}, host ${JSON.stringify(m.host_permissions ?? [])}`);
  });

  await runner.check('Firefox and Chrome builds have the same features (entry points, permissions)', () => {
    if (!existsSync(resolve(CHROME_DIR, 'manifest.json'))) fail('.output/chrome-mv3 is missing (npm run zip builds it)');
    expectNoProblems(checkParity(readJson(resolve(FIREFOX_DIR, 'manifest.json')), readJson(resolve(CHROME_DIR, 'manifest.json'))), 'Firefox vs Chrome');
  });

  for (const [browser, zip, dir] of [
    ['Firefox', zips.firefox, FIREFOX_DIR],
    ['Chrome', zips.chrome, CHROME_DIR],
  ] as const) {
    await runner.check(`${browser} store ZIP holds exactly the ${browser} build`, () => {
      const files = readZip(zip);
      expectNoProblems(diffFiles(readDir(dir), files, [dir.replace(ROOT + '/', ''), zip.replace(ROOT + '/', '')]), zip);
      if (!files.has('manifest.json')) fail('manifest.json is not at the root of the ZIP');
      log(`    ${zip.replace(ROOT + '/', '')}: ${formatBytes(statSync(zip).size)}, ${files.size} files`);
    });
  }

  await runner.check('sources ZIP holds what a reviewer needs and nothing else', () => {
    const names = [...readZip(zips.sources).keys()];
    expectNoProblems(checkSourcesListing(names, ROOT), zips.sources.replace(ROOT + '/', ''));
    log(`    ${zips.sources.replace(ROOT + '/', '')}: ${formatBytes(statSync(zips.sources).size)}, ${names.length} files`);
  });

  await runner.check('the checkers catch known-bad manifests, lint reports and ZIP listings', () => {
    const missed = selfTest(
      readJson(resolve(FIREFOX_DIR, 'manifest.json')),
      FIREFOX_DIR,
      readJson(resolve(CHROME_DIR, 'manifest.json')),
      [...readZip(zips.sources).keys()],
      ROOT,
    );
    expectNoProblems(missed, 'bad inputs that were not caught');
  });

  // The two slow checks (addons-linter, the rebuild from sources) run alongside the smoke test.
  const lintRun = flag('no-lint') ? null : settle(runWebExtLint(FIREFOX_DIR, ROOT));
  const rebuildRun = flag('no-rebuild') ? null : settle(rebuildFromSources(zips.sources, ROOT));

  if (!flag('no-smoke')) {
    const { startDemoServer } = await import('../demo/server');
    const { analyzeHtml } = await import('../src/node/engine');
    const server = await startDemoServer(0, '127.0.0.1');
    try {
      await runSmokeChecks(runner, {
        extension: option('extension') ? resolve(option('extension')!) : zips.firefox,
        origin: server.origin,
        async nodeScore(path) {
          try {
            const html = readFileSync(resolve(ROOT, 'demo', path.replace(/^\//, '')), 'utf8');
            const { report } = analyzeHtml(html, server.origin + path);
            return { score: Math.round(report.score), level: report.level };
          } catch {
            return null;
          }
        },
        shotsDir: option('shots') ? resolve(ROOT, option('shots')!) : undefined,
        log,
      });
    } finally {
      await server.close();
    }
  }

  if (lintRun) {
    await runner.check('web-ext lint .output/firefox-mv3: no errors, every warning explained', async () => {
      const report = unwrap(await lintRun);
      const verdict = judgeLint(report);
      log(`    addons-linter: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
      for (const e of verdict.explained) log(`    explained: ${describe(e.message)}`);
      for (const n of report.notices) log(`    notice: ${describe(n)}`);
      expectNoProblems(verdict.problems, 'addons-linter');
    });
  }

  if (rebuildRun) {
    await runner.check('a Firefox build from the sources ZIP is byte-identical to the Firefox store ZIP', async () => {
      const { files, dir } = unwrap(await rebuildRun);
      try {
        const problems = diffFiles(readZip(zips.firefox), files, ['the Firefox store ZIP', 'the rebuild from sources']);
        if (problems.length) {
          // In a shared working tree, an edit made while `npm run zip` ran also makes the ZIPs disagree: say so.
          const edited = [...readZip(zips.sources)].filter(([name, bytes]) => !existsSync(resolve(ROOT, name)) || !Buffer.from(bytes).equals(readFileSync(resolve(ROOT, name)))).map(([name]) => name);
          if (edited.length) problems.push(`note: ${edited.length} source file(s) differ from the sources ZIP now (edited during or after npm run zip?): ${edited.slice(0, 8).join(', ')}${edited.length > 8 ? ', …' : ''}`);
        }
        expectNoProblems(problems, 'rebuild from sources');
        log(`    ${files.size} files rebuilt in a fresh folder, all identical`);
      } finally {
        removeDir(dir);
      }
    });
  }
}

try {
  await main();
} catch (err) {
  runner.results.push({ name: 'firefox checks', status: 'failed', ms: 0, detail: String(err) });
  console.error(`  ✗ the checks stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
}
log(`${runner.summary()} (${formatMs(Date.now() - started)})`);
process.exit(runner.failed() > 0 ? 1 : 0);
