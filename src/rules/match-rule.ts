import type { Rule, RegexPattern } from './schema';
import { requiredLiterals } from './required-literals';

/**
 * A rule regex as the matcher gets it: with the groups of literals every match needs besides an
 * anchor (required-literals.ts; worked out here, in Node and the background, not in the page).
 */
export type MatchRegex = RegexPattern & { requires?: string[][] };

/** The part of a rule the matcher needs: what the content script ships (no words, no examples). */
export type MatchRule = Pick<Rule, 'id' | 'category' | 'severity' | 'locales' | 'context' | 'detector'> & {
  patterns: { phrases: string[]; regexes: MatchRegex[] };
};

/** The words of a rule, for the popup, reports and CLI. */
export type RuleText = Pick<Rule, 'id' | 'category' | 'severity' | 'title' | 'explanation' | 'legalBasis'>;

/** requiredLiterals by regex: custom packs are turned into match rules again for every page the background configures */
const requiresOf = new Map<string, string[][]>();
function requiresFor(source: string, anchors: readonly string[]): string[][] {
  const key = JSON.stringify([source, anchors]);
  let requires = requiresOf.get(key);
  if (!requires) {
    if (requiresOf.size >= 2000) requiresOf.clear();
    requires = requiredLiterals(source, anchors);
    requiresOf.set(key, requires);
  }
  return requires;
}

export function toMatchRule(rule: Rule): MatchRule {
  const { id, category, severity, locales, context, detector } = rule;
  const patterns = {
    phrases: rule.patterns.phrases,
    regexes: rule.patterns.regexes.map((r): MatchRegex => {
      const requires = requiresFor(r.source, r.anchors);
      return requires.length ? { ...r, requires } : r;
    }),
  };
  return detector === undefined
    ? { id, category, severity, locales, patterns, context }
    : { id, category, severity, locales, patterns, context, detector };
}

export function toRuleText(rule: Rule): RuleText {
  const { id, category, severity, title, explanation, legalBasis } = rule;
  return legalBasis === undefined ? { id, category, severity, title, explanation } : { id, category, severity, title, explanation, legalBasis };
}
