/**
 * Turns the raw artefacts of a capture into a sealed snapshot: hashes every file, writes capture.json
 * (which lists the other files' hashes), and computes the snapshot digest over all of them.
 */
import { prettyJson } from './canonical-json';
import { utf8Encode } from './bytes';
import { sha256Hex } from './hash';
import { computeSnapshotDigest } from './snapshot-digest';
import { CAPTURE_FORMAT, type Artefact, type CaptureInfo, type FileRole } from './types';

export interface RawArtefact {
  name: string;
  role: FileRole;
  mime: string;
  bytes: Uint8Array;
}

export type CaptureFacts = Omit<CaptureInfo, 'format' | 'snapshotId' | 'artefacts' | 'capturedAt'> & { capturedAt: Date };

export interface SealedSnapshot {
  id: string;
  capture: CaptureInfo;
  /** capture.json included, last */
  artefacts: { artefact: Artefact; bytes: Uint8Array }[];
  digest: string;
}

/** Capture time in UTC and in the user's (or the given) time zone, e.g. "2026-11-22 10:00:01 UTC+08:00". */
export function formatCaptureTime(date: Date, timeZone?: string): CaptureInfo['capturedAt'] {
  let zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  let parts: Record<string, string>;
  try {
    parts = localParts(date, zone);
  } catch {
    zone = 'UTC';
    parts = localParts(date, zone);
  }
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour! % 24, +parts.minute!, +parts.second!);
  const offsetMinutes = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000) || 0;
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${parts.year}-${parts.month}-${parts.day} ${pad(+parts.hour! % 24)}:${parts.minute}:${parts.second} UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return { utc: date.toISOString(), local, timeZone: zone, offsetMinutes };
}

function localParts(date: Date, timeZone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(date)) if (p.type !== 'literal') out[p.type] = p.value;
  return out;
}

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export async function sealSnapshot(id: string, raw: readonly RawArtefact[], facts: CaptureFacts, timeZone?: string): Promise<SealedSnapshot> {
  const seen = new Set<string>();
  const artefacts: { artefact: Artefact; bytes: Uint8Array }[] = [];
  for (const r of raw) {
    if (!SAFE_NAME.test(r.name) || r.name === 'capture.json' || seen.has(r.name)) throw new Error(`Bad or duplicate artefact name: ${r.name}`);
    seen.add(r.name);
    artefacts.push({ artefact: { name: r.name, role: r.role, mime: r.mime, sha256: await sha256Hex(r.bytes), size: r.bytes.length }, bytes: r.bytes });
  }
  const { capturedAt, ...rest } = facts;
  const capture: CaptureInfo = {
    format: CAPTURE_FORMAT,
    snapshotId: id,
    ...rest,
    capturedAt: formatCaptureTime(capturedAt, timeZone),
    artefacts: artefacts.map((a) => a.artefact),
  };
  const captureBytes = utf8Encode(prettyJson(capture));
  artefacts.push({
    artefact: { name: 'capture.json', role: 'capture', mime: 'application/json', sha256: await sha256Hex(captureBytes), size: captureBytes.length },
    bytes: captureBytes,
  });
  const digest = await computeSnapshotDigest(id, artefacts.map((a) => a.artefact));
  return { id, capture, artefacts, digest };
}
