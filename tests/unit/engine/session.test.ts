import { describe, expect, it } from 'vitest';
import { compileRules } from '../../../src/rules/compile';
import { analyzeSnapshot, snapshotFromText } from '../../../src/engine/analyze';
import { createScanSession } from '../../../src/engine/session';
import { testRule } from './helpers';

const ids = (text: string, rules: ReturnType<typeof testRule>[], opts: Parameters<typeof snapshotFromText>[1] = {}, pageType?: 'article' | 'product') =>
  analyzeSnapshot(snapshotFromText(text, opts), compileRules(rules), pageType ? { pageType } : {}).findings.map((f) => f.ruleId);

describe('scan session', () => {
  it('matches phrases after normalization and quotes the original text', () => {
    const rules = [testRule({ id: 'best', patterns: { phrases: ['最佳'] } })];
    const result = analyzeSnapshot(snapshotFromText('本品是最\u200b佳选择'), compileRules(rules));
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.excerpt).toEqual({ before: '本品是', match: '最\u200b佳', after: '选择' });
    expect(result.findings[0]!.locator).toMatchObject({ start: 3, end: 6 });
  });
  it('needs word boundaries around English phrases', () => {
    const rules = [testRule({ id: 'cure', patterns: { phrases: ['cures'] } })];
    expect(ids('This tea cures cancer', rules)).toEqual(['cure']);
    expect(ids('Our secures payment', rules)).toEqual([]);
  });
  it('runs regexes only around their anchors and finds the whole match', () => {
    const rules = [testRule({ id: 'left', category: 'pressure-tactics', patterns: { regexes: [{ source: '(?:only|just) \\d{1,3} left', anchors: ['left'] }] } })];
    const r = analyzeSnapshot(snapshotFromText('Hurry, only 3 left in stock'), compileRules(rules));
    expect(r.findings[0]?.excerpt.match).toBe('only 3 left');
    expect(ids('turn left at the corner', rules)).toEqual([]);
  });
  it('drops a match when an exception stands nearby, and needs requireNearby words', () => {
    const rules = [
      testRule({ id: 'exc', patterns: { phrases: ['最高'] }, context: { exceptions: ['最高可减', '最高优惠'] } }),
      testRule({ id: 'near', patterns: { phrases: ['卡密'] }, context: { requireNearby: ['自动发货', '购买'], window: 10 } }),
    ];
    expect(ids('最高可减30元', rules)).toEqual([]);
    expect(ids('最高级别的享受', rules)).toEqual(['exc']);
    expect(ids('卡密 自动发货', rules)).toEqual(['near']);
    expect(ids('卡密', rules)).toEqual([]);
  });
  it('respects zones, page types and minOccurrences', () => {
    const rules = [
      testRule({ id: 'zone', patterns: { phrases: ['密码'] }, context: { zones: ['form'] } }),
      testRule({ id: 'notarticle', patterns: { phrases: ['卡盟'] }, context: { excludePageTypes: ['article'] } }),
      testRule({ id: 'twice', patterns: { phrases: ['抢购'] }, context: { minOccurrences: 2 } }),
    ];
    expect(ids('请输入密码', rules, { zone: 'form' })).toEqual(['zone']);
    expect(ids('请输入密码', rules)).toEqual([]);
    expect(ids('卡盟', rules, {}, 'product')).toEqual(['notarticle']);
    expect(ids('卡盟', rules, {}, 'article')).toEqual([]);
    expect(ids('抢购', rules)).toEqual([]);
    expect(ids('抢购 抢购', rules)).toEqual(['twice']);
  });
  it('fires absent rules only when nothing matched on a page of the rule locale', () => {
    const rules = [testRule({ id: 'icp', category: 'trust-gap', severity: 'low', locales: ['zh'], patterns: { phrases: ['icp备'] }, context: { mode: 'absent', pageTypes: ['product'] } })];
    expect(ids('立即购买 ¥99', rules, { lang: 'zh' }, 'product')).toEqual(['icp']);
    expect(ids('立即购买 ¥99 京ICP备12345号', rules, { lang: 'zh' }, 'product')).toEqual([]);
    expect(ids('Buy now $99', rules, { lang: 'en' }, 'product')).toEqual([]);
  });
  it('rescans only what changed: removing a segment removes its findings', () => {
    const session = createScanSession(compileRules([testRule({ id: 'best', patterns: { phrases: ['最佳'] } })]));
    const facts = { ...snapshotFromText('') } as Record<string, unknown>;
    delete facts.segments;
    session.putSegment(1, { text: '普通文字', zone: 'body', path: '' });
    session.putSegment(2, { text: '最佳', zone: 'body', path: '' });
    expect(session.finish(facts as never).findings).toHaveLength(1);
    session.removeSegment(2);
    expect(session.finish(facts as never).findings).toHaveLength(0);
    session.putSegment(3, { text: '最佳 最佳', zone: 'body', path: '' });
    expect(session.finish(facts as never).findings[0]!.occurrences).toBe(2);
  });
  it('skips segments the page reports invisible', () => {
    const session = createScanSession(compileRules([testRule({ id: 'best', patterns: { phrases: ['最佳'] } })]));
    const { segments: _s, ...facts } = snapshotFromText('');
    session.putSegment(7, { text: '最佳', zone: 'body', path: '' });
    expect(session.finish(facts, { isVisible: (k) => k !== 7 }).findings).toHaveLength(0);
  });
  it('never lets a hostile repetition blow up the work', () => {
    const rules = [testRule({ id: 'r', patterns: { regexes: [{ source: 'left \\d{1,3}', anchors: ['left'] }] } })];
    const text = 'left '.repeat(200_000);
    const t0 = performance.now();
    const r = analyzeSnapshot(snapshotFromText(text), compileRules(rules));
    expect(r.findings).toHaveLength(0);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
