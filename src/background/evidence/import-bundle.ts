/** Imports a bundle ZIP: verifies it first, and stores only an intact one, all or nothing. */
import { utf8DecodeStrict } from '../../evidence/bytes';
import { verifyChain } from '../../evidence/chain';
import { computeSnapshotDigest } from '../../evidence/snapshot-digest';
import { CaptureInfoSchema, CaseFileSchema, NoteSchema, type Artefact, type Note } from '../../evidence/types';
import { verifyBundle } from '../../evidence/verify';
import type { CaseRecord } from '../../evidence/records';
import { EvidenceStorageError, getCaseChain, saveImport, type EvidenceDb, type SaveSnapshotInput } from '../../storage/evidence-db';
import type { ImportOutcome } from '../../messaging/evidence-messages';

function parseJson(bytes: Uint8Array | undefined): unknown {
  const text = bytes ? utf8DecodeStrict(bytes) : null;
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function importBundle(db: EvidenceDb, zip: Uint8Array, fileName: string, now: Date): Promise<ImportOutcome> {
  const r = await verifyBundle(zip);
  const outcome: ImportOutcome = {
    status: r.status,
    message: r.message,
    changed: r.changed,
    missing: r.missing,
    extra: r.extra,
    chain: r.chain,
    other: r.other,
    manifestSha256: r.manifestSha256 ?? null,
    imported: { snapshots: [], skipped: [], caseId: null },
  };
  if (r.status !== 'intact' || !r.manifest) return outcome;
  const manifest = r.manifest;

  const existingIds = new Set<string>();
  const notes: Note[] = [];
  const readNotes = (path: string) => {
    const raw = parseJson(r.entries.get(path)) as { notes?: unknown[] } | undefined;
    for (const n of raw?.notes ?? []) {
      const parsed = NoteSchema.safeParse(n);
      if (parsed.success) notes.push(parsed.data);
    }
  };
  const inputs: SaveSnapshotInput[] = [];
  let caseRecord: CaseRecord | null = null;
  let records: import('../../evidence/types').ChainRecord[] = [];

  if (manifest.kind === 'case' && manifest.case) {
    const caseFile = CaseFileSchema.parse(parseJson(r.entries.get('case.json')));
    const check = await verifyChain(caseFile.records, caseFile.case.id);
    if (!check.ok) throw new EvidenceStorageError('invalid', 'The case chain does not verify; nothing was imported.');
    let exists = false;
    try {
      const current = await getCaseChain(db, caseFile.case.id);
      exists = true;
      if (current.case.head !== check.head) throw new EvidenceStorageError('conflict', `A different version of case "${caseFile.case.title}" is already in your evidence; nothing was imported.`);
    } catch (err) {
      if (err instanceof EvidenceStorageError && err.code === 'conflict') throw err;
    }
    if (exists) {
      outcome.imported.caseId = caseFile.case.id;
      outcome.imported.skipped = manifest.snapshots.map((s) => s.id);
      outcome.message += ' This case is already in your evidence; nothing new was imported.';
      return outcome;
    }
    readNotes('notes.json');
    caseRecord = { id: caseFile.case.id, title: caseFile.case.title, createdAt: caseFile.case.createdAt, updatedAt: now.toISOString(), head: check.head, records: caseFile.records.length, imported: true };
    records = caseFile.records;
  }

  for (const s of manifest.snapshots) {
    const existing = await db.get('snapshots', s.id);
    if (existing) {
      if ((existing as { digest?: string }).digest === s.digest) {
        outcome.imported.skipped.push(s.id);
        existingIds.add(s.id);
        continue;
      }
      throw new EvidenceStorageError('conflict', `A different snapshot with id ${s.id} is already in your evidence; nothing was imported.`);
    }
    readNotes(`${s.dir}notes.json`);
    const capture = CaptureInfoSchema.parse(parseJson(r.entries.get(`${s.dir}capture.json`)));
    const captureBytes = r.entries.get(`${s.dir}capture.json`)!;
    const artefacts: { artefact: Artefact; bytes: Uint8Array }[] = capture.artefacts.map((a) => ({ artefact: a, bytes: r.entries.get(s.dir + a.name)! }));
    const captureEntry = manifest.files.find((f) => f.path === `${s.dir}capture.json`)!;
    artefacts.push({ artefact: { name: 'capture.json', role: 'capture', mime: 'application/json', sha256: captureEntry.sha256, size: captureBytes.length }, bytes: captureBytes });
    const digest = await computeSnapshotDigest(s.id, artefacts.map((a) => a.artefact));
    if (digest !== s.digest) throw new EvidenceStorageError('invalid', `Snapshot ${s.id} does not add up to its digest; nothing was imported.`);
    inputs.push({
      sealed: { id: s.id, capture, artefacts, digest },
      caseId: caseRecord ? caseRecord.id : null,
      thumbnail: null,
      now,
      imported: { at: now.toISOString(), fileName: fileName.slice(0, 300), manifestSha256: r.manifestSha256 ?? '' },
    });
  }
  if (existingIds.size && caseRecord) throw new EvidenceStorageError('conflict', 'Some snapshots of this case are already stored outside it; nothing was imported.');
  const kept = new Set(inputs.map((i) => i.sealed.id));
  const importedNotes = notes.filter((n) => (n.snapshotId !== undefined ? kept.has(n.snapshotId) : n.caseId !== undefined && n.caseId === caseRecord?.id));
  const saved = await saveImport(db, { snapshots: inputs, case: caseRecord, records, notes: importedNotes });
  outcome.imported.snapshots = saved.map((s) => s.id);
  outcome.imported.caseId = caseRecord?.id ?? null;
  return outcome;
}
