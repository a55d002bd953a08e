import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { normaliseNumber } from '../phone-config/normalise.ts';
import type { DefaultMessages } from '../phone-config/default-messages.ts';
import { outgoingDialedUrl, recordingUrl, statusUrl } from './flow-state.ts';
import { messagesFor, say, type Speaker } from './speech.ts';

/**
 * Number types a rep may never dial from the browser: they bill the account per minute (toll fraud).
 * Personal numbers (UK 070, Japan's 060) forward anywhere at the number holder's rates, a classic
 * fraud route. Japan's 0570 (UAN, "Navi Dial") stays callable: it is many companies' published main
 * line, and its rate to the account is not known to be higher [unverified].
 */
const REFUSED_TYPES = new Set(['PREMIUM_RATE', 'SHARED_COST', 'PERSONAL_NUMBER']);

export type DestinationCheck =
  | { ok: true; e164: string; country: string }
  | { ok: false; reason: 'invalid' | 'country-not-allowed' | 'premium-rate' };

/** ISO countries of the account's own numbers: where reps may call unless the admin widened it. */
export function allowedCountries(configured: readonly string[], ownNumbers: readonly string[]): Set<string> {
  if (configured.length > 0) return new Set(configured);
  const countries = new Set<string>();
  for (const number of ownNumbers) {
    const country = parsePhoneNumberFromString(number)?.country;
    if (country) countries.add(country);
  }
  return countries;
}

/**
 * Toll-fraud guard for an outgoing call: the destination must be a valid, full number (short codes
 * and service numbers are not), in an allowed country, and not premium-rate, shared-cost or personal.
 */
export function checkDestination(to: string, options: { defaultCountry: string; allowed: ReadonlySet<string> }): DestinationCheck {
  const e164 = normaliseNumber(to, options.defaultCountry);
  const parsed = e164 ? parsePhoneNumberFromString(e164) : undefined;
  if (!e164 || !parsed?.isValid()) return { ok: false, reason: 'invalid' };
  const type = parsed.getType();
  if (type && REFUSED_TYPES.has(type)) return { ok: false, reason: 'premium-rate' };
  const country = parsed.country;
  if (!country || !options.allowed.has(country)) return { ok: false, reason: 'country-not-allowed' };
  return { ok: true, e164, country };
}

/**
 * The rep's browser call to `to`, shown with the rep's own number, ringing back until answered; once
 * answered, both legs move into the call's room (docs/call-flow.md), which records from then on.
 */
export function outgoingDialTwiml(options: {
  publicUrl: string;
  speaker: Speaker;
  callerId: string;
  to: string;
  record: boolean;
}): string {
  const response = new twilio.twiml.VoiceResponse();
  const dial = response.dial({
    callerId: options.callerId,
    answerOnBridge: true,
    action: outgoingDialedUrl(options.publicUrl, options.speaker.language),
    method: 'POST',
    ...(options.record
      ? {
          record: 'record-from-answer-dual' as const,
          recordingStatusCallback: recordingUrl(options.publicUrl),
          recordingStatusCallbackMethod: 'POST',
          recordingStatusCallbackEvent: ['completed', 'absent'] satisfies VoiceResponse.DialAttributes['recordingStatusCallbackEvent'],
        }
      : {}),
  });
  dial.number(
    {
      statusCallback: statusUrl(options.publicUrl),
      statusCallbackMethod: 'POST',
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    },
    options.to,
  );
  return response.toString();
}

/** A call the server will not place: a short explanation in the rep's language, then hang up. */
export function outgoingRefusedTwiml(
  speaker: Speaker,
  why: keyof Pick<DefaultMessages, 'noOutgoingNumber' | 'accountDeactivated' | 'destinationNotAllowed' | 'technicalProblem'>,
): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, messagesFor(speaker)[why], speaker);
  response.hangup();
  return response.toString();
}
