import { computed, signal } from '@preact/signals';
import type { CountryCode } from 'libphonenumber-js/core';
import type { CallControlClient, CallTarget, Colleague } from './call-control-client';
import { createDialerModel, type DialFormatter } from './dialer-model';
import { formatCompleteNumber } from './phone-number-format';

/** How long typing pauses before the colleague list is asked for again. */
export const SEARCH_PAUSE_MS = 250;

export interface PickerOptions {
  country: () => CountryCode;
  /** The number field's formatting: the popup's as-you-type, the page's once complete (as the dialers). */
  format?: DialFormatter;
}

/**
 * Who a transfer or an added party goes to: a colleague from the list of who is online and free (searched
 * by name, kana-insensitive on the server), or a typed number; for a transfer, blind or warm, and a note.
 */
export function createTransferPickerModel(client: CallControlClient, { country, format = formatCompleteNumber }: PickerOptions) {
  const query = signal('');
  const colleagues = signal<Colleague[]>([]);
  const loading = signal(false);
  const failed = signal(false);
  const kind = signal<'colleague' | 'number'>('colleague');
  const selected = signal<string | null>(null);
  const number = createDialerModel(country, format);
  // A warm transfer is how a Japanese office hands a caller over (取次ぎ): ask the colleague first.
  const mode = signal<'blind' | 'warm'>('warm');
  const note = signal('');
  let asked = 0;
  let pause: ReturnType<typeof setTimeout> | null = null;

  async function load(): Promise<void> {
    const ticket = ++asked;
    loading.value = true;
    failed.value = false;
    try {
      const found = await client.colleagues(query.value.trim());
      if (ticket !== asked) return;
      colleagues.value = found;
      if (selected.value && !found.some((colleague) => colleague.id === selected.value && colleague.available)) selected.value = null;
    } catch {
      if (ticket === asked) failed.value = true;
    } finally {
      if (ticket === asked) loading.value = false;
    }
  }

  const target = computed<CallTarget | null>(() => {
    if (kind.value === 'number') {
      const e164 = number.dialable.value;
      return e164 ? { number: e164 } : null;
    }
    return selected.value ? { user: selected.value } : null;
  });

  return {
    query,
    colleagues,
    loading,
    failed,
    kind,
    selected,
    number,
    mode,
    note,
    target,
    load,
    /** Typing in the search field: the list follows once typing pauses. */
    search(text: string) {
      query.value = text;
      if (pause) clearTimeout(pause);
      pause = setTimeout(() => void load(), SEARCH_PAUSE_MS);
    },
    choose(colleagueId: string) {
      const colleague = colleagues.value.find((candidate) => candidate.id === colleagueId);
      if (colleague?.available) selected.value = colleagueId;
    },
    reset() {
      if (pause) clearTimeout(pause);
      asked++;
      query.value = '';
      selected.value = null;
      kind.value = 'colleague';
      mode.value = 'warm';
      note.value = '';
      number.clear();
      loading.value = false;
      failed.value = false;
    },
  };
}
export type TransferPickerModel = ReturnType<typeof createTransferPickerModel>;
