import type { Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import { setCallCrmLookup, setCallCrmRecord } from '../store/calls.ts';
import type { CrmLookupVerdict, Database } from '../store/schema.ts';
import type { CallerMatch, CrmAdapter, CrmRecordRef } from './adapter.ts';

/**
 * "Who is calling" for the voice engine: a CRM lookup under a tight time budget while the call
 * rings. The result goes into the ringing clients' `<Parameter>`s and onto the call; a lookup that
 * outlives the budget fills the call in afterwards.
 */

export type MatchedRecord = Pick<CrmRecordRef, 'module' | 'id' | 'name' | 'url'>;

export type CallerMatchResult =
  /** `org`: the CRM org the ids are in (CrmAdapter.orgKey), kept with them; null or absent when it could not be told. */
  | { status: 'matched'; record: MatchedRecord; others: MatchedRecord[]; org?: string | null }
  /** A new caller: no Contact, Lead or Account has this number. */
  | { status: 'none' }
  /** Still looking when the budget ran out; `onLateMatch` gets the answer. */
  | { status: 'pending' }
  /** The CRM did not answer (down, rate-limited): nothing is known. */
  | { status: 'unavailable' }
  | { status: 'not-connected' };

export const DEFAULT_MATCH_BUDGET_MS = 1_500;
/** The card shows a few alternatives; the rest are on the call in the CRM anyway. */
const MAX_OTHERS = 5;

const E164 = /^\+[1-9]\d{6,14}$/;

export interface MatchCallerOptions {
  budgetMs?: number;
  /** The final answer of a lookup that was still `pending` (never called for any other status). */
  onLateMatch?: (result: CallerMatchResult) => Promise<void> | void;
  logger?: Logger;
}

const ref = (record: CrmRecordRef): MatchedRecord => ({ module: record.module, id: record.id, name: record.name, url: record.url });

async function settledResult(match: Exclude<CallerMatch, { status: 'pending' }>, adapter: CrmAdapter): Promise<CallerMatchResult> {
  switch (match.status) {
    case 'matched':
      // Asked only for a match: the lookup has just read the org for the record's link, so this waits for nothing.
      return { status: 'matched', record: ref(match.record), others: match.others.slice(0, MAX_OTHERS).map(ref), org: await adapter.orgKey() };
    case 'new-caller':
      return { status: 'none' };
    case 'unavailable':
      return { status: 'unavailable' };
  }
}

export async function matchCaller(
  crm: { adapter(): Promise<CrmAdapter | null> },
  e164: string,
  options: MatchCallerOptions = {},
): Promise<CallerMatchResult> {
  // Withheld numbers (`+266696687` ANONYMOUS…) are not phone numbers anyone has in the CRM.
  if (!E164.test(e164) || ['+266696687', '+7378742833', '+2562533', '+8656696', '+86282452253'].includes(e164)) return { status: 'none' };
  let adapter: CrmAdapter | null;
  try {
    adapter = await crm.adapter();
  } catch (error) {
    options.logger?.warn({ err: error }, 'CRM unavailable for the caller lookup');
    return { status: 'unavailable' };
  }
  if (!adapter) return { status: 'not-connected' };
  const match = await adapter.lookupCaller(e164, { budgetMs: options.budgetMs ?? DEFAULT_MATCH_BUDGET_MS }).catch((error: unknown) => {
    options.logger?.warn({ err: error }, 'caller lookup failed');
    return { status: 'unavailable', reason: String(error) } as const;
  });
  if (match.status !== 'pending') return settledResult(match, adapter);
  match.settled.then(
    async (late) => {
      if (late.status === 'pending') return;
      await options.onLateMatch?.(await settledResult(late, adapter));
    },
    (error: unknown) => options.logger?.warn({ err: error }, 'late caller lookup failed'),
  ).catch((error: unknown) => options.logger?.warn({ err: error }, 'could not record the late caller match'));
  return { status: 'pending' };
}

/**
 * The `crmMatch` `<Parameter>` of the incoming-call card (JSON): `{status:'matched', module, id, name,
 * url, others?}`, else `{status:'none'}` (a new caller), `'pending'` or `'unavailable'`; null (no
 * parameter) when no CRM is connected.
 */
export function crmMatchCard(result: CallerMatchResult): Record<string, unknown> | null {
  if (result.status === 'not-connected') return null;
  if (result.status !== 'matched') return { status: result.status };
  return { status: 'matched', ...result.record, ...(result.others.length > 0 ? { others: result.others } : {}) };
}

/** What the call log keeps in `calls.crm_record` (string values; the alternatives as JSON). */
export function callCrmRecord(result: CallerMatchResult): Record<string, string> | null {
  if (result.status !== 'matched') return null;
  const { module, id, name, url } = result.record;
  return { module, id, name, url, ...(result.others.length > 0 ? { others: JSON.stringify(result.others) } : {}) };
}

/** Stored alternatives are a JSON string; more than this is not the list callCrmRecord wrote. */
const MAX_OTHERS_JSON = 32_000;

/**
 * The card's `crmMatch` value again, from what `callCrmRecord` kept on the call: how a card that rang
 * before the lookup finished learns the match (`GET /api/calls/:sid/card`). Null while the call has no
 * record (the lookup still going, or it found nobody), or only the trace of one Zoho no longer has.
 */
export function crmMatchOfCallRecord(record: Record<string, string> | null): Record<string, unknown> | null {
  if (!record?.['module'] || !record['id'] || !record['url']) return null;
  const { others: rawOthers, unlinked_module: _module, unlinked_id: _id, unlinked_reason: _reason, ...fields } = record;
  const others = rawOthers && rawOthers.length <= MAX_OTHERS_JSON ? parseList(rawOthers) : [];
  return { status: 'matched', ...fields, ...(others.length > 0 ? { others: others.slice(0, MAX_OTHERS) } : {}) };
}

function parseList(json: string): unknown[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/** Puts the match, with the org it is from, on the call unless it already has a record (an outgoing call's, or an earlier match). */
export async function recordCallerMatch(db: Kysely<Database>, callSid: string, result: CallerMatchResult): Promise<void> {
  const record = callCrmRecord(result);
  if (record && result.status === 'matched') await setCallCrmRecord(db, callSid, record, result.org ?? null);
}

/**
 * The answer of a lookup, in time or after the ring's budget, kept on the call: the match, else
 * whether nobody has the number or the CRM failed, and meanwhile that it is still going. A card that
 * rang saying "the CRM did not answer in time" learns it from there, and so does the card of a
 * colleague the call is later transferred to or who is added to it, or a supervisor's
 * (room-operations.ts), which only has what the call keeps: rung while the lookup goes on, it says
 * what the first rep's said and asks for the answer as theirs does.
 */
export async function recordCallerAnswer(db: Kysely<Database>, callSid: string, result: CallerMatchResult): Promise<void> {
  if (result.status === 'none' || result.status === 'unavailable' || result.status === 'pending') await setCallCrmLookup(db, callSid, result.status);
  else await recordCallerMatch(db, callSid, result);
}

type CallLookup = { crmRecord: Record<string, string> | null; crmLookup: CrmLookupVerdict | null };

/**
 * What `GET /api/calls/:sid/card` says of a call under way: its match (`crmMatchOfCallRecord`), else
 * `{status:'none'}` (a new caller) or `{status:'unavailable'}` once a lookup ended without one; null
 * while nothing is known yet. A record wins whenever it came: a match is never taken back.
 */
export function crmMatchOfCall(call: CallLookup): Record<string, unknown> | null {
  return crmMatchOfCallRecord(call.crmRecord) ?? (call.crmLookup && call.crmLookup !== 'pending' ? { status: call.crmLookup } : null);
}

/**
 * The `crmMatch` of the card of someone rung into a call under way (a transfer, an added colleague, a
 * supervisor): what the call keeps, and while the lookup still goes on, `{status:'pending'}` as the
 * ringing card said, so that their phone asks for the answer as the first rep's does. Null when nothing
 * was looked up (no CRM connected, an outgoing call without a record).
 */
export function crmMatchOfInvitedCard(call: CallLookup): Record<string, unknown> | null {
  return crmMatchOfCall(call) ?? (call.crmLookup === 'pending' ? crmMatchCard({ status: 'pending' }) : null);
}

/**
 * The voice engine's `lookupCaller` seam: the card's `crmMatch` value, written onto the call too,
 * and filled in on the call when the lookup finishes after the budget (a match, or that there is none).
 */
export function callerLookupForVoice(
  deps: { db: Kysely<Database>; logger: Logger },
  crm: { adapter(): Promise<CrmAdapter | null> },
  options: { budgetMs?: number } = {},
): (from: string, callSid: string) => Promise<Record<string, unknown> | null> {
  return async (from, callSid) => {
    const result = await matchCaller(crm, from, {
      budgetMs: options.budgetMs,
      logger: deps.logger,
      onLateMatch: (late) => recordCallerAnswer(deps.db, callSid, late),
    });
    await recordCallerAnswer(deps.db, callSid, result).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not record the caller match'));
    return crmMatchCard(result);
  };
}
