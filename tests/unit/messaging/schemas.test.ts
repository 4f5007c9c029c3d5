import { describe, expect, it } from 'vitest';
import { BACKGROUND_SCHEMAS, MESSAGE_ORIGINS, scanReportSchema } from '../../../src/messaging/schemas';
import { BACKGROUND_MESSAGE_TYPES, type ScanReportPayload } from '../../../src/messaging/protocol';
import { sampleReport } from './fixtures';

describe('message schemas', () => {
  it('cover every message type with a schema and an allowed sender', () => {
    expect(Object.keys(BACKGROUND_SCHEMAS).sort()).toEqual([...BACKGROUND_MESSAGE_TYPES].sort());
    expect(Object.keys(MESSAGE_ORIGINS).sort()).toEqual([...BACKGROUND_MESSAGE_TYPES].sort());
  });

  it('accept a well-formed scan report', () => {
    expect(scanReportSchema.safeParse(sampleReport()).success).toBe(true);
    // without facts: the same as the page's last ones
    expect(scanReportSchema.safeParse({ ...sampleReport(), domainFacts: null }).success).toBe(true);
  });

  it.each([
    ['a non-http URL', { url: 'javascript:alert(1)' }],
    ['an unknown category', { findings: [{ ...sampleReport().findings[0]!, category: 'evil' }] }],
    ['a huge excerpt', { findings: [{ ...sampleReport().findings[0]!, excerpt: { before: '', match: 'x'.repeat(10_000), after: '' } }] }],
    ['a score over 100', { report: { ...sampleReport().report, score: 101 } }],
    ['too many findings', { findings: Array.from({ length: 501 }, () => sampleReport().findings[0]!) }],
    ['an extra key', { extra: 1 } as Partial<ScanReportPayload>],
    ['no facts at all', { domainFacts: undefined } as unknown as Partial<ScanReportPayload>],
  ])('reject %s', (_name, patch) => {
    expect(scanReportSchema.safeParse({ ...sampleReport(), ...patch }).success).toBe(false);
  });

  it('bound popup requests', () => {
    expect(BACKGROUND_SCHEMAS['get-tab-report'].safeParse({ tabId: 3 }).success).toBe(true);
    expect(BACKGROUND_SCHEMAS['get-tab-report'].safeParse({ tabId: -1 }).success).toBe(false);
    expect(BACKGROUND_SCHEMAS['set-trust'].safeParse({ host: '', trusted: true }).success).toBe(false);
    expect(BACKGROUND_SCHEMAS['banner-action'].safeParse({ action: 'explode' }).success).toBe(false);
  });
});
