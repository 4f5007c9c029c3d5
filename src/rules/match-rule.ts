import type { Rule } from './schema';

/** The part of a rule the matcher needs: what the content script ships (no words, no examples). */
export type MatchRule = Pick<Rule, 'id' | 'category' | 'severity' | 'locales' | 'patterns' | 'context' | 'detector'>;

/** The words of a rule, for the popup, reports and CLI. */
export type RuleText = Pick<Rule, 'id' | 'category' | 'severity' | 'title' | 'explanation' | 'legalBasis'>;

export function toMatchRule(rule: Rule): MatchRule {
  const { id, category, severity, locales, patterns, context, detector } = rule;
  return detector === undefined
    ? { id, category, severity, locales, patterns, context }
    : { id, category, severity, locales, patterns, context, detector };
}

export function toRuleText(rule: Rule): RuleText {
  const { id, category, severity, title, explanation, legalBasis } = rule;
  return legalBasis === undefined ? { id, category, severity, title, explanation } : { id, category, severity, title, explanation, legalBasis };
}
