import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import type { Context } from 'hono';
import {
  newAccount, newApplication, rfc2822, sid,
  type FakeAccountData, type FakeApplication, type FakeCallerId, type FakeKey, type FakeNumber, type FakeRecording,
} from './state.ts';
import { basicAuth, twilioErrorBody } from './twilio-http.ts';

/**
 * A small stateful fake of the Twilio 2010-04-01 REST API: only the endpoints provisioning uses, with
 * Twilio's JSON shapes and error bodies (reference: shared/reference/twilio.md §6; shapes from the
 * examples in twilio_api_v2010.json). The request contract itself is checked against the OpenAPI spec
 * with Prism (test/server/twilio/provisioning-contract.test.ts); this fake is for flows that need state.
 */
export type RecordedRequest = { method: string; path: string; form: Record<string, string> };

/** The next request matching `method` and `path` gets this Twilio error instead of its answer (once). */
export type FakeFault = { method: string; path: RegExp; status: 401 | 404 | 429 | 500 | 503; code: number; message: string };

/**
 * The next request matching `method` and `path` gets a 200 with `body` as JSON instead of its answer
 * (once): valid JSON of the wrong shape (`{}`, a web page in a string), as a proxy or a changed API
 * might answer in Twilio's place.
 */
export type FakeWrongShape = { method: string; path: RegExp; body: unknown };

type Env = { Variables: { data: FakeAccountData; form: Record<string, string> } };

const V = '/2010-04-01/Accounts';

// Not in the reference: the exact status Twilio uses for an inactive account is an assumption [inferred].
const ACCOUNT_NOT_ACTIVE = { status: 401, code: 20005, message: 'Account not active' } as const;

export function createFakeTwilioRest() {
  const accounts = new Map<string, FakeAccountData>();
  const requests: RecordedRequest[] = [];
  const faults: FakeFault[] = [];
  const wrongShapes: FakeWrongShape[] = [];
  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    const form = c.req.method === 'POST' ? formOf(await c.req.parseBody()) : {};
    requests.push({ method: c.req.method, path: c.req.path, form });
    const fault = faults.findIndex((candidate) => candidate.method === c.req.method && candidate.path.test(c.req.path));
    if (fault >= 0) {
      const [{ status, code, message }] = faults.splice(fault, 1) as [FakeFault];
      return twilioError(c, status, code, message);
    }
    const wrongShape = wrongShapes.findIndex((candidate) => candidate.method === c.req.method && candidate.path.test(c.req.path));
    if (wrongShape >= 0) {
      const [{ body }] = wrongShapes.splice(wrongShape, 1) as [FakeWrongShape];
      return c.body(JSON.stringify(body), 200, { 'content-type': 'application/json' });
    }
    const credentials = basicAuth(c.req.header('authorization'));
    const accountSid = c.req.path.match(/^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})/)?.[1];
    const data = accountSid ? accounts.get(accountSid) : undefined;
    if (!credentials || !data || !authenticates(data, credentials)) return twilioError(c, 401, 20003, 'Authenticate');
    const fetchesItself = c.req.method === 'GET' && c.req.path === `${V}/${data.account.sid}.json`;
    if (data.account.status !== 'active' && !fetchesItself) {
      return twilioError(c, ACCOUNT_NOT_ACTIVE.status, ACCOUNT_NOT_ACTIVE.code, ACCOUNT_NOT_ACTIVE.message);
    }
    c.set('data', data);
    c.set('form', form);
    await next();
  });

  app.get(`${V}/:file`, (c) => {
    const { account } = c.get('data');
    if (c.req.param('file') !== `${account.sid}.json`) return notFound(c);
    return c.json({
      // The primary token, whichever one authenticated the request.
      auth_token: account.authToken,
      date_created: account.date_created,
      date_updated: account.date_updated,
      friendly_name: account.friendly_name,
      owner_account_sid: account.sid,
      sid: account.sid,
      status: account.status,
      subresource_uris: {},
      type: account.type,
      uri: `${V}/${account.sid}.json`,
    });
  });

  // API keys (CreateNewKey / FetchKey / DeleteKey)
  app.post(`${V}/:accountSid/Keys.json`, (c) => {
    const now = rfc2822();
    const key: FakeKey = { sid: sid('SK'), friendly_name: formField(c, 'FriendlyName') ?? '', secret: sid(''), date_created: now, date_updated: now };
    c.get('data').keys.set(key.sid, key);
    return c.json({ sid: key.sid, friendly_name: key.friendly_name, date_created: now, date_updated: now, secret: key.secret }, 201);
  });
  app.get(`${V}/:accountSid/Keys/:file`, (c) => {
    const key = c.get('data').keys.get(stripJson(c.req.param('file')));
    if (!key) return notFound(c);
    return c.json({ sid: key.sid, friendly_name: key.friendly_name, date_created: key.date_created, date_updated: key.date_updated });
  });
  app.delete(`${V}/:accountSid/Keys/:file`, (c) => {
    return c.get('data').keys.delete(stripJson(c.req.param('file'))) ? c.body(null, 204) : notFound(c);
  });

  // TwiML Applications (CreateApplication / ListApplication with paging and the exact FriendlyName filter /
  // FetchApplication / UpdateApplication / DeleteApplication)
  app.get(`${V}/:accountSid/Applications.json`, (c) => {
    const data = c.get('data');
    const wanted = c.req.query('FriendlyName');
    const applications = [...data.applications.values()].filter((a) => wanted === undefined || a.friendly_name === wanted);
    return c.json(listPage(c, 'Applications', 'applications', applications.map((a) => applicationJson(data, a))));
  });
  app.post(`${V}/:accountSid/Applications.json`, (c) => {
    const application = newApplication();
    applyApplicationForm(application, c.get('form'));
    c.get('data').applications.set(application.sid, application);
    return c.json(applicationJson(c.get('data'), application), 201);
  });
  app.get(`${V}/:accountSid/Applications/:file`, (c) => {
    const application = c.get('data').applications.get(stripJson(c.req.param('file')));
    return application ? c.json(applicationJson(c.get('data'), application)) : notFound(c);
  });
  app.post(`${V}/:accountSid/Applications/:file`, (c) => {
    const application = c.get('data').applications.get(stripJson(c.req.param('file')));
    if (!application) return notFound(c);
    applyApplicationForm(application, c.get('form'));
    return c.json(applicationJson(c.get('data'), application));
  });
  app.delete(`${V}/:accountSid/Applications/:file`, (c) => {
    return c.get('data').applications.delete(stripJson(c.req.param('file'))) ? c.body(null, 204) : notFound(c);
  });

  // Incoming phone numbers (ListIncomingPhoneNumber with paging and the partial PhoneNumber filter /
  // FetchIncomingPhoneNumber / UpdateIncomingPhoneNumber)
  app.get(`${V}/:accountSid/IncomingPhoneNumbers.json`, (c) => {
    const data = c.get('data');
    const numbers = [...data.numbers.values()].filter((n) => containsPhoneNumber(c, n.phone_number));
    return c.json(listPage(c, 'IncomingPhoneNumbers', 'incoming_phone_numbers', numbers.map((n) => numberJson(data, n))));
  });
  // Verified caller IDs (ListOutgoingCallerId with paging and the exact PhoneNumber filter / FetchOutgoingCallerId)
  app.get(`${V}/:accountSid/OutgoingCallerIds.json`, (c) => {
    const data = c.get('data');
    const callerIds = [...data.callerIds.values()].filter((id) => matchesPhoneNumber(c, id.phone_number));
    return c.json(listPage(c, 'OutgoingCallerIds', 'outgoing_caller_ids', callerIds.map((id) => callerIdJson(data, id))));
  });
  app.get(`${V}/:accountSid/OutgoingCallerIds/:file`, (c) => {
    const callerId = c.get('data').callerIds.get(stripJson(c.req.param('file')));
    return callerId ? c.json(callerIdJson(c.get('data'), callerId)) : notFound(c);
  });
  app.get(`${V}/:accountSid/IncomingPhoneNumbers/:file`, (c) => {
    const number = c.get('data').numbers.get(stripJson(c.req.param('file')));
    return number ? c.json(numberJson(c.get('data'), number)) : notFound(c);
  });
  app.post(`${V}/:accountSid/IncomingPhoneNumbers/:file`, (c) => {
    const number = c.get('data').numbers.get(stripJson(c.req.param('file')));
    if (!number) return notFound(c);
    applyNumberForm(number, c.get('form'));
    return c.json(numberJson(c.get('data'), number));
  });

  // Recordings (FetchRecording / DeleteRecording) and the media file: the same path with .mp3 or .wav
  // instead of .json (Twilio: "Fetch a Recording's media file"; no extension = wav).
  app.get(`${V}/:accountSid/Recordings/:file`, (c) => {
    const data = c.get('data');
    const [, recordingSid, extension] = /^(RE\w+?)(?:\.(json|mp3|wav))?$/.exec(c.req.param('file')) ?? [];
    const recording = recordingSid ? data.recordings.get(recordingSid) : undefined;
    if (!recording) return notFound(c);
    if (extension === 'json') return c.json(recordingJson(data, recording));
    const contentType = extension === 'mp3' ? 'audio/mpeg' : 'audio/x-wav';
    return c.body(recording.media.slice().buffer, 200, { 'content-type': contentType });
  });
  app.delete(`${V}/:accountSid/Recordings/:file`, (c) => {
    return c.get('data').recordings.delete(stripJson(c.req.param('file'))) ? c.body(null, 204) : notFound(c);
  });

  app.notFound((c) => notFound(c));

  return {
    app,
    requests,
    faults,
    wrongShapes,
    addAccount(overrides: Parameters<typeof newAccount>[0] = {}) {
      const data = newAccount(overrides);
      accounts.set(data.account.sid, data);
      return data;
    },
  };
}

export type FakeTwilioRest = ReturnType<typeof createFakeTwilioRest>;

/** Serves the fake on 127.0.0.1 at a free port: point `createTwilioClient({ apiBaseUrl: url })` at it. */
export async function startFakeTwilioRest(fake = createFakeTwilioRest()) {
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const server = serve({ fetch: fake.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server, port: info.port }));
  });
  return {
    fake,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function applyApplicationForm(application: FakeApplication, form: Record<string, string>) {
  const fields = {
    FriendlyName: 'friendly_name', VoiceUrl: 'voice_url', VoiceMethod: 'voice_method', VoiceFallbackUrl: 'voice_fallback_url',
    VoiceFallbackMethod: 'voice_fallback_method', StatusCallback: 'status_callback', StatusCallbackMethod: 'status_callback_method',
  } as const;
  for (const [param, field] of Object.entries(fields)) {
    const value = form[param];
    if (value !== undefined) application[field] = value;
  }
  application.date_updated = rfc2822();
}

function applyNumberForm(number: FakeNumber, form: Record<string, string>) {
  const fields = {
    FriendlyName: 'friendly_name', VoiceUrl: 'voice_url', VoiceMethod: 'voice_method', VoiceFallbackUrl: 'voice_fallback_url',
    VoiceFallbackMethod: 'voice_fallback_method', StatusCallback: 'status_callback', StatusCallbackMethod: 'status_callback_method',
  } as const;
  for (const [param, field] of Object.entries(fields)) {
    const value = form[param];
    if (value !== undefined) number[field] = value;
  }
  // Spec text: "Setting a voice_application_sid will automatically delete your trunk_sid and vice versa."
  const application = form.VoiceApplicationSid;
  if (application !== undefined) {
    number.voice_application_sid = application;
    if (application) number.trunk_sid = null;
  }
  const trunk = form.TrunkSid;
  if (trunk !== undefined) {
    number.trunk_sid = trunk || null;
    if (trunk) number.voice_application_sid = '';
  }
  number.date_updated = rfc2822();
}

function applicationJson({ account }: FakeAccountData, a: FakeApplication) {
  return {
    account_sid: account.sid, api_version: '2010-04-01', date_created: a.date_created, date_updated: a.date_updated,
    friendly_name: a.friendly_name, message_status_callback: null, sid: a.sid, sms_fallback_method: 'POST', sms_fallback_url: null,
    sms_method: 'POST', sms_status_callback: null, sms_url: null, status_callback: a.status_callback, status_callback_method: a.status_callback_method,
    uri: `${V}/${account.sid}/Applications/${a.sid}.json`, voice_caller_id_lookup: a.voice_caller_id_lookup,
    voice_fallback_method: a.voice_fallback_method, voice_fallback_url: a.voice_fallback_url, voice_method: a.voice_method,
    voice_url: a.voice_url, public_application_connect_enabled: true,
  };
}

function recordingJson({ account }: FakeAccountData, r: FakeRecording) {
  const uri = `${V}/${account.sid}/Recordings/${r.sid}.json`;
  return {
    account_sid: account.sid, api_version: '2010-04-01', call_sid: r.call_sid, conference_sid: null, date_created: r.date_created,
    date_updated: r.date_updated, start_time: r.start_time, duration: r.duration, sid: r.sid, price: null, price_unit: 'USD',
    status: r.status, channels: r.channels, source: r.source, error_code: null, uri, encryption_details: null,
    subresource_uris: {
      add_on_results: `${V}/${account.sid}/Recordings/${r.sid}/AddOnResults.json`,
      transcriptions: `${V}/${account.sid}/Recordings/${r.sid}/Transcriptions.json`,
    },
    media_url: `https://api.twilio.com${V}/${account.sid}/Recordings/${r.sid}`,
  };
}

function numberJson({ account }: FakeAccountData, n: FakeNumber) {
  return {
    account_sid: account.sid, address_requirements: 'none', address_sid: null, api_version: '2010-04-01', beta: false,
    capabilities: n.capabilities, date_created: n.date_created, date_updated: n.date_updated, emergency_status: 'Inactive',
    emergency_address_sid: null, emergency_address_status: 'unregistered', friendly_name: n.friendly_name, identity_sid: null,
    origin: 'twilio', phone_number: n.phone_number, sid: n.sid, sms_application_sid: '', sms_fallback_method: 'POST',
    sms_fallback_url: '', sms_method: 'POST', sms_url: '', status_callback: n.status_callback, status_callback_method: n.status_callback_method,
    trunk_sid: n.trunk_sid, uri: `${V}/${account.sid}/IncomingPhoneNumbers/${n.sid}.json`, voice_application_sid: n.voice_application_sid,
    voice_caller_id_lookup: false, voice_fallback_method: n.voice_fallback_method, voice_fallback_url: n.voice_fallback_url,
    voice_method: n.voice_method, voice_url: n.voice_url, bundle_sid: null, voice_receive_mode: 'voice', status: 'in-use', type: 'local',
  };
}

/** Twilio's list envelope: one page of `items` under `key`, with its paging URIs (PageSize ≤ 1000). */
function listPage(c: Context<Env>, resource: string, key: string, items: unknown[]) {
  const { account } = c.get('data');
  const pageSize = Math.min(Number(c.req.query('PageSize') ?? 50), 1000);
  const page = Number(c.req.query('Page') ?? 0);
  const slice = items.slice(page * pageSize, (page + 1) * pageSize);
  const base = `${V}/${account.sid}/${resource}.json`;
  const pageUri = (n: number) => `${base}?PageSize=${pageSize}&Page=${n}${n > 0 ? `&PageToken=PA${account.sid}${n}` : ''}`;
  const hasNext = (page + 1) * pageSize < items.length;
  return {
    end: page * pageSize + Math.max(slice.length - 1, 0),
    first_page_uri: pageUri(0),
    [key]: slice,
    next_page_uri: hasNext ? pageUri(page + 1) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? pageUri(page - 1) : null,
    start: page * pageSize,
    uri: pageUri(page),
  };
}

/**
 * IncomingPhoneNumbers' `PhoneNumber` query, as Twilio documents it: "You can specify partial numbers
 * and use '*' as a wildcard for any digit" (api_v2010 ListIncomingPhoneNumber): `+493012345` also
 * finds `+4930123456`.
 */
function containsPhoneNumber(c: Context<Env>, phoneNumber: string): boolean {
  const wanted = c.req.query('PhoneNumber');
  if (wanted === undefined) return true;
  const pattern = wanted.replace(/[^0-9*+]/g, '').replace(/\+/g, '\\+').replace(/\*/g, '\\d');
  return new RegExp(pattern).test(phoneNumber);
}

/** OutgoingCallerIds' `PhoneNumber` query, documented with no partial matching: the E.164 number exactly. */
function matchesPhoneNumber(c: Context<Env>, phoneNumber: string): boolean {
  const wanted = c.req.query('PhoneNumber');
  return wanted === undefined || wanted === phoneNumber;
}

function callerIdJson({ account }: FakeAccountData, id: FakeCallerId) {
  return {
    account_sid: account.sid, date_created: id.date_created, date_updated: id.date_updated, friendly_name: id.friendly_name,
    phone_number: id.phone_number, sid: id.sid, uri: `${V}/${account.sid}/OutgoingCallerIds/${id.sid}.json`,
  };
}

function authenticates({ account, keys }: FakeAccountData, { username, password }: { username: string; password: string }) {
  // REST takes the secondary Auth Token too (Console → Auth Tokens); webhooks are signed with the primary only.
  if (username === account.sid) return password === account.authToken || (account.secondaryAuthToken !== undefined && password === account.secondaryAuthToken);
  return keys.get(username)?.secret === password;
}

function formOf(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function formField(c: Context<Env>, name: string): string | undefined {
  return c.get('form')[name];
}

function stripJson(file: string) {
  return file.replace(/\.json$/, '');
}

function notFound(c: Context) {
  return twilioError(c, 404, 20404, `The requested resource ${c.req.path} was not found`);
}

function twilioError(c: Context, status: FakeFault['status'], code: number, message: string) {
  return c.json(twilioErrorBody(status, code, message), status);
}
