// Conferences: List (FriendlyName, Status), Fetch, Update (`Status=completed`, `AnnounceUrl`), and the
// room's recordings (List, Fetch, Update with `Twilio.CURRENT` to pause/resume, Delete) —
// twilio-conference.md §2, §2.3, §2.5, §6.

import type { Hono } from 'hono';
import { z } from 'zod';
import { announceToRoom } from '../conference-media.ts';
import type { Room } from '../conference.ts';
import type { World } from '../world.ts';
import { resourceId, touch } from './context.ts';
import type { RestContext, RestEnv } from './context.ts';
import { notFound, restError } from './errors.ts';
import { absoluteUrl, httpMethod, parseForm } from './forms.ts';
import { conferenceJson, conferenceRecordingJson, page } from './json.ts';

const updateConference = z.object({
  Status: z.enum(['completed']).optional(),
  AnnounceUrl: absoluteUrl.optional(),
  AnnounceMethod: httpMethod.optional(),
});

/**
 * UpdateConferenceRecording "changes the status of the recording to paused, stopped, or in-progress"
 * [oai]: the enum's other values (`processing`, `completed`, `absent`) are states Twilio reaches on
 * its own, refused as a new status (a 400 [inferred]; which error code Twilio gives is [unverified]).
 */
const updateRecording = z.object({
  Status: z.enum(['in-progress', 'paused', 'stopped']),
  PauseBehavior: z.enum(['skip', 'silence']).optional(),
});

export function conferenceRoutes(api: Hono<RestEnv>, world: World): void {
  const roomOf = (c: RestContext, sid: string): Room | undefined => {
    const room = world.roomBySid(sid);
    if (room) touch(c, room);
    return room;
  };

  api.get('/Conferences.json', (c) => {
    const query = c.req.query();
    // Newest first, as Twilio lists them.
    const rooms = [...world.rooms].reverse().filter((room) => (query.FriendlyName === undefined || room.friendlyName === query.FriendlyName) && (query.Status === undefined || room.status === query.Status));
    return c.json(page('conferences', rooms.map(conferenceJson), `/2010-04-01/Accounts/${world.accountSid}/Conferences.json`, query));
  });

  api.get('/Conferences/:file', (c) => {
    const room = roomOf(c, resourceId(c.req.param('file')));
    return room ? c.json(conferenceJson(room)) : restError(c, notFound(c.req.path));
  });

  api.post('/Conferences/:file', (c) => {
    const room = roomOf(c, resourceId(c.req.param('file')));
    if (!room) return restError(c, notFound(c.req.path));
    const parsed = parseForm(updateConference, c.get('form'));
    if (!parsed.ok) return restError(c, parsed.error);
    if (parsed.value.AnnounceUrl !== undefined && room.status !== 'completed') announceToRoom(room, parsed.value.AnnounceUrl, parsed.value.AnnounceMethod ?? 'POST');
    if (parsed.value.Status === 'completed') room.end('conference-ended-via-api', null);
    return c.json(conferenceJson(room));
  });

  api.get('/Conferences/:conference/Recordings.json', (c) => {
    const room = roomOf(c, c.req.param('conference'));
    if (!room) return restError(c, notFound(c.req.path));
    const recordings = [...world.recordings.values()].filter((recording) => recording.conferenceSid === room.sid);
    return c.json(page('recordings', recordings.map(conferenceRecordingJson), `/2010-04-01/Accounts/${world.accountSid}/Conferences/${room.sid}/Recordings.json`, c.req.query()));
  });

  /** `Twilio.CURRENT` names the room's recording in progress (or paused). */
  const recordingOf = (c: RestContext) => {
    const room = roomOf(c, c.req.param('conference') ?? '');
    const sid = resourceId(c.req.param('file') ?? '');
    if (!room) return null;
    if (sid === 'Twilio.CURRENT') return room.recording && ['in-progress', 'paused'].includes(room.recording.stored.status) ? { room, stored: room.recording.stored } : null;
    const stored = world.recordings.get(sid);
    return stored?.conferenceSid === room.sid ? { room, stored } : null;
  };

  api.get('/Conferences/:conference/Recordings/:file', (c) => {
    const found = recordingOf(c);
    return found ? c.json(conferenceRecordingJson(found.stored)) : restError(c, notFound(c.req.path));
  });

  api.post('/Conferences/:conference/Recordings/:file', (c) => {
    const found = recordingOf(c);
    if (!found) return restError(c, notFound(c.req.path));
    const parsed = parseForm(updateRecording, c.get('form'));
    if (!parsed.ok) return restError(c, parsed.error);
    const recording = found.room.recording;
    if (recording && recording.stored === found.stored) {
      if (parsed.value.Status === 'paused') recording.pause(parsed.value.PauseBehavior ?? 'silence');
      else if (parsed.value.Status === 'in-progress') recording.resume();
      else if (parsed.value.Status === 'stopped') recording.finish();
    }
    return c.json(conferenceRecordingJson(found.stored));
  });

  api.delete('/Conferences/:conference/Recordings/:file', (c) => {
    const found = recordingOf(c);
    if (!found) return restError(c, notFound(c.req.path));
    world.recordings.delete(found.stored.sid);
    return c.body(null, 204);
  });
}
