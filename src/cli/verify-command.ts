/**
 * `verify BUNDLE.zip`: exit 0 intact; 1 when any file is changed, missing or extra or the case chain is
 * broken (each problem listed); 2 when the file is not a bundle, unreadable or refused (zip bomb, traversal).
 */
import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_ZIP_LIMITS } from '../evidence/zip-read';
import { verifyBundle } from '../evidence/verify';

const USAGE = 'usage: verify BUNDLE.zip   (checks a ShopSentinel evidence bundle: exit 0 intact, 1 tampered, 2 not a bundle)';

export async function runVerifyCommand(args: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  const files = args.filter((a) => !a.startsWith('-'));
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (files.length !== 1) {
    io.stderr(USAGE + '\n');
    return 2;
  }
  const path = files[0]!;
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      io.stderr(`${path}: not a file\n`);
      return 2;
    }
    if (info.size > DEFAULT_ZIP_LIMITS.maxArchiveBytes) {
      io.stderr(`${path}: Not a ShopSentinel evidence bundle: the file is larger than ${DEFAULT_ZIP_LIMITS.maxArchiveBytes} bytes\n`);
      return 2;
    }
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    io.stderr(`${path}: cannot read the file (${err instanceof Error ? err.message : String(err)})\n`);
    return 2;
  }

  const result = await verifyBundle(bytes);
  if (result.status === 'not-a-bundle') {
    io.stderr(`${path}: ${result.message}\n`);
    return 2;
  }
  const m = result.manifest;
  io.stdout(`${path}\n`);
  if (m) {
    io.stdout(`  bundle: ${m.kind}${m.case ? ` "${m.case.title}" (${m.case.records} chain records)` : ''}, ${m.snapshots.length} snapshot(s), ${m.files.length} files, created ${m.createdAt}\n`);
    for (const s of m.snapshots) io.stdout(`  snapshot ${s.id}: ${s.url} at ${s.capturedAt}\n`);
  }
  if (result.manifestSha256) io.stdout(`  manifest.json SHA-256: ${result.manifestSha256}\n`);
  if (result.chainHead) io.stdout(`  chain head: ${result.chainHead}\n`);
  for (const p of result.changed) io.stdout(`CHANGED  ${p.path}: ${p.detail}\n`);
  for (const p of result.missing) io.stdout(`MISSING  ${p.path}: ${p.detail}\n`);
  for (const p of result.extra) io.stdout(`EXTRA    ${p.path}: ${p.detail}\n`);
  for (const c of result.chain) io.stdout(`CHAIN    ${c}\n`);
  for (const o of result.other) io.stdout(`MISMATCH ${o}\n`);
  io.stdout(`${result.message}\n`);
  if (result.status === 'intact')
    io.stdout('  (The files are unchanged since capture. This does not prove when or where they were captured: a notary or a third-party evidence platform can.)\n');
  return result.status === 'intact' ? 0 : 1;
}
