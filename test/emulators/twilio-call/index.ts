// A Twilio call emulator for scenario tests: it calls the server the way Twilio does (signed,
// form-encoded webhooks), follows the TwiML it gets back, and reports what the caller heard and who
// rang. It knows nothing of the server's code: it only speaks HTTP through `fetch`.

import { callerNumber, clientCallParams, createSidGenerator, inboundCallParams } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import { CallRun } from './call-run.ts';
import { deliverCallbacks } from './callbacks.ts';
import type { DeliveryOptions } from './callbacks.ts';
import { sendWebhook } from './transport.ts';
import type { Fetch } from './transport.ts';
import type {
  CallbackDelivery, CallTranscript, CommonCallOptions, HttpExchange, IncomingCallOptions,
  OutgoingClientCallOptions, PendingCallback, RequestOptions,
} from './types.ts';

export { describeCall } from './describe.ts';
export { MAX_DOCUMENTS_PER_CALL } from './call-run.ts';
export { WITHHELD_CALLER_IDS } from './call-parameters.ts';
export { HANG_UP } from './types.ts';
export type * from './types.ts';
export type { Fetch } from './transport.ts';

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
  /** When the first call starts (virtual time moves on with each call). Default: now. */
  readonly startTime?: Date;
}

export interface TwilioEmulator {
  incomingCall(options: IncomingCallOptions): Promise<CallTranscript>;
  outgoingClientCall(options: OutgoingClientCallOptions): Promise<CallTranscript>;
  /** Sends callbacks again (or for the first time with `mode: 'manual'`), optionally twice and shuffled. */
  deliver(callbacks: readonly PendingCallback[], options?: DeliveryOptions & RequestOptions): Promise<HttpExchange[]>;
  /** One signed POST, for tests of a single webhook: `emulator.post('/twilio/status', params)`. */
  post(path: string, params: Params, options?: RequestOptions): Promise<{ exchange: HttpExchange; response: Response | null }>;
  /** The absolute URL Twilio would request for a path. */
  url(path: string): string;
}

export function createTwilioEmulator(options: TwilioEmulatorOptions): TwilioEmulator {
  const newSid = createSidGenerator(options.seed ?? 1);
  const applicationSid = options.applicationSid ?? newSid('AP');
  const config = { fetch: options.fetch, publicUrl: options.publicUrl, authToken: options.authToken };
  const url = (path: string) => new URL(path, options.publicUrl).href;
  let clock = options.startTime ?? new Date();

  async function run(params: Params, voiceUrl: string, call: CommonCallOptions): Promise<CallTranscript> {
    const statusCallback = call.statusCallback === undefined ? (options.statusCallback === undefined ? '/twilio/status' : options.statusCallback) : call.statusCallback;
    const requestOptions: RequestOptions = {
      ...(call.signature ? { signature: call.signature } : {}),
      ...(call.signWithPort ? { signWithPort: true } : {}),
      ...(call.accountSid ? { accountSid: call.accountSid } : {}),
    };
    const callRun = new CallRun({
      config,
      params,
      voiceUrl: url(voiceUrl),
      script: call.script ?? {},
      requestOptions,
      statusCallback: statusCallback === null ? null : { url: url(statusCallback), events: call.statusCallbackEvents ?? ['completed'] },
      delivery: { ...options.callbacks, ...call.callbacks },
      newSid,
      startTime: clock,
    });
    const transcript = await callRun.run();
    clock = new Date(clock.getTime() + (transcript.durationSeconds + 60) * 1000);
    return transcript;
  }

  return {
    incomingCall(call) {
      const params = inboundCallParams({
        callSid: newSid('CA'),
        accountSid: options.accountSid,
        from: callerNumber(call.from),
        to: call.to,
        callToken: callToken(newSid('CA')),
      });
      return run(params, call.voiceUrl ?? '/twilio/voice', call);
    },
    outgoingClientCall(call) {
      const params = clientCallParams({
        callSid: newSid('CA'),
        accountSid: options.accountSid,
        applicationSid,
        identity: call.identity,
        params: call.params ?? {},
      });
      return run(params, call.voiceUrl ?? '/twilio/voice/outgoing', call);
    },
    deliver(callbacks, delivery = {}) {
      return deliverCallbacks(config, callbacks, delivery, delivery);
    },
    async post(path, params, requestOptions = {}) {
      const body = requestOptions.accountSid ? { ...params, AccountSid: requestOptions.accountSid } : params;
      const sent = await sendWebhook(config, { url: url(path), method: 'POST', params: body }, requestOptions);
      return { exchange: sent.exchange, response: sent.response };
    },
    url,
  };
}

/** Twilio's CallToken is an opaque JSON blob carrying the STIR/SHAKEN parent call's identity. */
function callToken(seedSid: string): string {
  return JSON.stringify({ parentCallInfoToken: `eyJ${seedSid.slice(2)}`, identityHeaderTokens: [] });
}
