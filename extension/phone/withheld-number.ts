/**
 * Caller IDs Twilio uses for withheld numbers (parent legs send these numbers, child legs the words).
 * Same list as the server's (server/voice/caller-id.ts); see reference/twilio.md §2.6.
 */
const WITHHELD = new Set([
  '+266696687',
  '+7378742833',
  '+2562533',
  '+8656696',
  '+86282452253',
  'anonymous',
  'restricted',
  'blocked',
  'unknown',
  'unavailable',
  'private',
  '',
]);

export function isWithheldNumber(value: string | undefined | null): boolean {
  if (value == null) return true;
  return WITHHELD.has(value.trim().toLowerCase());
}
