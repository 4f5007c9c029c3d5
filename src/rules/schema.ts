/**
 * The rule file format. One rule per JSON file under rules/<category>/<id>.json.
 * Validated with zod at build time (vite plugin), in the CLI, in the options page (custom packs) and in tests.
 */
import { z } from 'zod';
import { CATEGORIES, PAGE_TYPES, SEVERITIES, ZONES } from '../engine/types';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const localizedSchema = z.strictObject({ zh: nonEmpty, en: nonEmpty });

/** An example is a piece of page text; the object form says on what kind of page it stands. */
export const exampleSchema = z.union([
  nonEmpty,
  z.strictObject({
    text: nonEmpty,
    pageType: z.enum(PAGE_TYPES).optional(),
    url: z.url().optional(),
    zone: z.enum(ZONES).optional(),
    title: z.string().optional(),
  }),
  z.strictObject({
    /** a fragment of HTML, extracted like a real page (forms, iframes, links count) */
    html: nonEmpty,
    pageType: z.enum(PAGE_TYPES).optional(),
    url: z.url().optional(),
  }),
]);

export const regexPatternSchema = z.strictObject({
  /** JavaScript RegExp source, matched case-insensitively against normalized text (flags "iu"). */
  source: nonEmpty.max(300, 'regex longer than 300 characters'),
  /**
   * Literal tokens, at least one of which every match contains. The engine finds anchors in one
   * Aho-Corasick pass and runs the regex only in a window around them.
   */
  anchors: z.array(nonEmpty).min(1, 'a regex needs at least one anchor token'),
});

export const contextSchema = z.strictObject({
  /** phrases that cancel a match when they stand within `window` characters of it in the same segment */
  exceptions: z.array(nonEmpty).default([]),
  /** when set, at least one of these phrases must stand within `window` characters of the match */
  requireNearby: z.array(nonEmpty).default([]),
  window: z.number().int().min(1).max(400).default(30),
  /** only text in these zones counts (default: all) */
  zones: z.array(z.enum(ZONES)).min(1).optional(),
  /** only on these page types (default: all) */
  pageTypes: z.array(z.enum(PAGE_TYPES)).min(1).optional(),
  excludePageTypes: z.array(z.enum(PAGE_TYPES)).default([]),
  /** a brand's own official site (e.g. its top-up page) is not suspected by this rule */
  skipOnOfficialHosts: z.boolean().default(false),
  /** the rule fires only when it matched at least this many times on the page */
  minOccurrences: z.number().int().min(1).max(50).default(1),
  /** `absent`: the rule fires when none of its patterns occur on a page of the given types/locales */
  mode: z.enum(['present', 'absent']).default('present'),
});

export const ruleSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case: lower-case letters, digits and single hyphens'),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  locales: z.array(z.enum(['zh', 'en'])).min(1),
  title: localizedSchema,
  /** phrases and regexes matched against the page text; may be empty when `detector` does the work */
  patterns: z
    .strictObject({
      phrases: z.array(nonEmpty).default([]),
      regexes: z.array(regexPatternSchema).default([]),
    })
    .default({ phrases: [], regexes: [] }),
  /**
   * A named detector in code (src/engine/detectors) for what phrases cannot express: lookalike hosts,
   * payment targets, form fields. Its explanation may use {brand} {technique} {diff} {host} {officialDomain}.
   */
  detector: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).optional(),
  context: contextSchema.default(() => contextSchema.parse({})),
  explanation: localizedSchema,
  legalBasis: localizedSchema.optional(),
  examples: z.strictObject({
    match: z.array(exampleSchema).min(1, 'give at least one match example'),
    noMatch: z.array(exampleSchema).min(1, 'give at least one noMatch example (a near miss)'),
  }),
});

export const checkedRuleSchema = ruleSchema.refine(
  (r) => r.detector !== undefined || r.patterns.phrases.length + r.patterns.regexes.length > 0,
  { message: 'a rule needs at least one phrase or regex, or a detector', path: ['patterns'] },
);

export const rulePackSchema = z.strictObject({
  name: nonEmpty.max(100),
  version: z.string().max(40).optional(),
  rules: z.array(checkedRuleSchema).min(1).max(2000, 'a pack may hold at most 2000 rules'),
});

export type Rule = z.output<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
export type RuleExample = z.output<typeof exampleSchema>;
export type RulePack = z.output<typeof rulePackSchema>;
export type RegexPattern = z.output<typeof regexPatternSchema>;

/** Turns zod issues into lines that name the file (or rule) and the field. */
export function formatIssues(where: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `${where}: ${field}: ${issue.message}`;
  });
}
