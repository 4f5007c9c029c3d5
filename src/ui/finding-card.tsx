/** One finding: title, severity, the quoted excerpt, explanation, legal basis, detector facts, "Show on page". */
import type { ExplainedFinding, Locale } from '../engine/types';
import { uiString } from '../i18n/ui-strings';
import { FIRST_TEXT_KEY } from '../messaging/protocol';

const SEVERITY_NAMES = {
  info: { zh: '提示', en: 'info' },
  low: { zh: '低', en: 'low' },
  medium: { zh: '中', en: 'medium' },
  high: { zh: '高', en: 'high' },
  critical: { zh: '严重', en: 'critical' },
} as const;

export interface FindingCardProps {
  finding: ExplainedFinding;
  locale: Locale;
  points: number;
  onShow?: () => void;
}

export function FindingCard({ finding, locale, points, onShow }: FindingCardProps) {
  const t = (k: Parameters<typeof uiString>[1], v?: Record<string, string | number>) => uiString(locale, k, v);
  const { excerpt, detail } = finding;
  return (
    <article class={`finding sev-${finding.severity}`} data-rule={finding.ruleId}>
      <div class="title">
        <span>{finding.title[locale]}</span>
        <span class="pill">{SEVERITY_NAMES[finding.severity][locale]}</span>
      </div>
      {excerpt.match && (
        <blockquote class="quote" aria-label={t('excerptLabel')}>
          {excerpt.before && '…' + excerpt.before}
          <mark>{excerpt.match}</mark>
          {excerpt.after && excerpt.after + '…'}
        </blockquote>
      )}
      {detail && (detail.host || detail.officialDomain || detail.diff) && (
        <dl class="detail">
          {detail.host && <><dt>{t('detailHost')}</dt><dd>{detail.host}</dd></>}
          {detail.officialDomain && <><dt>{t('detailOfficial')}</dt><dd>{detail.officialDomain}</dd></>}
          {detail.diff && <><dt>{t('detailDiff')}</dt><dd>{detail.diff}</dd></>}
        </dl>
      )}
      <p class="explain">{finding.explanation[locale]}</p>
      {finding.legalBasis && (
        <div class="legal">
          <b>{t('legalBasis')}：</b>
          {finding.legalBasis[locale]}
        </div>
      )}
      <div class="row">
        {points > 0 && <span>{t('points', { points: Math.round(points) })}</span>}
        {finding.occurrences > 1 && <span>{t('seenTimes', { count: finding.occurrences })}</span>}
        <span class="spacer" />
        {onShow && finding.locator.segment >= FIRST_TEXT_KEY && (
          <button class="link" data-action="show" onClick={onShow}>
            {t('showOnPage')}
          </button>
        )}
      </div>
    </article>
  );
}
