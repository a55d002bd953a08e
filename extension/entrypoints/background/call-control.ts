import { ReplyError } from '@/messaging/router';
import type { CallInfo, CrmRecord } from '@/phone/call-info';
import { outgoingParams, type CallLanguage } from '@/phone/call-params';
import { CALL_START_TIMEOUT_MS, callProblemForTwilioError, type CallProblem } from '@/phone/call-problems';
import { CallStartError, outgoingCallBlocker } from '@/phone/call-start';
import { callLeftByAnswering, idleCalls, ringingCalls } from '@/phone/call-state';
import { callProblemCode, createCallStarts, type StartOutcome } from './call-starts';
import type { PhoneStateHub } from './phone-state-hub';
import type { PhoneTransport } from './phone-transport';

/**
 * How long a call (already showing "Calling…") waits for a phone that is still connecting to Twilio:
 * inside the start deadline, so the rep is told what actually stopped it rather than "timed out".
 */
export const READY_WAIT_MS = CALL_START_TIMEOUT_MS - 2_000;

export interface CallControlDeps {
  hub: PhoneStateHub;
  transport: PhoneTransport;
  now: () => number;
  newId: () => string;
  /** The rep's UI language, sent with outgoing calls (the server speaks refusals in it). Default ja-JP. */
  language?: () => Promise<CallLanguage>;
  /** Starts the phone (token, device, registration): for a phone that should be on but is not. */
  startPhone: () => Promise<void>;
  /** Asks the server for the rep's outgoing number again. */
  refreshOutgoingNumber: () => Promise<void>;
}

/**
 * Every way into a call and out of one that has not started: dial (page button, popup, launcher dialer,
 * redial) and accept (card, notification, shortcut) go through one readiness check and one start
 * deadline; a call that does not start ends with a reason every screen shows, and no wrap-up.
 */
export function createCallControl({ hub, transport, now, newId, language, startPhone, refreshOutgoingNumber }: CallControlDeps) {
  const { facts } = hub;

  /** A call that did not start: back to idle (no wrap-up), and every screen says why. */
  async function startFailed(call: CallInfo, outcome: StartOutcome) {
    const at = now();
    hub.apply({ type: 'startFailed', callId: call.callId, at });
    facts.callProblem = outcome === 'canceled' ? null : { reason: outcome, direction: call.direction, number: call.number, at };
    await hub.publish();
  }
  const starts = createCallStarts({
    onFailed: startFailed,
    drop: (callId) => transport.send({ target: 'offscreen', type: 'hangUp', callId }),
  });

  /** A call refused before it starts: nothing changes but the notice saying why. */
  async function refuse(reason: CallProblem, number: string | null): Promise<ReplyError> {
    facts.callProblem = { reason, direction: 'outgoing', number, at: now() };
    await hub.publish();
    return new ReplyError(callProblemCode(reason), `The call cannot start (${reason})`);
  }

  /** The readiness check of an outgoing call, now. */
  async function outgoingBlocker(): Promise<CallProblem | null> {
    const blocker = outgoingCallBlocker(await hub.currentState());
    if (blocker !== 'no-outgoing-number') return blocker;
    // Assigned since the rep signed in? Ask once before refusing.
    await refreshOutgoingNumber();
    return outgoingCallBlocker(await hub.currentState());
  }

  /**
   * A phone still connecting (just switched online; or its document was closed and it is started again
   * here) gets READY_WAIT_MS to become ready; then the same readiness check decides.
   */
  async function phoneReady(): Promise<void> {
    if (facts.registration === 'unregistered') {
      await startPhone().catch(() => undefined);
      await hub.publish();
    }
    const settled = await hub.stateWhen((next) => next.status !== 'connecting', READY_WAIT_MS);
    // The call being started is the rep's: only the phone itself is checked again.
    const blocker = outgoingCallBlocker({ ...settled, calls: idleCalls });
    if (blocker) throw new CallStartError(blocker);
  }

  /** The call being dialled, ringing out or talked on: what "hang up" ends (an outgoing call may not be open yet). */
  const activeCall = (): CallInfo | null => {
    const current = facts.calls.current;
    return current.kind === 'dialing' || current.kind === 'ringing-out' || current.kind === 'in-call' ? current.call : null;
  };
  /** The ringing call with this id, or the one the main card shows (the shortcut's), else the waiting one. */
  const ringingCall = (callId?: string): CallInfo | null => {
    const ringing = ringingCalls(facts.calls);
    return (callId ? ringing.find((call) => call.callId === callId) : ringing[0]) ?? null;
  };

  /** Ends a call without its wrap-up: one still starting is abandoned, else the phone hangs it up. */
  async function abandon(callId: string) {
    if (starts.abort(callId, 'canceled')) return;
    await transport.send({ target: 'offscreen', type: 'hangUp', callId });
  }

  return {
    activeCall,
    ringingCall,

    /**
     * Refused at once with the reason (offline, Twilio unreachable, busy…), or shown as "Calling…" at once
     * and started within the deadline; a phone still connecting is waited for inside that deadline.
     */
    async dial(to: string, record: CrmRecord | null) {
      facts.callProblem = null;
      const blocker = await outgoingBlocker();
      if (blocker && blocker !== 'connecting') throw await refuse(blocker, to);
      const callId = newId();
      const call: CallInfo = {
        callId, direction: 'outgoing', number: to, calledNumber: null, calledLabel: null, ivrPath: [], callSid: null, record,
      };
      hub.apply({ type: 'dialRequested', call, at: now() });
      await hub.publish();
      const params = outgoingParams(to, record, (await language?.().catch(() => null)) ?? 'ja-JP');
      await starts.start(call, async () => {
        if (blocker === 'connecting') await phoneReady();
        await transport.send({ target: 'offscreen', type: 'connect', callId, params, call });
      });
      return { callId };
    },

    /**
     * Answers the ringing call: it must still ring, and it must connect within the start deadline.
     * Answering the waiting caller first lets go of the call it replaces (callLeftByAnswering).
     */
    async accept(callId?: string) {
      const call = ringingCall(callId);
      if (!call) throw new ReplyError('no_call', 'No call is ringing');
      facts.callProblem = null;
      const left = callLeftByAnswering(facts.calls, call.callId);
      // Already gone (the caller hung up a moment ago) is as good as let go.
      if (left?.end === 'reject') await transport.send({ target: 'offscreen', type: 'reject', callId: left.call.callId }).catch(() => undefined);
      if (left?.end === 'hangUp') await abandon(left.call.callId).catch(() => undefined);
      const stillRinging = () => ringingCall(call.callId) !== null;
      await starts.start(call, async () => {
        await transport.send({ target: 'offscreen', type: 'accept', callId: call.callId });
        await hub.stateWhen(() => !stillRinging(), CALL_START_TIMEOUT_MS);
        // Connected, or gone (the caller hung up, another rep answered): either way it is not starting any more.
        if (stillRinging()) throw new CallStartError('timed-out');
      });
    },

    /** Hangs up the active call; one still starting is abandoned (no wrap-up: Twilio never had it). */
    async hangUp() {
      const call = activeCall();
      if (call) await abandon(call.callId);
      else await transport.send({ target: 'offscreen', type: 'hangUp' });
    },

    /** The phone is going away (offline, signed out): calls still starting end now, quietly (the rep did it). */
    cancelStarts() {
      starts.abortAll('canceled');
    },

    /** The rep closed the notice about a call that did not start. */
    async dismissProblem() {
      if (!facts.callProblem) return;
      facts.callProblem = null;
      await hub.publish();
    },

    /**
     * A Twilio error on a call (callId) or on the phone (null). A call still starting ends with its
     * reason; so does a call that never rang. Signalling lost ends every start under way.
     */
    async onTwilioError(code: number, callId: string | null, lostTwilio: boolean) {
      const reason = callProblemForTwilioError(code);
      if (!callId) {
        if (lostTwilio) starts.abortAll('twilio-unreachable');
        return;
      }
      if (starts.abort(callId, reason)) return;
      const current = facts.calls.current;
      if (current.kind === 'dialing' && current.call.callId === callId) await startFailed(current.call, reason);
      else hub.apply({ type: 'ended', callId, reason: 'failed', at: now() });
    },

    /** A new call rings: an old notice gives way to it. */
    onIncoming() {
      facts.callProblem = null;
    },
  };
}
export type CallControl = ReturnType<typeof createCallControl>;
