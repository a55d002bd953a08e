import type { IncomingNumber } from '../../../phone-config/schema.ts';
import { guardDestination } from '../../../services/destination-guard.ts';
import { settleCall } from '../../../store/calls.ts';
import type { TwilioParams } from '../../../twilio/signature.ts';
import { hoursAt, type HoursVerdict } from '../../../voice/business-hours.ts';
import { defaultClosedMessage } from '../../../voice/closed-message.ts';
import { closedTwiml, type IncomingContext } from '../../../voice/incoming-twiml.ts';
import { offeredAt } from '../../../voice/ivr.ts';
import { twiml, type TwilioContext } from '../respond.ts';
import type { Stage } from './stage.ts';

/**
 * Outside business hours (docs/call-flow.md, "Business hours"): the closed message, then voicemail,
 * hang-up, or forwarding to a number that passes the toll-fraud guard at the moment of the call
 * (how the forward ends: ./forwarded.ts).
 */

/** The number's hours at the moment of this request (the preview's "as if it were" included). */
export async function hoursNow(stage: Stage, number: IncomingNumber, params: TwilioParams): Promise<HoursVerdict> {
  if (!number.hours) return hoursAt(undefined, stage.momentOf(params), 'UTC');
  return hoursAt(number.hours, stage.momentOf(params), await stage.timeZone());
}

/**
 * Closed as a whole: outside hours, unless its IVR is there at all times (some items may still be in
 * hours only) and its menu offers something then (voice/ivr.ts offeredAt).
 */
export function closedAsAWhole(number: IncomingNumber, verdict: HoursVerdict): boolean {
  return !verdict.open && !(number.route.type === 'ivr' && number.route.availability === 'always' && offeredAt(number.route, [], false));
}

export async function closed(stage: Stage, c: TwilioContext, params: TwilioParams, ctx: IncomingContext): Promise<Response> {
  const { db } = stage.deps.store;
  const callSid = params.CallSid ?? '';
  const hours = ctx.number.hours;
  const outside = hours?.outside ?? { type: 'voicemail' as const };
  let then: Parameters<typeof closedTwiml>[1]['then'] = outside.type === 'forward' ? { type: 'voicemail' } : outside;
  if (outside.type === 'forward') {
    const check = await guardDestination(db, outside.number);
    if (check.ok) then = { type: 'forward', to: check.e164 };
    else stage.deps.logger.warn({ callSid, reason: check.reason }, 'the forwarding number outside hours is refused by the toll-fraud guard; voicemail instead');
  }
  // Missed until a forward is answered (./forwarded.ts raises it to completed): off the board's
  // waiting calls, and followed up if the night number never answers.
  await settleCall(db, callSid, 'missed', { reason: then.type === 'forward' ? 'closed-forwarded' : 'closed' });
  // The default message ends with what this call will do, which may not be what the hours say.
  const defaultMessage = hours ? defaultClosedMessage(hours, ctx.speaker.language, then.type) : '';
  return twiml(c, closedTwiml(ctx, { defaultMessage, then }));
}
