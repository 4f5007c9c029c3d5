/** Shapes of what the evidence store keeps, validated on every read (a corrupted record is skipped and reported). */
import { z } from 'zod';
import { ArtefactSchema, ChainRecordSchema, NoteSchema } from './types';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const BlobRecordSchema = z.object({
  sha256: hex64,
  size: z.number().int().nonnegative(),
  mime: z.string(),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes'),
});
export type BlobRecord = z.infer<typeof BlobRecordSchema>;

export const SnapshotRecordSchema = z.object({
  id: z.string().min(1),
  /** capture time, ISO UTC */
  createdAt: z.string(),
  url: z.string(),
  finalUrl: z.string(),
  title: z.string(),
  host: z.string(),
  caseId: z.string().nullable(),
  /** digest over the original artefacts (see src/evidence/snapshot-digest.ts) */
  digest: hex64,
  /** the originals, capture.json included; their bytes live in the blob store under their hash */
  artefacts: z.array(ArtefactSchema).min(1),
  /** a small preview image: derived, not evidence, not exported */
  thumbnail: z.object({ sha256: hex64, mime: z.string(), size: z.number() }).nullable(),
  score: z.number().nullable(),
  level: z.string().nullable(),
  findingsCount: z.number().int().nonnegative(),
  warnings: z.array(z.string()),
  imported: z.object({ at: z.string(), fileName: z.string(), manifestSha256: z.string() }).nullable(),
});
export type SnapshotRecord = z.infer<typeof SnapshotRecordSchema>;

export const CaseRecordSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** hash of the last chain record */
  head: hex64,
  records: z.number().int().nonnegative(),
  imported: z.boolean(),
});
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

export const DeletionLogSchema = z.object({
  id: z.string(),
  at: z.string(),
  snapshotId: z.string(),
  caseId: z.string().nullable(),
  reason: z.string(),
  digest: hex64,
  url: z.string(),
  title: z.string(),
});
export type DeletionLog = z.infer<typeof DeletionLogSchema>;

export { ChainRecordSchema, NoteSchema };

export interface RecordProblem {
  store: string;
  key: string;
  message: string;
  /** set when the problem is a save the browser cut short (the background was stopped in its middle) */
  interrupted?: { startedAt: string; tabId: number; url: string; title: string };
}

export interface ArtefactCheck {
  name: string;
  expected: string;
  actual: string | null;
  ok: boolean;
}

export interface IntegrityReport {
  snapshotId: string;
  ok: boolean;
  digestOk: boolean;
  files: ArtefactCheck[];
  checkedAt: string;
}
