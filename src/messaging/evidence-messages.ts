/**
 * The evidence messages: zod schemas for every request and the types of every reply. Same envelope as
 * the rest of the protocol (`{ type, payload }` → `{ ok: true, value } | { ok: false, error }`).
 * All are sent by extension pages (popup, evidence manager); the background is the only IndexedDB writer.
 * Binary data travels as base64 because Chrome serializes runtime messages as JSON.
 */
import { z } from 'zod';
import { EXPORT_CHUNK_BYTES, MAX_IMPORT_BASE64 } from '../evidence/limits';
import type { CaptureInfo, ChainRecord, Note } from '../evidence/types';
import type { CaseRecord, DeletionLog, IntegrityReport, RecordProblem, SnapshotRecord } from '../evidence/records';
import type { SaveEvidenceResult } from '../background/evidence/save-evidence';

const id = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'invalid id');
export { EXPORT_CHUNK_BYTES, MAX_IMPORT_BASE64 };

export const EVIDENCE_SCHEMAS = {
  'save-evidence': z.strictObject({
    tabId: z.number().int().min(0),
    note: z.string().max(5000).optional(),
    caseId: id.nullable().optional(),
    fullPage: z.boolean().optional(),
    mhtml: z.boolean().optional(),
  }),
  'evidence-list': z.strictObject({}),
  'evidence-get': z.strictObject({ snapshotId: id }),
  'evidence-get-file': z.strictObject({ snapshotId: id, name: z.string().min(1).max(200) }),
  'evidence-check': z.strictObject({ snapshotId: id }),
  'evidence-get-case': z.strictObject({ caseId: id }),
  'evidence-update-notes': z
    .strictObject({ noteId: id.optional(), snapshotId: id.optional(), caseId: id.optional(), text: z.string().max(20_000) })
    .refine((v) => (v.snapshotId === undefined) !== (v.caseId === undefined), 'give exactly one of snapshotId or caseId'),
  'evidence-delete': z.strictObject({ snapshotId: id, reason: z.string().max(500) }),
  'evidence-create-case': z.strictObject({ title: z.string().trim().min(1).max(200), note: z.string().max(20_000).optional() }),
  'evidence-export': z
    .strictObject({ snapshotId: id.optional(), caseId: id.optional(), lang: z.enum(['zh', 'en']) })
    .refine((v) => (v.snapshotId === undefined) !== (v.caseId === undefined), 'give exactly one of snapshotId or caseId'),
  'evidence-export-chunk': z.strictObject({ exportId: id, index: z.number().int().min(1).max(10_000) }),
  'evidence-import-chunk': z.strictObject({ uploadId: id, index: z.number().int().min(0).max(10_000), base64: z.string().max(Math.ceil((EXPORT_CHUNK_BYTES * 4) / 3) + 8) }),
  /** either the whole ZIP as base64 (small files) or the id of an upload sent with evidence-import-chunk */
  'evidence-import': z
    .strictObject({ fileName: z.string().max(300), base64: z.string().max(MAX_IMPORT_BASE64).optional(), uploadId: id.optional() })
    .refine((v) => (v.base64 === undefined) !== (v.uploadId === undefined), 'give exactly one of base64 or uploadId'),
} as const;

export type EvidenceMessageType = keyof typeof EVIDENCE_SCHEMAS;
export const EVIDENCE_MESSAGE_TYPES = Object.keys(EVIDENCE_SCHEMAS) as EvidenceMessageType[];
/** Every evidence message comes from one of our own pages. */
export const EVIDENCE_MESSAGE_ORIGINS: { [K in EvidenceMessageType]: 'extension' } = Object.fromEntries(EVIDENCE_MESSAGE_TYPES.map((t) => [t, 'extension'])) as {
  [K in EvidenceMessageType]: 'extension';
};

export interface ImportOutcome {
  status: 'intact' | 'tampered' | 'not-a-bundle';
  message: string;
  changed: { path: string; detail: string }[];
  missing: { path: string; detail: string }[];
  extra: { path: string; detail: string }[];
  chain: string[];
  other: string[];
  manifestSha256: string | null;
  /** what was stored; empty when the bundle was refused */
  imported: { snapshots: string[]; skipped: string[]; caseId: string | null };
}

export interface EvidenceProtocol {
  'save-evidence': { req: z.infer<(typeof EVIDENCE_SCHEMAS)['save-evidence']>; res: SaveEvidenceResult };
  'evidence-list': {
    req: Record<string, never>;
    res: { snapshots: SnapshotRecord[]; cases: CaseRecord[]; deletions: DeletionLog[]; problems: RecordProblem[]; storage: { usage: number; quota: number; persisted: boolean } | null };
  };
  'evidence-get': { req: { snapshotId: string }; res: { snapshot: SnapshotRecord; capture: CaptureInfo; notes: Note[]; case: CaseRecord | null } };
  'evidence-get-file': { req: { snapshotId: string; name: string }; res: { name: string; mime: string; size: number; sha256: string; base64: string } };
  'evidence-check': { req: { snapshotId: string }; res: IntegrityReport };
  'evidence-get-case': { req: { caseId: string }; res: { case: CaseRecord; records: ChainRecord[]; chainOk: boolean; chainProblems: string[]; notes: Note[] } };
  'evidence-update-notes': { req: z.infer<(typeof EVIDENCE_SCHEMAS)['evidence-update-notes']>; res: Note };
  'evidence-delete': { req: { snapshotId: string; reason: string }; res: DeletionLog };
  'evidence-create-case': { req: { title: string; note?: string }; res: CaseRecord };
  /** `base64` is the first chunk; fetch chunks 1..chunks-1 with evidence-export-chunk (large bundles exceed one message) */
  'evidence-export': {
    req: z.infer<(typeof EVIDENCE_SCHEMAS)['evidence-export']>;
    res: { fileName: string; base64: string; size: number; manifestSha256: string; exportId: string; chunks: number };
  };
  'evidence-export-chunk': { req: { exportId: string; index: number }; res: { base64: string } };
  'evidence-import-chunk': { req: { uploadId: string; index: number; base64: string }; res: { received: number } };
  'evidence-import': { req: { fileName: string; base64?: string; uploadId?: string }; res: ImportOutcome };
}

export type EvidenceRequest<K extends EvidenceMessageType> = EvidenceProtocol[K]['req'];
export type EvidenceResponse<K extends EvidenceMessageType> = EvidenceProtocol[K]['res'];
