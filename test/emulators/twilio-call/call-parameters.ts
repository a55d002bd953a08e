// The parameters Twilio POSTs with every request of a call (reference §2.1), SIDs, and withheld caller IDs (§2.6).

import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type Params = Record<string, string>;

/** Twilio spells the reason a caller ID is withheld on a phone keypad (reference §2.6). */
export const WITHHELD_CALLER_IDS = {
  anonymous: { number: '+266696687', word: 'Anonymous' },
  restricted: { number: '+7378742833', word: 'Restricted' },
  blocked: { number: '+2562533', word: 'Blocked' },
  unknown: { number: '+8656696', word: 'Unknown' },
  unavailable: { number: '+86282452253', word: 'Unavailable' },
} as const;

export type WithheldReason = keyof typeof WITHHELD_CALLER_IDS;

export function isWithheldReason(value: string): value is WithheldReason {
  return Object.hasOwn(WITHHELD_CALLER_IDS, value.toLowerCase());
}

/** `'anonymous'` → `+266696687`; anything else unchanged. */
export function callerNumber(from: string): string {
  const lower = from.toLowerCase();
  return isWithheldReason(lower) ? WITHHELD_CALLER_IDS[lower].number : from;
}

/** Since 2022 Twilio puts the word ("Anonymous") rather than the digits on `<Dial>` child legs. */
export function childLegFrom(parentFrom: string): string {
  for (const withheld of Object.values(WITHHELD_CALLER_IDS)) {
    if (withheld.number === parentFrom) return withheld.word;
  }
  return parentFrom;
}

/** A deterministic generator of Twilio-looking SIDs, so transcripts are reproducible. */
export function createSidGenerator(seed: number): (prefix: 'CA' | 'RE' | 'AP' | 'AC' | 'CF') => string {
  const next = seededRandom(seed);
  return (prefix) => {
    let hex = '';
    while (hex.length < 32) hex += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
    return prefix + hex.slice(0, 32);
  };
}

/** mulberry32: small, seedable, good enough for SIDs and shuffles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function countryOf(number: string): string {
  if (!number.startsWith('+')) return '';
  return parsePhoneNumberFromString(number)?.country ?? '';
}

/** Geo lookups Twilio adds for PSTN numbers: country filled in, city/state/zip usually empty for Japan. */
function geo(prefixes: readonly string[], number: string): Params {
  const params: Params = {};
  const country = countryOf(number);
  for (const prefix of prefixes) {
    params[`${prefix}City`] = '';
    params[`${prefix}Country`] = country;
    params[`${prefix}State`] = '';
    params[`${prefix}Zip`] = '';
  }
  return params;
}

export interface InboundCallIdentity {
  readonly callSid: string;
  readonly accountSid: string;
  readonly from: string;
  readonly to: string;
  readonly callToken: string;
}

/** What Twilio sends on every request of an inbound PSTN call; `CallStatus` is set per request. */
export function inboundCallParams(call: InboundCallIdentity): Params {
  return {
    AccountSid: call.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: call.callSid,
    CallStatus: 'ringing',
    CallToken: call.callToken,
    Called: call.to,
    ...geo(['Called'], call.to),
    Caller: call.from,
    ...geo(['Caller'], call.from),
    Direction: 'inbound',
    From: call.from,
    ...geo(['From'], call.from),
    To: call.to,
    ...geo(['To'], call.to),
  };
}

export interface ClientCallIdentity {
  readonly callSid: string;
  readonly accountSid: string;
  readonly applicationSid: string;
  readonly identity: string;
  readonly params: Readonly<Params>;
}

/** What the TwiML App's Voice URL receives for `device.connect({ params })` (reference §2.1). */
export function clientCallParams(call: ClientCallIdentity): Params {
  const client = `client:${call.identity}`;
  return {
    AccountSid: call.accountSid,
    ApiVersion: '2010-04-01',
    ApplicationSid: call.applicationSid,
    CallSid: call.callSid,
    CallStatus: 'ringing',
    Called: '',
    Caller: client,
    Direction: 'inbound',
    From: client,
    To: '',
    // Custom parameters arrive as extra form fields and may override `To`.
    ...call.params,
  };
}

/** RFC 2822 with a numeric zone, as Twilio writes `Timestamp`. */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}
