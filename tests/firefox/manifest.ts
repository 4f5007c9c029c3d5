/**
 * What the built Firefox manifest must say (issue 8): Manifest V3, a fixed Gecko add-on id, a minimum
 * version that supports every key we use, data_collection_permissions declaring that nothing is
 * collected, an event-page background (Firefox MV3 has no extension service worker), and every file it
 * names present in the package. Plus parity with the Chrome build: the same entry points and the same
 * permissions, except the ones Firefox does not have (listed with the reason).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_ONLY_PERMISSIONS } from '../../scripts/firefox-manifest';

export { CHROME_ONLY_PERMISSIONS };

export const GECKO_ID = 'shop-sentinel@shopsentinel.dev';
/** Firefox 140 (ESR) introduced data_collection_permissions on desktop, Firefox for Android 142. */
export const MIN_DESKTOP = 140;
export const MIN_ANDROID = 142;

/** Firefox-only permissions we allow in the Firefox build, and why. */
export const FIREFOX_ONLY_PERMISSIONS: Record<string, string> = {};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function major(version: unknown): number {
  return typeof version === 'string' ? Number.parseInt(version.split('.')[0] ?? '', 10) : Number.NaN;
}

/** The files a manifest refers to (relative to the package root). */
export function referencedFiles(m: Json): string[] {
  const files = new Set<string>();
  const add = (f: unknown) => typeof f === 'string' && !/^https?:/.test(f) && files.add(f.replace(/^\//, ''));
  for (const f of Object.values(m.icons ?? {})) add(f);
  for (const f of Object.values(m.action?.default_icon ?? {})) add(f);
  add(m.action?.default_popup);
  add(m.options_ui?.page);
  add(m.options_page);
  for (const f of m.background?.scripts ?? []) add(f);
  add(m.background?.page);
  add(m.background?.service_worker);
  for (const cs of m.content_scripts ?? []) for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) add(f);
  if (m.default_locale) add(`_locales/${String(m.default_locale).replace('-', '_')}/messages.json`);
  return [...files];
}

/** Problems with the Firefox manifest in `dir` (empty when it is store-ready). */
export function checkFirefoxManifest(m: Json, dir: string): string[] {
  const problems: string[] = [];
  if (m.manifest_version !== 3) problems.push(`manifest_version is ${m.manifest_version}, expected 3`);
  const gecko = m.browser_specific_settings?.gecko;
  if (!gecko) problems.push('browser_specific_settings.gecko is missing');
  else {
    if (gecko.id !== GECKO_ID) problems.push(`gecko.id is ${JSON.stringify(gecko.id)}, expected ${GECKO_ID}`);
    if (!(major(gecko.strict_min_version) >= MIN_DESKTOP))
      problems.push(`gecko.strict_min_version is ${JSON.stringify(gecko.strict_min_version)}; data_collection_permissions needs ${MIN_DESKTOP}.0 or later`);
    const dcp = gecko.data_collection_permissions;
    if (!dcp) problems.push('gecko.data_collection_permissions is missing (required for new AMO listings since 2025-11-03)');
    else {
      if (JSON.stringify(dcp.required) !== JSON.stringify(['none']))
        problems.push(`data_collection_permissions.required is ${JSON.stringify(dcp.required)}, expected ["none"]: ShopSentinel collects nothing`);
      if (dcp.optional?.length) problems.push(`data_collection_permissions.optional is ${JSON.stringify(dcp.optional)}, expected none`);
    }
  }
  const android = m.browser_specific_settings?.gecko_android;
  if (android && !(major(android.strict_min_version) >= MIN_ANDROID))
    problems.push(`gecko_android.strict_min_version is ${JSON.stringify(android.strict_min_version)}; data_collection_permissions needs ${MIN_ANDROID}.0 on Android`);
  if (!android) problems.push(`browser_specific_settings.gecko_android.strict_min_version is missing (Android needs ${MIN_ANDROID}.0 for data_collection_permissions)`);

  if (!m.background?.scripts?.length) problems.push('background.scripts is missing: Firefox MV3 runs the background as an event page');
  if (m.background?.service_worker) problems.push('background.service_worker is set: Firefox MV3 does not support extension service workers');
  if (m.key) problems.push('"key" is a Chrome-only key');
  if (!m.content_scripts?.length) problems.push('no content_scripts: the page scanner would never run');
  for (const p of m.permissions ?? [])
    if (CHROME_ONLY_PERMISSIONS[p]) problems.push(`permission "${p}" does not exist in Firefox (${CHROME_ONLY_PERMISSIONS[p]})`);
  for (const f of referencedFiles(m)) if (!existsSync(join(dir, f))) problems.push(`the manifest names ${f}, which is not in the package`);
  return problems;
}

/** Problems with Firefox ⇄ Chrome parity: the same entry points, the same permissions except the listed ones. */
export function checkParity(firefox: Json, chrome: Json): string[] {
  const problems: string[] = [];
  const ffPerms = new Set<string>(firefox.permissions ?? []);
  const crPerms = new Set<string>(chrome.permissions ?? []);
  for (const p of crPerms) if (!ffPerms.has(p) && !CHROME_ONLY_PERMISSIONS[p]) problems.push(`Chrome has permission "${p}", Firefox does not`);
  for (const p of ffPerms) if (!crPerms.has(p) && !FIREFOX_ONLY_PERMISSIONS[p]) problems.push(`Firefox has permission "${p}", Chrome does not (add it to FIREFOX_ONLY_PERMISSIONS with a reason)`);
  const hosts = (m: Json) => JSON.stringify([...(m.host_permissions ?? [])].sort());
  if (hosts(firefox) !== hosts(chrome)) problems.push(`host_permissions differ: Firefox ${hosts(firefox)}, Chrome ${hosts(chrome)}`);
  const optional = (m: Json) => JSON.stringify([...(m.optional_permissions ?? [])].filter((p: string) => !CHROME_ONLY_PERMISSIONS[p]).sort());
  if (optional(firefox) !== optional(chrome)) problems.push(`optional_permissions differ: Firefox ${optional(firefox)}, Chrome ${optional(chrome)}`);
  const scripts = (m: Json) => JSON.stringify((m.content_scripts ?? []).map((c: Json) => ({ matches: c.matches, js: c.js, run_at: c.run_at, all_frames: c.all_frames })));
  if (scripts(firefox) !== scripts(chrome)) problems.push(`content_scripts differ:\n  Firefox ${scripts(firefox)}\n  Chrome  ${scripts(chrome)}`);
  if (firefox.action?.default_popup !== chrome.action?.default_popup) problems.push('the popup differs between the builds');
  const options = (m: Json) => m.options_ui?.page ?? m.options_page;
  if (options(firefox) !== options(chrome)) problems.push('the options page differs between the builds');
  if (firefox.version !== chrome.version) problems.push(`versions differ: Firefox ${firefox.version}, Chrome ${chrome.version}`);
  const cmds = (m: Json) => JSON.stringify(Object.keys(m.commands ?? {}).sort());
  if (cmds(firefox) !== cmds(chrome)) problems.push(`commands differ: Firefox ${cmds(firefox)}, Chrome ${cmds(chrome)}`);
  if (chrome.browser_specific_settings) problems.push('the Chrome manifest carries browser_specific_settings (Firefox-only)');
  return problems;
}
