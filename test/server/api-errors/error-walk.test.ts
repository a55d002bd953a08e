import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERRORS, type ApiErrorCode } from '../../../contract/api-errors.ts';
import { apiErrorText } from '../../../extension/locales/api-error-text.ts';
import { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { silentLogger } from '../../../server/logger.ts';
import { MAX_NOTES_PER_PERSON } from '../../../server/routes/calls.ts';
import { loadStoredTwilio, saveStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { startFakeTwilioRest, type FakeFault } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { newNumber, sid, type FakeAccountData } from '../../emulators/twilio-rest/state.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { createAdminHarness, newTwilioAccount, type AdminHarness, type FakeTwilioServer } from '../admin/harness.ts';
import { createClock, createEmulator, enqueueCalls, OAUTH_CLIENT, secretBox, ZOHO_SERVER_SETTINGS } from '../crm-outbox/support.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { checkErrorBody } from '../support/error-contract.ts';
import { sharedTestStore } from '../support/store.ts';
import { MAIN } from '../voice/phone-numbers.ts';
import { createVoiceHarness, unreachableStore, type VoiceHarness } from '../voice/voice-harness.ts';
import { createTeam, resetTeam, SALES, type Team } from '../voice/call-control-support.ts';
import { restClient } from '../emulators/twilio-world.ts';
import { ACCOUNT_SID as VOICE_ACCOUNT_SID, AUTH_TOKEN as VOICE_AUTH_TOKEN } from '../voice/voice-harness.ts';
import { BoardHub } from '../../../server/board/board-hub.ts';
import { setAvailability } from '../../../server/store/presence.ts';

/**
 * Every error the API can return, each produced by a request that really produces it, checked
 * against the contract (contract/api-errors.ts) and worded by the extension in Japanese and
 * English with no placeholder left and no English in the Japanese. The last test fails when the
 * contract has a code no request here produces: a new code needs its request.
 */

const produced = new Map<ApiErrorCode, string>();

/** Sends a request, checks the answer against the contract, and records the codes it carried. */
async function refused(name: string, response: Response | Promise<Response>, expected: ApiErrorCode): Promise<void> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.headers.get('content-type'), `${name}: ${answer.status} ${text}`).toContain('application/json');
  const codes = checkErrorBody(answer.status, JSON.parse(text), name);
  expect(codes, `${name}: ${text}`).toContain(expected);
  for (const code of codes) if (!produced.has(code)) produced.set(code, name);
}

const json = (method: string, body?: unknown, token?: string | null, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
  ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
});

const WAV = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(40)]);
const PNG = Buffer.concat([Buffer.from([0x89]), Buffer.from('PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(100)]);
const A_DEEP_DOCUMENT = `{"users":${'['.repeat(200)}${']'.repeat(200)}}`;

/** A valid phone configuration for the admin harness: the admin, a rep, one number ringing the rep. */
function baseConfig() {
  return {
    settings: { defaultCountry: 'JP', allowedCountries: [] as string[] },
    users: [
      { id: 'yamada', name: '山田', email: 'yamada@example.jp', role: 'admin' },
      { id: 'sato', name: '佐藤', email: 'sato@example.jp', role: 'rep' },
    ] as Record<string, unknown>[],
    incoming: [{ number: '+81312345678', label: '代表', route: { type: 'ring', users: ['sato'], strategy: 'sequential' } }] as Record<string, unknown>[],
    outgoing: [] as Record<string, unknown>[],
  };
}
type Config = ReturnType<typeof baseConfig>;
const menu = (items: unknown[]) => ({ type: 'ivr', menu: items });
const ringSato = { type: 'ring', users: ['sato'], strategy: 'simultaneous' };

describe('the admin API, with Twilio (fake REST API)', () => {
  let twilioApi: FakeTwilioServer;
  let t: AdminHarness;
  let rep: string;
  let account: FakeAccountData;
  const call = (path: string, init: RequestInit) => t.admin.request(path, init);
  const admin = (method: string, path: string, body?: unknown) => call(path, json(method, body, t.token));
  /** The base document with the stored Twilio settings (masked, as an export carries them), edited. */
  const putConfig = async (edit: (config: Config) => void) => {
    const { twilio } = (await (await admin('GET', '/api/config')).json()) as { twilio: unknown };
    const config = { twilio, ...baseConfig() };
    edit(config);
    return admin('PUT', '/api/config', config);
  };
  const fault = (failure: Omit<FakeFault, 'status'> & { status: number }) => {
    // FakeFault lists the statuses the fake uses itself; Twilio also answers 400 and 403 (its 2xxxx codes).
    twilioApi.fake.faults.push(failure as FakeFault);
  };
  const own = (phoneNumber: string, overrides: Parameters<typeof newNumber>[1] = {}) => {
    const number = newNumber(phoneNumber, overrides);
    account.numbers.set(number.sid, number);
    return number;
  };

  beforeAll(async () => {
    twilioApi = await startFakeTwilioRest();
    t = await createAdminHarness(twilioApi);
    await t.addUser({ id: 'sato', name: '佐藤', email: 'sato@example.jp' });
    rep = await t.signIn('sato@example.jp');
  });
  afterAll(async () => {
    await t.close();
    await twilioApi.close();
  });

  it('the HTTP edge', async () => {
    await refused('a server URL typed with /api', call('/api/api/auth/login', json('POST', { email: 'a', password: 'b' })), 'no_route');
    await refused('a 2 MB sign-in', call('/api/auth/login', json('POST', `{"email":"${'a'.repeat(2 * 1024 * 1024)}"}`)), 'body_too_large');
    await refused('a body that is not JSON', call('/api/auth/login', json('POST', '{"email":')), 'invalid_json');
    await refused('a document 200 levels deep', admin('PUT', '/api/config', A_DEEP_DOCUMENT), 'json_too_deep');
    await refused('a list of 100,001 values', admin('PUT', '/api/config', `{"users":[${'0,'.repeat(100_000)}0]}`), 'json_too_many_values');
    await refused('a list instead of a user', admin('POST', '/api/users', []), 'not_an_object');
    await refused('a sign-in without its fields', call('/api/auth/login', json('POST', {})), 'invalid_input');
    await refused('a NUL in a query parameter', admin('GET', '/api/calls?number=03%00'), 'invalid_characters');
    const form = new FormData();
    form.append('file', new File([WAV], 'welcome\u0000.wav', { type: 'audio/wav' }));
    await refused('a NUL in an uploaded file’s name (past the JSON edge: the database refuses it)', call('/api/audio', { method: 'POST', body: form, headers: { Authorization: `Bearer ${t.token}` } }), 'unsupported_characters');
  });

  it('sessions and limits', async () => {
    await refused('no bearer token', call('/api/me', json('GET')), 'unauthenticated');
    await refused('a rep on an admin route', call('/api/users', json('GET', undefined, rep)), 'forbidden');
    await refused('a wrong password', call('/api/auth/login', json('POST', { email: 'sato@example.jp', password: 'wrong password' })), 'invalid_credentials');
    for (let attempt = 0; attempt < 5; attempt++) await call('/api/auth/login', json('POST', { email: 'sato@example.jp', password: 'guess' }));
    await refused('another sign-in after repeated failures', call('/api/auth/login', json('POST', { email: 'sato@example.jp', password: 'guess' })), 'too_many_attempts');
  });

  it('before Twilio is set up', async () => {
    await refused('the numbers before Twilio is set up', admin('GET', '/api/twilio/numbers'), 'twilio_not_configured');
    await refused('a masked Auth Token when none is stored', putConfig((c) => Object.assign(c, { twilio: { authToken: '••••1a2b' } })), 'masked_secret_not_stored');
    await refused('an Account SID of the wrong form', admin('PUT', '/api/twilio/account', { accountSid: 'AC123', authToken: 'f'.repeat(32) }), 'invalid_account_sid');
    await refused('an Auth Token of the wrong form', admin('PUT', '/api/twilio/account', { accountSid: `AC${'1'.repeat(32)}`, authToken: 'secret' }), 'invalid_auth_token');
    const suspended = newTwilioAccount(twilioApi, { status: 'suspended' });
    await refused('a suspended account', admin('PUT', '/api/twilio/account', suspended.credentials), 'twilio_account_suspended');
    const closed = newTwilioAccount(twilioApi, { status: 'closed' });
    await refused('a closed account', admin('PUT', '/api/twilio/account', closed.credentials), 'twilio_account_closed');
    const rotating = newTwilioAccount(twilioApi, { secondaryAuthToken: 'b'.repeat(32) });
    await refused('the secondary Auth Token', admin('PUT', '/api/twilio/account', { ...rotating.credentials, authToken: 'b'.repeat(32) }), 'twilio_secondary_auth_token');
    const active = newTwilioAccount(twilioApi);
    await refused('a wrong Auth Token', admin('PUT', '/api/twilio/account', { ...active.credentials, authToken: 'f'.repeat(32) }), 'twilio_auth_failed');
    fault({ method: 'GET', path: /\/Accounts\/AC\w+\.json$/, status: 403, code: 20008, message: 'Cannot access this resource with Test Credentials' });
    await refused('test credentials', admin('PUT', '/api/twilio/account', active.credentials), 'twilio_test_credentials');
    expect((await admin('PUT', '/api/twilio/account', active.credentials)).status).toBe(200);
    account = active.data;
  });

  it('Twilio numbers', async () => {
    const free = own('+81312345678');
    await refused('an unknown number SID', admin('POST', `/api/twilio/numbers/${sid('PN')}/connect`, {}), 'twilio_not_found');
    await refused('a malformed number SID', admin('POST', '/api/twilio/numbers/PN1/connect', {}), 'invalid_phone_number_sid');
    const elsewhere = own('+815012345678');
    await refused('a number that is not an incoming number', admin('POST', `/api/twilio/numbers/${elsewhere.sid}/connect`, {}), 'not_an_incoming_number');
    await refused('giving back a number that was never connected', admin('POST', `/api/twilio/numbers/${elsewhere.sid}/disconnect`, {}), 'not_connected');
    expect((await putConfig(() => {})).status).toBe(200);
    const app = own('+81667890123', { voice_application_sid: sid('AP') });
    expect((await putConfig((c) => c.incoming.push({ number: '+81667890123', route: { type: 'ring', users: ['sato'], strategy: 'sequential' } }))).status).toBe(200);
    await refused('a number another TwiML App answers', admin('POST', `/api/twilio/numbers/${app.sid}/connect`, {}), 'number_in_use');
    fault({ method: 'GET', path: /IncomingPhoneNumbers\/PN\w+\.json$/, status: 429, code: 20429, message: 'Too Many Requests' });
    await refused('Twilio rate-limiting', admin('POST', `/api/twilio/numbers/${free.sid}/connect`, {}), 'twilio_rate_limited');
    fault({ method: 'GET', path: /IncomingPhoneNumbers\/PN\w+\.json$/, status: 503, code: 20500, message: 'Service unavailable' });
    await refused('Twilio down', admin('POST', `/api/twilio/numbers/${free.sid}/connect`, {}), 'twilio_unavailable');
    fault({ method: 'POST', path: /IncomingPhoneNumbers\/PN\w+\.json$/, status: 400, code: 21502, message: 'Invalid Url' });
    await refused('a change Twilio refuses', admin('POST', `/api/twilio/numbers/${free.sid}/connect`, {}), 'twilio_rejected');
    fault({ method: 'GET', path: /IncomingPhoneNumbers\/PN\w+\.json$/, status: 400, code: 21219, message: "'To' phone number not verified" });
    await refused('a trial account calling an unverified number', admin('POST', `/api/twilio/numbers/${free.sid}/connect`, {}), 'twilio_trial_unverified_number');
    fault({ method: 'GET', path: /IncomingPhoneNumbers\/PN\w+\.json$/, status: 400, code: 21215, message: 'Geo Permission configuration is not permitting call' });
    await refused('a country the account may not call', admin('POST', `/api/twilio/numbers/${free.sid}/connect`, {}), 'twilio_geo_permission');
    await refused('a repair that does not exist', admin('POST', '/api/twilio/setup-check/fix', { id: 'number:+81312345678:reps' }), 'no_fix');
    await refused('a caller ID the account cannot call from', admin('PUT', '/api/outgoing/sato', { number: '03-9999-0000' }), 'caller_id_not_usable');
    fault({ method: 'GET', path: /OutgoingCallerIds\.json$/, status: 503, code: 20503, message: 'Service Unavailable' });
    await refused('a caller ID Twilio cannot confirm', admin('PUT', '/api/outgoing/sato', { number: '050-1234-5678' }), 'caller_id_unchecked');
    account.account.status = 'suspended';
    await refused('an account suspended after it was set up', admin('GET', '/api/twilio/numbers'), 'twilio_account_inactive');
    account.account.status = 'active';
  });

  it('imports that would undo what the Twilio steps did, and saves that raced another', async () => {
    await refused('an import switching the Twilio account', putConfig((c) => Object.assign(c, { twilio: { accountSid: `AC${'9'.repeat(32)}` } })), 'twilio_change_needs_twilio_step');
    const branch = own('+81667890124');
    expect((await putConfig((c) => c.incoming.push({ number: '+81667890124', route: { type: 'ring', users: ['sato'], strategy: 'sequential' } }))).status).toBe(200);
    expect((await admin('POST', `/api/twilio/numbers/${branch.sid}/connect`, { confirm: true })).status).toBe(200);
    await refused('an import leaving out a connected number', putConfig(() => {}), 'connected_number_removed');
    expect((await admin('POST', `/api/twilio/numbers/${branch.sid}/disconnect`, {})).status).toBe(200);
    const read = await admin('GET', '/api/config');
    const document: unknown = await read.json();
    expect((await putConfig(() => {})).status).toBe(200);
    await refused('a save of a document another save changed since', call('/api/config', json('PUT', document, t.token, { 'If-Match': read.headers.get('ETag') ?? '' })), 'config_changed');
  });

  it('the preview', async () => {
    await refused('a preview of a number that is not configured', admin('POST', '/api/preview/%25', {}), 'incoming_number_not_found');
    await refused('an impossible key press', admin('POST', '/api/preview/%2B81312345678', { digits: ['x'] }), 'invalid_key_press');
    await refused('31 key presses', admin('POST', '/api/preview/%2B81312345678', { digits: Array(31).fill('1') }), 'too_many_items');
    await refused('"as if" on a day that does not exist', admin('POST', '/api/preview/%2B81312345678', { at: { date: '2026-13-01', time: '10:00' } }), 'invalid_calendar_date');
    await refused('"as if" at 25 o’clock', admin('POST', '/api/preview/%2B81312345678', { at: { date: '2026-11-24', time: '25:00' } }), 'invalid_time_of_day');
    expect((await admin('POST', '/api/preview/%2B81312345678', {})).status).toBe(200);
    // The Auth Token rotated moments ago: the webhooks still check with the one they read (cached
    // for a few seconds), so the preview's freshly signed requests are refused.
    const stored = await loadStoredTwilio(t.store.db);
    await saveStoredTwilio(t.store.db, { ...stored, authTokenSealed: t.deps.secretBox.seal('e'.repeat(32)) }, t.clock.now());
    await refused('a preview the call flow refuses', admin('POST', '/api/preview/%2B81312345678', {}), 'preview_failed');
    await saveStoredTwilio(t.store.db, stored, t.clock.now());
  });

  it('resources', async () => {
    await refused('an unknown user', admin('GET', '/api/users/nobody'), 'user_not_found');
    await refused('a user id already taken', admin('POST', '/api/users', { id: 'sato', name: '佐藤', email: 'sato2@example.jp', role: 'rep', password: 'long enough' }), 'user_exists');
    await refused('renaming a user', admin('PATCH', '/api/users/sato', { id: 'sato2' }), 'user_id_immutable');
    await refused('an unknown incoming number', admin('GET', '/api/incoming/%2B81399999999'), 'incoming_number_not_found');
    await refused('renaming an incoming number', admin('PUT', '/api/incoming/%2B81312345678', { number: '03-9999-0000', label: '代表' }), 'incoming_number_immutable');
    await refused('an outgoing number nobody has', admin('DELETE', '/api/outgoing/sato'), 'outgoing_not_found');
    await refused('an unknown outbox entry', admin('POST', '/api/crm/outbox/999999/retry'), 'outbox_entry_not_found');
    await enqueueCalls(t.store, { now: t.clock.now } as Parameters<typeof enqueueCalls>[1], 1);
    const [entry] = await t.store.db.selectFrom('crm_outbox').select('id').execute();
    await refused('retrying an entry that is not on hold', admin('POST', `/api/crm/outbox/${entry!.id}/retry`), 'outbox_entry_not_parked');
  });

  it('the CRM, before it is connected', async () => {
    await refused('matching users without a CRM', admin('POST', '/api/crm/users/sync'), 'crm_not_connected');
    await refused('a grant code without a client', admin('POST', '/api/crm/zoho/connect', { dataCentre: 'JP', code: '1000.abc' }), 'zoho_client_missing');
    await refused('signing in with Zoho without a server client', admin('GET', '/api/crm/zoho/authorize'), 'zoho_server_client_missing');
    await refused('a client id without its secret', admin('POST', '/api/crm/zoho/connect', { dataCentre: 'JP', code: '1000.abc', clientId: '1000.X' }), 'client_id_and_secret_together');
    await refused('an unknown data centre', admin('POST', '/api/crm/zoho/connect', { dataCentre: 'XX', code: '1000.abc' }), 'not_one_of');
    await refused('an unknown setting', admin('PUT', '/api/crm/settings', { deleteRecordingsAfterUpload: true, colour: 'red' }), 'unknown_fields');
    await refused('a setting that is not true or false', admin('PUT', '/api/crm/settings', { deleteRecordingsAfterUpload: 'yes' }), 'expected_true_false');
  });

  it('audio uploads', async () => {
    const multipart = (field: string) => {
      const form = new FormData();
      form.append(field, new File([WAV], 'welcome.wav', { type: 'audio/wav' }));
      return call('/api/audio', { method: 'POST', body: form, headers: { Authorization: `Bearer ${t.token}` } });
    };
    const raw = (bytes: Uint8Array) => call('/api/audio?name=x.wav', { method: 'POST', body: bytes, headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'audio/wav' } });
    await refused('a form without its file', multipart('audio'), 'audio_missing');
    await refused('a 6 MB recording', raw(new Uint8Array(6 * 1024 * 1024)), 'audio_too_large');
    await refused('an empty file', raw(new Uint8Array(0)), 'audio_empty');
    await refused('a PNG named .wav', raw(PNG), 'audio_unsupported');
    await refused('deleting an unknown file', admin('DELETE', '/api/audio/AbCdEfGhIjKlMnOpQrStUv'), 'audio_not_found');
    const { id } = (await (await raw(WAV)).json()) as { id: string };
    expect((await putConfig((c) => Object.assign(c.incoming[0]!, { messages: { welcome: { type: 'audio', audioId: id } } }))).status).toBe(200);
    await refused('deleting a file a number still plays', admin('DELETE', `/api/audio/${id}`), 'audio_in_use');
    const music = (await (await raw(WAV)).json()) as { id: string };
    expect((await putConfig((c) => Object.assign(c.settings, { outgoingHoldMusic: { type: 'audio', audioId: music.id } }))).status).toBe(200);
    await refused('deleting the hold music of outgoing calls', admin('DELETE', `/api/audio/${music.id}`), 'audio_in_use_outgoing');
    const notice = (await (await raw(WAV)).json()) as { id: string };
    expect((await putConfig((c) => Object.assign(c.settings, { recordingNotice: { enabled: true, message: { type: 'audio', audioId: notice.id } } }))).status).toBe(200);
    await refused('deleting the recording announcement', admin('DELETE', `/api/audio/${notice.id}`), 'audio_in_use_recording_notice');
  });

  it('the call log’s filters', async () => {
    await refused('limit 0', admin('GET', '/api/calls?limit=0'), 'too_small');
    await refused('limit 500', admin('GET', '/api/calls?limit=500'), 'too_large');
    await refused('limit 1.5', admin('GET', '/api/calls?limit=1.5'), 'expected_whole_number');
    await refused('limit "ten"', admin('GET', '/api/calls?limit=ten'), 'expected_number');
    await refused('an unknown direction', admin('GET', '/api/calls?direction=sideways'), 'not_one_of');
    await refused('a date that is not one', admin('GET', '/api/calls?from=yesterday'), 'invalid_date');
    await refused('a rep id of the wrong form', admin('GET', '/api/calls?rep=sato-san'), 'invalid_user_id');
    await refused('a cursor this server never gave', admin('GET', '/api/calls?cursor=zzz'), 'invalid_cursor');
    await refused('a 41-character number', admin('GET', `/api/calls?number=${'1'.repeat(41)}`), 'too_long');
  });

  it('the sign-in form', async () => {
    await refused('an empty e-mail', call('/api/auth/login', json('POST', { email: ' ', password: 'x' })), 'empty');
    await refused('an e-mail that is a number', call('/api/auth/login', json('POST', { email: 5, password: 'x' })), 'expected_text');
    await refused('a NUL in the e-mail', call('/api/auth/login', json('POST', { email: 'sato\u0000@example.jp', password: 'x' })), 'invalid_characters');
  });

  it('the phone configuration’s shape', async () => {
    await refused('a missing name', putConfig((c) => delete c.users[1]!.name), 'required');
    await refused('twilio as a number', putConfig((c) => Object.assign(c, { twilio: 5 })), 'expected_object');
    await refused('users as an object', putConfig((c) => Object.assign(c, { users: {} })), 'expected_list');
    await refused('an e-mail without @', putConfig((c) => (c.users[1]!.email = 'sato.example.jp')), 'invalid_email');
    await refused('an http:// prompt', putConfig((c) => Object.assign(c.incoming[0]!, { messages: { welcome: { type: 'url', url: 'http://example.jp/a.mp3' } } })), 'not_https_url');
    await refused('an API key SID of the wrong form', putConfig((c) => Object.assign(c, { twilio: { apiKeySid: 'SK1' } })), 'invalid_api_key_sid');
    await refused('a TwiML App SID of the wrong form', putConfig((c) => Object.assign(c, { twilio: { twimlAppSid: 'AP1' } })), 'invalid_twiml_app_sid');
    await refused('a user id with a hyphen', putConfig((c) => (c.users[1]!.id = 'sato-san')), 'invalid_user_id');
    await refused('a country in lower case', putConfig((c) => (c.settings.defaultCountry = 'jp')), 'invalid_country_code');
    await refused('ring seconds as text', putConfig((c) => Object.assign(c.incoming[0]!.route as object, { ringSeconds: '20' })), 'expected_number');
    await refused('a 101-character label', putConfig((c) => (c.incoming[0]!.label = 'あ'.repeat(101))), 'too_long');
    await refused('an unknown role', putConfig((c) => (c.users[1]!.role = 'boss')), 'not_one_of');
  });

  it('business hours and the waiting line', async () => {
    const hours = (extra: Record<string, unknown>) => (c: Config) => Object.assign(c.incoming[0]!, { hours: { weekly: {}, ...extra } });
    await refused('a range that ends before it starts', putConfig(hours({ weekly: { mon: [{ from: '18:00', to: '09:00' }] } })), 'hours_range_order');
    await refused('two ranges of one day that overlap', putConfig(hours({ weekly: { mon: [{ from: '09:00', to: '12:00' }, { from: '11:00', to: '13:00' }] } })), 'hours_ranges_overlap');
    await refused('a time that is not one', putConfig(hours({ weekly: { mon: [{ from: '9時', to: '12:00' }] } })), 'invalid_time_of_day');
    await refused('closed days that end before they start', putConfig(hours({ closedDays: [{ from: '2026-12-31', to: '2026-12-29' }] })), 'hours_dates_order');
    await refused('a closed day written 12/29', putConfig(hours({ closedDays: [{ from: '12/29', to: '2027-01-03' }] })), 'invalid_calendar_date');
    await refused('an open day without its hours', putConfig(hours({ openDays: [{ from: '2026-12-26', to: '2026-12-26', ranges: [] }] })), 'open_day_needs_hours');
    await refused('forwarding to something that is not a number', putConfig(hours({ outside: { type: 'forward', number: 'でんわ' } })), 'forward_not_a_number');
    await refused('forwarding to a premium-rate number', putConfig(hours({ outside: { type: 'forward', number: '0990-123-456' } })), 'forward_premium_rate');
    await refused('forwarding abroad', putConfig(hours({ outside: { type: 'forward', number: '+12025550123' } })), 'forward_country_not_allowed');
    await refused('an IVR in hours only on a number without hours', putConfig((c) => (c.incoming[0]!.route = { ...menu([{ key: 1, label: '営業', action: ringSato }]), availability: 'in-hours' })), 'hours_required');
    await refused('one key for voicemail and callback', putConfig((c) => Object.assign(c.incoming[0]!.route as object, { queue: { voicemailKey: '1', callbackKey: '1' } })), 'queue_keys_same');
    await refused('a time zone that does not exist', admin('PUT', '/api/settings/hours', { timeZone: 'Mars/Olympus_Mons' }), 'invalid_time_zone');
    await refused('follow-ups due after 200 hours', admin('PUT', '/api/settings/hours', { followUpDueHours: 200 }), 'too_large');
  });

  it('analytics', async () => {
    await refused('a range without its end', admin('GET', '/api/analytics?from=2026-11-01'), 'invalid_range');
    await refused('a range that ends before it starts', admin('GET', '/api/analytics?from=2026-11-30&to=2026-11-01'), 'invalid_range');
    await refused('a menu branch that is not keys 1-9', admin('GET', '/api/analytics?branch=0'), 'invalid_menu_branch');
    await refused('the org’s time zone set to nonsense', admin('PUT', '/api/analytics/time-zone', { timeZone: 'Mars/Olympus_Mons' }), 'invalid_time_zone');
  });

  it('one’s own password', async () => {
    // The admin's: 佐藤's sign-ins were locked by the test of the limits above.
    await refused('a wrong current password', admin('PUT', '/api/me/password', { currentPassword: 'not my password', newPassword: 'a long new password' }), 'wrong_password');
  });

  it('invitations', async () => {
    const invite = async (email: string, expiresInDays = 7) => {
      const response = await admin('POST', '/api/invites', { invites: [{ email }], expiresInDays });
      const { invites } = (await response.json()) as { invites: { invite: { id: string }; token: string }[] };
      return invites[0]!;
    };
    const lookup = (token: string) => call('/api/invites/lookup', json('POST', { token }));
    const accept = (token: string, password: string) => call('/api/invites/accept', json('POST', { token, password }));
    await refused('a link that is not an invitation', lookup('https://example.jp'), 'invalid_invite_token');
    await refused('a link this server never issued', lookup(`yi_${'A'.repeat(43)}`), 'invite_unknown');
    await refused('resending an invitation that does not exist', admin('POST', '/api/invites/999999/resend'), 'invite_not_found');
    const withdrawn = await invite('withdrawn@example.jp');
    expect((await admin('POST', `/api/invites/${withdrawn.invite.id}/revoke`)).status).toBe(200);
    await refused('a withdrawn invitation', lookup(withdrawn.token), 'invite_revoked');
    await refused('resending a withdrawn invitation', admin('POST', `/api/invites/${withdrawn.invite.id}/resend`), 'invite_already_revoked');
    const used = await invite('new-rep@example.jp');
    expect((await accept(used.token, 'a long new password')).status).toBe(200);
    await refused('a used invitation', lookup(used.token), 'invite_used');
    await refused('withdrawing an accepted invitation', admin('POST', `/api/invites/${used.invite.id}/revoke`), 'invite_already_accepted');
    await refused('a new password that is too short', accept((await invite('short@example.jp')).token, 'short'), 'password_too_short');
    await t.addUser({ id: 'kato', name: '加藤', email: 'kato@example.jp' });
    expect((await admin('PATCH', '/api/users/kato', { active: false })).status).toBe(200);
    await refused('an invitation for a deactivated account', accept((await invite('kato@example.jp')).token, 'correct horse battery'), 'account_inactive');
    const late = await invite('late@example.jp', 1);
    t.clock.advance(2 * 24 * 3600);
    await refused('an invitation past its date', lookup(late.token), 'invite_expired');
  });

  it('the phone configuration’s rules', async () => {
    const incoming = (route: unknown, extra: Record<string, unknown> = {}) => (c: Config) => (c.incoming[0] = { number: '+81312345678', route, ...extra });
    await refused('a ring with nobody', putConfig(incoming({ type: 'ring', users: [], strategy: 'sequential' })), 'no_users_chosen');
    await refused('key 0', putConfig(incoming(menu([{ key: 0, label: '受付', action: ringSato }]))), 'menu_key_range');
    await refused('a blank label', putConfig(incoming(menu([{ key: 1, label: '  ', action: ringSato }]))), 'label_missing');
    await refused('an empty IVR', putConfig(incoming(menu([]))), 'ivr_menu_empty');
    await refused('an empty submenu', putConfig(incoming(menu([{ key: 1, label: '営業', action: { type: 'menu', menu: [] } }]))), 'submenu_empty');
    await refused('ten items', putConfig(incoming(menu([1, 2, 3, 4, 5, 6, 7, 8, 9, 9].map((key) => ({ key, label: `項目${key}`, action: ringSato }))))), 'menu_too_many_items');
    await refused('three cycles', putConfig(incoming({ type: 'ring', users: ['sato'], strategy: 'sequential', cycles: 3 })), 'cycles_one_or_two');
    await refused('ring for 4 seconds', putConfig(incoming({ type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 4 })), 'too_small');
    await refused('ring for 61 seconds', putConfig(incoming({ type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 61 })), 'too_large');
    await refused('a key used twice', putConfig(incoming(menu([{ key: 1, label: '営業', action: ringSato }, { key: 1, label: 'サポート', action: ringSato }]))), 'duplicate_menu_key');
    const nested = (levels: number): unknown[] => (levels === 1 ? [{ key: 1, label: '営業', action: ringSato }] : [{ key: 1, label: `レベル${levels}`, action: { type: 'menu', menu: nested(levels - 1) } }]);
    await refused('six menu levels', putConfig(incoming(menu(nested(6)))), 'menu_too_deep');
    await refused('a repeat with simultaneous ringing', putConfig(incoming(menu([{ key: 1, label: '営業', action: { ...ringSato, repeat: true } }]))), 'repeat_needs_sequential');
    await refused('two cycles of simultaneous ringing', putConfig(incoming({ type: 'ring', users: ['sato'], strategy: 'simultaneous', cycles: 2 })), 'cycles_need_sequential');
    await refused('an audio welcome in a multi-level IVR', putConfig(incoming(menu(nested(2)), { messages: { welcome: { type: 'audio', audioId: 'a1' } } })), 'ivr_text_prompts_only');
    await refused('a menu sentence without placeholders', putConfig(incoming(menu(nested(1)), { messages: { menu: '番号を押してください。' } })), 'menu_template_placeholders');
    await refused('an English voice for Japanese', putConfig(incoming(menu(nested(1)), { voice: { language: 'ja-JP', voice: 'Polly.Joanna' } })), 'voice_language_mismatch');
    await refused('a voice Twilio does not have', putConfig(incoming(menu(nested(1)), { voice: { language: 'ja-JP', voice: 'Polly.Kazuha' } })), 'voice_not_offered');
    await refused('a Japanese welcome too long for Twilio to speak', putConfig(incoming(menu(nested(1)), { messages: { welcome: { type: 'text', text: 'あ'.repeat(600) } } })), 'say_too_long');
    await refused('a voicemail of five seconds', putConfig(incoming(menu(nested(1)), { voicemailMaxSeconds: 5 })), 'voicemail_length_range');
    const longSentence = `\${Menu}${'い'.repeat(480)}\${Key press}`;
    await refused('a menu sentence too long with its label', putConfig(incoming(menu([{ key: 1, label: 'う'.repeat(100), action: ringSato }]), { messages: { menu: longSentence } })), 'menu_sentence_too_long');
    await refused('an unknown country', putConfig((c) => (c.settings.defaultCountry = 'XX')), 'unknown_country');
    await refused('a number that is not one', putConfig((c) => (c.incoming[0]!.number = 'でんわ abc')), 'not_a_phone_number');
    await refused('a number configured twice', putConfig((c) => c.incoming.push({ ...c.incoming[0]!, number: '03-1234-5678' })), 'duplicate_number');
    await refused('ringing an unknown user', putConfig(incoming({ type: 'ring', users: ['tanaka'], strategy: 'sequential' })), 'unknown_user');
    await refused('ringing a deactivated user', putConfig((c) => (c.users[1]!.active = false)), 'user_deactivated');
    await refused('ringing a user twice', putConfig(incoming({ type: 'ring', users: ['sato', 'sato'], strategy: 'sequential' })), 'user_listed_twice');
    await refused('two outgoing numbers for one user', putConfig((c) => c.outgoing.push({ user: 'sato', number: '+81312345678' }, { user: 'sato', number: '+81312345678' })), 'duplicate_outgoing_user');
    await refused('a user id twice', putConfig((c) => c.users.push({ ...c.users[1]!, email: 'other@example.jp' })), 'duplicate_user_id');
    await refused('an e-mail twice (in another case)', putConfig((c) => c.users.push({ id: 'suzuki', name: '鈴木', email: 'SATO@example.jp', role: 'rep', password: 'long enough' })), 'duplicate_email');
    await refused('a short password', putConfig((c) => (c.users[1]!.password = 'short')), 'password_too_short');
    await refused('a new user without a password', putConfig((c) => c.users.push({ id: 'suzuki', name: '鈴木', email: 'suzuki@example.jp', role: 'rep' })), 'new_user_needs_password');
    await refused('nobody left to administer', admin('PUT', '/api/config', {}), 'no_active_admin');
    const otherAdmin = { id: 'kimura', name: '木村', email: 'kimura@example.jp', role: 'admin', password: 'long enough' };
    await refused('removing yourself', putConfig((c) => (c.users = [otherAdmin, c.users[1]!])), 'cannot_remove_self');
    await refused('demoting yourself', putConfig((c) => c.users.push(otherAdmin) && (c.users[0]!.role = 'rep')), 'cannot_demote_self');
    await refused('deactivating yourself', putConfig((c) => c.users.push(otherAdmin) && (c.users[0]!.active = false)), 'cannot_deactivate_self');
    await refused('a masked Auth Token that is not the stored one', putConfig((c) => Object.assign(c, { twilio: { authToken: '••••0000' } })), 'masked_secret_mismatch');
    await refused('a whole document that is not an object', admin('PUT', '/api/config', []), 'expected_object');
  });
});

describe('calls, with the Twilio call emulator', () => {
  let h: VoiceHarness;
  let callSid = '';
  const tokens: Record<string, string> = {};
  const as = (user: string, method: string, path: string, body?: unknown) => h.voice.request(path, json(method, body, tokens[user]));

  beforeAll(async () => {
    h = await createVoiceHarness({ reps: ['sato', 'suzuki'] });
    for (const id of ['sato', 'suzuki']) tokens[id] = await h.signIn(`${id}@example.jp`);
    await h.addNumber(MAIN);
    await h.goOnline('sato', 'suzuki');
    callSid = (await h.twilio.incomingCall({ from: '+819011112222', to: MAIN.number, script: { digits: ['1'], dial: [{}, { answeredBy: 'suzuki' }] } })).callSid;
  });
  afterAll(() => h.close());

  it('notes, results and tokens', async () => {
    await refused('a note on a call that is not in the log', as('sato', 'PATCH', `/api/calls/CA${'0'.repeat(32)}`, { note: 'メモ' }), 'call_not_found');
    await refused('a note by a rep who only rang', as('sato', 'PATCH', `/api/calls/${callSid}`, { note: 'メモ' }), 'not_rep_on_call');
    await refused('a change with nothing in it', as('suzuki', 'PATCH', `/api/calls/${callSid}`, {}), 'nothing_to_change');
    for (let note = 1; note <= MAX_NOTES_PER_PERSON; note++) expect((await as('suzuki', 'POST', `/api/calls/${callSid}/notes`, { note: `メモ ${note}` })).status).toBe(200);
    await refused('one note too many in a call’s history', as('suzuki', 'POST', `/api/calls/${callSid}/notes`, { note: 'もう一つ' }), 'call_notes_full');
    await refused('ticking off a follow-up that is not there', as('sato', 'POST', '/api/follow-ups/999999/done'), 'follow_up_not_found');
    await refused('the voicemail of a follow-up that is not there', as('sato', 'GET', '/api/follow-ups/999999/recording'), 'follow_up_not_found');
    for (let request = 0; request < 30; request++) await as('sato', 'POST', '/api/token');
    await refused('a 31st token within a minute', as('sato', 'POST', '/api/token'), 'rate_limited');
  });
});

describe('call control, with the Twilio call and conference emulator', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam();
  });
  afterAll(() => team.close());
  /** Who is online: their extensions beat while Twilio's virtual minutes pass (as Team.act does). */
  const online = new Set(['sato', 'suzuki', 'tanaka', 'kanri']);
  const act = async (user: keyof Team['tokens'], method: string, path: string, body?: unknown) => {
    for (const id of online) await setAvailability(team.store.db, id, true, team.clock.now());
    return team.voice.request(path, json(method, body, team.tokens[user]));
  };
  const offline = async (id: string) => {
    online.delete(id);
    await team.goOffline(id);
  };

  it('refusals of the call card and of monitoring', async () => {
    await refused('colleagues searched with a 101-character query', act('sato', 'GET', `/api/colleagues?q=${'あ'.repeat(101)}`), 'too_long');
    const call = await team.answeredCall();
    const on = (path: string) => `/api/calls/${call.sid}${path}`;
    await refused('a rep acting on a call they are not on', act('tanaka', 'POST', on('/hold')), 'call_not_found');
    await refused('a supervisor holding a call they are not on', act('kanri', 'POST', on('/hold')), 'not_a_party');
    await refused('a transfer to nobody', act('sato', 'POST', on('/transfer'), { to: { user: 'nobody' }, mode: 'blind' }), 'unknown_colleague');
    await refused('a transfer abroad', act('sato', 'POST', on('/transfer'), { to: { number: '+12025550123' }, mode: 'blind' }), 'destination_not_allowed');
    await refused('completing a transfer never started', act('sato', 'POST', on('/transfer/complete')), 'no_transfer_in_progress');
    await offline('suzuki');
    await refused('a transfer to a colleague who is offline', act('sato', 'POST', on('/transfer'), { to: { user: 'suzuki' }, mode: 'warm' }), 'colleague_unavailable');
    await offline('kanri');
    await refused('monitoring while offline', act('kanri', 'POST', on('/monitor'), { mode: 'listen' }), 'go_online_to_monitor');
    for (const id of ['suzuki', 'kanri']) online.add(id);
    team.twilio.device('suzuki').answerAfter(60).hangUpAfter(null);
    expect((await act('sato', 'POST', on('/transfer'), { to: { user: 'suzuki' }, mode: 'warm' })).status).toBe(200);
    await refused('completing a consult before the colleague answered', act('sato', 'POST', on('/transfer/complete')), 'consult_not_connected');
    await refused('a second transfer during a consult', act('sato', 'POST', on('/transfer'), { to: { user: 'tanaka' }, mode: 'blind' }), 'transfer_in_progress');
    await refused('adding a colleague already on the way', act('sato', 'POST', on('/participants'), { to: { user: 'suzuki' } }), 'already_on_the_call');
    expect((await act('sato', 'POST', on('/transfer/cancel'))).status).toBe(200);
    await team.twilio.advance(5);
    team.twilio.device('tanaka').answerAfter(60).hangUpAfter(null);
    const blind = await act('sato', 'POST', on('/transfer'), { to: { user: 'tanaka' }, mode: 'blind' });
    expect(blind.status, await blind.clone().text()).toBe(200);
    await team.twilio.advance(3);
    await refused('whispering while no rep talks to the customer', act('kanri', 'POST', on('/monitor'), { mode: 'whisper' }), 'nobody_to_coach');
    await call.hangUp();
    await team.twilio.advance(70);
    await refused('monitoring a call that ended', act('kanri', 'POST', on('/monitor'), { mode: 'listen' }), 'call_not_live');
  });

  it('a request racing the caller’s hang-up', async () => {
    await resetTeam(team);
    const call = await team.answeredCall();
    // The room's end happened at Twilio, its events (and the call's status) are late: the server still thinks it is live.
    team.routeWebhooks(async (request) =>
      ['/twilio/conference', '/twilio/status'].includes(new URL(request.url).pathname)
        ? new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } })
        : team.voice.request(request),
    );
    await call.hangUp();
    await team.twilio.advance(2);
    await refused('a transfer of a call that just ended', act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' }), 'call_ended');
    team.routeWebhooks(null);
  });

  it('a barging supervisor going silent as the last voice with the caller', async () => {
    await resetTeam(team);
    const call = await team.answeredCall();
    const on = (path: string) => `/api/calls/${call.sid}${path}`;
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await act('kanri', 'POST', on('/monitor'), { mode: 'barge' })).status).toBe(200);
    await team.twilio.advance(3);
    expect((await act('sato', 'POST', on('/leave'))).status).toBe(200);
    await team.twilio.advance(2);
    await refused('listening when nobody else talks with the caller', act('kanri', 'POST', on('/monitor'), { mode: 'listen' }), 'caller_would_be_alone');
    const other = await team.answeredCall();
    await refused('monitoring another call while on the one taken over', act('kanri', 'POST', `/api/calls/${other.sid}/monitor`, { mode: 'listen' }), 'monitored_call_is_yours');
  });

  it('monitoring a call again before Twilio reported the earlier leg gone', async () => {
    await resetTeam(team);
    const call = await team.answeredCall();
    const on = (path: string) => `/api/calls/${call.sid}${path}`;
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await act('kanri', 'POST', on('/monitor'), { mode: 'listen' })).status).toBe(200);
    await team.twilio.advance(3);
    expect((await act('kanri', 'DELETE', on('/monitor'))).status).toBe(200);
    // Twilio's report of the leg leaving goes out at its next instant, which does not come here.
    await refused('listening again while the stopped leg is still leaving', act('kanri', 'POST', on('/monitor'), { mode: 'listen' }), 'still_leaving_call');
  });

  it('refusals of the recording pause', async () => {
    team.routeWebhooks(null);
    await resetTeam(team);
    const call = await team.answeredCall();
    const stopAtTwilio = restClient(team.twilio, `${VOICE_ACCOUNT_SID}:${VOICE_AUTH_TOKEN}`, VOICE_ACCOUNT_SID);
    expect((await stopAtTwilio('POST', `/Conferences/${team.twilio.conference(call.sid).sid}/Recordings/Twilio.CURRENT.json`, { Status: 'stopped' })).status).toBe(200);
    await refused('pausing a recording Twilio no longer makes', act('sato', 'POST', `/api/calls/${call.sid}/recording/pause`), 'recording_not_active');

    await resetTeam(team);
    const unrecorded = '+815011119998';
    await team.addNumber({ ...SALES, number: unrecorded, label: 'サポート', record: false });
    team.twilio.device('sato').answerAfter(3).hangUpAfter(null);
    const plain = team.twilio.startIncomingCall({ from: '+819011112222', to: unrecorded });
    await team.twilio.runUntil(() => team.twilio.conferences().some((room) => room.friendlyName === plain.sid && room.participants().length === 2), 60);
    await refused('pausing the recording of a call that is not recorded', act('sato', 'POST', `/api/calls/${plain.sid}/recording/pause`), 'call_not_recorded');
  });

  it('refusals on a call still outside its room (Twilio unreachable when the rep answered)', async () => {
    await resetTeam(team);
    team.twilio.device('sato').answerAfter(3).hangUpAfter(null);
    team.twilio.restFaults.push({ method: 'POST', path: /^\/Calls\/CA\w+\.json$/, error: { status: 503, code: 20503, message: 'Service Unavailable' }, times: Infinity });
    const plain = team.twilio.startIncomingCall({ from: '+819011112222', to: SALES.number });
    await team.twilio.runUntil(() => team.twilio.device('sato').connected.length === 1, 60);
    await refused('holding a call still outside its room', act('sato', 'POST', `/api/calls/${plain.sid}/hold`), 'call_moving');
    // The hold tried the move at once (and failed): over before the next click.
    await team.settled();
    expect((await act('sato', 'POST', `/api/calls/${plain.sid}/recording/pause`)).status).toBe(200);
    await refused('holding a call outside its room while its recording is paused', act('sato', 'POST', `/api/calls/${plain.sid}/hold`), 'resume_recording_first');
    team.twilio.restFaults.length = 0;
  });
});

describe('the live board’s limits', () => {
  it('refuses one viewer too many boards, and the server too many', async () => {
    const store = await sharedTestStore();
    const board = new BoardHub({ db: store.db, now: () => new Date(), logger: silentLogger }, { maxSubscribers: 2, maxSubscribersPerUser: 1 });
    const t = await createTestApp({ store, app: { board } });
    await t.addUser({ id: 'kimura', email: 'kimura@example.jp', role: 'admin' });
    await t.addUser({ id: 'kanri', email: 'kanri@example.jp', role: 'supervisor' });
    await t.addUser({ id: 'ueda', email: 'ueda@example.jp', role: 'supervisor' });
    const [kimura, kanri, ueda] = [await t.signIn('kimura@example.jp'), await t.signIn('kanri@example.jp'), await t.signIn('ueda@example.jp')];
    const open = (token: string) => t.app.request('/api/board/events', json('GET', undefined, token));
    const streams = [await open(kimura)];
    await refused('a second board of one viewer', open(kimura), 'too_many_board_streams');
    streams.push(await open(kanri));
    await refused('a third board on a server that takes two', open(ueda), 'board_busy');
    for (const stream of streams) await stream.body?.cancel();
    await t.close();
  });
});

describe('the CRM, with the Zoho emulator', () => {
  let t: TestApp;
  let emulator: ZohoEmulator;
  let admin = '';
  const post = (path: string, body?: unknown) => t.app.request(path, json('POST', body, admin));

  beforeAll(async () => {
    const clock = createClock();
    emulator = createEmulator(clock);
    const store = await sharedTestStore();
    const crm = new CrmRuntime(
      { store, secretBox, logger: silentLogger, now: clock.now },
      { zoho: ZOHO_SERVER_SETTINGS, fetch: emulator.fetch, requestTimeoutMs: 300, lookupBudgetMs: 200 },
    );
    t = await createTestApp({ store, app: { crm } });
    await t.addUser({ id: 'yamada', email: 'yamada@example.jp', role: 'admin' });
    admin = await t.signIn('yamada@example.jp');
  });
  afterAll(async () => {
    emulator.close();
    await t.close();
  });

  it('Zoho’s refusals', async () => {
    await refused('a grant code Zoho does not know', post('/api/crm/zoho/connect', { dataCentre: 'JP', code: '1000.nonsense', ...OAUTH_CLIENT }), 'zoho_invalid_code');
    await refused('a client Zoho does not know', post('/api/crm/zoho/connect', { dataCentre: 'JP', code: '1000.nonsense', clientId: '1000.UNKNOWN', clientSecret: 'x' }), 'zoho_invalid_client');
    const narrow = emulator.state.issueGrantCode(OAUTH_CLIENT.clientId, { scope: 'ZohoCRM.modules.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ' });
    await refused('a grant code without every scope', post('/api/crm/zoho/connect', { dataCentre: 'JP', code: narrow, ...OAUTH_CLIENT }), 'zoho_scope_missing');
    const code = emulator.state.issueGrantCode(OAUTH_CLIENT.clientId);
    expect((await post('/api/crm/zoho/connect', { dataCentre: 'JP', code, ...OAUTH_CLIENT })).status).toBe(200);
    emulator.faults.add({ kind: 'status', status: 503 }, Infinity, { path: /\/users/ });
    await refused('Zoho down while matching users', post('/api/crm/users/sync'), 'zoho_unavailable');
    emulator.faults.clear();
    // The admin removed the app in Zoho: its refresh token no longer works.
    const { refresh_token_sealed: sealed } = await t.store.db.selectFrom('crm_connection').select('refresh_token_sealed').executeTakeFirstOrThrow();
    emulator.state.revokeRefreshToken(secretBox.open(sealed));
    emulator.state.expireAccessTokens();
    await refused('a connection revoked in Zoho', post('/api/crm/users/sync'), 'zoho_rejected');
  });
});

describe('the server without its database', () => {
  it('answers 500 internal, and logs it', async () => {
    const t = await createTestApp({ store: unreachableStore() });
    await refused('any signed-in request', t.app.request('/api/me', json('GET', undefined, 'a-session-token')), 'internal');
    await t.close();
  });
});

describe('the server without PUBLIC_URL, or without a way to Twilio', () => {
  it('says what the operator must set', async () => {
    const noUrl = await createTestApp({ deps: { publicUrl: null } });
    await noUrl.addUser({ id: 'yamada', email: 'yamada@example.jp', role: 'admin' });
    const token = await noUrl.signIn('yamada@example.jp');
    await refused('the numbers without PUBLIC_URL', noUrl.app.request('/api/twilio/numbers', json('GET', undefined, token)), 'public_url_missing');
    await noUrl.close();

    const offline = await createTestApp({ deps: { twilioApiUrl: 'http://127.0.0.1:9' } });
    await offline.addUser({ id: 'yamada', email: 'yamada@example.jp', role: 'admin' });
    const admin = await offline.signIn('yamada@example.jp');
    await refused('Twilio unreachable', offline.app.request('/api/twilio/account', json('PUT', { accountSid: `AC${'1'.repeat(32)}`, authToken: 'f'.repeat(32) }, admin)), 'twilio_unreachable');
    await offline.close();
  });
});

/**
 * Codes no request here produces, each with why; every other code must be produced above. They are
 * still worded: the dictionary's type needs both languages, and the last test checks their sentences.
 */
const NOT_WALKED: Partial<Record<ApiErrorCode, string>> = {
  not_a_supervisor: 'defence in depth: /monitor is behind requireSupervisor, which answers forbidden first',
  cannot_transfer_to_self: 'defence in depth: the rep is on the call, so the availability check answers colleague_unavailable first',
  call_changed: 'needs three other decisions on the same call to win the race in a row',
  call_taken_over: 'needs a supervisor who barged and Twilio reporting the rep’s leave late (test/server/voice/late-leave-wrap-up.test.ts)',
  call_owner_pending: 'needs Twilio’s report of the rep’s leave held back past the customer’s (test/server/voice/late-leave-wrap-up.test.ts)',
  finish_monitored_call_first: 'defence in depth: a barging supervisor left alone with the caller has taken the call over, so monitored_call_is_yours answers first (test/server/voice/monitoring-move.test.ts)',
  recording_not_found: 'needs a follow-up of this rep (the follow-up walk is not written yet)',
  recording_unavailable: 'needs a voicemail follow-up and Twilio refusing its recording (not written yet)',
  zoho_untrusted_api_domain: 'needs the Zoho emulator to name a foreign api_domain (not written yet)',
  twilio_secrets_unreadable: 'never an error: the `problem` GET /api/twilio/account shows (test/server/admin/twilio-account-secret-key.test.ts)',
  zoho_secrets_unreadable: 'never an error: the `problemCode` GET /api/crm shows (test/server/crm-outbox/zoho-secret-key.test.ts)',
};

it('words the codes no request here produces, in both languages', () => {
  for (const code of Object.keys(NOT_WALKED) as ApiErrorCode[]) {
    const params = Object.fromEntries(Object.keys((API_ERRORS[code] as { params?: object }).params ?? {}).map((name) => [name, 'x']));
    const ja = apiErrorText('ja', { code, params });
    expect(ja, code).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(ja, code).not.toMatch(/\{\w+\}/);
    expect(apiErrorText('en', { code, params }), code).not.toMatch(/\{\w+\}/);
  }
});

it('produces every code of the contract with some request', () => {
  const missing = (Object.keys(API_ERRORS) as ApiErrorCode[]).filter((code) => !produced.has(code) && !(code in NOT_WALKED));
  expect(missing, 'codes no request in this file produces').toEqual([]);
});
