import { sql, type Kysely } from 'kysely';
import type { HistoryEvent, Invitation, Party, RoomView } from '../voice/call-control.ts';
import type { RecordingState } from '../voice/recording-pause.ts';
import type { PartyLabel } from '../voice/room.ts';
import { ownerUnsettled } from '../voice/wrap-up-owner.ts';
import type { CrmLookupVerdict, Database, MonitorMode, PartyKind, PartyPurpose, PartyState, RoomState } from './schema.ts';

/**
 * Who is in a call's room and what happened on it (docs/call-flow.md). Twilio may deliver room events
 * twice or out of order, and two server instances may handle them at once, so every write is a single
 * conditional statement: a party's state only follows a newer `SequenceNumber`, and once gone it
 * stays gone; the room's move and every call-control decision are compare-and-set on the call row.
 */

type Db = Kysely<Database>;

const PRESENT_STATES: PartyState[] = ['ringing', 'talking', 'held'];

export interface CallRoom extends RoomView {
  direction: 'inbound' | 'outbound';
  room: string | null;
  conferenceSid: string | null;
  customerLegSid: string | null;
  controlVersion: number;
  /** Our number: the one called (inbound) or the caller ID (outbound). */
  ourNumber: string | null;
  /** The customer's number as Twilio gave it (inbound `From`, outbound `To`). */
  customerNumber: string;
  numberLabel: string | null;
  ivrPath: string[];
  crmRecord: Record<string, string> | null;
  /** The caller lookup's verdict when it found no record (0019), or `pending` while it goes on (0021): what a colleague's card says. */
  crmLookup: CrmLookupVerdict | null;
  answeredAt: Date | null;
  /** The room's recording (0018): null when not recorded; paused since when, by whom. */
  recording: RecordingState | null;
  parties: StoredParty[];
}

export interface StoredParty extends Party {
  note: string | null;
  joinedAt: Date | null;
  leftAt: Date | null;
  heldSince: Date | null;
  eventSeq: number;
  /** Taken out by the room's end before their own leave was heard (it may still come, and be earlier). */
  sweptOut: boolean;
  /** Still listed, but Twilio was asked to take the leg out (`markLeaving`): its leave is awaited. */
  leaving: boolean;
}

/**
 * `outcome` of a party the room's end took out: their own `participant-leave` (or leg status) may
 * still come, late, with an earlier time; it then corrects when they left (`applyPartyEvent`).
 */
const SWEPT_OUT = 'room-ended';

/**
 * `outcome` of a party still listed whose leg we asked Twilio to take out: a kick (the participant is
 * gone at once, only Twilio's report of it is awaited), or a cancel of a leg still ringing (answered
 * meanwhile, it joins after all, and its join clears the mark).
 */
const TAKEN_OUT = 'taken-out';
const CANCELLING = 'cancelling';

function toParty(row: {
  id: string;
  label: string;
  kind: PartyKind;
  purpose: PartyPurpose;
  user_id: string | null;
  number: string | null;
  leg_sid: string | null;
  state: PartyState;
  monitor: MonitorMode | null;
  invited_by: string | null;
  note: string | null;
  outcome: string | null;
  joined_at: Date | null;
  left_at: Date | null;
  held_since: Date | null;
  event_seq: number;
}): StoredParty {
  return {
    id: String(row.id),
    label: row.label,
    kind: row.kind,
    purpose: row.purpose,
    userId: row.user_id,
    number: row.number,
    legSid: row.leg_sid,
    state: row.state,
    monitor: row.monitor,
    invitedBy: row.invited_by,
    note: row.note,
    joinedAt: row.joined_at,
    leftAt: row.left_at,
    heldSince: row.held_since,
    eventSeq: row.event_seq,
    sweptOut: row.state === 'left' && row.outcome === SWEPT_OUT,
    leaving: PRESENT_STATES.includes(row.state) && (row.outcome === TAKEN_OUT || row.outcome === CANCELLING),
  };
}

export async function loadCallRoom(db: Db, callSid: string): Promise<CallRoom | null> {
  const call = await db.selectFrom('calls').selectAll().where('call_sid', '=', callSid).executeTakeFirst();
  if (!call) return null;
  const parties = await db.selectFrom('call_parties').selectAll().where('call_sid', '=', callSid).orderBy('id').execute();
  return {
    callSid,
    direction: call.direction,
    roomState: call.room_state,
    ownerId: call.rep_id,
    room: call.room,
    conferenceSid: call.conference_sid,
    customerLegSid: call.customer_leg_sid,
    controlVersion: call.control_version,
    ourNumber: call.number_called,
    customerNumber: call.direction === 'inbound' ? call.from_number : call.to_number,
    numberLabel: call.number_label,
    ivrPath: call.ivr_path,
    crmRecord: call.crm_record,
    crmLookup: call.crm_lookup,
    answeredAt: call.answered_at,
    recording: recordingOf(call),
    parties: parties.map(toParty),
  };
}

function recordingOf(call: { recording: 'on' | 'paused' | null; recording_paused_at: Date | null; recording_paused_by: string | null }): RecordingState | null {
  if (call.recording === 'paused') return { state: 'paused', since: call.recording_paused_at ?? new Date(0), by: call.recording_paused_by };
  return call.recording === 'on' ? { state: 'on' } : null;
}

/** The call whose room this is (conference callbacks name the room; recordings name the ConferenceSid). */
export async function callOfConference(db: Db, conferenceSid: string): Promise<string | null> {
  const row = await db.selectFrom('calls').select('call_sid').where('conference_sid', '=', conferenceSid).executeTakeFirst();
  return row?.call_sid ?? null;
}

export interface RoomMove {
  callSid: string;
  room: string;
  customerLegSid: string;
  rep: { userId: string; legSid: string };
  now: Date;
}

/**
 * Claims the move of an answered call into its room, once per call whichever instance and callback
 * gets there first (a move tried again after one failed claims it the same way: one in flight per
 * call): the two legs become the room's first parties, on their way in. Never for a call that ended,
 * nor while its recording is paused (voice/late-move.ts). The claim is a call-control decision: a
 * recording change that read the call before it (a pause of the plain bridge) must read it again.
 */
export async function beginRoom(db: Db, move: RoomMove): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('calls')
      .set({ room: move.room, room_state: 'joining', customer_leg_sid: move.customerLegSid, control_version: sql<number>`control_version + 1` })
      .where('call_sid', '=', move.callSid)
      .where('room_state', 'is', null)
      .where('ended_at', 'is', null)
      .where((eb) => eb.or([eb('recording', 'is', null), eb('recording', '<>', 'paused')]))
      .returning('call_sid')
      .executeTakeFirst();
    if (!claimed) return false;
    await trx
      .insertInto('call_parties')
      .values([
        partyRow(move.callSid, { label: 'customer', kind: 'customer', purpose: 'customer', userId: null, legSid: move.customerLegSid }, move.now),
        partyRow(move.callSid, { label: `rep:${move.rep.userId}`, kind: 'rep', purpose: 'answer', userId: move.rep.userId, legSid: move.rep.legSid }, move.now),
      ])
      .execute();
    return true;
  });
}

function partyRow(
  callSid: string,
  party: { label: string; kind: PartyKind; purpose: PartyPurpose; userId: string | null; legSid: string | null; number?: string | null },
  now: Date,
) {
  return {
    call_sid: callSid,
    label: party.label,
    kind: party.kind,
    purpose: party.purpose,
    user_id: party.userId,
    number: party.number ?? null,
    leg_sid: party.legSid,
    state: 'ringing' as const,
    monitor: null,
    invited_by: null,
    note: null,
    outcome: null,
    invited_at: now,
    joined_at: null,
    left_at: null,
    held_since: null,
  };
}

/**
 * A move whose redirect failed (the leg had already hung up, or Twilio could not be reached): the call
 * stays a plain bridge, and may be claimed again. Only a move still on its way is undone.
 */
export async function abandonRoom(db: Db, callSid: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const undone = await trx
      .updateTable('calls')
      .set({ room: null, room_state: null, customer_leg_sid: null })
      .where('call_sid', '=', callSid)
      .where('room_state', '=', 'joining')
      .returning('call_sid')
      .executeTakeFirst();
    if (undone) await trx.deleteFrom('call_parties').where('call_sid', '=', callSid).execute();
  });
}

/** The history event of a call that went on as a plain bridge for a while (its move into the room failed). */
export const STAYED_PLAIN = 'room-move-failed';

/**
 * Whether the ring `<Dial record>`'s recording is a part of the call's conversation: the call never
 * moved into a room, or went on as a plain bridge for a while before it did. Otherwise it only holds
 * the instant between the answer and the move (the room records the call).
 */
export async function ringRecordingIsConversation(db: Db, callSid: string): Promise<boolean> {
  const call = await db.selectFrom('calls').select('room').where('call_sid', '=', callSid).executeTakeFirst();
  if (!call?.room) return true;
  const stayed = await db.selectFrom('call_events').select('id').where('call_sid', '=', callSid).where('kind', '=', STAYED_PLAIN).executeTakeFirst();
  return stayed !== undefined;
}

/** A plain bridge's answered `<Dial>` child, for moving the call into its room later. */
export interface BridgedLeg {
  callSid: string;
  direction: 'inbound' | 'outbound';
  /** The `<Dial>`'s child that answered and still goes on: the rep's browser (inbound) or the customer's phone (outbound). */
  childSid: string;
  /** The rep on the call: who answered (inbound) or who called (outbound). */
  repId: string;
}

export async function bridgedLegOf(db: Db, callSid: string): Promise<BridgedLeg | null> {
  const call = await db.selectFrom('calls').select(['direction', 'rep_id']).where('call_sid', '=', callSid).executeTakeFirst();
  if (!call?.rep_id) return null;
  const leg = await db
    .selectFrom('call_legs')
    .select('call_sid')
    .where('parent_call_sid', '=', callSid)
    .where('answered_at', 'is not', null)
    .where('ended_at', 'is', null)
    .where((eb) => (call.direction === 'inbound' ? eb('rep_id', '=', call.rep_id) : eb('rep_id', 'is', null)))
    .orderBy('answered_at', 'desc')
    .executeTakeFirst();
  return leg ? { callSid, direction: call.direction, childSid: leg.call_sid, repId: call.rep_id } : null;
}

/**
 * One call-control decision at a time per call: only the request that read version `expected` may
 * apply its plan. Returns false when another decision got there first.
 */
export async function claimControl(db: Db, callSid: string, expected: number, owner?: string | null): Promise<boolean> {
  const row = await db
    .updateTable('calls')
    .set({ control_version: expected + 1, ...(owner !== undefined ? { rep_id: owner } : {}) })
    .where('call_sid', '=', callSid)
    .where('control_version', '=', expected)
    .returning('call_sid')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setOwner(db: Db, callSid: string, owner: string | null): Promise<void> {
  await db.updateTable('calls').set({ rep_id: owner, control_version: sql<number>`control_version + 1` }).where('call_sid', '=', callSid).execute();
}

/** The room started: Twilio knows it by this ConferenceSid from now on. */
export async function roomLive(db: Db, callSid: string, conferenceSid: string): Promise<void> {
  await db
    .updateTable('calls')
    .set({ conference_sid: conferenceSid, room_state: sql<RoomState>`case when room_state = 'ended' then 'ended' else 'live' end` })
    .where('call_sid', '=', callSid)
    .execute();
}

export async function rememberConference(db: Db, callSid: string, conferenceSid: string): Promise<void> {
  await db.updateTable('calls').set({ conference_sid: conferenceSid }).where('call_sid', '=', callSid).where('conference_sid', 'is', null).execute();
}

/** The room is over: everyone still listed in it is gone. Returns the users who were in it. */
export async function roomEnded(db: Db, callSid: string, now: Date): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('calls').set({ room_state: 'ended' }).where('call_sid', '=', callSid).where('room', 'is not', null).execute();
    const gone = await trx
      .updateTable('call_parties')
      .set({
        state: sql<PartyState>`case when joined_at is null then 'failed' else 'left' end`,
        outcome: sql<string | null>`case when joined_at is null then outcome else ${SWEPT_OUT} end`,
        left_at: now,
        held_since: null,
      })
      .where('call_sid', '=', callSid)
      .where('state', 'in', PRESENT_STATES)
      .returning('user_id')
      .execute();
    return gone.flatMap((row) => (row.user_id ? [row.user_id] : []));
  });
}

/** A participant we are about to ring through the REST API; its id goes into the leg's callback URL. */
export async function insertInvitation(db: Db, callSid: string, invitation: Invitation, number: string | null, now: Date): Promise<string | null> {
  const row = await db
    .insertInto('call_parties')
    .values({
      ...partyRow(callSid, { label: invitation.label, kind: invitation.kind, purpose: invitation.purpose, userId: invitation.target.kind === 'user' ? invitation.target.userId : null, legSid: null, number }, now),
      monitor: invitation.monitor,
      invited_by: invitation.invitedBy,
      note: invitation.note,
    })
    // The label is taken by someone still present (a race with another decision): not invited twice.
    .onConflict((oc) => oc.columns(['call_sid', 'label']).where('state', 'in', PRESENT_STATES).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? String(row.id) : null;
}

export async function setPartyLeg(db: Db, partyId: string, legSid: string): Promise<void> {
  await db.updateTable('call_parties').set({ leg_sid: legSid }).where('id', '=', partyId).where('leg_sid', 'is', null).execute();
}

export async function setPartyPurpose(db: Db, callSid: string, label: PartyLabel, purpose: PartyPurpose): Promise<void> {
  await db.updateTable('call_parties').set({ purpose }).where('call_sid', '=', callSid).where('label', '=', label).where('state', 'in', PRESENT_STATES).execute();
}

export async function setPartyMonitor(db: Db, callSid: string, label: PartyLabel, mode: MonitorMode): Promise<void> {
  await db.updateTable('call_parties').set({ monitor: mode }).where('call_sid', '=', callSid).where('label', '=', label).where('state', 'in', PRESENT_STATES).execute();
}

/**
 * A barging supervisor who has the call now (the rep left them with the customer): a rep of the call
 * from here on, with its controls and duties; Twilio already hears them unmuted and coaching nobody.
 */
export async function takeOverParty(db: Db, callSid: string, label: PartyLabel): Promise<void> {
  await db
    .updateTable('call_parties')
    .set({ kind: 'rep', monitor: null })
    .where('call_sid', '=', callSid)
    .where('label', '=', label)
    .where('kind', '=', 'supervisor')
    .where('state', 'in', PRESENT_STATES)
    .execute();
}

/**
 * Whether a leave that could still hand the call to someone else is not heard yet: two or more of us
 * who could have it talked on it (reps, and supervisors who barged: one who only listened or
 * whispered never takes a call over), and one of them is still listed in the room, or only the room's
 * end took them out. With `endedAt`: when the call ended, for how long to wait on it.
 */
export async function leaveStillAwaited(db: Db, callSid: string): Promise<{ endedAt: Date | null } | null> {
  const call = await db.selectFrom('calls').select(['ended_at', 'room']).where('call_sid', '=', callSid).executeTakeFirst();
  if (!call?.room) return null;
  const ours = await db
    .selectFrom('call_parties')
    .select(['user_id', 'kind', 'monitor', 'state', 'outcome', 'joined_at'])
    .where('call_sid', '=', callSid)
    .where('user_id', 'is not', null)
    .where('joined_at', 'is not', null)
    .where((eb) => eb.or([eb('kind', '=', 'rep'), eb('monitor', '=', 'barge')]))
    .execute();
  const candidates = ours.map((party) => ({
    userId: party.user_id,
    kind: party.kind,
    monitor: party.monitor,
    state: party.state,
    joinedAt: party.joined_at,
    sweptOut: party.state === 'left' && party.outcome === SWEPT_OUT,
  }));
  // Asked once the call is over (its log, its wrap-up): the room is over too.
  return ownerUnsettled(true, candidates) ? { endedAt: call.ended_at } : null;
}

/**
 * Twilio took the party's leg out of the room (`kick`) or was asked to stop it ringing (`cancel`,
 * only while it has not joined: a join heard first means the cancel came too late). Until Twilio
 * reports the leg gone the party stays listed, `leaving`. The party, not its label: Twilio's answer
 * may come after its report of the leg gone, and a new leg may have the label by then.
 */
export async function markLeaving(db: Db, callSid: string, taken: { kind: 'kick'; partyId: string } | { kind: 'cancel'; legSid: string }): Promise<void> {
  let query = db.updateTable('call_parties').set({ outcome: taken.kind === 'kick' ? TAKEN_OUT : CANCELLING }).where('call_sid', '=', callSid);
  query =
    taken.kind === 'kick'
      ? query.where('id', '=', taken.partyId).where('state', 'in', PRESENT_STATES)
      : query.where('leg_sid', '=', taken.legSid).where('state', '=', 'ringing').where('joined_at', 'is', null);
  await query.execute();
}

/** An invitation that never joined (declined, no answer, unreachable): returns false if it had joined or was settled already. */
export async function markInviteFailed(db: Db, partyId: string, outcome: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('call_parties')
    .set({ state: 'failed', outcome, left_at: now })
    .where('id', '=', partyId)
    .where('state', '=', 'ringing')
    .where('joined_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface PartyEvent {
  callSid: string;
  legSid: string;
  label: string | null;
  sequenceNumber: number;
  at: Date;
}

/**
 * A room event for one participant: `join` (talking, or held if it joined on hold), `hold`, `unhold`,
 * `leave`. Returns the party as it was before the event when the event changed it, else null
 * (a duplicate, an older event, or a leg we never invited).
 */
export async function applyPartyEvent(
  db: Db,
  event: PartyEvent & { kind: 'join' | 'hold' | 'unhold' | 'leave'; held?: boolean },
): Promise<StoredParty | null> {
  return db.transaction().execute(async (trx) => {
    let row = await trx.selectFrom('call_parties').selectAll().where('leg_sid', '=', event.legSid).forUpdate().executeTakeFirst();
    if (!row && event.label) {
      // Our REST create and Twilio's join raced: the join came before we stored the leg.
      row = await trx
        .selectFrom('call_parties')
        .selectAll()
        .where('call_sid', '=', event.callSid)
        .where('label', '=', event.label)
        .where('state', 'in', PRESENT_STATES)
        .where('leg_sid', 'is', null)
        .forUpdate()
        .executeTakeFirst();
    }
    if (row && event.kind === 'leave' && row.state === 'left' && row.outcome === SWEPT_OUT) {
      // Their own leave, heard after the room's end took them out: it says when they really left,
      // and if that was before the end, the call went on without them (reactions.ts reads it then).
      const earlier = row.left_at === null || event.at < row.left_at;
      await trx
        .updateTable('call_parties')
        .set({ outcome: null, ...(earlier ? { left_at: event.at } : {}) })
        .where('id', '=', row.id)
        .execute();
      return earlier ? { ...toParty(row), state: 'talking', leftAt: null, sweptOut: true } : null;
    }
    if (!row || row.state === 'left' || row.state === 'failed') return null;
    const before = toParty(row);
    if (event.kind !== 'leave' && event.sequenceNumber <= row.event_seq) return null;
    const next =
      event.kind === 'leave'
        ? { state: 'left' as const, left_at: event.at, held_since: null }
        : event.kind === 'join'
          ? {
              state: event.held ? ('held' as const) : ('talking' as const),
              joined_at: row.joined_at ?? event.at,
              held_since: event.held ? event.at : null,
              // Answered before our cancel reached it: on the call after all.
              ...(row.outcome === CANCELLING ? { outcome: null } : {}),
            }
          : event.kind === 'hold'
            ? { state: 'held' as const, joined_at: row.joined_at ?? event.at, held_since: row.held_since ?? event.at }
            : { state: 'talking' as const, joined_at: row.joined_at ?? event.at, held_since: null };
    if (event.kind !== 'leave' && next.state === row.state && row.joined_at) return null;
    await trx
      .updateTable('call_parties')
      // Gone is final, so a leave orders nothing after it: `legEnded` gives no SequenceNumber (a sentinel past the column's range).
      .set({ ...next, leg_sid: event.legSid, event_seq: event.kind === 'leave' ? row.event_seq : Math.max(event.sequenceNumber, row.event_seq) })
      .where('id', '=', row.id)
      .execute();
    return before;
  });
}

/** The call's history; `dedupeKey` makes a retried callback record its event once. */
export async function recordHistory(db: Db, callSid: string, events: readonly HistoryEvent[], at: Date, dedupeKey?: string): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('call_events')
    .values(
      events.map((event, index) => ({
        call_sid: callSid,
        at,
        kind: event.kind,
        actor: event.actor,
        subject: event.subject,
        details: JSON.stringify(event.details ?? {}),
        dedupe_key: dedupeKey ? `${dedupeKey}#${index}` : null,
      })),
    )
    .onConflict((oc) => oc.columns(['call_sid', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
    .execute();
}

export interface HistoryRow {
  at: Date;
  kind: string;
  actor: string | null;
  subject: string | null;
  details: Record<string, unknown>;
}

export async function loadHistory(db: Db, callSid: string): Promise<HistoryRow[]> {
  const rows = await db.selectFrom('call_events').select(['at', 'kind', 'actor', 'subject', 'details']).where('call_sid', '=', callSid).orderBy('at').orderBy('id').execute();
  return rows;
}

/** Calls whose room is running or on its way: the live board and the supervisor's list. */
export async function liveCallSids(db: Db, options: { userId?: string } = {}): Promise<string[]> {
  let query = db.selectFrom('calls').select('calls.call_sid').where('calls.room_state', 'in', ['joining', 'live']);
  if (options.userId) {
    const userId = options.userId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('call_parties')
          .select('call_parties.id')
          .whereRef('call_parties.call_sid', '=', 'calls.call_sid')
          .where('call_parties.user_id', '=', userId)
          .where('call_parties.state', 'in', PRESENT_STATES),
      ),
    );
  }
  const rows = await query.orderBy('calls.started_at', 'desc').limit(200).execute();
  return rows.map((row) => row.call_sid);
}
