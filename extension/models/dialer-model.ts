import { computed, signal } from '@preact/signals';
import type { CountryCode } from 'libphonenumber-js/core';
import { dialInput, formatCompleteNumber, isCompleteButInvalid, toDialable } from './phone-number-format';

/** How the number field shows what was typed (`formatAsYouType` in the popup). */
export type DialFormatter = (digits: string, country: CountryCode) => string;

/**
 * The number field: what was typed (cleaned), how it is shown, and whether it can be called.
 * The default formatter formats a number once it is complete, which costs the CRM page's bundle nothing;
 * the popup passes `formatAsYouType`.
 */
export function createDialerModel(defaultCountry: () => CountryCode = () => 'JP', format: DialFormatter = formatCompleteNumber) {
  const digits = signal('');
  const display = computed(() => format(digits.value, defaultCountry()));
  const dialable = computed(() => toDialable(digits.value, defaultCountry()));
  /** A whole number's worth of digits that no server would call: the field says so. */
  const invalid = computed(() => isCompleteButInvalid(digits.value, defaultCountry()));
  const keep = (raw: string) => {
    digits.value = dialInput(raw, defaultCountry());
  };

  return {
    digits,
    display,
    dialable,
    invalid,
    /**
     * Typing or pasting: whatever arrives is cleaned (full-width digits, hyphens, spaces…). Returns what the
     * field now shows, so the field can show it (and place the caret) at once.
     */
    setInput(raw: string): string {
      keep(raw);
      return display.value;
    },
    press(key: string) {
      keep(digits.value + key);
    },
    /**
     * Holding the keypad's 0, as on a phone: a + to start an international number. Further in, where a +
     * means nothing (and would be dropped), the hold is the 0 the key carries.
     */
    pressPlus() {
      keep(digits.value === '' ? '+' : digits.value + '0');
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
