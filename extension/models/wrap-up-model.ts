import { signal } from '@preact/signals';
import type { CallLogApi, Disposition } from './call-log-entry';

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
        error.value = failure instanceof Error ? failure.message : String(failure);
        return false;
      } finally {
        saving.value = false;
      }
    },
  };
}
export type WrapUpModel = ReturnType<typeof createWrapUpModel>;
