/**
 * Dispatches runtime messages: checks the envelope, the sender (MESSAGE_ORIGINS) and the payload
 * (BACKGROUND_SCHEMAS) before a handler sees anything. Every failure becomes `{ ok: false, error }`.
 */
import { BACKGROUND_SCHEMAS, MESSAGE_ORIGINS } from '../messaging/schemas';
import type { BackgroundMessageType, BackgroundProtocol, Reply } from '../messaging/protocol';
import { classifySender, type SenderKind, type SenderLike } from './sender';

export type ContentSender = Extract<SenderKind, { kind: 'content' }>;
export type ExtensionSender = Extract<SenderKind, { kind: 'extension' }>;

export type Handlers = {
  [K in BackgroundMessageType]: (
    payload: BackgroundProtocol[K]['req'],
    sender: BackgroundProtocol[K]['from'] extends 'content' ? ContentSender : ExtensionSender,
  ) => Promise<BackgroundProtocol[K]['res']>;
};

export function createRouter(handlers: Handlers, runtimeId: string, extensionOrigin: string) {
  return async function route(message: unknown, rawSender: SenderLike): Promise<Reply<unknown>> {
    if (!message || typeof message !== 'object') return { ok: false, error: 'message: not an object' };
    const { type, payload } = message as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(BACKGROUND_SCHEMAS, type)) {
      return { ok: false, error: `message: unknown type ${JSON.stringify(type)}` };
    }
    const t = type as BackgroundMessageType;
    const sender = classifySender(rawSender, runtimeId, extensionOrigin);
    if (!sender || sender.kind !== MESSAGE_ORIGINS[t]) {
      return { ok: false, error: `${t}: sender not allowed` };
    }
    const parsed = BACKGROUND_SCHEMAS[t].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: `${t}: payload.${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
    }
    try {
      const handler = handlers[t] as (p: unknown, s: SenderKind) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, sender) };
    } catch (e) {
      return { ok: false, error: `${t}: ${(e as Error).message}` };
    }
  };
}
