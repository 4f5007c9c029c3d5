/**
 * Validating rules: the zod schema plus the checks zod cannot make (regex compiles and is safe,
 * anchors and phrases survive normalization, detectors exist, ids are unique).
 * Pure: used by the build plugin, the CLI, the options page (custom packs) and the tests.
 */
import { checkedRuleSchema, formatIssues, rulePackSchema, type Rule } from './schema';
import { checkRegexSafety } from './regex-safety';
import { normalizePhrase } from '../engine/normalize';

export interface RuleProblem {
  where: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T; problems: [] } | { ok: false; problems: string[] };

/** Checks beyond the schema for one parsed rule; returns messages naming the field. */
export function checkRuleSemantics(rule: Rule, where: string, knownDetectors: ReadonlySet<string>): string[] {
  const out: string[] = [];
  rule.patterns.phrases.forEach((p, i) => {
    if (normalizePhrase(p).length === 0) out.push(`${where}: patterns.phrases.${i}: phrase is empty after normalization`);
  });
  rule.patterns.regexes.forEach((r, i) => {
    const problem = checkRegexSafety(r.source);
    if (problem) out.push(`${where}: patterns.regexes.${i}.source: ${problem}`);
    r.anchors.forEach((a, j) => {
      if (normalizePhrase(a).length === 0) out.push(`${where}: patterns.regexes.${i}.anchors.${j}: anchor is empty after normalization`);
    });
  });
  if (rule.detector !== undefined && !knownDetectors.has(rule.detector)) {
    out.push(`${where}: detector: unknown detector "${rule.detector}"`);
  }
  return out;
}

export function validateRule(json: unknown, where: string, knownDetectors: ReadonlySet<string>): ValidationResult<Rule> {
  const parsed = checkedRuleSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: formatIssues(where, parsed.error) };
  const problems = checkRuleSemantics(parsed.data, where, knownDetectors);
  return problems.length ? { ok: false, problems } : { ok: true, value: parsed.data, problems: [] };
}

/** Validates a custom rule pack (JSON text). Every problem names the rule id (or index) and the field. */
export function validateRulePack(
  text: string,
  knownDetectors: ReadonlySet<string>,
  maxBytes = 2_000_000,
): ValidationResult<{ name: string; rules: Rule[] }> {
  if (text.length > maxBytes) return { ok: false, problems: [`pack: file is larger than ${Math.round(maxBytes / 1e6)} MB`] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`pack: not valid JSON (${(e as Error).message})`] };
  }
  const parsed = rulePackSchema.safeParse(json);
  if (!parsed.success) {
    const rules = (json as { rules?: unknown[] })?.rules;
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const [head, index, ...rest] = issue.path;
        if (head === 'rules' && typeof index === 'number') {
          const id = (rules?.[index] as { id?: unknown } | undefined)?.id;
          const name = typeof id === 'string' ? `rule "${id}"` : `rule #${index + 1}`;
          return `${name}: ${rest.length ? rest.map(String).join('.') : '(root)'}: ${issue.message}`;
        }
        return `pack: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`;
      }),
    };
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (seen.has(rule.id)) problems.push(`rule "${rule.id}": id: duplicate id in pack`);
    seen.add(rule.id);
    problems.push(...checkRuleSemantics(rule, `rule "${rule.id}"`, knownDetectors));
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: { name: parsed.data.name, rules: parsed.data.rules }, problems: [] };
}
