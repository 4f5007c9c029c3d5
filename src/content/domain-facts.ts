/**
 * The page facts the background's payment-spoof checks read (they run there: the content script
 * does not carry tldts or the brand registry), bounded as the schema wants them. A report carries
 * them only when they changed (src/content/controller.ts): on the bench's scroll page they were 37
 * of each report's 39 kB, the same at every step.
 */
import type { DomainFacts } from '../messaging/protocol';
import type { FormField, TextSegment } from '../engine/types';
import type { PageFacts } from './scanner';

const APP_SCHEME = /^(?:alipays?|weixin|wxp|upwallet|unionpay|mqqapi):/i;
const FIELD_MAX = { type: 40, name: 300, id: 300, placeholder: 300, autocomplete: 100, label: 300, path: 1000 } as const;

const cut = (s: string, n: number) => s.slice(0, n);
const field = (f: FormField): FormField => {
  const out = { ...f };
  for (const key of Object.keys(FIELD_MAX) as (keyof typeof FIELD_MAX)[]) out[key] = cut(f[key], FIELD_MAX[key]);
  return out;
};

function hostOf(href: string): string | null {
  try {
    return new URL(href).hostname;
  } catch {
    return null;
  }
}

/**
 * Bounded (the schema refuses more). Links: those leaving the page's host, or to a payment app's
 * scheme, one per host (the page facts hold only links that name a host: a listing's thousands of
 * /item/… links are not among them).
 */
export function domainFactsOf(facts: PageFacts, leadSegments: TextSegment[], url: string): DomainFacts {
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
