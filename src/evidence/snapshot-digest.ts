/**
 * One digest for a snapshot: SHA-256 over the canonical list of its original artefacts (name, hash, size),
 * capture.json included. The case chain records it, the manifest repeats it, and verification recomputes it.
 */
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './hash';

export interface DigestInput {
  name: string;
  sha256: string;
  size: number;
}

export async function computeSnapshotDigest(snapshotId: string, files: readonly DigestInput[]): Promise<string> {
  const list = [...files]
    .map((f) => ({ name: f.name, sha256: f.sha256, size: f.size }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sha256Hex(canonicalJson({ snapshotId, files: list }));
}
