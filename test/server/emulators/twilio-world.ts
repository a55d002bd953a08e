// The emulator's own scenario tests: a tiny TwiML server (not our real one), the emulator pointed at
// it, and a REST helper that calls the emulated API the way our server's twilio library does.

import { createTwilioEmulator } from '../../emulators/twilio-call/index.ts';
import type { TwilioEmulator, TwilioEmulatorOptions } from '../../emulators/twilio-call/index.ts';
import { ACCOUNT_SID, AUTH_TOKEN, createTinyTwimlServer, PUBLIC_URL, twiml } from './tiny-twiml-server.ts';

export const CUSTOMER = '+819012345678';
export const NUMBER = '+815012345678';
export const START = new Date('2026-11-24T00:00:00Z');

export type Form = Record<string, string | readonly string[]>;

export interface RestAnswer {
  readonly status: number;
  readonly body: any;
}

export function restClient(twilio: TwilioEmulator, credentials = `${ACCOUNT_SID}:${AUTH_TOKEN}`, account = ACCOUNT_SID) {
  return async (method: 'GET' | 'POST' | 'DELETE', path: string, form: Form = {}): Promise<RestAnswer> => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) for (const item of [value].flat()) body.append(key, item);
    const response = await twilio.rest.fetch(
      new Request(`https://api.twilio.com/2010-04-01/Accounts/${account}${path}`, {
        method,
        headers: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
        ...(method === 'POST' ? { body: body.toString() } : {}),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  };
}

export function setUpWorld(routes: Parameters<typeof createTinyTwimlServer>[0], options: Partial<TwilioEmulatorOptions> = {}) {
  const server = createTinyTwimlServer(routes);
  const twilio = createTwilioEmulator({
    fetch: server.fetch,
    publicUrl: PUBLIC_URL,
    authToken: AUTH_TOKEN,
    accountSid: ACCOUNT_SID,
    startTime: START,
    statusCallback: null,
    ...options,
  });
  return { server, twilio, rest: restClient(twilio) };
}

/** `/conf-events` requests as `event who` lines, in the order the server received them. */
export function conferenceEvents(server: ReturnType<typeof createTinyTwimlServer>, path = '/conf-events'): string[] {
  return server.received
    .filter((request) => request.path === path)
    .map((request) => [request.params.SequenceNumber, request.params.StatusCallbackEvent, request.params.ParticipantLabel ?? request.params.CallSid?.slice(0, 8) ?? '', request.params.ReasonParticipantLeft ?? request.params.ReasonConferenceEnded ?? '']
      .filter((part) => part !== '' && part !== undefined).join(' '));
}

export const url = (path: string) => PUBLIC_URL + path;

const CUSTOMER_EVENTS = 'start end join leave mute hold modify';
const customerTwiml = (attributes = '') =>
  twiml(`<Dial action="/conf-done"><Conference startConferenceOnEnter="false" endConferenceOnExit="true" beep="false" participantLabel="customer" statusCallback="/conf-events" statusCallbackEvent="${CUSTOMER_EVENTS}" ${attributes}>room-1</Conference></Dial>`);

/** A customer waiting in `room-1`, and reps added by the REST API (pattern A, twilio-conference.md §3.1). */
export async function customerInRoom(routes: Parameters<typeof setUpWorld>[0] = {}) {
  const world = setUpWorld({
    '/voice': customerTwiml(),
    '/rep': twiml('<Dial><Conference participantLabel="rep">room-1</Conference></Dial>'),
    '/conf-done': twiml('<Say>Thank you.</Say><Hangup/>'),
    ...routes,
  });
  const customer = world.twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
  await world.twilio.settle();
  const room = world.twilio.conference('room-1');
  const add = (identity: string, form: Record<string, string> = {}) =>
    world.rest('POST', `/Conferences/${room.sid}/Participants.json`, { From: NUMBER, To: `client:${identity}`, Label: `rep:${identity}`, ...form });
  const participant = (label: string) => `/Conferences/${room.sid}/Participants/${encodeURIComponent(label)}.json`;
  return { ...world, customer, room, add, participant };
}
