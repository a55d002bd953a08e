import type { AppDeps } from '../../http/deps.ts';
import {
  applyPartyEvent,
  loadCallRoom,
  markInviteFailed,
  recordHistory,
  rememberConference,
  roomEnded,
  roomLive,
  type StoredParty,
} from '../../store/call-parties.ts';
import { clearOnCall, markOnCall } from '../../store/presence.ts';
import type { TwilioParams } from '../../twilio/signature.ts';
import { CUSTOMER_LABEL } from '../../voice/room.ts';
import type { RoomReactions } from './reactions.ts';
import { twilioEventTime } from '../../twilio/timestamp.ts';

const FINAL_LEG_STATUSES = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

const sequenceOf = (params: TwilioParams) => (params.SequenceNumber && /^\d+$/.test(params.SequenceNumber) ? Number(params.SequenceNumber) : 0);

/**
 * Twilio's reports about a room and the legs we rang into it (twilio-conference.md §1.3), applied to
 * the call's parties. Events may come twice or out of order: the store keeps each party's state
 * monotonic by `SequenceNumber`, and reactions only follow a change that really happened.
 */
export class RoomEvents {
  private readonly deps: AppDeps;
  private readonly reactions: RoomReactions;

  constructor(deps: AppDeps, reactions: RoomReactions) {
    this.deps = deps;
    this.reactions = reactions;
  }

  /** A conference status callback for the room of `callSid`. */
  async conference(callSid: string, params: TwilioParams): Promise<void> {
    const { db } = this.deps.store;
    const at = twilioEventTime(params, this.deps.now());
    const conferenceSid = params.ConferenceSid ?? '';
    if (/^CF[0-9a-fA-F]{32}$/.test(conferenceSid)) await rememberConference(db, callSid, conferenceSid);
    const legSid = params.CallSid ?? '';
    const base = { callSid, legSid, label: params.ParticipantLabel ?? null, sequenceNumber: sequenceOf(params), at };
    const cause = `${params.StatusCallbackEvent}:${legSid}:${base.sequenceNumber}`;

    switch (params.StatusCallbackEvent) {
      case 'conference-start':
        if (conferenceSid) await roomLive(db, callSid, conferenceSid);
        return;
      case 'conference-end': {
        const users = await roomEnded(db, callSid, at);
        for (const userId of users) await clearOnCall(db, userId, callSid);
        await recordHistory(db, callSid, [{ kind: 'room-ended', actor: null, subject: null, details: { reason: params.ReasonConferenceEnded ?? null } }], at, 'room-ended');
        return;
      }
      case 'participant-join': {
        const before = await applyPartyEvent(db, { ...base, kind: 'join', held: params.Hold === 'true' });
        if (!before) return;
        if (before.userId && before.kind !== 'customer') await markOnCall(db, before.userId, callSid, at);
        if (before.state === 'ringing' && before.purpose !== 'answer' && before.purpose !== 'customer') await this.reactions.afterJoin(callSid, before, cause);
        return;
      }
      case 'participant-hold':
      case 'participant-unhold': {
        const held = params.StatusCallbackEvent === 'participant-hold';
        const before = await applyPartyEvent(db, { ...base, kind: held ? 'hold' : 'unhold' });
        if (before?.label !== CUSTOMER_LABEL) return;
        if (held && before.state !== 'held') await recordHistory(db, callSid, [{ kind: 'hold', actor: null, subject: null }], at, cause);
        if (!held && before.state === 'held') {
          const seconds = before.heldSince ? Math.max(0, Math.round((at.getTime() - before.heldSince.getTime()) / 1000)) : null;
          await recordHistory(db, callSid, [{ kind: 'resume', actor: null, subject: null, details: { seconds } }], at, cause);
        }
        return;
      }
      case 'participant-leave': {
        const before = await applyPartyEvent(db, { ...base, kind: 'leave' });
        if (before) await this.gone(callSid, before, at, cause);
        return;
      }
      default:
        // mute, modify, speaker, announcement: the request that caused them already recorded what matters.
        return;
    }
  }

  /** Status callbacks of a leg we rang into the room through the REST API (`party` is its row). */
  async invitedLeg(callSid: string, partyId: string, params: TwilioParams): Promise<void> {
    const status = params.CallStatus ?? '';
    if (!FINAL_LEG_STATUSES.has(status)) return;
    const at = twilioEventTime(params, this.deps.now());
    const failed = await markInviteFailed(this.deps.store.db, partyId, status === 'completed' ? 'no-answer' : status, at);
    if (failed) {
      await this.reactions.afterInviteFailed(callSid, partyId, status, `invite-failed:${partyId}`);
      return;
    }
    // It had joined: its leave event may be late or lost, the leg's end says it all the same.
    await this.legEnded(callSid, params.CallSid ?? '', at);
  }

  /**
   * A leg of the room's call ended (its own status callback): the customer's or the answering rep's
   * `<Dial>` leg, or an invited one. A party that never made it into the room fails; one still listed
   * in it has left.
   */
  async legEnded(callSid: string, legSid: string, at: Date): Promise<void> {
    const { db } = this.deps.store;
    const room = await loadCallRoom(db, callSid);
    const party = room?.parties.find((candidate) => candidate.legSid === legSid);
    // One the room's end took out may still tell when it really left (applyPartyEvent).
    if (!room || !party || (party.state === 'left' && !party.sweptOut) || party.state === 'failed') return;
    const before = await applyPartyEvent(db, { callSid, legSid, label: party.label, sequenceNumber: Number.MAX_SAFE_INTEGER, at, kind: 'leave' });
    if (before) await this.gone(callSid, before, at, `leg-ended:${legSid}`);
  }

  private async gone(callSid: string, before: StoredParty, at: Date, cause: string): Promise<void> {
    const { db } = this.deps.store;
    if (before.userId) await clearOnCall(db, before.userId, callSid);
    if (before.label !== CUSTOMER_LABEL) {
      await recordHistory(db, callSid, [{ kind: 'left', actor: null, subject: before.userId ?? before.number ?? before.label }], at, `left:${before.legSid ?? before.id}`);
    }
    await this.reactions.afterLeave(callSid, before, at, cause);
  }
}
