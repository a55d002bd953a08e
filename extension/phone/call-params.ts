import { z } from 'zod';
import { crmRecordSchema, type CallInfo, type CrmRecord } from './call-info';
import { isWithheldNumber } from './withheld-number';

export { isWithheldNumber };

/**
 * The custom parameters exchanged with the server, by the server's names.
 * Outgoing: `device.connect({ params })` → the TwiML App request (server/routes/twilio/outgoing.ts
 * OUTGOING_PARAMETERS); the server logs the call against the record.
 */
export const outgoingParamNames = {
  to: 'To',
  crm: 'crm',
  crmModule: 'crmModule',
  crmId: 'crmId',
  crmName: 'crmName',
  crmUrl: 'crmUrl',
  /** The rep's UI language (`ja-JP` / `en-US`): the language of a spoken "this call cannot be placed". */
  language: 'language',
} as const;

/**
 * Incoming: the `<Client><Parameter name=… value=…/>`s of the ringing leg (server/voice/client-card.ts
 * CARD_PARAMETERS), read from the SDK's `call.customParameters`.
 */
export const incomingParamNames = {
  /** E.164, or '' when withheld. */
  callerNumber: 'callerNumber',
  /** 'true' | 'false' */
  callerAnonymous: 'callerAnonymous',
  calledNumber: 'calledNumber',
  calledLabel: 'calledLabel',
  /** Labels of the IVR choices joined with ' > '. */
  ivrPath: 'ivrPath',
  parentCallSid: 'parentCallSid',
  /** JSON `{ module, id, name, url, others? }` (with `status`), absent when no CRM is connected. */
  crmMatch: 'crmMatch',
} as const;

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
