import type { MonitorMode, PartyKind, PartyPurpose, PartyState, RoomState } from '../store/schema.ts';
import { bargerTakingOver, coachOf, done, planMonitor, planStopMonitor, takeOver, whisperFollows } from './monitoring.ts';
import { CUSTOMER_LABEL, guestLabel, repLabel, type PartyLabel } from './room.ts';
import { customerOf, IN_ROOM, isHandover, isPresent, othersThan, talks } from './room-parties.ts';

/**
 * Call control on a conference room, decided without I/O (docs/call-flow.md). Given what the room
 * looks like, a rep's or supervisor's request — or an event Twilio reported — becomes a plan: the
 * REST operations to run on the room, the history to record, and who owns the call afterwards.
 *
 * Rules this encodes (issue 11, twilio-conference.md §4):
 * - Only the customer has endConferenceOnExit; when nobody who talks (a rep, an outside party, a
 *   barging supervisor) is left or on the way, the server ends the room.
 * - Hold is the customer's participant `Hold`; a transfer or consult always starts by holding them.
 * - Blind transfer: the colleague is rung and the rep leaves at once; if nobody answers, the
 *   transferring rep is rung back, and if they do not answer either the caller is taken to voicemail
 *   (unless a supervisor barges in: the call is then theirs, monitoring.ts).
 * - Warm transfer (consult): the colleague joins while the customer waits on hold; complete = the
 *   customer is taken off hold and the rep leaves; cancel, a decline or no answer = back to the customer.
 *   A consulting rep who hangs up completes the transfer (or, while it still rings, makes it blind).
 *   A completed consult is an answered transfer: the colleague owns the call like any other.
 * - Add a party: rung with early media into the running conversation; anyone may leave. If the last
 *   of us left before they answered and they never do, the room ends as when the last of us leaves.
 * - Monitoring (monitoring.ts): listen (muted), whisper (coaching the leg of the rep who owns the
 *   call, following the call when it changes hands), barge (unmuted). A barging supervisor the owner
 *   leaves with the customer takes the call over.
 */

export type { MonitorMode, PartyKind, PartyPurpose, PartyState };

export interface Party {
  id: string;
  label: PartyLabel;
  kind: PartyKind;
  purpose: PartyPurpose;
  userId: string | null;
  number: string | null;
  legSid: string | null;
  state: PartyState;
  monitor: MonitorMode | null;
  invitedBy: string | null;
}

export interface RoomView {
  callSid: string;
  roomState: RoomState | null;
  /** The rep who owns the call now (`calls.rep_id`). */
  ownerId: string | null;
  parties: readonly Party[];
}

export type Target = { kind: 'user'; userId: string } | { kind: 'number'; e164: string };

export type ControlRequest =
  | { kind: 'hold' }
  | { kind: 'resume' }
  | { kind: 'transfer'; target: Target; mode: 'blind' | 'warm'; note: string | null }
  | { kind: 'complete-transfer' }
  | { kind: 'cancel-transfer' }
  | { kind: 'add'; target: Target }
  | { kind: 'leave' }
  | { kind: 'monitor'; mode: MonitorMode }
  | { kind: 'stop-monitor' };

/** Whom a whisper coaches: a participant's leg in the room now (Twilio's `CallSidToCoach`). */
export interface Coach {
  label: PartyLabel;
  legSid: string;
}

/** A supervisor's mode as Twilio is told it: a whisper always names the leg it coaches. */
export type MonitorSetting = { mode: 'whisper'; coach: Coach } | { mode: 'listen' | 'barge'; coach: null };

export interface Invitation {
  label: PartyLabel;
  kind: PartyKind;
  purpose: PartyPurpose;
  target: Target;
  invitedBy: string | null;
  note: string | null;
  /** The person who invited hears it ring inside the room. */
  earlyMedia: boolean;
  monitor: MonitorMode | null;
  /** Whisper: the leg this supervisor coaches (always given for a whisper). */
  coach: Coach | null;
}

export type RoomOperation =
  | { kind: 'hold'; on: boolean }
  | { kind: 'invite'; invitation: Invitation }
  | { kind: 'kick'; label: PartyLabel }
  | ({ kind: 'set-monitor'; label: PartyLabel } & MonitorSetting)
  /** A leg we rang that has not joined yet stops ringing (Calls `Status=canceled`). */
  | { kind: 'cancel'; label: PartyLabel; legSid: string }
  /**
   * A consult whose consulting rep hung up while it still rang becomes a blind transfer; a completed
   * consult becomes an answered transfer (no longer a handover on its way).
   */
  | { kind: 'repurpose'; label: PartyLabel; purpose: PartyPurpose }
  /** A barging supervisor left with the customer becomes a rep of the call (monitoring.ts). */
  | { kind: 'take-over'; label: PartyLabel }
  | { kind: 'end-room' }
  /** Out of the room to the number's voicemail (or an apology, for an outgoing call). */
  | { kind: 'customer-to-voicemail' };

export interface HistoryEvent {
  kind: string;
  actor: string | null;
  subject: string | null;
  details?: Record<string, unknown>;
}

export interface Plan {
  operations: RoomOperation[];
  history: HistoryEvent[];
  /** The new owner of the call, when it changes (`null`: nobody from our side is left). */
  owner?: string | null;
}

export type Refusal =
  | 'call_not_live'
  | 'not_a_party'
  | 'not_a_supervisor'
  | 'already_on_the_call'
  | 'cannot_transfer_to_self'
  | 'transfer_in_progress'
  | 'no_transfer_in_progress'
  | 'consult_not_connected'
  | 'nobody_to_coach'
  | 'caller_would_be_alone'
  | 'finish_monitored_call_first'
  | 'monitored_call_is_yours';

export type Decision = { ok: true; plan: Plan } | { ok: false; refusal: Refusal };

export interface Actor {
  id: string;
  role: 'admin' | 'supervisor' | 'rep';
}

const subjectOf = (target: Target) => (target.kind === 'user' ? target.userId : target.e164);

/** A transfer, consult or ring-back on its way: at most one at a time. */
function pendingHandover(view: RoomView): Party | undefined {
  return view.parties.find(isHandover);
}

/** Once complete, the consulted party stays as a transfer that was answered, so nothing waits on it any more. */
const handOver = (consult: Party): RoomOperation => ({ kind: 'repurpose', label: consult.label, purpose: 'transfer' });

function labelFor(view: RoomView, target: Target): PartyLabel {
  if (target.kind === 'user') return repLabel(target.userId);
  const guests = view.parties.filter((party) => party.kind === 'guest').length;
  return guestLabel(guests + 1);
}

function invitation(view: RoomView, target: Target, purpose: PartyPurpose, invitedBy: string, note: string | null = null): Invitation {
  return {
    label: labelFor(view, target),
    kind: target.kind === 'user' ? 'rep' : 'guest',
    purpose,
    target,
    invitedBy,
    note,
    earlyMedia: purpose !== 'transfer',
    monitor: null,
    coach: null,
  };
}

function isAlreadyThere(view: RoomView, target: Target): boolean {
  return view.parties.some(
    (party) => isPresent(party) && (target.kind === 'user' ? party.userId === target.userId : party.number === target.e164),
  );
}

const holdOn = (customer: Party): RoomOperation[] => (customer.state === 'held' ? [] : [{ kind: 'hold', on: true }]);
const holdOff = (customer: Party | undefined): RoomOperation[] => (customer?.state === 'held' ? [{ kind: 'hold', on: false }] : []);

/** A rep's or supervisor's request on a live call. */
export function planRequest(view: RoomView, actor: Actor, request: ControlRequest): Decision {
  const customer = customerOf(view);
  if (view.roomState !== 'live' || !customer) return { ok: false, refusal: 'call_not_live' };
  const own = view.parties.find((party) => party.userId === actor.id && IN_ROOM.has(party.state));

  if (request.kind === 'monitor') return planMonitor(view, actor, own, request.mode);
  if (request.kind === 'stop-monitor') return planStopMonitor(view, actor);
  if (request.kind === 'leave') {
    if (!own) return { ok: false, refusal: 'not_a_party' };
    // The history notes who left when Twilio reports it, whichever way they left.
    return done([{ kind: 'kick', label: own.label }], []);
  }
  if (own?.kind !== 'rep') return { ok: false, refusal: 'not_a_party' };
  const pending = pendingHandover(view);

  switch (request.kind) {
    // Holds go into the history when Twilio reports them, with how long they lasted.
    case 'hold':
      return done(holdOn(customer), []);
    case 'resume':
      if (pending?.purpose === 'consult') return { ok: false, refusal: 'transfer_in_progress' };
      return done(holdOff(customer), []);
    case 'transfer': {
      const refusal = targetRefusal(view, actor, request.target) ?? (pending ? 'transfer_in_progress' : null);
      if (refusal) return { ok: false, refusal };
      const history: HistoryEvent = {
        kind: request.mode === 'blind' ? 'transfer' : 'consult',
        actor: actor.id,
        subject: subjectOf(request.target),
        details: request.note ? { note: request.note } : {},
      };
      if (request.mode === 'warm') {
        return done([...holdOn(customer), { kind: 'invite', invitation: invitation(view, request.target, 'consult', actor.id, request.note) }], [history]);
      }
      return done(
        [...holdOn(customer), { kind: 'invite', invitation: invitation(view, request.target, 'transfer', actor.id, request.note) }, { kind: 'kick', label: own.label }],
        [history],
      );
    }
    case 'complete-transfer': {
      if (pending?.purpose !== 'consult' || pending.invitedBy !== actor.id) return { ok: false, refusal: 'no_transfer_in_progress' };
      if (pending.state !== 'talking') return { ok: false, refusal: 'consult_not_connected' };
      return {
        ok: true,
        plan: {
          // Repurposed before the rep is taken out, so their leaving finds no consult left to complete.
          operations: [
            handOver(pending),
            ...holdOff(customer),
            { kind: 'kick', label: own.label },
            ...(pending.kind === 'rep' ? whisperFollows(view, coachOf(pending)) : []),
          ],
          history: [{ kind: 'consult-complete', actor: actor.id, subject: pending.userId ?? pending.number }],
          ...(pending.kind === 'rep' ? { owner: pending.userId } : {}),
        },
      };
    }
    case 'cancel-transfer':
      if (pending?.purpose !== 'consult' || pending.invitedBy !== actor.id) return { ok: false, refusal: 'no_transfer_in_progress' };
      return done(
        [{ kind: 'kick', label: pending.label }, ...holdOff(customer)],
        [{ kind: 'consult-cancel', actor: actor.id, subject: pending.userId ?? pending.number }],
      );
    case 'add': {
      const refusal = targetRefusal(view, actor, request.target);
      if (refusal) return { ok: false, refusal };
      return done([{ kind: 'invite', invitation: invitation(view, request.target, 'add', actor.id) }], [
        { kind: 'add', actor: actor.id, subject: subjectOf(request.target) },
      ]);
    }
  }
}

function targetRefusal(view: RoomView, actor: Actor, target: Target): Refusal | null {
  if (target.kind === 'user' && target.userId === actor.id) return 'cannot_transfer_to_self';
  if (isAlreadyThere(view, target)) return 'already_on_the_call';
  return null;
}

/** Someone we rang through the REST API joined the room. */
export function planAfterJoin(view: RoomView, party: Party): Plan {
  const customer = customerOf(view);
  switch (party.purpose) {
    case 'transfer':
    case 'recall':
      return {
        // A whisper follows the call to the leg that has it now (a rep rung back is on a new leg).
        operations: [...holdOff(customer), ...(party.kind === 'rep' ? whisperFollows(view, coachOf(party)) : [])],
        history: [{ kind: `${party.purpose}-answered`, actor: null, subject: party.userId ?? party.number }],
        ...(party.kind === 'rep' ? { owner: party.userId } : {}),
      };
    case 'consult':
    case 'add':
      return { operations: [], history: [{ kind: `${party.purpose}-answered`, actor: null, subject: party.userId ?? party.number }] };
    case 'monitor': {
      // Barging into a call nobody of ours keeps any more (the rep left while this leg still rang).
      const present = view.parties.filter((other) => isPresent(other) && other.label !== CUSTOMER_LABEL).map((other) => (other.id === party.id ? party : other));
      const barger = customer && bargerTakingOver(view, present);
      if (!barger) return { operations: [], history: [] };
      const handed = takeOver(view, barger);
      return { operations: handed.operations, history: [handed.history], owner: barger.userId };
    }
    default:
      return { operations: [], history: [] };
  }
}

/**
 * Someone we rang never joined (declined, no answer, unreachable, cancelled). `inviterAvailable`:
 * whether the rep who made a blind transfer can be rung back now (online, not on another call).
 */
export function planAfterInviteFailed(view: RoomView, party: Party, outcome: string, inviterAvailable: boolean): Plan {
  const subject = party.userId ?? party.number;
  const customer = customerOf(view);
  if (!customer) return { operations: [], history: [] };
  // Nobody left to talk to: the caller would wait in a silent room until they gave up.
  const endIfAlone: RoomOperation[] = othersThan(view, party).some(talks) ? [] : [{ kind: 'end-room' }];
  // The rep handed the call on and it failed, with a barging supervisor on it: theirs now, rather
  // than a ring-back or voicemail while someone of ours is right there with the customer.
  const barger = bargerTakingOver(view, othersThan(view, party));
  if (barger && (party.purpose === 'transfer' || party.purpose === 'recall')) {
    const handed = takeOver(view, barger);
    const failed: HistoryEvent = { kind: `${party.purpose}-failed`, actor: null, subject, details: { outcome } };
    return { operations: handed.operations, history: [failed, handed.history], owner: barger.userId };
  }
  switch (party.purpose) {
    case 'consult': {
      const consulterStays = view.parties.some((other) => other.userId === party.invitedBy && IN_ROOM.has(other.state));
      return {
        operations: consulterStays ? holdOff(customer) : endIfAlone,
        history: [{ kind: 'consult-failed', actor: null, subject, details: { outcome } }],
      };
    }
    case 'transfer': {
      const history: HistoryEvent[] = [{ kind: 'transfer-failed', actor: null, subject, details: { outcome } }];
      if (party.invitedBy && inviterAvailable) {
        const recall: Invitation = { ...invitation(view, { kind: 'user', userId: party.invitedBy }, 'recall', party.invitedBy), earlyMedia: false };
        return { operations: [{ kind: 'invite', invitation: recall }], history: [...history, { kind: 'recall', actor: null, subject: party.invitedBy }] };
      }
      return { operations: [{ kind: 'customer-to-voicemail' }], history };
    }
    case 'recall':
      return { operations: [{ kind: 'customer-to-voicemail' }], history: [{ kind: 'recall-failed', actor: null, subject, details: { outcome } }] };
    case 'add':
      return { operations: endIfAlone, history: [{ kind: 'add-failed', actor: null, subject, details: { outcome } }] };
    default:
      return { operations: endIfAlone, history: [] };
  }
}

/**
 * Someone left the room. `view` still shows them as present. When nobody who talks is left or on the
 * way, the room ends (only the customer has endConferenceOnExit).
 */
export function planAfterLeave(view: RoomView, party: Party): Plan {
  if (party.label === CUSTOMER_LABEL) return { operations: [], history: [{ kind: 'customer-left', actor: null, subject: null }] };
  const customer = customerOf(view);
  if (!customer) return { operations: [], history: [] };
  const others = othersThan(view, party);
  const operations: RoomOperation[] = [];
  const history: HistoryEvent[] = [];
  let owner: string | null | undefined;
  /** Who has the call now, when it changed hands as this party left. */
  let carrier: Party | undefined;
  let completed: Party | undefined;

  const consult = others.find((other) => other.purpose === 'consult');
  if (party.purpose === 'consult' && IN_ROOM.has(party.state)) {
    // The colleague hung up during the consult: back to the customer.
    if (others.some((other) => other.userId === party.invitedBy && IN_ROOM.has(other.state))) operations.push(...holdOff(customer));
    history.push({ kind: 'consult-ended', actor: party.userId, subject: party.userId ?? party.number });
  } else if (consult && consult.invitedBy === party.userId) {
    if (consult.state === 'talking') {
      // The consulting rep hung up: the transfer is complete.
      operations.push(handOver(consult), ...holdOff(customer));
      history.push({ kind: 'consult-complete', actor: party.userId, subject: consult.userId ?? consult.number });
      completed = consult;
      if (consult.kind === 'rep') {
        owner = consult.userId;
        carrier = consult;
      }
    } else {
      operations.push({ kind: 'repurpose', label: consult.label, purpose: 'transfer' });
      history.push({ kind: 'transfer', actor: party.userId, subject: consult.userId ?? consult.number, details: { mode: 'blind', fromConsult: true } });
    }
  }

  const talkers = others.filter(talks);
  if (talkers.length === 0) operations.push({ kind: 'end-room' });
  const ownerLeft = party.kind === 'rep' && party.userId === view.ownerId;
  const onItsWay = others.some((other) => other !== completed && isHandover(other));
  if (owner === undefined && ownerLeft) {
    carrier = talkers.find((other) => other.kind === 'rep' && other.state === 'talking');
    owner = carrier?.userId ?? view.ownerId;
  }
  // Only a barging supervisor of ours is left talking with the customer: the call is theirs.
  const barger = carrier ? undefined : bargerTakingOver(view, others.filter((other) => other !== completed));
  if (barger) {
    const handed = takeOver({ ...view, parties: view.parties.filter((other) => other.id !== party.id) }, barger);
    operations.push(...handed.operations);
    history.push(handed.history);
    owner = barger.userId;
  } else if (talkers.length > 0) {
    // A whisper coached the owner's leg: it follows the call to whoever has it now. With nobody to
    // coach it goes back to listening, unless someone is on the way (their answer re-points it).
    if (carrier) operations.push(...whisperFollows(view, coachOf(carrier)));
    else if (ownerLeft && !onItsWay) operations.push(...whisperFollows(view, null));
  }
  return { operations, history, ...(owner !== undefined && owner !== view.ownerId ? { owner } : {}) };
}
