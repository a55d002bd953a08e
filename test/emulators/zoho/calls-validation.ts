import type { ZohoApiError } from './responses.ts';
import { lookupError, lookupId } from './lookups-validation.ts';
import { fieldError } from './responses.ts';
import type { ZohoEmulatorState } from './state.ts';

/**
 * Validates a Calls record the way Zoho does: one error per record, naming the field. Field API
 * names and picklists are those of a default org's Calls layout (reference §2.2).
 */
const CALL_TYPES = ['Outbound', 'Inbound', 'Missed'];
const CALL_RESULTS = ['-None-', 'Interested', 'Not interested', 'No response/Busy', 'Requested more info', 'Requested call back', 'Invalid number'];
const CALL_PURPOSES = ['-None-', 'Prospecting', 'Administrative', 'Negotiation', 'Demo', 'Project', 'Desk'];
const TEXT_LIMITS: Record<string, number> = { Subject: 255, Description: 32000, Caller_ID: 30, Dialled_Number: 30, Voice_Recording__s: 1000, Call_Agenda: 2000 };
const KNOWN_FIELDS = new Set([
  'Subject', 'Call_Type', 'Call_Start_Time', 'Call_Duration', 'Call_Purpose', 'Call_Result', 'Description',
  'Who_Id', 'What_Id', '$se_module', 'Owner', 'Outgoing_Call_Status', 'Caller_ID', 'Dialled_Number',
  'Voice_Recording__s', 'Call_Agenda', 'Reminder', 'CTI_Entry', 'Scheduled_In_CRM', 'Tag',
]);
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const DURATION = /^\d{1,4}:[0-5]\d$/;

type Mode = { kind: 'create' } | { kind: 'update'; existing: Record<string, unknown> };

export function validateCall(state: ZohoEmulatorState, record: unknown, index: number, mode: Mode): ZohoApiError | null {
  const invalid = (field: string, message = `invalid data`, extra: Record<string, unknown> = {}) => fieldError('INVALID_DATA', index, field, message, extra);
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return invalid('data', 'invalid data');
  const fields = record as Record<string, unknown>;

  for (const name of Object.keys(fields)) {
    if (name === 'id' && mode.kind === 'update') continue;
    if (!KNOWN_FIELDS.has(name)) return invalid(name, 'the field api name given seems to be invalid');
  }

  if (mode.kind === 'create') {
    for (const name of ['Subject', 'Call_Type', 'Call_Start_Time']) {
      if (fields[name] === undefined || fields[name] === null || fields[name] === '') return fieldError('MANDATORY_NOT_FOUND', index, name, 'required field not found');
    }
  }

  for (const [name, limit] of Object.entries(TEXT_LIMITS)) {
    const value = fields[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return invalid(name, 'invalid data', { expected_data_type: 'text' });
    if (value.length > limit) return invalid(name, 'invalid data', { maximum_length: limit });
  }

  const callType = fields['Call_Type'] ?? (mode.kind === 'update' ? mode.existing['Call_Type'] : undefined);
  if (fields['Call_Type'] !== undefined) {
    if (typeof fields['Call_Type'] !== 'string' || !CALL_TYPES.includes(fields['Call_Type'])) return invalid('Call_Type', 'invalid data');
    if (mode.kind === 'update' && fields['Call_Type'] !== mode.existing['Call_Type']) return invalid('Call_Type', 'Call Type cannot be updated');
  }

  if (fields['Call_Start_Time'] !== undefined) {
    const start = fields['Call_Start_Time'];
    if (typeof start !== 'string' || !ISO_WITH_OFFSET.test(start) || Number.isNaN(Date.parse(start))) {
      return invalid('Call_Start_Time', 'invalid data', { expected_data_type: 'datetime' });
    }
    // A logged (not scheduled) call cannot start in the future.
    if (Date.parse(start) > state.now() + 60_000) return invalid('Call_Start_Time', 'Call start time cannot be in the future for a completed call');
  }

  const duration = fields['Call_Duration'];
  if (duration !== undefined && duration !== null && (typeof duration !== 'string' || !DURATION.test(duration))) {
    return invalid('Call_Duration', 'invalid data');
  }
  const hasDuration = typeof duration === 'string' || (mode.kind === 'update' && typeof mode.existing['Call_Duration'] === 'string');
  if ((callType === 'Inbound' || callType === 'Outbound') && !hasDuration) return fieldError('MANDATORY_NOT_FOUND', index, 'Call_Duration', 'required field not found');

  for (const [name, values] of [['Call_Result', CALL_RESULTS], ['Call_Purpose', CALL_PURPOSES]] as const) {
    const value = fields[name];
    if (value !== undefined && value !== null && (typeof value !== 'string' || !values.includes(value))) return invalid(name, 'invalid data');
  }

  const lookups = lookupError(state, fields, index, mode.kind);
  if (lookups) return lookups;
  const ownerId = lookupId(fields, 'Owner');
  if (ownerId && mode.kind === 'update' && ownerId !== (mode.existing['Owner'] as { id?: string } | undefined)?.id) {
    return invalid('Owner', 'Owner of a completed call cannot be changed');
  }
  return null;
}

/** Zoho derives the seconds from Call_Duration (read-only). */
export function durationSeconds(duration: unknown): number | null {
  if (typeof duration !== 'string' || !DURATION.test(duration)) return null;
  const [minutes, seconds] = duration.split(':').map(Number);
  return (minutes ?? 0) * 60 + (seconds ?? 0);
}
