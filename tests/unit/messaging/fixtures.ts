import type { ScanReportPayload } from '../../../src/messaging/protocol';

/** A valid scan report to start tests from. */
export function sampleReport(overrides: Partial<ScanReportPayload> = {}): ScanReportPayload {
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
    ],
    report: { score: 45, level: 'warning', byCategory: { 'cash-out': 45 }, contributions: [{ finding: 0, ruleId: 'cash-out-offer', category: 'cash-out', points: 45 }] },
    asksForCredentials: false,
    stats: { nodes: 10, segments: 5, busyMs: 3, longestSliceMs: 2, longestTaskMs: 1, slices: 2, rescans: 0, truncated: false, gaveUp: false },
    ...overrides,
  };
}

