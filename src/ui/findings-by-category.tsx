/** Findings grouped by category, highest-scoring category first. */
import { CATEGORIES, type Category, type Contribution, type ExplainedFinding, type Locale, type RiskReport } from '../engine/types';
import { CATEGORY_NAMES } from '../i18n/page-strings';
import { uiString } from '../i18n/ui-strings';
import { FindingCard } from './finding-card';

export interface FindingsByCategoryProps {
  findings: ExplainedFinding[];
  report: RiskReport;
  locale: Locale;
  onShow?: (index: number) => void;
}

const SEVERITY_LEVEL = { info: 'safe', low: 'caution', medium: 'warning', high: 'danger', critical: 'danger' } as const;

export function pointsByFinding(contributions: readonly Contribution[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of contributions) out.set(c.finding, (out.get(c.finding) ?? 0) + c.points);
  return out;
}

export function groupFindings(findings: readonly ExplainedFinding[], report: RiskReport): { category: Category; items: number[]; points: number }[] {
  const groups = new Map<Category, number[]>();
  findings.forEach((f, i) => groups.set(f.category, [...(groups.get(f.category) ?? []), i]));
  return [...groups.entries()]
    .map(([category, items]) => ({ category, items, points: report.byCategory[category] ?? 0 }))
    .sort((a, b) => b.points - a.points || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
}

export function FindingsByCategory({ findings, report, locale, onShow }: FindingsByCategoryProps) {
  const points = pointsByFinding(report.contributions);
  return (
    <div>
      {groupFindings(findings, report).map((g) => {
        const worst = g.items.map((i) => findings[i]!.severity).sort().map((s) => SEVERITY_LEVEL[s]);
        const level = worst.includes('danger') ? 'danger' : worst.includes('warning') ? 'warning' : worst.includes('caution') ? 'caution' : 'safe';
        return (
          <section class={`group level-${level}`} data-category={g.category} key={g.category}>
            <div class="group-head">
              <span class="dot" />
              <span class="cat">{CATEGORY_NAMES[g.category][locale]}</span>
              <span class="pts">{g.points > 0 ? uiString(locale, 'points', { points: Math.round(g.points) }) : ''}</span>
            </div>
            {g.items.map((i) => (
              <FindingCard
                key={i}
                finding={findings[i]!}
                locale={locale}
                points={points.get(i) ?? 0}
                {...(onShow ? { onShow: () => onShow(i) } : {})}
              />
            ))}
          </section>
        );
      })}
    </div>
  );
}
