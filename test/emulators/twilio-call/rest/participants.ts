// Conference Participants: Create (on a CF SID or a FriendlyName), List (current participants only),
// Fetch/Update/Delete by CallSid or label — twilio-conference.md §2, §2.1, §2.2.

import type { Hono } from 'hono';
import { z } from 'zod';
import { kick } from '../call-control.ts';
import { conferenceEvents, Participant } from '../conference.ts';
import type { Room, RoomSettings } from '../conference.ts';
import { applyParticipantUpdate } from '../participant-update.ts';
import { participantProgram } from '../programs.ts';
import type { World } from '../world.ts';
import { resourceId, touch } from './context.ts';
import type { RestContext, RestEnv } from './context.ts';
import { DUPLICATE_LABEL, INVALID_FROM, INVALID_TO, invalidParameter, MISSING_FROM, MISSING_TO, notFound, restError } from './errors.ts';
import { absoluteUrl, bool, callSid, httpMethod, integer, lenientBool, list, parseEndpoint, parseForm } from './forms.ts';
import { page, participantJson } from './json.ts';

/** Twilio places at most this many CreateParticipant legs per second per account; more are queued (§2). */
export const PARTICIPANT_CREATES_PER_SECOND = 1;
/** [unverified] twilio-conference.md §5.10: DELETE of a participant that is no longer in the room. */
export const DELETE_OF_GONE_PARTICIPANT_STATUS = 404;
const DEFAULT_TIMEOUT = 60;
const CONFERENCE_SID = /^CF[0-9a-fA-F]{32}$/;

const createParticipant = z.object({
  From: z.string(),
  To: z.string(),
  Label: z.string().max(128).optional(),
  Timeout: integer(5, 600).optional(),
  EarlyMedia: bool.optional(),
  Muted: bool.optional(),
  Beep: z.enum(['true', 'false', 'onEnter', 'onExit']).optional(),
  StartConferenceOnEnter: bool.optional(),
  EndConferenceOnExit: bool.optional(),
  WaitUrl: z.union([z.literal(''), absoluteUrl]).optional(),
  WaitMethod: httpMethod.optional(),
  MaxParticipants: integer(2, 250).optional(),
  Coaching: bool.optional(),
  CallSidToCoach: callSid.optional(),
  JitterBufferSize: z.enum(['off', 'small', 'medium', 'large']).optional(),
  StatusCallback: absoluteUrl.optional(),
  StatusCallbackMethod: httpMethod.optional(),
  StatusCallbackEvent: list(z.enum(['initiated', 'ringing', 'answered', 'completed'])).optional(),
  ConferenceStatusCallback: absoluteUrl.optional(),
  ConferenceStatusCallbackMethod: httpMethod.optional(),
  ConferenceStatusCallbackEvent: list(z.enum(['start', 'end', 'join', 'leave', 'mute', 'hold', 'modify', 'speaker', 'announcement'])).optional(),
  Record: bool.optional(),
  RecordingChannels: z.enum(['mono', 'dual']).optional(),
  RecordingStatusCallback: absoluteUrl.optional(),
  RecordingStatusCallbackMethod: httpMethod.optional(),
  RecordingStatusCallbackEvent: list(z.enum(['started', 'in-progress', 'paused', 'resumed', 'stopped', 'completed', 'failed', 'absent'])).optional(),
  ConferenceRecord: z.enum(['true', 'false', 'record-from-start', 'do-not-record']).optional(),
  ConferenceTrim: z.enum(['trim-silence', 'do-not-trim']).optional(),
  ConferenceRecordingStatusCallback: absoluteUrl.optional(),
  ConferenceRecordingStatusCallbackMethod: httpMethod.optional(),
  ConferenceRecordingStatusCallbackEvent: list(z.enum(['in-progress', 'completed', 'failed', 'absent'])).optional(),
  Region: z.enum(['us1', 'us2', 'ie1', 'de1', 'sg1', 'br1', 'au1', 'jp1']).optional(),
});

const updateParticipant = z.object({
  Muted: lenientBool.optional(),
  Hold: bool.optional(),
  HoldUrl: z.union([z.literal(''), absoluteUrl]).optional(),
  HoldMethod: httpMethod.optional(),
  AnnounceUrl: absoluteUrl.optional(),
  AnnounceMethod: httpMethod.optional(),
  WaitUrl: z.union([z.literal(''), absoluteUrl]).optional(),
  WaitMethod: httpMethod.optional(),
  BeepOnExit: bool.optional(),
  EndConferenceOnExit: bool.optional(),
  Coaching: bool.optional(),
  CallSidToCoach: callSid.optional(),
});

export function participantRoutes(api: Hono<RestEnv>, world: World): void {
  /** Fetch/Update/Delete address the room by its CF SID only; the participant by CallSid or label. */
  const participantOf = (c: RestContext): { room: Room; participant: Participant } | null => {
    const room = world.roomBySid(c.req.param('conference') ?? '');
    if (!room) return null;
    touch(c, room);
    const participant = room.find(resourceId(c.req.param('file') ?? ''));
    if (participant) touch(c, participant.leg);
    return participant ? { room, participant } : null;
  };

  api.post('/Conferences/:conference/Participants.json', (c) => {
    const form = c.get('form');
    if (!form.To) return restError(c, MISSING_TO);
    if (!form.From) return restError(c, MISSING_FROM);
    const parsed = parseForm(createParticipant, form);
    if (!parsed.ok) return restError(c, parsed.error);
    const body = parsed.value;
    const target = c.req.param('conference');
    // By CF SID the room must be live; by name a room is created when none is (§2, pitfall 1).
    let room = CONFERENCE_SID.test(target) ? world.roomBySid(target) : world.activeRoom(world.accountSid, target);
    if (CONFERENCE_SID.test(target) && (!room || room.status === 'completed')) return restError(c, notFound(c.req.path));
    if (room) touch(c, room);
    const to = parseEndpoint(body.To);
    if (!to) return restError(c, INVALID_TO);
    const from = parseEndpoint(body.From);
    if (!from || (!to.address.startsWith('client:') && from.address.startsWith('client:'))) return restError(c, INVALID_FROM);
    if (body.Label !== undefined && room?.find(body.Label)) return restError(c, DUPLICATE_LABEL);
    const coaching = body.Coaching ?? body.CallSidToCoach !== undefined;
    if (coaching && body.CallSidToCoach === undefined) return restError(c, invalidParameter('CallSidToCoach is required when Coaching is true'));
    if (coaching && !room?.connected.some((participant) => participant.leg.sid === body.CallSidToCoach)) {
      return restError(c, invalidParameter(`CallSidToCoach ${body.CallSidToCoach} is not a participant of this conference`));
    }

    const leg = world.addLeg({
      direction: 'outbound-api',
      from: from.address,
      to: to.address,
      statusCallback: body.StatusCallback ? { url: body.StatusCallback, method: body.StatusCallbackMethod ?? 'POST', events: body.StatusCallbackEvent ?? ['completed'] } : null,
      group: room?.group ?? world.newGroup({}, {}),
      customParameters: to.parameters,
    });
    if (body.Record) leg.recording = { url: body.RecordingStatusCallback ?? null, method: body.RecordingStatusCallbackMethod ?? 'POST', events: body.RecordingStatusCallbackEvent ?? ['completed'], channels: body.RecordingChannels === 'dual' ? 2 : 1 };
    room ??= world.openRoom(world.accountSid, target, leg.group);
    const now = world.scheduler.nowMillis;
    const placeAt = Math.max(now, world.nextParticipantPlacement);
    world.nextParticipantPlacement = placeAt + 1000 / PARTICIPANT_CREATES_PER_SECOND;
    const participant = new Participant(room, leg, {
      label: body.Label ?? null,
      muted: body.Muted ?? false,
      beep: body.Beep ?? 'true',
      startConferenceOnEnter: body.StartConferenceOnEnter ?? true,
      endConferenceOnExit: body.EndConferenceOnExit ?? false,
      waitUrl: body.WaitUrl ?? null,
      waitMethod: body.WaitMethod ?? null,
      coaching,
      callSidToCoach: coaching ? (body.CallSidToCoach ?? null) : null,
      earlyMedia: body.EarlyMedia ?? false,
      jitterBufferSize: body.JitterBufferSize ?? 'large',
      queueTime: placeAt - now,
      roomSettings: roomSettings(body),
    });
    room.addRinging(participant);
    touch(c, room);
    touch(c, leg);
    const timeout = body.Timeout ?? DEFAULT_TIMEOUT;
    world.soon(() => world.scheduler.spawn(() => participantProgram(leg, participant, placeAt, timeout)));
    return c.json(participantJson(participant, true), 201);
  });

  api.get('/Conferences/:conference/Participants.json', (c) => {
    const room = world.roomBySid(c.req.param('conference'));
    if (!room) return restError(c, notFound(c.req.path));
    touch(c, room);
    const query = c.req.query();
    const matches = (flag: boolean, filter: string | undefined) => filter === undefined || String(flag) === filter;
    const current = room.participants.filter((participant) => matches(participant.muted, query.Muted) && matches(participant.hold, query.Hold) && matches(participant.coaching, query.Coaching));
    return c.json(page('participants', current.map((participant) => participantJson(participant)), `/2010-04-01/Accounts/${world.accountSid}/Conferences/${room.sid}/Participants.json`, query));
  });

  api.get('/Conferences/:conference/Participants/:file', (c) => {
    const found = participantOf(c);
    return found ? c.json(participantJson(found.participant)) : restError(c, notFound(c.req.path));
  });

  api.post('/Conferences/:conference/Participants/:file', (c) => {
    const found = participantOf(c);
    if (!found) return restError(c, notFound(c.req.path));
    const parsed = parseForm(updateParticipant, c.get('form'));
    if (!parsed.ok) return restError(c, parsed.error);
    const body = parsed.value;
    const coachTarget = body.CallSidToCoach ?? found.participant.callSidToCoach;
    if (body.Coaching === true && coachTarget === null) return restError(c, invalidParameter('CallSidToCoach is required when Coaching is true'));
    if (body.CallSidToCoach !== undefined && !found.room.connected.some((participant) => participant.leg.sid === body.CallSidToCoach)) {
      return restError(c, invalidParameter(`CallSidToCoach ${body.CallSidToCoach} is not a participant of this conference`));
    }
    applyParticipantUpdate(found.participant, {
      muted: body.Muted,
      hold: body.Hold,
      holdUrl: body.HoldUrl,
      holdMethod: body.HoldMethod,
      announceUrl: body.AnnounceUrl,
      announceMethod: body.AnnounceMethod,
      waitUrl: body.WaitUrl,
      waitMethod: body.WaitMethod,
      beepOnExit: body.BeepOnExit,
      endConferenceOnExit: body.EndConferenceOnExit,
      coaching: body.Coaching ?? (body.CallSidToCoach !== undefined ? true : undefined),
      callSidToCoach: body.CallSidToCoach,
    });
    return c.json(participantJson(found.participant));
  });

  api.delete('/Conferences/:conference/Participants/:file', (c) => {
    const found = participantOf(c);
    if (!found) return DELETE_OF_GONE_PARTICIPANT_STATUS === 404 ? restError(c, notFound(c.req.path)) : c.body(null, 204);
    kick(found.participant);
    return c.body(null, 204);
  });
}

/** The room's settings from the `Conference*` parameters, kept only if this participant is the first. */
function roomSettings(body: z.output<typeof createParticipant>): RoomSettings {
  return {
    statusCallback: body.ConferenceStatusCallback
      ? { url: body.ConferenceStatusCallback, method: body.ConferenceStatusCallbackMethod ?? 'POST', events: conferenceEvents(body.ConferenceStatusCallbackEvent ?? null) }
      : null,
    record: body.ConferenceRecord === 'true' || body.ConferenceRecord === 'record-from-start',
    trim: body.ConferenceTrim ?? 'trim-silence',
    recordingStatusCallback: body.ConferenceRecordingStatusCallback
      ? { url: body.ConferenceRecordingStatusCallback, method: body.ConferenceRecordingStatusCallbackMethod ?? 'POST', events: body.ConferenceRecordingStatusCallbackEvent ?? ['completed'] }
      : null,
    region: body.Region ?? null,
    maxParticipants: body.MaxParticipants ?? 250,
  };
}
