/**
 * The popup's "Save evidence" / "保存证据" action: sends the evidence module's `save-evidence`
 * message (src/messaging/evidence-messages.ts) and reports the outcome.
 */
import { browser } from 'wxt/browser';
import type { EvidenceRequest, EvidenceResponse } from '../messaging/evidence-messages';

export type SaveEvidenceOutcome = { ok: true; value: EvidenceResponse<'save-evidence'> } | { ok: false; unavailable: boolean; error: string };

export async function saveEvidence(tabId: number): Promise<SaveEvidenceOutcome> {
  const payload: EvidenceRequest<'save-evidence'> = { tabId };
  try {
    const reply = (await browser.runtime.sendMessage({ type: 'save-evidence', payload })) as
      | { ok: true; value: EvidenceResponse<'save-evidence'> }
      | { ok: false; error: string }
      | undefined;
    if (reply?.ok) return { ok: true, value: reply.value };
    const error = reply?.error ?? 'no reply';
    return { ok: false, unavailable: /unknown type/.test(error), error };
  } catch (e) {
    return { ok: false, unavailable: false, error: (e as Error).message };
  }
}
