/**
 * Validation of messages the content script receives. The content script bundles no zod, so these
 * are small hand-written checks with the same strictness as the zod schemas: exact keys, exact types.
 */
import type { ContentProtocol } from './protocol';

/** Who sent a runtime message, as the content script sees it. */
export interface ContentSender {
  id?: string;
  tab?: unknown;
  url?: string;
}

/** Only our background (same extension id, not from a tab) may switch capture mode. */
export function isFromBackground(sender: ContentSender, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab === undefined;
}

/** `{ on: boolean }` and nothing else, or null. */
export function parseCaptureMode(payload: unknown): ContentProtocol['capture-mode']['req'] | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const keys = Object.keys(payload);
  if (keys.length !== 1 || keys[0] !== 'on') return null;
  const on = (payload as { on: unknown }).on;
  return typeof on === 'boolean' ? { on } : null;
}
