/** The evidence page's only door to the data: runtime messages to the background (the only IndexedDB writer). */
import { browser } from 'wxt/browser';
import type { EvidenceMessageType, EvidenceProtocol } from '../../src/messaging/evidence-messages';
import { EXPORT_CHUNK_BYTES } from '../../src/evidence/limits';

export async function ask<K extends EvidenceMessageType>(type: K, payload: EvidenceProtocol[K]['req']): Promise<EvidenceProtocol[K]['res']> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as { ok: boolean; value?: unknown; error?: string } | undefined;
  if (!reply || typeof reply !== 'object') throw new Error(`no reply to ${type}`);
  if (!reply.ok) throw new Error(reply.error ?? 'failed');
  return reply.value as EvidenceProtocol[K]['res'];
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function base64ToBlob(base64: string, mime: string): Blob {
  return new Blob([base64ToBytes(base64)], { type: mime });
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Sends a bundle to the background for verification and import: in one message, or chunk by chunk when large. */
export async function importFile(file: File): Promise<EvidenceProtocol['evidence-import']['res']> {
  if (file.size <= EXPORT_CHUNK_BYTES) return ask('evidence-import', { fileName: file.name, base64: await fileToBase64(file) });
  const uploadId = crypto.randomUUID().replace(/-/g, '');
  for (let index = 0, offset = 0; offset < file.size; index++, offset += EXPORT_CHUNK_BYTES)
    await ask('evidence-import-chunk', { uploadId, index, base64: await fileToBase64(file.slice(offset, offset + EXPORT_CHUNK_BYTES)) });
  return ask('evidence-import', { fileName: file.name, uploadId });
}

/** Fetches every chunk of an export and saves it as one file. */
export async function downloadExport(first: EvidenceProtocol['evidence-export']['res']): Promise<void> {
  const parts: Blob[] = [base64ToBlob(first.base64, 'application/zip')];
  for (let index = 1; index < first.chunks; index++) parts.push(base64ToBlob((await ask('evidence-export-chunk', { exportId: first.exportId, index })).base64, 'application/zip'));
  saveBlob(new Blob(parts, { type: 'application/zip' }), first.fileName);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
