// `<Gather>` and `<Record>`: what the caller presses or says, and the action requests that follow
// (reference §2.2, §3.2, §3.4).

import type { CallRun, VerbResult } from './call-run.ts';
import { newRecording, recordingActionParams, recordingCallbacks } from './recordings.ts';
import { pickStep } from './script-steps.ts';
import type { GatherVerb, RecordVerb } from './twiml.ts';
import { HANG_UP } from './types.ts';
import type { CallerKeys, GatherPrompt, GatherRecord, RecordInput, RecordPrompt } from './types.ts';
import { relativePath } from './transport.ts';

const PHONE_KEYS = /^[0-9*#]$/;

export async function runGather(run: CallRun, verb: GatherVerb, documentUrl: string): Promise<VerbResult> {
  const prompts = verb.prompts.map((prompt) => run.prompt(prompt)).filter((heard): heard is string => heard !== null);
  const prompt: GatherPrompt = {
    index: run.gatherCount++,
    numDigits: verb.numDigits,
    timeout: verb.timeout,
    finishOnKey: verb.finishOnKey,
    prompts,
    documentPath: relativePath(run.setup.config.publicUrl, documentUrl),
  };
  const keys: CallerKeys = await pickStep(run.setup.script.digits, prompt.index, prompt, { whenMissing: HANG_UP, whenExhausted: HANG_UP });

  if (keys === HANG_UP) {
    run.events.push({ type: 'gather', gather: { ...prompt, digits: null, finishedOnKey: '' } });
    run.events.push({ type: 'caller-hung-up' });
    return { kind: 'end', outcome: 'hung-up' };
  }

  let digits = '';
  let finishedOnKey = '';
  let complete = false;
  for (const key of keys ?? '') {
    if (!PHONE_KEYS.test(key)) throw new Error(`Script error: "${key}" is not a phone key (0-9, *, #)`);
    run.elapsedSeconds += 1;
    if (verb.finishOnKey !== '' && key === verb.finishOnKey) {
      finishedOnKey = key;
      complete = true;
      break;
    }
    digits += key;
    if (verb.numDigits !== null && digits.length >= verb.numDigits) {
      complete = true;
      break;
    }
  }
  // Without numDigits or finishOnKey, Twilio waits `timeout` seconds after the last key, then submits.
  if (!complete) run.elapsedSeconds += verb.timeout;

  const submitted = digits !== '' || verb.actionOnEmptyResult;
  run.events.push({ type: 'gather', gather: { ...prompt, digits: submitted ? digits : null, finishedOnKey } satisfies GatherRecord });
  // No input (or only the finish key): Twilio skips the action and runs the next verb.
  if (!submitted) return { kind: 'continue' };
  return {
    kind: 'fetch',
    next: {
      url: run.resolve(verb.action ?? documentUrl, documentUrl),
      method: verb.method,
      extra: { Digits: digits, FinishedOnKey: finishedOnKey },
    },
  };
}

export async function runRecord(run: CallRun, verb: RecordVerb, documentUrl: string): Promise<VerbResult> {
  const prompt: RecordPrompt = {
    index: run.recordCount++,
    maxLength: verb.maxLength,
    playBeep: verb.playBeep,
    documentPath: relativePath(run.setup.config.publicUrl, documentUrl),
  };
  if (verb.playBeep) run.hear({ kind: 'beep' }, 1);
  const input: RecordInput = await pickStep(run.setup.script.record, prompt.index, prompt, { whenMissing: null, whenExhausted: null });
  const startedAt = run.now();
  const callbackTarget = {
    url: verb.recordingStatusCallback === null ? null : run.resolve(verb.recordingStatusCallback, documentUrl),
    method: verb.recordingStatusCallbackMethod,
    events: verb.recordingStatusCallbackEvents,
    channels: 1 as const,
    startedAt,
  };

  if (input === null || input === HANG_UP) {
    // An empty recording: Twilio does not request the action and carries on with the next verb.
    run.elapsedSeconds += input === null ? verb.timeout : 0;
    run.events.push({ type: 'record', recording: null, digits: input === null ? '' : 'hangup' });
    await recordingCallbacks(run, callbackTarget, null, 'RecordVerb');
    if (input === null) return { kind: 'continue' };
    run.events.push({ type: 'caller-hung-up' });
    return { kind: 'end', outcome: 'hung-up' };
  }

  const seconds = Math.min(input.seconds, verb.maxLength);
  const endedBy = input.seconds >= verb.maxLength ? 'max-length' : (input.endedBy ?? 'hangup');
  if (endedBy !== 'hangup' && endedBy !== 'timeout' && endedBy !== 'max-length' && !verb.finishOnKey.includes(endedBy)) {
    throw new Error(`Script error: "${endedBy}" does not end this <Record> (finishOnKey="${verb.finishOnKey}")`);
  }
  const digits = endedBy === 'hangup' ? 'hangup' : endedBy === 'timeout' || endedBy === 'max-length' ? '' : endedBy;
  run.elapsedSeconds += seconds + (endedBy === 'timeout' ? verb.timeout : 0);
  const recording = newRecording(run, 'RecordVerb', seconds);
  run.events.push({ type: 'record', recording, digits });
  await recordingCallbacks(run, callbackTarget, recording, 'RecordVerb');

  const next = {
    url: run.resolve(verb.action ?? documentUrl, documentUrl),
    method: verb.method,
    extra: { ...recordingActionParams(recording), Digits: digits },
  };
  if (digits !== 'hangup') return { kind: 'fetch', next };
  // The caller hung up: Twilio still requests the action, but nobody is left to hear the answer.
  await run.notify(next);
  run.events.push({ type: 'caller-hung-up' });
  return { kind: 'end', outcome: 'hung-up' };
}
