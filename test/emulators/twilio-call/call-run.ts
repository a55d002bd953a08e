// One call, run the way Twilio runs it: fetch a TwiML document, execute it verb by verb, follow
// actions and redirects, and stop on Hangup, Reject, the end of the document, the caller hanging up,
// an application error, or too many documents.

import { rfc2822 } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import { CallbackLog } from './callbacks.ts';
import { runDial } from './run-dial.ts';
import { runGather, runRecord } from './run-input.ts';
import { readTwiml, sendWebhook } from './transport.ts';
import type { TransportConfig } from './transport.ts';
import { TwimlError } from './twiml.ts';
import type { HttpMethod, Verb } from './twiml.ts';
import type {
  CallbackDelivery, CallEvent, CallOutcome, CallScript, CallTranscript, DialRecord, GatherRecord,
  Heard, HttpExchange, PendingCallback, RecordingRecord, RequestOptions,
} from './types.ts';

/** Twilio's own loop guard is per product; 100 documents is far beyond any real call flow here. */
export const MAX_DOCUMENTS_PER_CALL = 100;

export interface CallSetup {
  readonly config: TransportConfig;
  readonly params: Params;
  readonly voiceUrl: string;
  readonly script: CallScript;
  readonly requestOptions: RequestOptions;
  readonly statusCallback: { readonly url: string; readonly events: readonly string[] } | null;
  readonly delivery: CallbackDelivery;
  readonly newSid: (prefix: 'CA' | 'RE') => string;
  readonly startTime: Date;
}

export interface NextDocument {
  readonly url: string;
  readonly method: HttpMethod;
  readonly extra: Params;
}

export type VerbResult =
  | { readonly kind: 'continue' }
  | { readonly kind: 'fetch'; readonly next: NextDocument }
  | { readonly kind: 'end'; readonly outcome: CallOutcome };

/** The state one call carries from verb to verb; run-dial.ts and run-input.ts act on it. */
export class CallRun {
  readonly setup: CallSetup;
  readonly events: CallEvent[] = [];
  readonly callbacks: CallbackLog;
  /** Callbacks Twilio sends once processing is over (recordings): emitted when the call ends. */
  readonly afterCall: PendingCallback[] = [];
  elapsedSeconds = 0;
  answered = false;
  answeredAtSeconds = 0;
  gatherCount = 0;
  dialCount = 0;
  recordCount = 0;
  private rejectReason: 'rejected' | 'busy' | null = null;

  constructor(setup: CallSetup) {
    this.setup = setup;
    this.callbacks = new CallbackLog(setup.config, setup.delivery, setup.requestOptions);
  }

  get callSid(): string {
    return this.setup.params.CallSid ?? '';
  }

  now(): Date {
    return new Date(this.setup.startTime.getTime() + this.elapsedSeconds * 1000);
  }

  /** The parameters of the parent call as they stand now. */
  params(callStatus = this.answered ? 'in-progress' : 'ringing'): Params {
    return { ...this.setup.params, ...this.accountOverride(), CallStatus: callStatus };
  }

  resolve(url: string, documentUrl: string): string {
    return new URL(url, documentUrl).href;
  }

  hear(heard: Heard, seconds: number): void {
    this.events.push({ type: 'heard', heard });
    this.elapsedSeconds += seconds;
  }

  async answer(): Promise<void> {
    if (this.answered) return;
    this.answered = true;
    this.answeredAtSeconds = this.elapsedSeconds;
    await this.parentProgress('answered');
  }

  /** Requests a URL whose answer Twilio ignores because the caller is gone (e.g. an action after hang-up). */
  async notify(next: NextDocument): Promise<void> {
    const { exchange } = await sendWebhook(this.setup.config, { url: next.url, method: next.method, params: { ...this.params('completed'), ...next.extra } }, this.setup.requestOptions);
    this.events.push({ type: 'request', exchange });
  }

  async run(): Promise<CallTranscript> {
    await this.parentProgress('initiated');
    await this.parentProgress('ringing');
    let next: NextDocument | null = { url: this.setup.voiceUrl, method: 'POST', extra: {} };
    let outcome: CallOutcome = 'completed';
    let error: CallTranscript['error'] = null;
    for (let documents = 1; next !== null; documents++) {
      if (documents > MAX_DOCUMENTS_PER_CALL) {
        outcome = 'loop-limit';
        break;
      }
      const documentUrl = next.url;
      const sent = await sendWebhook(this.setup.config, { url: documentUrl, method: next.method, params: { ...this.params(), ...next.extra } }, this.setup.requestOptions);
      this.events.push({ type: 'request', exchange: sent.exchange });
      let verbs: Verb[];
      try {
        if (sent.failure || !sent.response) throw sent.failure ?? new TwimlError(11205, 'No response');
        verbs = await readTwiml(sent.response);
      } catch (failure) {
        if (!(failure instanceof TwimlError)) throw failure;
        error = { code: failure.code, message: failure.message, path: sent.exchange.path };
        this.events.push({ type: 'error', ...error });
        // Twilio answers the call to say so, then hangs up.
        await this.answer();
        this.hear({ kind: 'application-error' }, 3);
        outcome = 'application-error';
        break;
      }
      const result = await this.runDocument(verbs, documentUrl);
      if (result.kind === 'fetch') {
        next = result.next;
      } else {
        next = null;
        outcome = result.kind === 'end' ? result.outcome : 'completed';
      }
    }
    for (const callback of this.afterCall) await this.callbacks.emit(callback);
    await this.parentCompleted(outcome);
    await this.callbacks.finish();
    return this.transcript(outcome, error);
  }

  private async runDocument(verbs: readonly Verb[], documentUrl: string): Promise<VerbResult> {
    for (const verb of verbs) {
      const result = await this.runVerb(verb, documentUrl);
      if (result.kind !== 'continue') return result;
    }
    return { kind: 'end', outcome: 'completed' };
  }

  private async runVerb(verb: Verb, documentUrl: string): Promise<VerbResult> {
    if (verb.verb !== 'Reject') await this.answer();
    switch (verb.verb) {
      case 'Say':
      case 'Play':
      case 'Pause':
        this.prompt(verb);
        return { kind: 'continue' };
      case 'Gather':
        return runGather(this, verb, documentUrl);
      case 'Dial':
        return runDial(this, verb, documentUrl);
      case 'Record':
        return runRecord(this, verb, documentUrl);
      case 'Redirect':
        return { kind: 'fetch', next: { url: this.resolve(verb.url, documentUrl), method: verb.method, extra: {} } };
      case 'Hangup':
        this.events.push({ type: 'hangup' });
        return { kind: 'end', outcome: 'completed' };
      case 'Reject':
        this.events.push({ type: 'reject', reason: verb.reason });
        if (this.answered) return { kind: 'end', outcome: 'completed' };
        this.rejectReason = verb.reason;
        return { kind: 'end', outcome: 'rejected' };
    }
  }

  /** Plays a Say/Play/Pause and advances the clock by a rough spoken length. */
  prompt(verb: Extract<Verb, { verb: 'Say' | 'Play' | 'Pause' }>): string | null {
    switch (verb.verb) {
      case 'Say': {
        const times = Math.max(verb.loop, 1);
        const charactersPerSecond = verb.language.startsWith('ja') ? 8 : 15;
        this.hear({ kind: 'say', text: verb.text, voice: verb.voice, language: verb.language, loop: verb.loop }, times * Math.max(1, Math.ceil(verb.text.length / charactersPerSecond)));
        return verb.text;
      }
      case 'Play':
        this.hear({ kind: 'play', url: verb.url, loop: verb.loop }, Math.max(verb.loop, 1) * 5);
        return verb.url;
      case 'Pause':
        this.events.push({ type: 'pause', seconds: verb.length });
        this.elapsedSeconds += verb.length;
        return null;
    }
  }

  private accountOverride(): Params {
    return this.setup.requestOptions.accountSid ? { AccountSid: this.setup.requestOptions.accountSid } : {};
  }

  private async parentProgress(event: 'initiated' | 'ringing' | 'answered'): Promise<void> {
    const callback = this.setup.statusCallback;
    if (!callback || !callback.events.includes(event)) return;
    const status = event === 'answered' ? 'in-progress' : event;
    await this.callbacks.emit({ kind: 'call-status', url: callback.url, method: 'POST', params: this.progressParams(status) });
  }

  private async parentCompleted(outcome: CallOutcome): Promise<void> {
    const callback = this.setup.statusCallback;
    if (!callback || !callback.events.includes('completed')) return;
    let status = this.answered ? 'completed' : 'failed';
    if (outcome === 'rejected') status = this.rejectReason === 'busy' ? 'busy' : 'no-answer';
    const duration = this.answered ? this.elapsedSeconds - this.answeredAtSeconds : 0;
    await this.callbacks.emit({
      kind: 'call-status',
      url: callback.url,
      method: 'POST',
      params: { ...this.progressParams(status), CallDuration: String(duration), Duration: String(Math.ceil(duration / 60)) },
    });
  }

  private progressParams(status: string): Params {
    return {
      ...this.params(status),
      CallbackSource: 'call-progress-events',
      SequenceNumber: this.callbacks.nextSequenceNumber(this.callSid),
      Timestamp: rfc2822(this.now()),
    };
  }

  private transcript(outcome: CallOutcome, error: CallTranscript['error']): CallTranscript {
    const pick = <T extends CallEvent['type']>(type: T) =>
      this.events.filter((event): event is Extract<CallEvent, { type: T }> => event.type === type);
    const heard = pick('heard').map((event) => event.heard);
    const dials: DialRecord[] = pick('dial').map((event) => event.dial);
    const gathers: GatherRecord[] = pick('gather').map((event) => event.gather);
    const recordings: RecordingRecord[] = [
      ...dials.flatMap((dial) => (dial.recording ? [dial.recording] : [])),
      ...pick('record').flatMap((event) => (event.recording ? [event.recording] : [])),
    ];
    const requests: HttpExchange[] = pick('request').map((event) => event.exchange);
    return {
      callSid: this.callSid,
      outcome,
      error,
      events: this.events,
      heard,
      said: heard.flatMap((item) => (item.kind === 'say' ? [item.text] : [])),
      rang: dials.map((dial) => dial.callees),
      dials,
      gathers,
      recordings,
      requests,
      callbacks: this.callbacks.generated,
      deliveries: this.callbacks.deliveries,
      durationSeconds: this.elapsedSeconds,
    };
  }
}
