import { ApiError, type ApiClient } from '@/api/client';
import type { PublicState } from '@/messaging/public-state';
import { ReplyError } from '@/messaging/router';
import type { CallInfo } from '@/phone/call-info';
import { crmMatchFrom, type CrmMatch } from '@/phone/call-params';
import type { PhoneCalls } from '@/phone/call-state';
import type { PhoneStateHub } from './phone-state-hub';

/**
 * When the rep is asked whether the server has the match yet, counted from the card's first showing
 * (1, 3, 6, 10 and 15 s): the server's lookup goes on at most 10 s past the ring's 1.5 s budget
 * (server/crm/zoho/caller-lookup.ts LATE_LOOKUP_TIMEOUT_MS), so the last ask comes after it has
 * ended, with room for a slow network. Five small requests at most per call.
 */
export const LATE_MATCH_DELAYS_MS: readonly number[] = [1_000, 2_000, 3_000, 4_000, 5_000];

/** How many calls the follower remembers having asked about (a call is never followed twice). */
const REMEMBERED_CALLS = 20;

/** The calls ringing, waiting or talked on that have no record yet (and a CallSid to ask about). */
function openCallsWithoutRecord(calls: PhoneCalls): CallInfo[] {
  const { current, waiting } = calls;
  const open = [current.kind === 'incoming' || current.kind === 'in-call' ? current.call : null, waiting];
  return open.filter((call): call is CallInfo => call !== null && call.record === null && call.callSid !== null);
}

/**
 * The calls whose card still says "the CRM did not answer in time" while they ring, wait or are talked
 * on: the server may learn the answer later, a match or that nobody has the number, and keep it on the
 * call (server/crm/caller-match.ts).
 */
export function callsAwaitingMatch(calls: PhoneCalls): CallInfo[] {
  return openCallsWithoutRecord(calls).filter((call) => call.crmLookup === 'unanswered');
}

export interface LateMatchDeps {
  hub: PhoneStateHub;
  /** The signed-in user's API client (throws not_signed_in). */
  api: () => Promise<ApiClient>;
  delaysMs?: readonly number[];
}

/**
 * Asking again is pointless: the rep is signed out (or the session was refused: the heartbeat signs the
 * rep out), or the server no longer has the call for the rep.
 */
const stops = (error: unknown): boolean =>
  (error instanceof ReplyError && error.code === 'not_signed_in') ||
  (error instanceof ApiError && (error.kind === 'unauthorized' || error.code === 'call_not_found'));

/**
 * Fills in the card of a call that rang before the CRM answered: while its card has no record, asks
 * `GET /api/calls/:sid/card` a few times (LATE_MATCH_DELAYS_MS), and puts the record on the call
 * (popup, page card, in-call panel) as soon as the server has it. When the server learned instead that
 * nobody has the number, the card says so as one the CRM answered in time would ("No matching record"),
 * and the remaining asks go on: a match the server learns afterwards still wins. A failed lookup
 * leaves "did not answer". Stops when the call ends, when the server no longer has the call for the
 * rep, once it has the record, or after the last ask. Nothing opens: only the card's words change.
 */
export function createLateMatch(deps: LateMatchDeps) {
  const { hub } = deps;
  const delays = deps.delaysMs ?? LATE_MATCH_DELAYS_MS;
  let followed: string[] = [];

  /** A followed call is still worth asking about: open, and no record yet (its card says "unanswered" or, learned late, "no record"). */
  const open = (callId: string) => openCallsWithoutRecord(hub.facts.calls).find((call) => call.callId === callId) ?? null;

  /**
   * The server's match for the call; null when it has none yet or could not be asked; 'gone' when asking
   * is pointless. Asked straight through the API client, not the controller's `serverCall`: a lookup the
   * card can do without must not make one timeout the phone's "can't reach the server", which refuses
   * the rep's outgoing calls until the next heartbeat. A failed ask is simply asked again at the next delay.
   */
  async function ask(callSid: string): Promise<CrmMatch | null | 'gone'> {
    try {
      const api = await deps.api();
      const card = await api.callCard(callSid);
      return crmMatchFrom(card.crmMatch);
    } catch (error) {
      return stops(error) ? 'gone' : null;
    }
  }

  async function follow(callId: string, callSid: string) {
    for (const delay of delays) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (!open(callId)) return;
      const match = await ask(callSid);
      if (match === 'gone') return;
      const call = open(callId);
      if (!call) return;
      if (!match) continue;
      if (match.record) {
        hub.apply({ type: 'crmMatched', callId, record: match.record, others: match.others });
        await hub.publish();
        return;
      }
      if (match.lookup === 'none' && call.crmLookup === 'unanswered') {
        hub.apply({ type: 'crmNoRecord', callId });
        await hub.publish();
      }
    }
  }

  function sync(state: PublicState) {
    for (const call of callsAwaitingMatch(state.calls)) {
      if (followed.includes(call.callId) || !call.callSid) continue;
      followed = [...followed.slice(-(REMEMBERED_CALLS - 1)), call.callId];
      void follow(call.callId, call.callSid).catch(() => undefined);
    }
  }
  hub.watch(sync);
}
