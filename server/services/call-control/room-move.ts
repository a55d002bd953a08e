import { setTimeout as timer } from 'node:timers/promises';
import type { AppDeps } from '../../http/deps.ts';
import { abandonRoom, beginRoom, bridgedLegOf, loadCallRoom, recordHistory, STAYED_PLAIN } from '../../store/call-parties.ts';
import { cachedIncomingNumber } from '../../store/incoming-number-cache.ts';
import { findOutgoingAssignment, loadSettings } from '../../store/phone-config-store.ts';
import { bridgeOf, markRecorded } from '../../store/recording-pause.ts';
import type { RoomClient } from '../../twilio/room-client.ts';
import { orgCallLanguage } from '../../phone-config/defaults.ts';
import { MOVE_RETRY, moveChance, moveRetryDelayMs } from '../../voice/late-move.ts';
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
 *
 * When Twilio cannot be reached for the redirect, the call goes on as the plain bridge and the move is
 * tried again while it lasts (voice/late-move.ts): in the background with a back-off, and at
 * once when a control request or a resumed recording needs the room (`tryNow`).
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

/** What one try at the redirect came to. */
type MoveOutcome = 'moved' | 'leg-gone' | 'unreachable';

export class RoomMove {
  private readonly deps: AppDeps;
  private readonly client: RoomClient;
  private readonly wait: (ms: number) => Promise<unknown>;
  /** Calls whose tries go on in this instance's background (one loop per call). */
  private readonly retrying = new Map<string, { rearmed: boolean }>();

  constructor(deps: AppDeps, client: RoomClient) {
    this.deps = deps;
    this.client = client;
    // Not a reason to keep a stopping server up: a try it misses, a control request makes again.
    this.wait = deps.sleep ?? ((ms) => timer(ms, undefined, { ref: false }));
  }

  async answered(leg: AnsweredLeg): Promise<void> {
    const { db } = this.deps.store;
    // Whether or not it can still move: a customer's hang-up heard before this answer ends the call
    // unmoved, and it was answered all the same. Once per call (the key), whichever callback comes.
    await recordHistory(db, leg.callSid, [{ kind: leg.direction === 'inbound' ? 'answered' : 'connected', actor: leg.repId, subject: null }], leg.at, 'answered');
    if (!(await beginRoom(db, roomMoveOf(leg, leg.at)))) return;
    if ((await this.redirect(leg)) === 'unreachable') this.keepTrying(leg.callSid);
  }

  /**
   * A try at once, in the background, for a call still outside its room (a control request needs the
   * room, or its recording was resumed); on failure the background tries go on (again).
   */
  tryNow(callSid: string): void {
    const work = this.tryOnce(callSid).then(
      (outcome) => {
        if (outcome === 'unreachable') this.keepTrying(callSid);
      },
      (error: unknown) => this.deps.logger.error({ err: error, callSid }, 'could not try to move the call into its room'),
    );
    this.deps.track?.(work);
  }

  /**
   * Tries the move again in the background, with MOVE_RETRY's back-off and then at its ceiling, for as
   * long as the call lasts: until it is done or no longer possible (the call ended, its leg is gone,
   * its recording paused: the resume tries again). At most one such loop per call in this instance
   * (asked again while it runs, it goes on past one stop it would have made: `rearmed`, as when a
   * pause of its recording, claimed before Twilio was asked, was refused and put back); the claim
   * keeps one move in flight.
   */
  keepTrying(callSid: string): void {
    const running = this.retrying.get(callSid);
    if (running) {
      running.rearmed = true;
      return;
    }
    const loop = { rearmed: false };
    this.retrying.set(callSid, loop);
    const log = this.deps.logger.child({ callSid });
    const startedAt = this.deps.now().getTime();
    const run = async () => {
      // The first try is the one that just failed: the loop begins with the wait after it.
      for (let retry = 1; this.deps.now().getTime() - startedAt < MOVE_RETRY.forMs; retry++) {
        await this.wait(moveRetryDelayMs(retry));
        const trying = this.tryOnce(callSid);
        this.deps.track?.(trying);
        const outcome = await trying;
        if (outcome === 'moved') return log.info('moved the call into its room after all');
        if (outcome === 'over') return log.info('stopped trying to move the call into its room: it is over');
        if (outcome === 'unreachable') continue;
        // A pause refused by Twilio and put back, or a try of another request that failed meanwhile: not a stop.
        if (loop.rearmed) {
          loop.rearmed = false;
          continue;
        }
        return log.info({ reason: outcome }, 'stopped trying to move the call into its room');
      }
      log.warn('gave up moving the call into its room: it outlasted the longest call Twilio keeps up');
    };
    void run()
      .catch((error: unknown) => log.error({ err: error }, 'stopped trying to move the call into its room (a control request tries again)'))
      .finally(() => this.retrying.delete(callSid));
  }

  /**
   * One try at moving a plain bridge into its room: `moved` (redirected: its legs are on their way in),
   * `unreachable` (Twilio could not be reached: it stays plain), or why there is nothing to try.
   */
  private async tryOnce(callSid: string): Promise<MoveOutcome | 'in-room' | 'paused' | 'over'> {
    const { db } = this.deps.store;
    const room = await loadCallRoom(db, callSid);
    if (!room) return 'over';
    const chance = moveChance({ roomState: room.roomState, bridge: room.room === null ? await bridgeOf(db, callSid) : null, recording: room.recording });
    if (chance !== 'move') return chance;
    const leg = await bridgedLegOf(db, callSid);
    if (!leg) return 'over';
    // Claimed by another try meanwhile, ended, or paused since: re-read next time, if any.
    if (!(await beginRoom(db, roomMoveOf(leg, this.deps.now())))) return 'in-room';
    // One request, not the client's retries: while it is on its way the call is `joining` (no pause
    // of its recording then), and the back-off here is the retry.
    return this.redirect(leg, { once: true });
  }

  /** Redirects the claimed call's child leg into the room; a failure gives the claim back. */
  private async redirect(leg: Omit<AnsweredLeg, 'at'>, options: { once?: boolean } = {}): Promise<MoveOutcome> {
    const label: PartyLabel = leg.direction === 'inbound' ? repLabel(leg.repId) : CUSTOMER_LABEL;
    try {
      const moved = await this.client.redirect(leg.childSid, roomJoinUrl(this.deps.publicUrl ?? '', leg.callSid, label), options);
      if (moved === 'ok') return 'moved';
      // The leg hung up meanwhile: the call ends as a plain call did.
      await this.stayPlain(leg);
      return 'leg-gone';
    } catch (error) {
      this.deps.logger.error({ err: error, callSid: leg.callSid }, 'could not move the answered call into its room; it goes on as a plain call for now');
      await this.stayPlain(leg);
      return 'unreachable';
    }
  }

  /**
   * The call stays the plain bridge the ring `<Dial>` made. A recorded one goes on being recorded by
   * that `<Dial record>` (on the call's parent leg): the recording its owner can pause from now on, and
   * the first part of the call's recordings if it moves into its room later (STAYED_PLAIN keeps it).
   */
  private async stayPlain(leg: Omit<AnsweredLeg, 'at'>): Promise<void> {
    const { db } = this.deps.store;
    await abandonRoom(db, leg.callSid);
    await recordHistory(db, leg.callSid, [{ kind: STAYED_PLAIN, actor: null, subject: null }], this.deps.now(), STAYED_PLAIN);
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

/** The claim of a move: the room is named after the customer's leg, whose two legs are its first parties. */
function roomMoveOf(leg: Omit<AnsweredLeg, 'at'>, now: Date) {
  const inbound = leg.direction === 'inbound';
  const customerLeg = inbound ? leg.callSid : leg.childSid;
  return { callSid: leg.callSid, room: customerLeg, customerLegSid: customerLeg, rep: { userId: leg.repId, legSid: inbound ? leg.childSid : leg.callSid }, now };
}
