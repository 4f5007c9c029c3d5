/** Attaches a rule's words to a finding, filling the placeholders detectors provide. */
import type { RuleText } from '../rules/match-rule';
import type { ExplainedFinding, Finding, FindingDetail, Locale, LocalizedText } from './types';
import { TECHNIQUE_LABELS } from '../domains/classify-host';

const PLACEHOLDER = /\{(brand|technique|diff|host|officialDomain|source)\}/g;

/** technique ids ("typo", "content-impersonation + typo") in the reader's language */
function techniqueLabel(technique: string, lang: Locale): string {
  return technique
    .split(' + ')
    .map((t) => (TECHNIQUE_LABELS as Record<string, LocalizedText | undefined>)[t]?.[lang] ?? t)
    .join(lang === 'zh' ? '，并' : ' + ');
}

function fill(text: string, detail: FindingDetail | undefined, lang: Locale): string {
  return text.replace(PLACEHOLDER, (_, key: keyof FindingDetail) => {
    const value = detail?.[key];
    if (value === undefined) return '?';
    return key === 'technique' ? techniqueLabel(value, lang) : value;
  });
}

function fillBoth(text: LocalizedText, detail: FindingDetail | undefined): LocalizedText {
  return { zh: fill(text.zh, detail, 'zh'), en: fill(text.en, detail, 'en') };
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
