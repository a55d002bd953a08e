// `<Dial>`: rings the nouns, plays out the scripted outcome, sends the child legs' status callbacks
// and recording callbacks, then requests the action (reference §2.3, §2.4, §3.1).

import { childLegFrom, rfc2822 } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import type { CallRun, VerbResult } from './call-run.ts';
import { calleeOf, planDial } from './dial.ts';
import type { PlannedLeg } from './dial.ts';
import { newRecording, recordingActionParams, recordingCallbacks } from './recordings.ts';
import { pickStep } from './script-steps.ts';
import type { CallProgressEvent, DialVerb } from './twiml.ts';
import type { DialAttempt, DialLeg, DialRecord, PendingCallback } from './types.ts';

export async function runDial(run: CallRun, verb: DialVerb, documentUrl: string): Promise<VerbResult> {
  const attempt: DialAttempt = {
    index: run.dialCount++,
    callees: verb.nouns.map(calleeOf),
    clients: verb.nouns.flatMap((noun) => (noun.kind === 'client' ? [{ identity: noun.identity, parameters: noun.parameters }] : [])),
    numbers: verb.nouns.flatMap((noun) => (noun.kind === 'number' ? [noun.number] : [])),
    timeout: verb.timeout,
    callerId: verb.callerId,
    record: verb.record,
    answerOnBridge: verb.answerOnBridge,
    action: verb.action,
  };
  const script = await pickStep(run.setup.script.dial, attempt.index, attempt, { whenMissing: {}, whenExhausted: {} });
  const plan = planDial(verb, script);
  const startedAt = run.elapsedSeconds;
  const legs = plan.legs.map((leg) => ({ ...leg, callSid: run.setup.newSid('CA') }));

  await sendLegCallbacks(run, verb, legs, startedAt, documentUrl);

  const winner = legs.find((leg) => leg.status === 'completed') ?? null;
  const recorded = verb.record !== 'do-not-record';
  const fromRinging = verb.record.startsWith('record-from-ringing');
  const recording = recorded && winner ? newRecording(run, 'DialVerb', plan.talkSeconds + (fromRinging ? (winner.answeredAt ?? 0) : 0)) : null;
  if (recorded) {
    const recordingStartsAt = startedAt + (fromRinging || !winner ? 0 : (winner.answeredAt ?? 0));
    run.elapsedSeconds = recordingStartsAt;
    await recordingCallbacks(
      run,
      {
        url: verb.recordingStatusCallback === null ? null : run.resolve(verb.recordingStatusCallback, documentUrl),
        method: verb.recordingStatusCallbackMethod,
        events: verb.recordingStatusCallbackEvents,
        channels: verb.record.endsWith('-dual') ? 2 : 1,
        startedAt: run.now(),
      },
      recording,
      'DialVerb',
    );
  }
  run.elapsedSeconds = startedAt + plan.elapsedSeconds;

  const record: DialRecord = {
    ...attempt,
    answeredBy: winner?.callee ?? null,
    dialCallStatus: plan.dialCallStatus,
    talkSeconds: plan.talkSeconds,
    legs: legs.map((leg): DialLeg => ({ callee: leg.callee, callSid: leg.callSid, status: leg.status })),
    recording,
  };
  run.events.push({ type: 'dial', dial: record });

  const extra: Params = { DialBridged: String(winner !== null), DialCallStatus: plan.dialCallStatus };
  // DialCallSid names the bridged leg; with a single noun Twilio reports that leg whatever happened [inferred].
  const reportedLeg = winner ?? (legs.length === 1 ? legs[0] : undefined);
  if (reportedLeg) extra.DialCallSid = reportedLeg.callSid;
  if (winner) extra.DialCallDuration = String(plan.talkSeconds);
  if (recording) Object.assign(extra, recordingActionParams(recording));

  const action = verb.action === null ? null : { url: run.resolve(verb.action, documentUrl), method: verb.method, extra };
  if (plan.callerHungUp) {
    if (action) await run.notify(action);
    run.events.push({ type: 'caller-hung-up' });
    return { kind: 'end', outcome: 'hung-up' };
  }
  // Without an action, TwiML carries on with the verb after the Dial.
  return action ? { kind: 'fetch', next: action } : { kind: 'continue' };
}

interface TimedCallback {
  readonly at: number;
  readonly order: number;
  readonly leg: PlannedLeg & { readonly callSid: string };
  readonly event: CallProgressEvent;
}

/** The `<Client statusCallback>` / `<Number statusCallback>` events of every leg, in time order. */
async function sendLegCallbacks(run: CallRun, verb: DialVerb, legs: readonly (PlannedLeg & { callSid: string })[], startedAt: number, documentUrl: string): Promise<void> {
  const timed: TimedCallback[] = [];
  let order = 0;
  for (const leg of legs) {
    const events = leg.noun.statusCallback?.events ?? [];
    const at: Record<CallProgressEvent, number | null> = { initiated: 0, ringing: 0, answered: leg.answeredAt, completed: leg.endedAt };
    for (const event of ['initiated', 'ringing', 'answered', 'completed'] as const) {
      const time = at[event];
      if (events.includes(event) && time !== null) timed.push({ at: time, order: order++, leg, event });
    }
  }
  timed.sort((a, b) => a.at - b.at || a.order - b.order);
  const from = verb.callerId ?? childLegFrom(run.setup.params.From ?? '');
  for (const { at, leg, event } of timed) {
    const callback = leg.noun.statusCallback;
    if (!callback) continue;
    run.elapsedSeconds = startedAt + at;
    const to = leg.noun.kind === 'client' ? `client:${leg.noun.identity}` : leg.noun.number;
    const status = event === 'completed' ? leg.status : event === 'answered' ? 'in-progress' : event;
    const params: Params = {
      AccountSid: run.params().AccountSid ?? '',
      ApiVersion: '2010-04-01',
      CallSid: leg.callSid,
      CallStatus: status,
      Called: to,
      Caller: from,
      CallbackSource: 'call-progress-events',
      Direction: 'outbound-dial',
      From: from,
      ParentCallSid: run.callSid,
      SequenceNumber: run.callbacks.nextSequenceNumber(leg.callSid),
      Timestamp: rfc2822(run.now()),
      To: to,
    };
    if (event === 'completed') {
      const duration = leg.answeredAt === null ? 0 : leg.endedAt - leg.answeredAt;
      params.CallDuration = String(duration);
      params.Duration = String(Math.ceil(duration / 60));
    }
    const pending: PendingCallback = { kind: 'call-status', url: run.resolve(callback.url, documentUrl), method: callback.method, params };
    await run.callbacks.emit(pending);
  }
}
