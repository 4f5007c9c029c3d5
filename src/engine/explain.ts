/** Attaches a rule's words to a finding, filling the placeholders detectors provide. */
import type { RuleText } from '../rules/match-rule';
import type { ExplainedFinding, Finding, FindingDetail, LocalizedText } from './types';

const PLACEHOLDER = /\{(brand|technique|diff|host|officialDomain|source)\}/g;

function fill(text: string, detail: FindingDetail | undefined): string {
  return text.replace(PLACEHOLDER, (_, key: keyof FindingDetail) => detail?.[key] ?? '?');
}

function fillBoth(text: LocalizedText, detail: FindingDetail | undefined): LocalizedText {
  return { zh: fill(text.zh, detail), en: fill(text.en, detail) };
}

export function explainFinding(finding: Finding, text: RuleText | undefined): ExplainedFinding {
  if (!text) {
    const unknown = { zh: `规则 ${finding.ruleId}`, en: `Rule ${finding.ruleId}` };
    return { ...finding, title: unknown, explanation: unknown };
  }
  const out: ExplainedFinding = {
    ...finding,
    title: fillBoth(text.title, finding.detail),
    explanation: fillBoth(text.explanation, finding.detail),
  };
  if (text.legalBasis) out.legalBasis = fillBoth(text.legalBasis, finding.detail);
  return out;
}

export function explainFindings(findings: readonly Finding[], texts: readonly RuleText[]): ExplainedFinding[] {
  const byId = new Map(texts.map((t) => [t.id, t]));
  return findings.map((f) => explainFinding(f, byId.get(f.ruleId)));
}
