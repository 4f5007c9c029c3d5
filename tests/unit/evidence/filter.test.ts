import { describe, expect, it } from 'vitest';
import { filterSnapshots, NO_FILTERS, sitesOf } from '../../../entrypoints/evidence/filter';
import { pickLang } from '../../../entrypoints/evidence/strings';
import type { SnapshotRecord } from '../../../src/evidence/records';

function snap(id: string, host: string, createdAt: string, caseId: string | null, title = id): SnapshotRecord {
  return { id, createdAt, url: `https://${host}/x`, finalUrl: `https://${host}/x`, title, host, caseId, digest: 'a'.repeat(64), artefacts: [], thumbnail: null, score: null, level: null, findingsCount: 0, warnings: [], imported: null };
}

const LIST = [
  snap('a', 'shop.example.com', '2026-11-01T12:00:00.000Z', 'c1', '特价手机'),
  snap('b', 'pay.example.net', '2026-11-10T12:00:00.000Z', null, 'Checkout'),
  snap('c', 'shop.example.com', '2026-11-20T12:00:00.000Z', null, 'Cheap phone'),
];

describe('evidence list filters', () => {
  it('filters by site, case, date and words', () => {
    expect(filterSnapshots(LIST, NO_FILTERS).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(filterSnapshots(LIST, { ...NO_FILTERS, site: 'shop.example.com' }).map((s) => s.id)).toEqual(['a', 'c']);
    expect(filterSnapshots(LIST, { ...NO_FILTERS, caseId: 'c1' }).map((s) => s.id)).toEqual(['a']);
    expect(filterSnapshots(LIST, { ...NO_FILTERS, caseId: '-' }).map((s) => s.id)).toEqual(['b', 'c']);
    expect(filterSnapshots(LIST, { ...NO_FILTERS, from: '2026-11-05', to: '2026-11-15' }).map((s) => s.id)).toEqual(['b']);
    expect(filterSnapshots(LIST, { ...NO_FILTERS, text: '手机' }).map((s) => s.id)).toEqual(['a']);
    expect(filterSnapshots(LIST, { ...NO_FILTERS, text: 'cheap SHOP' }).map((s) => s.id)).toEqual(['c']);
    expect(sitesOf(LIST)).toEqual(['pay.example.net', 'shop.example.com']);
  });
  it('picks the language from ?lang= first, then the browser', () => {
    expect(pickLang('zh', 'en-US')).toBe('zh');
    expect(pickLang(null, 'zh-CN')).toBe('zh');
    expect(pickLang('en', 'zh-CN')).toBe('en');
    expect(pickLang(null, 'fr')).toBe('en');
  });
});
