/**
 * Adapts the evidence service to the background's `ExtraListener` shape
 * (`(message, sender) => Promise<reply> | undefined`): evidence messages from our own extension pages are
 * handled; anything else returns undefined so the main router sees it; evidence messages from anyone
 * else (content scripts, web pages, other extensions) are refused.
 */
import type { EvidenceService } from './service';

export interface SenderInfo {
  id?: string;
  url?: string;
}

export function createEvidenceListener(service: EvidenceService, runtimeId: string, extensionOrigin: string) {
  const origin = extensionOrigin.endsWith('/') ? extensionOrigin : extensionOrigin + '/';
  return (message: unknown, sender: SenderInfo): Promise<unknown> | undefined => {
    const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
    if (!service.isEvidenceMessage(type)) return undefined;
    if (!sender || sender.id !== runtimeId || !(sender.url ?? '').startsWith(origin)) return Promise.resolve({ ok: false, error: `${type}: sender not allowed` });
    return service.handle(message);
  };
}
