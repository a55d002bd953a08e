import { computed, signal } from '@preact/signals';
import type { CountryCode } from 'libphonenumber-js/core';
import { cleanDialInput, formatCompleteNumber, isCompleteButInvalid, toDialable } from './phone-number-format';

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

  return {
    digits,
    display,
    dialable,
    invalid,
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
