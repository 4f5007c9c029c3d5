/** manifest.json: every file of a bundle with its SHA-256, size and role. */
import { prettyJson } from './canonical-json';
import { utf8Encode } from './bytes';
import { BUNDLE_FORMAT, type FileRole, type Manifest, type ManifestSnapshot } from './types';
import { sha256Hex } from './hash';

export interface BundleFile {
  path: string;
  bytes: Uint8Array;
  role: FileRole;
  snapshotId?: string;
}

export async function buildManifest(input: {
  kind: Manifest['kind'];
  createdAt: string;
  generator: Manifest['generator'];
  files: readonly BundleFile[];
  snapshots: ManifestSnapshot[];
  case?: Manifest['case'];
}): Promise<Manifest> {
  const files = await Promise.all(
    input.files.map(async (f) => ({
      path: f.path,
      sha256: await sha256Hex(f.bytes),
      size: f.bytes.length,
      role: f.role,
      ...(f.snapshotId !== undefined ? { snapshotId: f.snapshotId } : {}),
    })),
  );
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    kind: input.kind,
    createdAt: input.createdAt,
    generator: input.generator,
    algorithm: 'SHA-256',
    files,
    snapshots: input.snapshots,
    ...(input.case ? { case: input.case } : {}),
  };
  return manifest;
}

export function serializeManifest(manifest: Manifest): Uint8Array {
  return utf8Encode(prettyJson(manifest));
}
