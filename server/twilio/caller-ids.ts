import { z } from 'zod';
import { parseTwilioReply, readFromTwilio } from './errors.ts';
import type { TwilioClient } from './rest-client.ts';

/**
 * Which numbers a Twilio account may show as caller ID: its own numbers (IncomingPhoneNumbers) and the
 * caller IDs verified in the Twilio Console (OutgoingCallerIds). Twilio refuses any other `callerId`
 * on a browser phone's `<Dial>` (error 13214), so an outgoing number must be one of these
 * (shared/reference/twilio.md §8). Both lists answer `PN…` sids, hence `source`.
 */

export type CallerIdSource = 'twilio-number' | 'verified';

export interface CallerId {
  /** E.164, as Twilio stores it. */
  phoneNumber: string;
  friendlyName: string;
  source: CallerIdSource;
  sid: string;
}

const PAGE_SIZE = 1000;

type OwnedNumber = { sid: string; phoneNumber: string; friendlyName?: string | null };

// The library builds an entry from any JSON object, `{}` too: one without a number is not Twilio's answer.
const ListedNumbers = z.array(z.object({ sid: z.string().regex(/^PN[0-9a-fA-F]{32}$/), phoneNumber: z.string().min(1), friendlyName: z.string().nullish() }));

/** One of the two lists, its entries checked: a reply of another shape throws UnexpectedTwilioReplyError. */
async function listed(what: string, list: () => Promise<unknown>): Promise<OwnedNumber[]> {
  return parseTwilioReply(ListedNumbers, await readFromTwilio(what, list), what);
}

/**
 * Every number the account may call from: its own numbers first, then the verified caller IDs.
 * `owned`: the account's numbers when the caller has listed them already (not listed again).
 */
export async function listCallerIds(client: TwilioClient, owned?: readonly OwnedNumber[]): Promise<CallerId[]> {
  const [numbers, verified] = await Promise.all([
    owned ?? listed('listing the numbers', () => client.incomingPhoneNumbers.list({ pageSize: PAGE_SIZE })),
    listed('listing the caller IDs', () => client.outgoingCallerIds.list({ pageSize: PAGE_SIZE })),
  ]);
  return [
    ...numbers.map((n) => callerId(n, 'twilio-number')),
    // A number can be both (verified before it was bought): list it once, as the account's own.
    ...verified.filter((v) => !numbers.some((n) => n.phoneNumber === v.phoneNumber)).map((v) => callerId(v, 'verified')),
  ];
}

/**
 * How `e164` may be used as caller ID, or null when Twilio would refuse it. Two filtered look-ups, each
 * result compared with the number itself: IncomingPhoneNumbers' `PhoneNumber` filter matches partial
 * numbers ("You can specify partial numbers and use '*' as a wildcard", api_v2010
 * ListIncomingPhoneNumber), so `+493012345` also finds `+4930123456`. OutgoingCallerIds documents no
 * such matching, but is held to the same test.
 */
export async function findCallerId(client: TwilioClient, e164: string): Promise<CallerId | null> {
  const [owned, verified] = await Promise.all([
    listed('finding the number', () => client.incomingPhoneNumbers.list({ phoneNumber: e164, pageSize: PAGE_SIZE })),
    listed('finding the caller ID', () => client.outgoingCallerIds.list({ phoneNumber: e164, pageSize: PAGE_SIZE })),
  ]);
  const number = owned.find((n) => n.phoneNumber === e164);
  if (number) return callerId(number, 'twilio-number');
  const verifiedId = verified.find((v) => v.phoneNumber === e164);
  return verifiedId ? callerId(verifiedId, 'verified') : null;
}

function callerId(entry: OwnedNumber, source: CallerIdSource): CallerId {
  return { phoneNumber: entry.phoneNumber, friendlyName: entry.friendlyName ?? '', source, sid: entry.sid };
}
