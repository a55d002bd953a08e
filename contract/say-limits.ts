/**
 * How much text one `<Say>` can speak, counted as Twilio counts it, for the server (which refuses a
 * prompt over it) and the options page (which can show a counter while the admin types). Pure
 * functions only: nothing here may import Node or browser code.
 *
 * Twilio's limits (warning 13521, https://www.twilio.com/docs/api/errors/13521): Basic voices 4096,
 * Polly 3000, Google 5000 "UTF-8 single byte characters" — read here as UTF-8 bytes, so a Japanese
 * character counts 3 — and "the URL-encoded string cannot exceed 4500 characters". A character
 * count is not enough: 500 Japanese characters are 1,500 bytes but 4,500 URL-encoded characters.
 *
 * [unverified] Which URL encoding Twilio applies is not documented. This counts as
 * `encodeURIComponent` does (a space is `%20`, 3 characters; a Japanese character 9), the stricter
 * of the usual readings: a text that fits here fits either way. Change it here, and only here.
 */
export const SAY_TEXT_LIMITS = {
  /** UTF-8 bytes, by the voice's engine. */
  bytes: { polly: 3000, google: 5000, basic: 4096 },
  /** The text URL-encoded, whatever the voice. */
  urlEncoded: 4500,
} as const;

export type SayEngine = keyof typeof SAY_TEXT_LIMITS.bytes;

/** `Polly.Mizuki` → polly, `Google.ja-JP-Wavenet-A` → google; `man`, `woman`, `alice` → basic. */
export function sayEngine(voice: string): SayEngine {
  if (voice.startsWith('Polly.')) return 'polly';
  if (voice.startsWith('Google.')) return 'google';
  return 'basic';
}

export interface SayMeasure {
  /** Whether Twilio can speak the text in one `<Say>`. */
  fits: boolean;
  /** The count nearer its limit (the one a counter should show), and that limit. */
  used: number;
  limit: number;
  unit: 'utf8-bytes' | 'url-encoded';
  /** Characters (code points) to cut from the end for the text to fit; 0 when it fits. */
  over: number;
}

/** Characters `encodeURIComponent` leaves as they are. */
const UNRESERVED = /^[A-Za-z0-9\-_.!~*'()]$/;

function utf8Bytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  // A lone surrogate would be sent as U+FFFD: 3 bytes too.
  return codePoint < 0x10000 ? 3 : 4;
}

/** The text's length in Twilio's units for `voice`, and how much of it must go when it does not fit. */
export function measureSay(text: string, voice: string): SayMeasure {
  const byteLimit = SAY_TEXT_LIMITS.bytes[sayEngine(voice)];
  const encodedLimit = SAY_TEXT_LIMITS.urlEncoded;
  let bytes = 0;
  let encoded = 0;
  let characters = 0;
  let fitting = 0;
  for (const character of text) {
    const size = utf8Bytes(character.codePointAt(0) ?? 0);
    bytes += size;
    encoded += UNRESERVED.test(character) ? 1 : 3 * size;
    characters += 1;
    if (bytes <= byteLimit && encoded <= encodedLimit) fitting = characters;
  }
  const byBytes = bytes / byteLimit >= encoded / encodedLimit;
  return {
    fits: fitting === characters,
    used: byBytes ? bytes : encoded,
    limit: byBytes ? byteLimit : encodedLimit,
    unit: byBytes ? 'utf8-bytes' : 'url-encoded',
    over: characters - fitting,
  };
}
