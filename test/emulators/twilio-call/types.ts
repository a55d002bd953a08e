// The emulator's public shapes: what a scenario script says, and what a finished call reports.

import type { Params } from './call-parameters.ts';
import type { HttpMethod } from './twiml.ts';
import type { ConferenceEvent, ConferenceVisit, RestExchange } from './world-types.ts';

export type * from './world-types.ts';

/** What the caller does at one `<Gather>`: the keys pressed (`'2'`, `'12#'`), `null` for silence, or `'hangup'`. */
export type CallerKeys = string | null;
export const HANG_UP = 'hangup';

export interface GatherPrompt {
  /** 0 for the first `<Gather>` of the call. */
  readonly index: number;
  readonly numDigits: number | null;
  readonly timeout: number;
  readonly finishOnKey: string;
  /** The Say texts / Play URLs nested in this Gather, as the caller heard them. */
  readonly prompts: readonly string[];
  readonly documentPath: string;
}

export interface RingingClient {
  readonly identity: string;
  /** The `<Parameter>`s: what the Voice SDK exposes as `call.customParameters`. */
  readonly parameters: Readonly<Record<string, string>>;
}

export interface DialAttempt {
  /** 0 for the first `<Dial>` of the call. */
  readonly index: number;
  /** Identities and numbers, in document order. */
  readonly callees: readonly string[];
  readonly clients: readonly RingingClient[];
  readonly numbers: readonly string[];
  readonly timeout: number;
  readonly callerId: string | null;
  readonly record: string;
  readonly answerOnBridge: boolean;
  readonly action: string | null;
}

/** How the people rung by one `<Dial>` behave. The default: nobody answers until the timeout. */
export interface DialScript {
  /** Who picks up if they are rung (an identity or a number; with a list, the first one rung wins). */
  readonly answeredBy?: string | readonly string[];
  /** Who declines (Voice SDK `call.reject()`): their leg ends `busy`. */
  readonly rejectedBy?: readonly string[] | 'everyone';
  /** Who cannot be reached at all: their leg ends `failed`. */
  readonly unreachable?: readonly string[] | 'everyone';
  /** Shorthand for everyone: `busy` = all reject, `failed` = all unreachable, `no-answer` = nobody picks up. */
  readonly outcome?: 'no-answer' | 'busy' | 'failed';
  /** Seconds of ringing before someone answers or declines (default 4). */
  readonly ringSeconds?: number;
  /** Seconds the bridged call lasts (default 30). */
  readonly talkSeconds?: number;
  /** Who ends the bridged call (default the callee: the caller stays on the line and the flow continues). */
  readonly hungUpBy?: 'callee' | 'caller';
  /** The caller gives up while it is still ringing, after this many seconds. */
  readonly callerHangsUpAfter?: number;
}

/** What the caller does at one `<Record>`: speak for some seconds, stay silent (`null`), or hang up at the beep. */
export type RecordInput =
  | {
      readonly seconds: number;
      /** How the recording ends: the caller hangs up (default), silence (`timeout`), or a key such as `'#'`. */
      readonly endedBy?: 'hangup' | 'timeout' | string;
    }
  | null
  | 'hangup';

export interface RecordPrompt {
  readonly index: number;
  readonly maxLength: number;
  readonly playBeep: boolean;
  readonly documentPath: string;
}

type Step<T, P> = T | readonly T[] | ((prompt: P) => T | Promise<T>);

export interface CallScript {
  /** One entry per `<Gather>`. When the list runs out, the caller hangs up. */
  readonly digits?: readonly CallerKeys[] | ((gather: GatherPrompt) => CallerKeys | Promise<CallerKeys>);
  /** One object for every `<Dial>`, a list (one per `<Dial>`; nobody answers after it runs out), or a function. */
  readonly dial?: Step<DialScript, DialAttempt>;
  /** One value for every `<Record>`, a list, or a function. Default: silence. */
  readonly record?: Step<RecordInput, RecordPrompt>;
}

export interface CallbackDelivery {
  /** `live`: as events happen (Twilio's normal behaviour). `after-call`: all at the end. `manual`: never; use `emulator.deliver`. */
  readonly mode?: 'live' | 'after-call' | 'manual';
  /** Deliver every callback twice, as Twilio's retry (`#rc=1`) can. */
  readonly duplicate?: boolean;
  /** Shuffle the deliveries with this seed (only with `after-call`). */
  readonly shuffleSeed?: number;
}

export type SignatureMode = 'valid' | 'tampered' | 'unsigned' | 'wrong-token';

export interface RequestOptions {
  /** How to sign: a valid signature (default), a body altered after signing, none, or another Auth Token. */
  readonly signature?: SignatureMode;
  /** Sign the URL with the default port (`https://host:443/path`), as Twilio sometimes does. */
  readonly signWithPort?: boolean;
  /** Send another account's SID (a genuine signature from the same token). */
  readonly accountSid?: string;
}

export interface CommonCallOptions extends RequestOptions {
  readonly script?: CallScript;
  /** The number's (or TwiML App's) StatusCallback; `null` for none. Default: the emulator's. */
  readonly statusCallback?: string | null;
  readonly statusCallbackEvents?: readonly ('initiated' | 'ringing' | 'answered' | 'completed')[];
  readonly callbacks?: CallbackDelivery;
}

export interface IncomingCallOptions extends CommonCallOptions {
  /** E.164, or `'anonymous'` / `'restricted'` / `'blocked'` / `'unknown'` / `'unavailable'`. */
  readonly from: string;
  readonly to: string;
  readonly voiceUrl?: string;
}

export interface OutgoingClientCallOptions extends CommonCallOptions {
  readonly identity: string;
  /** `device.connect({ params })`; `To` becomes the request's `To`. */
  readonly params?: Readonly<Record<string, string>>;
  readonly voiceUrl?: string;
}

export interface HttpExchange {
  readonly method: HttpMethod;
  readonly url: string;
  /** Path and query relative to the public URL's origin: `/twilio/voice?step=2`. */
  readonly path: string;
  readonly params: Readonly<Params>;
  /** `null` when the request never got an answer (connection failure or timeout). */
  readonly status: number | null;
}

export interface PendingCallback {
  readonly kind: 'call-status' | 'recording-status' | 'conference-status';
  readonly url: string;
  readonly method: HttpMethod;
  readonly params: Readonly<Params>;
}

export type Heard =
  | { readonly kind: 'say'; readonly text: string; readonly voice: string; readonly language: string; readonly loop: number }
  | { readonly kind: 'play'; readonly url: string; readonly loop: number }
  | { readonly kind: 'beep' }
  | { readonly kind: 'application-error' };

export interface DialLeg {
  readonly callee: string;
  readonly callSid: string;
  readonly status: 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';
}

export interface DialRecord extends DialAttempt {
  readonly answeredBy: string | null;
  readonly dialCallStatus: 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';
  readonly talkSeconds: number;
  readonly legs: readonly DialLeg[];
  readonly recording: RecordingRecord | null;
}

export interface GatherRecord extends GatherPrompt {
  /** What was submitted (`null` when nothing was: silence fell through, or the caller hung up). */
  readonly digits: string | null;
  readonly finishedOnKey: string;
}

export interface RecordingRecord {
  readonly source: 'DialVerb' | 'RecordVerb' | 'Conference';
  readonly recordingSid: string;
  readonly recordingUrl: string;
  readonly duration: number;
}

/** How a leg ended: `ended-by-api` = REST `Status=completed|canceled`; `not-answered` = an outbound leg nobody took. */
export type CallOutcome = 'completed' | 'hung-up' | 'rejected' | 'application-error' | 'loop-limit' | 'ended-by-api' | 'not-answered' | 'time-limit';

export type CallEvent =
  | { readonly type: 'request'; readonly exchange: HttpExchange }
  | { readonly type: 'heard'; readonly heard: Heard }
  | { readonly type: 'pause'; readonly seconds: number }
  | { readonly type: 'gather'; readonly gather: GatherRecord }
  | { readonly type: 'dial'; readonly dial: DialRecord }
  | { readonly type: 'record'; readonly recording: RecordingRecord | null; readonly digits: string }
  | { readonly type: 'hangup' }
  | { readonly type: 'reject'; readonly reason: 'rejected' | 'busy' }
  | { readonly type: 'caller-hung-up' }
  | { readonly type: 'error'; readonly code: number; readonly message: string; readonly path: string }
  | { readonly type: 'conference'; readonly conference: ConferenceEvent }
  | { readonly type: 'rest'; readonly exchange: RestExchange }
  | { readonly type: 'redirected'; readonly to: string }
  | { readonly type: 'ringing'; readonly at: string }
  | { readonly type: 'answered'; readonly by: string }
  | { readonly type: 'ended'; readonly status: string; readonly by: string };

export interface CallTranscript {
  readonly callSid: string;
  readonly outcome: CallOutcome;
  readonly error: { readonly code: number; readonly message: string; readonly path: string } | null;
  /** Everything that happened, in order. */
  readonly events: readonly CallEvent[];
  /** What the caller heard: Say (with voice and language), Play, beeps and Twilio's error message. */
  readonly heard: readonly Heard[];
  /** Just the Say texts. */
  readonly said: readonly string[];
  /** Who rang, one list per `<Dial>`. */
  readonly rang: readonly (readonly string[])[];
  readonly dials: readonly DialRecord[];
  readonly gathers: readonly GatherRecord[];
  readonly recordings: readonly RecordingRecord[];
  /** The TwiML requests (voice URL, actions, redirects). */
  readonly requests: readonly HttpExchange[];
  /** Every status / recording callback the call produced, in the order the events happened. */
  readonly callbacks: readonly PendingCallback[];
  /** The callbacks actually sent (with duplicates and in delivery order). */
  readonly deliveries: readonly HttpExchange[];
  readonly durationSeconds: number;
  /** The rooms this leg joined, in order, and why it left each. */
  readonly conferences: readonly ConferenceVisit[];
  /** The REST requests our server made about this leg (Calls update, its participant). */
  readonly restRequests: readonly RestExchange[];
}
