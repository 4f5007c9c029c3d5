import type { MatchRule } from '../../../src/rules/match-rule';
import { ruleSchema } from '../../../src/rules/schema';

/** A match rule built through the real schema (defaults applied), for engine tests. */
export function testRule(partial: Record<string, unknown>): MatchRule {
  const rule = ruleSchema.parse({
    id: 'test-rule',
    category: 'exaggerated-claim',
    severity: 'medium',
    locales: ['zh', 'en'],
    title: { zh: '测试', en: 'Test' },
    explanation: { zh: '说明', en: 'Explanation' },
    examples: { match: ['x'], noMatch: ['y'] },
    ...partial,
  });
  const { id, category, severity, locales, patterns, context, detector } = rule;
  return { id, category, severity, locales, patterns, context, ...(detector ? { detector } : {}) };
}
