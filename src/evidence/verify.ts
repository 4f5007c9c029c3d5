/**
 * Verifies an evidence bundle ZIP: every file against manifest.json and SHA256SUMS, the snapshot digests,
 * capture.json's own list of artefacts, and for a case the hash chain. Never throws on bad input.
 */
import { utf8DecodeStrict } from './bytes';
import { verifyChain } from './chain';
import { sha256Hex } from './hash';
import { formatSha256Sums, parseSha256Sums } from './sha256sums';
import { computeSnapshotDigest } from './snapshot-digest';
import { BUNDLE_FORMAT, CaptureInfoSchema, CaseFileSchema, ManifestSchema, type Manifest } from './types';
import { DEFAULT_ZIP_LIMITS, readZip, type ZipLimits } from './zip-read';

export interface FileProblem {
  path: string;
  detail: string;
}

export type VerifyStatus = 'intact' | 'tampered' | 'not-a-bundle';

export interface VerifyResult {
  status: VerifyStatus;
  /** one-line human summary */
  message: string;
  kind?: Manifest['kind'];
  manifest?: Manifest;
  manifestSha256?: string;
  chainHead?: string;
  /** number of files whose hash was checked */
  checkedFiles: number;
  changed: FileProblem[];
  missing: FileProblem[];
  extra: FileProblem[];
  /** broken links or records of the case chain, case membership problems */
  chain: string[];
  /** inconsistencies between manifest, digests and capture.json */
  other: string[];
  /** the readable files (for import); empty when not a bundle */
  entries: Map<string, Uint8Array>;
}

const CONTROL_FILES = new Set(['manifest.json', 'SHA256SUMS']);
const DERIVED_ROLES = new Set(['notes', 'report', 'case']);

function notABundle(message: string): VerifyResult {
  return {
    status: 'not-a-bundle',
    message: `Not a ShopSentinel evidence bundle: ${message}`,
    checkedFiles: 0,
    changed: [],
    missing: [],
    extra: [],
    chain: [],
    other: [],
    entries: new Map(),
  };
}

function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  const text = utf8DecodeStrict(bytes);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function verifyBundle(zip: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<VerifyResult> {
  const read = readZip(zip, limits);
  if (!read.ok) return notABundle(read.reason);

  const entries = new Map<string, Uint8Array>();
  const damaged = new Map<string, string>();
  for (const e of read.entries) {
    if (e.bytes) entries.set(e.name, e.bytes);
    else damaged.set(e.name, e.error ?? 'damaged');
  }
  const present = (p: string) => entries.has(p) || damaged.has(p);

  if (!present('manifest.json') && !present('SHA256SUMS'))
    return notABundle('the ZIP has neither manifest.json nor SHA256SUMS (was it exported by ShopSentinel?)');

  const changed: FileProblem[] = [];
  const missing: FileProblem[] = [];
  const extra: FileProblem[] = [];
  const chain: string[] = [];
  const other: string[] = [];
  const flagged = new Set<string>();
  const flagChanged = (path: string, detail: string) => {
    if (flagged.has(path)) return;
    flagged.add(path);
    changed.push({ path, detail });
  };
  const flagMissing = (path: string, detail: string) => {
    if (flagged.has(path)) return;
    flagged.add(path);
    missing.push({ path, detail });
  };

  const actual = new Map<string, string>();
  for (const [path, bytes] of entries) actual.set(path, await sha256Hex(bytes));
  for (const [path, why] of damaged) flagChanged(path, why);

  // manifest.json
  let manifest: Manifest | undefined;
  const rawManifest = parseJson(entries.get('manifest.json'));
  if (entries.has('manifest.json')) {
    const parsed = ManifestSchema.safeParse(rawManifest);
    if (parsed.success) manifest = parsed.data;
    else {
      const looksOurs = typeof rawManifest === 'object' && rawManifest !== null && (rawManifest as { format?: unknown }).format === BUNDLE_FORMAT;
      if (!entries.has('SHA256SUMS') && !damaged.has('SHA256SUMS') && !looksOurs)
        return notABundle('manifest.json is not a ShopSentinel bundle manifest and there is no SHA256SUMS');
      flagChanged('manifest.json', rawManifest === undefined ? 'not valid JSON any more' : 'no longer a valid bundle manifest');
    }
  } else if (!damaged.has('manifest.json')) flagMissing('manifest.json', 'the bundle manifest is missing');

  // SHA256SUMS
  const sumsBytes = entries.get('SHA256SUMS');
  const sumsText = sumsBytes ? utf8DecodeStrict(sumsBytes) : null;
  const sums = sumsText !== null ? parseSha256Sums(sumsText) : null;
  if (!present('SHA256SUMS')) flagMissing('SHA256SUMS', 'the checksum list is missing');
  else if (sumsBytes && (sums === null || sums.invalid.length > 0 || sums.lines.length === 0))
    flagChanged('SHA256SUMS', sums?.invalid.length ? `line ${sums.invalid[0]!.line} is not "<sha256>  <file>"` : 'not a checksum list');

  // Two witnesses for every file: manifest.json (M) and SHA256SUMS (S), against the actual bytes (A).
  // A≠M and A≠S: the file changed. A=S≠M: manifest.json changed. A=M≠S: SHA256SUMS changed.
  const manifestMap = new Map<string, { sha256: string; size: number }>();
  if (manifest) for (const f of manifest.files) manifestMap.set(f.path, { sha256: f.sha256, size: f.size });
  const sumsUsable = sums !== null && !flagged.has('SHA256SUMS');
  const sumsMap = new Map<string, string>();
  if (sums) for (const l of sums.lines) sumsMap.set(l.path, l.sha256);
  const manifestDoubts: string[] = [];
  const sumsDoubts: string[] = [];

  let checkedFiles = 0;
  const paths = new Set<string>([...manifestMap.keys(), ...[...sumsMap.keys()].filter((p) => p !== 'manifest.json')]);
  for (const path of paths) {
    if (CONTROL_FILES.has(path)) {
      other.push(`a checksum list names ${path}, which it never should`);
      continue;
    }
    const m = manifestMap.get(path);
    const sum = sumsMap.get(path);
    const got = actual.get(path);
    if (got === undefined) {
      if (!damaged.has(path)) flagMissing(path, `listed in ${m ? 'manifest.json' : 'SHA256SUMS'} but not in the ZIP`);
      continue;
    }
    checkedFiles++;
    const size = entries.get(path)!.length;
    if (m && sum !== undefined) {
      if (got === m.sha256 && got === sum) {
        if (size !== m.size) manifestDoubts.push(`it gives ${path} a size of ${m.size}, not ${size}`);
      } else if (got === sum) manifestDoubts.push(`its SHA-256 for ${path} does not match the file or SHA256SUMS`);
      else if (got === m.sha256) sumsDoubts.push(`its SHA-256 for ${path} does not match the file or manifest.json`);
      else flagChanged(path, `SHA-256 is ${got}; manifest.json and SHA256SUMS recorded ${m.sha256}${m.size !== size ? ` (size ${size}, recorded ${m.size})` : ''}`);
    } else if (m) {
      if (got !== m.sha256) flagChanged(path, `SHA-256 is ${got}, manifest.json recorded ${m.sha256}`);
      if (sumsUsable) sumsDoubts.push(`it does not list ${path}`);
    } else if (sum !== undefined) {
      if (got !== sum) flagChanged(path, `SHA-256 is ${got}, SHA256SUMS recorded ${sum}`);
      if (manifest) manifestDoubts.push(`it does not list ${path}`);
    }
  }

  if (sums && sumsBytes && !flagged.has('SHA256SUMS')) {
    const canonical = formatSha256Sums(sums.lines.filter((l) => /^[0-9a-f]{64}$/.test(l.sha256) && !/[\n\r\\]/.test(l.path)));
    if (canonical !== sumsText) sumsDoubts.push('its formatting was changed');
    const listedManifest = sumsMap.get('manifest.json');
    const manifestHash = actual.get('manifest.json');
    if (manifestHash !== undefined) {
      checkedFiles++;
      if (listedManifest === undefined) sumsDoubts.push('it does not list manifest.json');
      else if (listedManifest !== manifestHash) {
        // Either file may have been edited; unless the manifest is already known to be wrong, name both.
        manifestDoubts.push(`its SHA-256 (${manifestHash}) is not the one SHA256SUMS recorded (${listedManifest})`);
        if (manifest && manifestDoubts.length === 1) sumsDoubts.push('its line for manifest.json does not match manifest.json (one of the two was edited)');
      }
    }
  }
  if (manifestDoubts.length) flagChanged('manifest.json', manifestDoubts.join('; '));
  if (sumsDoubts.length) flagChanged('SHA256SUMS', sumsDoubts.join('; '));
  const listedPaths = paths;

  // Files nobody listed.
  for (const path of [...entries.keys(), ...damaged.keys()]) {
    if (CONTROL_FILES.has(path) || listedPaths.has(path)) continue;
    extra.push({ path, detail: 'not listed in manifest.json or SHA256SUMS' });
  }

  let chainHead: string | undefined;
  if (manifest) {
    await checkSnapshots(manifest, actual, entries, flagged, other);
    if (manifest.kind === 'case') chainHead = await checkCase(manifest, entries, flagged, chain);
  }

  const problems = changed.length + missing.length + extra.length + chain.length + other.length;
  const manifestSha256 = actual.get('manifest.json');
  const result: VerifyResult = {
    status: problems === 0 ? 'intact' : 'tampered',
    message:
      problems === 0
        ? `Intact: all ${checkedFiles} files match manifest.json and SHA256SUMS${manifest?.kind === 'case' ? ', and the case hash chain is unbroken' : ''}.`
        : `NOT intact: ${changed.length} changed, ${missing.length} missing, ${extra.length} extra file(s), ${chain.length} chain problem(s), ${other.length} other problem(s).`,
    checkedFiles,
    changed,
    missing,
    extra,
    chain,
    other,
    entries,
    ...(manifest ? { manifest, kind: manifest.kind } : {}),
    ...(manifestSha256 ? { manifestSha256 } : {}),
    ...(chainHead ? { chainHead } : {}),
  };
  return result;
}

async function checkSnapshots(
  manifest: Manifest,
  actual: Map<string, string>,
  entries: Map<string, Uint8Array>,
  flagged: Set<string>,
  other: string[],
): Promise<void> {
  const ids = new Set<string>();
  for (const s of manifest.snapshots) {
    if (ids.has(s.id)) other.push(`snapshot ${s.id} is listed twice in manifest.json`);
    ids.add(s.id);
    const files = manifest.files.filter((f) => f.snapshotId === s.id && !DERIVED_ROLES.has(f.role));
    if (files.some((f) => flagged.has(f.path))) continue; // already reported file by file
    if (files.some((f) => !f.path.startsWith(s.dir))) {
      other.push(`snapshot ${s.id}: a file lies outside its folder ${s.dir || '(root)'}`);
      continue;
    }
    const digest = await computeSnapshotDigest(
      s.id,
      files.map((f) => ({ name: f.path.slice(s.dir.length), sha256: actual.get(f.path) ?? '', size: entries.get(f.path)?.length ?? -1 })),
    );
    if (digest !== s.digest) other.push(`snapshot ${s.id}: its files do not add up to the recorded snapshot digest`);
    const capturePath = `${s.dir}capture.json`;
    const capture = CaptureInfoSchema.safeParse(parseJson(entries.get(capturePath)));
    if (!capture.success) {
      if (!flagged.has(capturePath)) other.push(`snapshot ${s.id}: ${capturePath} is missing or unreadable`);
      continue;
    }
    for (const a of capture.data.artefacts) {
      const got = actual.get(s.dir + a.name);
      if (got === undefined) {
        if (!flagged.has(s.dir + a.name)) other.push(`snapshot ${s.id}: capture.json lists ${a.name}, which is not in the bundle`);
      } else if (got !== a.sha256) other.push(`snapshot ${s.id}: ${a.name} differs from the hash recorded in capture.json at capture time`);
    }
  }
}

async function checkCase(manifest: Manifest, entries: Map<string, Uint8Array>, flagged: Set<string>, chain: string[]): Promise<string | undefined> {
  const parsed = CaseFileSchema.safeParse(parseJson(entries.get('case.json')));
  if (!parsed.success) {
    if (!flagged.has('case.json')) chain.push('case.json (the case record) is missing or unreadable');
    return undefined;
  }
  const caseFile = parsed.data;
  const check = await verifyChain(caseFile.records, caseFile.case.id);
  for (const p of check.problems) chain.push(p.message);
  if (caseFile.records.length === 0) chain.push('the case record is empty');
  if (manifest.case) {
    if (manifest.case.id !== caseFile.case.id) chain.push('manifest.json and case.json name different cases');
    if (manifest.case.chainHead !== check.head) chain.push(`the chain ends at ${check.head}, but manifest.json recorded ${manifest.case.chainHead} (records removed or added at the end)`);
    if (manifest.case.records !== caseFile.records.length) chain.push(`case.json has ${caseFile.records.length} records, manifest.json says ${manifest.case.records}`);
  }
  // Which snapshots the chain says are in the case now, with the digest it recorded for each.
  const alive = new Map<string, string>();
  for (const r of caseFile.records) {
    const id = typeof r.data.snapshotId === 'string' ? r.data.snapshotId : undefined;
    if (!id) continue;
    if (r.kind === 'snapshot-added') alive.set(id, String(r.data.digest ?? ''));
    if (r.kind === 'snapshot-deleted') alive.delete(id);
  }
  const inBundle = new Set(manifest.snapshots.map((s) => s.id));
  for (const s of manifest.snapshots) {
    const recorded = alive.get(s.id);
    if (recorded === undefined) chain.push(`snapshot ${s.id} is in the bundle but not in the case record`);
    else if (recorded !== s.digest) chain.push(`snapshot ${s.id} does not match the digest the case record holds for it`);
  }
  for (const id of alive.keys()) if (!inBundle.has(id)) chain.push(`snapshot ${id} is in the case record but missing from the bundle`);
  return check.head;
}
