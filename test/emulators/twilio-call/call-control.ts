// What REST requests do to live legs and participants (reference twilio-conference.md §2.2, §2.4):
// the room membership changes at once, so the REST answer and a following List reflect it; the leg's
// program hears of it at the next quiet moment of the world.

import type { Participant } from './conference.ts';
import type { ReasonParticipantLeft } from './conference-callbacks.ts';
import type { Leg, TwimlSource } from './leg.ts';
import { REASON_WHEN_REDIRECTED } from './run-conference.ts';
import { PRIORITY } from './scheduler.ts';

/**
 * [unverified] twilio-conference.md §4.2: the `ReasonParticipantLeft` of a participant removed with
 * DELETE (a kick). Twilio's list of reasons has no "kicked"; the API one is the likeliest.
 */
export const REASON_WHEN_KICKED: ReasonParticipantLeft = 'participant_updated_via_api';

/** Calls update `Url`/`Twiml`: the leg leaves its room (if any) and runs the new TwiML. */
export function redirectLeg(leg: Leg, to: TwimlSource): void {
  const participant = leg.participant;
  if (participant) participant.room.leave(participant, REASON_WHEN_REDIRECTED, { notify: false });
  leg.world.soon(() => leg.mailbox.post({ type: 'redirect', to }));
}

/** Calls update `Status=completed|canceled`. */
export function hangUpLeg(leg: Leg, status: 'completed' | 'canceled'): void {
  const participant = leg.participant;
  if (participant) participant.room.leave(participant, 'participant_hung_up', { notify: false, callStatus: 'completed' });
  leg.world.soon(() => leg.mailbox.post({ type: 'api-hangup', status }), PRIORITY.ends);
}

/** DELETE a participant: a connected one leaves the room (its TwiML carries on); a ringing one is cancelled. */
export function kick(participant: Participant): void {
  const room = participant.room;
  if (participant.connected) {
    room.leave(participant, REASON_WHEN_KICKED, { notify: true, kicked: true });
    return;
  }
  room.participants.splice(room.participants.indexOf(participant), 1);
  participant.status = 'failed';
  room.emit('participant-leave', participant, { ParticipantCallStatus: 'canceled', ReasonParticipantLeft: REASON_WHEN_KICKED });
  room.world.soon(() => participant.leg.mailbox.post({ type: 'api-hangup', status: 'canceled' }), PRIORITY.ends);
}
