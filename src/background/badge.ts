/** The toolbar badge: the score from 15 up, coloured by level; nothing below 15. */
import { browser } from 'wxt/browser';
import { LEVEL_THRESHOLDS, type Level, type RiskReport } from '../engine/types';

export const BADGE_COLORS: Record<Exclude<Level, 'safe'>, string> = {
  caution: '#B7791F',
  warning: '#DD6B20',
  danger: '#C53030',
};

export interface BadgeLook {
  text: string;
  color: string | null;
}

export function badgeFor(report: RiskReport | null): BadgeLook {
  if (!report || report.score < LEVEL_THRESHOLDS.caution || report.level === 'safe') return { text: '', color: null };
  return { text: String(Math.round(report.score)), color: BADGE_COLORS[report.level] };
}

export async function applyBadge(tabId: number, report: RiskReport | null): Promise<void> {
  const look = badgeFor(report);
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setBadgeText({ tabId, text: look.text });
  if (look.color) {
    await action.setBadgeBackgroundColor({ tabId, color: look.color });
    await action.setBadgeTextColor?.({ tabId, color: '#FFFFFF' })?.catch?.(() => undefined);
  }
}
