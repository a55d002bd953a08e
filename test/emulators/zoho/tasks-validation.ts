import type { ZohoApiError } from './responses.ts';
import { lookupError } from './lookups-validation.ts';
import { fieldError } from './responses.ts';
import type { ZohoEmulatorState } from './state.ts';

/**
 * Validates a Tasks record the way Zoho does (reference zoho-crm.md §8.2): one error per record,
 * naming the field. Picklists are a default org's ([VERIFY] in a Japanese org, §8.5).
 */
export const TASK_STATUSES = ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting on someone else'];
const PRIORITIES = ['Highest', 'High', 'Normal', 'Low', 'Lowest'];
const TEXT_LIMITS: Record<string, number> = { Subject: 255, Description: 32000 };
const KNOWN_FIELDS = new Set([
  'Subject', 'Due_Date', 'Status', 'Priority', 'Who_Id', 'What_Id', '$se_module', 'Owner', 'Description',
  'Remind_At', 'Recurring_Activity', 'Send_Notification_Email', 'Closed_Time', 'Tag',
]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Mode = { kind: 'create' } | { kind: 'update' };

export function validateTask(state: ZohoEmulatorState, record: unknown, index: number, mode: Mode): ZohoApiError | null {
  const invalid = (field: string, message = 'invalid data', extra: Record<string, unknown> = {}) => fieldError('INVALID_DATA', index, field, message, extra);
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return invalid('data');
  const fields = record as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (name === 'id' && mode.kind === 'update') continue;
    if (!KNOWN_FIELDS.has(name)) return invalid(name, 'the field api name given seems to be invalid');
  }
  if (mode.kind === 'create' && (typeof fields['Subject'] !== 'string' || fields['Subject'] === '')) {
    return fieldError('MANDATORY_NOT_FOUND', index, 'Subject', 'required field not found');
  }
  for (const [name, limit] of Object.entries(TEXT_LIMITS)) {
    const value = fields[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return invalid(name, 'invalid data', { expected_data_type: 'text' });
    if (value.length > limit) return invalid(name, 'invalid data', { maximum_length: limit });
  }
  const due = fields['Due_Date'];
  if (due !== undefined && due !== null && (typeof due !== 'string' || !DATE.test(due) || Number.isNaN(Date.parse(due)))) {
    return invalid('Due_Date', 'invalid data', { expected_data_type: 'date' });
  }
  for (const [name, values] of [['Status', TASK_STATUSES], ['Priority', PRIORITIES]] as const) {
    const value = fields[name];
    if (value !== undefined && value !== null && (typeof value !== 'string' || !values.includes(value))) return invalid(name, 'invalid data', { supported_values: values });
  }
  return lookupError(state, fields, index, mode.kind);
}
