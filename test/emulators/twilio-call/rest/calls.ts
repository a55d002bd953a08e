// Calls: Create (an `outbound-api` leg), Fetch, Update (redirect with `Url`/`Twiml`, hang up with
// `Status`) — twilio-conference.md §2.4, twilio_api_v2010.json CreateCall/FetchCall/UpdateCall.

import type { Hono } from 'hono';
import { z } from 'zod';
import { hangUpLeg, redirectLeg } from '../call-control.ts';
import type { TwimlSource } from '../leg.ts';
import { outboundProgram } from '../programs.ts';
import type { World } from '../world.ts';
import { resourceId, touch } from './context.ts';
import type { RestEnv } from './context.ts';
import { CALL_NOT_IN_PROGRESS, INVALID_FROM, INVALID_TO, invalidParameter, MISSING_FROM, MISSING_TO, MISSING_URL, notFound, restError } from './errors.ts';
import { absoluteUrl, bool, httpMethod, integer, list, parseEndpoint, parseForm } from './forms.ts';
import { callJson, page } from './json.ts';

/** Twilio's default ring time for REST calls, in seconds. */
const DEFAULT_TIMEOUT = 60;

const createCall = z.object({
  To: z.string(),
  From: z.string(),
  Url: absoluteUrl.optional(),
  Method: httpMethod.optional(),
  Twiml: z.string().optional(),
  StatusCallback: absoluteUrl.optional(),
  StatusCallbackMethod: httpMethod.optional(),
  StatusCallbackEvent: list(z.enum(['initiated', 'ringing', 'answered', 'completed'])).optional(),
  Timeout: integer(1, 600).optional(),
  Record: bool.optional(),
  RecordingChannels: z.enum(['mono', 'dual']).optional(),
  RecordingStatusCallback: absoluteUrl.optional(),
  RecordingStatusCallbackMethod: httpMethod.optional(),
  RecordingStatusCallbackEvent: list(z.enum(['in-progress', 'completed', 'absent'])).optional(),
});

const updateCall = z.object({
  Url: absoluteUrl.optional(),
  Method: httpMethod.optional(),
  Twiml: z.string().optional(),
  Status: z.enum(['canceled', 'completed']).optional(),
  StatusCallback: absoluteUrl.optional(),
  StatusCallbackMethod: httpMethod.optional(),
  FallbackUrl: absoluteUrl.optional(),
  FallbackMethod: httpMethod.optional(),
  TimeLimit: integer(1, 14_400).optional(),
});

export function callRoutes(api: Hono<RestEnv>, world: World): void {
  api.post('/Calls.json', (c) => {
    const form = c.get('form');
    if (!form.To) return restError(c, MISSING_TO);
    if (!form.From) return restError(c, MISSING_FROM);
    const parsed = parseForm(createCall, form);
    if (!parsed.ok) return restError(c, parsed.error);
    const body = parsed.value;
    const to = parseEndpoint(body.To);
    if (!to) return restError(c, INVALID_TO);
    const from = parseEndpoint(body.From);
    // Calling a number needs a number (a Twilio number or a verified caller ID) as From.
    if (!from || (!to.address.startsWith('client:') && from.address.startsWith('client:'))) return restError(c, INVALID_FROM);
    if (body.Url === undefined && body.Twiml === undefined) return restError(c, MISSING_URL);
    const leg = world.addLeg({
      direction: 'outbound-api',
      from: from.address,
      to: to.address,
      statusCallback: body.StatusCallback ? { url: body.StatusCallback, method: body.StatusCallbackMethod ?? 'POST', events: body.StatusCallbackEvent ?? ['completed'] } : null,
      group: world.newGroup({}, {}),
      customParameters: to.parameters,
    });
    if (body.Record) leg.recording = { url: body.RecordingStatusCallback ?? null, method: body.RecordingStatusCallbackMethod ?? 'POST', events: body.RecordingStatusCallbackEvent ?? ['completed'], channels: body.RecordingChannels === 'dual' ? 2 : 1 };
    const source: TwimlSource = body.Twiml !== undefined ? { twiml: body.Twiml, url: world.publicUrl } : { url: body.Url!, method: body.Method ?? 'POST', extra: {} };
    world.soon(() => world.scheduler.spawn(() => outboundProgram(leg, source, body.Timeout ?? DEFAULT_TIMEOUT)));
    touch(c, leg);
    return c.json(callJson(leg), 201);
  });

  /** ListCall with the filters a server uses to find legs: To, From, ParentCallSid, Status (newest first). */
  api.get('/Calls.json', (c) => {
    const query = c.req.query();
    const matches = (value: string, filter: string | undefined) => filter === undefined || value === filter;
    const legs = [...world.legs.values()].reverse().filter((leg) =>
      matches(leg.to, query.To) && matches(leg.from, query.From) && matches(leg.parent?.sid ?? '', query.ParentCallSid) && matches(callJson(leg).status, query.Status));
    return c.json(page('calls', legs.map(callJson), `/2010-04-01/Accounts/${world.accountSid}/Calls.json`, query));
  });

  api.get('/Calls/:file', (c) => {
    const leg = world.legs.get(resourceId(c.req.param('file')));
    if (!leg) return restError(c, notFound(c.req.path));
    touch(c, leg);
    return c.json(callJson(leg));
  });

  api.post('/Calls/:file', (c) => {
    const leg = world.legs.get(resourceId(c.req.param('file')));
    if (!leg) return restError(c, notFound(c.req.path));
    touch(c, leg);
    const parsed = parseForm(updateCall, c.get('form'));
    if (!parsed.ok) return restError(c, parsed.error);
    const body = parsed.value;
    if (body.Url !== undefined && body.Twiml !== undefined) return restError(c, invalidParameter('Url and Twiml cannot both be given'));
    if (body.Status !== undefined) {
      // `canceled` only stops a call that is not answered yet; `completed` hangs up any call.
      if (leg.ended || (body.Status === 'canceled' && leg.answered)) return c.json(callJson(leg));
      hangUpLeg(leg, leg.answered ? 'completed' : 'canceled');
      return c.json({ ...callJson(leg), status: leg.answered ? 'completed' : 'canceled' });
    }
    if (body.Url !== undefined || body.Twiml !== undefined) {
      if (leg.ended) return restError(c, CALL_NOT_IN_PROGRESS);
      redirectLeg(leg, body.Twiml !== undefined ? { twiml: body.Twiml, url: world.publicUrl } : { url: body.Url!, method: body.Method ?? 'POST', extra: {} });
    }
    return c.json(callJson(leg));
  });
}
