// Runs TwiML on a leg the way Twilio does: fetch a document, execute it verb by verb, follow actions
// and redirects, and stop on Hangup, Reject, the end of the document, the far end hanging up, an
// application error, too many documents, or a REST request that hangs the leg up or redirects it.

import type { Params } from './call-parameters.ts';
import type { FinalStatus, Leg, Notice, TwimlSource } from './leg.ts';
import { runDial } from './run-dial.ts';
import { runGather, runRecord } from './run-input.ts';
import { PRIORITY, TIMEOUT } from './scheduler.ts';
import { readTwiml } from './transport.ts';
import { playRefusal } from './play-audio.ts';
import { parseTwiml, TwimlError } from './twiml.ts';
import type { HttpMethod, PromptVerb, Verb } from './twiml.ts';
import type { CallOutcome } from './types.ts';

/** Twilio's own loop guard is per product; 100 documents is far beyond any real call flow here. */
export const MAX_DOCUMENTS_PER_CALL = 100;
/** Seconds of Twilio's "An application error has occurred" message. */
const APPLICATION_ERROR_SECONDS = 3;

export interface NextDocument {
  readonly url: string;
  readonly method: HttpMethod;
  readonly extra: Params;
}

export type VerbResult =
  | { readonly kind: 'continue' }
  | { readonly kind: 'fetch'; readonly next: NextDocument }
  | { readonly kind: 'redirect'; readonly to: TwimlSource }
  | { readonly kind: 'end'; readonly outcome: CallOutcome; readonly status?: FinalStatus };

/** Notices that stop whatever verb a leg is running. */
export type Interrupt = Extract<Notice, { type: 'hangup' | 'api-hangup' | 'redirect' | 'ended' | 'time-limit' }>;

export function asInterrupt(notice: Notice): Interrupt | null {
  switch (notice.type) {
    case 'hangup':
    case 'api-hangup':
    case 'redirect':
    case 'ended':
    case 'time-limit':
      return notice;
    default:
      return null;
  }
}

/** What an interrupted verb does next. */
export function afterInterrupt(leg: Leg, interrupt: Interrupt): VerbResult {
  switch (interrupt.type) {
    case 'hangup':
      leg.record({ type: 'caller-hung-up' });
      return { kind: 'end', outcome: 'hung-up' };
    case 'api-hangup':
      return { kind: 'end', outcome: 'ended-by-api', status: leg.answered ? 'completed' : interrupt.status };
    case 'redirect':
      return { kind: 'redirect', to: interrupt.to };
    case 'time-limit':
      return { kind: 'end', outcome: 'time-limit' };
    case 'ended':
      return { kind: 'end', outcome: leg.outcome ?? 'completed' };
  }
}

/**
 * Lets `seconds` pass on the leg (a prompt playing, a pause), unless something interrupts it.
 * `onNotice` sees the other notices (keys…) and may stop the wait by returning a value.
 */
export async function waitOn<T>(leg: Leg, seconds: number | null, onNotice?: (notice: Notice) => T | undefined): Promise<{ interrupt: Interrupt } | { value: T } | null> {
  const scheduler = leg.world.scheduler;
  const deadline = seconds === null ? null : scheduler.nowMillis + seconds * 1000;
  for (;;) {
    const remaining = deadline === null ? null : Math.max(0, (deadline - scheduler.nowMillis) / 1000);
    const notice = await leg.mailbox.next(remaining, PRIORITY.normal);
    if (notice === TIMEOUT) return null;
    const interrupt = asInterrupt(notice);
    if (interrupt) return { interrupt };
    const value = onNotice?.(notice);
    if (value !== undefined) return { value };
  }
}

/** Runs TwiML on the leg until the call ends, then ends the leg. */
export async function runTwiml(leg: Leg, first: TwimlSource): Promise<void> {
  let source: TwimlSource | null = first;
  let documents = 0;
  let ending: { outcome: CallOutcome; status?: FinalStatus } = { outcome: 'completed' };
  let rejected: 'rejected' | 'busy' | null = null;
  while (source !== null) {
    if (leg.ended) return;
    if (++documents > MAX_DOCUMENTS_PER_CALL) {
      ending = { outcome: 'loop-limit' };
      break;
    }
    const document = await loadDocument(leg, source);
    if (leg.ended) return;
    if ('error' in document) {
      const redirect = await applicationError(leg, document.error);
      if (!redirect) {
        ending = { outcome: 'application-error' };
        break;
      }
      source = redirect;
      leg.record({ type: 'redirected', to: describeSource(leg, source) });
      continue;
    }
    const result = await runDocument(leg, document.verbs, document.url);
    if (result.kind === 'fetch') {
      source = result.next;
    } else if (result.kind === 'redirect') {
      source = result.to;
      leg.record({ type: 'redirected', to: describeSource(leg, source) });
    } else if (result.kind === 'end') {
      ending = result;
      if (result.outcome === 'rejected') rejected = leg.events.findLast((event) => event.type === 'reject')?.reason ?? 'rejected';
      source = null;
    } else {
      source = null;
    }
  }
  leg.end(ending.status ?? finalStatus(leg, ending.outcome, rejected), ending.outcome);
}

/**
 * Twilio logs the error, answers the call to say "An application error has occurred" and hangs up —
 * unless REST redirects the leg meanwhile (then that TwiML runs).
 */
async function applicationError(leg: Leg, error: { code: number; message: string; path: string }): Promise<TwimlSource | null> {
  leg.error = error;
  leg.record({ type: 'error', ...error });
  leg.answer();
  leg.activity = { kind: 'say', text: 'An application error has occurred.' };
  leg.record({ type: 'heard', heard: { kind: 'application-error' } });
  const stopped = await waitOn(leg, APPLICATION_ERROR_SECONDS);
  return stopped && 'interrupt' in stopped && stopped.interrupt.type === 'redirect' ? stopped.interrupt.to : null;
}

/** The status a leg ends with, when the TwiML did not say (reference twilio.md §2.4). */
function finalStatus(leg: Leg, outcome: CallOutcome, rejected: 'rejected' | 'busy' | null): FinalStatus {
  if (leg.answered) return 'completed';
  if (outcome === 'rejected') return rejected === 'busy' ? 'busy' : 'no-answer';
  if (outcome === 'hung-up') return 'canceled';
  return 'failed';
}

async function loadDocument(leg: Leg, source: TwimlSource): Promise<{ verbs: Verb[]; url: string } | { error: { code: number; message: string; path: string } }> {
  if ('twiml' in source) {
    try {
      return { verbs: parseTwiml(source.twiml), url: source.url };
    } catch (failure) {
      if (!(failure instanceof TwimlError)) throw failure;
      return { error: { code: failure.code, message: failure.message, path: '(inline TwiML)' } };
    }
  }
  const sent = await leg.world.courier.send({ url: source.url, method: source.method, params: { ...leg.params(), ...source.extra } }, leg.requestOptions);
  leg.record({ type: 'request', exchange: sent.exchange });
  try {
    if (sent.failure || !sent.response) throw sent.failure ?? new TwimlError(11205, 'No response');
    return { verbs: await readTwiml(sent.response), url: source.url };
  } catch (failure) {
    if (!(failure instanceof TwimlError)) throw failure;
    return { error: { code: failure.code, message: failure.message, path: sent.exchange.path } };
  }
}

async function runDocument(leg: Leg, verbs: readonly Verb[], documentUrl: string): Promise<VerbResult> {
  for (const verb of verbs) {
    const result = await runVerb(leg, verb, documentUrl);
    if (leg.ended) return { kind: 'end', outcome: leg.outcome ?? 'completed' };
    if (result.kind !== 'continue') return result;
  }
  return { kind: 'end', outcome: 'completed' };
}

async function runVerb(leg: Leg, verb: Verb, documentUrl: string): Promise<VerbResult> {
  if (verb.verb !== 'Reject') leg.answer();
  switch (verb.verb) {
    case 'Say':
    case 'Play':
    case 'Pause': {
      const stopped = await playPrompt(leg, verb);
      return stopped && stopped !== 'refused' && 'interrupt' in stopped ? afterInterrupt(leg, stopped.interrupt) : { kind: 'continue' };
    }
    case 'Gather':
      return runGather(leg, verb, documentUrl);
    case 'Dial':
      return runDial(leg, verb, documentUrl);
    case 'Record':
      return runRecord(leg, verb, documentUrl);
    case 'Redirect':
      return { kind: 'fetch', next: { url: resolveUrl(verb.url, documentUrl), method: verb.method, extra: {} } };
    case 'Hangup':
      leg.record({ type: 'hangup' });
      return { kind: 'end', outcome: 'completed' };
    case 'Reject':
      leg.record({ type: 'reject', reason: verb.reason });
      return leg.answered ? { kind: 'end', outcome: 'completed' } : { kind: 'end', outcome: 'rejected' };
  }
}

/** Seconds a prompt takes: Japanese is read at about 8 characters a second, English at 15. */
export function promptSeconds(verb: PromptVerb): number {
  switch (verb.verb) {
    case 'Say': {
      const charactersPerSecond = verb.language.startsWith('ja') ? 8 : 15;
      return Math.max(verb.loop, 1) * Math.max(1, Math.ceil(verb.text.length / charactersPerSecond));
    }
    case 'Play':
      return Math.max(verb.loop, 1) * 5;
    case 'Pause':
      return verb.length;
  }
}

/**
 * Plays a Say/Play/Pause to the leg; keys pressed meanwhile go to `onKeys` (a Gather's barge-in).
 * A `<Play>` of something that is not audio is logged and skipped (play-audio.ts): `'refused'`.
 */
export async function playPrompt(leg: Leg, verb: PromptVerb, onKeys?: (keys: string) => string | undefined) {
  switch (verb.verb) {
    case 'Say':
      leg.activity = { kind: 'say', text: verb.text };
      leg.record({ type: 'heard', heard: { kind: 'say', text: verb.text, voice: verb.voice, language: verb.language, loop: verb.loop } });
      break;
    case 'Play': {
      const refused = playRefusal(verb.url);
      if (refused) {
        leg.record({ type: 'error', ...refused });
        return 'refused';
      }
      leg.activity = { kind: 'play', url: verb.url };
      leg.record({ type: 'heard', heard: { kind: 'play', url: verb.url, loop: verb.loop } });
      break;
    }
    case 'Pause':
      leg.activity = { kind: 'silence' };
      leg.record({ type: 'pause', seconds: verb.length });
      break;
  }
  const stopped = await waitOn(leg, promptSeconds(verb), (notice) => (notice.type === 'keys' && onKeys ? onKeys(notice.keys) : undefined));
  leg.activity = { kind: 'silence' };
  return stopped;
}

/** Requests a URL whose answer Twilio ignores because the caller is gone (e.g. an action after hang-up). */
export async function notify(leg: Leg, next: NextDocument): Promise<void> {
  const sent = await leg.world.courier.send({ url: next.url, method: next.method, params: { ...leg.params('completed'), ...next.extra } }, leg.requestOptions);
  leg.record({ type: 'request', exchange: sent.exchange });
}

export function resolveUrl(url: string, documentUrl: string): string {
  return new URL(url, documentUrl).href;
}

function describeSource(leg: Leg, source: TwimlSource): string {
  if ('twiml' in source) return source.twiml;
  const url = new URL(source.url);
  return url.origin === new URL(leg.world.publicUrl).origin ? url.pathname + url.search : url.href;
}
