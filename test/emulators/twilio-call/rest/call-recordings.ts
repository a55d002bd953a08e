// A call's recordings (twilio_api_v2010.json: ListCallRecording, FetchCallRecording, UpdateCallRecording
// at `…/Calls/{CallSid}/Recordings/{Sid}.json`): what pauses and resumes the `<Dial record>` of a call
// that stayed a plain bridge. `Twilio.CURRENT` names the call's recording under way (in progress or
// paused); with none, 404 (Twilio's "resource not found", 20404).

import type { Hono } from 'hono';
import { z } from 'zod';
import type { Leg } from '../leg.ts';
import type { StoredRecording } from '../recordings.ts';
import type { World } from '../world.ts';
import { resourceId, touch } from './context.ts';
import type { RestContext, RestEnv } from './context.ts';
import { notFound, restError } from './errors.ts';
import { parseForm } from './forms.ts';
import { callRecordingJson, page } from './json.ts';

/** Only the statuses UpdateCallRecording "changes the recording to" [oai]; the others Twilio reaches on its own. */
const updateRecording = z.object({
  Status: z.enum(['in-progress', 'paused', 'stopped']),
  PauseBehavior: z.enum(['skip', 'silence']).optional(),
});

const isCurrent = (recording: StoredRecording) => recording.status === 'in-progress' || recording.status === 'paused';

export function callRecordingRoutes(api: Hono<RestEnv>, world: World): void {
  const legOf = (c: RestContext): Leg | undefined => {
    const leg = world.legs.get(c.req.param('call') ?? '');
    if (leg) touch(c, leg);
    return leg;
  };
  const recordingsOf = (leg: Leg) => [...world.recordings.values()].filter((recording) => recording.callSid === leg.sid && recording.conferenceSid === null);

  const recordingOf = (c: RestContext): StoredRecording | null => {
    const leg = legOf(c);
    if (!leg) return null;
    const sid = resourceId(c.req.param('file') ?? '');
    const mine = recordingsOf(leg);
    return (sid === 'Twilio.CURRENT' ? mine.find((recording) => recording.control && isCurrent(recording)) : mine.find((recording) => recording.sid === sid)) ?? null;
  };

  api.get('/Calls/:call/Recordings.json', (c) => {
    const leg = legOf(c);
    if (!leg) return restError(c, notFound(c.req.path));
    return c.json(page('recordings', recordingsOf(leg).map(callRecordingJson), `/2010-04-01/Accounts/${world.accountSid}/Calls/${leg.sid}/Recordings.json`, c.req.query()));
  });

  api.get('/Calls/:call/Recordings/:file', (c) => {
    const recording = recordingOf(c);
    return recording ? c.json(callRecordingJson(recording)) : restError(c, notFound(c.req.path));
  });

  api.post('/Calls/:call/Recordings/:file', (c) => {
    const recording = recordingOf(c);
    if (!recording) return restError(c, notFound(c.req.path));
    const parsed = parseForm(updateRecording, c.get('form'));
    if (!parsed.ok) return restError(c, parsed.error);
    const control = recording.control;
    if (control) {
      if (parsed.value.Status === 'paused') control.pause(parsed.value.PauseBehavior ?? 'silence');
      else if (parsed.value.Status === 'in-progress') control.resume();
      else control.stop();
    }
    return c.json(callRecordingJson(recording));
  });
}
