/**
 * The payment-spoof detectors run here, not in the page: they need tldts, the brand registry and the
 * confusables (~390 kB the content script does not carry). The page sends its facts with a scan
 * report when they changed (src/background/tab-facts.ts keeps the last ones); this adds the
 * detectors' findings and scores the whole page again.
 */
import matchRules from 'virtual:shop-sentinel/match-rules';
import { compileRules, type CompiledRules } from '../rules/compile';
import { DETECTORS } from '../engine/detectors';
import { runDetectorRules, sortFindings } from '../engine/detect';
import { scoreFindings } from '../engine/score';
import { normalizeText } from '../engine/normalize';
import { hostOf } from '../engine/session';
import { isOfficialHost } from '../domains';
import type { Finding, PageSnapshot, RiskReport, TextSegment } from '../engine/types';
import type { DomainFacts, ScanReportPayload } from '../messaging/protocol';

let compiled: CompiledRules | null = null;
const detectorRules = () => (compiled ??= compileRules(matchRules.filter((r) => r.detector !== undefined)));

export function isOfficialPage(url: string): boolean {
  const host = hostOf(url);
  return host !== '' && isOfficialHost(host);
}

export function withDomainFindings(payload: Pick<ScanReportPayload, 'url' | 'title' | 'pageType' | 'findings'>, facts: DomainFacts): { findings: Finding[]; report: RiskReport } {
  const rules = detectorRules();
  const host = hostOf(payload.url);
  const segments: TextSegment[] = [...(payload.title ? [{ text: payload.title, zone: 'title' as const, path: 'title' }] : []), ...facts.leadSegments];
  const snapshot: PageSnapshot = {
    url: payload.url,
    title: payload.title,
    lang: facts.lang,
    segments,
    forms: facts.forms,
    looseFields: facts.looseFields,
    links: facts.links,
    iframes: facts.iframes,
    images: facts.images,
    scripts: facts.scripts,
    meta: {},
    qrPayloads: facts.qrPayloads,
    structuredTypes: [],
    articleChars: 0,
    truncated: false,
  };
  const ctx = { snapshot, pageType: payload.pageType, normalized: segments.map((s) => normalizeText(s.text).text), host };
  const found = runDetectorRules(rules, ctx, DETECTORS, host !== '' && isOfficialHost(host));
  const ours = new Set(rules.rules.map((r) => r.rule.id));
  const findings = sortFindings([...payload.findings.filter((f) => !ours.has(f.ruleId)), ...found]).slice(0, 500);
  return { findings, report: scoreFindings(findings) };
}
