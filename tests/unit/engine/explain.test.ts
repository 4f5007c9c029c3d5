import { describe, expect, it } from 'vitest';
import { explainFinding, explainFindings } from '../../../src/engine/explain';
import type { Finding } from '../../../src/engine/types';

const finding: Finding = {
  ruleId: 'lookalike',
  category: 'payment-spoof',
  severity: 'critical',
  occurrences: 1,
  excerpt: { before: '', match: 'alipay-secure.top', after: '' },
  locator: { segment: -1, start: 0, end: 0, path: '' },
  detail: { brand: 'Alipay 支付宝', technique: 'brand-keyword', diff: 'added "-secure"', host: 'alipay-secure.top' },
};

describe('explainFinding', () => {
  it('fills detector placeholders in both languages', () => {
    const e = explainFinding(finding, {
      id: 'lookalike',
      category: 'payment-spoof',
      severity: 'critical',
      title: { zh: '冒充{brand}', en: 'Imitates {brand}' },
      explanation: { zh: '{host} 不是 {brand} 的域名（{diff}）', en: '{host} is not {brand} ({technique}; {officialDomain})' },
      legalBasis: { zh: '《反不正当竞争法》第六条', en: 'AUCL art. 6' },
    });
    expect(e.title.en).toBe('Imitates Alipay 支付宝');
    expect(e.explanation.zh).toBe('alipay-secure.top 不是 Alipay 支付宝 的域名（added "-secure"）');
    expect(e.explanation.en).toMatch(/^alipay-secure.top is not Alipay 支付宝 \(.+; \?\)$/);
    expect(e.explanation.en).not.toContain('brand-keyword');
    expect(e.legalBasis?.zh).toBe('《反不正当竞争法》第六条');
  });
  it('names an unknown rule instead of failing', () => {
    const [e] = explainFindings([{ ...finding, ruleId: 'gone' }], []);
    expect(e!.title.en).toBe('Rule gone');
  });
});
