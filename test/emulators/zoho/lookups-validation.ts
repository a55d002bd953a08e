import type { ZohoApiError } from './responses.ts';
import { fieldError } from './responses.ts';
import type { ZohoEmulatorState } from './state.ts';

/**
 * The lookups Calls and Tasks share, checked the same way for both (a record gets its first bad one):
 * "Contact Name" (`Who_Id`, a Contact only: reference §2.2, Kaizen #36), "Related To" (`What_Id` +
 * `$se_module`) and `Owner` (an active user). A lookup to a record the org does not have (deleted,
 * merged away, another org's) is INVALID_DATA naming the field [inferred: reference §2.4 "invalid
 * lookup id"; the server's recogniser is `isDeadLinkError` in server/crm/zoho/record-results.ts].
 */
const SE_MODULES = ['Leads', 'Accounts', 'Deals'];

type Fields = Record<string, unknown>;

/** The `{ id }` of a lookup field: null when absent, 'bad' when not that shape. */
export function lookupId(fields: Fields, name: string): string | null | 'bad' {
  const value = fields[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || typeof (value as { id?: unknown }).id !== 'string') return 'bad';
  return (value as { id: string }).id;
}

export function lookupError(state: ZohoEmulatorState, fields: Fields, index: number, mode: 'create' | 'update'): ZohoApiError | null {
  const invalid = (field: string) => fieldError('INVALID_DATA', index, field, 'invalid data');
  const whoId = lookupId(fields, 'Who_Id');
  if (whoId === 'bad' || (whoId && !state.module('Contacts')?.has(whoId))) return invalid('Who_Id');

  const whatId = lookupId(fields, 'What_Id');
  const seModule = fields['$se_module'];
  if (whatId === 'bad') return invalid('What_Id');
  if (seModule !== undefined && seModule !== null && (typeof seModule !== 'string' || !SE_MODULES.includes(seModule))) return invalid('$se_module');
  if (whatId && typeof seModule !== 'string') return fieldError('MANDATORY_NOT_FOUND', index, '$se_module', 'required field not found');
  if (whatId && typeof seModule === 'string' && !state.module(seModule)?.has(whatId)) return invalid('What_Id');
  if (!whatId && typeof seModule === 'string' && mode === 'create') return fieldError('MANDATORY_NOT_FOUND', index, 'What_Id', 'required field not found');

  const ownerId = lookupId(fields, 'Owner');
  if (ownerId === 'bad') return invalid('Owner');
  if (ownerId && !state.users.some((user) => user.id === ownerId && user.status === 'active')) return invalid('Owner');
  return null;
}
