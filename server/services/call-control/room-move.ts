import type { AppDeps } from '../../http/deps.ts';
import { abandonRoom, beginRoom, loadCallRoom, recordHistory } from '../../store/call-parties.ts';
import { cachedIncomingNumber } from '../../store/incoming-number-cache.ts';
import { findOutgoingAssignment, loadSettings } from '../../store/phone-config-store.ts';
import { markRecorded } from '../../store/recording-pause.ts';
import type { RoomClient } from '../../twilio/room-client.ts';
import { orgCallLanguage } from '../../phone-config/defaults.ts';
import { recordingNoticeFor, type SpokenNotice } from '../../voice/recording-notice.ts';
import { CUSTOMER_LABEL, repLabel, roomJoinTwiml, roomJoinUrl, type PartyLabel } from '../../voice/room.ts';
import { speakerForLanguage } from '../../voice/speech.ts';

/**
 * Moving an answered call into its room (docs/call-flow.md, "Answer"). The ring phase stays a plain
 * `<Dial>` — simultaneous and sequential ringing, ringback, first answer wins, exactly as before —
 * because ringing through the Participants API is limited to about one leg per second. Once someone
 * answers, the server redirects the `<Dial>`'s child leg into the room; that ends the parent's
 * `<Dial>`, whose action then sends the parent leg into the same room (twilio-conference.md §3.2).
 *
 * Inbound: parent = the customer, child = the rep's browser; the room is the customer's CallSid.
 * Outbound: parent = the rep's browser, child = the customer's phone; the room is the child's CallSid.
 */
export interface AnsweredLeg {
  /** The call log's key (the parent CallSid). */
  callSid: string;
  direction: 'inbound' | 'outbound';
  /** The `<Dial>` child that answered. */
  childSid: string;
  /** The rep on the call: who answered (inbound) or who called (outbound). */
  repId: string;
  /** When Twilio says it was answered. */
  at: Date;
}

export class RoomMove {
  private readonly deps: AppDeps;
  private readonly client: RoomClient;

  constructor(deps: AppDeps, client: RoomClient) {
    this.deps = deps;
    this.client = client;
  }

  async answered(leg: AnsweredLeg): Promise<void> {
    const { db } = this.deps.store;
    const inbound = leg.direction === 'inbound';
    const customerLeg = inbound ? leg.callSid : leg.childSid;
    const claimed = await beginRoom(db, {
      callSid: leg.callSid,
      room: customerLeg,
      customerLegSid: customerLeg,
      rep: { userId: leg.repId, legSid: inbound ? leg.childSid : leg.callSid },
      now: leg.at,
    });
    if (!claimed) return;
    await recordHistory(db, leg.callSid, [{ kind: inbound ? 'answered' : 'connected', actor: leg.repId, subject: null }], leg.at, 'answered');
    const label: PartyLabel = inbound ? repLabel(leg.repId) : CUSTOMER_LABEL;
    const moved = await this.client.redirect(leg.childSid, roomJoinUrl(this.deps.publicUrl ?? '', leg.callSid, label)).catch((error: unknown) => {
      this.deps.logger.error({ err: error, callSid: leg.callSid }, 'could not move the answered call into its room; it stays a plain call');
      return 'gone' as const;
    });
    if (moved === 'gone') await this.stayPlain(leg);
  }

  /**
   * The call stays the plain bridge the ring `<Dial>` made. A recorded one goes on being recorded by
   * that `<Dial record>` (on the call's parent leg): the recording its owner can pause from now on.
   */
  private async stayPlain(leg: AnsweredLeg): Promise<void> {
    const { db } = this.deps.store;
    await abandonRoom(db, leg.callSid);
    const call = await loadCallRoom(db, leg.callSid);
    if (call && (await this.recorded(leg.direction, call.ourNumber, leg.repId))) await markRecorded(db, leg.callSid);
  }

  /**
   * The TwiML for a leg entering the room, or null when the call has no room to enter (never moved,
   * abandoned, already over, or the other side is gone): the caller then hangs up as before.
   */
  async joinTwiml(callSid: string, label: PartyLabel): Promise<string | null> {
    const room = await loadCallRoom(this.deps.store.db, callSid);
    if (!room?.room || (room.roomState !== 'joining' && room.roomState !== 'live')) return null;
    const others = room.parties.filter((party) => party.label !== label);
    if (!others.some((party) => party.state === 'ringing' || party.state === 'talking' || party.state === 'held')) return null;
    const record = await this.recorded(room.direction, room.ourNumber, room.ownerId);
    // The first leg in fixes the room's recording; from then on the call can pause and resume it.
    if (record) await markRecorded(this.deps.store.db, callSid);
    const notice = record && room.direction === 'outbound' && label === CUSTOMER_LABEL ? await this.recordingNotice(callSid) : null;
    return roomJoinTwiml({ publicUrl: this.deps.publicUrl ?? '', callSid, room: room.room, label, record, notice });
  }

  /**
   * What an outgoing call's customer hears before entering the room (voice/recording-notice.ts), in
   * the org's call language. Whatever fails here, the customer still joins: without the notice, logged.
   */
  private async recordingNotice(callSid: string): Promise<SpokenNotice | null> {
    try {
      const settings = await loadSettings(this.deps.store.db);
      const language = orgCallLanguage(settings);
      const message = recordingNoticeFor(settings, true, language);
      return message ? { message, speaker: speakerForLanguage(language, this.deps.publicUrl ?? '') } : null;
    } catch (error) {
      this.deps.logger.error({ err: error, callSid }, 'could not read the recording notice; the customer joins without it');
      return null;
    }
  }

  private async recorded(direction: 'inbound' | 'outbound', ourNumber: string | null, repId: string | null): Promise<boolean> {
    const { db } = this.deps.store;
    if (direction === 'inbound') return ourNumber ? ((await cachedIncomingNumber(db, ourNumber))?.record ?? false) : false;
    return repId ? ((await findOutgoingAssignment(db, repId))?.record ?? false) : false;
  }
}
