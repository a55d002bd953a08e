import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { z } from 'zod';
import type { HoldMusic } from '../phone-config/schema.ts';
import { TWILIO_PATHS } from './flow-state.ts';
import { playRecordingNotice, type SpokenNotice } from './recording-notice.ts';

/**
 * The conference room an answered call lives in (docs/call-flow.md). Pure: names, labels, URLs and
 * the TwiML of a leg joining or leaving the room.
 *
 * A room is named after the customer's CallSid: unique, and no personal data in the name, as Twilio
 * asks (twilio-conference.md §1). Participants carry labels so the REST API can address them without
 * knowing their CallSid: `customer`, `rep:<user id>`, `sup:<user id>`, `guest:<n>`.
 */

export const CUSTOMER_LABEL = 'customer';

export type PartyLabel = string;

export const repLabel = (userId: string): PartyLabel => `rep:${userId}`;
export const supervisorLabel = (userId: string): PartyLabel => `sup:${userId}`;
export const guestLabel = (index: number): PartyLabel => `guest:${index}`;

/**
 * The room events we ask for. Only the first participant's list counts (twilio-conference.md §1.1),
 * so every leg that joins by TwiML carries the same list.
 */
export const ROOM_EVENTS: NonNullable<VoiceResponse.ConferenceAttributes['statusCallbackEvent']> = ['start', 'end', 'join', 'leave', 'mute', 'hold', 'modify'];

/**
 * What plays when the admin picked "Twilio's default" hold music: Twilio's classical hold-music
 * bucket (twilio-conference.md §1.1, [docs]). Twilio's own default without a HoldUrl is [unverified]
 * (§2.2), so our HoldUrl always answers. This is a twimlet: it answers a TwiML playlist (the clips,
 * then `<Redirect/>` to loop), not audio, so it is reached by `<Redirect>`, never `<Play>`ed.
 */
export const TWILIO_DEFAULT_HOLD_MUSIC = 'https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical';

const callSidSchema = z.string().regex(/^CA[0-9a-fA-F]{32}$/);
const labelSchema = z.string().regex(/^(customer|rep:[A-Za-z0-9_]{1,64}|sup:[A-Za-z0-9_]{1,64}|guest:\d{1,3})$/);

type Query = Record<string, string | undefined>;

function url(publicUrl: string, path: string, params: Record<string, string>): string {
  return `${publicUrl}${path}?${new URLSearchParams(params).toString()}`;
}

/** `call` is the call log's key (the customer's CallSid inbound, the rep's leg outbound). */
export function roomJoinUrl(publicUrl: string, callSid: string, label: PartyLabel): string {
  return url(publicUrl, TWILIO_PATHS.roomJoin, { call: callSid, p: label });
}

export function roomLeftUrl(publicUrl: string, callSid: string, label: PartyLabel): string {
  return url(publicUrl, TWILIO_PATHS.roomLeft, { call: callSid, p: label });
}

export function conferenceEventsUrl(publicUrl: string, callSid: string): string {
  return url(publicUrl, TWILIO_PATHS.conference, { call: callSid });
}

/** Status callbacks of a leg we placed into the room through the REST API. */
export function participantLegUrl(publicUrl: string, callSid: string, partyId: string): string {
  return url(publicUrl, TWILIO_PATHS.participant, { call: callSid, party: partyId });
}

export function holdMusicUrl(publicUrl: string, callSid: string): string {
  return url(publicUrl, TWILIO_PATHS.hold, { call: callSid });
}

/** The call a room recording belongs to travels in the callback URL: room recordings carry no CallSid. */
export function roomRecordingUrl(publicUrl: string, callSid: string): string {
  return url(publicUrl, TWILIO_PATHS.recording, { call: callSid });
}

export function parseCallQuery(query: Query): { callSid: string; label: PartyLabel | null; partyId: string | null } | null {
  const callSid = callSidSchema.safeParse(query.call);
  if (!callSid.success) return null;
  const label = labelSchema.safeParse(query.p);
  const partyId = /^\d{1,18}$/.test(query.party ?? '') ? query.party! : null;
  return { callSid: callSid.data, label: label.success ? label.data : null, partyId };
}

export interface RoomJoin {
  publicUrl: string;
  /** The call log's key. */
  callSid: string;
  /** The room's name: the customer's CallSid. */
  room: string;
  label: PartyLabel;
  /** Record the room from the moment two people are in it: the whole conversation, across transfers. */
  record: boolean;
  /** The recording notice, told to this leg before it enters (an outgoing call's customer). */
  notice?: SpokenNotice | null;
}

/**
 * A leg joining the room by TwiML: the customer (the room ends when they leave) or the rep who
 * answered (they may leave without ending it: transfers, a colleague staying). Every leg carries the
 * room's callbacks and recording, because whichever joins first fixes them. No wait music: both legs
 * of the answered call arrive within a moment of each other.
 */
export function roomJoinTwiml(join: RoomJoin): string {
  const response = new twilio.twiml.VoiceResponse();
  playRecordingNotice(response, join.notice);
  const dial = response.dial({ action: roomLeftUrl(join.publicUrl, join.callSid, join.label), method: 'POST' });
  dial.conference(
    {
      participantLabel: join.label,
      beep: 'false',
      startConferenceOnEnter: true,
      endConferenceOnExit: join.label === CUSTOMER_LABEL,
      waitUrl: '',
      statusCallback: conferenceEventsUrl(join.publicUrl, join.callSid),
      statusCallbackMethod: 'POST',
      statusCallbackEvent: ROOM_EVENTS,
      ...(join.record
        ? {
            record: 'record-from-start' as const,
            recordingStatusCallback: roomRecordingUrl(join.publicUrl, join.callSid),
            recordingStatusCallbackMethod: 'POST',
            recordingStatusCallbackEvent: ['completed', 'absent'] satisfies VoiceResponse.ConferenceAttributes['recordingStatusCallbackEvent'],
          }
        : {}),
    },
    join.room,
  );
  return response.toString();
}

/** A leg whose room ended, or who was taken out of it: the call is over for them. */
export function roomLeftTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}

/**
 * What a held customer hears (Twilio fetches it as the participant's HoldUrl; only Play, Say, Pause
 * and Redirect are allowed there, twilio-conference.md §1.1, error 13238). An uploaded file loops
 * until they are taken off hold; Twilio's default is its playlist, fetched with GET as Twilio fetches
 * it for a waitUrl (§1.1), which loops by itself; silence is a long pause that starts over.
 */
export function holdMusicTwiml(music: HoldMusic, mediaBaseUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  switch (music.type) {
    case 'default':
      response.redirect({ method: 'GET' }, TWILIO_DEFAULT_HOLD_MUSIC);
      break;
    case 'audio':
      response.play({ loop: 0 }, `${mediaBaseUrl}/${encodeURIComponent(music.audioId)}`);
      break;
    case 'silence':
      response.pause({ length: 60 });
      response.redirect({ method: 'POST' }, '');
      break;
  }
  return response.toString();
}

/**
 * What a held customer hears when the hold webhook cannot decide (the database unreachable, a bug):
 * Twilio's default music, which needs nothing of ours. Never the apology and `<Hangup/>` other
 * webhooks fall back to: a HoldUrl may not hang up (13238), and the caller is still with their rep.
 */
export function holdFallbackTwiml(): string {
  return holdMusicTwiml({ type: 'default' }, '');
}
