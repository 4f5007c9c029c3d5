/**
 * The checkers themselves must be able to fail: each is fed a known-bad input derived from the real
 * build and must report it. Returns the list of checkers that let a bad input through.
 */
import { checkFirefoxManifest, checkParity } from './manifest';
import { judgeLint, type LintReport } from './lint';
import { checkSourcesListing, diffFiles } from './packages';
import { stripChromeOnlyPermissions } from '../../scripts/firefox-manifest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export function selfTest(firefoxManifest: Json, firefoxDir: string, chromeManifest: Json, sourceNames: string[], root: string): string[] {
  const missed: string[] = [];
  const expectCaught = (what: string, problems: string[], needle: RegExp) => {
    if (!problems.some((p) => needle.test(p))) missed.push(`${what} (got: ${problems.join(' | ') || 'no problem'})`);
  };
  const clone = (): Json => structuredClone(firefoxManifest);

  let m = clone();
  m.browser_specific_settings.gecko.strict_min_version = '128.0';
  expectCaught('strict_min_version 128', checkFirefoxManifest(m, firefoxDir), /strict_min_version/);
  m = clone();
  m.browser_specific_settings.gecko.data_collection_permissions = { required: ['browsingActivity'] };
  expectCaught('data collected', checkFirefoxManifest(m, firefoxDir), /data_collection_permissions\.required/);
  m = clone();
  delete m.browser_specific_settings.gecko.data_collection_permissions;
  expectCaught('no data_collection_permissions', checkFirefoxManifest(m, firefoxDir), /data_collection_permissions is missing/);
  m = clone();
  m.background = { service_worker: 'background.js' };
  expectCaught('service worker background', checkFirefoxManifest(m, firefoxDir), /background\.scripts is missing/);
  m = clone();
  m.permissions = [...(m.permissions ?? []), 'pageCapture'];
  expectCaught('Chrome-only permission', checkFirefoxManifest(m, firefoxDir), /pageCapture/);
  m = clone();
  m.content_scripts[0].js = ['content-scripts/missing.js'];
  expectCaught('missing file', checkFirefoxManifest(m, firefoxDir), /missing\.js/);

  const c = structuredClone(chromeManifest);
  c.permissions = [...(c.permissions ?? []), 'downloads'];
  expectCaught('permission only in Chrome', checkParity(firefoxManifest, c), /downloads/);
  const c2 = structuredClone(chromeManifest);
  c2.permissions = [...(c2.permissions ?? []), 'pageCapture'];
  if (checkParity(firefoxManifest, c2).length) missed.push('pageCapture in Chrome only should be accepted');

  const stripped = { permissions: ['storage', 'pageCapture'], optional_permissions: ['pageCapture'] };
  stripChromeOnlyPermissions(stripped);
  if (JSON.stringify(stripped) !== JSON.stringify({ permissions: ['storage'] })) missed.push(`stripChromeOnlyPermissions gave ${JSON.stringify(stripped)}`);

  const empty: LintReport = { summary: { errors: 0, warnings: 0, notices: 0 }, errors: [], warnings: [], notices: [] };
  expectCaught('lint error', judgeLint({ ...empty, errors: [{ code: 'MANIFEST_FIELD_INVALID', message: 'x' }] }).problems, /^error: MANIFEST_FIELD_INVALID/);
  expectCaught('unexplained warning', judgeLint({ ...empty, warnings: [{ code: 'UNSAFE_VAR_ASSIGNMENT', file: 'content-scripts/shop.js', message: 'x' }] }).problems, /unexplained warning/);
  expectCaught('stale explanation', judgeLint(empty).problems, /stale explanation/);

  expectCaught('node_modules in sources', checkSourcesListing([...sourceNames, 'node_modules/zod/package.json'], root), /node_modules/);
  expectCaught('corpus in sources', checkSourcesListing([...sourceNames, 'eval/corpus/page.html'], root), /corpus/);
  expectCaught('missing lock file', checkSourcesListing(sourceNames.filter((n) => n !== 'package-lock.json'), root), /package-lock\.json/);
  const rule = sourceNames.find((n) => n.startsWith('rules/') && n.endsWith('.json'));
  if (rule) expectCaught('missing rule file', checkSourcesListing(sourceNames.filter((n) => n !== rule), root), new RegExp(rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  const a = new Map([['x.js', new Uint8Array([1])]]);
  expectCaught('changed byte', diffFiles(a, new Map([['x.js', new Uint8Array([2])]]), ['a', 'b']), /differs/);
  expectCaught('extra file', diffFiles(a, new Map([...a, ['y.js', new Uint8Array()]]), ['a', 'b']), /y\.js/);
  return missed;
}
