import { sql } from 'kysely';
import { settleCall } from '../../../store/calls.ts';
import { recordFollowUp } from '../../../store/follow-ups.ts';
import { loadSettings } from '../../../store/phone-config-store.ts';
import { ringOrder } from '../../../store/presence.ts';
import {
  announced,
  claimRing,
  findWaiting,
  leaveLine,
  placeInLine,
  repsFor,
  repsRingingFromLine,
  scheduleCheck,
  type WaitingRow,
} from '../../../store/waiting-line.ts';
import type { TwilioParams } from '../../../twilio/signature.ts';
import { callerNumber } from '../../../voice/caller-id.ts';
import { parseLineState, type LineState } from '../../../voice/flow-state.ts';
import { hangupTwiml, unavailableTwiml, type IncomingContext } from '../../../voice/incoming-twiml.ts';
import {
  announcementDue,
  announcementSentences,
  decideKey,
  lineMessage,
  lineVoicemailTwiml,
  nextCheckAt,
  sayAndHangUpTwiml,
  waitedTooLong,
  waitTwiml,
} from '../../../voice/waiting-line.ts';
import { twiml, type TwilioContext } from '../respond.ts';
import type { RingAt } from './ring.ts';
import { ringActionOf, type Stage } from './stage.ts';

/**
 * The waiting line's stage (docs/call-flow.md, "The waiting line"). The caller's leg loops through
 * `/queue/wait`: each visit reads the line in the database and either rings (the caller is first in
 * line for a rep who is free), sends the caller to voicemail (waited too long, nobody online), or
 * plays one more turn of music with an announcement when it is due. Keys go to `/queue/key`.
 */

/** Who rings whom from the line is decided one caller at a time, across instances. */
const LINE_LOCK = 0x7962_6c6e; // "ybln"

export type RingFromLine = (at: RingAt) => Promise<Response>;

const lineStateOf = (entry: WaitingRow): LineState => ({
  language: entry.language as LineState['language'],
  path: [...entry.path].map(Number),
});

/** One visit of the caller's leg to the line: ring, voicemail, or wait one more turn. */
export async function waitTurn(stage: Stage, c: TwilioContext, params: TwilioParams, ctx: IncomingContext, ringFromLine: RingFromLine): Promise<Response> {
  const { db } = stage.deps.store;
  const callSid = params.CallSid ?? '';
  const entry = await findWaiting(db, callSid);
  // Already served (a late redirect): nothing more to say.
  if (!entry || entry.state === 'left') return twiml(c, hangupTwiml());
  const state = lineStateOf(entry);
  const action = ringActionOf(ctx.number, state.path);
  const now = stage.momentOf(params);
  const enqueuedAt = new Date(entry.enqueued_at);
  if (!action || waitedTooLong({ enqueuedAt, maxWaitSeconds: entry.max_wait_seconds }, now)) {
    await leaveLine(db, callSid, action ? 'timeout' : 'unavailable', now);
    await settleCall(db, callSid, 'missed', { reason: 'queue-timeout' });
    return twiml(c, unavailableTwiml(ctx, { welcome: false, voicemailPath: state.path }));
  }
  const presence = await ringOrder(db, { userIds: entry.users, now: stage.deps.now() });
  if (presence.ringable.length + presence.busy.length === 0) {
    // Everyone went offline while the caller waited: waiting on would be for nobody.
    await leaveLine(db, callSid, 'unavailable', now);
    await settleCall(db, callSid, 'missed', { reason: 'nobody-online' });
    return twiml(c, unavailableTwiml(ctx, { welcome: false, voicemailPath: state.path }));
  }

  const reps = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LINE_LOCK})`.execute(trx);
    const held = await repsRingingFromLine(trx, callSid);
    const mine = await repsFor(trx, callSid, presence.ringable.filter((id) => !held.has(id)), now);
    return mine.length > 0 && (await claimRing(trx, callSid, mine)) ? mine : [];
  });
  if (reps.length > 0) {
    return ringFromLine({ path: state.path, spec: action.spec, position: null, welcome: false, line: action.line, fromLine: reps });
  }

  const settings = action.line ?? { voicemailKey: null, callbackKey: null };
  let sentences: string[] = [];
  const announcedAt = entry.announced_at ? new Date(entry.announced_at) : null;
  const schedule = { enqueuedAt, maxWaitSeconds: entry.max_wait_seconds, announceSeconds: entry.announce_seconds };
  if (announcementDue({ announcedAt, announceSeconds: entry.announce_seconds }, now)) {
    const place = await placeInLine(db, callSid, presence.ringable.length + presence.busy.length);
    if (place) sentences = announcementSentences({ first: announcedAt === null, ...place }, state.language);
    await announced(db, callSid, now, nextCheckAt(schedule, now));
  } else {
    await scheduleCheck(db, callSid, nextCheckAt(schedule, announcedAt ?? now));
  }
  return twiml(c, waitTwiml(ctx, { state, sentences, settings }));
}

/** `POST /voice/queue/wait`: the loop came back (end of a turn, or the server redirected the leg). */
export async function queueWait(stage: Stage, c: TwilioContext, params: TwilioParams, ringFromLine: (ctx: IncomingContext, at: RingAt) => Promise<Response>): Promise<Response> {
  const number = await stage.numberFor(c, params);
  if (number instanceof Response) return number;
  const ctx = stage.contextOf(number);
  return waitTurn(stage, c, params, ctx, (at) => ringFromLine(ctx, at));
}

/** `POST /voice/queue/key`: the caller pressed a key while waiting. */
export async function queueKey(stage: Stage, c: TwilioContext, params: TwilioParams, ringFromLine: (ctx: IncomingContext, at: RingAt) => Promise<Response>): Promise<Response> {
  const { db } = stage.deps.store;
  const number = await stage.numberFor(c, params);
  if (number instanceof Response) return number;
  const ctx = stage.contextOf(number);
  const callSid = params.CallSid ?? '';
  const entry = await findWaiting(db, callSid);
  const state = entry ? lineStateOf(entry) : parseLineState(c.req.query());
  const line = ringActionOf(number, state.path)?.line ?? null;
  const decision = entry?.state === 'waiting' && line ? decideKey(line, params.Digits) : { kind: 'keep-waiting' as const };
  const now = stage.momentOf(params);
  switch (decision.kind) {
    case 'voicemail':
      await leaveLine(db, callSid, 'voicemail', now);
      await settleCall(db, callSid, 'missed', { reason: 'left-line' });
      return twiml(c, lineVoicemailTwiml(ctx, { path: state.path, before: null }));
    case 'callback': {
      if (!callerNumber(params.From ?? '')) {
        return twiml(c, waitTwiml(ctx, { state, sentences: [lineMessage('callbackWithheld', ctx.speaker.language)], settings: { ...line!, callbackKey: null } }));
      }
      const { followUpDueHours } = await loadSettings(db);
      await db.transaction().execute(async (trx) => {
        await leaveLine(trx, callSid, 'callback', now);
        await settleCall(trx, callSid, 'missed', { reason: 'callback-requested' });
        await recordFollowUp(trx, callSid, { now, dueHours: followUpDueHours });
      });
      stage.options.onCrmDelivery?.();
      return twiml(c, sayAndHangUpTwiml(ctx, lineMessage('callbackTaken', ctx.speaker.language)));
    }
    case 'keep-waiting':
      return waitTurn(stage, c, params, ctx, (at) => ringFromLine(ctx, at));
  }
}
