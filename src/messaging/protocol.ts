/**
 * The one typed message map of the extension. Every message is `{ type, payload }`; every reply is
 * `{ ok: true, value } | { ok: false, error }`. The background validates each payload with the zod
 * schema of the same name (src/messaging/schemas.ts) and checks who sent it (`from`).
 *
 * This file holds types only, so the content script can import it without bundling zod.
 * Evidence messages live in src/messaging/evidence-messages.ts (owned by the evidence module).
 */
import type { Category, Finding, Level, Locale, Locator, PageType, RiskReport, ExplainedFinding, FindingDetail, PageSnapshot, TextSegment } from '../engine/types';
import type { PageStrings } from '../i18n/page-strings';

/** What the content script measured while scanning (for tests, benchmarks and the popup footer). */
export interface ScanStats {
  /** text nodes visited */
  nodes: number;
  /** segments currently in the session */
  segments: number;
  /** wall-clock ms spent in our slices for this scan */
  busyMs: number;
  /** longest single slice or task, ms */
  longestSliceMs: number;
  /** longest unsliceable task (page facts, scoring), ms */
  longestTaskMs: number;
  slices: number;
  /** incremental rescans since the page loaded */
  rescans: number;
  truncated: boolean;
  gaveUp: boolean;
}

/** One scan of one page, sent by the content script (page-derived: validated strictly). */
export interface ScanReportPayload {
  url: string;
  title: string;
  pageType: PageType;
  findings: Finding[];
  report: RiskReport;
  /** the page asks for a password, card number, CVV or SMS code */
  asksForCredentials: boolean;
  stats: ScanStats;
  /**
   * what the background's domain checks need (the content script does not bundle them); null: the
   * same as the last ones this tab sent for this page (the background keeps them, and answers
   * FactsNeeded when it has none)
   */
  domainFacts: DomainFacts | null;
}

/** The background's answer to a report without facts when it has none for the page (its worker restarted): send them. */
export interface FactsNeeded {
  factsNeeded: true;
}

/** Page facts for the payment-spoof detectors, which run in the background (src/background/domain-findings.ts). */
export type DomainFacts = Pick<PageSnapshot, 'lang' | 'forms' | 'looseFields' | 'links' | 'iframes' | 'images' | 'scripts' | 'qrPayloads'> & {
  /** title and heading segments */
  leadSegments: TextSegment[];
};

export interface BannerReason {
  category: Category;
  /** the category's name in the verdict's language */
  categoryName: string;
  title: string;
  occurrences: number;
}

export interface BannerModel {
  level: Level;
  /** the level's name in the verdict's language */
  levelName: string;
  score: number;
  count: number;
  reasons: BannerReason[];
}

export interface InterstitialModel {
  /** the page's own host */
  host: string;
  /** where the card data would be sent, when that is another host (form action, frame) */
  target?: string;
  /** the imitated brand's name in the verdict's language */
  brand?: string;
  officialDomain?: string;
  diff?: string;
  /** how the host imitates the brand, already in the verdict's language */
  technique?: string;
}

/** What the page should show, decided by the background from the report and the settings. */
export interface PageVerdict {
  locale: Locale;
  /** what the in-page UI says, in `locale` (the content script carries no strings of its own) */
  strings: PageStrings;
  banner: BannerModel | null;
  interstitial: InterstitialModel | null;
}

/**
 * What the content script needs before it scans. The rules come from here, not from the content
 * script's bundle (it stays small): the built-in text rules of the enabled categories plus the
 * custom packs (validated when imported). Detector rules run in the background.
 */
export interface PageConfig {
  locale: Locale;
  rules: import('../rules/match-rule').MatchRule[];
  /** changes whenever `rules` does: the content script compiles once per key */
  rulesKey: string;
  /** the rules' index, made by the background (src/rules/pack.ts); null: the content script compiles the rules itself */
  rulesPack: import('../rules/pack').RulesPack | null;
  /** the page is on a registered brand's own domain (its official top-up page is no card shop) */
  officialHost: boolean;
}

/** A tab's stored state, as the popup sees it. */
export interface TabReportView {
  tabId: number;
  url: string;
  host: string;
  title: string;
  pageType: PageType;
  report: RiskReport;
  findings: ExplainedFinding[];
  trusted: boolean;
  stats: ScanStats;
  updatedAt: number;
}

export type BannerAction = 'dismiss' | 'trust' | 'details';
export type InterstitialAction = 'leave' | 'continue';

/** Messages to the background. `from` says which senders may send it. */
export interface BackgroundProtocol {
  'get-page-config': { from: 'content'; req: Record<string, never>; res: PageConfig };
  'scan-report': { from: 'content'; req: ScanReportPayload; res: PageVerdict | FactsNeeded };
  'banner-action': { from: 'content'; req: { action: BannerAction }; res: { done: true } };
  'interstitial-action': { from: 'content'; req: { action: InterstitialAction }; res: { done: true } };
  'get-tab-report': { from: 'extension'; req: { tabId: number }; res: TabReportView | null };
  'get-active-tab': { from: 'extension'; req: Record<string, never>; res: { tabId: number | null } };
  'show-on-page': { from: 'extension'; req: { tabId: number; findings: number[] }; res: { shown: number } };
  'set-trust': { from: 'extension'; req: { host: string; trusted: boolean }; res: { done: true } };
}

/** Messages from the background to a tab's content script. */
export interface ContentProtocol {
  'highlight': { req: { locators: Locator[] }; res: { shown: number } };
  /** settings changed: fetch the config again and rescan */
  'refresh': { req: Record<string, never>; res: { done: true } };
  /** trust/dismiss changed: show this verdict now */
  'apply-verdict': { req: PageVerdict; res: { done: true } };
  /** evidence capture: hide our own UI (banner, highlights) while on; sent by the background only */
  'capture-mode': { req: { on: boolean }; res: { on: boolean } };
}

export type BackgroundMessageType = keyof BackgroundProtocol;
export type ContentMessageType = keyof ContentProtocol;

export interface Envelope<T extends string, P> {
  type: T;
  payload: P;
}
export type BackgroundMessage = { [K in BackgroundMessageType]: Envelope<K, BackgroundProtocol[K]['req']> }[BackgroundMessageType];
export type ContentMessage = { [K in ContentMessageType]: Envelope<K, ContentProtocol[K]['req']> }[ContentMessageType];

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export const BACKGROUND_MESSAGE_TYPES = [
  'get-page-config',
  'scan-report',
  'banner-action',
  'interstitial-action',
  'get-tab-report',
  'get-active-tab',
  'show-on-page',
  'set-trust',
] as const satisfies readonly BackgroundMessageType[];

export type { FindingDetail };

/** Segment keys below this are synthetic (title, placeholders, button values): nothing to highlight. */
export const FIRST_TEXT_KEY = 1000;
