/** Rule words for explanations: the built-in rule set plus the user's custom packs. */
import builtInTexts from 'virtual:shop-sentinel/rule-texts';
import { toRuleText, toMatchRule, type MatchRule, type RuleText } from '../rules/match-rule';
import type { Settings } from '../storage/settings';

export const BUILT_IN_RULE_IDS: ReadonlySet<string> = new Set(builtInTexts.map((t) => t.id));

export function ruleTextIndex(settings: Settings): Map<string, RuleText> {
  const map = new Map<string, RuleText>(builtInTexts.map((t) => [t.id, t]));
  for (const pack of settings.customPacks) for (const rule of pack.rules) map.set(rule.id, toRuleText(rule));
  return map;
}

export function customMatchRules(settings: Settings): MatchRule[] {
  return settings.customPacks.flatMap((p) => p.rules.map(toMatchRule));
}
