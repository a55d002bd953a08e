import type { CallInvite } from '@/phone/call-info';
import { customerPresent, othersStay, yourParty, type LiveCallView } from './live-call-view';

/**
 * Who gets the after-call note (issue 11): the rep who finishes the call. Not a rep who handed it over
 * (blind transfer, completed consult), not one who left while others carry on with the customer, not
 * a colleague who only joined (a consult, an added party), and never a supervisor's monitoring leg,
 * unless they took the call over (they barged in and the rep left them with the customer).
 *
 * - `wrap-up`: the call is over and it was the rep's (or it never was in a room: a plain call).
 * - `no-wrap-up`: known at once (the rep's own hand-over, a monitoring leg).
 * - `ask-server`: others were on the call when the rep's leg ended; whether it went on without them is
 *   the server's to say (`afterServerView`), once it has seen the rep leave.
 */
export type AfterLeg = 'wrap-up' | 'no-wrap-up' | 'ask-server';

export function afterLegEnded(input: {
  invite: CallInvite | null | undefined;
  /** The rep's own request ended their part: a blind transfer, a completed consult, Leave. */
  handedOver: boolean;
  /** The call as last seen while the rep was on it (null: never in a room). */
  view: LiveCallView | null;
}): AfterLeg {
  const view = input.view;
  if (input.handedOver) return 'no-wrap-up';
  if (input.invite?.purpose === 'monitor' && !(view && yourParty(view))) return 'no-wrap-up';
  if (!view || view.state !== 'live') return 'wrap-up';
  const handoverOnItsWay = view.handover !== null;
  const someoneElse = othersStay(view) || handoverOnItsWay || view.parties.some((party) => !party.you && party.kind !== 'customer' && party.state === 'ringing');
  return someoneElse || !view.owner?.you ? 'ask-server' : 'wrap-up';
}

/** Whether the server's view already reflects the rep's leaving (or the end of the call). */
export function showsLeft(view: LiveCallView): boolean {
  return view.state === 'ended' || !view.parties.some((party) => party.you && party.kind === 'rep');
}

/** The server's view after the rep left: due only if the call is over and it was theirs at the end. */
export function afterServerView(view: LiveCallView): 'wrap-up' | 'no-wrap-up' {
  if (view.state === 'live' && customerPresent(view)) return 'no-wrap-up';
  return view.owner?.you ? 'wrap-up' : 'no-wrap-up';
}

/**
 * A note not due after all: `taken-over` when the call ended as someone else's although the rep had it
 * when their leg ended (a barging supervisor took it over, and Twilio told of the rep's leave only after
 * the customer's), so their form, open all this time, says so and keeps what they typed; `gone` when the
 * call went on without them (they left it to others knowingly), or it never was theirs.
 */
export function notDueBecause(view: LiveCallView, hadIt: boolean): 'taken-over' | 'gone' {
  return hadIt && !(view.state === 'live' && customerPresent(view)) ? 'taken-over' : 'gone';
}
