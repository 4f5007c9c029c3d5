/** Builders shared by the evidence tests: real sealed snapshots, real bundles. */
import { appendChainRecord } from '../../../src/evidence/chain';
import { sealSnapshot, type RawArtefact, type SealedSnapshot } from '../../../src/evidence/assemble';
import { buildCaseBundle, buildSnapshotBundle, type SnapshotMaterial } from '../../../src/evidence/bundle';
import { utf8Encode } from '../../../src/evidence/bytes';
import type { ChainRecord } from '../../../src/evidence/types';

export const GENERATOR = { name: 'ShopSentinel', version: '0.1.0-test' };

export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function rawArtefacts(seed = 1): RawArtefact[] {
  const png = pseudoRandomBytes(2000, seed);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return [
    { name: 'screenshot-viewport.png', role: 'screenshot-viewport', mime: 'image/png', bytes: png },
    { name: 'page.html', role: 'html', mime: 'text/html', bytes: utf8Encode(`<!doctype html><html><body><h1>限时特价 ${seed}</h1><p>一经售出概不退换</p></body></html>`) },
    { name: 'page.txt', role: 'text', mime: 'text/plain', bytes: utf8Encode(`限时特价 ${seed}\n一经售出概不退换\n`) },
  ];
}

export async function sampleSnapshot(id = 'snap-1', seed = 1): Promise<SealedSnapshot> {
  return sealSnapshot(
    id,
    rawArtefacts(seed),
    {
      url: `https://shop${seed}.example.com/item/42`,
      finalUrl: `https://shop${seed}.example.com/item/42?ref=x`,
      title: `Cheap phone ${seed} 特价手机`,
      capturedAt: new Date(Date.UTC(2026, 10, 22, 2, 0, seed)),
      browser: { name: 'Chrome', version: '131.0.0.0', userAgent: 'Mozilla/5.0 test' },
      extension: { name: 'ShopSentinel', version: '0.1.0' },
      ruleSet: { version: 'rules-2026.11', rules: 42 },
      page: { viewport: { width: 1280, height: 800, devicePixelRatio: 1 }, scrollHeight: 800, fullPage: { captured: false, tiles: 0, coveredHeight: 800, truncated: false } },
      findings: [
        {
          ruleId: 'no-returns-ever',
          category: 'unfair-terms',
          severity: 'high',
          excerpt: { before: '', match: '一经售出概不退换', after: '' },
          occurrences: 1,
          title: { zh: '排除退货权利', en: 'Strips your right to return' },
          explanation: { zh: '七日无理由退货是法定权利。', en: 'Seven-day returns are a legal right.' },
        },
      ],
      report: { score: 45, level: 'warning' },
      note: 'order 12345 <script>alert(1)</script>',
      warnings: [],
    },
    'Asia/Shanghai',
  );
}

export function toMaterial(s: SealedSnapshot): SnapshotMaterial {
  return { id: s.id, digest: s.digest, capture: s.capture, artefacts: s.artefacts, notes: [] };
}

export async function sampleSnapshotBundle(lang: 'zh' | 'en' = 'zh') {
  const s = await sampleSnapshot();
  return buildSnapshotBundle(toMaterial(s), { lang, now: new Date(Date.UTC(2026, 10, 22, 3, 0, 0)), generator: GENERATOR });
}

export async function sampleCaseBundle() {
  const a = await sampleSnapshot('snap-a', 2);
  const b = await sampleSnapshot('snap-b', 3);
  const c = await sampleSnapshot('snap-c', 4);
  const records: ChainRecord[] = [];
  const push = async (kind: ChainRecord['kind'], data: ChainRecord['data']) => {
    records.push(await appendChainRecord(records[records.length - 1] ?? null, { caseId: 'case-1', at: new Date(Date.UTC(2026, 10, 22, 2, records.length)).toISOString(), kind, data }));
  };
  await push('case-created', { title: 'order 12345 dispute' });
  await push('snapshot-added', { snapshotId: a.id, digest: a.digest });
  await push('snapshot-added', { snapshotId: b.id, digest: b.digest });
  await push('snapshot-added', { snapshotId: c.id, digest: c.digest });
  await push('snapshot-deleted', { snapshotId: c.id, digest: c.digest, reason: 'duplicate' });
  const bundle = await buildCaseBundle(
    { id: 'case-1', title: 'order 12345 dispute', createdAt: records[0]!.at, records, notes: [] },
    [toMaterial(a), toMaterial(b)],
    { lang: 'en', now: new Date(Date.UTC(2026, 10, 22, 3, 0, 0)), generator: GENERATOR },
  );
  return { bundle, records, snapshots: [a, b] };
}
