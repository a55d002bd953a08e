import { z } from 'zod';
import { crmRecordSchema, INVITE_PURPOSES, MAX_OTHER_RECORDS, type CallInfo, type CallInvite, type CrmRecord } from './call-info.ts';
import { CARD_PARAMETERS, OUTGOING_PARAMETERS } from '../../server/voice/call-parameters.ts';
import { isWithheldNumber } from './withheld-number.ts';

export { isWithheldNumber };

/** The custom parameters exchanged with the server: the server's own list (one source for both halves). */
export const outgoingParamNames = OUTGOING_PARAMETERS;
export const incomingParamNames = CARD_PARAMETERS;

export type CallLanguage = 'ja-JP' | 'en-US';

export function outgoingParams(to: string, record: CrmRecord | null, language: CallLanguage): Record<string, string> {
  const names = outgoingParamNames;
  const params: Record<string, string> = { [names.to]: to, [names.language]: language };
  if (record) {
    params[names.crm] = record.crm;
    params[names.crmModule] = record.module;
    params[names.crmId] = record.id;
    params[names.crmName] = record.name;
    params[names.crmUrl] = record.url;
  }
  return params;
}


export interface IncomingInvite {
  /** The SDK's `call.parameters` (From, To, CallSid of the child leg…). */
  parameters: Record<string, string>;
  /** The SDK's `call.customParameters`. */
  customParameters: Map<string, string>;
}

export function incomingCallInfo(callId: string, invite: IncomingInvite): CallInfo {
  const names = incomingParamNames;
  const custom = (name: string) => {
    const value = invite.customParameters.get(name);
    return value === undefined || value === '' ? null : value;
  };
  // The server's card is authoritative; the SDK's own `From` is only a fallback for a bare <Client> dial.
  const anonymous = custom(names.callerAnonymous) === 'true';
  const caller = invite.customParameters.has(names.callerNumber) ? custom(names.callerNumber) : (invite.parameters.From ?? null);
  const match = crmMatchOf(custom(names.crmMatch));
  return {
    callId,
    direction: 'incoming',
    number: anonymous || isWithheldNumber(caller) ? null : caller,
    calledNumber: custom(names.calledNumber),
    calledLabel: custom(names.calledLabel),
    ivrPath: parseIvrPath(custom(names.ivrPath)),
    callSid: custom(names.parentCallSid) ?? invite.parameters.CallSid ?? null,
    record: match.record,
    others: match.others,
    ...(match.lookup ? { crmLookup: match.lookup } : {}),
    invite: inviteOf(custom),
  };
}

/** The invitation parameters of a leg rung into a running call; null for an ordinary incoming call. */
function inviteOf(custom: (name: string) => string | null): CallInvite | null {
  const names = incomingParamNames;
  const purpose = custom(names.invitePurpose);
  if (!purpose || !(INVITE_PURPOSES as readonly string[]).includes(purpose)) return null;
  return {
    purpose: purpose as CallInvite['purpose'],
    byId: custom(names.invitedBy)?.slice(0, 128) ?? null,
    byName: custom(names.invitedByName)?.slice(0, 200) ?? null,
    note: custom(names.transferNote)?.slice(0, 500) ?? null,
  };
}

/** `営業 > 新規` → `['営業', '新規']` (the server joins with ' > '; › is accepted too). */
function parseIvrPath(raw: string | null): string[] {
  if (!raw) return [];
  return raw
    .split(/\s+[›>]\s+/)
    .map((label) => label.trim())
    .filter(Boolean)
    .slice(0, 16);
}

const recordFields = {
  module: z.string(),
  id: z.string(),
  name: z.string().nullish(),
  url: z.string(),
};
const crmMatchSchema = z.looseObject({ crm: z.string().optional(), ...recordFields, others: z.unknown().optional() });
const otherRecordSchema = z.looseObject(recordFields);

/** Five records' names and links, with room to spare: anything longer is not the server's list. */
const MAX_OTHERS_JSON = 32_000;

export interface CrmMatch {
  record: CrmRecord | null;
  /** Other records with the caller's number, at most MAX_OTHER_RECORDS; empty without a `record`. */
  others: CrmRecord[];
  /** How the lookup ended (server/crm/caller-match.ts statuses); null when no CRM is connected or the JSON is bad. */
  lookup: 'matched' | 'none' | 'unanswered' | null;
}

/** `pending` (the ring's budget ran out) and `unavailable` (the CRM failed) read the same to the rep. */
function lookupOf(status: unknown, record: CrmRecord | null): CrmMatch['lookup'] {
  if (record) return 'matched';
  if (status === 'none') return 'none';
  return status === 'pending' || status === 'unavailable' ? 'unanswered' : null;
}

/**
 * The `crmMatch` JSON of server/crm/caller-match.ts `crmMatchCard`: the matched record and its
 * alternatives. No record for no match, a pending or failed lookup, or bad JSON.
 */
export function crmMatchOf(raw: string | null): CrmMatch {
  return crmMatchFrom(parseJson(raw));
}

/** The same, already parsed: the `crmMatch` of `GET /api/calls/:sid/card` (a match found after the call rang). */
export function crmMatchFrom(json: unknown): CrmMatch {
  const status = (json as { status?: unknown } | null)?.status;
  const match = crmMatchSchema.safeParse(json);
  if (!match.success) return { record: null, others: [], lookup: lookupOf(status, null) };
  const crm = match.data.crm ?? 'zoho';
  const record = toRecord(crm, match.data);
  return { record, others: record ? othersOf(crm, match.data.others, record) : [], lookup: lookupOf(status, record) };
}

/** The matched record of the `crmMatch` JSON; null for no match, a pending or failed lookup, or bad JSON. */
export function recordFromMatch(raw: string | null): CrmRecord | null {
  return crmMatchOf(raw).record;
}

/**
 * `others` is an array on a ringing call's card. On a leg rung into a running call (a transfer, an
 * added colleague) the server sends the match it kept on the call, where `others` is a JSON string
 * (caller-match.ts `callCrmRecord`); a lookup that finished after the call started ringing is only
 * there. Entries that do not validate are skipped, as is the matched record itself.
 */
function othersOf(crm: string, raw: unknown, record: CrmRecord): CrmRecord[] {
  const list = typeof raw === 'string' ? (raw.length <= MAX_OTHERS_JSON ? parseJson(raw) : null) : raw;
  if (!Array.isArray(list)) return [];
  const others: CrmRecord[] = [];
  for (const item of list.slice(0, MAX_OTHER_RECORDS)) {
    const fields = otherRecordSchema.safeParse(item);
    const other = fields.success ? toRecord(crm, fields.data) : null;
    if (other && ![record, ...others].some((seen) => seen.module === other.module && seen.id === other.id)) others.push(other);
  }
  return others;
}

function toRecord(crm: string, { module, id, name, url }: { module: string; id: string; name?: string | null; url: string }): CrmRecord | null {
  const record = crmRecordSchema.safeParse({ crm, module, id, name: (name ?? '').slice(0, 256), url });
  return record.success ? record.data : null;
}

function parseJson(raw: string | null): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
