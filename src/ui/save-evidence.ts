/**
 * The popup's "Save evidence" / "保存证据" action: sends the evidence module's `save-evidence`
 * message (src/messaging/evidence-messages.ts) and reports the outcome.
 */
import { browser } from 'wxt/browser';
import type { EvidenceRequest, EvidenceResponse } from '../messaging/evidence-messages';

export type SaveEvidenceOutcome = { ok: true; value: EvidenceResponse<'save-evidence'> } | { ok: false; unavailable: boolean; interrupted: boolean; error: string };

/** the browser's words when the service worker went away before it replied */
const INTERRUPTED = /message channel closed|message port closed|receiving end does not exist|extension context invalidated/i;

export async function saveEvidence(tabId: number): Promise<SaveEvidenceOutcome> {
  const payload: EvidenceRequest<'save-evidence'> = { tabId };
  try {
    const reply = (await browser.runtime.sendMessage({ type: 'save-evidence', payload })) as
      | { ok: true; value: EvidenceResponse<'save-evidence'> }
      | { ok: false; error: string }
      | undefined;
    if (reply?.ok) return { ok: true, value: reply.value };
    const error = reply?.error ?? 'no reply';
    return { ok: false, unavailable: /unknown type/.test(error), interrupted: INTERRUPTED.test(error), error };
  } catch (e) {
    const error = (e as Error).message;
    return { ok: false, unavailable: false, interrupted: INTERRUPTED.test(error), error };
  }
}
