import { describe, expect, it } from 'vitest';
import { appendChainRecord, verifyChain } from '../../../src/evidence/chain';
import { ZERO_HASH } from '../../../src/evidence/hash';
import type { ChainRecord } from '../../../src/evidence/types';

async function chainOf(n: number): Promise<ChainRecord[]> {
  const out: ChainRecord[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      await appendChainRecord(out[i - 1] ?? null, {
        caseId: 'c1',
        at: `2026-11-22T02:00:0${i}.000Z`,
        kind: i === 0 ? 'case-created' : 'snapshot-added',
        data: i === 0 ? { title: 'dispute' } : { snapshotId: `s${i}`, digest: 'a'.repeat(64) },
      }),
    );
  return out;
}

describe('case hash chain', () => {
  it('links each record to the previous one', async () => {
    const chain = await chainOf(4);
    expect(chain[0]!.prev).toBe(ZERO_HASH);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.prev).toBe(chain[i - 1]!.hash);
    const check = await verifyChain(chain, 'c1');
    expect(check).toEqual({ ok: true, head: chain[3]!.hash, problems: [] });
  });
  it('detects a changed record', async () => {
    const chain = await chainOf(4);
    chain[2] = { ...chain[2]!, data: { ...chain[2]!.data, snapshotId: 'other' } };
    const check = await verifyChain(chain, 'c1');
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => p.message).join('\n')).toMatch(/record 2 .*changed/);
  });
  it('detects a removed record, a reordering and an insertion', async () => {
    const chain = await chainOf(5);
    expect((await verifyChain([chain[0], chain[1], chain[3], chain[4]])).ok).toBe(false);
    expect((await verifyChain([chain[0], chain[2], chain[1], chain[3]])).ok).toBe(false);
    const forged = await appendChainRecord(chain[1]!, { caseId: 'c1', at: 'x', kind: 'note-saved', data: {} });
    expect((await verifyChain([chain[0], chain[1], forged, chain[2], chain[3]])).ok).toBe(false);
  });
  it('detects a rewritten record whose own hash was recomputed (the next link breaks)', async () => {
    const chain = await chainOf(3);
    const rewritten = await appendChainRecord(chain[0]!, { caseId: 'c1', at: chain[1]!.at, kind: 'snapshot-added', data: { snapshotId: 'forged', digest: 'b'.repeat(64) } });
    const check = await verifyChain([chain[0], rewritten, chain[2]]);
    expect(check.ok).toBe(false);
    expect(check.problems[0]!.message).toMatch(/record 2 .*does not link/);
  });
  it('reports malformed records instead of throwing, and refuses foreign cases', async () => {
    const chain = await chainOf(2);
    const check = await verifyChain([chain[0], { nonsense: true }], 'c1');
    expect(check.ok).toBe(false);
    expect(check.problems[0]!.message).toMatch(/malformed/);
    await expect(appendChainRecord(chain[1]!, { caseId: 'c2', at: 'x', kind: 'note-saved', data: {} })).rejects.toThrow(/another case/);
  });
});
