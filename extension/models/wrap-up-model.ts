import { signal } from '@preact/signals';
import { isApiErrorCode, type ParamValues } from '../../contract/api-errors.ts';
import { apiErrorText } from '@/locales/api-error-text';
import { uiLanguage } from '@/locales/i18n';
import type { CallLogApi, Disposition } from './call-log-entry';
import { describePhoneError } from './phone-model';

/**
 * Why the save failed, in the rep's language: the server's refusal (not_rep_on_call, call_not_found…)
 * from the API's dictionary, the background's own (unreachable, signed out…) as the phone words them,
 * never a transport's English (`HTTP 502`, `Failed to fetch`).
 */
function refusalText(failure: unknown): string {
  const { code, params } = (failure ?? {}) as { code?: unknown; params?: ParamValues };
  if (isApiErrorCode(code)) return apiErrorText(uiLanguage.value, { code, params });
  return describePhoneError(failure);
}

/** The after-call form. A failed save keeps what the rep wrote. */
export function createWrapUpModel(api: Pick<CallLogApi, 'updateCall'>) {
  const note = signal('');
  const disposition = signal<Disposition | ''>('');
  const saving = signal(false);
  const error = signal<string | null>(null);

  return {
    note,
    disposition,
    saving,
    error,
    reset() {
      note.value = '';
      disposition.value = '';
      error.value = null;
    },
    /** Resolves true when saved. */
    async save(sid: string): Promise<boolean> {
      saving.value = true;
      error.value = null;
      try {
        await api.updateCall(sid, {
          note: note.value.trim() || undefined,
          disposition: disposition.value || null,
        });
        note.value = '';
        disposition.value = '';
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
