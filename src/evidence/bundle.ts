/**
 * Builds an evidence bundle ZIP for one snapshot or for a whole case:
 * original artefacts byte-for-byte, capture.json, notes.json (later notes), case.json (the chain),
 * report.html, manifest.json (every file, SHA-256, size) and SHA256SUMS (every file incl. manifest.json).
 */
import { prettyJson } from './canonical-json';
import { utf8Encode } from './bytes';
import { sha256Hex } from './hash';
import { buildManifest, serializeManifest, type BundleFile } from './manifest';
import { renderReportHtml, type ReportLang, type ReportSnapshot } from './report-html';
import { formatSha256Sums } from './sha256sums';
import { CASE_FORMAT, type Artefact, type CaptureInfo, type ChainRecord, type Manifest, type Note } from './types';
import { writeZip } from './zip-write';

export interface SnapshotMaterial {
  id: string;
  digest: string;
  capture: CaptureInfo;
  /** the originals as saved at capture time (capture.json included) */
  artefacts: { artefact: Artefact; bytes: Uint8Array }[];
  notes: Note[];
}

export interface CaseMaterial {
  id: string;
  title: string;
  createdAt: string;
  records: ChainRecord[];
  notes: Note[];
}

export interface BundleOptions {
  lang: ReportLang;
  now: Date;
  generator: { name: string; version: string };
}

export interface BuiltBundle {
  fileName: string;
  zip: Uint8Array;
  manifest: Manifest;
  manifestSha256: string;
}

function notesJson(notes: Note[]): Uint8Array {
  return utf8Encode(prettyJson({ format: 'shop-sentinel/notes@1', notes }));
}

async function snapshotFiles(s: SnapshotMaterial, dir: string): Promise<{ files: BundleFile[]; report: ReportSnapshot }> {
  const files: BundleFile[] = [];
  for (const a of s.artefacts) {
    const actual = await sha256Hex(a.bytes);
    if (actual !== a.artefact.sha256) throw new Error(`Stored file ${a.artefact.name} of snapshot ${s.id} no longer matches its hash: refusing to export it as intact`);
    files.push({ path: dir + a.artefact.name, bytes: a.bytes, role: a.artefact.role, snapshotId: s.id });
  }
  if (s.notes.length) files.push({ path: `${dir}notes.json`, bytes: notesJson(s.notes), role: 'notes', snapshotId: s.id });
  const report: ReportSnapshot = {
    capture: s.capture,
    dir,
    digest: s.digest,
    files: s.artefacts.map((a) => ({ path: dir + a.artefact.name, sha256: a.artefact.sha256, size: a.artefact.size })),
    notes: s.notes,
  };
  return { files, report };
}

async function finish(
  kind: Manifest['kind'],
  files: BundleFile[],
  snapshots: SnapshotMaterial[],
  dirs: string[],
  reportHtml: string,
  opts: BundleOptions,
  caseInfo: Manifest['case'] | undefined,
  fileName: string,
): Promise<BuiltBundle> {
  files.push({ path: 'report.html', bytes: utf8Encode(reportHtml), role: 'report' });
  const manifest = await buildManifest({
    kind,
    createdAt: opts.now.toISOString(),
    generator: opts.generator,
    files,
    snapshots: snapshots.map((s, i) => ({
      id: s.id,
      dir: dirs[i]!,
      digest: s.digest,
      url: s.capture.finalUrl || s.capture.url,
      capturedAt: s.capture.capturedAt.utc,
    })),
    ...(caseInfo ? { case: caseInfo } : {}),
  });
  const manifestBytes = serializeManifest(manifest);
  const manifestSha256 = await sha256Hex(manifestBytes);
  const sums = formatSha256Sums([
    ...manifest.files.map((f) => ({ sha256: f.sha256, path: f.path })),
    { sha256: manifestSha256, path: 'manifest.json' },
  ]);
  const zip = writeZip(
    [
      ...files.map((f) => ({ path: f.path, bytes: f.bytes })),
      { path: 'manifest.json', bytes: manifestBytes },
      { path: 'SHA256SUMS', bytes: utf8Encode(sums) },
    ],
    opts.now,
  );
  return { fileName, zip, manifest, manifestSha256 };
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
}

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9\u4e00-\u9fff.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'page';
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'page';
  }
}

export async function buildSnapshotBundle(s: SnapshotMaterial, opts: BundleOptions): Promise<BuiltBundle> {
  const { files, report } = await snapshotFiles(s, '');
  const html = renderReportHtml({ lang: opts.lang, generatedAt: opts.now.toISOString(), generator: opts.generator, snapshots: [report] });
  const name = `shopsentinel-evidence-${slug(hostOf(s.capture.finalUrl || s.capture.url))}-${stamp(new Date(s.capture.capturedAt.utc))}.zip`;
  return finish('snapshot', files, [s], [''], html, opts, undefined, name);
}

export async function buildCaseBundle(c: CaseMaterial, snapshots: SnapshotMaterial[], opts: BundleOptions): Promise<BuiltBundle> {
  if (c.records.length === 0) throw new Error('A case without records cannot be exported');
  const files: BundleFile[] = [];
  const reports: ReportSnapshot[] = [];
  const dirs: string[] = [];
  for (const s of snapshots) {
    const dir = `snapshots/${s.id}/`;
    const built = await snapshotFiles(s, dir);
    files.push(...built.files);
    reports.push(built.report);
    dirs.push(dir);
  }
  const caseFile = { format: CASE_FORMAT, case: { id: c.id, title: c.title, createdAt: c.createdAt }, records: c.records };
  files.push({ path: 'case.json', bytes: utf8Encode(prettyJson(caseFile)), role: 'case' });
  if (c.notes.length) files.push({ path: 'notes.json', bytes: notesJson(c.notes), role: 'notes' });
  const head = c.records[c.records.length - 1]!.hash;
  const html = renderReportHtml({
    lang: opts.lang,
    generatedAt: opts.now.toISOString(),
    generator: opts.generator,
    snapshots: reports,
    case: { id: c.id, title: c.title, createdAt: c.createdAt, records: c.records, chainHead: head },
  });
  return finish(
    'case',
    files,
    snapshots,
    dirs,
    html,
    opts,
    { id: c.id, title: c.title, chainHead: head, records: c.records.length },
    `shopsentinel-case-${slug(c.title)}-${stamp(opts.now)}.zip`,
  );
}
