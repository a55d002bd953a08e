// `<Gather>` and `<Record>`: what the caller presses or says (from the scenario's script, or live from
// the test), and the action requests that follow (reference twilio.md §2.2, §3.2, §3.4).

import type { Leg } from './leg.ts';
import { newRecording, recordingActionParams, recordingCallbacks } from './recordings.ts';
import { pickStep } from './script-steps.ts';
import { relativePath } from './transport.ts';
import type { GatherVerb, RecordVerb } from './twiml.ts';
import { afterInterrupt, notify, playPrompt, resolveUrl, waitOn } from './twiml-runner.ts';
import type { VerbResult } from './twiml-runner.ts';
import { HANG_UP } from './types.ts';
import type { CallerKeys, GatherPrompt, GatherRecord, RecordInput, RecordPrompt } from './types.ts';

const PHONE_KEYS = /^[0-9*#]$/;
/** The caller is driven by the test: keys come from `call.press()`. */
const LIVE = 'live';
/** Seconds per key a scripted caller takes. */
const SECONDS_PER_KEY = 1;

export async function runGather(leg: Leg, verb: GatherVerb, documentUrl: string): Promise<VerbResult> {
  const prompts: string[] = [];
  let bargedIn: string | null = null;
  for (const prompt of verb.prompts) {
    const stopped = await playPrompt(leg, prompt, (keys) => keys);
    if (stopped === 'refused') continue;
    if (stopped && 'interrupt' in stopped) return afterInterrupt(leg, stopped.interrupt);
    if (prompt.verb !== 'Pause') prompts.push(prompt.verb === 'Say' ? prompt.text : prompt.url);
    // The first key stops the prompts (Twilio's barge-in).
    if (stopped) {
      bargedIn = stopped.value;
      break;
    }
  }
  const prompt: GatherPrompt = {
    index: leg.gatherCount++,
    numDigits: verb.numDigits,
    timeout: verb.timeout,
    finishOnKey: verb.finishOnKey,
    prompts,
    documentPath: relativePath(leg.world.publicUrl, documentUrl),
  };
  const keys: CallerKeys | typeof LIVE = bargedIn ?? (await callerKeys(leg, prompt));
  if (leg.ended) return { kind: 'end', outcome: leg.outcome ?? 'completed' };
  if (keys === HANG_UP) {
    leg.record({ type: 'gather', gather: { ...prompt, digits: null, finishedOnKey: '' } });
    leg.record({ type: 'caller-hung-up' });
    return { kind: 'end', outcome: 'hung-up' };
  }

  const input = new KeyInput(verb);
  if (keys === LIVE || bargedIn !== null) {
    if (bargedIn !== null) input.take(bargedIn);
    // Twilio waits `timeout` seconds after each key (or for the first one) before submitting.
    while (!input.complete) {
      const pressed = await waitOn(leg, verb.timeout, (notice) => (notice.type === 'keys' ? notice.keys : undefined));
      if (pressed && 'interrupt' in pressed) return afterInterrupt(leg, pressed.interrupt);
      if (!pressed) break;
      input.take(pressed.value);
    }
  } else {
    for (const key of keys ?? '') {
      if (!PHONE_KEYS.test(key)) throw new Error(`Script error: "${key}" is not a phone key (0-9, *, #)`);
      const stopped = await waitOn(leg, SECONDS_PER_KEY);
      if (stopped && 'interrupt' in stopped) return afterInterrupt(leg, stopped.interrupt);
      if (input.take(key)) break;
    }
    // Without numDigits or finishOnKey, Twilio waits `timeout` seconds after the last key, then submits.
    if (!input.complete) {
      const stopped = await waitOn(leg, verb.timeout);
      if (stopped && 'interrupt' in stopped) return afterInterrupt(leg, stopped.interrupt);
    }
  }

  const submitted = input.digits !== '' || verb.actionOnEmptyResult;
  leg.record({ type: 'gather', gather: { ...prompt, digits: submitted ? input.digits : null, finishedOnKey: input.finishedOnKey } satisfies GatherRecord });
  // No input (or only the finish key): Twilio skips the action and runs the next verb.
  if (!submitted) return { kind: 'continue' };
  return {
    kind: 'fetch',
    next: { url: resolveUrl(verb.action ?? documentUrl, documentUrl), method: verb.method, extra: { Digits: input.digits, FinishedOnKey: input.finishedOnKey } },
  };
}

/** Keys as a Gather collects them: up to numDigits, or until the finish key. */
class KeyInput {
  digits = '';
  finishedOnKey = '';
  complete = false;
  private readonly verb: GatherVerb;

  constructor(verb: GatherVerb) {
    this.verb = verb;
  }

  /** Takes keys in order; true once the Gather is complete (later keys are ignored). */
  take(keys: string): boolean {
    for (const key of keys) {
      if (this.complete) break;
      if (!PHONE_KEYS.test(key)) throw new Error(`"${key}" is not a phone key (0-9, *, #)`);
      if (this.verb.finishOnKey !== '' && key === this.verb.finishOnKey) {
        this.finishedOnKey = key;
        this.complete = true;
      } else {
        this.digits += key;
        if (this.verb.numDigits !== null && this.digits.length >= this.verb.numDigits) this.complete = true;
      }
    }
    return this.complete;
  }
}

function callerKeys(leg: Leg, prompt: GatherPrompt): Promise<CallerKeys | typeof LIVE> {
  const fallback = leg.scripted ? HANG_UP : LIVE;
  return pickStep<CallerKeys | typeof LIVE, GatherPrompt>(leg.script.digits, prompt.index, prompt, { whenMissing: fallback, whenExhausted: fallback });
}

export async function runRecord(leg: Leg, verb: RecordVerb, documentUrl: string): Promise<VerbResult> {
  const prompt: RecordPrompt = {
    index: leg.recordCount++,
    maxLength: verb.maxLength,
    playBeep: verb.playBeep,
    documentPath: relativePath(leg.world.publicUrl, documentUrl),
  };
  if (verb.playBeep) {
    leg.record({ type: 'heard', heard: { kind: 'beep' } });
    const stopped = await waitOn(leg, 1);
    if (stopped && 'interrupt' in stopped) return afterInterrupt(leg, stopped.interrupt);
  }
  leg.activity = { kind: 'silence' };
  const fallback = leg.scripted ? null : LIVE;
  const input = await pickStep<RecordInput | typeof LIVE, RecordPrompt>(leg.script.record, prompt.index, prompt, { whenMissing: fallback, whenExhausted: fallback });
  const startedAt = leg.world.scheduler.now();
  const target = {
    url: verb.recordingStatusCallback === null ? null : resolveUrl(verb.recordingStatusCallback, documentUrl),
    method: verb.recordingStatusCallbackMethod,
    events: verb.recordingStatusCallbackEvents,
    channels: 1 as const,
    startedAt,
  };

  let seconds: number;
  let digits: string;
  if (input === LIVE) {
    // The caller speaks until they press a finish key, hang up, or reach maxLength.
    const ended = await waitOn(leg, verb.maxLength, (notice) => (notice.type === 'keys' ? [...notice.keys].find((key) => verb.finishOnKey.includes(key)) : undefined));
    if (ended && 'interrupt' in ended && ended.interrupt.type !== 'hangup') return afterInterrupt(leg, ended.interrupt);
    seconds = Math.round((leg.world.scheduler.nowMillis - startedAt.getTime()) / 1000);
    digits = ended === null ? '' : 'interrupt' in ended ? 'hangup' : ended.value;
  } else if (input === null || input === HANG_UP) {
    // An empty recording: Twilio does not request the action and carries on with the next verb.
    const stopped = input === null ? await waitOn(leg, verb.timeout) : null;
    if (stopped && 'interrupt' in stopped) return afterInterrupt(leg, stopped.interrupt);
    leg.record({ type: 'record', recording: null, digits: input === null ? '' : 'hangup' });
    recordingCallbacks(leg, target, null, 'RecordVerb');
    if (input === null) return { kind: 'continue' };
    leg.record({ type: 'caller-hung-up' });
    return { kind: 'end', outcome: 'hung-up' };
  } else {
    seconds = Math.min(input.seconds, verb.maxLength);
    const endedBy = input.seconds >= verb.maxLength ? 'max-length' : (input.endedBy ?? 'hangup');
    if (endedBy !== 'hangup' && endedBy !== 'timeout' && endedBy !== 'max-length' && !verb.finishOnKey.includes(endedBy)) {
      throw new Error(`Script error: "${endedBy}" does not end this <Record> (finishOnKey="${verb.finishOnKey}")`);
    }
    digits = endedBy === 'hangup' ? 'hangup' : endedBy === 'timeout' || endedBy === 'max-length' ? '' : endedBy;
    const stopped = await waitOn(leg, seconds + (endedBy === 'timeout' ? verb.timeout : 0));
    if (stopped && 'interrupt' in stopped) return afterInterrupt(leg, stopped.interrupt);
  }

  const recording = newRecording(leg, 'RecordVerb', seconds, 1, startedAt);
  leg.record({ type: 'record', recording, digits });
  recordingCallbacks(leg, target, recording, 'RecordVerb');
  const next = { url: resolveUrl(verb.action ?? documentUrl, documentUrl), method: verb.method, extra: { ...recordingActionParams(recording), Digits: digits } };
  if (digits !== 'hangup') return { kind: 'fetch', next };
  // The caller hung up: Twilio still requests the action, but nobody is left to hear the answer.
  await notify(leg, next);
  leg.record({ type: 'caller-hung-up' });
  return { kind: 'end', outcome: 'hung-up' };
}
