import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import type { CrmModule } from '../adapter.ts';
import { localMoment } from '../../voice/business-hours.ts';
import { unlinkedLine, type Locale } from './call-record.ts';
import { escapeCriteriaValue } from './calls.ts';
import type { ZohoClient } from './client.ts';
import { singleRecordId } from './record-results.ts';
import { formatZohoDateTime } from './zoned-time.ts';

/**
 * Follow-up tasks in Zoho CRM (reference zoho-crm.md §8): 「折り返し電話: 山田 太郎 様」 on the caller's
 * record, owned by the rep who should call back, closed when the rep ticks the follow-up off.
 */

/** [VERIFY] zoho-crm.md §8.5: the API values of Tasks' Status and Priority picklists (Zoho's defaults). */
export const TASK_STATUS = { open: 'Not Started', done: 'Completed' } as const;
export const TASK_PRIORITY = 'High';

export type FollowUpKindForCrm = 'missed' | 'voicemail' | 'callback';

/** What a follow-up task says, read from the follow-up when it is sent. */
export interface FollowUpTask {
  followUpId: string;
  kind: FollowUpKindForCrm;
  callerNumber: string;
  callerName: string | null;
  related: { module: CrmModule; id: string } | null;
  /** The matched record Zoho no longer has, or one of the org connected before: the task is created without a link, and its description says so. */
  unlinkedRecord?: { module: CrmModule; id: string; reason?: 'other-org' } | null;
  ownerCrmUserId: string | null;
  lastCallAt: Date;
  calls: number;
  numberCalled: string | null;
  dueAt: Date;
}

export type ZohoTaskRecord = {
  Subject: string;
  Due_Date: string;
  Status: string;
  Priority: string;
  Description: string;
  Send_Notification_Email: boolean;
  Owner?: { id: string };
  Who_Id?: { id: string };
  What_Id?: { id: string };
  $se_module?: 'Leads' | 'Accounts' | 'Deals';
};

const KIND_TEXT = {
  ja: { missed: '不在着信', voicemail: '留守番電話', callback: '折り返しのご依頼' },
  en: { missed: 'Missed call', voicemail: 'Voicemail', callback: 'Callback requested' },
} as const;

/** Zoho has no idempotency key: the marker finds a task an earlier, unanswered attempt created. */
export function taskMarker(followUpId: string): string {
  return `[yobidashi-task:${followUpId}]`;
}

function displayNumber(e164: string, defaultCountry: CountryCode): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === defaultCountry ? parsed.formatNational() : parsed.formatInternational();
}

export interface TaskOptions {
  locale: Locale;
  timeZone: string;
  defaultCountry: CountryCode;
}

export function taskSubject(task: Pick<FollowUpTask, 'callerName' | 'callerNumber'>, options: TaskOptions): string {
  const name = task.callerName?.trim();
  if (options.locale === 'ja') return `折り返し電話: ${name ? `${name} 様` : displayNumber(task.callerNumber, options.defaultCountry)}`.slice(0, 255);
  return `Call back: ${name || displayNumber(task.callerNumber, options.defaultCountry)}`.slice(0, 255);
}

export function toZohoTask(task: FollowUpTask, options: TaskOptions): ZohoTaskRecord {
  const text = KIND_TEXT[options.locale];
  const number = displayNumber(task.callerNumber, options.defaultCountry);
  const when = formatZohoDateTime(task.lastCallAt, options.timeZone).slice(0, 16).replace('T', ' ');
  const lines = [
    `${text[task.kind]}: ${number}`,
    options.locale === 'ja' ? `最後の着信: ${when}${task.calls > 1 ? `（${task.calls}回）` : ''}` : `Last call: ${when}${task.calls > 1 ? ` (${task.calls} calls)` : ''}`,
    ...(task.numberCalled ? [options.locale === 'ja' ? `着信番号: ${displayNumber(task.numberCalled, options.defaultCountry)}` : `Number called: ${displayNumber(task.numberCalled, options.defaultCountry)}`] : []),
    ...(task.unlinkedRecord ? [unlinkedLine(task.unlinkedRecord, options.locale, 'task')] : []),
    taskMarker(task.followUpId),
  ];
  const record: ZohoTaskRecord = {
    Subject: taskSubject(task, options),
    // A date without a time zone: the org's local date, or a late-evening call would be due the day before.
    Due_Date: localMoment(task.dueAt, options.timeZone).date,
    Status: TASK_STATUS.open,
    Priority: TASK_PRIORITY,
    Description: lines.join('\n'),
    Send_Notification_Email: false,
  };
  if (task.ownerCrmUserId) record.Owner = { id: task.ownerCrmUserId };
  if (task.related?.module === 'Contacts') record.Who_Id = { id: task.related.id };
  else if (task.related) {
    record.What_Id = { id: task.related.id };
    record.$se_module = task.related.module;
  }
  return record;
}

export async function insertTask(client: ZohoClient, record: ZohoTaskRecord, followUpId: string): Promise<string> {
  const response = await client.request({ method: 'POST', path: '/crm/v8/Tasks', json: { data: [record] } });
  return singleRecordId(response, `Tasks insert for follow-up ${followUpId}`);
}

const taskSearchSchema = z.object({ data: z.array(z.object({ id: z.string(), Description: z.string().nullish() }).loose()) });

/** The task an earlier attempt may have created: searched by its due date (exact), kept by the marker. */
export async function findTask(client: ZohoClient, record: Pick<ZohoTaskRecord, 'Due_Date'>, followUpId: string): Promise<string | null> {
  const response = await client.request({
    method: 'GET',
    path: '/crm/v8/Tasks/search',
    query: { criteria: `(Due_Date:equals:${escapeCriteriaValue(record.Due_Date)})`, fields: 'id,Description,Subject' },
  });
  if (response.status === 204) return null;
  const parsed = taskSearchSchema.safeParse(response.body);
  if (!parsed.success) return null;
  const marker = taskMarker(followUpId);
  return parsed.data.data.find((task) => task.Description?.includes(marker))?.id ?? null;
}

/** Marks the task Completed (an absolute update: safe to send again). */
export async function closeTask(client: ZohoClient, taskId: string): Promise<void> {
  const response = await client.request({
    method: 'PUT',
    path: `/crm/v8/Tasks/${encodeURIComponent(taskId)}`,
    json: { data: [{ id: taskId, Status: TASK_STATUS.done }] },
  });
  singleRecordId(response, `Tasks update of ${taskId}`);
}
