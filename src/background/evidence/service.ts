/**
 * The evidence service: one handler per evidence message, plus the capture entry points for the keyboard
 * shortcut and the context menu. Everything the browser provides is injected (see browser-deps.ts).
 */
import { buildCaseBundle, buildSnapshotBundle, type SnapshotMaterial } from '../../evidence/bundle';
import { fromBase64, toBase64 } from '../../evidence/bytes';
import { verifyChain } from '../../evidence/chain';
import { CaptureInfoSchema } from '../../evidence/types';
import {
  EvidenceStorageError,
  checkSnapshotIntegrity,
  createCase,
  deleteSnapshot,
  getArtefactBytes,
  getCaseChain,
  getSnapshot,
  listCases,
  listDeletions,
  listNotes,
  listSnapshots,
  readSnapshotMaterial,
  saveNote,
  type EvidenceDb,
} from '../../storage/evidence-db';
import { EVIDENCE_SCHEMAS, EXPORT_CHUNK_BYTES, type EvidenceMessageType, type EvidenceProtocol } from '../../messaging/evidence-messages';
import { captureAndSave, describeError, type SaveEvidenceDeps } from './save-evidence';
import { importBundle } from './import-bundle';
import { utf8DecodeStrict } from '../../evidence/bytes';
import { describeInterruptedSave } from './save-journal';
import type { RecordProblem } from '../../evidence/records';

export interface EvidenceServiceDeps extends SaveEvidenceDeps {
  /** the user's evidence settings at the time of a capture */
  settings(): Promise<{ fullPage: boolean; mhtml: boolean; lang: 'zh' | 'en' }>;
  /** navigator.storage, for usage/quota and persist() */
  storage?: StorageManager;
  /** size of one export chunk (tests use small ones) */
  exportChunkBytes?: number;
}

export type EvidenceHandlers = {
  [K in EvidenceMessageType]: (payload: EvidenceProtocol[K]['req']) => Promise<EvidenceProtocol[K]['res']>;
};

export interface EvidenceService {
  handlers: EvidenceHandlers;
  /** validates `{ type, payload }` and runs the handler: `{ ok, value } | { ok: false, error }` */
  handle(message: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: string }>;
  isEvidenceMessage(type: unknown): type is EvidenceMessageType;
  /** for the keyboard shortcut and the context menu: save the given tab with the user's settings */
  captureTab(tabId: number, note?: string): Promise<EvidenceProtocol['save-evidence']['res']>;
}

export function createEvidenceService(deps: EvidenceServiceDeps): EvidenceService {
  let dbPromise: Promise<EvidenceDb> | null = null;
  const db = () => {
    dbPromise ??= deps.openDb().catch((err: unknown) => {
      dbPromise = null;
      throw err;
    });
    return dbPromise;
  };
  const saveDeps: SaveEvidenceDeps = { ...deps, openDb: db };
  // A save left pending by an earlier background (stopped mid-save) becomes "interrupted" now.
  void deps.journal?.recover();
  // Exported ZIPs wait here while the page fetches them chunk by chunk; dropped after 10 minutes.
  const exports = new Map<string, { zip: Uint8Array; timer: ReturnType<typeof setTimeout> }>();
  const CHUNK = deps.exportChunkBytes ?? EXPORT_CHUNK_BYTES;
  // Imports larger than one message arrive in order, chunk by chunk; dropped after 10 minutes.
  const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
  const uploads = new Map<string, { parts: Uint8Array[]; bytes: number; timer: ReturnType<typeof setTimeout> }>();
  const chunkOf = (zip: Uint8Array, index: number) => toBase64(zip.subarray(index * CHUNK, (index + 1) * CHUNK));

  const generator = async () => {
    const env = await deps.environment();
    return { name: env.extension.name, version: env.extension.version };
  };

  const handlers: EvidenceHandlers = {
    async 'save-evidence'(p) {
      const s = await deps.settings();
      return captureAndSave(saveDeps, { tabId: p.tabId, note: p.note ?? '', caseId: p.caseId ?? null, fullPage: p.fullPage ?? s.fullPage, mhtml: p.mhtml ?? s.mhtml });
    },
    async 'evidence-list'() {
      const d = await db();
      const [s, c, del, cut] = await Promise.all([listSnapshots(d), listCases(d), listDeletions(d), deps.journal?.interrupted() ?? null]);
      const interrupted: RecordProblem[] = cut ? [{ store: 'saves', key: cut.startedAt, message: describeInterruptedSave(cut), interrupted: cut }] : [];
      let storage = null;
      try {
        if (deps.storage?.estimate) {
          const est = await deps.storage.estimate();
          storage = { usage: est.usage ?? 0, quota: est.quota ?? 0, persisted: (await deps.storage.persisted?.()) ?? false };
        }
      } catch {
        storage = null;
      }
      return { snapshots: s.snapshots, cases: c.cases, deletions: del.deletions, problems: [...interrupted, ...s.problems, ...c.problems, ...del.problems], storage };
    },
    async 'evidence-get'(p) {
      const d = await db();
      const snapshot = await getSnapshot(d, p.snapshotId);
      const { bytes } = await getArtefactBytes(d, p.snapshotId, 'capture.json');
      const capture = CaptureInfoSchema.safeParse(JSON.parse(utf8DecodeStrict(bytes) ?? 'null'));
      if (!capture.success) throw new EvidenceStorageError('invalid', 'capture.json of this snapshot is unreadable.');
      const { notes } = await listNotes(d, { snapshotId: p.snapshotId });
      const c = snapshot.caseId ? (await getCaseChain(d, snapshot.caseId).catch(() => null))?.case ?? null : null;
      return { snapshot, capture: capture.data, notes, case: c };
    },
    async 'evidence-get-file'(p) {
      const { artefact, bytes } = await getArtefactBytes(await db(), p.snapshotId, p.name);
      return { name: artefact.name, mime: artefact.mime, size: bytes.length, sha256: artefact.sha256, base64: toBase64(bytes) };
    },
    async 'evidence-check'(p) {
      return checkSnapshotIntegrity(await db(), p.snapshotId, deps.now());
    },
    async 'evidence-get-case'(p) {
      const d = await db();
      const { case: c, records, problems } = await getCaseChain(d, p.caseId);
      const check = await verifyChain(records, p.caseId);
      const chainProblems = [...problems.map((x) => x.message), ...check.problems.map((x) => x.message)];
      if (check.head !== c.head) chainProblems.push('the case record ends at a different hash than the case says (records missing)');
      const { notes } = await listNotes(d, { caseId: p.caseId });
      return { case: c, records, chainOk: chainProblems.length === 0, chainProblems, notes };
    },
    async 'evidence-update-notes'(p) {
      return saveNote(await db(), {
        id: p.noteId ?? deps.newId(),
        ...(p.snapshotId !== undefined ? { snapshotId: p.snapshotId } : {}),
        ...(p.caseId !== undefined ? { caseId: p.caseId } : {}),
        text: p.text,
        now: deps.now(),
      });
    },
    async 'evidence-delete'(p) {
      return deleteSnapshot(await db(), { id: p.snapshotId, reason: p.reason, now: deps.now(), logId: deps.newId() });
    },
    async 'evidence-create-case'(p) {
      const d = await db();
      const c = await createCase(d, { id: deps.newId(), title: p.title, now: deps.now() });
      if (p.note?.trim()) await saveNote(d, { id: deps.newId(), caseId: c.id, text: p.note, now: deps.now() });
      return (await getCaseChain(d, c.id)).case;
    },
    async 'evidence-export'(p) {
      const d = await db();
      const opts = { lang: p.lang, now: deps.now(), generator: await generator() };
      let built;
      if (p.snapshotId !== undefined) built = await buildSnapshotBundle(await readSnapshotMaterial(d, p.snapshotId), opts);
      else {
        const { case: c, records } = await getCaseChain(d, p.caseId!);
        const { snapshots } = await listSnapshots(d);
        const materials: SnapshotMaterial[] = [];
        for (const s of snapshots.filter((x) => x.caseId === c.id).reverse()) materials.push(await readSnapshotMaterial(d, s.id));
        const { notes } = await listNotes(d, { caseId: c.id });
        built = await buildCaseBundle({ id: c.id, title: c.title, createdAt: c.createdAt, records, notes }, materials, opts);
      }
      const chunks = Math.max(1, Math.ceil(built.zip.length / CHUNK));
      const exportId = deps.newId();
      if (chunks > 1) {
        const zip = built.zip;
        exports.set(exportId, { zip, timer: setTimeout(() => exports.delete(exportId), 600_000) });
      }
      return { fileName: built.fileName, base64: chunkOf(built.zip, 0), size: built.zip.length, manifestSha256: built.manifestSha256, exportId, chunks };
    },
    async 'evidence-export-chunk'(p) {
      const entry = exports.get(p.exportId);
      if (!entry) throw new EvidenceStorageError('not-found', 'This export has expired; export again.');
      const chunks = Math.ceil(entry.zip.length / CHUNK);
      if (p.index >= chunks) throw new EvidenceStorageError('invalid', 'No such chunk.');
      if (p.index === chunks - 1) {
        clearTimeout(entry.timer);
        exports.delete(p.exportId);
      }
      return { base64: chunkOf(entry.zip, p.index) };
    },
    async 'evidence-import-chunk'(p) {
      let part: Uint8Array;
      try {
        part = fromBase64(p.base64);
      } catch {
        throw new EvidenceStorageError('invalid', 'The file could not be read.');
      }
      let upload = uploads.get(p.uploadId);
      if (!upload) {
        if (p.index !== 0) throw new EvidenceStorageError('not-found', 'This upload has expired; import the file again.');
        upload = { parts: [], bytes: 0, timer: setTimeout(() => uploads.delete(p.uploadId), 600_000) };
        uploads.set(p.uploadId, upload);
      }
      if (p.index !== upload.parts.length) throw new EvidenceStorageError('invalid', 'File chunks arrived out of order; import the file again.');
      if (upload.bytes + part.length > MAX_UPLOAD_BYTES) {
        clearTimeout(upload.timer);
        uploads.delete(p.uploadId);
        throw new EvidenceStorageError('invalid', `The file is larger than ${MAX_UPLOAD_BYTES / 1048576} MB.`);
      }
      upload.parts.push(part);
      upload.bytes += part.length;
      return { received: upload.bytes };
    },
    async 'evidence-import'(p) {
      let bytes: Uint8Array;
      if (p.uploadId !== undefined) {
        const upload = uploads.get(p.uploadId);
        if (!upload) throw new EvidenceStorageError('not-found', 'This upload has expired; import the file again.');
        clearTimeout(upload.timer);
        uploads.delete(p.uploadId);
        bytes = new Uint8Array(upload.bytes);
        let o = 0;
        for (const part of upload.parts) {
          bytes.set(part, o);
          o += part.length;
        }
      } else {
        try {
          bytes = fromBase64(p.base64 ?? '');
        } catch {
          throw new EvidenceStorageError('invalid', 'The file could not be read.');
        }
      }
      return importBundle(await db(), bytes, p.fileName, deps.now());
    },
  };

  const isEvidenceMessage = (type: unknown): type is EvidenceMessageType => typeof type === 'string' && Object.hasOwn(EVIDENCE_SCHEMAS, type);

  return {
    handlers,
    isEvidenceMessage,
    async handle(message) {
      if (!message || typeof message !== 'object') return { ok: false, error: 'message: not an object' };
      const { type, payload } = message as { type?: unknown; payload?: unknown };
      if (!isEvidenceMessage(type)) return { ok: false, error: `message: unknown type ${JSON.stringify(type)}` };
      const parsed = EVIDENCE_SCHEMAS[type].safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, error: `${type}: payload.${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
      }
      try {
        const handler = handlers[type] as (p: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data) };
      } catch (err) {
        const e = err instanceof EvidenceStorageError ? err : describeError(err);
        return { ok: false, error: `${type}: ${e.message}` };
      }
    },
    async captureTab(tabId, note) {
      return handlers['save-evidence']({ tabId, ...(note ? { note } : {}) });
    },
  };
}
