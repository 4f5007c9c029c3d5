/**
 * The Firefox-only adjustment of the generated manifest (wired in wxt.config.ts through the
 * `build:manifestGenerated` hook): permissions that exist only in Chrome are dropped from the Firefox
 * build, where addons-linter would flag them as invalid and Firefox would ignore them. The code that
 * uses them checks for the API at run time and degrades (see docs/FIREFOX.md).
 */

/** Chrome permissions Firefox does not implement, and what the add-on does instead in Firefox. */
export const CHROME_ONLY_PERMISSIONS: Record<string, string> = {
  pageCapture: 'no MHTML snapshot in Firefox: the evidence bundle keeps the serialized HTML, the text and the screenshots',
  offscreen: 'not needed: the Firefox background is an event page with a DOM (canvas, DOMParser)',
  sidePanel: 'Firefox has sidebar_action instead',
  tabGroups: 'not available to Firefox extensions',
};

interface PermissionLists {
  permissions?: string[];
  optional_permissions?: string[];
}

/** Removes Chrome-only permissions in place; returns the ones removed. */
export function stripChromeOnlyPermissions(manifest: PermissionLists): string[] {
  const removed: string[] = [];
  for (const key of ['permissions', 'optional_permissions'] as const) {
    const list = manifest[key];
    if (!list) continue;
    const kept = list.filter((p) => {
      const drop = p in CHROME_ONLY_PERMISSIONS;
      if (drop) removed.push(p);
      return !drop;
    });
    if (kept.length) manifest[key] = kept;
    else delete manifest[key];
  }
  return removed;
}
