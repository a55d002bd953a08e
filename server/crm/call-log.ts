import { sql, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import type { OutboxEntry } from '../store/crm-outbox.ts';
import type { CallsTable, CallStatus, Database } from '../store/schema.ts';
import { callerNumber } from '../voice/caller-id.ts';
import type { CallHistoryItem, CallLog } from './adapter.ts';
import { loadHistory } from '../store/call-parties.ts';
import { PermanentError, RetryableError } from './errors.ts';
import { CRM_MODULES, recordLinks } from './record-fallbacks.ts';
import type { Locale } from './zoho/call-record.ts';

/**
 * A call as the CRM should log it: read from the call log when the entry is sent (so the rep's note,
 * a late caller match and the call's owner are the newest), unless the outbox entry carries a
 * snapshot in `payload.call`.
 */

type Db = Kysely<Database>;

const callSnapshotSchema = z.object({
  callSid: z.string().min(1),
  direction: z.enum(['inbound', 'outbound']),
  outcome: z.enum(['answered', 'missed', 'voicemail', 'unanswered']),
  startedAt: z.coerce.date(),
  durationSeconds: z.number().int().min(0),
  from: z.string(),
  to: z.string(),
  counterpartName: z.string().nullable(),
  related: z.object({ module: z.enum(CRM_MODULES), id: z.string().min(1) }).nullable(),
  ownerCrmUserId: z.string().nullable(),
  ivrPath: z.array(z.string()),
  note: z.string().nullable(),
  disposition: z.string().nullable(),
  callResult: z.string().nullable(),
  history: z
    .array(z.object({ at: z.coerce.date(), kind: z.string(), actor: z.string().nullable(), subject: z.string().nullable(), details: z.record(z.string(), z.unknown()) }))
    .optional(),
});

const callPayloadSchema = z.object({ call: callSnapshotSchema.optional() });

/** The shape `payload.call` takes: a CallLog with its start time as an ISO string. */
export type CallSnapshot = Omit<CallLog, 'startedAt' | 'history'> & {
  startedAt: string;
  history?: (Omit<CallHistoryItem, 'at'> & { at: string })[];
};

/** A snapshot read back (its times are dates again). */
export function callFromSnapshot(snapshot: CallSnapshot): CallLog {
  return callSnapshotSchema.parse(snapshot);
}

export function callSnapshot(call: CallLog): CallSnapshot {
  const { history, ...rest } = call;
  return { ...rest, startedAt: call.startedAt.toISOString(), ...(history ? { history: history.map((item) => ({ ...item, at: item.at.toISOString() })) } : {}) };
}

const WITHHELD = { ja: '非通知', en: 'Withheld number' } as const;

type CallRow = Pick<Selectable<CallsTable>, 'call_sid' | 'direction' | 'from_number' | 'to_number' | 'number_called' | 'reason' | 'note' | 'disposition'> & {
  status: CallStatus;
  ivr_path: string[];
  started_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  duration_seconds: number | null;
  crm_record: Record<string, string> | null;
  owner_crm_user_id: string | null;
};

/** Calls that never reached anyone worth a CRM entry: refused before dialling, or to a number not in service. */
export function skipReason(row: Pick<CallRow, 'direction' | 'status' | 'reason'>): string | null {
  if (row.status === 'in-progress') return null;
  if (row.direction === 'inbound' && row.reason === 'not-in-service') return 'not-in-service';
  if (row.direction === 'outbound' && row.status === 'failed' && row.reason && !['failed', 'busy', 'no-answer', 'canceled'].includes(row.reason)) {
    return row.reason;
  }
  return null;
}

/** Maps a call-log row to the CRM's call log. */
export function toCallLog(row: CallRow, locale: Locale): CallLog {
  const answered = row.status === 'completed';
  const outcome: CallLog['outcome'] = answered
    ? 'answered'
    : row.status === 'voicemail'
      ? 'voicemail'
      : row.direction === 'inbound'
        ? 'missed'
        : 'unanswered';
  const talkSeconds =
    row.answered_at && row.ended_at
      ? Math.max(0, Math.round((new Date(row.ended_at).getTime() - new Date(row.answered_at).getTime()) / 1000))
      : (row.duration_seconds ?? 0);
  const crm = row.crm_record;
  const caller = row.direction === 'inbound' ? callerNumber(row.from_number) : null;
  return {
    callSid: row.call_sid,
    direction: row.direction,
    outcome,
    startedAt: new Date(row.started_at),
    durationSeconds: answered ? talkSeconds : 0,
    from: row.direction === 'inbound' ? (caller ?? row.from_number) : (row.number_called ?? ''),
    to: row.direction === 'inbound' ? (row.number_called ?? row.to_number) : row.to_number,
    counterpartName: crm?.['name'] || (row.direction === 'inbound' && caller === null ? WITHHELD[locale] : null),
    related: recordLinks(crm).related,
    ownerCrmUserId: row.owner_crm_user_id,
    ivrPath: row.ivr_path,
    note: row.note,
    disposition: row.disposition,
    callResult: row.disposition ? (CALL_RESULT_FOR_DISPOSITION[row.disposition] ?? null) : null,
  };
}

/**
 * The rep's disposition (the extension's choices) as Zoho's standard Call_Result picklist value.
 * [inferred] Orgs can edit that picklist; these are Zoho's default values (reference/zoho-crm.md §2).
 * Dispositions without a counterpart are only written into the Description.
 */
export const CALL_RESULT_FOR_DISPOSITION: Readonly<Record<string, string>> = {
  won: 'Interested',
  'call-back': 'Requested call back',
  'no-answer': 'No response/Busy',
};

/**
 * The call's row with its owner in the CRM: the rep who answered or placed it; for an inbound call
 * nobody answered (missed, voicemail), the number's owner (`owner` in the incoming number) or else
 * the first rep rung. Without one Zoho would give the call to whoever connected the CRM.
 */
async function loadCallRow(db: Db, callSid: string): Promise<CallRow | null> {
  const row = await db
    .selectFrom('calls')
    .leftJoin('users', 'users.id', 'calls.rep_id')
    .leftJoin('incoming_numbers', 'incoming_numbers.number', 'calls.number_called')
    .leftJoin('users as number_owner', (join) => join.on(sql<boolean>`number_owner.id = incoming_numbers.definition->>'owner'`))
    .leftJoin('users as first_rung', (join) => join.on(sql<boolean>`first_rung.id = calls.rang[1]`))
    .select([
      'calls.call_sid',
      'calls.direction',
      'calls.from_number',
      'calls.to_number',
      'calls.number_called',
      'calls.ivr_path',
      'calls.status',
      'calls.reason',
      'calls.note',
      'calls.disposition',
      'calls.started_at',
      'calls.answered_at',
      'calls.ended_at',
      'calls.duration_seconds',
      'calls.crm_record',
      sql<string | null>`case
        when calls.rep_id is not null then users.crm_user_id
        when calls.direction = 'inbound' then coalesce(number_owner.crm_user_id, first_rung.crm_user_id)
      end`.as('owner_crm_user_id'),
    ])
    .where('calls.call_sid', '=', callSid)
    .executeTakeFirst();
  return row ?? null;
}

/** The call as the CRM should see it now, or why it is not logged. */
export async function resolveCallLog(db: Db, entry: Pick<OutboxEntry, 'callSid' | 'payload'>, locale: Locale): Promise<CallLog | { skip: string }> {
  const payload = callPayloadSchema.safeParse(entry.payload);
  if (!payload.success) throw new PermanentError('invalid_payload', `Outbox payload of ${entry.callSid} is invalid: ${payload.error.message}`);
  if (payload.data.call) return payload.data.call;
  const row = await loadCallRow(db, entry.callSid);
  if (!row) throw new PermanentError('call_not_found', `The call log has no call ${entry.callSid}`);
  if (row.status === 'in-progress') throw new RetryableError('call_not_final', `Call ${entry.callSid} has not ended yet`);
  const skip = skipReason(row);
  return skip ? { skip } : { ...toCallLog(row, locale), history: await historyOf(db, entry.callSid) };
}

/** The call's history (docs/call-flow.md), with the people in it by name. */
async function historyOf(db: Db, callSid: string): Promise<CallHistoryItem[]> {
  const rows = await loadHistory(db, callSid);
  const ids = [...new Set(rows.flatMap((row) => [row.actor, row.subject]).filter((id): id is string => id !== null))];
  const users = ids.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const names = new Map(users.map((user) => [user.id, user.name]));
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? id));
  return rows.map((row) => ({ at: new Date(row.at), kind: row.kind, actor: name(row.actor), subject: name(row.subject), details: row.details }));
}
