/**
 * Scoring: Finding[] → RiskReport. Every point is a contribution of one finding, so the popup and
 * the report can say where each point came from. Repeats of a category count less (each further
 * finding in a category counts 60 % of the one before), categories are capped, and the soft
 * categories (pressure, trust gaps) are capped together below `danger`.
 */
import {
  SOFT_CATEGORIES,
  levelForScore,
  type Category,
  type Contribution,
  type Finding,
  type RiskReport,
  type Severity,
} from './types';

export const SEVERITY_POINTS: Readonly<Record<Severity, number>> = {
  info: 0,
  low: 5,
  medium: 12,
  high: 25,
  critical: 70,
};

export const CATEGORY_CAPS: Readonly<Partial<Record<Category, number>>> = {
  'pressure-tactics': 32,
  'trust-gap': 16,
  'exaggerated-claim': 45,
  'unfair-terms': 50,
  'payment-spoof': 100,
  'privacy-overreach': 80,
  'cash-out': 75,
};
const DEFAULT_CATEGORY_CAP = 65;
/** soft categories together stay below danger (70) and even below warning (40) on their own */
export const SOFT_TOTAL_CAP = 38;
const REPEAT_FACTOR = 0.6;
/** distinct identity gaps add up (no ICP, no licence, free mail only): no discount, but a low cap */
const REPEAT_FACTORS: Readonly<Partial<Record<Category, number>>> = { 'trust-gap': 1 };

export function findingPoints(finding: Finding): number {
  const base = SEVERITY_POINTS[finding.severity];
  // a rule that matched several times weighs a little more, up to +50 %
  return base * (1 + Math.min(Math.max(finding.occurrences - 1, 0), 5) * 0.1);
}

export function scoreFindings(findings: readonly Finding[]): RiskReport {
  const byCat = new Map<Category, number[]>();
  findings.forEach((f, i) => {
    const list = byCat.get(f.category) ?? [];
    list.push(i);
    byCat.set(f.category, list);
  });

  const contributions: Contribution[] = [];
  let softLeft = SOFT_TOTAL_CAP;
  // hard categories first so the soft cap only trims soft points
  const cats = [...byCat.keys()].sort((a, b) => Number(SOFT_CATEGORIES.includes(a)) - Number(SOFT_CATEGORIES.includes(b)));
  let total = 0;
  for (const cat of cats) {
    const soft = SOFT_CATEGORIES.includes(cat);
    let capLeft = Math.min(CATEGORY_CAPS[cat] ?? DEFAULT_CATEGORY_CAP, soft ? softLeft : Infinity);
    const indices = byCat.get(cat)!.sort((a, b) => findingPoints(findings[b]!) - findingPoints(findings[a]!) || a - b);
    let factor = 1;
    for (const i of indices) {
      const f = findings[i]!;
      let points = Math.round(findingPoints(f) * factor);
      points = Math.min(points, capLeft, 100 - total);
      factor *= REPEAT_FACTORS[cat] ?? REPEAT_FACTOR;
      if (points <= 0) continue;
      capLeft -= points;
      total += points;
      if (soft) softLeft -= points;
      contributions.push({ finding: i, ruleId: f.ruleId, category: f.category, points });
    }
  }
  const byCategory: Partial<Record<Category, number>> = {};
  for (const c of contributions) byCategory[c.category] = (byCategory[c.category] ?? 0) + c.points;
  return { score: total, level: levelForScore(total), byCategory, contributions };
}
