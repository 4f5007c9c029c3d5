/** Pure filtering of the snapshot list: search text, site, case, date range (local dates, inclusive). */
import type { SnapshotRecord } from '../../src/evidence/records';

export interface Filters {
  text: string;
  site: string; // '' = all
  caseId: string; // '' = all, '-' = not in a case
  from: string; // yyyy-mm-dd or ''
  to: string;
}

export const NO_FILTERS: Filters = { text: '', site: '', caseId: '', from: '', to: '' };

function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function filterSnapshots(list: readonly SnapshotRecord[], f: Filters): SnapshotRecord[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((s) => {
    if (f.site && s.host !== f.site) return false;
    if (f.caseId === '-' && s.caseId !== null) return false;
    if (f.caseId && f.caseId !== '-' && s.caseId !== f.caseId) return false;
    const day = localDay(s.createdAt);
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    if (words.length) {
      const hay = `${s.title} ${s.url} ${s.finalUrl} ${s.host}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

export function sitesOf(list: readonly SnapshotRecord[]): string[] {
  return [...new Set(list.map((s) => s.host).filter(Boolean))].sort();
}
