/**
 * Typed senders over runtime messaging. No zod here: the content script imports this.
 * Replies are `Reply<T>`; a failed reply becomes a thrown Error with the background's message.
 */
import { browser } from 'wxt/browser';
import type { BackgroundMessageType, BackgroundProtocol, ContentMessageType, ContentProtocol, Reply } from './protocol';

function unwrap<T>(reply: unknown, type: string): T {
  if (reply === undefined || reply === null || typeof reply !== 'object' || !('ok' in reply)) {
    throw new Error(`no reply to "${type}"`);
  }
  const r = reply as Reply<T>;
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export async function sendToBackground<T extends BackgroundMessageType>(
  type: T,
  payload: BackgroundProtocol[T]['req'],
): Promise<BackgroundProtocol[T]['res']> {
  const reply: unknown = await browser.runtime.sendMessage({ type, payload });
  return unwrap<BackgroundProtocol[T]['res']>(reply, type);
}

export async function sendToTab<T extends ContentMessageType>(
  tabId: number,
  type: T,
  payload: ContentProtocol[T]['req'],
): Promise<ContentProtocol[T]['res']> {
  const reply: unknown = await browser.tabs.sendMessage(tabId, { type, payload });
  return unwrap<ContentProtocol[T]['res']>(reply, type);
}
