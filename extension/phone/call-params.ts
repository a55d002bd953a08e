import { crmRecordSchema, type CallInfo, type CrmRecord } from './call-info';

/**
 * The names of the custom parameters exchanged with the server's TwiML.
 * Outgoing: `device.connect({ params })` → the TwiML App request (server stores the record with the call).
 * Incoming: `<Client><Parameter name=… value=…/></Client>` → `call.customParameters`.
 */
export const callParamNames = {
  to: 'To',
  crm: 'crm',
  crmModule: 'crmModule',
  crmRecordId: 'crmRecordId',
  crmRecordName: 'crmRecordName',
  crmRecordUrl: 'crmRecordUrl',
  caller: 'caller',
  calledNumber: 'calledNumber',
  calledLabel: 'calledLabel',
  /** Labels of the IVR choices, JSON array (`["営業","新規"]`) or joined with ` › `. */
  ivrPath: 'ivrPath',
  parentCallSid: 'parentCallSid',
} as const;

export function outgoingParams(to: string, record: CrmRecord | null): Record<string, string> {
  const params: Record<string, string> = { [callParamNames.to]: to };
  if (record) {
    params[callParamNames.crm] = record.crm;
    params[callParamNames.crmModule] = record.module;
    params[callParamNames.crmRecordId] = record.id;
    params[callParamNames.crmRecordName] = record.name;
    params[callParamNames.crmRecordUrl] = record.url;
  }
  return params;
}

/**
 * Caller IDs Twilio uses for withheld numbers (parent legs send these numbers, child legs the words).
 * https://www.twilio.com/docs/voice/twiml#callstatus-values (see reference/twilio.md §2.6).
 */
const WITHHELD = new Set([
  '+266696687',
  '+7378742833',
  '+2562533',
  '+8656696',
  '+86282452253',
  'anonymous',
  'restricted',
  'blocked',
  'unknown',
  'unavailable',
  '',
]);

export function isWithheldNumber(value: string | undefined | null): boolean {
  if (value == null) return true;
  return WITHHELD.has(value.trim().toLowerCase());
}

export interface IncomingInvite {
  /** The SDK's `call.parameters` (From, To, CallSid of the child leg…). */
  parameters: Record<string, string>;
  /** The SDK's `call.customParameters`. */
  customParameters: Map<string, string>;
}

export function incomingCallInfo(callId: string, invite: IncomingInvite): CallInfo {
  const custom = (name: string) => invite.customParameters.get(name) ?? null;
  const caller = custom(callParamNames.caller) ?? invite.parameters.From ?? null;
  return {
    callId,
    direction: 'incoming',
    number: isWithheldNumber(caller) ? null : caller,
    calledNumber: custom(callParamNames.calledNumber),
    calledLabel: custom(callParamNames.calledLabel),
    ivrPath: parseIvrPath(custom(callParamNames.ivrPath)),
    callSid: custom(callParamNames.parentCallSid) ?? invite.parameters.CallSid ?? null,
    record: recordFromParams(custom),
  };
}

function parseIvrPath(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed.map(String).slice(0, 16);
  } catch {
    // Not JSON: a plain "営業 › 新規".
  }
  return raw
    .split(/\s*[›>]\s*/)
    .filter(Boolean)
    .slice(0, 16);
}

function recordFromParams(custom: (name: string) => string | null): CrmRecord | null {
  const parsed = crmRecordSchema.safeParse({
    crm: custom(callParamNames.crm) ?? 'zoho',
    module: custom(callParamNames.crmModule),
    id: custom(callParamNames.crmRecordId),
    name: custom(callParamNames.crmRecordName) ?? '',
    url: custom(callParamNames.crmRecordUrl),
  });
  return parsed.success ? parsed.data : null;
}
