import { signal } from '@preact/signals';
import { isApiErrorCode, type ParamValues } from '../../contract/api-errors.ts';
import { apiErrorText } from '@/locales/api-error-text';
import { t, uiLanguage } from '@/locales/i18n';
import type { CallLogApi, Disposition } from './call-log-entry';
import { describePhoneError } from './phone-model';

/** The server's limit on a note (server/routes/calls.ts: `note: z.string().max(5000)`). */
export const NOTE_MAX_LENGTH = 5000;

/**
 * Why the save failed, in the rep's language: the server's refusal (not_rep_on_call, call_not_found…)
 * from the API's dictionary, the background's own (unreachable, signed out…) as the phone words them,
 * never a transport's English (`HTTP 502`, `Failed to fetch`).
 */
function refusalText(failure: unknown): string {
  const { code, params } = (failure ?? {}) as { code?: unknown; params?: ParamValues };
  // The background has no Twilio sid for this call (phone-controller.ts finishWrapUp): nowhere to save to.
  if (code === 'no_call_sid') return t('wrapUp.noCallSid');
  if (isApiErrorCode(code)) return apiErrorText(uiLanguage.value, { code, params });
  return describePhoneError(failure);
}

/**
 * The after-call form of one call. A failed save keeps what the rep wrote; another call's wrap-up
 * (`forCall`) starts empty, so one call's note and outcome are never saved on the next.
 */
export function createWrapUpModel(api: Pick<CallLogApi, 'updateCall'>) {
  const note = signal('');
  const disposition = signal<Disposition | ''>('');
  const saving = signal(false);
  const error = signal<string | null>(null);
  /** The call (its callId) this form's note and outcome are about. */
  let owner: string | null = null;

  function reset() {
    note.value = '';
    disposition.value = '';
    error.value = null;
  }

  return {
    note,
    disposition,
    saving,
    error,
    reset,
    /** The form now wraps up this call: a different call than before starts with an empty form. */
    forCall(callId: string) {
      if (owner === callId) return;
      if (owner !== null) reset();
      owner = callId;
    },
    /**
     * Resolves true when saved. `sid` may be null in the popup's view of an unanswered call: the popup's
     * call log saves through the background, which writes to the call it wraps up and refuses
     * (`no_call_sid`, worded above) when that call truly has no sid, rather than dropping the note.
     */
    async save(sid: string | null): Promise<boolean> {
      error.value = null;
      const text = note.value.trim();
      if (text.length > NOTE_MAX_LENGTH) {
        error.value = t('wrapUp.noteTooLong', { max: NOTE_MAX_LENGTH, count: text.length });
        return false;
      }
      const savingFor = owner;
      saving.value = true;
      try {
        await api.updateCall(sid ?? '', {
          note: text || undefined,
          disposition: disposition.value || null,
        });
        // The form may have moved on to another call meanwhile: leave that call's draft alone.
        if (owner === savingFor) {
          note.value = '';
          disposition.value = '';
        }
        return true;
      } catch (failure) {
        error.value = refusalText(failure);
        return false;
      } finally {
        saving.value = false;
      }
    },
  };
}
export type WrapUpModel = ReturnType<typeof createWrapUpModel>;
