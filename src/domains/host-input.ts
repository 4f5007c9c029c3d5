/**
 * Turns what a user, a page or a file gives us (a host, a URL, a host with port or trailing dot,
 * upper case, xn-- labels) into one lower-case Unicode host, or says clearly why it is not one.
 */
import { decodeHostLabels } from './punycode';

export type HostInput = { ok: true; host: string; ascii: string } | { ok: false; error: string };

const MAX_HOST = 253;

const ABSOLUTE_HTTP = /^https?:\/\/(?:[^/?#@\s]*@)?([a-z0-9.-]+)(?::\d*)?(?:[/?#]|$)/i;

/** a scheme at the start (javascript:, mailto:, data:, https:) */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** a reference that keeps the base's host: a path (not //host or /\host), a query or a fragment, or empty */
const SAME_HOST_REFERENCE = /^(?:\/(?![/\\])|[?#.]|[^\s\\/:?#]+(?:[/?#]|$)|$)/;
let lastBase = '';
let lastBaseHost = '';

/**
 * The host of a URL (lower case, without a trailing dot), resolved against `base` when relative;
 * '' for data:, javascript:, mailto: and bad URLs. Fast paths (no URL object) for absolute http(s) URLs, other schemes and same-host
 * references, which are nearly all the links of a page.
 */
export function hostOfUrl(url: string, base?: string): string {
  const m = ABSOLUTE_HTTP.exec(url);
  if (m?.[1] && !m[1].includes('..')) return m[1].toLowerCase().replace(/\.$/, '');
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return '';
  if (scheme === undefined && base && SAME_HOST_REFERENCE.test(url) && !/[\t\n\r\\]/.test(url)) {
    if (base !== lastBase) {
      lastBaseHost = hostOfUrl(base);
      lastBase = base;
    }
    return lastBaseHost;
  }
  try {
    const u = base ? new URL(url, base) : new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
    return u.hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return '';
  }
}

const PLAIN_HOST = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function parseHostInput(raw: string): HostInput {
  // fast path: an already lower-case ASCII host name (what pages and URL.hostname give us)
  if (PLAIN_HOST.test(raw) && !/^\d+(?:\.\d+){3}$/.test(raw)) return { ok: true, ascii: raw, host: decodeHostLabels(raw) };
  let s = raw.trim();
  if (!s) return { ok: false, error: 'empty host' };
  if (s.length > 2048) return { ok: false, error: 'input longer than 2048 characters' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    try {
      s = new URL(s).hostname;
    } catch {
      return { ok: false, error: `not a valid URL: ${JSON.stringify(raw.slice(0, 80))}` };
    }
  } else {
    s = s.replace(/[/?#].*$/, '').replace(/^[^@]*@/, '');
    if (/^\[.*\]/.test(s)) s = s.replace(/\].*$/, ']');
    else s = s.replace(/:\d+$/, '');
  }
  s = s.replace(/\.$/, '');
  if (!s) return { ok: false, error: `no host in ${JSON.stringify(raw.slice(0, 80))}` };
  if (/[\s<>"'`\\{}|^%]/.test(s)) return { ok: false, error: `not a host name: ${JSON.stringify(raw.slice(0, 80))} (contains spaces or URL-only characters)` };
  if (s.length > MAX_HOST) return { ok: false, error: `host longer than ${MAX_HOST} characters` };
  let ascii: string;
  try {
    // WHATWG URL applies IDNA (lower-casing, NFC, punycode encoding) and rejects invalid hosts.
    ascii = new URL(`http://${s.startsWith('[') ? s : s}/`).hostname;
  } catch {
    return { ok: false, error: `not a valid host name: ${JSON.stringify(raw.slice(0, 80))}` };
  }
  if (!ascii) return { ok: false, error: `not a valid host name: ${JSON.stringify(raw.slice(0, 80))}` };
  if (ascii.split('.').some((l) => l.length > 63)) return { ok: false, error: 'a label is longer than 63 characters' };
  if (!ascii.startsWith('[') && ascii.split('.').some((l) => l === '')) return { ok: false, error: `empty label in ${JSON.stringify(raw.slice(0, 80))}` };
  return { ok: true, ascii, host: decodeHostLabels(ascii) };
}
