import { inboundCallParams, rfc2822, type Params } from '../../emulators/twilio-call/call-parameters.ts';
import { parseTwiml, type Verb } from '../../emulators/twilio-call/twiml.ts';
import type { TwilioEmulator } from '../../emulators/twilio-call/index.ts';
import { ACCOUNT_SID } from '../voice/voice-harness.ts';

let legCounter = 0;
const sid = (prefix: string, seed: string) => `${prefix}${Buffer.from(seed).toString('hex').padEnd(32, '0').slice(0, 32)}`;

/**
 * One incoming call driven webhook by webhook, as Twilio would make them, so a test can look at the
 * board between any two: the call arrives, the caller presses keys, a rep's phone rings, they answer,
 * the bridge ends, the call completes. Every request goes through the emulator (signed like Twilio's).
 */
export function callInSteps(twilio: TwilioEmulator, call: { from: string; to: string; seed: string; now: () => Date }) {
  const callSid = sid('CA', `call-${call.seed}`);
  const base = inboundCallParams({ callSid, accountSid: ACCOUNT_SID, from: call.from, to: call.to, callToken: '{}' });
  let next = '/twilio/voice';
  let dialAction: string | null = null;
  const sequence = new Map<string, number>();

  async function post(path: string, params: Params): Promise<Verb[]> {
    const { response } = await twilio.post(path, params);
    if (!response || response.status !== 200) throw new Error(`${path} → ${response?.status}`);
    const verbs = parseTwiml(await response.text());
    for (const verb of verbs) {
      if (verb.verb === 'Gather' && verb.action) next = relative(verb.action);
      if (verb.verb === 'Dial' && verb.action) dialAction = relative(verb.action);
    }
    return verbs;
  }
  const relative = (url: string) => {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  };
  const seq = (leg: string) => {
    const value = (sequence.get(leg) ?? -1) + 1;
    sequence.set(leg, value);
    return String(value);
  };

  return {
    callSid,
    /** The first webhook: the welcome and the top menu (or the ringing of a direct number). */
    arrive: () => post(next, { ...base, CallStatus: 'ringing' }),
    press: (digits: string) => post(next, { ...base, CallStatus: 'in-progress', Digits: digits, FinishedOnKey: '' }),
    /** A status callback of the rep's `<Dial><Client>` leg. */
    leg(rep: string, status: 'initiated' | 'ringing' | 'in-progress' | 'completed' | 'no-answer', durationSeconds?: number) {
      const legSid = sid('CA', `leg-${call.seed}-${rep}-${legCounter}`);
      const params: Params = {
        AccountSid: ACCOUNT_SID, ApiVersion: '2010-04-01', CallSid: legSid, CallStatus: status, Called: `client:${rep}`,
        Caller: call.from, CallbackSource: 'call-progress-events', Direction: 'outbound-dial', From: call.from,
        ParentCallSid: callSid, SequenceNumber: seq(legSid), Timestamp: rfc2822(call.now()), To: `client:${rep}`,
        ...(durationSeconds !== undefined ? { CallDuration: String(durationSeconds), Duration: String(Math.ceil(durationSeconds / 60)) } : {}),
      };
      return twilio.post('/twilio/status', params);
    },
    /** The next leg gets a new CallSid (a new round of ringing). */
    nextLeg: () => void legCounter++,
    /** The `<Dial>` action once the bridge ended. */
    bridgeEnded: (talkSeconds: number) => {
      if (!dialAction) throw new Error('no <Dial> yet');
      return post(dialAction, { ...base, CallStatus: 'in-progress', DialCallStatus: 'completed', DialCallDuration: String(talkSeconds) });
    },
    /** The parent call's final status callback. */
    completed: (durationSeconds: number) =>
      twilio.post('/twilio/status', {
        ...base, CallStatus: 'completed', CallDuration: String(durationSeconds), SequenceNumber: seq(callSid), Timestamp: rfc2822(call.now()),
      }),
  };
}
