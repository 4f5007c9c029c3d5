/**
 * What a scan needs from outside the matcher: the detectors (lookalike hosts, payment targets) and
 * the official-host check. Injected, so the content script can scan without bundling the domain
 * module (tldts, the brand registry, the confusables): the background runs the detectors on the facts
 * the page sends (src/background/domain-findings.ts), Node and the tests run everything in one go.
 */
import type { CompiledRules } from '../rules/compile';
import type { MatchRule } from '../rules/match-rule';
import type { Detector, DetectorContext } from './detector-types';
import type { Finding, PageType } from './types';
import { SEVERITIES } from './types';

/** runDetectorRules with the detectors chosen (so a scan without them does not bundle the runner) */
export type DetectorRunner = (compiled: CompiledRules, ctx: DetectorContext, official: boolean, keyOf: (index: number) => number) => Finding[];

export interface ScanEnvironment {
  /** runs the rules that name a detector; without it they are skipped */
  detect?: DetectorRunner;
  /** a registered brand's own site: rules with skipOnOfficialHosts stay silent there */
  isOfficialHost?: (host: string) => boolean;
}

export function ruleApplies(rule: MatchRule, pageType: PageType, official: boolean): boolean {
  const ctx = rule.context;
  if (ctx.pageTypes && !ctx.pageTypes.includes(pageType)) return false;
  if (ctx.excludePageTypes.includes(pageType)) return false;
  if (ctx.skipOnOfficialHosts && official) return false;
  return true;
}

/**
 * Runs the detector rules of a compiled set. `keyOf` maps a detector's segment index (into
 * ctx.snapshot.segments) to the caller's segment key; -1 when the finding has no place in the text.
 */
export function runDetectorRules(
  compiled: CompiledRules,
  ctx: DetectorContext,
  detectors: Readonly<Record<string, Detector>>,
  official: boolean,
  keyOf: (index: number) => number = () => -1,
): Finding[] {
  const findings: Finding[] = [];
  for (const index of compiled.detectorRules) {
    const rule = compiled.rules[index]!.rule;
    const detector = detectors[rule.detector!];
    if (!detector || !ruleApplies(rule, ctx.pageType, official)) continue;
    let hits;
    try {
      hits = detector(ctx);
    } catch {
      continue; // a detector bug must not break the scan
    }
    const hit = hits[0];
    if (!hit) continue;
    findings.push({
      ruleId: rule.id,
      category: rule.category,
      severity: rule.severity,
      excerpt: hit.excerpt,
      locator: { ...hit.locator, segment: hit.locator.segment >= 0 ? keyOf(hit.locator.segment) : -1 },
      occurrences: hits.reduce((n, h) => n + (h.occurrences ?? 1), 0),
      ...(hit.detail ? { detail: hit.detail } : {}),
    });
  }
  return findings;
}

const severityRank = (f: Finding) => SEVERITIES.indexOf(f.severity);

/** Most severe first, then in page order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => severityRank(b) - severityRank(a) || a.locator.segment - b.locator.segment);
}
