import { describe, expect, it } from 'vitest';
import { withDomainFindings } from '../../../src/background/domain-findings';
import { sampleReport } from '../messaging/fixtures';

const facts = sampleReport().domainFacts;

describe('domain findings in the background', () => {
  it('flags a form that posts card data to a look-alike of the brand, and re-scores the page', () => {
    const payload = sampleReport({
      url: 'http://127.0.0.1:8765/pay',
      title: '支付宝 - 网上支付 收银台',
      pageType: 'payment',
      domainFacts: {
        ...facts,
        forms: [{ action: 'https://www.a1ipay.com/cashier/submit', method: 'post', path: 'form', fields: [
          { type: 'text', name: 'card', id: 'card', placeholder: '银行卡号', autocomplete: 'cc-number', label: '卡号', maxLength: 19, path: 'form > input' },
          { type: 'password', name: 'pwd', id: 'pwd', placeholder: '支付密码', autocomplete: '', label: '支付密码', maxLength: 6, path: 'form > input:nth-of-type(2)' },
        ] }],
      },
    });
    const merged = withDomainFindings(payload, payload.domainFacts);
    const spoof = merged.findings.filter((f) => f.category === 'payment-spoof');
    expect(spoof.map((f) => f.ruleId)).toContain('lookalike-form-action');
    expect(spoof.find((f) => f.ruleId === 'lookalike-form-action')?.detail?.diff).toMatch(/1/);
    expect(merged.report.level).toBe('danger');
    expect(merged.report.contributions.reduce((n, c) => n + c.points, 0)).toBe(merged.report.score);
  });
  it('leaves a shop paying through the real gateway alone and keeps the page findings', () => {
    const payload = sampleReport({
      domainFacts: { ...facts, iframes: [{ src: 'https://js.stripe.com/v3/elements-inner-card.html', path: 'iframe' }], forms: [{ action: 'https://openapi.alipay.com/gateway.do', method: 'post', path: 'form', fields: [] }] },
    });
    const merged = withDomainFindings(payload, payload.domainFacts);
    expect(merged.findings.some((f) => f.category === 'payment-spoof')).toBe(false);
    expect(merged.findings.map((f) => f.ruleId)).toEqual(payload.findings.map((f) => f.ruleId));
    expect(merged.report.score).toBe(45);
  });
});
