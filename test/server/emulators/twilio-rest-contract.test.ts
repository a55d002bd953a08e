import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestServer } from '../../emulators/twilio-call/index.ts';
import { startPrismProxy } from '../../emulators/twilio-rest/prism.ts';
import { ACCOUNT_SID, AUTH_TOKEN, twiml } from './tiny-twiml-server.ts';
import { CUSTOMER, NUMBER, setUpWorld } from './twilio-world.ts';

/**
 * The emulated REST API checked against Twilio's OpenAPI description: the twilio library talks to it
 * through Stoplight Prism in proxy mode, which validates every request and every response against
 * twilio_api_v2010.json and reports what breaks it in the `sl-violations` header.
 */

interface Violation {
  readonly location: readonly string[];
  readonly code: string;
  readonly message: string;
}

/**
 * Where Twilio's answers and its own spec disagree, the emulator follows Twilio, and Prism says so:
 * - list envelopes give `uri`/`first_page_uri`/… as paths (so do the spec's own examples), not absolute URIs;
 * - `reason_conference_ended` is `null` while a room runs (twilio-conference.md §2.3); the schema is not nullable;
 * - list parameters are repeated form keys (what the twilio library sends); Prism reads them as one string.
 */
const SPEC_DISAGREES = (violation: Violation) =>
  (violation.code === 'format' && /_?uri$/.test(violation.location.at(-1) ?? '')) ||
  (violation.location.at(-1) === 'reason_conference_ended' && ['type', 'enum'].includes(violation.code)) ||
  (violation.location[0] === 'request' && violation.location.at(-1) === 'StatusCallbackEvent' && violation.code === 'type');

class ViolationRecorder extends twilio.RequestClient {
  readonly base: string;
  readonly seen: { method: string; path: string; status: number; violations: Violation[] }[] = [];

  constructor(base: string) {
    super();
    this.base = base;
  }

  override async request<T>(options: RequestClient.RequestOptions<T>) {
    const response = await super.request<T>({ ...options, uri: options.uri.replace('https://api.twilio.com', this.base) });
    const header = (response.headers as Record<string, unknown>)['sl-violations'];
    this.seen.push({
      method: options.method.toUpperCase(),
      path: new URL(options.uri).pathname.replace(/^\/2010-04-01\/Accounts\/AC\w+/, ''),
      status: response.statusCode,
      violations: typeof header === 'string' ? (JSON.parse(header) as Violation[]) : [],
    });
    return response;
  }
}

const world = setUpWorld({
  '/voice': twiml('<Dial><Conference participantLabel="customer" startConferenceOnEnter="false" endConferenceOnExit="true" record="record-from-start">room-1</Conference></Dial>'),
  '/outbound': twiml('<Pause length="60"/>'),
  '/dial': twiml('<Dial record="record-from-answer-dual"><Number>+81355550000</Number></Dial>'),
});
let rest: RestServer;
let prism: Awaited<ReturnType<typeof startPrismProxy>>;

beforeAll(async () => {
  rest = await world.twilio.listenRest();
  prism = await startPrismProxy(rest.url);
}, 90_000);
afterAll(async () => {
  await prism?.stop();
  await rest?.close();
});

describe('the emulated REST API against twilio_api_v2010.json', () => {
  it('answers every call of a transfer with the shapes the spec describes', async () => {
    const recorder = new ViolationRecorder(prism.url);
    const client = twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient: recorder, env: {} });
    const { twilio: emulator } = world;
    emulator.device('sato').answerAfter(1);
    emulator.phone('+81312345678').answerAfter(2);
    const customer = emulator.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    await emulator.settle();

    const [room] = await client.conferences.list({ friendlyName: 'room-1' });
    await client.conferences(room!.sid).fetch();
    const rep = await client.conferences(room!.sid).participants.create({
      from: NUMBER, to: 'client:sato', label: 'rep:sato', earlyMedia: true, endConferenceOnExit: false,
      statusCallback: 'https://yobidashi.example.jp/leg-events', statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    await emulator.advance(2);
    await client.conferences(room!.sid).participants('customer').update({ hold: true, holdUrl: 'https://yobidashi.example.jp/hold', holdMethod: 'GET' });
    await client.conferences(room!.sid).participants.list();
    await client.conferences(room!.sid).participants(rep.callSid).fetch();
    await client.conferences(room!.sid).participants('customer').update({ hold: false });
    const [recording] = await client.conferences(room!.sid).recordings.list();
    await client.conferences(room!.sid).recordings('Twilio.CURRENT').update({ status: 'paused', pauseBehavior: 'skip' });
    await client.recordings(recording!.sid).fetch();

    const call = await client.calls.create({ to: '+81312345678', from: NUMBER, url: 'https://yobidashi.example.jp/outbound', statusCallback: 'https://yobidashi.example.jp/leg-events', statusCallbackEvent: ['initiated', 'completed'] });
    await emulator.advance(3);
    await client.calls(call.sid).fetch();
    await client.calls(call.sid).update({ twiml: '<Response><Hangup/></Response>' });
    await client.calls(customer.sid).fetch();
    await client.calls.list({ status: 'in-progress' });

    await client.conferences(room!.sid).participants('rep:sato').remove();
    await client.conferences(room!.sid).update({ status: 'completed' });
    await emulator.settle();
    await client.conferences(room!.sid).fetch();

    expect(recorder.seen.map(({ method, path, status }) => `${method} ${path} ${status}`)).toMatchInlineSnapshot(`
      [
        "GET /Conferences.json 200",
        "GET /Conferences/CF239126bd675bd1223f5db9e0278cdcb2.json 200",
        "POST /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants.json 201",
        "POST /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants/customer.json 200",
        "GET /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants.json 200",
        "GET /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants/CA7d3888ca113f27166505c581c461310c.json 200",
        "POST /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants/customer.json 200",
        "GET /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Recordings.json 200",
        "POST /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Recordings/Twilio.CURRENT.json 200",
        "GET /Recordings/RE492e3b0b30dd17410af055936d68e763.json 200",
        "POST /Calls.json 201",
        "GET /Calls/CA97234e9dcc76919a4b7c97843499aafe.json 200",
        "POST /Calls/CA97234e9dcc76919a4b7c97843499aafe.json 200",
        "GET /Calls/CAf7e79d2b47f666309ce301f0b8829f5c.json 200",
        "GET /Calls.json 200",
        "DELETE /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants/rep:sato.json 204",
        "POST /Conferences/CF239126bd675bd1223f5db9e0278cdcb2.json 200",
        "GET /Conferences/CF239126bd675bd1223f5db9e0278cdcb2.json 200",
      ]
    `);
    const violations = recorder.seen.flatMap((exchange) => exchange.violations.filter((violation) => !SPEC_DISAGREES(violation)).map((violation) => `${exchange.method} ${exchange.path}: ${violation.message}`));
    expect(violations).toEqual([]);
    // The quirks are really there (so the filter above is not hiding everything).
    expect(recorder.seen.flatMap((exchange) => exchange.violations).filter(SPEC_DISAGREES).length).toBeGreaterThan(0);
  });

  it('pauses and resumes a call’s <Dial record> recording with the shapes the spec describes', async () => {
    const recorder = new ViolationRecorder(prism.url);
    const client = twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient: recorder, env: {} });
    const { twilio: emulator } = world;
    emulator.phone('+81355550000').answerAfter(2).hangUpAfter(null);
    const call = emulator.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/dial' });
    await emulator.advance(5);

    await client.calls(call.sid).recordings('Twilio.CURRENT').update({ status: 'paused', pauseBehavior: 'skip' });
    await client.calls(call.sid).recordings('Twilio.CURRENT').update({ status: 'in-progress' });
    const [recording] = await client.calls(call.sid).recordings.list();
    await client.calls(call.sid).recordings(recording!.sid).fetch();
    await call.hangUp();

    expect(recorder.seen.map(({ method, path, status }) => `${method} ${path.replace(/(CA|RE)\w{32}/g, '$1…')} ${status}`)).toEqual([
      'POST /Calls/CA…/Recordings/Twilio.CURRENT.json 200',
      'POST /Calls/CA…/Recordings/Twilio.CURRENT.json 200',
      'GET /Calls/CA…/Recordings.json 200',
      'GET /Calls/CA…/Recordings/RE….json 200',
    ]);
    const violations = recorder.seen.flatMap((exchange) => exchange.violations.filter((violation) => !SPEC_DISAGREES(violation)).map((violation) => `${exchange.method} ${exchange.path}: ${violation.message}`));
    expect(violations).toEqual([]);
  });
});
