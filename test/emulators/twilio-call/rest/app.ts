// The emulated Twilio REST API (API 2010: form bodies, HTTP Basic auth with AccountSid:AuthToken or an
// API key SID:secret, Twilio's JSON and error shapes), as a Hono app. Our server reaches it through
// TWILIO_API_URL; requests it does not serve go to `fallback` (e.g. the provisioning fake) if given.

import { Hono } from 'hono';
import { matchedRoutes } from 'hono/route';
import { basicAuth } from '../../twilio-rest/twilio-http.ts';
import { describeRest } from '../describe.ts';
import type { Fetch } from '../transport.ts';
import type { RestExchange } from '../types.ts';
import type { World } from '../world.ts';
import { callRecordingRoutes } from './call-recordings.ts';
import { callRoutes } from './calls.ts';
import { conferenceRoutes } from './conferences.ts';
import type { RestEnv } from './context.ts';
import { AUTHENTICATE, restError } from './errors.ts';
import { readForm } from './forms.ts';
import { participantRoutes } from './participants.ts';
import { recordingRoutes } from './recordings.ts';
import { UNMATCHED_HEADER, unmatched } from './unmatched.ts';

const ACCOUNT_PATH = /^\/2010-04-01\/Accounts\/([^/]+)(\/.*)?$/;

export function createRestApp(world: World, options: { readonly fallback?: Fetch } = {}): Hono {
  const api = new Hono<RestEnv>();
  api.use('*', async (c, next) => {
    // Only the middleware itself matched: not a resource this emulator serves (the fallback may).
    if (!matchedRoutes(c).some((route) => route.method !== 'ALL')) return unmatched(c);
    const [, accountSid = '', rest = ''] = ACCOUNT_PATH.exec(c.req.path) ?? [];
    c.set('form', await readForm(c));
    c.set('touched', { legs: [], rooms: [] });
    const eventsBefore = new Map([...world.legs.values()].map((leg) => [leg, leg.events.length]));
    const logBefore = new Map(world.rooms.map((room) => [room, room.log.length]));
    const credentials = basicAuth(c.req.header('authorization'));
    const secret = credentials?.username === world.accountSid ? world.authToken : credentials ? world.apiKeys[credentials.username] : undefined;
    const fault = world.restFaults.find((candidate) => candidate.method === c.req.method && candidate.path.test(rest));
    if (!credentials || secret === undefined || credentials.password !== secret || accountSid !== world.accountSid) {
      c.res = restError(c, AUTHENTICATE);
    } else if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) world.restFaults.splice(world.restFaults.indexOf(fault), 1);
      c.res = restError(c, fault.error);
    } else {
      await next();
    }
    if (c.res.headers.get(UNMATCHED_HEADER)) return;
    const exchange: RestExchange = {
      at: world.scheduler.now().toISOString(),
      method: c.req.method,
      path: decodeURIComponent(rest),
      form: c.get('form'),
      status: c.res.status,
      body: (c.res.headers.get('Content-Type') ?? '').startsWith('application/json') ? await c.res.clone().json() : null,
    };
    world.restLog.push(exchange);
    const { legs, rooms } = c.get('touched');
    for (const leg of new Set(legs)) {
      leg.rest.push(exchange);
      // The request comes first in the leg's story, before what it caused.
      leg.events.splice(eventsBefore.get(leg) ?? leg.events.length, 0, { type: 'rest', exchange });
    }
    for (const room of new Set(rooms)) {
      room.rest.push(exchange);
      room.log.splice(logBefore.get(room) ?? room.log.length, 0, { at: world.scheduler.now(), event: 'REST', who: null, detail: describeRest(exchange) });
    }
  });
  const account = new Hono<RestEnv>();
  callRoutes(account, world);
  callRecordingRoutes(account, world);
  conferenceRoutes(account, world);
  participantRoutes(account, world);
  recordingRoutes(account, world);
  api.route('/2010-04-01/Accounts/:AccountSid', account);
  api.notFound((c) => unmatched(c));

  const app = new Hono();
  app.all('*', async (c) => {
    const request = c.req.raw;
    const response = await api.fetch(options.fallback ? request.clone() : request);
    if (!response.headers.get(UNMATCHED_HEADER)) return response;
    if (options.fallback) return options.fallback(request);
    const answer = new Response(response.body, response);
    answer.headers.delete(UNMATCHED_HEADER);
    return answer;
  });
  return app;
}
