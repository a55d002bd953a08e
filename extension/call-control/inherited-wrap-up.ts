import type { CallLogEntry } from '@/api/schemas';

/**
 * Whether the wrap-up of a call the user took over is still theirs to write as it opens, perhaps minutes
 * after the call ended (phone/call-state.ts `owed`), going by the call as `GET /api/calls/:sid` has it
 * (null: the server has no such call for them, so a save could only fail with `call_not_found`).
 *
 * Not once its note or outcome was saved elsewhere (the user's other browser, an admin correcting the
 * log): a second save would overwrite it. Not once the server has someone else as the call's owner:
 * `PATCH /api/calls/:sid` could only be refused (`call_taken_over`, server/voice/wrap-up-owner.ts).
 */
export function inheritedWrapUpDue(entry: Pick<CallLogEntry, 'rep' | 'note' | 'disposition'> | null, me: string | null): boolean {
  if (!entry) return false;
  if (entry.note?.trim() || entry.disposition?.trim()) return false;
  return !entry.rep || me === null || entry.rep === me;
}
