/**
 * Says when the score covers only part of the page: the scanner read up to its node cap
 * (`truncated`) or stopped following the page to keep it responsive (`gaveUp`). Without it an
 * empty report on such a page would read as "nothing found" for text that was never read.
 */
import type { ScanStats } from '../messaging/protocol';
import type { UiStringKey } from '../i18n/ui-strings';

type Translate = (k: UiStringKey, v?: Record<string, string | number>) => string;

/** the note for these stats, or null when the whole page was read */
export function coverageNote(stats: Pick<ScanStats, 'nodes' | 'busyMs' | 'truncated' | 'gaveUp'>, t: Translate): string | null {
  if (stats.gaveUp) return t('coverageGaveUp', { busy: Math.round(stats.busyMs).toLocaleString('en') });
  if (stats.truncated) return t('coverageTruncated', { nodes: stats.nodes.toLocaleString('en') });
  return null;
}

export function CoverageNote({ stats, t }: { stats: ScanStats; t: Translate }) {
  const text = coverageNote(stats, t);
  return text ? (
    <div class="note partial" role="note" data-testid="coverage">
      {text}
    </div>
  ) : null;
}
