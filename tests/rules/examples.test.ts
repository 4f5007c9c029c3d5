/**
 * Every rule's own examples run as tests: each `match` example must produce the rule, each
 * `noMatch` example (a near miss) must not. Also the file conventions (id = file name, category =
 * folder) and the minimum coverage per category.
 */
import { describe, expect, it } from 'vitest';
import { loadRulesFromDir } from '../../src/rules/load-node';
import { analyzeSnapshot, snapshotFromText } from '../../src/engine/analyze';
import { snapshotFromHtml } from '../../src/page/parse-html-node';
import { builtinRules, RULES_DIR } from '../../src/node/engine';
import type { RuleExample } from '../../src/rules/schema';
import { CATEGORIES } from '../../src/engine/types';

const loaded = loadRulesFromDir(RULES_DIR);

describe('rule files', () => {
  it('all validate (schema, regex safety, id = file name, category = folder)', () => {
    expect(loaded.problems).toEqual([]);
  });
  const minimum: Record<string, number> = { 'exaggerated-claim': 10, 'unfair-terms': 10, 'pressure-tactics': 10 };
  for (const category of CATEGORIES) {
    it(`${category} has at least ${minimum[category] ?? 6} rules in Chinese and English`, () => {
      const rules = loaded.rules.filter((r) => r.category === category);
      expect(rules.length).toBeGreaterThanOrEqual(minimum[category] ?? 6);
      expect(rules.some((r) => r.locales.includes('zh'))).toBe(true);
      expect(rules.some((r) => r.locales.includes('en'))).toBe(true);
    });
  }
});

function findingsFor(example: RuleExample) {
  const { compiled } = builtinRules();
  if (typeof example === 'string') return analyzeSnapshot(snapshotFromText(example), compiled).findings;
  if ('html' in example) {
    const snap = snapshotFromHtml(example.html, example.url ?? 'https://shop.example.com/item/1');
    return analyzeSnapshot(snap, compiled, example.pageType ? { pageType: example.pageType } : {}).findings;
  }
  const snap = snapshotFromText(example.text, {
    ...(example.url ? { url: example.url } : {}),
    ...(example.title ? { title: example.title } : {}),
    ...(example.zone ? { zone: example.zone } : {}),
  });
  return analyzeSnapshot(snap, compiled, example.pageType ? { pageType: example.pageType } : {}).findings;
}

const label = (e: RuleExample) => (typeof e === 'string' ? e : 'html' in e ? e.html : e.text).slice(0, 60);

describe.each(loaded.rules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it.each(rule.examples.match.map((e) => [label(e), e] as const))('matches: %s', (_l, example) => {
    expect(findingsFor(example).map((f) => f.ruleId)).toContain(rule.id);
  });
  it.each(rule.examples.noMatch.map((e) => [label(e), e] as const))('does not match: %s', (_l, example) => {
    expect(findingsFor(example).map((f) => f.ruleId)).not.toContain(rule.id);
  });
});
