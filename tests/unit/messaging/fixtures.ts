import type { DomainFacts, ScanReportPayload } from '../../../src/messaging/protocol';

export type SentReport = ScanReportPayload & { domainFacts: DomainFacts };

/** A valid scan report to start tests from, with its facts (as every page's first report has them). */
export function sampleReport(overrides: Partial<SentReport> = {}): SentReport {
  return {
    url: 'https://shop.example/item',
    title: 'Item',
    pageType: 'product',
    findings: [
      {
        ruleId: 'cash-out-offer',
        category: 'cash-out',
        severity: 'high',
        excerpt: { before: '专业', match: '花呗套现', after: '秒到账' },
        locator: { segment: 1001, start: 2, end: 6, path: 'main > p' },
        occurrences: 2,
      },
      {
        ruleId: 'no-returns',
        category: 'unfair-terms',
        severity: 'medium',
        excerpt: { before: '本店', match: '概不退换', after: '' },
        locator: { segment: 1002, start: 2, end: 6, path: 'main > p:nth-of-type(2)' },
        occurrences: 5,
      },
    ],
    // as scoreFindings scores these two findings (the background re-scores every report): 28 + 17
    report: {
      score: 45,
      level: 'warning',
      byCategory: { 'cash-out': 28, 'unfair-terms': 17 },
      contributions: [
        { finding: 0, ruleId: 'cash-out-offer', category: 'cash-out', points: 28 },
        { finding: 1, ruleId: 'no-returns', category: 'unfair-terms', points: 17 },
      ],
    },
    asksForCredentials: false,
    stats: { nodes: 10, segments: 5, busyMs: 3, longestSliceMs: 2, longestTaskMs: 1, slices: 2, rescans: 0, truncated: false, gaveUp: false },
    domainFacts: { lang: 'zh', forms: [], looseFields: [], links: [], iframes: [], images: [], scripts: [], qrPayloads: [], leadSegments: [] },
    ...overrides,
  };
}

