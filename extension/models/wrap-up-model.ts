import { signal } from '@preact/signals';
import { isApiErrorCode, type ParamValues } from '../../contract/api-errors.ts';
import { apiErrorText } from '@/locales/api-error-text';
import { t, uiLanguage } from '@/locales/i18n';
import { wrapUpDraft } from '@/storage/wrap-up-draft-item';
import { formatNumber } from './analytics-format';
import type { CallLogApi, Disposition } from './call-log-entry';
import { describePhoneError } from './phone-model';
import { isBlankDraft, isDraftOf, readDraft, type WrapUpCall, type WrapUpDraft } from './wrap-up-draft';

/** The server's limit on a note (server/routes/calls.ts: `note: z.string().max(5000)`). */
export const NOTE_MAX_LENGTH = 5000;

/** How long typing rests before the draft is stored; the form also stores it at once when the popup hides. */
export const DRAFT_DEBOUNCE_MS = 300;

/** Where the unsaved draft is kept: `wrapUpDraft` (storage.session) in the popup. */
export interface DraftStore {
  getValue(): Promise<unknown>;
  setValue(value: WrapUpDraft | null): Promise<void>;
}

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
 * (`forCall`) starts empty, so one call's note and outcome are never saved on the next. What the rep
 * types is kept in `drafts` for that call (CallSid, else our call id) until it is saved or skipped, so
 * the popup closing (it does on any click outside it) or reopening loses nothing.
 */
export function createWrapUpModel(api: Pick<CallLogApi, 'updateCall' | 'keepNote'>, drafts: DraftStore = wrapUpDraft) {
  const note = signal('');
  const disposition = signal<Disposition | ''>('');
  const saving = signal(false);
  const error = signal<string | null>(null);
  /**
   * The server refused the save: someone else has the call (`call_taken_over`, a supervisor who took it
   * over). The form says so and offers to keep the note in the call's history as the rep's instead.
   */
  const takenOver = signal<{ by: string | null } | null>(null);
  /** The call (its callId) this form's note and outcome are about. */
  let owner: string | null = null;
  /** Its CallSid as the popup knows it (the form says, `forCallSid`). */
  let knownSid: string | null = null;
  /** Edits so far: a draft read back from storage never overwrites what was typed meanwhile. */
  let edits = 0;
  /** Reads of the draft so far: only the last one started may fill the form. */
  let reads = 0;
  /** Typed, not stored yet (debounced), with the call it was typed for. */
  let unstored: WrapUpDraft | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const current = (): WrapUpCall => ({ callId: owner, callSid: knownSid });

  // A draft is a convenience: storage failing must never stop the form.
  function store(draft: WrapUpDraft | null) {
    drafts.setValue(draft).catch(() => undefined);
  }

  /** Stores what is typed and not stored yet, now (the popup is about to go). */
  function keepDraft() {
    clearTimeout(timer);
    timer = undefined;
    if (!unstored) return;
    const draft = unstored;
    unstored = null;
    store(isBlankDraft(draft) ? null : draft);
  }

  /** The wrap-up of `call` is over (saved or skipped): its draft goes, and nothing typed for it is stored later. */
  function forget(call: WrapUpCall) {
    if (call.callId === owner) {
      clearTimeout(timer);
      timer = undefined;
      unstored = null;
      store(null);
      return;
    }
    // The form moved on to another call meanwhile: clear only a draft that is still this call's.
    drafts
      .getValue()
      .then((stored) => {
        const draft = readDraft(stored);
        return draft && isDraftOf(draft, call) ? drafts.setValue(null) : undefined;
      })
      .catch(() => undefined);
  }

  /** Fills an untouched form with what was stored for its call (the popup opened again). */
  function recall() {
    const read = ++reads;
    const editsBefore = edits;
    drafts.getValue().then(
      (stored) => {
        const draft = readDraft(stored);
        if (read !== reads || edits !== editsBefore || !draft || !isDraftOf(draft, current())) return;
        if (note.value !== '' || disposition.value !== '') return;
        note.value = draft.note;
        disposition.value = draft.disposition;
      },
      () => undefined,
    );
  }

  function clearForm() {
    note.value = '';
    disposition.value = '';
    error.value = null;
    takenOver.value = null;
  }

  return {
    note,
    disposition,
    saving,
    error,
    takenOver,
    /** Whether the rep's words can be kept in the call's history (the popup's wrap-up, through the background). */
    canKeep: api.keepNote !== undefined,
    /** The rep is done with this wrap-up (skipped, or saved): an empty form, and no draft left behind. */
    reset() {
      forget(current());
      clearForm();
    },
    /** What the rep typed or chose: shown at once, stored for this call after a short rest. */
    edit(change: { note?: string; disposition?: Disposition | '' }) {
      if (change.note !== undefined) note.value = change.note;
      if (change.disposition !== undefined) disposition.value = change.disposition;
      edits++;
      const call = current();
      if (call.callId === null && call.callSid === null) return; // no call to keep it for
      unstored = { ...call, note: note.value, disposition: disposition.value };
      clearTimeout(timer);
      timer = setTimeout(keepDraft, DRAFT_DEBOUNCE_MS);
    },
    keepDraft,
    /** The form now wraps up this call: a different call than before starts with an empty form. */
    forCall(callId: string) {
      if (owner === callId) return;
      keepDraft(); // under the call it was typed for, never this one
      if (owner !== null) clearForm();
      owner = callId;
      recall();
    },
    /** The CallSid of the call in wrap-up, as the popup knows it (null until Twilio gave one). */
    forCallSid(callSid: string | null) {
      if (knownSid === callSid) return;
      keepDraft();
      knownSid = callSid;
      recall();
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
        error.value = t('wrapUp.noteTooLong', { max: formatNumber(NOTE_MAX_LENGTH, uiLanguage.value), count: formatNumber(text.length, uiLanguage.value) });
        return false;
      }
      const savingFor = current();
      saving.value = true;
      try {
        await api.updateCall(sid ?? '', {
          note: text || undefined,
          disposition: disposition.value || null,
        });
        // The form may have moved on to another call meanwhile: leave that call's draft alone.
        if (owner === savingFor.callId) {
          note.value = '';
          disposition.value = '';
        }
        forget(savingFor);
        return true;
      } catch (failure) {
        const { code, params } = (failure ?? {}) as { code?: unknown; params?: ParamValues };
        if (code === 'call_taken_over') {
          takenOver.value = { by: typeof params?.['owner'] === 'string' ? params['owner'] : null };
        } else {
          error.value = refusalText(failure);
        }
        return false;
      } finally {
        saving.value = false;
      }
    },
    /** Keeps the note in the history of a call someone else finishes, as the rep's; resolves true when kept. */
    async keepInHistory(sid: string | null): Promise<boolean> {
      error.value = null;
      const text = note.value.trim();
      if (!api.keepNote || text === '') return false;
      if (text.length > NOTE_MAX_LENGTH) {
        error.value = t('wrapUp.noteTooLong', { max: NOTE_MAX_LENGTH, count: text.length });
        return false;
      }
      const savingFor = current();
      saving.value = true;
      try {
        await api.keepNote(sid ?? '', text);
        if (owner === savingFor.callId) clearForm();
        forget(savingFor);
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
