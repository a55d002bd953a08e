// The conference status callback's parameters (reference twilio-conference.md §1.3), and which
// `statusCallbackEvent` word subscribes to which event.

import { rfc2822 } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';

export type ConferenceEventName =
  | 'conference-start'
  | 'conference-end'
  | 'participant-join'
  | 'participant-leave'
  | 'participant-mute'
  | 'participant-unmute'
  | 'participant-hold'
  | 'participant-unhold'
  | 'participant-modify'
  | 'announcement-end'
  | 'announcement-fail';

/** The word in `statusCallbackEvent` that asks for each event. */
export const EVENT_WORD: Readonly<Record<ConferenceEventName, string>> = {
  'conference-start': 'start',
  'conference-end': 'end',
  'participant-join': 'join',
  'participant-leave': 'leave',
  'participant-mute': 'mute',
  'participant-unmute': 'mute',
  'participant-hold': 'hold',
  'participant-unhold': 'hold',
  'participant-modify': 'modify',
  'announcement-end': 'announcement',
  'announcement-fail': 'announcement',
};

/**
 * [inferred] The events a room reports when a status callback is given without `statusCallbackEvent`:
 * the Participants API documents `start end` as its default; the TwiML page's table says "none".
 */
export const DEFAULT_CONFERENCE_EVENTS: readonly string[] = ['start', 'end'];

/** Why a participant left (`ReasonParticipantLeft`, underscore spelling). */
export type ReasonParticipantLeft =
  | 'conference_ended_via_api'
  | 'moderator_ended_conference'
  | 'participant_updated_via_api'
  | 'participant_hung_up'
  | 'participant_add_failed';

/** Why the room ended (`ReasonConferenceEnded`, hyphen spelling). */
export type ReasonConferenceEnded =
  | 'conference-ended-via-api'
  | 'last-participant-kicked'
  | 'last-participant-left'
  | 'participant-with-end-conference-on-exit-kicked'
  | 'participant-with-end-conference-on-exit-left';

export interface RoomIdentity {
  readonly accountSid: string;
  readonly sid: string;
  readonly friendlyName: string;
}

export interface ParticipantFlags {
  readonly callSid: string;
  readonly label: string | null;
  readonly muted: boolean;
  readonly hold: boolean;
  readonly coaching: boolean;
  readonly callSidToCoach: string | null;
  readonly startConferenceOnEnter: boolean;
  readonly endConferenceOnExit: boolean;
}

export function conferenceParams(room: RoomIdentity, event: ConferenceEventName, sequenceNumber: number, at: Date): Params {
  return {
    AccountSid: room.accountSid,
    ConferenceSid: room.sid,
    FriendlyName: room.friendlyName,
    SequenceNumber: String(sequenceNumber),
    StatusCallbackEvent: event,
    Timestamp: rfc2822(at),
  };
}

/** What every participant event says about the participant. */
export function participantParams(participant: ParticipantFlags): Params {
  return {
    CallSid: participant.callSid,
    Coaching: String(participant.coaching),
    ...(participant.coaching && participant.callSidToCoach ? { CallSidToCoach: participant.callSidToCoach } : {}),
    EndConferenceOnExit: String(participant.endConferenceOnExit),
    Hold: String(participant.hold),
    Muted: String(participant.muted),
    ...(participant.label === null ? {} : { ParticipantLabel: participant.label }),
    StartConferenceOnEnter: String(participant.startConferenceOnEnter),
  };
}

export function leaveParams(callStatus: string, reason: ReasonParticipantLeft): Params {
  return { ParticipantCallStatus: callStatus, ReasonParticipantLeft: reason };
}

export function endParams(reason: ReasonConferenceEnded, ender: { callSid: string; label: string | null } | null): Params {
  return {
    ...(ender ? { CallSidEndingConference: ender.callSid } : {}),
    ...(ender?.label ? { ParticipantLabelEndingConference: ender.label } : {}),
    Reason: reasonText(reason, ender),
    ReasonConferenceEnded: reason,
  };
}

function reasonText(reason: ReasonConferenceEnded, ender: { callSid: string } | null): string {
  switch (reason) {
    case 'conference-ended-via-api':
      return 'Conference ended via API';
    case 'last-participant-kicked':
      return `Participant ${ender?.callSid ?? ''} was the last participant and was kicked`;
    case 'last-participant-left':
      return `Participant ${ender?.callSid ?? ''} was the last participant to leave`;
    case 'participant-with-end-conference-on-exit-kicked':
      return `Participant ${ender?.callSid ?? ''} with endConferenceOnExit was kicked`;
    case 'participant-with-end-conference-on-exit-left':
      return `Participant ${ender?.callSid ?? ''} with endConferenceOnExit left the conference`;
  }
}
