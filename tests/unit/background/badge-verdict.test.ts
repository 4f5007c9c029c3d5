import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BADGE_COLORS, applyBadge, badgeFor } from '../../../src/background/badge';
import { decideVerdict, findSpoof, levelReaches, topReasons } from '../../../src/background/verdict';
import type { RiskReport, Finding } from '../../../src/engine/types';
import type { RuleText } from '../../../src/rules/match-rule';
import { sampleReport } from '../messaging/fixtures';

const report = (score: number, level: RiskReport['level']): RiskReport => ({ score, level, byCategory: {}, contributions: [] });

describe('badge', () => {
  it('shows nothing below 15 and the score from 15 up, coloured by level', () => {
    expect(badgeFor(null)).toEqual({ text: '', color: null });
    expect(badgeFor(report(14, 'safe'))).toEqual({ text: '', color: null });
    expect(badgeFor(report(15, 'caution'))).toEqual({ text: '15', color: BADGE_COLORS.caution });
    expect(badgeFor(report(40, 'warning'))).toEqual({ text: '40', color: BADGE_COLORS.warning });
    expect(badgeFor(report(99.6, 'danger'))).toEqual({ text: '100', color: BADGE_COLORS.danger });
  });

  beforeEach(() => fakeBrowser.reset());
  it('sets the tab’s badge through the action API', async () => {
    await applyBadge(5, report(72, 'danger'));
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('72');
    await applyBadge(5, null);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('');
  });
});

const texts = new Map<string, RuleText>([
  ['cash-out-offer', { id: 'cash-out-offer', category: 'cash-out', severity: 'high', title: { zh: '套现', en: 'Cash-out offer' }, explanation: { zh: 'x', en: 'x' } }],
]);
const base = { locale: 'en' as const, bannerLevel: 'warning' as const, trusted: false, dismissed: false, continued: false, host: 'shop.example', ruleTexts: texts };

const spoof = (technique: string, diff?: string): Finding => ({
  ruleId: `spoof-${technique}`,
  category: 'payment-spoof',
  severity: 'critical',
  excerpt: { before: '', match: 'x', after: '' },
  locator: { segment: -1, start: 0, end: 0, path: '' },
  occurrences: 1,
  detail: { brand: 'Alipay / 支付宝', technique, ...(diff ? { diff } : {}), host: 'www.a1ipay.com', officialDomain: 'alipay.com' },
});

describe('verdict', () => {
  it('compares levels with the banner threshold', () => {
    expect(levelReaches('warning', 'warning')).toBe(true);
    expect(levelReaches('caution', 'warning')).toBe(false);
    expect(levelReaches('danger', 'off')).toBe(false);
    expect(levelReaches('caution', 'caution')).toBe(true);
  });

  it('shows a banner from the threshold with the top reasons, in the chosen language', () => {
    const one = sampleReport();
    const report = { ...one, findings: one.findings.slice(0, 1), report: { ...one.report, contributions: one.report.contributions.slice(0, 1) } };
    const v = decideVerdict({ ...base, report });
    expect(v.banner).toEqual({ level: 'warning', levelName: 'Warning', score: 45, count: 1, reasons: [{ category: 'cash-out', categoryName: 'Credit cash-out', title: 'Cash-out offer', occurrences: 2 }] });
    expect(v.strings.bannerDetails).toBe('Details');
    // every word the page shows comes with the verdict, in its language (the content script carries none)
    const zh = decideVerdict({ ...base, locale: 'zh', report: sampleReport() });
    expect(zh.banner?.levelName).toBe('警告');
    expect(zh.banner?.reasons[0]).toMatchObject({ title: '套现', categoryName: '信用套现' });
    expect(zh.strings.bannerDetails).toBe('查看详情');
  });

  it('stays quiet when trusted, dismissed, below the threshold or switched off', () => {
    expect(decideVerdict({ ...base, trusted: true, report: sampleReport() }).banner).toBeNull();
    expect(decideVerdict({ ...base, dismissed: true, report: sampleReport() }).banner).toBeNull();
    expect(decideVerdict({ ...base, bannerLevel: 'danger', report: sampleReport() }).banner).toBeNull();
    expect(decideVerdict({ ...base, bannerLevel: 'off', report: sampleReport() }).banner).toBeNull();
    const low = sampleReport({ report: { score: 20, level: 'caution', byCategory: {}, contributions: [] } });
    expect(decideVerdict({ ...base, report: low }).banner).toBeNull();
    expect(decideVerdict({ ...base, bannerLevel: 'caution', report: low }).banner).not.toBeNull();
  });

  it('orders reasons by the points they contributed', () => {
    const r = sampleReport();
    const second = { ...r.findings[0]!, ruleId: 'other' };
    const withTwo = { ...r, findings: [r.findings[0]!, second], report: { ...r.report, contributions: [{ finding: 1, ruleId: 'other', category: 'cash-out' as const, points: 30 }, { finding: 0, ruleId: 'cash-out-offer', category: 'cash-out' as const, points: 10 }] } };
    expect(topReasons(withTwo, 'en', texts).map((x) => x.title)).toEqual(['other', 'Cash-out offer']);
  });

  it('blocks a payment-spoof page that asks for credentials, naming brand and diff', () => {
    const r = sampleReport({ findings: [spoof('content-impersonation'), spoof('ascii-lookalike', '1 → l')], asksForCredentials: true, report: { score: 100, level: 'danger', byCategory: {}, contributions: [] } });
    const v = decideVerdict({ ...base, host: '127.0.0.1:8765', report: r });
    expect(v.interstitial).toEqual({ host: '127.0.0.1:8765', target: 'www.a1ipay.com', brand: 'Alipay', officialDomain: 'alipay.com', diff: '1 → l', technique: 'look-alike characters (1/l, 0/o, rn/m, vv/w)' });
    // brand and technique are named in the verdict's language (the content script carries no labels)
    expect(decideVerdict({ ...base, locale: 'zh', host: '127.0.0.1:8765', report: r }).interstitial).toMatchObject({ brand: '支付宝', technique: '形近字符替换（如 1/l、0/o、rn/m、vv/w）' });
    // the banner would sit under the interstitial: the page shows only the interstitial
    expect(findSpoof(r.findings)?.detail?.diff).toBe('1 → l');
  });

  it('does not block without credential fields, or after "continue anyway", or on a trusted site', () => {
    const r = sampleReport({ findings: [spoof('ascii-lookalike', '1 → l')], asksForCredentials: false });
    expect(decideVerdict({ ...base, report: r }).interstitial).toBeNull();
    const asks = { ...r, asksForCredentials: true };
    expect(decideVerdict({ ...base, report: asks }).interstitial).not.toBeNull();
    expect(decideVerdict({ ...base, continued: true, report: asks }).interstitial).toBeNull();
    expect(decideVerdict({ ...base, trusted: true, report: asks }).interstitial).toBeNull();
  });
});
