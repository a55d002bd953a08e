import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { CallLog } from '../adapter.ts';
import { formatCallDuration, formatZohoDateTime } from './zoned-time.ts';
import { CRM_MODULE_WORDS, historyLines } from '../call-history-text.ts';
import { fitDescription } from './description-fit.ts';

export type Locale = 'ja' | 'en';
export type CallRecordOptions = { locale: Locale; timeZone: string; defaultCountry?: CountryCode };

/** A Calls record as Zoho's v8 insert takes it (API names from the Calls field metadata). */
export type ZohoCallRecord = {
  Subject: string;
  Call_Type: 'Inbound' | 'Outbound' | 'Missed';
  Call_Start_Time: string;
  Call_Duration?: string;
  Description: string;
  Owner?: { id: string };
  Who_Id?: { id: string };
  What_Id?: { id: string };
  $se_module?: 'Leads' | 'Accounts' | 'Deals';
  Caller_ID?: string;
  Dialled_Number?: string;
  Call_Result?: string | null;
};

/** The fields a rep can still change after the call (Call_Type and a completed call's Owner cannot change). */
export type ZohoCallUpdate = Pick<ZohoCallRecord, 'Description' | 'Call_Result'>;

const SUBJECT_PREFIX = {
  ja: { inbound: '着信', outbound: '発信', missed: '不在着信', voicemail: '留守番電話' },
  en: { inbound: 'Inbound call', outbound: 'Outbound call', missed: 'Missed call', voicemail: 'Voicemail' },
} as const;

const DESCRIPTION_LABEL = {
  ja: { ivr: 'IVR', note: 'メモ', disposition: '対応結果' },
  en: { ivr: 'IVR path', note: 'Note', disposition: 'Disposition' },
} as const;

/**
 * Why a matched call or follow-up task has no "Contact Name" / "Related To": Zoho refused the link
 * (crm/record-fallbacks.ts), or the record is in the org connected before (crm/org-switch.ts).
 */
export function unlinkedLine(record: NonNullable<CallLog['unlinkedRecord']>, locale: Locale, written: 'call' | 'task' = 'call'): string {
  const module = CRM_MODULE_WORDS[locale][record.module];
  if (record.reason === 'other-org') {
    return locale === 'ja'
      ? `紐付けなし: 照合した${module}（ID ${record.id}）は以前に接続していた Zoho の組織のレコードのため、レコードに紐付けずに${written === 'call' ? '記録' : '作成'}しました。`
      : `Not linked: the matched ${module} (ID ${record.id}) is a record of the Zoho org connected before, so the ${written === 'call' ? 'call was logged' : 'task was created'} without it.`;
  }
  return locale === 'ja'
    ? `紐付けなし: 照合した${module}（ID ${record.id}）が Zoho にないため、レコードに紐付けずに${written === 'call' ? '記録' : '作成'}しました。`
    : `Not linked: the matched ${module} (ID ${record.id}) is no longer in Zoho, so the ${written === 'call' ? 'call was logged' : 'task was created'} without it.`;
}

/**
 * Zoho has no idempotency key, so each record carries the CallSid in its Description; after an
 * ambiguous failure we search for it before creating the call again.
 */
export function callMarker(callSid: string): string {
  return `[yobidashi:${callSid}]`;
}

export function toZohoCall(call: CallLog, options: CallRecordOptions): ZohoCallRecord {
  const callType = zohoCallType(call);
  const record: ZohoCallRecord = {
    Subject: subject(call, options),
    Call_Type: callType,
    Call_Start_Time: formatZohoDateTime(call.startedAt, options.timeZone),
    Description: description(call, options),
  };
  // Zoho requires a duration on completed calls and expects none on missed ones.
  if (callType !== 'Missed') record.Call_Duration = formatCallDuration(call.durationSeconds);
  if (call.ownerCrmUserId) record.Owner = { id: call.ownerCrmUserId };
  if (call.related?.module === 'Contacts') {
    record.Who_Id = { id: call.related.id };
  } else if (call.related) {
    // Leads, Accounts and Deals go in "Related To"; Who_Id only takes Contacts.
    record.What_Id = { id: call.related.id };
    record.$se_module = call.related.module;
  }
  if (call.direction === 'inbound') record.Caller_ID = call.from;
  else record.Dialled_Number = call.to;
  if (call.callResult) record.Call_Result = call.callResult;
  return record;
}

export function toZohoCallUpdate(call: CallLog, options: CallRecordOptions): ZohoCallUpdate {
  return { Description: description(call, options), Call_Result: call.callResult };
}

export function zohoCallType(call: Pick<CallLog, 'direction' | 'outcome'>): ZohoCallRecord['Call_Type'] {
  if (call.direction === 'outbound') return 'Outbound';
  return call.outcome === 'answered' ? 'Inbound' : 'Missed';
}

function subject(call: CallLog, options: CallRecordOptions): string {
  const prefixes = SUBJECT_PREFIX[options.locale];
  const prefix =
    call.direction === 'outbound'
      ? prefixes.outbound
      : call.outcome === 'answered'
        ? prefixes.inbound
        : call.outcome === 'voicemail'
          ? prefixes.voicemail
          : prefixes.missed;
  const counterpart = call.direction === 'inbound' ? call.from : call.to;
  const who = call.counterpartName?.trim() || displayNumber(counterpart, options.defaultCountry ?? 'JP');
  return `${prefix}: ${who}`.slice(0, 255);
}

function description(call: CallLog, options: CallRecordOptions): string {
  const label = DESCRIPTION_LABEL[options.locale];
  const head = call.ivrPath.length > 0 ? [`${label.ivr}: ${call.ivrPath.join(' > ')}`] : [];
  const history = historyLines(call.history ?? [], {
    locale: options.locale,
    timeZone: options.timeZone,
    names: new Map(),
    ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}),
  });
  const tail: string[] = [];
  // Description holds 32,000 characters; a very long note must not push the CallSid marker out.
  if (call.note?.trim()) tail.push(`${label.note}: ${call.note.trim().slice(0, 30_000)}`);
  if (call.disposition?.trim()) tail.push(`${label.disposition}: ${call.disposition.trim()}`);
  if (call.unlinkedRecord) tail.push(unlinkedLine(call.unlinkedRecord, options.locale));
  tail.push(callMarker(call.callSid));
  return fitDescription({ head, history, tail }, options.locale);
}

/** Domestic numbers in national format (03-1234-5678), foreign ones international. */
function displayNumber(e164: string, defaultCountry: CountryCode): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === defaultCountry ? parsed.formatNational() : parsed.formatInternational();
}
