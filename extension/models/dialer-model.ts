import { computed, signal } from '@preact/signals';
import type { CountryCode } from 'libphonenumber-js';
import { cleanDialInput, formatAsYouType, toDialable } from './phone-number-format';

/** The number field: what was typed (cleaned), how it is shown, and whether it can be called. */
export function createDialerModel(defaultCountry: () => CountryCode = () => 'JP') {
  const digits = signal('');
  const display = computed(() => formatAsYouType(digits.value, defaultCountry()));
  const dialable = computed(() => toDialable(digits.value, defaultCountry()));

  return {
    digits,
    display,
    dialable,
    /** Typing or pasting: whatever arrives is cleaned (full-width digits, hyphens, spaces…). */
    setInput(raw: string) {
      digits.value = cleanDialInput(raw);
    },
    press(key: string) {
      digits.value = cleanDialInput(digits.value + key);
    },
    backspace() {
      digits.value = digits.value.slice(0, -1);
    },
    clear() {
      digits.value = '';
    },
  };
}
export type DialerModel = ReturnType<typeof createDialerModel>;
