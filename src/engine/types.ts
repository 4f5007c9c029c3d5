/**
 * Shared vocabulary of the pure engine. Nothing here may import the browser, WXT, Preact or idb:
 * the same types travel through the content script, the background, the CLI and the tests.
 */

export const CATEGORIES = [
  'exaggerated-claim',
  'unfair-terms',
  'card-shop',
  'cash-out',
  'payment-spoof',
  'privacy-overreach',
  'pressure-tactics',
  'off-platform-payment',
  'trust-gap',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Soft categories can never, alone or together, push a page to `danger`. */
export const SOFT_CATEGORIES: readonly Category[] = ['pressure-tactics', 'trust-gap'];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PAGE_TYPES = ['product', 'checkout', 'payment', 'article', 'other'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** Where in the page a piece of text sits; rules may restrict themselves to some zones. */
export const ZONES = ['title', 'heading', 'body', 'button', 'form', 'nav', 'footer', 'meta'] as const;
export type Zone = (typeof ZONES)[number];

export const LEVELS = ['safe', 'caution', 'warning', 'danger'] as const;
export type Level = (typeof LEVELS)[number];

export type Locale = 'zh' | 'en';
export interface LocalizedText {
  zh: string;
  en: string;
}

/** One visible run of text (a block element's inline text, joined across its text nodes). */
export interface TextSegment {
  text: string;
  zone: Zone;
  /** CSS-like path of the block element that holds the text, for highlighting and reports. */
  path: string;
}

export interface FormField {
  /** input type, or 'select' / 'textarea' */
  type: string;
  name: string;
  id: string;
  placeholder: string;
  autocomplete: string;
  /** visible label text (label[for], aria-label, wrapping label) */
  label: string;
  maxLength: number | null;
  path: string;
}

export interface FormInfo {
  action: string;
  method: string;
  path: string;
  fields: FormField[];
}

export interface LinkInfo {
  href: string;
  text: string;
  path: string;
}

export interface FrameInfo {
  src: string;
  path: string;
}

export interface ImageInfo {
  src: string;
  alt: string;
  path: string;
}

/** Everything the engine needs from a page: built by src/page/extract in the browser or in Node. */
export interface PageSnapshot {
  url: string;
  title: string;
  lang: string;
  segments: TextSegment[];
  forms: FormInfo[];
  /** inputs outside any <form> */
  looseFields: FormField[];
  links: LinkInfo[];
  iframes: FrameInfo[];
  images: ImageInfo[];
  /** absolute URLs of external scripts */
  scripts: string[];
  /** lower-cased meta name/property → content */
  meta: Record<string, string>;
  /** decoded QR payloads or data-* payment URLs found on the page, when readable */
  qrPayloads: string[];
  /** schema.org @type values found in JSON-LD and microdata (e.g. Product, NewsArticle) */
  structuredTypes: string[];
  /** characters of visible text inside <article> elements */
  articleChars: number;
  /** extraction stopped at a node or size cap */
  truncated: boolean;
}

export interface Excerpt {
  before: string;
  match: string;
  after: string;
}

export interface Locator {
  /** index into PageSnapshot.segments, or -1 for findings about URLs, forms or frames */
  segment: number;
  /** offsets into the original (not normalized) segment text */
  start: number;
  end: number;
  path: string;
}

/** Extra facts for findings computed by code rather than by phrases (domain checks, forms). */
export interface FindingDetail {
  brand?: string;
  technique?: string;
  /** the characters that differ from the brand's official domain, e.g. "1 → l" */
  diff?: string;
  host?: string;
  officialDomain?: string;
  /** where the evidence was seen: 'top-frame' | 'iframe' | 'form-action' | 'link' | 'script' | 'qr' | 'content' */
  source?: string;
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  excerpt: Excerpt;
  locator: Locator;
  /** how many times the rule matched on the page (the finding quotes the first) */
  occurrences: number;
  detail?: FindingDetail;
}

/** A finding with its rule's words attached, as the popup, report and CLI show it. */
export interface ExplainedFinding extends Finding {
  title: LocalizedText;
  explanation: LocalizedText;
  legalBasis?: LocalizedText;
}

export interface Contribution {
  /** index into the findings array the report was scored from */
  finding: number;
  ruleId: string;
  category: Category;
  points: number;
}

export interface RiskReport {
  score: number;
  level: Level;
  byCategory: Partial<Record<Category, number>>;
  /** every point of the score, traceable to a finding; sums to `score` */
  contributions: Contribution[];
}

export const LEVEL_THRESHOLDS = { caution: 15, warning: 40, danger: 70 } as const;

export function levelForScore(score: number): Level {
  if (score >= LEVEL_THRESHOLDS.danger) return 'danger';
  if (score >= LEVEL_THRESHOLDS.warning) return 'warning';
  if (score >= LEVEL_THRESHOLDS.caution) return 'caution';
  return 'safe';
}
