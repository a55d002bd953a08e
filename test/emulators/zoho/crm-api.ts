import { Hono, type Context } from 'hono';
import { durationSeconds, validateCall } from './calls-validation.ts';
import { phoneSearchKey } from '../../../server/crm/zoho/phone-variants.ts';
import { matchesCriteria, parseCriteria } from './criteria.ts';
import { validateTask } from './tasks-validation.ts';
import type { FaultPlan } from './faults.ts';
import * as responses from './responses.ts';
import type { EmulatorRecord, ZohoEmulatorState } from './state.ts';

const RECORD_MODULES = new Set(['Contacts', 'Leads', 'Accounts', 'Deals', 'Calls', 'Notes', 'Tasks']);
const SEARCHABLE = new Set(['Contacts', 'Leads', 'Accounts', 'Deals', 'Calls', 'Tasks']);
const PHONE_FIELDS = ['Phone', 'Mobile', 'Home_Phone', 'Other_Phone', 'Asst_Phone', 'Fax', 'Caller_ID', 'Dialled_Number'];

export type CrmApiOptions = { state: ZohoEmulatorState; faults: FaultPlan; concurrencyLimit: number; hangs: Set<() => void> };

/** Zoho CRM REST API v8, the parts Yobidashi uses, checking what Zoho checks. */
export function crmApiApp({ state, faults, concurrencyLimit, hangs }: CrmApiOptions): Hono {
  const app = new Hono();
  let inFlight = 0;

  app.use('/crm/*', async (c, next) => {
    const url = new URL(c.req.url);
    state.requests.push({ method: c.req.method, path: url.pathname, query: url.search });
    const fault = faults.take(c.req.method, url.pathname);
    if (fault?.kind === 'status') return c.json(responses.INTERNAL_ERROR(), fault.status);
    if (fault?.kind === 'rate-limit') return c.json(responses.TOO_MANY_REQUESTS(fault.retryAfterSeconds), 429);
    if (fault?.kind === 'slow') await sleep(fault.delayMs);

    const denied = authenticate(c, state);
    if (denied) return denied;
    if (inFlight >= concurrencyLimit) return c.json(responses.TOO_MANY_REQUESTS(1), 429);
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
    if (fault?.kind === 'accept-then-hang') {
      // Zoho applied the request; the answer is lost (the client times out).
      await new Promise<void>((resolve) => hangs.add(resolve));
    }
    if (fault?.kind === 'accept-then-status') {
      // Zoho applied the request, then answered 500 INTERNAL_ERROR (OAS createRecords), or a gateway
      // in front of it gave up and answered with its own page.
      c.res =
        fault.status === 500
          ? c.json(responses.INTERNAL_ERROR(), 500)
          : c.html(`<html><head><title>${fault.status}</title></head><body>Gateway error</body></html>`, fault.status);
    }
  });

  app.get('/crm/v8/org', (c) => c.json({ org: [state.org] }));

  app.get('/crm/v8/users', (c) => {
    const query = new URL(c.req.url).searchParams;
    const type = query.get('type') ?? 'AllUsers';
    const page = Number(query.get('page') ?? '1');
    const perPage = Math.min(Number(query.get('per_page') ?? '200'), 200);
    const matching = state.users.filter((user) => {
      if (type === 'ActiveUsers' || type === 'ActiveConfirmedUsers') return user.status === 'active';
      if (type === 'DeactiveUsers') return user.status === 'disabled';
      return true;
    });
    const slice = matching.slice((page - 1) * perPage, page * perPage);
    if (slice.length === 0) return c.body(null, 204);
    return c.json({ users: slice, info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < matching.length } });
  });

  app.get('/crm/v8/:module/search', (c) => {
    const module = c.req.param('module');
    if (!SEARCHABLE.has(module)) return c.json(responses.INVALID_MODULE(), 400);
    // searchParams turns a raw `+` into a space, exactly as Zoho reads it.
    const query = new URL(c.req.url).searchParams;
    const indexedBefore = state.now() - state.searchLagMs;
    const records = [...(state.module(module)?.values() ?? [])].filter(
      (record) => typeof record['Created_Time'] !== 'string' || Date.parse(record['Created_Time']) <= indexedBefore,
    );
    let hits: EmulatorRecord[];
    const criteriaText = query.get('criteria');
    if (criteriaText !== null) {
      const criteria = parseCriteria(criteriaText);
      if (!criteria) return c.json(responses.apiError('INVALID_QUERY', 'invalid query formed', { reason: 'invalid criteria' }), 400);
      hits = records.filter((record) => matchesCriteria(record, criteria));
    } else if (query.get('email') !== null) {
      const email = query.get('email')?.toLowerCase();
      hits = records.filter((record) => String(record['Email'] ?? '').toLowerCase() === email);
    } else if (query.get('phone') !== null) {
      // Undocumented: compared as ZOHO_PHONE_SEARCH_IGNORES_PUNCTUATION assumes (literal text unless it is
      // set), never ignoring country codes or full-width characters.
      const phone = phoneSearchKey(query.get('phone') ?? '');
      hits = phone.length < 3 ? [] : records.filter((record) => PHONE_FIELDS.some((field) => typeof record[field] === 'string' && phoneSearchKey(record[field]) === phone));
    } else if (query.get('word') !== null) {
      const word = query.get('word')?.toLowerCase() ?? '';
      hits = records.filter((record) => Object.values(record).some((value) => typeof value === 'string' && value.toLowerCase().includes(word)));
    } else {
      return c.json(responses.apiError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'criteria' }), 400);
    }
    if (hits.length === 0) return c.body(null, 204);
    return c.json({ data: hits, info: { per_page: 200, count: hits.length, page: 1, sort_by: 'id', sort_order: 'desc', more_records: false } });
  });

  app.post('/crm/v8/Notes', async (c) => {
    const records = await dataArray(c);
    if (!records) return c.json(responses.apiError('INVALID_DATA', 'body', { expected_data_type: 'jsonarray', api_name: 'data' }), 400);
    const results = records.map((record, index) => {
      const error = validateNote(state, record, index);
      if (error) return error;
      const id = state.nextId();
      const note = record as Record<string, unknown>;
      state.module('Notes')?.set(id, { ...note, id, Created_Time: state.formatTime(), Modified_Time: state.formatTime(), Owner: state.ownerRef(state.users[0]?.id ?? '') });
      return responses.recordSuccess('record added', id, state.formatTime(), apiUser(state));
    });
    return c.json({ data: results }, responses.multiStatus(results, 201));
  });

  app.post('/crm/v8/:module', async (c) => {
    const module = c.req.param('module');
    if (!RECORD_MODULES.has(module)) return c.json(responses.INVALID_MODULE(), 400);
    const records = await dataArray(c);
    if (!records) return c.json(responses.apiError('INVALID_DATA', 'body', { expected_data_type: 'jsonarray', api_name: 'data' }), 400);
    if (records.length > 100) return c.json(responses.apiError('LIMIT_EXCEEDED', 'the number of records exceeds the limit', { limit: 100 }), 400);
    const results = records.map((record, index) => {
      const error =
        module === 'Calls' ? validateCall(state, record, index, { kind: 'create' }) : module === 'Tasks' ? validateTask(state, record, index, { kind: 'create' }) : null;
      if (error) return error;
      const fields = record as Record<string, unknown>;
      const id = state.nextId();
      const ownerId = (fields['Owner'] as { id?: string } | undefined)?.id ?? state.users[0]?.id ?? '';
      const stored: EmulatorRecord = { ...fields, id, Owner: state.ownerRef(ownerId), Created_Time: state.formatTime(), Modified_Time: state.formatTime() };
      if (module === 'Calls') stored['Call_Duration_in_seconds'] = durationSeconds(fields['Call_Duration']);
      if (module === 'Tasks') Object.assign(stored, { Status: fields['Status'] ?? 'Not Started', Closed_Time: fields['Status'] === 'Completed' ? state.formatTime() : null });
      state.module(module)?.set(id, stored);
      return responses.recordSuccess('record added', id, state.formatTime(), apiUser(state));
    });
    return c.json({ data: results }, responses.multiStatus(results, 201));
  });

  app.put('/crm/v8/:module/:id', async (c) => {
    const module = c.req.param('module');
    if (!RECORD_MODULES.has(module)) return c.json(responses.INVALID_MODULE(), 400);
    const existing = state.module(module)?.get(c.req.param('id'));
    if (!existing) return c.json(responses.apiError('INVALID_DATA', 'the related id given seems to be invalid', { resource_path_index: 1 }), 400);
    const records = await dataArray(c);
    if (!records || records.length !== 1) return c.json(responses.apiError('INVALID_DATA', 'body', { expected_data_type: 'jsonarray', api_name: 'data' }), 400);
    const error =
      module === 'Calls' ? validateCall(state, records[0], 0, { kind: 'update', existing }) : module === 'Tasks' ? validateTask(state, records[0], 0, { kind: 'update' }) : null;
    if (error) return c.json({ data: [error] }, 400);
    const wasOpen = existing['Status'] !== 'Completed';
    Object.assign(existing, records[0], { id: existing.id, Modified_Time: state.formatTime() });
    // [VERIFY] zoho-crm.md §8.2: Zoho stamps Closed_Time when a task becomes Completed.
    if (module === 'Tasks' && wasOpen && existing['Status'] === 'Completed') existing['Closed_Time'] = state.formatTime();
    return c.json({ data: [responses.recordSuccess('record updated', existing.id, state.formatTime(), apiUser(state))] }, 200);
  });

  app.get('/crm/v8/:module/:id', (c) => {
    const module = c.req.param('module');
    if (!RECORD_MODULES.has(module)) return c.json(responses.INVALID_MODULE(), 400);
    const record = state.module(module)?.get(c.req.param('id'));
    return record ? c.json({ data: [record] }) : c.body(null, 204);
  });

  // getRelatedRecords for the Notes related list: `fields` is required; none is 204.
  app.get('/crm/v8/:module/:id/Notes', (c) => {
    const module = c.req.param('module');
    const parentId = c.req.param('id');
    if (!RECORD_MODULES.has(module)) return c.json(responses.INVALID_MODULE(), 400);
    if (!state.module(module)?.has(parentId)) return c.json(responses.apiError('INVALID_DATA', 'the related id given seems to be invalid', { resource_path_index: 1 }), 400);
    const fields = new URL(c.req.url).searchParams.get('fields');
    if (!fields) return c.json(responses.apiError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'fields' }), 400);
    const wanted = new Set(['id', ...fields.split(',')]);
    const notes = state.notes().filter((note) => (note['Parent_Id'] as { id?: string } | undefined)?.id === parentId);
    if (notes.length === 0) return c.body(null, 204);
    const data = notes.map((note) => Object.fromEntries(Object.entries(note).filter(([key]) => wanted.has(key))));
    return c.json({ data, info: { per_page: 200, next_page_token: null, count: data.length, page: 1, previous_page_token: null, page_token_expiry: null, more_records: false } });
  });

  // getAttachments: an empty list is 200 with `data: []` (the OAS example), not 204.
  app.get('/crm/v8/:module/:id/Attachments', (c) => {
    const module = c.req.param('module');
    const parentId = c.req.param('id');
    if (!RECORD_MODULES.has(module)) return c.json(responses.INVALID_MODULE(), 400);
    const parent = state.module(module)?.get(parentId);
    if (!parent) return c.json(responses.apiError('INVALID_DATA', 'the related id given seems to be invalid', { resource_path_index: 1 }), 400);
    const user = state.ownerRef(state.users[0]?.id ?? '');
    const data = state.attachments
      .filter((attachment) => attachment.parentModule === module && attachment.parentId === parentId)
      .map((attachment) => ({
        Owner: user,
        Modified_Time: attachment.createdTime ?? state.formatTime(),
        File_Name: attachment.fileName,
        $field_states: null,
        Created_Time: attachment.createdTime ?? state.formatTime(),
        Size: String(attachment.size),
        Parent_Id: { name: String(parent['Note_Title'] ?? parent['Subject'] ?? ''), id: parentId },
        $editable: true,
        $file_id: attachment.bytes ? `file${attachment.id}` : null,
        $type: attachment.attachmentUrl ? 'Link URL' : 'File',
        $se_module: module,
        Modified_By: user,
        $state: 'save',
        id: attachment.id,
        Created_By: user,
        ...(attachment.attachmentUrl ? { $link_url: attachment.attachmentUrl } : {}),
      }));
    return c.json({ data, info: { per_page: 200, next_page_token: null, count: data.length, page: 1, previous_page_token: null, page_token_expiry: null, more_records: false } });
  });

  app.post('/crm/v8/:module/:id/Attachments', async (c) => {
    const module = c.req.param('module');
    const parentId = c.req.param('id');
    if (!RECORD_MODULES.has(module)) return c.json(responses.INVALID_MODULE(), 400);
    if (!state.module(module)?.has(parentId)) return c.json(responses.apiError('INVALID_DATA', 'the related id given seems to be invalid', { resource_path_index: 1 }), 400);
    if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
      return c.json(responses.apiError('INVALID_DATA', 'the request must be multipart/form-data', { param: 'file' }), 400);
    }
    const form = await c.req.formData();
    const file = form.get('file');
    const attachmentUrl = form.get('attachmentUrl');
    if ((file === null) === (attachmentUrl === null)) {
      return c.json(responses.apiError('INVALID_DATA', 'either a file or an attachmentUrl is required', { param: 'file' }), 400);
    }
    const id = state.nextId();
    if (file instanceof File) {
      if (file.size > state.maxUploadBytes) {
        return c.json(responses.apiError('FILE_SIZE_MORE_THAN_ALLOWED_SIZE', 'Please check if the size of the file is in the correct range'), 413);
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      state.attachments.push({ id, parentModule: module, parentId, fileName: file.name, contentType: file.type || null, size: bytes.byteLength, bytes, attachmentUrl: null, createdTime: state.formatTime() });
    } else if (typeof attachmentUrl === 'string') {
      state.attachments.push({ id, parentModule: module, parentId, fileName: String(form.get('title') ?? '') || null, contentType: null, size: 0, bytes: null, attachmentUrl, createdTime: state.formatTime() });
    } else {
      return c.json(responses.apiError('INVALID_DATA', 'the file given seems to be invalid', { param: 'file' }), 400);
    }
    return c.json({ data: [responses.recordSuccess('attachment uploaded successfully', id, state.formatTime(), apiUser(state))] }, 200);
  });

  return app;
}

function authenticate(c: Context, state: ZohoEmulatorState): Response | null {
  const header = c.req.header('authorization') ?? '';
  const match = /^Zoho-oauthtoken (\S+)$/.exec(header);
  if (!match?.[1]) return c.json(responses.AUTHENTICATION_FAILURE(), 401);
  const { check, scope } = state.checkAccessToken(match[1]);
  if (check === 'evicted') return c.json(responses.INVALID_OAUTHTOKEN(), 401);
  if (check !== 'ok') return c.json(responses.INVALID_TOKEN(), 401);
  const required = requiredScope(c.req.method, new URL(c.req.url).pathname);
  const missing = required?.find((needed) => !hasScope(scope, needed));
  if (missing) return c.json(responses.OAUTH_SCOPE_MISMATCH(missing), 401);
  return null;
}

/** Every returned scope is needed (each may also be granted through its `.ALL` form). */
function requiredScope(method: string, path: string): string[] | null {
  const [, , , first, second, third] = path.split('/');
  if (first === 'org') return ['ZohoCRM.org.READ'];
  if (first === 'users') return ['ZohoCRM.users.READ'];
  if (!first) return null;
  if (third === 'Attachments') return [`ZohoCRM.modules.attachments.${opFor(method)}`];
  if (third === 'Notes') return [`ZohoCRM.modules.${first.toLowerCase()}.READ`, 'ZohoCRM.modules.notes.READ'];
  // The search API also needs the secure-search scope.
  if (second === 'search') return [`ZohoCRM.modules.${first.toLowerCase()}.READ`, 'ZohoSearch.securesearch.READ'];
  return [`ZohoCRM.modules.${first.toLowerCase()}.${opFor(method)}`];
}

function opFor(method: string): string {
  return ({ GET: 'READ', POST: 'CREATE', PUT: 'UPDATE', DELETE: 'DELETE' } as Record<string, string>)[method] ?? 'READ';
}

function hasScope(granted: string, needed: string): boolean {
  const scopes = new Set(granted.split(/[ ,]+/));
  const [service, group, module] = needed.split('.');
  const alternatives = [needed, `${service}.${group}.ALL`, `${service}.${group}.${module}.ALL`];
  if (group === 'modules') alternatives.push('ZohoCRM.modules.ALL');
  return alternatives.some((scope) => scopes.has(scope));
}

async function dataArray(c: Context): Promise<unknown[] | null> {
  const body = (await c.req.json().catch(() => null)) as { data?: unknown } | null;
  return body && Array.isArray(body.data) && body.data.length > 0 ? body.data : null;
}

function validateNote(state: ZohoEmulatorState, record: unknown, index: number): responses.ZohoApiError | null {
  if (typeof record !== 'object' || record === null) return responses.fieldError('INVALID_DATA', index, 'data', 'invalid data');
  const note = record as Record<string, unknown>;
  if (typeof note['Note_Content'] !== 'string' || note['Note_Content'] === '') return responses.fieldError('MANDATORY_NOT_FOUND', index, 'Note_Content', 'required field not found');
  const parent = note['Parent_Id'];
  if (parent === undefined) return responses.fieldError('MANDATORY_NOT_FOUND', index, 'Parent_Id', 'required field not found');
  // v8 wants { module: { api_name }, id }; the v2-v5 string + se_module shape is rejected.
  const shaped = parent as { id?: unknown; module?: { api_name?: unknown } } | null;
  if (typeof shaped !== 'object' || shaped === null || typeof shaped.id !== 'string' || typeof shaped.module?.api_name !== 'string') {
    return responses.fieldError('INVALID_DATA', index, 'Parent_Id', 'invalid data', { expected_data_type: 'lookup' });
  }
  if (!state.module(shaped.module.api_name)?.has(shaped.id)) return responses.fieldError('INVALID_DATA', index, 'Parent_Id', 'the related id given seems to be invalid');
  return null;
}

function apiUser(state: ZohoEmulatorState) {
  const user = state.users[0];
  return { name: user?.full_name ?? 'API User', id: user?.id ?? '0' };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
