/**
 * The case hash chain: every record carries the previous record's hash, and its own hash covers
 * everything else in it. Changing, removing, inserting or reordering any record breaks the chain.
 */
import { canonicalJson } from './canonical-json';
import { sha256Hex, ZERO_HASH } from './hash';
import { ChainRecordSchema, type ChainRecord, type ChainRecordKind } from './types';

export type ChainRecordBody = Omit<ChainRecord, 'hash'>;

export function hashChainRecord(body: ChainRecordBody): Promise<string> {
  const { caseId, seq, at, kind, data, prev } = body;
  return sha256Hex(canonicalJson({ caseId, seq, at, kind, data, prev }));
}

/** Builds the next record of a case chain from its current last record (or none, for the first). */
export async function appendChainRecord(
  last: ChainRecord | null,
  input: { caseId: string; at: string; kind: ChainRecordKind; data: ChainRecord['data'] },
): Promise<ChainRecord> {
  if (last && last.caseId !== input.caseId) throw new Error('Chain record belongs to another case');
  const body: ChainRecordBody = {
    caseId: input.caseId,
    seq: last ? last.seq + 1 : 0,
    at: input.at,
    kind: input.kind,
    data: input.data,
    prev: last ? last.hash : ZERO_HASH,
  };
  return { ...body, hash: await hashChainRecord(body) };
}

export interface ChainProblem {
  /** index of the record in the list (its expected seq) */
  index: number;
  message: string;
}

export interface ChainCheck {
  ok: boolean;
  head: string;
  problems: ChainProblem[];
}

/** Checks a whole chain: shape, seq order, every hash, every link, one case, starts with case-created. */
export async function verifyChain(records: readonly unknown[], caseId?: string): Promise<ChainCheck> {
  const problems: ChainProblem[] = [];
  let prevHash = ZERO_HASH;
  let head = ZERO_HASH;
  for (let i = 0; i < records.length; i++) {
    const parsed = ChainRecordSchema.safeParse(records[i]);
    if (!parsed.success) {
      problems.push({ index: i, message: `record ${i} is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      prevHash = '';
      continue;
    }
    const r = parsed.data;
    if (caseId !== undefined && r.caseId !== caseId) problems.push({ index: i, message: `record ${i} belongs to case ${r.caseId}, not ${caseId}` });
    if (r.seq !== i) problems.push({ index: i, message: `record ${i} has sequence number ${r.seq} (records missing, inserted or reordered)` });
    if (i === 0 && r.kind !== 'case-created') problems.push({ index: i, message: 'the chain does not start with the case-created record' });
    const expected = await hashChainRecord(r);
    if (expected !== r.hash) problems.push({ index: i, message: `record ${i} (${r.kind}) was changed: its hash does not match its content` });
    if (prevHash !== '' && r.prev !== prevHash) problems.push({ index: i, message: `record ${i} (${r.kind}) does not link to record ${i - 1}: previous-hash mismatch` });
    prevHash = r.hash;
    head = r.hash;
  }
  return { ok: problems.length === 0, head, problems };
}
