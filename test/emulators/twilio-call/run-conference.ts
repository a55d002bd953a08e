// `<Dial><Conference>` (reference twilio-conference.md §1): join the room by name, stay until the room
// ends, the participant is kicked, hangs up, presses * with hangupOnStar, or REST moves the leg; then
// the Dial's action gets `DialCallStatus=answered` (no DialCallSid/DialCallDuration).

import type { Params } from './call-parameters.ts';
import { conferenceEvents, Participant } from './conference.ts';
import type { RoomSettings } from './conference.ts';
import type { ReasonParticipantLeft } from './conference-callbacks.ts';
import type { Leg } from './leg.ts';
import { newRecording, recordingActionParams, recordingCallbacks } from './recordings.ts';
import { PRIORITY, TIMEOUT } from './scheduler.ts';
import type { ConferenceNoun, DialVerb } from './twiml.ts';
import { afterInterrupt, notify, resolveUrl } from './twiml-runner.ts';
import type { Interrupt, VerbResult } from './twiml-runner.ts';

/**
 * [inferred] twilio-conference.md §2.4: a leg redirected by REST leaves its room; the reason it reports
 * is taken to be `participant_updated_via_api`.
 */
export const REASON_WHEN_REDIRECTED: ReasonParticipantLeft = 'participant_updated_via_api';
/** [unverified] What a room full to `maxParticipants` does with one more caller: the Dial fails to its action. */
export const FULL_ROOM_DIAL_STATUS = 'failed';

export type RoomExit =
  | { readonly kind: 'left'; readonly reason: string }
  | { readonly kind: 'hung-up' }
  | { readonly kind: 'star' }
  | { readonly kind: 'time-limit' }
  | { readonly kind: 'interrupt'; readonly interrupt: Interrupt };

export async function runConference(leg: Leg, verb: DialVerb, noun: ConferenceNoun, documentUrl: string): Promise<VerbResult> {
  const world = leg.world;
  const existing = world.activeRoom(leg.accountSid, noun.name);
  const action = verb.action === null ? null : { url: resolveUrl(verb.action, documentUrl), method: verb.method };
  const refuse = (code: number, message: string, dialCallStatus: string | null): VerbResult => {
    leg.record({ type: 'conference', conference: { kind: 'refused', room: noun.name, code, message } });
    if (dialCallStatus === null || !action) return { kind: 'continue' };
    return { kind: 'fetch', next: { ...action, extra: { DialCallStatus: dialCallStatus } } };
  };
  // A duplicate label is notification 16025: the call is not added and falls through to the next verb.
  if (noun.participantLabel !== null && existing?.find(noun.participantLabel)) {
    return refuse(16025, `Participant label "${noun.participantLabel}" is already in use in this conference`, null);
  }
  if (existing && existing.connected.length >= (existing.settings?.maxParticipants ?? noun.maxParticipants)) {
    return refuse(16020, 'The conference is full (maxParticipants)', FULL_ROOM_DIAL_STATUS);
  }
  if (noun.coach !== null && !existing?.connected.some((participant) => participant.leg.sid === noun.coach)) {
    return refuse(13240, `coach="${noun.coach}" is not a participant of this conference`, 'failed');
  }
  const room = existing ?? world.openRoom(leg.accountSid, noun.name, leg.group);
  const participant = new Participant(room, leg, {
    label: noun.participantLabel,
    muted: noun.muted,
    beep: noun.beep,
    startConferenceOnEnter: noun.startConferenceOnEnter,
    endConferenceOnExit: noun.endConferenceOnExit,
    waitUrl: noun.waitUrl === null || noun.waitUrl === '' ? noun.waitUrl : resolveUrl(noun.waitUrl, documentUrl),
    waitMethod: noun.waitMethod,
    coaching: noun.coach !== null,
    callSidToCoach: noun.coach,
    earlyMedia: false,
    jitterBufferSize: noun.jitterBufferSize,
    queueTime: null,
    roomSettings: settingsOf(noun, documentUrl),
  });
  room.join(participant);
  const joinedAt = world.scheduler.now();
  const exit = await waitInRoom(leg, participant, verb.timeLimit, verb.hangupOnStar);
  const recording = recordInRoom(leg, verb, documentUrl, joinedAt);
  if (exit.kind === 'interrupt') return afterInterrupt(leg, exit.interrupt);

  // After a room Twilio sends `answered`, and no DialCallSid or DialCallDuration (§1.2).
  const extra: Params = { DialCallStatus: 'answered', ...(recording ? recordingActionParams(recording) : {}) };
  const next = action ? { ...action, extra } : null;
  if (exit.kind === 'hung-up') {
    if (next) await notify(leg, next);
    leg.record({ type: 'caller-hung-up' });
    return { kind: 'end', outcome: 'hung-up' };
  }
  return next ? { kind: 'fetch', next } : { kind: 'continue' };
}

/** A participant's leg waits in its room until something takes it out. */
export async function waitInRoom(leg: Leg, participant: Participant, timeLimitSeconds: number, hangupOnStar: boolean): Promise<RoomExit> {
  const room = participant.room;
  const scheduler = leg.world.scheduler;
  const deadline = scheduler.nowMillis + timeLimitSeconds * 1000;
  const leave = (reason: ReasonParticipantLeft, callStatus?: string) => room.leave(participant, reason, { notify: false, ...(callStatus ? { callStatus } : {}) });
  for (;;) {
    const notice = await leg.mailbox.next(Math.max(0, (deadline - scheduler.nowMillis) / 1000), PRIORITY.ends);
    if (notice === TIMEOUT) {
      leave('participant_hung_up');
      return { kind: 'time-limit' };
    }
    switch (notice.type) {
      case 'left-room':
        // A stale notice (from an earlier room) while still in this one is ignored.
        if (leg.participant === participant) continue;
        return { kind: 'left', reason: notice.reason };
      case 'hangup':
        leave('participant_hung_up', 'completed');
        return { kind: 'hung-up' };
      case 'keys':
        if (!hangupOnStar || !notice.keys.includes('*')) continue;
        leave('participant_hung_up');
        return { kind: 'star' };
      case 'api-hangup':
      case 'time-limit':
        leave('participant_hung_up', 'completed');
        return { kind: 'interrupt', interrupt: notice };
      case 'redirect':
        leave(REASON_WHEN_REDIRECTED);
        return { kind: 'interrupt', interrupt: notice };
      case 'ended':
        return { kind: 'interrupt', interrupt: notice };
      default:
        continue;
    }
  }
}

/** The room's settings, if this participant is the first (later participants' values are ignored). */
function settingsOf(noun: ConferenceNoun, documentUrl: string): RoomSettings {
  return {
    statusCallback: noun.statusCallback === null ? null : { url: resolveUrl(noun.statusCallback, documentUrl), method: noun.statusCallbackMethod, events: conferenceEvents(noun.statusCallbackEvents) },
    record: noun.record === 'record-from-start',
    trim: noun.trim,
    recordingStatusCallback: noun.recordingStatusCallback === null
      ? null
      : { url: resolveUrl(noun.recordingStatusCallback, documentUrl), method: noun.recordingStatusCallbackMethod, events: noun.recordingStatusCallbackEvents },
    region: noun.region,
    maxParticipants: noun.maxParticipants,
  };
}

/** `<Dial record>` around a room records this leg's time in it (two channels with `-dual`). */
function recordInRoom(leg: Leg, verb: DialVerb, documentUrl: string, joinedAt: Date) {
  if (verb.record === 'do-not-record') return null;
  const channels = verb.record.endsWith('-dual') ? 2 : 1;
  const seconds = Math.round((leg.world.scheduler.nowMillis - joinedAt.getTime()) / 1000);
  const recording = newRecording(leg, 'DialVerb', seconds, channels, joinedAt);
  recordingCallbacks(
    leg,
    {
      url: verb.recordingStatusCallback === null ? null : resolveUrl(verb.recordingStatusCallback, documentUrl),
      method: verb.recordingStatusCallbackMethod,
      events: verb.recordingStatusCallbackEvents,
      channels,
      startedAt: joinedAt,
    },
    recording,
    'DialVerb',
  );
  return recording;
}

