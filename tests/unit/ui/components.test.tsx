// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { FindingsByCategory, groupFindings, pointsByFinding } from '../../../src/ui/findings-by-category';
import { ScoreGauge } from '../../../src/ui/score-gauge';
import { StatePanel } from '../../../src/ui/state-panel';
import { tabIdFromSearch } from '../../../src/ui/popup-app';
import { CoverageNote } from '../../../src/ui/coverage-note';
import { uiString, type UiStringKey } from '../../../src/i18n/ui-strings';
import type { ScanStats } from '../../../src/messaging/protocol';
import type { ExplainedFinding, RiskReport } from '../../../src/engine/types';

const finding = (over: Partial<ExplainedFinding>): ExplainedFinding => ({
  ruleId: 'r',
  category: 'cash-out',
  severity: 'high',
  excerpt: { before: '专业', match: '花呗套现', after: '秒到账' },
  locator: { segment: 1001, start: 0, end: 4, path: 'p' },
  occurrences: 1,
  title: { zh: '套现', en: 'Cash-out offer' },
  explanation: { zh: '信用卡套现违法', en: 'Cash-out is illegal' },
  legalBasis: { zh: '《刑法》第二百二十五条', en: 'Criminal Law art. 225' },
  ...over,
});

const findings = [
  finding({ ruleId: 'a' }),
  finding({ ruleId: 'b', category: 'trust-gap', severity: 'low', locator: { segment: -1, start: 0, end: 0, path: '' }, legalBasis: undefined }),
  finding({ ruleId: 'c', occurrences: 3 }),
] as ExplainedFinding[];
const report: RiskReport = {
  score: 55,
  level: 'warning',
  byCategory: { 'cash-out': 50, 'trust-gap': 5 },
  contributions: [
    { finding: 0, ruleId: 'a', category: 'cash-out', points: 30 },
    { finding: 2, ruleId: 'c', category: 'cash-out', points: 20 },
    { finding: 1, ruleId: 'b', category: 'trust-gap', points: 5 },
  ],
};

describe('popup components', () => {
  const root = () => document.body.appendChild(document.createElement('div'));
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('groups findings by category, highest points first', () => {
    expect(groupFindings(findings, report)).toEqual([
      { category: 'cash-out', items: [0, 2], points: 50 },
      { category: 'trust-gap', items: [1], points: 5 },
    ]);
    expect(pointsByFinding(report.contributions).get(2)).toBe(20);
  });

  it('renders quotes, explanations, legal basis and show-on-page only for text findings', () => {
    const el = root();
    const onShow = vi.fn();
    render(<FindingsByCategory findings={findings} report={report} locale="en" onShow={onShow} />, el);
    const groups = el.querySelectorAll('section.group');
    expect([...groups].map((g) => g.getAttribute('data-category'))).toEqual(['cash-out', 'trust-gap']);
    expect(el.querySelectorAll('.finding')).toHaveLength(3);
    expect(el.querySelector('.quote mark')?.textContent).toBe('花呗套现');
    expect(el.textContent).toContain('Cash-out is illegal');
    expect(el.textContent).toContain('Criminal Law art. 225');
    expect(el.textContent).toContain('seen 3×');
    expect(el.textContent).toContain('+30 points');
    const buttons = el.querySelectorAll('[data-action=show]');
    expect(buttons).toHaveLength(2);
    (buttons[1] as HTMLButtonElement).click();
    expect(onShow).toHaveBeenCalledWith(2);
  });

  it('renders in Chinese', () => {
    const el = root();
    render(<FindingsByCategory findings={findings} report={report} locale="zh" />, el);
    expect(el.textContent).toContain('信用套现');
    expect(el.textContent).toContain('法律依据');
    expect(el.querySelectorAll('[data-action=show]')).toHaveLength(0);
  });

  it('gauge and state panel', () => {
    const el = root();
    render(<div><ScoreGauge score={72} level="danger" label="Risk" /><StatePanel kind="ok" title="Nothing" body="All good" /></div>, el);
    expect(el.querySelector('svg')?.getAttribute('aria-label')).toBe('Risk: 72/100');
    expect(el.querySelector('[data-state=ok]')?.textContent).toContain('All good');
  });

  it('says when the score covers only part of the page, and nothing when the whole page was read', () => {
    const stats = (over: Partial<ScanStats>): ScanStats => ({ nodes: 100_000, segments: 40, busyMs: 4012.4, longestSliceMs: 9, longestTaskMs: 3, slices: 300, rescans: 2, truncated: false, gaveUp: false, ...over });
    const en = (k: UiStringKey, v?: Record<string, string | number>) => uiString('en', k, v);
    const zh = (k: UiStringKey, v?: Record<string, string | number>) => uiString('zh', k, v);
    const note = (s: ScanStats, t = en) => {
      const el = root();
      render(<CoverageNote stats={s} t={t} />, el);
      return el.querySelector('[data-testid=coverage]')?.textContent ?? null;
    };
    expect(note(stats({}))).toBeNull();
    expect(note(stats({ truncated: true }))).toContain('first 100,000 text nodes');
    expect(note(stats({ truncated: true }), zh)).toContain('前 100,000 个文本节点');
    // giving up is the stronger statement: later changes were not read at all
    expect(note(stats({ truncated: true, gaveUp: true }))).toContain('after 4,012 ms of work');
    expect(note(stats({ gaveUp: true }), zh)).toContain('4,012 毫秒');
  });

  it('reads ?tabId=N strictly', () => {
    expect(tabIdFromSearch('?tabId=42')).toBe(42);
    expect(tabIdFromSearch('?tabId=-1')).toBeNull();
    expect(tabIdFromSearch('?tabId=4x')).toBeNull();
    expect(tabIdFromSearch('')).toBeNull();
  });
});
