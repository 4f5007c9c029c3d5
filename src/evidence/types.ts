/**
 * The evidence vocabulary: capture.json, manifest.json, case.json and the case hash chain.
 * zod schemas validate anything read back from a ZIP or from storage; the types are inferred from them.
 */
import { z } from 'zod';
import { CATEGORIES, LEVELS, SEVERITIES } from '../engine/types';

export const CAPTURE_FORMAT = 'shop-sentinel/capture@1';
export const BUNDLE_FORMAT = 'shop-sentinel/bundle@1';
export const CASE_FORMAT = 'shop-sentinel/case@1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case SHA-256 hex digest');

/** Roles of the files of one snapshot. The originals are written once at capture and never changed. */
export const FILE_ROLES = [
  'screenshot-viewport',
  'screenshot-full',
  'html',
  'text',
  'mhtml',
  'capture',
  'notes',
  'report',
  'case',
] as const;
export type FileRole = (typeof FILE_ROLES)[number];

export const ArtefactSchema = z.object({
  /** file name inside the snapshot (e.g. "screenshot-viewport.png") */
  name: z.string().min(1).max(200),
  role: z.enum(FILE_ROLES),
  mime: z.string().min(1).max(100),
  sha256: hex64,
  size: z.number().int().nonnegative(),
});
export type Artefact = z.infer<typeof ArtefactSchema>;

/** A finding as capture.json keeps it: tolerant of extra fields (the engine's types may grow). */
export const CapturedFindingSchema = z.looseObject({
  ruleId: z.string(),
  category: z.enum(CATEGORIES).or(z.string()),
  severity: z.enum(SEVERITIES).or(z.string()),
  excerpt: z.object({ before: z.string(), match: z.string(), after: z.string() }).optional(),
  occurrences: z.number().optional(),
  title: z.object({ zh: z.string(), en: z.string() }).optional(),
  explanation: z.object({ zh: z.string(), en: z.string() }).optional(),
  legalBasis: z.object({ zh: z.string(), en: z.string() }).optional(),
});
export type CapturedFinding = z.infer<typeof CapturedFindingSchema>;

export const CapturedReportSchema = z.looseObject({
  score: z.number(),
  level: z.enum(LEVELS).or(z.string()),
});

export const CaptureInfoSchema = z.object({
  format: z.literal(CAPTURE_FORMAT),
  snapshotId: z.string().min(1).max(100),
  url: z.string(),
  finalUrl: z.string(),
  title: z.string(),
  capturedAt: z.object({
    utc: z.string(),
    local: z.string(),
    timeZone: z.string(),
    /** minutes east of UTC */
    offsetMinutes: z.number(),
  }),
  browser: z.object({ name: z.string(), version: z.string(), userAgent: z.string() }),
  extension: z.object({ name: z.string(), version: z.string() }),
  ruleSet: z.object({ version: z.string(), rules: z.number().int().nonnegative().optional() }),
  page: z.object({
    viewport: z.object({ width: z.number(), height: z.number(), devicePixelRatio: z.number() }),
    scrollHeight: z.number(),
    fullPage: z.object({
      captured: z.boolean(),
      tiles: z.number().int().nonnegative(),
      coveredHeight: z.number(),
      truncated: z.boolean(),
    }),
  }),
  findings: z.array(CapturedFindingSchema),
  report: CapturedReportSchema.nullable(),
  note: z.string(),
  /** the other artefacts of this snapshot, with their hashes: binds them to this capture record */
  artefacts: z.array(ArtefactSchema),
  warnings: z.array(z.string()),
});
export type CaptureInfo = z.infer<typeof CaptureInfoSchema>;

export const ManifestFileSchema = z.object({
  path: z.string().min(1),
  sha256: hex64,
  size: z.number().int().nonnegative(),
  role: z.enum(FILE_ROLES),
  /** the snapshot this file belongs to, when it belongs to one */
  snapshotId: z.string().optional(),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const ManifestSnapshotSchema = z.object({
  id: z.string(),
  /** folder of the snapshot inside the bundle: "" for a single-snapshot bundle, "snapshots/<id>/" in a case */
  dir: z.string(),
  /** digest over the snapshot's original artefacts (see snapshot-digest.ts) */
  digest: hex64,
  url: z.string(),
  capturedAt: z.string(),
});
export type ManifestSnapshot = z.infer<typeof ManifestSnapshotSchema>;

export const ManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  kind: z.enum(['snapshot', 'case']),
  createdAt: z.string(),
  generator: z.object({ name: z.string(), version: z.string() }),
  algorithm: z.literal('SHA-256'),
  files: z.array(ManifestFileSchema),
  snapshots: z.array(ManifestSnapshotSchema),
  case: z
    .object({ id: z.string(), title: z.string(), chainHead: hex64, records: z.number().int().nonnegative() })
    .optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const CHAIN_RECORD_KINDS = ['case-created', 'snapshot-added', 'snapshot-deleted', 'note-saved', 'case-updated'] as const;
export type ChainRecordKind = (typeof CHAIN_RECORD_KINDS)[number];

export const ChainRecordSchema = z.object({
  caseId: z.string().min(1),
  seq: z.number().int().nonnegative(),
  at: z.string(),
  kind: z.enum(CHAIN_RECORD_KINDS),
  /** kind-specific facts: snapshot id and digest, note id and text hash, title, deletion reason */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** hash of the previous record, or 64 zeros for the first */
  prev: hex64,
  /** SHA-256 of the canonical JSON of every other field */
  hash: hex64,
});
export type ChainRecord = z.infer<typeof ChainRecordSchema>;

export const CaseFileSchema = z.object({
  format: z.literal(CASE_FORMAT),
  case: z.object({ id: z.string(), title: z.string(), createdAt: z.string() }),
  records: z.array(ChainRecordSchema),
});
export type CaseFile = z.infer<typeof CaseFileSchema>;

export const NoteSchema = z.object({
  id: z.string(),
  /** the snapshot or case the note is about */
  snapshotId: z.string().optional(),
  caseId: z.string().optional(),
  text: z.string().max(20_000),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Note = z.infer<typeof NoteSchema>;
