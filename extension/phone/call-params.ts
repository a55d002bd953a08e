import { z } from 'zod';
import { crmRecordSchema, INVITE_PURPOSES, type CallInfo, type CallInvite, type CrmRecord } from './call-info';
import { CARD_PARAMETERS, OUTGOING_PARAMETERS } from '../../server/voice/call-parameters';
import { isWithheldNumber } from './withheld-number';

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
  return {
    callId,
    direction: 'incoming',
    number: anonymous || isWithheldNumber(caller) ? null : caller,
    calledNumber: custom(names.calledNumber),
    calledLabel: custom(names.calledLabel),
    ivrPath: parseIvrPath(custom(names.ivrPath)),
    callSid: custom(names.parentCallSid) ?? invite.parameters.CallSid ?? null,
    record: recordFromMatch(custom(names.crmMatch)),
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

const crmMatchSchema = z.looseObject({
  crm: z.string().optional(),
  module: z.string(),
  id: z.string(),
  name: z.string().nullish(),
  url: z.string(),
});

/** The matched record of the `crmMatch` JSON; null for no match, a pending or failed lookup, or bad JSON. */
export function recordFromMatch(raw: string | null): CrmRecord | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const match = crmMatchSchema.safeParse(json);
  if (!match.success) return null;
  const { crm, module, id, name, url } = match.data;
  const record = crmRecordSchema.safeParse({ crm: crm ?? 'zoho', module, id, name: (name ?? '').slice(0, 256), url });
  return record.success ? record.data : null;
}
