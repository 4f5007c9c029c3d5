/**
 * Who sent a runtime message. Content scripts: our extension id, a tab, an http(s) page, top frame.
 * Extension pages (popup, options, evidence): our id and a URL under our own origin.
 * Anything else (other extensions, web pages via externally_connectable, sub-frames) is refused.
 */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export type SenderKind =
  | { kind: 'content'; tabId: number; url: string }
  | { kind: 'extension'; url: string };

export function classifySender(sender: SenderLike, runtimeId: string, extensionOrigin: string): SenderKind | null {
  if (!sender || sender.id !== runtimeId) return null;
  const url = sender.url ?? '';
  const origin = extensionOrigin.endsWith('/') ? extensionOrigin : extensionOrigin + '/';
  if (url.startsWith(origin)) return { kind: 'extension', url };
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return null;
  if (sender.frameId !== undefined && sender.frameId !== 0) return null;
  if (!/^https?:\/\//i.test(url)) return null;
  return { kind: 'content', tabId, url };
}
