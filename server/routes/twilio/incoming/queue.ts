import { sql, type Kysely } from 'kysely';
import type { Prompt } from '../../../phone-config/schema.ts';
import { settleCall } from '../../../store/calls.ts';
import { recordFollowUp } from '../../../store/follow-ups.ts';
import { loadSettings } from '../../../store/phone-config-store.ts';
import type { Database } from '../../../store/schema.ts';
import { ringOrder } from '../../../store/presence.ts';
import {
  announced,
  backToLine,
  claimRing,
  findWaiting,
  leaveLine,
  leaveLineFor,
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
import type { RingPosition, RingSpec } from '../../../voice/ring-plan.ts';
import {
  announcementDue,
  announcementSentences,
  decideKey,
  lineMessage,
  lineVoicemailTwiml,
  nextCheckAt,
  nextLineRing,
  RING_RETRY_SECONDS,
  sayAndHangUpTwiml,
  waitedTooLong,
  waitTwiml,
  type KeyDecision,
  type LineRing,
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

/**
 * The next ring of a caller from the line, decided and claimed at once under the line's lock: the
 * reps this caller may ring now (free, rung for nobody else in line, nobody waiting ahead of this
 * caller for them), the ring plan's next `<Dial>` among them, and the claim on the reps it holds.
 * `position` null: the first ring of this visit (the caller waits); else the next step of that ring.
 */
async function claimNextRing(
  db: Kysely<Database>,
  call: { callSid: string; spec: RingSpec; position: RingPosition | null; ringable: readonly string[]; now: Date },
): Promise<LineRing | null> {
  const from = call.position === null ? 'waiting' : 'ringing';
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LINE_LOCK})`.execute(trx);
    const entry = await findWaiting(trx, call.callSid);
    if (entry?.state !== from) return null;
    const held = await repsRingingFromLine(trx, call.callSid);
    // The later batches of a simultaneous ring (beyond 10) go on among the reps its first one claimed.
    const mayRing =
      call.spec.strategy === 'simultaneous' && call.position !== null
        ? call.ringable.filter((id) => entry.ringing.includes(id))
        : await repsFor(trx, call.callSid, call.ringable.filter((id) => !held.has(id)), call.now);
    const next = nextLineRing(call.spec, mayRing, call.position);
    return next && (await claimRing(trx, call.callSid, next.hold, from)) ? next : null;
  });
}

/**
 * A `<Dial>` for a caller from the line ended unanswered: the ring plan's next step among the reps
 * they may ring now, or back to their place in line, rung again a little later.
 */
export async function ringOnFromLine(
  stage: Stage,
  c: TwilioContext,
  params: TwilioParams,
  ctx: IncomingContext,
  at: Pick<RingAt, 'path' | 'spec' | 'line'> & { position: RingPosition },
  ringFromLine: RingFromLine,
): Promise<Response> {
  const { db } = stage.deps.store;
  const callSid = params.CallSid ?? '';
  const now = stage.momentOf(params);
  const presence = await ringOrder(db, { userIds: at.spec.users, now: stage.deps.now() });
  const next = await claimNextRing(db, { callSid, spec: at.spec, position: at.position, ringable: presence.ringable, now });
  if (next) return ringFromLine({ ...at, welcome: false, fromLine: next });
  await backToLine(db, callSid, new Date(now.getTime() + RING_RETRY_SECONDS * 1000));
  return waitTurn(stage, c, params, ctx, ringFromLine);
}

/**
 * One visit of the caller's leg to the line: ring, voicemail, or wait one more turn. `welcome`: the
 * caller just joined the line, and hears the number's welcome message first; `notice`: and the
 * recording notice, before the first ring or the first turn (never before a voicemail).
 */
export async function waitTurn(
  stage: Stage,
  c: TwilioContext,
  params: TwilioParams,
  ctx: IncomingContext,
  ringFromLine: RingFromLine,
  welcome = false,
  notice: Prompt | null = null,
): Promise<Response> {
  const { db } = stage.deps.store;
  const callSid = params.CallSid ?? '';
  const entry = await findWaiting(db, callSid);
  // Already served (a late redirect): nothing more to say.
  if (!entry || entry.state === 'left') return twiml(c, hangupTwiml());
  const state = lineStateOf(entry);
  const action = ringActionOf(ctx.number, state.path);
  const now = stage.momentOf(params);
  const enqueuedAt = new Date(entry.enqueued_at);
  if (!action) {
    await leaveLine(db, callSid, 'unavailable', now);
    await settleCall(db, callSid, 'missed', { reason: 'queue-timeout' });
    return twiml(c, unavailableTwiml(ctx, { welcome, voicemailPath: state.path }));
  }
  if (waitedTooLong({ enqueuedAt, maxWaitSeconds: entry.max_wait_seconds }, now)) {
    await leaveLine(db, callSid, 'timeout', now);
    await settleCall(db, callSid, 'missed', { reason: 'queue-timeout' });
    return twiml(c, lineVoicemailTwiml(ctx, { path: state.path, before: lineMessage('waitedTooLong', ctx.speaker.language) }));
  }
  const presence = await ringOrder(db, { userIds: entry.users, now: stage.deps.now() });
  if (presence.ringable.length + presence.busy.length === 0) {
    // Everyone went offline while the caller waited: waiting on would be for nobody.
    await leaveLine(db, callSid, 'unavailable', now);
    await settleCall(db, callSid, 'missed', { reason: 'nobody-online' });
    return twiml(c, unavailableTwiml(ctx, { welcome, voicemailPath: state.path }));
  }

  const next = await claimNextRing(db, { callSid, spec: action.spec, position: null, ringable: presence.ringable, now });
  if (next) return ringFromLine({ path: state.path, spec: action.spec, position: null, welcome, line: action.line, fromLine: next, notice });

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
  return twiml(c, waitTwiml(ctx, { state, sentences, settings, welcome, notice }));
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
  const keepWaiting = () => waitTurn(stage, c, params, ctx, (at) => ringFromLine(ctx, at));
  const pressed: KeyDecision = entry && line ? decideKey(line, params.Digits) : { kind: 'keep-waiting' };
  // Twilio retries a request that timed out (#rc=1, once by default): a key already taken gets the same answer.
  const takenBefore = entry?.state === 'left' && entry.outcome === pressed.kind;
  const decision = entry?.state === 'waiting' || takenBefore ? pressed : { kind: 'keep-waiting' as const };
  const now = stage.momentOf(params);
  switch (decision.kind) {
    case 'voicemail': {
      const left = await leaveLineFor(db, callSid, 'voicemail', now);
      if (left === 'otherwise') return keepWaiting();
      if (left === 'left') await settleCall(db, callSid, 'missed', { reason: 'left-line' });
      return twiml(c, lineVoicemailTwiml(ctx, { path: state.path, before: null }));
    }
    case 'callback': {
      if (!callerNumber(params.From ?? '')) {
        return twiml(c, waitTwiml(ctx, { state, sentences: [lineMessage('callbackWithheld', ctx.speaker.language)], settings: { ...line!, callbackKey: null } }));
      }
      const { followUpDueHours } = await loadSettings(db);
      const left = await db.transaction().execute(async (trx) => {
        const result = await leaveLineFor(trx, callSid, 'callback', now);
        if (result === 'left') {
          await settleCall(trx, callSid, 'missed', { reason: 'callback-requested' });
          await recordFollowUp(trx, callSid, { now, dueHours: followUpDueHours });
        }
        return result;
      });
      if (left === 'otherwise') return keepWaiting();
      if (left === 'left') stage.options.onCrmDelivery?.();
      return twiml(c, sayAndHangUpTwiml(ctx, lineMessage('callbackTaken', ctx.speaker.language)));
    }
    case 'keep-waiting':
      return keepWaiting();
  }
}
