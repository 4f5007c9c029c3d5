import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createEvidenceService, type EvidenceServiceDeps } from '../../../src/background/evidence/service';
import { fromBase64, toBase64 } from '../../../src/evidence/bytes';
import { verifyBundle } from '../../../src/evidence/verify';
import { openEvidenceDb } from '../../../src/storage/evidence-db';
import { createFakeTab } from './fake-tab';
import { rezip, unzipAll } from './zip-helpers';

function makeService(factory = new IDBFactory(), exportChunkBytes?: number) {
  const tab = createFakeTab({ cssWidth: 60, cssHeight: 1500, viewportHeight: 500, dpr: 1 });
  let n = 0;
  const deps: EvidenceServiceDeps = {
    openDb: () => openEvidenceDb(factory),
    getTab: async (id) => ({ id, windowId: 1, url: 'https://shop.example.com/item', title: 'Item', active: true }),
    getTabReport: async () => ({
      findings: [{ ruleId: 'r1', category: 'unfair-terms', severity: 'high', excerpt: { before: '', match: '概不退换', after: '' }, locator: { segment: 0, start: 0, end: 4, path: 'p' }, occurrences: 1, title: { zh: '不退换', en: 'No returns' }, explanation: { zh: '说明', en: 'why' } }],
      report: { score: 50, level: 'warning', byCategory: {}, contributions: [] },
    }),
    captureDeps: async () => tab.deps,
    environment: async () => ({ browser: { name: 'Chrome', version: '131', userAgent: 'UA' }, extension: { name: 'ShopSentinel', version: '0.1.0' }, ruleSet: { version: 'r1' } }),
    newId: () => `id${++n}x${Math.random().toString(36).slice(2, 8)}`,
    now: () => new Date(Date.UTC(2026, 10, 22, 2, 0, n)),
    settings: async () => ({ fullPage: true, mhtml: false, lang: 'zh' }),
    ...(exportChunkBytes ? { exportChunkBytes } : {}),
  };
  return createEvidenceService(deps);
}

async function call<T = any>(svc: ReturnType<typeof makeService>, type: string, payload: unknown): Promise<T> {
  const r = await svc.handle({ type, payload });
  if (!r.ok) throw new Error(r.error);
  return r.value as T;
}

describe('evidence service', () => {
  it('case → save → notes → export → import elsewhere: intact, chained and equal', async () => {
    const svc = makeService();
    const c = await call(svc, 'evidence-create-case', { title: 'order 12345 dispute', note: 'bought on 11-20' });
    const saved = await call(svc, 'save-evidence', { tabId: 7, note: 'price changed', caseId: c.id });
    expect(saved.fullPageTiles).toBe(1);
    await call(svc, 'evidence-update-notes', { snapshotId: saved.snapshotId, text: 'seller refused' });
    const list = await call(svc, 'evidence-list', {});
    expect(list.snapshots).toHaveLength(1);
    expect(list.cases[0].records).toBe(4); // created, case note, snapshot added, snapshot note
    const got = await call(svc, 'evidence-get', { snapshotId: saved.snapshotId });
    expect(got.capture.findings[0].ruleId).toBe('r1');
    expect(got.notes.map((x: { text: string }) => x.text)).toEqual(['seller refused']);
    const file = await call(svc, 'evidence-get-file', { snapshotId: saved.snapshotId, name: 'screenshot-viewport.png' });
    expect(fromBase64(file.base64).length).toBe(file.size);
    expect((await call(svc, 'evidence-check', { snapshotId: saved.snapshotId })).ok).toBe(true);
    const caseView = await call(svc, 'evidence-get-case', { caseId: c.id });
    expect(caseView.chainOk).toBe(true);

    const exported = await call(svc, 'evidence-export', { caseId: c.id, lang: 'zh' });
    const zip = fromBase64(exported.base64);
    const v = await verifyBundle(zip);
    expect(v.status).toBe('intact');
    expect([...v.entries.keys()]).toContain('notes.json');
    const report = new TextDecoder().decode(v.entries.get('report.html'));
    expect(report).toMatch(/12315/);
    expect(report).toMatch(/order 12345 dispute/);

    const other = makeService();
    const imported = await call(other, 'evidence-import', { fileName: exported.fileName, base64: exported.base64 });
    expect(imported.status).toBe('intact');
    expect(imported.imported.snapshots).toEqual([saved.snapshotId]);
    expect(imported.imported.caseId).toBe(c.id);
    const again = await call(other, 'evidence-export', { caseId: c.id, lang: 'zh' });
    expect((await verifyBundle(fromBase64(again.base64))).status).toBe('intact');
    const otherCase = await call(other, 'evidence-get-case', { caseId: c.id });
    expect(otherCase.chainOk).toBe(true);
    expect(otherCase.notes.map((x: { text: string }) => x.text)).toEqual(['bought on 11-20']);
    expect((await call(other, 'evidence-get', { snapshotId: saved.snapshotId })).notes.map((x: { text: string }) => x.text)).toEqual(['seller refused']);
    // the re-export holds the very same files (only the generated report differs)
    const sameFiles = (m: { files: { path: string; sha256: string; role: string }[] }) => m.files.filter((f) => f.role !== 'report').map((f) => `${f.path} ${f.sha256}`);
    expect(sameFiles((await verifyBundle(fromBase64(again.base64))).manifest!)).toEqual(sameFiles(v.manifest!));
    expect(otherCase.case.head).toBe(caseView.case.head);
    // importing the same bundle twice adds nothing
    const twice = await call(other, 'evidence-import', { fileName: exported.fileName, base64: exported.base64 });
    expect(twice.imported.snapshots).toEqual([]);
  });

  it('refuses to import a tampered bundle and lists why', async () => {
    const svc = makeService();
    const saved = await call(svc, 'save-evidence', { tabId: 7 });
    const exported = await call(svc, 'evidence-export', { snapshotId: saved.snapshotId, lang: 'en' });
    const files = unzipAll(fromBase64(exported.base64));
    files['page.txt'] = new TextEncoder().encode('edited');
    const other = makeService();
    const r = await call(other, 'evidence-import', { fileName: 'x.zip', base64: toBase64(rezip(files)) });
    expect(r.status).toBe('tampered');
    expect(r.changed.map((p: { path: string }) => p.path)).toEqual(['page.txt']);
    expect(r.imported.snapshots).toEqual([]);
    expect((await call(other, 'evidence-list', {})).snapshots).toHaveLength(0);
    const notZip = await call(other, 'evidence-import', { fileName: 'x.zip', base64: toBase64(new TextEncoder().encode('hello')) });
    expect(notZip.status).toBe('not-a-bundle');
  });

  it('deletes with a log and a chain record; bad payloads get clear errors', async () => {
    const svc = makeService();
    const c = await call(svc, 'evidence-create-case', { title: 'x' });
    const saved = await call(svc, 'save-evidence', { tabId: 7, caseId: c.id });
    const log = await call(svc, 'evidence-delete', { snapshotId: saved.snapshotId, reason: 'wrong page' });
    expect(log.reason).toBe('wrong page');
    const view = await call(svc, 'evidence-get-case', { caseId: c.id });
    expect(view.records.map((r: { kind: string }) => r.kind)).toEqual(['case-created', 'snapshot-added', 'snapshot-deleted']);
    expect((await call(svc, 'evidence-list', {})).deletions).toHaveLength(1);
    expect(await svc.handle({ type: 'evidence-get', payload: { snapshotId: '../../etc' } })).toMatchObject({ ok: false, error: expect.stringMatching(/invalid id/) });
    expect(await svc.handle({ type: 'evidence-export', payload: { lang: 'en' } })).toMatchObject({ ok: false, error: expect.stringMatching(/exactly one/) });
    expect(await svc.handle({ type: 'evidence-get', payload: { snapshotId: 'nope' } })).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) });
    expect(await svc.handle({ type: 'nope', payload: {} })).toMatchObject({ ok: false });
  });
});

describe('chunked export', () => {
  it('a bundle larger than one message arrives in chunks that join to an intact ZIP', async () => {
    const svc = makeService(new IDBFactory(), 4096);
    const saved = await call(svc, 'save-evidence', { tabId: 7 });
    const first = await call(svc, 'evidence-export', { snapshotId: saved.snapshotId, lang: 'en' });
    expect(first.chunks).toBeGreaterThan(2);
    const parts = [fromBase64(first.base64)];
    for (let i = 1; i < first.chunks; i++) parts.push(fromBase64((await call(svc, 'evidence-export-chunk', { exportId: first.exportId, index: i })).base64));
    const zip = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      zip.set(p, o);
      o += p.length;
    }
    expect(zip.length).toBe(first.size);
    expect((await verifyBundle(zip)).status).toBe('intact');
    // the export is released after its last chunk
    expect(await svc.handle({ type: 'evidence-export-chunk', payload: { exportId: first.exportId, index: 1 } })).toMatchObject({ ok: false, error: expect.stringMatching(/expired/) });
  });
});

describe('evidence listener', () => {
  it('handles evidence messages from our pages only and leaves the rest to the main router', async () => {
    const { createEvidenceListener } = await import('../../../src/background/evidence/listener');
    const svc = makeService();
    const listen = createEvidenceListener(svc, 'ext-id', 'chrome-extension://ext-id');
    expect(listen({ type: 'get-tab-report', payload: {} }, { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' })).toBeUndefined();
    expect(await listen({ type: 'evidence-list', payload: {} }, { id: 'ext-id', url: 'chrome-extension://ext-id/evidence.html' })).toMatchObject({ ok: true });
    expect(await listen({ type: 'evidence-list', payload: {} }, { id: 'ext-id', url: 'https://evil.example/' })).toMatchObject({ ok: false, error: expect.stringMatching(/sender not allowed/) });
    expect(await listen({ type: 'evidence-list', payload: {} }, { id: 'other', url: 'chrome-extension://ext-id/x' })).toMatchObject({ ok: false });
  });
});

describe('chunked import', () => {
  it('a bundle sent in ordered chunks imports intact; out-of-order chunks are refused', async () => {
    const svc = makeService();
    const saved = await call(svc, 'save-evidence', { tabId: 7 });
    const exported = await call(svc, 'evidence-export', { snapshotId: saved.snapshotId, lang: 'en' });
    const zip = fromBase64(exported.base64);
    const other = makeService();
    const size = 5000;
    for (let i = 0; i * size < zip.length; i++) await call(other, 'evidence-import-chunk', { uploadId: 'u1', index: i, base64: toBase64(zip.subarray(i * size, (i + 1) * size)) });
    const r = await call(other, 'evidence-import', { fileName: 'x.zip', uploadId: 'u1' });
    expect(r.status).toBe('intact');
    expect(r.imported.snapshots).toEqual([saved.snapshotId]);
    expect(await other.handle({ type: 'evidence-import', payload: { fileName: 'x.zip', uploadId: 'u1' } })).toMatchObject({ ok: false, error: expect.stringMatching(/expired/) });
    await call(other, 'evidence-import-chunk', { uploadId: 'u2', index: 0, base64: toBase64(zip.subarray(0, 10)) });
    expect(await other.handle({ type: 'evidence-import-chunk', payload: { uploadId: 'u2', index: 2, base64: 'AAAA' } })).toMatchObject({ ok: false, error: expect.stringMatching(/out of order/) });
  });
});
