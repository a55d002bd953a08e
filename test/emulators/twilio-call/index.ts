// A Twilio voice emulator for scenario tests: a world in virtual time where calls ring reps' browsers
// and phones, run the TwiML our server returns (signed, form-encoded webhooks), meet in conference
// rooms, and are steered by our server through an emulated REST API. It knows nothing of the server's
// code: it only speaks HTTP (`fetch` for webhooks, a Hono app for REST).
//
// Two ways to use it: the scripted calls (`incomingCall({ script })` runs one call to its end and
// returns its transcript), and the live world (`startIncomingCall`, `device('sato').answerAfter(3)`,
// `advance(10)`, `leg(sid).hearing()`, `conference(name)`).

import type { Hono } from 'hono';
import { callerNumber, clientCallParams, inboundCallParams } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import { deliverCallbacks } from './courier.ts';
import type { DeliveryOptions } from './courier.ts';
import { endpointHandle } from './endpoints.ts';
import type { Endpoint, EndpointHandle } from './endpoints.ts';
import type { Leg } from './leg.ts';
import { inboundProgram } from './programs.ts';
import { createRestApp } from './rest/app.ts';
import { serveOnLoopback } from './rest/serve.ts';
import type { RestServer } from './rest/serve.ts';
import type { RestFault } from './rest/errors.ts';
import { PRIORITY } from './scheduler.ts';
import { transcriptOf } from './transcript.ts';
import { sendWebhook } from './transport.ts';
import type { Fetch } from './transport.ts';
import type {
  CallbackDelivery, CallScript, CallTranscript, CommonCallOptions, HttpExchange, IncomingCallOptions,
  OutgoingClientCallOptions, PendingCallback, RecordInput, RequestOptions, RestExchange,
} from './types.ts';
import { callHandle, conferenceView } from './views.ts';
import type { CallHandle, ConferenceView } from './views.ts';
import { World } from './world.ts';

export { describeCall, describeCallbacks, describeRest } from './describe.ts';
export { MAX_DOCUMENTS_PER_CALL } from './twiml-runner.ts';
export { WITHHELD_CALLER_IDS } from './call-parameters.ts';
export { HANG_UP } from './types.ts';
export { DEFAULT_DECLINE_SECONDS } from './endpoints.ts';
export { DEFAULT_HOLD_AUDIO, TWILIO_HOLD_MUSIC } from './media-player.ts';
export { DIAL_STATUS_WHEN_CHILD_IS_REDIRECTED } from './run-dial.ts';
export { FULL_ROOM_DIAL_STATUS, REASON_WHEN_REDIRECTED } from './run-conference.ts';
export { REASON_WHEN_KICKED } from './call-control.ts';
export { CANCEL_RINGING_PARTICIPANTS_WHEN_ROOM_ENDS, REPORT_FAILED_PARTICIPANT_ADD } from './conference.ts';
export { DEFAULT_CONFERENCE_EVENTS } from './conference-callbacks.ts';
export { DELETE_OF_GONE_PARTICIPANT_STATUS, PARTICIPANT_CREATES_PER_SECOND } from './rest/participants.ts';
export { DUPLICATE_LABEL } from './rest/errors.ts';
export { MAX_CALL_SECONDS } from './world.ts';
export { mp3Bytes, wavBytes } from './recordings.ts';
export type * from './types.ts';
export type { Fetch } from './transport.ts';
export type { CallHandle, ConferenceView, ParticipantView } from './views.ts';
export type { EndpointHandle, Invite } from './endpoints.ts';
export type { StoredRecording } from './recordings.ts';
export type { RestServer } from './rest/serve.ts';
export type { RestError, RestFault } from './rest/errors.ts';

/** Legacy scripted calls start this long after the previous one ended. */
const GAP_BETWEEN_SCRIPTED_CALLS_SECONDS = 60;

export interface TwilioEmulatorOptions {
  /** `(request) => app.request(request)` for a Hono app, or the global `fetch` for a running server. */
  readonly fetch: Fetch;
  /** The server's public base URL, as configured in Twilio: `https://yobidashi.example.jp`. */
  readonly publicUrl: string;
  readonly authToken: string;
  readonly accountSid: string;
  /** The TwiML App's SID, sent as `ApplicationSid` on Voice SDK calls. */
  readonly applicationSid?: string;
  /** The numbers' (and the TwiML App's) StatusCallback. Default `/twilio/status`; `null` for none. */
  readonly statusCallback?: string | null;
  readonly callbacks?: CallbackDelivery;
  /** Seeds the SIDs, so transcripts are reproducible. Default 1. */
  readonly seed?: number;
  /** When virtual time starts. Default: now. */
  readonly startTime?: Date;
  /** Called whenever virtual time moves: keep the server's test clock in step (`clock.set`). */
  readonly onTimeAdvance?: (now: Date) => void;
  /** API keys the REST API accepts besides AccountSid:AuthToken (`{ 'SK…': secret }`). */
  readonly apiKeys?: Readonly<Record<string, string>>;
}

/** A call started live: the caller's keys and recording as in a script, and hang-up after some seconds. */
export interface LiveIncomingCallOptions extends IncomingCallOptions {
  /** Keys for each Gather in turn; once they run out the caller waits (press keys with `call.press`). */
  readonly digits?: CallScript['digits'];
  /** What the caller says at each Record; once they run out the caller speaks until they hang up. */
  readonly record?: RecordInput | readonly RecordInput[];
  /** The caller hangs up this many seconds after the call starts. */
  readonly hangUpAfter?: number;
}

export interface LiveClientCallOptions extends OutgoingClientCallOptions {
  readonly hangUpAfter?: number;
}

export interface TwilioEmulator {
  /** Runs an inbound call to its end, as its script says; the world's time moves on. */
  incomingCall(options: IncomingCallOptions): Promise<CallTranscript>;
  outgoingClientCall(options: OutgoingClientCallOptions): Promise<CallTranscript>;
  /** Sends callbacks again (or for the first time with `mode: 'manual'`), optionally twice and shuffled. */
  deliver(callbacks: readonly PendingCallback[], options?: DeliveryOptions & RequestOptions): Promise<HttpExchange[]>;
  /** One signed POST, for tests of a single webhook: `emulator.post('/twilio/status', params)`. */
  post(path: string, params: Params, options?: RequestOptions): Promise<{ exchange: HttpExchange; response: Response | null }>;
  /** The absolute URL Twilio would request for a path. */
  url(path: string): string;

  /** Starts an inbound call to one of our numbers; it runs as time advances. */
  startIncomingCall(options: LiveIncomingCallOptions): CallHandle;
  /** A rep's browser calls out through the TwiML App (`device.connect({ params })`). */
  startOutgoingClientCall(options: LiveClientCallOptions): CallHandle;
  /** A rep's browser, by identity: its ring policy, its invites, live answer/reject/hang-up. */
  device(identity: string): EndpointHandle;
  /** A phone, by E.164 number. */
  phone(number: string): EndpointHandle;
  /** Runs every event of the next `seconds` of virtual time, in order. */
  advance(seconds: number): Promise<void>;
  /** Runs what is due now (and its consequences) without moving the clock. */
  settle(): Promise<void>;
  /** Runs until `condition()` holds at a quiet moment (at most `maxSeconds` of virtual time). */
  runUntil(condition: () => boolean, maxSeconds?: number): Promise<void>;
  now(): Date;
  leg(callSid: string): CallHandle;
  /** Every leg so far, in the order they were created. */
  legs(): CallHandle[];
  /** A room by CF SID, or the latest room of that name. */
  conference(nameOrSid: string): ConferenceView;
  conferences(): ConferenceView[];
  /** Every REST request our server made, in order. */
  readonly restRequests: readonly RestExchange[];
  /** Failures to answer instead of the next matching REST requests (Twilio down, refusing, rate limiting). */
  readonly restFaults: RestFault[];
  /** Every callback generated (call, recording and conference status), in the order the events happened. */
  readonly callbacks: readonly PendingCallback[];

  /** The REST API in-process: `twilio.rest.fetch(request)`. */
  readonly rest: { fetch(request: Request): Promise<Response> };
  /** Serves the REST API on a loopback port; `fallback` serves what it does not (e.g. the provisioning fake). */
  listenRest(options?: { readonly fallback?: Fetch }): Promise<RestServer>;
}

export function createTwilioEmulator(options: TwilioEmulatorOptions): TwilioEmulator {
  const world = new World(options);
  const applicationSid = options.applicationSid ?? world.newSid('AP');
  const config = { fetch: options.fetch, publicUrl: options.publicUrl, authToken: options.authToken };
  const defaultStatusCallback = options.statusCallback === undefined ? '/twilio/status' : options.statusCallback;
  let restApp: Hono | null = null;

  function startInbound(params: Params, voiceUrl: string, call: CommonCallOptions, scripted: boolean, endpoint: Endpoint | null = null): Leg {
    const statusCallback = call.statusCallback === undefined ? defaultStatusCallback : call.statusCallback;
    const requestOptions: RequestOptions = {
      ...(call.signature ? { signature: call.signature } : {}),
      ...(call.signWithPort ? { signWithPort: true } : {}),
      ...(call.accountSid ? { accountSid: call.accountSid } : {}),
    };
    const { CallStatus: _status, ...baseParams } = params;
    const leg = world.addLeg({
      sid: params.CallSid ?? world.newSid('CA'),
      direction: 'inbound',
      from: params.From ?? '',
      to: params.To ?? '',
      statusCallback: statusCallback === null ? null : { url: world.url(statusCallback), method: 'POST', events: call.statusCallbackEvents ?? ['completed'] },
      group: world.newGroup(call.callbacks ?? {}, requestOptions),
      requestOptions,
      script: call.script ?? {},
      scripted,
      baseParams,
      endpoint,
    });
    world.soon(() => world.scheduler.spawn(() => inboundProgram(leg, world.url(voiceUrl))));
    return leg;
  }

  function inbound(call: IncomingCallOptions, scripted: boolean): Leg {
    const params = inboundCallParams({ callSid: world.newSid('CA'), accountSid: options.accountSid, from: callerNumber(call.from), to: call.to, callToken: callToken(world.newSid('CA')) });
    return startInbound(params, call.voiceUrl ?? '/twilio/voice', call, scripted);
  }

  function outgoing(call: OutgoingClientCallOptions, scripted: boolean): Leg {
    const params = clientCallParams({ callSid: world.newSid('CA'), accountSid: options.accountSid, applicationSid, identity: call.identity, params: call.params ?? {} });
    const device = world.endpoint(`client:${call.identity}`);
    const leg = startInbound(params, call.voiceUrl ?? '/twilio/voice/outgoing', call, scripted, device);
    device.placed(leg);
    return leg;
  }

  async function runToEnd(leg: Leg): Promise<CallTranscript> {
    await world.runUntil(() => leg.ended);
    await world.advance(GAP_BETWEEN_SCRIPTED_CALLS_SECONDS);
    return transcriptOf(leg);
  }

  function live(leg: Leg, hangUpAfter: number | undefined): CallHandle {
    if (hangUpAfter !== undefined) world.scheduler.after(hangUpAfter, () => leg.mailbox.post({ type: 'hangup' }), PRIORITY.ends);
    return callHandle(leg);
  }

  const rest = () => (restApp ??= createRestApp(world));

  return {
    incomingCall: (call) => runToEnd(inbound(call, true)),
    outgoingClientCall: (call) => runToEnd(outgoing(call, true)),
    deliver: (callbacks, delivery = {}) => deliverCallbacks(config, callbacks, delivery, delivery),
    async post(path, params, requestOptions = {}) {
      const body = requestOptions.accountSid ? { ...params, AccountSid: requestOptions.accountSid } : params;
      const sent = await sendWebhook(config, { url: world.url(path), method: 'POST', params: body }, requestOptions);
      return { exchange: sent.exchange, response: sent.response };
    },
    url: (path) => world.url(path),

    startIncomingCall(call) {
      const script: CallScript = {
        ...call.script,
        ...(call.digits !== undefined ? { digits: call.digits } : {}),
        ...(call.record !== undefined ? { record: call.record } : {}),
      };
      return live(inbound({ ...call, script }, false), call.hangUpAfter);
    },
    startOutgoingClientCall: (call) => live(outgoing(call, false), call.hangUpAfter),
    device: (identity) => endpointHandle(world, world.endpoint(`client:${identity}`)),
    phone: (number) => endpointHandle(world, world.endpoint(number)),
    advance: (seconds) => world.advance(seconds),
    settle: () => world.settle(),
    runUntil: (condition, maxSeconds) => world.runUntil(condition, maxSeconds),
    now: () => world.scheduler.now(),
    leg(callSid) {
      const leg = world.legs.get(callSid);
      if (!leg) throw new Error(`No call ${callSid} in the Twilio emulator`);
      return callHandle(leg);
    },
    legs: () => [...world.legs.values()].map(callHandle),
    conference(nameOrSid) {
      const room = world.roomBySid(nameOrSid) ?? world.activeRoom(options.accountSid, nameOrSid) ?? world.rooms.findLast((candidate) => candidate.friendlyName === nameOrSid);
      if (!room) throw new Error(`No conference "${nameOrSid}" in the Twilio emulator`);
      return conferenceView(room);
    },
    conferences: () => world.rooms.map(conferenceView),
    get restRequests() {
      return world.restLog;
    },
    get restFaults() {
      return world.restFaults;
    },
    get callbacks() {
      return world.callbackLog;
    },
    rest: { fetch: async (request) => rest().fetch(request) },
    listenRest: (listenOptions = {}) => serveOnLoopback(listenOptions.fallback ? createRestApp(world, { fallback: listenOptions.fallback }) : rest()),
  };
}

/** Twilio's CallToken is an opaque JSON blob carrying the STIR/SHAKEN parent call's identity. */
function callToken(seedSid: string): string {
  return JSON.stringify({ parentCallInfoToken: `eyJ${seedSid.slice(2)}`, identityHeaderTokens: [] });
}
