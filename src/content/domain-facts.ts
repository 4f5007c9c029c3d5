/**
 * The page facts the background's payment-spoof checks read (they run there: the content script
 * does not carry tldts or the brand registry), bounded as the schema wants them, and what tells the
 * controller whether they changed since the background last got them: a report carries them only
 * then (on the bench's scroll page they were 37 of each report's 39 kB, the same at every step).
 */
import type { DomainFacts } from '../messaging/protocol';
import type { FormField, TextSegment } from '../engine/types';
import type { PageFacts } from './scanner';

const APP_SCHEME = /^(?:alipays?|weixin|wxp|upwallet|unionpay|mqqapi):/i;
/** hosts of links already parsed (a listing has up to 2,000 links, and facts are read at every rescan) */
const MAX_REMEMBERED_HOSTS = 10_000;

export interface DomainFactsReader {
  /** the facts, bounded */
  read(facts: PageFacts, leadSegments: TextSegment[], url: string): DomainFacts;
}

export function createDomainFactsReader(): DomainFactsReader {
  const hostOfHref = new Map<string, string | null>();
  const hostOf = (href: string): string | null => {
    let host = hostOfHref.get(href);
    if (host !== undefined) return host;
    host = parseHost(href);
    if (hostOfHref.size >= MAX_REMEMBERED_HOSTS) hostOfHref.clear();
    hostOfHref.set(href, host);
    return host;
  };
  return { read: (facts, leadSegments, url) => domainFactsOf(facts, leadSegments, url, hostOf) };
}

const cut = (s: string, n: number) => s.slice(0, n);
const field = (f: FormField): FormField => ({
  ...f,
  name: cut(f.name, 300),
  id: cut(f.id, 300),
  placeholder: cut(f.placeholder, 300),
  label: cut(f.label, 300),
  path: cut(f.path, 1000),
  type: cut(f.type, 40),
  autocomplete: cut(f.autocomplete, 100),
});

/**
 * Bounded (the schema refuses more). Links: those leaving the page's host, or to a payment app's
 * scheme, one per host.
 */
export function domainFactsOf(facts: PageFacts, leadSegments: TextSegment[], url: string, hostOf: (href: string) => string | null = parseHost): DomainFacts {
  const pageHost = hostOf(url) ?? '';
  const seen = new Set<string>();
  const links = facts.links.filter((l) => {
    const host = hostOf(l.href);
    if (host === null) return false;
    if (host === pageHost && !APP_SCHEME.test(l.href)) return false;
    const key = host || l.href.slice(0, 40);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    lang: cut(facts.lang, 50),
    forms: facts.forms.slice(0, 100).map((f) => ({ action: cut(f.action, 4096), method: cut(f.method, 20), path: cut(f.path, 1000), fields: f.fields.slice(0, 100).map(field) })),
    looseFields: facts.looseFields.slice(0, 200).map(field),
    links: links.slice(0, 500).map((l) => ({ href: cut(l.href, 4096), text: cut(l.text, 200), path: cut(l.path, 1000) })),
    iframes: facts.iframes.slice(0, 100).map((f) => ({ src: cut(f.src, 4096), path: cut(f.path, 1000) })),
    images: facts.images.filter((i) => i.alt).slice(0, 200).map((i) => ({ src: cut(i.src, 4096), alt: cut(i.alt, 300), path: cut(i.path, 1000) })),
    scripts: facts.scripts.slice(0, 300).map((s) => cut(s, 4096)),
    qrPayloads: facts.qrPayloads.slice(0, 50).map((q) => cut(q, 1000)),
    leadSegments: leadSegments.slice(0, 200),
  };
}

function parseHost(href: string): string | null {
  try {
    return new URL(href).hostname;
  } catch {
    return null;
  }
}
