import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { newNumber } from '../../emulators/twilio-rest/state.ts';
import type { RestServer } from '../../emulators/twilio-call/index.ts';
import { ACCOUNT_SID, AUTH_TOKEN, twiml } from './tiny-twiml-server.ts';
import { CUSTOMER, NUMBER, restClient, setUpWorld } from './twilio-world.ts';

const API_KEY = `SK${'a'.repeat(32)}`;

/** The twilio library, sending everything meant for api.twilio.com to `base` (what TWILIO_API_URL does). */
function twilioLibrary(base: string, username = ACCOUNT_SID, password = AUTH_TOKEN) {
  class Rebased extends twilio.RequestClient {
    override request<T>(options: RequestClient.RequestOptions<T>) {
      return super.request<T>({ ...options, uri: options.uri.replace('https://api.twilio.com', base) });
    }
  }
  return twilio(username, password, { accountSid: ACCOUNT_SID, httpClient: new Rebased(), env: {} });
}

let servers: RestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

describe('authentication', () => {
  it.each([
    ['no credentials', ''],
    ['a wrong Auth Token', `${ACCOUNT_SID}:wrong`],
    ['an unknown API key', `${API_KEY}:secret`],
  ])('refuses %s with Twilio’s 401 body', async (_, credentials) => {
    const { twilio: emulator } = setUpWorld({});
    const answer = await restClient(emulator, credentials)('GET', '/Conferences.json');
    expect(answer).toEqual({ status: 401, body: { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 } });
    expect(emulator.restRequests).toMatchObject([{ method: 'GET', path: '/Conferences.json', status: 401 }]);
  });

  it('refuses another account’s path even with valid credentials', async () => {
    const { twilio: emulator } = setUpWorld({});
    expect((await restClient(emulator, undefined, `AC${'f'.repeat(32)}`)('GET', '/Conferences.json')).status).toBe(401);
  });

  it('accepts an API key SID and secret', async () => {
    const { twilio: emulator } = setUpWorld({}, { apiKeys: { [API_KEY]: 'key-secret' } });
    expect((await restClient(emulator, `${API_KEY}:key-secret`)('GET', '/Conferences.json')).status).toBe(200);
  });
});

describe('Twilio’s errors', () => {
  it.each([
    ['an unknown call', 'GET', `/Calls/CA${'0'.repeat(32)}.json`, {}, 404, 20404],
    ['a Participants path with a room name (only Create takes names)', 'GET', '/Conferences/room-1/Participants/customer.json', {}, 404, 20404],
    ['a participant without To', 'POST', '/Conferences/room-1/Participants.json', { From: NUMBER }, 400, 21201],
    ['a participant to a number from a client', 'POST', '/Conferences/room-1/Participants.json', { From: 'client:sato', To: '+81312345678' }, 400, 21212],
    ['a malformed To', 'POST', '/Calls.json', { From: NUMBER, To: '03-1234-5678', Url: 'https://yobidashi.example.jp/x' }, 400, 21211],
    ['a boolean that is not true/false', 'POST', '/Conferences/room-1/Participants.json', { From: NUMBER, To: 'client:sato', EndConferenceOnExit: 'yes' }, 400, 20001],
  ])('answers %s with the Twilio error shape', async (_, method, path, form, status, code) => {
    const { twilio: emulator, rest } = setUpWorld({});
    const answer = await rest(method as 'GET' | 'POST', path, form);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ code, message: expect.any(String), more_info: `https://www.twilio.com/docs/errors/${code}`, status });
    expect(emulator.legs()).toEqual([]);
  });
});

describe('the twilio library against the emulated API', () => {
  it('creates, updates by label, lists and kicks participants, and sees Twilio errors as RestException', async () => {
    const { twilio: emulator } = setUpWorld({ '/voice': twiml('<Dial><Conference participantLabel="customer" startConferenceOnEnter="false">room-1</Conference></Dial>') });
    const server = await emulator.listenRest();
    servers.push(server);
    const client = twilioLibrary(server.url);
    emulator.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    emulator.device('sato').answerAfter(2);
    await emulator.settle();

    const [room] = await client.conferences.list({ friendlyName: 'room-1', status: 'init' });
    expect(room).toMatchObject({ friendlyName: 'room-1', status: 'init' });
    const participant = await client.conferences(room!.sid).participants.create({
      from: NUMBER,
      to: 'client:sato?crmId=42',
      label: 'rep:sato',
      statusCallback: 'https://yobidashi.example.jp/leg-events',
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      earlyMedia: true,
    });
    expect(emulator.restRequests.at(-1)?.form).toMatchObject({ StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'], EarlyMedia: 'true' });
    await emulator.advance(3);
    expect(emulator.conference('room-1').status).toBe('in-progress');

    const held = await client.conferences(room!.sid).participants('customer').update({ hold: true, holdUrl: 'https://yobidashi.example.jp/hold' });
    expect(held).toMatchObject({ hold: true, label: 'customer' });
    const listed = await client.conferences(room!.sid).participants.list();
    expect(listed.map((entry) => entry.label)).toEqual(['customer', 'rep:sato']);
    await client.conferences(room!.sid).participants('rep:sato').remove();
    await emulator.settle();
    expect(emulator.leg(participant.callSid).status).toBe('completed');

    const failure = await client.conferences(room!.sid).participants('rep:sato').remove().catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 404, code: 20404 });
  });

  it('pages through long lists with next_page_uri', async () => {
    const { twilio: emulator, rest } = setUpWorld({});
    for (let n = 0; n < 5; n++) await rest('POST', `/Conferences/room-${n}/Participants.json`, { From: NUMBER, To: 'client:sato' });
    const server = await emulator.listenRest();
    servers.push(server);
    const rooms = await twilioLibrary(server.url).conferences.list({ pageSize: 2 });
    expect(rooms.map((room) => room.friendlyName)).toEqual(['room-4', 'room-3', 'room-2', 'room-1', 'room-0']);
  });

  it('hands what it does not serve to the provisioning fake, mounted behind it', async () => {
    const provisioning = createFakeTwilioRest();
    const account = provisioning.addAccount({ sid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    const number = newNumber(NUMBER);
    account.numbers.set(number.sid, number);
    const { twilio: emulator } = setUpWorld({});
    const server = await emulator.listenRest({ fallback: (request) => provisioning.app.fetch(request) });
    servers.push(server);
    const client = twilioLibrary(server.url);
    expect((await client.incomingPhoneNumbers.list()).map((number) => number.phoneNumber)).toEqual([NUMBER]);
    expect(await client.conferences.list()).toEqual([]);
  });
});
