import { describe, expect, it } from 'vitest';
import { createZohoEmulator, EMULATOR_API_DOMAIN } from '../../emulators/zoho/index.ts';
import { SEED_IDS } from '../../fixtures/zoho/seed.ts';
import { ZOHO_PHONE_SEARCH_IGNORES_PUNCTUATION } from '../../../server/crm/zoho/phone-variants.ts';
import { isDeadLinkError, singleRecordId } from '../../../server/crm/zoho/record-results.ts';

/** The emulator must refuse what Zoho refuses, or the adapter's tests prove nothing. */
async function signedIn(scope?: string) {
  const emulator = createZohoEmulator({ now: () => Date.parse('2026-11-24T03:00:00Z') });
  emulator.state.registerClient('c', 's');
  const code = emulator.state.issueGrantCode('c', scope ? { scope } : {});
  const tokenResponse = await emulator.fetch(`https://accounts.test/oauth/v2/token?grant_type=authorization_code&client_id=c&client_secret=s&code=${code}`, { method: 'POST' });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const call = (method: string, path: string, body?: unknown, auth = `Zoho-oauthtoken ${access_token}`) =>
    emulator.fetch(`${EMULATOR_API_DOMAIN}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { emulator, call };
}

const validCall = {
  Subject: '着信: 山田 太郎',
  Call_Type: 'Inbound',
  Call_Start_Time: '2026-11-24T10:15:00+09:00',
  Call_Duration: '02:05',
  Who_Id: { id: SEED_IDS.yamada },
};

describe('the Zoho emulator checks Calls like Zoho', () => {
  it.each([
    ['a duration in seconds', { Call_Duration: '125' }, 'INVALID_DATA', 'Call_Duration'],
    ['a duration with hours', { Call_Duration: '0:02:05' }, 'INVALID_DATA', 'Call_Duration'],
    ['a start time without offset', { Call_Start_Time: '2026-11-24T10:15:00' }, 'INVALID_DATA', 'Call_Start_Time'],
    ['a start time with millis and Z', { Call_Start_Time: '2026-11-24T01:15:00.000Z' }, 'INVALID_DATA', 'Call_Start_Time'],
    ['an unknown Call_Type', { Call_Type: 'Incoming' }, 'INVALID_DATA', 'Call_Type'],
    ['a lead in Who_Id', { Who_Id: { id: SEED_IDS.ito } }, 'INVALID_DATA', 'Who_Id'],
    ['a $se_module Zoho does not relate calls to', { What_Id: { id: SEED_IDS.yamada }, $se_module: 'Contacts' }, 'INVALID_DATA', '$se_module'],
    ['What_Id without $se_module', { What_Id: { id: SEED_IDS.ito } }, 'MANDATORY_NOT_FOUND', '$se_module'],
    ['a misspelt field', { Call_Duraton: '02:05' }, 'INVALID_DATA', 'Call_Duraton'],
    ['no Subject', { Subject: undefined }, 'MANDATORY_NOT_FOUND', 'Subject'],
    ['no duration on a completed call', { Call_Duration: undefined }, 'MANDATORY_NOT_FOUND', 'Call_Duration'],
  ])('rejects %s', async (_label, change, code, field) => {
    const { call } = await signedIn();
    const response = await call('POST', '/crm/v8/Calls', { data: [{ ...validCall, ...change }] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      data: [{ code, status: 'error', message: expect.any(String), details: expect.objectContaining({ api_name: field, json_path: `$.data[0].${field}` }) }],
    });
  });

  it('answers 207 with per-record results when some records fail', async () => {
    const { call } = await signedIn();
    const response = await call('POST', '/crm/v8/Calls', { data: [validCall, { ...validCall, Call_Duration: '2m5s' }] });
    expect(response.status).toBe(207);
    const body = (await response.json()) as { data: Array<{ code: string; status: string }> };
    expect(body.data.map((result) => [result.code, result.status])).toEqual([
      ['SUCCESS', 'success'],
      ['INVALID_DATA', 'error'],
    ]);
  });

  it('refuses to change Call_Type on update', async () => {
    const { call, emulator } = await signedIn();
    await call('POST', '/crm/v8/Calls', { data: [validCall] });
    const id = emulator.state.calls()[0]?.id;
    const response = await call('PUT', `/crm/v8/Calls/${id}`, { data: [{ Call_Type: 'Outbound' }] });
    expect(((await response.json()) as { data: Array<{ code: string }> }).data[0]?.code).toBe('INVALID_DATA');
  });

  it('rejects the v2-v5 Notes shape (Parent_Id string + se_module)', async () => {
    const { call } = await signedIn();
    const response = await call('POST', '/crm/v8/Notes', { data: [{ Note_Content: 'x', Parent_Id: SEED_IDS.yamada, se_module: 'Contacts' }] });
    expect(response.status).toBe(400);
  });

  it.each([
    ['an unknown module', 'GET', '/crm/v8/Callz/search?phone=1', 400, 'INVALID_MODULE'],
    ['an unknown path', 'GET', '/crm/v9/whatever', 404, 'INVALID_URL_PATTERN'],
  ])('answers %s with Zoho’s error', async (_label, method, path, status, code) => {
    const { call } = await signedIn();
    const response = await call(method, path);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code, status: 'error' });
  });

  it('wants the Zoho-oauthtoken scheme and the search scope', async () => {
    const { call } = await signedIn('ZohoCRM.modules.ALL');
    const bearer = await call('GET', '/crm/v8/org', undefined, 'Bearer nope');
    expect(await bearer.json()).toEqual({ code: 'AUTHENTICATION_FAILURE', details: {}, message: 'Authentication failed', status: 'error' });
    const search = await call('GET', '/crm/v8/Contacts/search?phone=0312345678');
    expect(search.status).toBe(401);
    expect(await search.json()).toMatchObject({ code: 'OAUTH_SCOPE_MISMATCH' });
  });

  it('reads a raw + in phone= as a space, so only %2B finds a number stored with +', async () => {
    const { call } = await signedIn();
    expect((await call('GET', '/crm/v8/Contacts/search?phone=+81%203-1234-5678')).status).toBe(204);
    expect((await call('GET', '/crm/v8/Contacts/search?phone=%2B81%203-1234-5678')).status).toBe(200);
  });

  it('compares phone= with the stored text as ZOHO_PHONE_SEARCH_IGNORES_PUNCTUATION says, never width or country code', async () => {
    const { call } = await signedIn();
    // 山田 太郎 is stored as "+81 3-1234-5678", 渡辺 直子's mobile as "０９０－５５５５－６６６６".
    const found = async (phone: string) => (await call('GET', `/crm/v8/Contacts/search?phone=${encodeURIComponent(phone)}`)).status === 200;
    expect(await found('+81312345678')).toBe(ZOHO_PHONE_SEARCH_IGNORES_PUNCTUATION);
    expect(await found('03-1234-5678')).toBe(false);
    expect(await found('090-5555-6666')).toBe(false);
    expect(await found('０９０－５５５５－６６６６')).toBe(true);
  });
});

describe('the Zoho emulator refuses a link to a record the org no longer has, for Calls and Tasks alike', () => {
  const validTask = { Subject: '折り返し電話: 山田 太郎 様', Due_Date: '2026-11-25', Status: 'Not Started', Priority: 'High' };
  const { Who_Id: _who, ...unlinkedCall } = validCall;

  it.each([
    ['Calls', 'Contacts', SEED_IDS.yamada, { Who_Id: { id: SEED_IDS.yamada } }, 'Who_Id'],
    ['Calls', 'Leads', SEED_IDS.ito, { What_Id: { id: SEED_IDS.ito }, $se_module: 'Leads' }, 'What_Id'],
    ['Tasks', 'Contacts', SEED_IDS.yamada, { Who_Id: { id: SEED_IDS.yamada } }, 'Who_Id'],
    ['Tasks', 'Deals', SEED_IDS.sampleDeal, { What_Id: { id: SEED_IDS.sampleDeal }, $se_module: 'Deals' }, 'What_Id'],
  ])('%s: a deleted %s is INVALID_DATA naming the field, which the delivery recognises as a dead link', async (module, parent, id, link, field) => {
    const { call, emulator } = await signedIn();
    const record = { ...(module === 'Calls' ? unlinkedCall : validTask), ...link };
    expect((await call('POST', `/crm/v8/${module}`, { data: [record] })).status).toBe(201);
    emulator.state.module(parent)!.delete(id);

    const response = await call('POST', `/crm/v8/${module}`, { data: [record] });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body).toEqual({
      data: [{ code: 'INVALID_DATA', status: 'error', message: expect.any(String), details: { api_name: field, json_path: `$.data[0].${field}` } }],
    });
    let refusal: unknown;
    try {
      singleRecordId({ status: response.status, body }, `${module} insert`);
    } catch (error) {
      refusal = error;
    }
    expect(isDeadLinkError(refusal)).toBe(true);
  });
});
