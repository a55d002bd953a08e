import { z } from 'zod';
import { DISPOSITIONS } from './call-log-entry';

/**
 * The wrap-up form's unsaved note and outcome, kept in storage.session (`wrapUpDraft`, storage/items.ts)
 * because the popup dies whenever it loses focus: a rep who clicks the CRM page to look something up
 * would otherwise lose what they wrote. One draft only: one call at a time is in wrap-up (a call
 * answered during a wrap-up replaces it, phone/call-state.ts), so any other call's draft is stale, and
 * the next keystroke, save or skip replaces or clears it.
 */
export const wrapUpDraftSchema = z.object({
  /** Our id of the call (the background's, kept across worker restarts in `phoneMemory`). */
  callId: z.string().max(64).nullable(),
  /** Twilio's CallSid, once the popup knows it: what says two views are the same call. */
  callSid: z.string().max(64).nullable(),
  note: z.string(),
  disposition: z.union([z.enum(DISPOSITIONS), z.literal('')]),
});
export type WrapUpDraft = z.infer<typeof wrapUpDraftSchema>;

/** The call the form wraps up, as far as the popup knows it. */
export type WrapUpCall = Pick<WrapUpDraft, 'callId' | 'callSid'>;

/** What was stored, if it is a draft (anything else, e.g. an older shape, is no draft). */
export function readDraft(stored: unknown): WrapUpDraft | null {
  const parsed = wrapUpDraftSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/**
 * Whether `draft` was written for `call`: by CallSid when both have one (Twilio's id never repeats), else
 * by our call id (an unanswered call may have no sid in the popup's view). Never when neither is known.
 */
export function isDraftOf(draft: WrapUpCall, call: WrapUpCall): boolean {
  if (draft.callSid !== null && call.callSid !== null) return draft.callSid === call.callSid;
  return draft.callId !== null && draft.callId === call.callId;
}

/** Nothing written: stored as no draft at all. */
export function isBlankDraft(draft: Pick<WrapUpDraft, 'note' | 'disposition'>): boolean {
  return draft.note.trim() === '' && draft.disposition === '';
}
