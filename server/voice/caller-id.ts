/**
 * Withheld caller IDs. Twilio spells the reason on a phone keypad (`+266696687` = ANONYMOUS …) on the
 * parent call, and since 2022 puts the words themselves on `<Dial>` child legs.
 * https://help.twilio.com/articles/223179988 and twilio.com/changelog (2022-11-16).
 */
const KEYPAD_SPELLINGS = new Set(['266696687', '7378742833', '2562533', '8656696', '86282452253']);
const WORDS = new Set(['anonymous', 'restricted', 'blocked', 'unknown', 'unavailable', 'private']);

export function isAnonymousCaller(from: string | undefined | null): boolean {
  const value = (from ?? '').trim();
  if (value === '') return true;
  if (KEYPAD_SPELLINGS.has(value.replace(/^\+/, ''))) return true;
  return WORDS.has(value.toLowerCase());
}

/** The caller as the call log and the incoming-call card show it: a number, or null when withheld. */
export function callerNumber(from: string | undefined | null): string | null {
  return isAnonymousCaller(from) ? null : (from ?? '').trim();
}

/** `client:sato` → `sato`; anything else → null. */
export function clientIdentity(address: string | undefined | null): string | null {
  const match = /^client:([A-Za-z0-9_]{1,64})$/.exec(address ?? '');
  return match?.[1] ?? null;
}
