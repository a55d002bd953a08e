import type { TwilioParams } from './signature.ts';

/**
 * Twilio's `Timestamp` (RFC 2822 with a numeric zone: `Thu, 1 Jun 2017 20:48:32 +0000`, reference
 * twilio.md, twilio-conference.md) is when the event happened; the callback may arrive later or out of
 * order. Only that shape with a four-digit year is read: JavaScript also parses year 10000 and beyond,
 * which the database cannot store (the callback's write failed and its update was lost), and loose
 * forms it reads by guesswork. Anything else is the time the callback arrived.
 */
const RFC_2822 = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (?:[+-]\d{4}|GMT|UT)$/;

export function twilioEventTime(params: TwilioParams, now: Date): Date {
  const value = params.Timestamp?.trim();
  if (!value || !RFC_2822.test(value)) return now;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? now : parsed;
}
