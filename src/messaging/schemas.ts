/**
 * zod schemas for every message the background accepts. Anything that comes from a page (the scan
 * report) is bounded: string lengths, array sizes, numbers. Imported by the background only.
 */
import { z } from 'zod';
import { CATEGORIES, LEVELS, PAGE_TYPES, SEVERITIES, ZONES } from '../engine/types';
import type { BackgroundMessageType, BackgroundProtocol } from './protocol';

const MAX_FINDINGS = 500;
const text = (max: number) => z.string().max(max);
const int = z.number().int();
const count = z.number().int().min(0).max(1_000_000_000);
const ms = z.number().min(0).max(86_400_000);

export const excerptSchema = z.strictObject({ before: text(400), match: text(600), after: text(400) });

export const locatorSchema = z.strictObject({
  segment: int.min(-1).max(100_000_000),
  start: int.min(0).max(10_000_000),
  end: int.min(0).max(10_000_000),
  path: text(1000),
});

export const findingDetailSchema = z.strictObject({
  brand: text(200).optional(),
  technique: text(300).optional(),
  diff: text(400).optional(),
  host: text(300).optional(),
  officialDomain: text(300).optional(),
  source: text(300).optional(),
});

export const findingSchema = z.strictObject({
  ruleId: text(120),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  excerpt: excerptSchema,
  locator: locatorSchema,
  occurrences: int.min(1).max(1_000_000),
  detail: findingDetailSchema.optional(),
});

export const riskReportSchema = z.strictObject({
  score: z.number().min(0).max(100),
  level: z.enum(LEVELS),
  byCategory: z.partialRecord(z.enum(CATEGORIES), z.number().min(0).max(100)),
  contributions: z
    .array(
      z.strictObject({
        finding: int.min(0).max(MAX_FINDINGS),
        ruleId: text(120),
        category: z.enum(CATEGORIES),
        points: z.number().min(0).max(100),
      }),
    )
    .max(MAX_FINDINGS),
});

export const scanStatsSchema = z.strictObject({
  nodes: count,
  segments: count,
  busyMs: ms,
  longestSliceMs: ms,
  longestTaskMs: ms,
  slices: count,
  rescans: count,
  truncated: z.boolean(),
  gaveUp: z.boolean(),
});

const httpUrl = text(4096).refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

const fieldSchema = z.strictObject({
  type: text(40),
  name: text(300),
  id: text(300),
  placeholder: text(300),
  autocomplete: text(100),
  label: text(300),
  maxLength: int.min(-1).max(10_000_000).nullable(),
  path: text(1000),
});

export const domainFactsSchema = z.strictObject({
  lang: text(50),
  forms: z.array(z.strictObject({ action: text(4096), method: text(20), path: text(1000), fields: z.array(fieldSchema).max(100) })).max(100),
  looseFields: z.array(fieldSchema).max(200),
  links: z.array(z.strictObject({ href: text(4096), text: text(200), path: text(1000) })).max(500),
  iframes: z.array(z.strictObject({ src: text(4096), path: text(1000) })).max(100),
  images: z.array(z.strictObject({ src: text(4096), alt: text(300), path: text(1000) })).max(200),
  scripts: z.array(text(4096)).max(300),
  qrPayloads: z.array(text(1000)).max(50),
  leadSegments: z.array(z.strictObject({ text: text(1000), zone: z.enum(ZONES), path: text(1000) })).max(200),
});

export const scanReportSchema = z.strictObject({
  url: httpUrl,
  title: text(1000),
  pageType: z.enum(PAGE_TYPES),
  findings: z.array(findingSchema).max(MAX_FINDINGS),
  report: riskReportSchema,
  asksForCredentials: z.boolean(),
  stats: scanStatsSchema,
  domainFacts: domainFactsSchema.nullable(),
});

const empty = z.strictObject({});
const tabId = int.min(0).max(2 ** 31);

/** One schema per message type; the router refuses a type that is not here. */
export const BACKGROUND_SCHEMAS = {
  'get-page-config': empty,
  'scan-report': scanReportSchema,
  'banner-action': z.strictObject({ action: z.enum(['dismiss', 'trust', 'details']) }),
  'interstitial-action': z.strictObject({ action: z.enum(['leave', 'continue']) }),
  'get-tab-report': z.strictObject({ tabId }),
  'get-active-tab': empty,
  'show-on-page': z.strictObject({ tabId, findings: z.array(int.min(0).max(MAX_FINDINGS)).max(MAX_FINDINGS) }),
  'set-trust': z.strictObject({ host: text(253).min(1), trusted: z.boolean() }),
} satisfies { [K in BackgroundMessageType]: z.ZodType<BackgroundProtocol[K]['req']> };

/** Who may send each message: a content script in a web page tab, or one of our own pages. */
export const MESSAGE_ORIGINS: { [K in BackgroundMessageType]: BackgroundProtocol[K]['from'] } = {
  'get-page-config': 'content',
  'scan-report': 'content',
  'banner-action': 'content',
  'interstitial-action': 'content',
  'get-tab-report': 'extension',
  'get-active-tab': 'extension',
  'show-on-page': 'extension',
  'set-trust': 'extension',
};
