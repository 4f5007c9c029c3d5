import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkSnapshotIntegrity,
  createCase,
  deleteSnapshot,
  getBlob,
  getCaseChain,
  listDeletions,
  listNotes,
  listSnapshots,
  openEvidenceDb,
  readSnapshotMaterial,
  saveNote,
  saveSnapshot,
  type EvidenceDb,
} from '../../../src/storage/evidence-db';
import { verifyChain } from '../../../src/evidence/chain';
import { buildSnapshotBundle } from '../../../src/evidence/bundle';
import { verifyBundle } from '../../../src/evidence/verify';
import { GENERATOR, sampleSnapshot } from './fixtures';

const NOW = new Date(Date.UTC(2026, 10, 22, 3, 0, 0));
let db: EvidenceDb;
async function freshDb() {
  db = await openEvidenceDb(new IDBFactory());
  return db;
}
afterEach(() => {
  vi.restoreAllMocks();
  db?.close();
});

describe('evidence store', () => {
  it('saves a snapshot with its blobs keyed by hash and reads it back byte for byte', async () => {
    await freshDb();
    const s = await sampleSnapshot('s1', 1);
    const rec = await saveSnapshot(db, { sealed: s, caseId: null, thumbnail: { bytes: new Uint8Array([1, 2, 3]), mime: 'image/png' }, now: NOW });
    expect(rec.host).toBe('shop1.example.com');
    expect(rec.findingsCount).toBe(1);
    for (const a of s.artefacts) expect((await getBlob(db, a.artefact.sha256))?.bytes).toEqual(a.bytes);
    const material = await readSnapshotMaterial(db, 's1');
    expect(material.capture).toEqual(s.capture);
    const built = await buildSnapshotBundle(material, { lang: 'zh', now: NOW, generator: GENERATOR });
    expect((await verifyBundle(built.zip)).status).toBe('intact');
    expect((await checkSnapshotIntegrity(db, 's1', NOW)).ok).toBe(true);
  });

  it('chains snapshots, notes and deletions in a case', async () => {
    await freshDb();
    await createCase(db, { id: 'c1', title: 'order 12345 dispute', now: NOW });
    await saveSnapshot(db, { sealed: await sampleSnapshot('a', 2), caseId: 'c1', thumbnail: null, now: NOW });
    await saveSnapshot(db, { sealed: await sampleSnapshot('b', 3), caseId: 'c1', thumbnail: null, now: NOW });
    await saveNote(db, { id: 'n1', snapshotId: 'a', text: 'seller refused refund', now: NOW });
    await deleteSnapshot(db, { id: 'b', reason: 'duplicate', now: NOW, logId: 'd1' });
    const { case: c, records } = await getCaseChain(db, 'c1');
    expect(records.map((r) => r.kind)).toEqual(['case-created', 'snapshot-added', 'snapshot-added', 'note-saved', 'snapshot-deleted']);
    expect(c.head).toBe(records[4]!.hash);
    expect((await verifyChain(records, 'c1')).ok).toBe(true);
    expect((await listSnapshots(db)).snapshots.map((s) => s.id)).toEqual(['a']);
    expect((await listDeletions(db)).deletions).toMatchObject([{ snapshotId: 'b', caseId: 'c1', reason: 'duplicate' }]);
    expect((await listNotes(db, { snapshotId: 'a' })).notes.map((n) => n.text)).toEqual(['seller refused refund']);
  });

  it('deleting a snapshot removes only blobs no other snapshot uses', async () => {
    await freshDb();
    const a = await sampleSnapshot('a', 5);
    const b = await sampleSnapshot('b', 5); // same artefact bytes, different id → shared blobs
    await saveSnapshot(db, { sealed: a, caseId: null, thumbnail: null, now: NOW });
    await saveSnapshot(db, { sealed: b, caseId: null, thumbnail: null, now: NOW });
    await deleteSnapshot(db, { id: 'a', reason: 'test', now: NOW, logId: 'd1' });
    const shared = a.artefacts.find((x) => x.artefact.name === 'page.html')!.artefact.sha256;
    expect(await getBlob(db, shared)).not.toBeNull();
    expect((await checkSnapshotIntegrity(db, 'b', NOW)).ok).toBe(true);
    await deleteSnapshot(db, { id: 'b', reason: 'test', now: NOW, logId: 'd2' });
    expect(await getBlob(db, shared)).toBeNull();
  });

  it('a failure in the middle of a save leaves no half record (duplicate id after the blobs were written)', async () => {
    await freshDb();
    await createCase(db, { id: 'c1', title: 'dispute', now: NOW });
    await saveSnapshot(db, { sealed: await sampleSnapshot('s1', 1), caseId: 'c1', thumbnail: null, now: NOW });
    const second = await sampleSnapshot('s1', 9); // same id, different bytes
    await expect(saveSnapshot(db, { sealed: second, caseId: 'c1', thumbnail: null, now: NOW })).rejects.toMatchObject({ code: 'conflict' });
    for (const a of second.artefacts) expect(await getBlob(db, a.artefact.sha256), a.artefact.name).toBeNull();
    const { records } = await getCaseChain(db, 'c1');
    expect(records).toHaveLength(2);
  });

  it('a full disk during a save is reported as quota and leaves nothing behind', async () => {
    await freshDb();
    await createCase(db, { id: 'c1', title: 'dispute', now: NOW });
    const realPut = IDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'blobs' && ++puts === 3) throw new DOMException('disk full', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const s = await sampleSnapshot('s2', 2);
    const err = await saveSnapshot(db, { sealed: s, caseId: 'c1', thumbnail: null, now: NOW }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'quota' });
    expect(String((err as Error).message)).toMatch(/Nothing was saved/);
    vi.restoreAllMocks();
    expect(puts).toBe(3);
    for (const a of s.artefacts) expect(await getBlob(db, a.artefact.sha256)).toBeNull();
    expect((await listSnapshots(db)).snapshots).toHaveLength(0);
    expect((await getCaseChain(db, 'c1')).records).toHaveLength(1);
    // and the store still works afterwards
    await saveSnapshot(db, { sealed: s, caseId: 'c1', thumbnail: null, now: NOW });
    expect((await getCaseChain(db, 'c1')).records).toHaveLength(2);
  });

  it('a corrupted record does not hide the others', async () => {
    await freshDb();
    await saveSnapshot(db, { sealed: await sampleSnapshot('ok1', 1), caseId: null, thumbnail: null, now: NOW });
    await saveSnapshot(db, { sealed: await sampleSnapshot('ok2', 2), caseId: null, thumbnail: null, now: NOW });
    await db.put('snapshots', { id: 'broken', digest: 'not-a-hash' } as never);
    const { snapshots, problems } = await listSnapshots(db);
    expect(snapshots.map((s) => s.id).sort()).toEqual(['ok1', 'ok2']);
    expect(problems).toMatchObject([{ store: 'snapshots', key: 'broken' }]);
  });

  it('integrity check notices a changed blob', async () => {
    await freshDb();
    const s = await sampleSnapshot('s1', 1);
    await saveSnapshot(db, { sealed: s, caseId: null, thumbnail: null, now: NOW });
    const target = s.artefacts[1]!.artefact;
    const blob = (await getBlob(db, target.sha256))!;
    const bytes = blob.bytes.slice();
    bytes[0] = bytes[0]! ^ 0xff;
    await db.put('blobs', { ...blob, bytes });
    const report = await checkSnapshotIntegrity(db, 's1', NOW);
    expect(report.ok).toBe(false);
    expect(report.files.filter((f) => !f.ok).map((f) => f.name)).toEqual([target.name]);
    await expect(readSnapshotMaterial(db, 's1').then((m) => buildSnapshotBundle(m, { lang: 'en', now: NOW, generator: GENERATOR }))).rejects.toThrow(/no longer matches/);
  });

  it('refuses unknown cases and empty titles with clear errors', async () => {
    await freshDb();
    await expect(saveSnapshot(db, { sealed: await sampleSnapshot('x', 1), caseId: 'nope', thumbnail: null, now: NOW })).rejects.toMatchObject({ code: 'not-found' });
    await expect(createCase(db, { id: 'c', title: '   ', now: NOW })).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('notes', () => {
  it('edits keep the note id and creation time; a note cannot be moved to another snapshot', async () => {
    await freshDb();
    await saveSnapshot(db, { sealed: await sampleSnapshot('a', 1), caseId: null, thumbnail: null, now: NOW });
    await saveSnapshot(db, { sealed: await sampleSnapshot('b', 2), caseId: null, thumbnail: null, now: NOW });
    const first = await saveNote(db, { id: 'n1', snapshotId: 'a', text: 'v1', now: NOW });
    const later = new Date(NOW.getTime() + 60_000);
    const edited = await saveNote(db, { id: 'n1', snapshotId: 'a', text: 'v2', now: later });
    expect(edited).toMatchObject({ id: 'n1', text: 'v2', createdAt: first.createdAt, updatedAt: later.toISOString() });
    await expect(saveNote(db, { id: 'n1', snapshotId: 'b', text: 'moved', now: later })).rejects.toMatchObject({ code: 'invalid' });
    expect((await listNotes(db, { snapshotId: 'a' })).notes.map((n) => n.text)).toEqual(['v2']);
  });
});
