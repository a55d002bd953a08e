import type { Kysely } from 'kysely';
import type { CallRoom, StoredParty } from '../../store/call-parties.ts';
import { bridgeOf } from '../../store/recording-pause.ts';
import type { Database } from '../../store/schema.ts';
import { callerNumber } from '../../voice/caller-id.ts';
import { CUSTOMER_LABEL, repLabel } from '../../voice/room.ts';
import { ownerUnsettled } from '../../voice/wrap-up-owner.ts';

/**
 * A call as the extension's call card and the supervisor's list show it: who is on it and in what
 * state, whether the customer is on hold (and since when), whether the recording is paused, and any
 * transfer on its way.
 */
export interface LiveParty {
  label: string;
  kind: 'customer' | 'rep' | 'guest' | 'supervisor';
  purpose: string;
  userId: string | null;
  name: string | null;
  number: string | null;
  state: 'ringing' | 'talking' | 'held';
  monitor: 'listen' | 'whisper' | 'barge' | null;
  invitedBy: string | null;
  since: string | null;
}

export interface LiveCall {
  callSid: string;
  direction: 'inbound' | 'outbound';
  state: 'joining' | 'live' | 'ended' | 'not-in-room';
  /** The customer's number, or null when withheld. */
  customerNumber: string | null;
  calledNumber: string | null;
  calledLabel: string | null;
  ivrPath: string[];
  crmRecord: Record<string, string> | null;
  ownerId: string | null;
  /** The owner's name, also once the room is over and nobody is listed in it any more. */
  ownerName: string | null;
  /**
   * The room is over but Twilio has not reported everyone leaving: the owner may still change (a barging
   * supervisor the rep left takes the call over when the rep's leave comes), so whose wrap-up it is waits.
   */
  ownerPending: boolean;
  answeredAt: string | null;
  hold: { since: string } | null;
  /** The room's recording: null when the call is not recorded; paused since when, and by whom. */
  recording: { state: 'on' } | { state: 'paused'; since: string; by: string | null } | null;
  /** A consult, transfer or ring-back still on its way. */
  handover: { label: string; purpose: string; state: 'ringing' | 'talking'; userId: string | null; number: string | null; invitedBy: string | null } | null;
  parties: LiveParty[];
}

const PRESENT = new Set(['ringing', 'talking', 'held']);

export async function liveCallOf(db: Kysely<Database>, room: CallRoom): Promise<LiveCall> {
  const stored = room.room === null && (await bridgeOf(db, room.callSid))?.live ? bridgeParties(room) : room.parties;
  const parties = room.roomState === 'joining' ? stored.map((party) => onTheBridge(party, room.answeredAt)) : stored;
  const userIds = [...new Set([...parties.flatMap((party) => (party.userId ? [party.userId] : [])), ...(room.ownerId ? [room.ownerId] : [])])];
  const users = userIds.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : [];
  const names = new Map(users.map((user) => [user.id, user.name]));
  const present = parties.filter((party) => PRESENT.has(party.state));
  const customer = present.find((party) => party.label === CUSTOMER_LABEL);
  const handover = present.find(
    (party) => party.purpose === 'consult' || ((party.purpose === 'transfer' || party.purpose === 'recall') && party.state === 'ringing'),
  );
  return {
    callSid: room.callSid,
    direction: room.direction,
    state: room.roomState ?? 'not-in-room',
    customerNumber: callerNumber(room.customerNumber),
    calledNumber: room.ourNumber,
    calledLabel: room.numberLabel,
    ivrPath: room.ivrPath,
    crmRecord: room.crmRecord,
    ownerId: room.ownerId,
    ownerName: room.ownerId ? (names.get(room.ownerId) ?? room.ownerId) : null,
    ownerPending: ownerUnsettled(room.roomState === 'ended' || !customer, room.parties),
    answeredAt: room.answeredAt?.toISOString() ?? null,
    hold: customer?.state === 'held' && customer.heldSince ? { since: customer.heldSince.toISOString() } : null,
    recording: room.recording && (room.recording.state === 'paused' ? { state: 'paused', since: room.recording.since.toISOString(), by: room.recording.by } : { state: 'on' }),
    handover: handover
      ? {
          label: handover.label,
          purpose: handover.purpose,
          state: handover.state === 'ringing' ? 'ringing' : 'talking',
          userId: handover.userId,
          number: handover.number,
          invitedBy: handover.invitedBy,
        }
      : null,
    parties: present.map((party) => ({
      label: party.label,
      kind: party.kind,
      purpose: party.purpose,
      userId: party.userId,
      name: party.userId ? (names.get(party.userId) ?? party.userId) : null,
      number: party.label === CUSTOMER_LABEL ? callerNumber(room.customerNumber) : party.number,
      state: party.state as LiveParty['state'],
      monitor: party.monitor,
      invitedBy: party.invitedBy,
      since: (party.state === 'held' ? party.heldSince : party.joinedAt)?.toISOString() ?? null,
    })),
  };
}

/**
 * A call on its way into its room (`joining`: a moment at every answer, longer while a failed move is
 * tried again) has its customer and rep stored as `ringing` until Twilio reports each leg's join, yet
 * they were answered and talk on the ring `<Dial>`'s bridge until the room takes them. Only the view
 * says so: the stored `ringing` is what the join event, the room's end (never joined: `failed`) and
 * the join TwiML go by.
 */
function onTheBridge(party: StoredParty, answeredAt: Date | null): StoredParty {
  if (party.state !== 'ringing' || (party.purpose !== 'customer' && party.purpose !== 'answer')) return party;
  return { ...party, state: 'talking', joinedAt: party.joinedAt ?? answeredAt };
}

/**
 * A call that stayed a plain bridge (its move into the room failed) has no parties stored: the
 * customer and its owner are on it, talking since the answer (its pause control reads them).
 */
function bridgeParties(room: CallRoom): StoredParty[] {
  const party = (fields: Pick<StoredParty, 'id' | 'label' | 'kind' | 'purpose' | 'userId'>): StoredParty => ({
    ...fields,
    number: null,
    legSid: null,
    state: 'talking',
    monitor: null,
    invitedBy: null,
    note: null,
    joinedAt: room.answeredAt,
    leftAt: null,
    heldSince: null,
    eventSeq: 0,
    sweptOut: false,
    leaving: false,
  });
  const customer = party({ id: 'bridge-customer', label: CUSTOMER_LABEL, kind: 'customer', purpose: 'customer', userId: null });
  return room.ownerId ? [customer, party({ id: 'bridge-rep', label: repLabel(room.ownerId), kind: 'rep', purpose: 'answer', userId: room.ownerId })] : [customer];
}
