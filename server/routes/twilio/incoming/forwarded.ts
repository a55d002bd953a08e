import { settleCall } from '../../../store/calls.ts';
import type { TwilioParams } from '../../../twilio/signature.ts';
import { emptyTwiml, hangupTwiml, unavailableTwiml } from '../../../voice/incoming-twiml.ts';
import { twiml, type TwilioContext } from '../respond.ts';
import type { Stage } from './stage.ts';

/**
 * `POST /voice/forwarded`: the `<Dial>` that forwarded a call outside business hours ended
 * (docs/call-flow.md, "Business hours"; `DialCallStatus`, reference twilio.md §2.3). The call was
 * settled missed with reason `closed-forwarded` when it was forwarded (./closed.ts).
 * - Answered there (`completed`): a completed call, forwarded; nobody to call back. No rep answered
 *   it, so it has no `answered_at`: analytics count it as a call, neither answered by us nor missed.
 * - Busy, no answer, failed, cancelled: the number's voicemail, as when nobody answers in hours. The
 *   call stays missed, so it gets its follow-up: from the voicemail, or from its final status.
 * A retried request settles nothing twice: `settleCall` only climbs, and the other answers write nothing.
 */

const NOT_ANSWERED = new Set(['busy', 'no-answer', 'failed', 'canceled']);

export async function afterForward(stage: Stage, c: TwilioContext, params: TwilioParams): Promise<Response> {
  const callSid = params.CallSid ?? '';
  const dialStatus = params.DialCallStatus ?? '';
  if (dialStatus === 'completed' || dialStatus === 'answered') {
    await settleCall(stage.deps.store.db, callSid, 'completed', { reason: 'closed-forwarded' });
    return twiml(c, hangupTwiml());
  }
  // The caller hung up while the night number rang: a missed call, followed up once it ends.
  if (params.CallStatus === 'completed' || !NOT_ANSWERED.has(dialStatus)) return twiml(c, emptyTwiml());
  const number = await stage.numberFor(c, params);
  if (number instanceof Response) return number;
  stage.deps.logger.info({ callSid, dialStatus }, 'the forwarding number outside hours did not take the call; voicemail instead');
  return twiml(c, unavailableTwiml(stage.contextOf(number), { welcome: false, voicemailPath: [] }));
}
