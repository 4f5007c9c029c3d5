/**
 * What the page should show, from a report and the settings. Pure.
 *  - banner from the chosen level up (default: warning = score 40), unless the site is trusted or
 *    the banner was dismissed on this site in this session;
 *  - a blocking interstitial for a payment-spoof finding on a page that asks for credentials or
 *    card data, unless trusted or the user chose "continue anyway" on this site in this session.
 */
import { LEVELS, type Finding, type Level, type Locale } from '../engine/types';
import type { RuleText } from '../rules/match-rule';
import type { BannerModel, BannerReason, InterstitialModel, PageVerdict, ScanReportPayload } from '../messaging/protocol';
import type { BannerLevel } from '../storage/settings';
import { TECHNIQUE_LABELS } from '../domains/technique-labels';
import { brandName, CATEGORY_NAMES, LEVEL_NAMES, pageStrings } from '../i18n/page-strings';

export interface VerdictInput {
  report: Omit<ScanReportPayload, 'domainFacts'>;
  locale: Locale;
  bannerLevel: BannerLevel;
  trusted: boolean;
  dismissed: boolean;
  continued: boolean;
  host: string;
  ruleTexts: ReadonlyMap<string, RuleText>;
}

const rank = (l: Level) => LEVELS.indexOf(l);
const SPOOF_SEVERITIES = new Set(['medium', 'high', 'critical']);

export function levelReaches(level: Level, threshold: BannerLevel): boolean {
  return threshold !== 'off' && rank(level) >= rank(threshold);
}

/** The top reasons: findings ordered by the points they contributed, then severity. */
export function topReasons(report: Omit<ScanReportPayload, 'domainFacts'>, locale: Locale, texts: ReadonlyMap<string, RuleText>, max = 3): BannerReason[] {
  const points = new Map<number, number>();
  for (const c of report.report.contributions) points.set(c.finding, (points.get(c.finding) ?? 0) + c.points);
  return report.findings
    .map((f, i) => ({ f, i, p: points.get(i) ?? 0 }))
    .sort((a, b) => b.p - a.p || a.i - b.i)
    .slice(0, max)
    .map(({ f }) => ({
      category: f.category,
      categoryName: CATEGORY_NAMES[f.category][locale],
      title: texts.get(f.ruleId)?.title[locale] ?? f.ruleId,
      occurrences: f.occurrences,
    }));
}

/** The payment-spoof finding to name in the interstitial: a look-alike host (with its diff) first. */
export function findSpoof(findings: readonly Finding[]): Finding | undefined {
  const spoofs = findings.filter((f) => f.category === 'payment-spoof' && SPOOF_SEVERITIES.has(f.severity));
  return spoofs.find((f) => f.detail?.diff && f.detail.technique !== 'content-impersonation') ?? spoofs[0];
}

export function decideVerdict(input: VerdictInput): PageVerdict {
  const { report, locale } = input;
  let banner: BannerModel | null = null;
  if (!input.trusted && !input.dismissed && levelReaches(report.report.level, input.bannerLevel) && report.findings.length) {
    banner = {
      level: report.report.level,
      levelName: LEVEL_NAMES[report.report.level][locale],
      score: Math.round(report.report.score),
      count: report.findings.length,
      reasons: topReasons(report, locale, input.ruleTexts),
    };
  }
  let interstitial: InterstitialModel | null = null;
  const spoof = findSpoof(report.findings);
  if (spoof && report.asksForCredentials && !input.trusted && !input.continued) {
    const d = spoof.detail ?? {};
    const pageHost = input.host.replace(/:\d+$/, '');
    interstitial = {
      host: input.host,
      ...(d.host && d.host !== pageHost ? { target: d.host } : {}),
      ...(d.brand ? { brand: brandName(d.brand, locale) } : {}),
      ...(d.officialDomain ? { officialDomain: d.officialDomain } : {}),
      ...(d.diff ? { diff: d.diff } : {}),
      // named here, in the page's language: the content script does not carry the labels
      ...(d.technique ? { technique: TECHNIQUE_LABELS[d.technique]?.[locale] ?? d.technique } : {}),
    };
  }
  // the page's words travel with the verdict: the content script carries no strings of its own
  return { locale, strings: pageStrings(locale), banner, interstitial };
}
