import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../http/auth.ts';
import { readJson, readQuery } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { apiError, invalidInput, issue } from '../http/errors.ts';
import { normaliseNumber } from '../phone-config/normalise.ts';
import { updateCallNotes } from '../store/calls.ts';
import { callLogRange } from '../validation/call-log-range.ts';
import { queryDateOrTime } from '../validation/dates.ts';
import { enqueueCallDelivery } from '../store/crm-outbox.ts';
import { skipReason } from '../crm/call-log.ts';
import { decodeCursor, getCall, getLiveCallRecord, listCalls, type CallFilters } from '../store/calls-query.ts';
import { crmMatchOfCall } from '../crm/caller-match.ts';
import { loadSettings } from '../store/phone-config-store.ts';
import { leaveStillAwaited, loadHistory, recordHistory } from '../store/call-parties.ts';
import { ROOM_SETTLE_MS } from '../crm/call-delivery.ts';
import { wrapUpRefusal } from '../voice/wrap-up-owner.ts';

const listQuery = z.object({
  direction: z.enum(['inbound', 'outbound']).optional(),
  status: z.enum(['in-progress', 'completed', 'missed', 'voicemail', 'busy', 'failed', 'canceled']).optional(),
  rep: z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'invalid_user_id').optional(),
  number: z.string().min(1).max(40).optional(),
  from: queryDateOrTime('invalid_date').optional(),
  to: queryDateOrTime('invalid_date').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const patchBody = z
  .object({
    note: z.string().max(5000).nullable().optional(),
    disposition: z.string().trim().max(100).nullable().optional(),
  })
  .refine((body) => body.note !== undefined || body.disposition !== undefined, 'nothing_to_change');

/** A rep's own words on a call someone else finishes: kept in its history as theirs. */
const historyNoteBody = z.object({ note: z.string().trim().min(1).max(5000) });

/**
 * Notes one person keeps in one call's history: a few corrections and afterthoughts, not a log that a
 * script could grow without end (every note is written again into the CRM record's Description).
 */
export const MAX_NOTES_PER_PERSON = 5;

/** Twilio's CallSid: anything else names no call, and is never looked up. */
const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

/**
 * What a user may see of the call log: a rep their own calls (only-rung ones without the colleague's
 * words), supervisors and admins all.
 */
const seenBy = (user: { id: string; role: 'admin' | 'supervisor' | 'rep' }): Pick<CallFilters, 'visibleTo' | 'viewer'> =>
  user.role === 'rep' ? { visibleTo: user.id } : { viewer: user.id };

export interface CallsRouteOptions {
  /** Called after a CRM delivery was queued (wakes the outbox worker). */
  onCrmDelivery?: () => void;
}

/**
 * `GET /api/calls` (reps: the calls they were a party to or were rung for; admins: all),
 * `GET /api/calls/:sid/card` (the CRM match of a call under way), `PATCH /api/calls/:sid` (the wrap-up:
 * the call's owner only, voice/wrap-up-owner.ts; the change goes on to the CRM through the outbox) and
 * `POST /api/calls/:sid/notes` (a rep who talked on the call keeps their words in its history, e.g.
 * when a supervisor took it over). A rep who was only rung sees the call as missed by them, not the
 * colleague's note, disposition or recording.
 */
export function callsRoutes(deps: AppDeps, options: CallsRouteOptions = {}) {
  const { db } = deps.store;
  return new Hono<AppEnv>()
    .get('/', requireUser(deps), async (c) => {
      const query = readQuery(c, listQuery);
      const cursor = query.cursor ? decodeCursor(query.cursor) : null;
      if (query.cursor && !cursor) throw invalidInput([issue('cursor', 'invalid_cursor')]);
      const user = c.get('user');
      const { defaultCountry, timeZone } = await loadSettings(db);
      const range = callLogRange(query, timeZone);
      if (Array.isArray(range)) throw invalidInput(range);
      const number = query.number ? (normaliseNumber(query.number, defaultCountry) ?? query.number) : undefined;
      const result = await listCalls(
        db,
        {
          ...seenBy(user),
          ...(query.rep ? { rep: query.rep } : {}),
          ...(query.direction ? { direction: query.direction } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(number ? { number } : {}),
          ...range,
        },
        { cursor, limit: query.limit },
      );
      return c.json(result);
    })
    // The incoming-call card's CRM match, for a card that rang before the caller lookup finished
    // (caller-match.ts: a late answer, match or none, is only written onto the call). Only while the
    // call is under way, and for a rep only a call that rang them or that they are on; a malformed
    // CallSid is no call.
    .get('/:sid/card', requireUser(deps), async (c) => {
      const sid = c.req.param('sid');
      const call = CALL_SID.test(sid) ? await getLiveCallRecord(db, sid, seenBy(c.get('user'))) : null;
      if (!call) throw apiError('call_not_found');
      return c.json({ callSid: sid, crmMatch: crmMatchOfCall(call) });
    })
    .get('/:sid', requireUser(deps), async (c) => {
      const user = c.get('user');
      const entry = await getCall(db, c.req.param('sid'), seenBy(user));
      if (!entry) throw apiError('call_not_found');
      // What happened on the call (answer, holds, transfers…) for those who may read its words.
      const history = user.role !== 'rep' || entry.involvement === 'party' ? await loadHistory(db, entry.callSid) : [];
      return c.json({ ...entry, history: history.map((row) => ({ ...row, at: new Date(row.at).toISOString() })) });
    })
    .patch('/:sid', requireUser(deps), async (c) => {
      const body = await readJson(c, patchBody);
      const user = c.get('user');
      const entry = await getCall(db, c.req.param('sid'), seenBy(user));
      if (!entry) throw apiError('call_not_found');
      if (user.role !== 'admin' && entry.involvement !== 'party') throw apiError('not_rep_on_call');
      const now = deps.now();
      const refusal = wrapUpRefusal({
        userId: user.id,
        ownerId: entry.rep,
        party: entry.involvement === 'party',
        awaited: await leaveStillAwaited(db, entry.callSid),
        now,
        settleMs: ROOM_SETTLE_MS,
      });
      if (refusal === 'call_owner_pending') throw apiError('call_owner_pending');
      if (refusal === 'call_taken_over') throw apiError('call_taken_over', { owner: await nameOf(entry.rep!) });
      // A call the CRM never logs (refused before dialling, a number not in service) keeps the note
      // here only: an update for a CRM record that will never exist could never be sent.
      const toCrm = skipReason(entry) === null;
      // The rep's words and their way to the CRM commit together.
      await db.transaction().execute(async (trx) => {
        await updateCallNotes(trx, entry.callSid, body, now);
        if (toCrm) await enqueueCallDelivery(trx, { callSid: entry.callSid, kind: 'update-call', now });
      });
      if (toCrm) options.onCrmDelivery?.();
      return c.json((await getCall(db, entry.callSid, seenBy(user)))!);
    })
    .post('/:sid/notes', requireUser(deps), async (c) => {
      const { note } = await readJson(c, historyNoteBody);
      const user = c.get('user');
      const entry = await getCall(db, c.req.param('sid'), seenBy(user));
      if (!entry) throw apiError('call_not_found');
      if (entry.involvement !== 'party') throw apiError('not_rep_on_call');
      const now = deps.now();
      const toCrm = skipReason(entry) === null;
      // The CRM call record's Description carries the history: it is written again with these words.
      await db.transaction().execute(async (trx) => {
        // The call's row locked first: notes sent at once are counted one after the other.
        await trx.selectFrom('calls').select('call_sid').where('call_sid', '=', entry.callSid).forUpdate().execute();
        const { kept } = await trx
          .selectFrom('call_events')
          .select((eb) => eb.fn.countAll<number>().as('kept'))
          .where('call_sid', '=', entry.callSid)
          .where('kind', '=', 'note')
          .where('actor', '=', user.id)
          .executeTakeFirstOrThrow();
        if (Number(kept) >= MAX_NOTES_PER_PERSON) throw apiError('call_notes_full', { max: MAX_NOTES_PER_PERSON });
        await recordHistory(trx, entry.callSid, [{ kind: 'note', actor: user.id, subject: null, details: { note } }], now);
        if (toCrm) await enqueueCallDelivery(trx, { callSid: entry.callSid, kind: 'update-call', now });
      });
      if (toCrm) options.onCrmDelivery?.();
      return c.json({ callSid: entry.callSid, note });
    });

  async function nameOf(userId: string): Promise<string> {
    const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
    return row?.name || userId;
  }
}
