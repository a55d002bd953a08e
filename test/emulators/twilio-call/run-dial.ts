// `<Dial>` with `<Client>`/`<Number>`: rings every noun at once, bridges the first to answer and
// cancels the others, then requests the action when the bridge ends (reference twilio.md §2.3, §3.1).
// A REST redirect of the parent ends the Dial and hangs up the child (measured, twilio-conference.md
// §3.2 QIS25); a REST redirect of the bridged child ends the parent's Dial (see below).

import { childLegFrom } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import { calleeOf, planDial } from './dial-policy.ts';
import type { DialCallStatus } from './dial-policy.ts';
import type { Leg, TwimlSource } from './leg.ts';
import { DialRecording } from './dial-recording.ts';
import { recordingActionParams, recordingCallbacks } from './recordings.ts';
import { runConference } from './run-conference.ts';
import { ringLeg } from './ringing.ts';
import type { RingOverride } from './ringing.ts';
import { PRIORITY, TIMEOUT } from './scheduler.ts';
import { pickStep } from './script-steps.ts';
import type { DialNoun, DialVerb } from './twiml.ts';
import { afterInterrupt, asInterrupt, notify, resolveUrl, runTwiml } from './twiml-runner.ts';
import type { VerbResult } from './twiml-runner.ts';
import type { DialAttempt, DialRecord, DialScript } from './types.ts';

/**
 * [inferred] twilio-conference.md §3.2: when the bridged child leg is redirected by REST, the parent's
 * Dial ends as if the child had hung up (the action gets this DialCallStatus and the bridged time),
 * while the child keeps its media and runs the new TwiML. Not tested against Twilio.
 */
export const DIAL_STATUS_WHEN_CHILD_IS_REDIRECTED: DialCallStatus = 'completed';
/** What the Dial action reports when the caller hangs up while it rings [inferred, not documented]. */
const STATUS_WHEN_CALLER_GIVES_UP: DialCallStatus = 'canceled';

export async function runDial(leg: Leg, verb: DialVerb, documentUrl: string): Promise<VerbResult> {
  if (verb.conference) return runConference(leg, verb, verb.conference, documentUrl);
  const world = leg.world;
  const attempt: DialAttempt = {
    index: leg.dialCount++,
    callees: verb.nouns.map(calleeOf),
    clients: verb.nouns.flatMap((noun) => (noun.kind === 'client' ? [{ identity: noun.identity, parameters: noun.parameters }] : [])),
    numbers: verb.nouns.flatMap((noun) => (noun.kind === 'number' ? [noun.number] : [])),
    timeout: verb.timeout,
    callerId: verb.callerId,
    record: verb.record,
    answerOnBridge: verb.answerOnBridge,
    action: verb.action,
  };
  const script = leg.script.dial === undefined ? null : await pickStep<DialScript, DialAttempt>(leg.script.dial, attempt.index, attempt, { whenMissing: {}, whenExhausted: {} });
  const plan = script ? planDial(verb, script) : null;
  const startedAt = world.scheduler.nowMillis;
  leg.activity = { kind: 'ringback' };
  const children = verb.nouns.map((noun, index) => startChild(leg, verb, noun, documentUrl, plan?.policies[index]));
  if (plan?.callerHangsUpAfter != null) {
    world.scheduler.after(plan.callerHangsUpAfter, () => leg.mailbox.post({ type: 'hangup' }), PRIORITY.ends);
  }

  let winner: Leg | null = null;
  let bridgedAt = 0;
  let live: DialRecording | null = null;
  let callerHungUp = false;
  let redirectTo: TwimlSource | null = null;
  let ending: VerbResult | null = null;
  for (;;) {
    const deadline = winner ? bridgedAt + verb.timeLimit * 1000 : startedAt + verb.timeout * 1000;
    const notice = await leg.mailbox.next(Math.max(0, (deadline - world.scheduler.nowMillis) / 1000), PRIORITY.ends);
    if (notice === TIMEOUT) {
      // The ring timeout, or the Dial's timeLimit on a bridged call.
      if (winner) winner.end('completed', 'time-limit');
      else for (const child of children) child.end('no-answer', 'not-answered');
      break;
    }
    if (notice.type === 'dial') {
      if (!children.includes(notice.child)) continue;
      if (notice.event === 'answered' && !winner) {
        winner = notice.child;
        bridgedAt = world.scheduler.nowMillis;
        live = startRecording(leg, verb, bridgedAt, startedAt);
        for (const child of children) if (child !== winner) child.end('canceled', 'not-answered');
        leg.activity = { kind: 'bridge', with: winner };
        winner.activity = { kind: 'bridge', with: leg };
        continue;
      }
      if (notice.child === winner || (!winner && children.every((child) => child.ended))) break;
      continue;
    }
    if (notice.type === 'keys') {
      // hangupOnStar: the caller leaves the bridge and the flow continues.
      if (verb.hangupOnStar && winner && notice.keys.includes('*')) {
        winner.end('completed', 'completed');
        break;
      }
      continue;
    }
    const interrupt = asInterrupt(notice);
    if (!interrupt) continue;
    // The caller hung up, or REST hung up or redirected the parent: Twilio hangs up every child.
    for (const child of children) child.end(child === winner ? 'completed' : 'canceled', child === winner ? 'completed' : 'not-answered');
    if (interrupt.type === 'hangup') {
      callerHungUp = true;
      break;
    }
    if (interrupt.type === 'redirect') redirectTo = interrupt.to;
    else ending = afterInterrupt(leg, interrupt);
    break;
  }
  const endedAt = world.scheduler.nowMillis;
  if (winner) {
    leg.activity = { kind: 'silence' };
    if (winner.activity.kind === 'bridge') winner.activity = { kind: 'idle' };
  }

  const talkSeconds = winner ? Math.round((endedAt - bridgedAt) / 1000) : 0;
  const dialCallStatus: DialCallStatus = winner
    ? winner.ended ? 'completed' : DIAL_STATUS_WHEN_CHILD_IS_REDIRECTED
    : callerHungUp ? STATUS_WHEN_CALLER_GIVES_UP : statusOfUnanswered(children);
  const recording = recordDial(leg, verb, documentUrl, winner && live ? { live, answeredAt: bridgedAt, talkSeconds } : null, startedAt);
  const record: DialRecord = {
    ...attempt,
    answeredBy: winner ? calleeOf(verb.nouns[children.indexOf(winner)]!) : null,
    dialCallStatus,
    talkSeconds,
    legs: children.map((child, index) => ({ callee: calleeOf(verb.nouns[index]!), callSid: child.sid, status: child === winner ? 'completed' : legStatus(child) })),
    recording,
  };
  leg.record({ type: 'dial', dial: record });
  if (redirectTo) return { kind: 'redirect', to: redirectTo };
  if (ending) return ending;

  const extra: Params = { DialBridged: String(winner !== null), DialCallStatus: dialCallStatus };
  // DialCallSid names the bridged leg; with a single noun Twilio reports that leg whatever happened [inferred].
  const reported = winner ?? (children.length === 1 ? children[0] : undefined);
  if (reported) extra.DialCallSid = reported.sid;
  if (winner) extra.DialCallDuration = String(talkSeconds);
  if (recording) Object.assign(extra, recordingActionParams(recording));
  const action = verb.action === null ? null : { url: resolveUrl(verb.action, documentUrl), method: verb.method, extra };
  if (callerHungUp) {
    if (action) await notify(leg, action);
    leg.record({ type: 'caller-hung-up' });
    return { kind: 'end', outcome: 'hung-up' };
  }
  // Without an action, TwiML carries on with the verb after the Dial.
  return action ? { kind: 'fetch', next: action } : { kind: 'continue' };
}

function statusOfUnanswered(children: readonly Leg[]): DialCallStatus {
  const statuses = children.map(legStatus);
  if (statuses.includes('no-answer')) return 'no-answer';
  if (statuses.includes('canceled')) return 'canceled';
  if (statuses.includes('busy')) return 'busy';
  return 'failed';
}

function legStatus(leg: Leg): DialCallStatus {
  return leg.status === 'busy' || leg.status === 'failed' || leg.status === 'no-answer' || leg.status === 'canceled' ? leg.status : 'completed';
}

/** `<Dial record>` is under way from the bridge on (its start: the answer, or the ringing), and can be paused until it ends. */
function startRecording(leg: Leg, verb: DialVerb, answeredAt: number, dialStartedAt: number): DialRecording | null {
  if (verb.record === 'do-not-record') return null;
  const fromRinging = verb.record.startsWith('record-from-ringing');
  return new DialRecording(leg, verb.record.endsWith('-dual') ? 2 : 1, new Date(fromRinging ? dialStartedAt : answeredAt));
}

/** `<Dial record>`: from the answer (or from ringing) to the end of the bridge, less a skipped pause. */
function recordDial(leg: Leg, verb: DialVerb, documentUrl: string, bridge: { live: DialRecording; answeredAt: number; talkSeconds: number } | null, dialStartedAt: number) {
  if (verb.record === 'do-not-record') return null;
  const fromRinging = verb.record.startsWith('record-from-ringing');
  const startedAt = bridge ? bridge.live.stored.startTime : new Date(dialStartedAt);
  const channels = verb.record.endsWith('-dual') ? 2 : 1;
  const recording = bridge ? bridge.live.finish(bridge.talkSeconds + (fromRinging ? Math.round((bridge.answeredAt - dialStartedAt) / 1000) : 0)) : null;
  recordingCallbacks(
    leg,
    {
      url: verb.recordingStatusCallback === null ? null : resolveUrl(verb.recordingStatusCallback, documentUrl),
      method: verb.recordingStatusCallbackMethod,
      events: verb.recordingStatusCallbackEvents,
      channels,
      startedAt,
    },
    recording,
    'DialVerb',
  );
  return recording;
}

/** Places one child leg (Direction `outbound-dial`) and starts it ringing. */
function startChild(parent: Leg, verb: DialVerb, noun: DialNoun, documentUrl: string, override: RingOverride): Leg {
  const to = noun.kind === 'client' ? `client:${noun.identity}` : noun.number;
  const from = verb.callerId ?? childLegFrom(parent.from);
  const callback = noun.statusCallback;
  const child = parent.world.addLeg({
    direction: 'outbound-dial',
    from,
    to,
    parent,
    statusCallback: callback ? { url: resolveUrl(callback.url, documentUrl), method: callback.method, events: callback.events } : null,
    group: parent.group,
    requestOptions: parent.requestOptions,
    customParameters: noun.kind === 'client' ? noun.parameters : {},
  });
  child.onEnd(() => parent.mailbox.post({ type: 'dial', child, event: 'ended' }));
  parent.world.scheduler.spawn(() => childProgram(child, parent, override));
  return child;
}

/** A Dial child: rings, is bridged to its parent, and runs TwiML of its own if REST redirects it. */
async function childProgram(child: Leg, parent: Leg, override: RingOverride): Promise<void> {
  child.progress('initiated');
  const answered = await ringLeg(child, override, null);
  if (!answered) return;
  parent.mailbox.post({ type: 'dial', child, event: 'answered' });
  for (;;) {
    const notice = await child.mailbox.next();
    if (notice === TIMEOUT) continue;
    switch (notice.type) {
      case 'hangup':
        child.end('completed', 'hung-up');
        return;
      case 'api-hangup':
        child.end('completed', 'ended-by-api');
        return;
      case 'time-limit':
        child.end('completed', 'time-limit');
        return;
      case 'redirect':
        child.activity = { kind: 'idle' };
        parent.mailbox.post({ type: 'dial', child, event: 'left' });
        child.record({ type: 'redirected', to: 'twiml' in notice.to ? notice.to.twiml : notice.to.url });
        await runTwiml(child, notice.to);
        return;
      case 'ended':
        return;
      default:
        continue;
    }
  }
}
