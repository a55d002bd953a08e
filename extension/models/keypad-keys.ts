import { normalisePhoneText } from '@/calling/phone-text';

/** A phone keypad's keys, in its order; the ones DTMF can send. */
export const KEYPAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type KeypadKey = (typeof KEYPAD_KEYS)[number];

/**
 * The keypad key a keyboard key stands for (`KeyboardEvent.key`): digits of the top row or the number pad,
 * * and # (Shift+8 and Shift+3 on a US layout, their own keys elsewhere), full-width ones too. Null for
 * every other key.
 */
export function keypadKeyFor(key: string): KeypadKey | null {
  const half = normalisePhoneText(key);
  return (KEYPAD_KEYS as readonly string[]).includes(half) ? (half as KeypadKey) : null;
}
