// The TwiML verbs the emulator runs, with Twilio's defaults applied (reference §3).

export interface SayVerb { readonly verb: 'Say'; readonly text: string; readonly voice: string; readonly language: string; readonly loop: number }
export interface PlayVerb { readonly verb: 'Play'; readonly url: string; readonly loop: number; readonly digits: string | null }
export interface PauseVerb { readonly verb: 'Pause'; readonly length: number }
export type PromptVerb = SayVerb | PlayVerb | PauseVerb;

export interface GatherVerb {
  readonly verb: 'Gather';
  readonly action: string | null;
  readonly method: HttpMethod;
  readonly numDigits: number | null;
  readonly timeout: number;
  readonly finishOnKey: string;
  readonly input: string;
  readonly actionOnEmptyResult: boolean;
  readonly prompts: readonly PromptVerb[];
}

export interface DialClient {
  readonly kind: 'client';
  readonly identity: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly statusCallback: NounStatusCallback | null;
}
export interface DialNumber {
  readonly kind: 'number';
  readonly number: string;
  readonly statusCallback: NounStatusCallback | null;
}
export type DialNoun = DialClient | DialNumber;

/** `<Dial><Conference>`: the room name and every attribute of reference twilio-conference.md §1.1. */
export interface ConferenceNoun {
  readonly kind: 'conference';
  readonly name: string;
  readonly muted: boolean;
  readonly beep: 'true' | 'false' | 'onEnter' | 'onExit';
  readonly startConferenceOnEnter: boolean;
  readonly endConferenceOnExit: boolean;
  readonly participantLabel: string | null;
  readonly jitterBufferSize: 'small' | 'medium' | 'large' | 'off';
  /** `null`: Twilio's default hold music; `''`: silence. */
  readonly waitUrl: string | null;
  /** `null`: Twilio's default (POST for a waitUrl you give, GET for its own playlist). */
  readonly waitMethod: HttpMethod | null;
  readonly maxParticipants: number;
  readonly record: 'do-not-record' | 'record-from-start';
  readonly region: string | null;
  readonly trim: 'trim-silence' | 'do-not-trim';
  /** The CallSid this participant coaches (whispers to). */
  readonly coach: string | null;
  readonly statusCallback: string | null;
  readonly statusCallbackMethod: HttpMethod;
  /** `null` when the attribute is absent (Twilio's default applies). */
  readonly statusCallbackEvents: readonly string[] | null;
  readonly recordingStatusCallback: string | null;
  readonly recordingStatusCallbackMethod: HttpMethod;
  readonly recordingStatusCallbackEvents: readonly string[];
}

export interface NounStatusCallback {
  readonly url: string;
  readonly method: HttpMethod;
  readonly events: readonly CallProgressEvent[];
}

export type CallProgressEvent = 'initiated' | 'ringing' | 'answered' | 'completed';

export interface DialVerb {
  readonly verb: 'Dial';
  readonly action: string | null;
  readonly method: HttpMethod;
  readonly timeout: number;
  readonly callerId: string | null;
  readonly answerOnBridge: boolean;
  readonly record: string;
  readonly recordingStatusCallback: string | null;
  readonly recordingStatusCallbackMethod: HttpMethod;
  readonly recordingStatusCallbackEvents: readonly string[];
  readonly timeLimit: number;
  readonly hangupOnStar: boolean;
  readonly ringTone: string | null;
  readonly nouns: readonly DialNoun[];
  /** Set instead of `nouns` for `<Dial><Conference>`. */
  readonly conference: ConferenceNoun | null;
}

export interface RecordVerb {
  readonly verb: 'Record';
  readonly action: string | null;
  readonly method: HttpMethod;
  readonly timeout: number;
  readonly finishOnKey: string;
  readonly maxLength: number;
  readonly playBeep: boolean;
  readonly recordingStatusCallback: string | null;
  readonly recordingStatusCallbackMethod: HttpMethod;
  readonly recordingStatusCallbackEvents: readonly string[];
}

export interface RedirectVerb { readonly verb: 'Redirect'; readonly url: string; readonly method: HttpMethod }
export interface HangupVerb { readonly verb: 'Hangup' }
export interface RejectVerb { readonly verb: 'Reject'; readonly reason: 'rejected' | 'busy' }

export type Verb = PromptVerb | GatherVerb | DialVerb | RecordVerb | RedirectVerb | HangupVerb | RejectVerb;
export type HttpMethod = 'GET' | 'POST';
