/**
 * The evidence store (IndexedDB through idb). Written only by the background.
 *
 * - blobs: artefact bytes keyed by their SHA-256 (deduplicated, never modified);
 * - snapshots, cases, chain (case hash-chain records), notes and deletions are separate records;
 * - every save is one readwrite transaction with durability 'strict': all of it lands or none of it;
 * - every read validates each record; a corrupted record is skipped and reported, never hides the others;
 * - functions take an IDBFactory, so tests run on fake-indexeddb.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { z } from 'zod';
import { appendChainRecord } from '../evidence/chain';
import { sha256Hex } from '../evidence/hash';
import { computeSnapshotDigest } from '../evidence/snapshot-digest';
import type { SealedSnapshot } from '../evidence/assemble';
import type { SnapshotMaterial } from '../evidence/bundle';
import { utf8DecodeStrict } from '../evidence/bytes';
import { CaptureInfoSchema, type Artefact, type ChainRecord, type Note } from '../evidence/types';
import {
  BlobRecordSchema,
  CaseRecordSchema,
  ChainRecordSchema,
  DeletionLogSchema,
  NoteSchema,
  SnapshotRecordSchema,
  type BlobRecord,
  type CaseRecord,
  type DeletionLog,
  type IntegrityReport,
  type RecordProblem,
  type SnapshotRecord,
} from '../evidence/records';

export const EVIDENCE_DB_NAME = 'shop-sentinel-evidence';
const VERSION = 1;

interface EvidenceSchema extends DBSchema {
  blobs: { key: string; value: BlobRecord };
  snapshots: { key: string; value: SnapshotRecord; indexes: { 'by-case': string; 'by-host': string; 'by-time': string } };
  cases: { key: string; value: CaseRecord };
  chain: { key: [string, number]; value: ChainRecord; indexes: { 'by-case': string } };
  notes: { key: string; value: Note; indexes: { 'by-snapshot': string; 'by-case': string } };
  deletions: { key: string; value: DeletionLog; indexes: { 'by-case': string } };
}

export type EvidenceDb = IDBPDatabase<EvidenceSchema> & { __writeQueue?: Promise<unknown> };
type Store = StoreNames<EvidenceSchema>;

export type StorageErrorCode = 'quota' | 'conflict' | 'not-found' | 'aborted' | 'invalid' | 'unavailable';

/** An error the UI can explain: `code` says what happened, `message` is for people. */
export class EvidenceStorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceStorageError';
  }
}

function toStorageError(err: unknown, what: string): EvidenceStorageError {
  if (err instanceof EvidenceStorageError) return err;
  const name = err instanceof Error || (typeof DOMException !== 'undefined' && err instanceof DOMException) ? (err as Error).name : '';
  const detail = err instanceof Error ? err.message : String(err);
  if (name === 'QuotaExceededError') return new EvidenceStorageError('quota', `${what} failed: the browser has no more storage space for evidence. Nothing was saved. Free some disk space or delete old snapshots, then try again.`);
  if (name === 'ConstraintError') return new EvidenceStorageError('conflict', `${what} failed: a record with the same id already exists. Nothing was saved.`);
  if (name === 'AbortError' || name === 'TransactionInactiveError') return new EvidenceStorageError('aborted', `${what} was interrupted. Nothing was saved.`);
  if (name === 'DataCloneError' || name === 'DataError') return new EvidenceStorageError('invalid', `${what} failed: the data could not be stored (${detail}). Nothing was saved.`);
  return new EvidenceStorageError('unavailable', `${what} failed: ${detail}. Nothing was saved.`);
}

export function openEvidenceDb(factory: IDBFactory, name = EVIDENCE_DB_NAME): Promise<EvidenceDb> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, VERSION);
    } catch (err) {
      reject(toStorageError(err, 'Opening the evidence store'));
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('blobs')) db.createObjectStore('blobs', { keyPath: 'sha256' });
      if (!db.objectStoreNames.contains('snapshots')) {
        const s = db.createObjectStore('snapshots', { keyPath: 'id' });
        s.createIndex('by-case', 'caseId');
        s.createIndex('by-host', 'host');
        s.createIndex('by-time', 'createdAt');
      }
      if (!db.objectStoreNames.contains('cases')) db.createObjectStore('cases', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('chain')) db.createObjectStore('chain', { keyPath: ['caseId', 'seq'] }).createIndex('by-case', 'caseId');
      if (!db.objectStoreNames.contains('notes')) {
        const n = db.createObjectStore('notes', { keyPath: 'id' });
        n.createIndex('by-snapshot', 'snapshotId');
        n.createIndex('by-case', 'caseId');
      }
      if (!db.objectStoreNames.contains('deletions')) db.createObjectStore('deletions', { keyPath: 'id' }).createIndex('by-case', 'caseId');
    };
    request.onblocked = () => reject(new EvidenceStorageError('unavailable', 'The evidence store is blocked by another open copy of the extension. Close other extension pages and try again.'));
    request.onerror = () => reject(toStorageError(request.error, 'Opening the evidence store'));
    request.onsuccess = () => resolve(wrap(request.result) as unknown as EvidenceDb);
  });
}

/** Serializes writes: the background is the only writer, and chain appends must not interleave. */
function serialized<T>(db: EvidenceDb, fn: () => Promise<T>): Promise<T> {
  const prev = db.__writeQueue ?? Promise.resolve();
  const next = prev.then(fn, fn);
  db.__writeQueue = next.catch(() => undefined);
  return next;
}

type WriteTx = IDBPTransaction<EvidenceSchema, Store[], 'readwrite'>;

/** One readwrite, strict-durability transaction; `body` must only await IDB requests. Aborts on any throw. */
async function writeAll<T>(db: EvidenceDb, stores: Store[], what: string, body: (tx: WriteTx) => Promise<T>): Promise<T> {
  let tx: WriteTx;
  try {
    tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
  } catch (err) {
    throw toStorageError(err, what);
  }
  const done = tx.done;
  done.catch(() => undefined);
  try {
    const result = await body(tx);
    await done;
    return result;
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    await done.catch(() => undefined);
    throw toStorageError(err, what);
  }
}

/** Reads every record of a store, validating each; invalid ones become problems instead of errors. */
async function readValid<S extends Store, T>(
  db: EvidenceDb,
  store: S,
  schema: z.ZodType<T>,
  source?: () => Promise<unknown[]>,
): Promise<{ items: T[]; problems: RecordProblem[] }> {
  const items: T[] = [];
  const problems: RecordProblem[] = [];
  let raw: unknown[];
  try {
    raw = source ? await source() : ((await db.getAll(store)) as unknown[]);
  } catch (err) {
    // getAll can fail as a whole on a record that cannot be deserialized: walk the keys one by one instead.
    raw = [];
    const keys = await db.getAllKeys(store);
    for (const key of keys) {
      try {
        raw.push(await db.get(store, key as never));
      } catch (inner) {
        problems.push({ store, key: JSON.stringify(key), message: `unreadable record (${inner instanceof Error ? inner.message : String(inner)})` });
      }
    }
    if (keys.length === 0) problems.push({ store, key: '*', message: `store unreadable (${err instanceof Error ? err.message : String(err)})` });
  }
  for (const value of raw) {
    const parsed = schema.safeParse(value);
    if (parsed.success) items.push(parsed.data);
    else {
      const key = value && typeof value === 'object' ? String((value as Record<string, unknown>).id ?? (value as Record<string, unknown>).sha256 ?? '?') : '?';
      problems.push({ store, key, message: `corrupted record skipped: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim() });
    }
  }
  return { items, problems };
}

async function lastChainRecord(db: EvidenceDb, caseId: string): Promise<ChainRecord | null> {
  const range = IDBKeyRange.bound([caseId, 0], [caseId, Number.MAX_SAFE_INTEGER]);
  const cursor = await db.transaction('chain').store.openCursor(range, 'prev');
  if (!cursor) return null;
  const parsed = ChainRecordSchema.safeParse(cursor.value);
  if (!parsed.success) throw new EvidenceStorageError('invalid', `The last record of case ${caseId} is corrupted; the case cannot be extended.`);
  return parsed.data;
}

async function requireCase(db: EvidenceDb, caseId: string): Promise<CaseRecord> {
  const parsed = CaseRecordSchema.safeParse(await db.get('cases', caseId));
  if (!parsed.success) throw new EvidenceStorageError('not-found', `Case ${caseId} does not exist.`);
  return parsed.data;
}

/** Re-checks inside the write transaction that nobody extended the chain since `expectedHead` was read. */
async function putChainRecord(tx: WriteTx, c: CaseRecord, record: ChainRecord, now: string): Promise<void> {
  const current = CaseRecordSchema.safeParse(await tx.objectStore('cases').get(c.id));
  if (!current.success) throw new EvidenceStorageError('not-found', `Case ${c.id} does not exist.`);
  if (current.data.head !== record.prev) throw new EvidenceStorageError('conflict', `Case ${c.id} changed while saving; try again.`);
  await tx.objectStore('chain').add(record);
  await tx.objectStore('cases').put({ ...current.data, head: record.hash, records: record.seq + 1, updatedAt: now });
}

export interface SaveSnapshotInput {
  sealed: SealedSnapshot;
  caseId: string | null;
  thumbnail: { bytes: Uint8Array; mime: string } | null;
  now: Date;
  imported?: SnapshotRecord['imported'];
}

function snapshotRecordOf(input: SaveSnapshotInput, thumb: { sha256: string; mime: string; bytes: Uint8Array } | null): SnapshotRecord {
  const { sealed } = input;
  return {
    id: sealed.id,
    createdAt: sealed.capture.capturedAt.utc,
    url: sealed.capture.url,
    finalUrl: sealed.capture.finalUrl,
    title: sealed.capture.title,
    host: hostOf(sealed.capture.finalUrl || sealed.capture.url),
    caseId: input.caseId,
    digest: sealed.digest,
    artefacts: sealed.artefacts.map((a) => a.artefact),
    thumbnail: thumb ? { sha256: thumb.sha256, mime: thumb.mime, size: thumb.bytes.length } : null,
    score: sealed.capture.report?.score ?? null,
    level: sealed.capture.report ? String(sealed.capture.report.level) : null,
    findingsCount: sealed.capture.findings.length,
    warnings: sealed.capture.warnings,
    imported: input.imported ?? null,
  };
}

async function putSnapshot(tx: WriteTx, input: SaveSnapshotInput, record: SnapshotRecord, thumb: { sha256: string; mime: string; bytes: Uint8Array } | null): Promise<void> {
  const blobs = tx.objectStore('blobs');
  for (const a of input.sealed.artefacts) await blobs.put({ sha256: a.artefact.sha256, size: a.bytes.length, mime: a.artefact.mime, bytes: a.bytes });
  if (thumb) await blobs.put({ sha256: thumb.sha256, size: thumb.bytes.length, mime: thumb.mime, bytes: thumb.bytes });
  await tx.objectStore('snapshots').add(record);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Saves a sealed snapshot: blobs, record and (when in a case) the chain record, all or nothing. */
export function saveSnapshot(db: EvidenceDb, input: SaveSnapshotInput): Promise<SnapshotRecord> {
  return serialized(db, async () => {
    const { sealed } = input;
    const at = input.now.toISOString();
    const thumb = input.thumbnail ? { ...input.thumbnail, sha256: await sha256Hex(input.thumbnail.bytes) } : null;
    let caseRecord: CaseRecord | null = null;
    let chainRecord: ChainRecord | null = null;
    if (input.caseId) {
      caseRecord = await requireCase(db, input.caseId);
      chainRecord = await appendChainRecord(await lastChainRecord(db, input.caseId), {
        caseId: input.caseId,
        at,
        kind: 'snapshot-added',
        data: { snapshotId: sealed.id, digest: sealed.digest, url: sealed.capture.finalUrl || sealed.capture.url },
      });
    }
    const record = snapshotRecordOf(input, thumb);
    await writeAll(db, ['blobs', 'snapshots', 'cases', 'chain'], 'Saving the evidence', async (tx) => {
      await putSnapshot(tx, input, record, thumb);
      if (caseRecord && chainRecord) await putChainRecord(tx, caseRecord, chainRecord, at);
    });
    return record;
  });
}

export function createCase(db: EvidenceDb, input: { id: string; title: string; now: Date }): Promise<CaseRecord> {
  return serialized(db, async () => {
    const title = input.title.trim().slice(0, 200);
    if (!title) throw new EvidenceStorageError('invalid', 'A case needs a title.');
    const at = input.now.toISOString();
    const first = await appendChainRecord(null, { caseId: input.id, at, kind: 'case-created', data: { title } });
    const record: CaseRecord = { id: input.id, title, createdAt: at, updatedAt: at, head: first.hash, records: 1, imported: false };
    await writeAll(db, ['cases', 'chain'], 'Creating the case', async (tx) => {
      await tx.objectStore('cases').add(record);
      await tx.objectStore('chain').add(first);
    });
    return record;
  });
}

export async function listSnapshots(db: EvidenceDb): Promise<{ snapshots: SnapshotRecord[]; problems: RecordProblem[] }> {
  const { items, problems } = await readValid(db, 'snapshots', SnapshotRecordSchema);
  items.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return { snapshots: items, problems };
}

export async function listCases(db: EvidenceDb): Promise<{ cases: CaseRecord[]; problems: RecordProblem[] }> {
  const { items, problems } = await readValid(db, 'cases', CaseRecordSchema);
  items.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  return { cases: items, problems };
}

export async function getSnapshot(db: EvidenceDb, id: string): Promise<SnapshotRecord> {
  const parsed = SnapshotRecordSchema.safeParse(await db.get('snapshots', id));
  if (!parsed.success) throw new EvidenceStorageError('not-found', `Snapshot ${id} does not exist or its record is corrupted.`);
  return parsed.data;
}

export async function getBlob(db: EvidenceDb, sha256: string): Promise<BlobRecord | null> {
  const parsed = BlobRecordSchema.safeParse(await db.get('blobs', sha256));
  return parsed.success ? parsed.data : null;
}

export async function getArtefactBytes(db: EvidenceDb, snapshotId: string, name: string): Promise<{ artefact: Artefact; bytes: Uint8Array }> {
  const snap = await getSnapshot(db, snapshotId);
  const artefact = snap.artefacts.find((a) => a.name === name) ?? (name === 'thumbnail' && snap.thumbnail ? { name, role: 'screenshot-viewport' as const, mime: snap.thumbnail.mime, sha256: snap.thumbnail.sha256, size: snap.thumbnail.size } : undefined);
  if (!artefact) throw new EvidenceStorageError('not-found', `Snapshot ${snapshotId} has no file ${name}.`);
  const blob = await getBlob(db, artefact.sha256);
  if (!blob) throw new EvidenceStorageError('not-found', `The stored bytes of ${name} are missing or unreadable.`);
  return { artefact, bytes: blob.bytes };
}

export async function listNotes(db: EvidenceDb, by: { snapshotId?: string; caseId?: string }): Promise<{ notes: Note[]; problems: RecordProblem[] }> {
  const source = by.snapshotId !== undefined ? () => db.getAllFromIndex('notes', 'by-snapshot', by.snapshotId!) : by.caseId !== undefined ? () => db.getAllFromIndex('notes', 'by-case', by.caseId!) : undefined;
  const { items, problems } = await readValid(db, 'notes', NoteSchema, source);
  const filtered = by.snapshotId !== undefined ? items : by.caseId !== undefined ? items.filter((n) => n.snapshotId === undefined) : items;
  filtered.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  return { notes: filtered, problems };
}

/** Creates or edits a note. Notes never touch the originals; in a case the change is chained. */
export function saveNote(db: EvidenceDb, input: { id: string; snapshotId?: string; caseId?: string; text: string; now: Date }): Promise<Note> {
  return serialized(db, async () => {
    if ((input.snapshotId === undefined) === (input.caseId === undefined)) throw new EvidenceStorageError('invalid', 'A note belongs to exactly one snapshot or case.');
    const at = input.now.toISOString();
    const existing = NoteSchema.safeParse(await db.get('notes', input.id));
    if (existing.success && (existing.data.snapshotId !== input.snapshotId || existing.data.caseId !== input.caseId))
      throw new EvidenceStorageError('invalid', 'That note belongs to another snapshot or case.');
    const note: Note = {
      id: input.id,
      ...(input.snapshotId !== undefined ? { snapshotId: input.snapshotId } : {}),
      ...(input.caseId !== undefined ? { caseId: input.caseId } : {}),
      text: input.text.slice(0, 20_000),
      createdAt: existing.success ? existing.data.createdAt : at,
      updatedAt: at,
    };
    const caseId = input.caseId ?? (await getSnapshot(db, input.snapshotId!)).caseId;
    let caseRecord: CaseRecord | null = null;
    let chainRecord: ChainRecord | null = null;
    if (caseId) {
      caseRecord = await requireCase(db, caseId);
      chainRecord = await appendChainRecord(await lastChainRecord(db, caseId), {
        caseId,
        at,
        kind: 'note-saved',
        data: { noteId: note.id, textSha256: await sha256Hex(note.text), snapshotId: input.snapshotId ?? null },
      });
    }
    await writeAll(db, ['notes', 'cases', 'chain'], 'Saving the note', async (tx) => {
      await tx.objectStore('notes').put(note);
      if (caseRecord && chainRecord) await putChainRecord(tx, caseRecord, chainRecord, at);
    });
    return note;
  });
}

/**
 * Deletes a snapshot: its record, its notes and the blobs no other snapshot uses. A deletion log record
 * stays; in a case, a 'snapshot-deleted' record is chained so the case shows what was removed and when.
 */
export function deleteSnapshot(db: EvidenceDb, input: { id: string; reason: string; now: Date; logId: string }): Promise<DeletionLog> {
  return serialized(db, async () => {
    const snap = await getSnapshot(db, input.id);
    const at = input.now.toISOString();
    let caseRecord: CaseRecord | null = null;
    let chainRecord: ChainRecord | null = null;
    if (snap.caseId) {
      caseRecord = await requireCase(db, snap.caseId);
      chainRecord = await appendChainRecord(await lastChainRecord(db, snap.caseId), {
        caseId: snap.caseId,
        at,
        kind: 'snapshot-deleted',
        data: { snapshotId: snap.id, digest: snap.digest, reason: input.reason.slice(0, 500) },
      });
    }
    const log: DeletionLog = { id: input.logId, at, snapshotId: snap.id, caseId: snap.caseId, reason: input.reason.slice(0, 500), digest: snap.digest, url: snap.finalUrl || snap.url, title: snap.title };
    await writeAll(db, ['blobs', 'snapshots', 'notes', 'deletions', 'cases', 'chain'], 'Deleting the snapshot', async (tx) => {
      const snapshots = tx.objectStore('snapshots');
      await snapshots.delete(snap.id);
      const stillUsed = new Set<string>();
      for (const other of await snapshots.getAll()) {
        const parsed = SnapshotRecordSchema.safeParse(other);
        if (!parsed.success) {
          // A corrupted record might still reference blobs: keep every blob it names.
          for (const a of ((other as { artefacts?: { sha256?: unknown }[] })?.artefacts ?? [])) if (typeof a?.sha256 === 'string') stillUsed.add(a.sha256);
          continue;
        }
        for (const a of parsed.data.artefacts) stillUsed.add(a.sha256);
        if (parsed.data.thumbnail) stillUsed.add(parsed.data.thumbnail.sha256);
      }
      const mine = [...snap.artefacts.map((a) => a.sha256), ...(snap.thumbnail ? [snap.thumbnail.sha256] : [])];
      for (const h of mine) if (!stillUsed.has(h)) await tx.objectStore('blobs').delete(h);
      const notes = tx.objectStore('notes');
      for (const key of await notes.index('by-snapshot').getAllKeys(snap.id)) await notes.delete(key);
      await tx.objectStore('deletions').add(log);
      if (caseRecord && chainRecord) await putChainRecord(tx, caseRecord, chainRecord, at);
    });
    return log;
  });
}

export async function listDeletions(db: EvidenceDb): Promise<{ deletions: DeletionLog[]; problems: RecordProblem[] }> {
  const { items, problems } = await readValid(db, 'deletions', DeletionLogSchema);
  items.sort((a, b) => (a.at < b.at ? 1 : -1));
  return { deletions: items, problems };
}

export async function getCaseChain(db: EvidenceDb, caseId: string): Promise<{ case: CaseRecord; records: ChainRecord[]; problems: RecordProblem[] }> {
  const c = await requireCase(db, caseId);
  const { items, problems } = await readValid(db, 'chain', ChainRecordSchema, () => db.getAllFromIndex('chain', 'by-case', caseId));
  items.sort((a, b) => a.seq - b.seq);
  return { case: c, records: items, problems };
}

/** Recomputes every artefact hash and the snapshot digest from the stored bytes. */
export async function checkSnapshotIntegrity(db: EvidenceDb, id: string, now: Date): Promise<IntegrityReport> {
  const snap = await getSnapshot(db, id);
  const files = [];
  for (const a of snap.artefacts) {
    const blob = await getBlob(db, a.sha256);
    const actual = blob ? await sha256Hex(blob.bytes) : null;
    files.push({ name: a.name, expected: a.sha256, actual, ok: actual === a.sha256 && blob!.bytes.length === a.size });
  }
  const digest = await computeSnapshotDigest(snap.id, snap.artefacts);
  const digestOk = digest === snap.digest;
  return { snapshotId: id, ok: digestOk && files.every((f) => f.ok), digestOk, files, checkedAt: now.toISOString() };
}

/** Everything an export needs for one snapshot, with capture.json parsed back from its stored bytes. */
export async function readSnapshotMaterial(db: EvidenceDb, id: string): Promise<SnapshotMaterial> {
  const snap = await getSnapshot(db, id);
  const artefacts = [];
  for (const a of snap.artefacts) {
    const blob = await getBlob(db, a.sha256);
    if (!blob) throw new EvidenceStorageError('not-found', `The stored bytes of ${a.name} (snapshot ${id}) are missing or unreadable.`);
    artefacts.push({ artefact: a, bytes: blob.bytes });
  }
  const captureBytes = artefacts.find((a) => a.artefact.name === 'capture.json')?.bytes;
  const text = captureBytes ? utf8DecodeStrict(captureBytes) : null;
  let capture;
  try {
    capture = CaptureInfoSchema.parse(JSON.parse(text ?? 'null'));
  } catch {
    throw new EvidenceStorageError('invalid', `capture.json of snapshot ${id} is unreadable.`);
  }
  const { notes } = await listNotes(db, { snapshotId: id });
  return { id, digest: snap.digest, capture, artefacts, notes };
}

/**
 * Stores an imported bundle (already verified by the caller): its snapshots and, for a case, the case and
 * its chain records exactly as they were, in one all-or-nothing transaction. Snapshots are not re-chained.
 */
export function saveImport(db: EvidenceDb, input: { snapshots: SaveSnapshotInput[]; case: CaseRecord | null; records: ChainRecord[]; notes?: Note[] }): Promise<SnapshotRecord[]> {
  return serialized(db, async () => {
    const prepared: { s: SaveSnapshotInput; thumb: { sha256: string; mime: string; bytes: Uint8Array } | null; record: SnapshotRecord }[] = [];
    for (const s of input.snapshots) {
      const thumb = s.thumbnail ? { ...s.thumbnail, sha256: await sha256Hex(s.thumbnail.bytes) } : null;
      prepared.push({ s, thumb, record: snapshotRecordOf(s, thumb) });
    }
    await writeAll(db, ['blobs', 'snapshots', 'cases', 'chain', 'notes'], 'Importing the bundle', async (tx) => {
      for (const n of input.notes ?? []) await tx.objectStore('notes').put(n);
      if (input.case) {
        await tx.objectStore('cases').add(input.case);
        for (const r of input.records) await tx.objectStore('chain').add(r);
      }
      for (const p of prepared) await putSnapshot(tx, p.s, p.record, p.thumb);
    });
    return prepared.map((p) => p.record);
  });
}

/** Best effort: ask the browser not to evict evidence under storage pressure. */
export async function requestPersistentStorage(storage: StorageManager | undefined): Promise<boolean> {
  try {
    if (!storage?.persist) return false;
    if (await storage.persisted?.()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
