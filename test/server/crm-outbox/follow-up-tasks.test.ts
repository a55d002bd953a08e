import { afterEach, describe, expect, it } from 'vitest';
import { addRang, recordParentStatus, setCallCrmRecord, startInboundCall } from '../../../server/store/calls.ts';
import { enqueueCallDelivery } from '../../../server/store/crm-outbox.ts';
import type { Engine } from '../../../server/store/database.ts';
import { recordFollowUp } from '../../../server/store/follow-ups.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_IDS, SEED_USERS } from '../../fixtures/zoho/seed.ts';
import { createClock as createTestClock, createTestApp, type TestApp } from '../support/app.ts';
import { engines, sharedTestStore } from '../support/store.ts';
import { incomingNumberSchema } from '../voice/phone-numbers.ts';
import { randomUUID } from 'node:crypto';
import { accountsUrlFor } from '../../../server/crm/connect-zoho.ts';
import { exchangeGrantCode } from '../../../server/crm/zoho/oauth.ts';
import { loadCrmConnection, saveNewCrmConnection } from '../../../server/store/crm-connection.ts';
import { saveStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { connect, createEmulator, OAUTH_CLIENT, outboxRows, secretBox, serverInstance, TWILIO, type Clock } from './support.ts';

/**
 * "No missed caller forgotten", through the outbox to the Zoho emulator: each follow-up becomes one
 * Zoho Task on the caller's record, owned by the rep who was rung, created once whatever fails on
 * the way, and closed once when the rep ticks the follow-up off in the popup.
 */

const YAMADA = '+81312345678';
const SALES = incomingNumberSchema.parse({
  number: '+815011110000',
  label: '営業直通',
  route: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 15, cycles: 1 },
});
const SATO_ZOHO = SEED_USERS[0];
const HOUR = 3_600_000;
const body = (response: Response): Promise<any> => response.json();

describe.each(engines)('follow-up tasks on %s', (engine: Engine) => {
  let emulator: ZohoEmulator | null = null;
  afterEach(() => emulator?.close());

  async function setup(options: { scope?: string } = {}) {
    const store = await sharedTestStore(engine);
    // 2026-11-24 20:30 JST: a follow-up due 4 hours later is due the next day in Tokyo.
    const testClock = createTestClock(new Date('2026-11-24T20:30:00+09:00'));
    const clock: Clock = { get ms() { return testClock.now().getTime(); }, set ms(value) { testClock.set(new Date(value)); }, now: testClock.now, advance: (ms: number) => testClock.advance(ms / 1000) } as Clock;
    emulator = createEmulator(clock);
    const server = serverInstance(store, emulator, clock);
    if (options.scope) {
      await saveStoredTwilio(store.db, { accountSid: TWILIO.accountSid, authTokenSealed: secretBox.seal(TWILIO.authToken) }, clock.now());
      // A grant stored before connect checked scopes (today's connect refuses it): stored as it was then.
      const accountsUrl = accountsUrlFor(server.crm, 'JP');
      const granted = await exchangeGrantCode(server.crm.fetch, accountsUrl, OAUTH_CLIENT, emulator.state.issueGrantCode(OAUTH_CLIENT.clientId, { scope: options.scope }));
      await saveNewCrmConnection(store.db, secretBox, {
        connectionId: randomUUID(),
        dataCentre: 'JP',
        tokens: { accountsUrl, apiDomain: granted.apiDomain, refreshToken: granted.refreshToken, accessToken: granted.accessToken, accessTokenExpiresAt: clock.ms + granted.expiresInSeconds * 1000 },
        client: OAUTH_CLIENT,
        connectedBy: null,
        now: clock.now(),
      });
      server.crm.forget();
    } else {
      await connect(server.crm, emulator);
    }
    const app: TestApp = await createTestApp({ store, clock: testClock, app: { crm: server.crm, crmWorker: server.worker } });
    await app.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp' });
    await app.addUser({ id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp' });
    await app.addUser({ id: 'tanaka', name: '田中 次郎', email: 'tanaka@example.jp' });
    await store.db.updateTable('users').set({ crm_user_id: SATO_ZOHO.id }).where('id', '=', 'sato').execute();
    await store.db
      .insertInto('incoming_numbers')
      .values({ number: SALES.number, position: 0, definition: JSON.stringify(SALES), twilio_sid: null, previous_twilio: null, updated_at: clock.now() })
      .execute();
    const tokens = { sato: await app.signIn('sato@example.jp'), tanaka: await app.signIn('tanaka@example.jp') };

    /** What the voice engine writes for a call nobody answered, up to its end (callbacks.ts). */
    async function missedCall(callSid: string, from = YAMADA, record: Record<string, string> = { module: 'Contacts', id: SEED_IDS.yamada, name: '山田 太郎' }) {
      const now = clock.now();
      await startInboundCall(store.db, { callSid, from, to: SALES.number, label: SALES.label, now });
      await addRang(store.db, callSid, ['sato', 'suzuki']);
      await setCallCrmRecord(store.db, callSid, record);
      await store.db.transaction().execute(async (trx) => {
        await recordParentStatus(trx, { callSid, status: 'completed', sequenceNumber: 3, at: now, durationSeconds: 20 });
        await recordFollowUp(trx, callSid, { now, dueHours: 4 });
        await enqueueCallDelivery(trx, { callSid, kind: 'log-call', now });
      });
    }
    return { store, clock, app, tokens, missedCall, ...server };
  }

  it('creates one task 「折り返し電話: 山田 太郎 様」 on the contact, owned by the rep rung first, due the next day in Tokyo', async () => {
    const { worker, missedCall } = await setup();
    await missedCall(`CA${'1'.repeat(32)}`);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 2, parked: 0 });
    expect(emulator!.state.tasks()).toMatchObject([
      {
        Subject: '折り返し電話: 山田 太郎 様',
        Due_Date: '2026-11-25',
        Status: 'Not Started',
        Priority: 'High',
        Who_Id: { id: SEED_IDS.yamada },
        Owner: { id: SATO_ZOHO.id },
        Description: expect.stringContaining('不在着信: 03-1234-5678'),
      },
    ]);
  });

  it('a second missed call of the same caller joins the open follow-up: still one task', async () => {
    const { worker, missedCall, app, tokens, clock } = await setup();
    await missedCall(`CA${'2'.repeat(32)}`);
    clock.advance(600_000);
    await missedCall(`CA${'3'.repeat(32)}`);
    await worker.drainOnce();
    expect(emulator!.state.tasks()).toHaveLength(1);
    const list = await body(await app.call('GET', '/api/follow-ups', { token: tokens.sato }));
    expect(list.followUps).toMatchObject([{ kind: 'missed', callerNumber: YAMADA, calls: 2, numberLabel: '営業直通', owner: { id: 'sato', name: '佐藤 花子' } }]);
  });

  it('creates the task once when Zoho took it but the answer never came', async () => {
    const { worker, missedCall, clock, store } = await setup();
    await missedCall(`CA${'4'.repeat(32)}`);
    emulator!.faults.add({ kind: 'accept-then-hang' }, 1, { method: 'POST', path: /\/Tasks$/ });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, retried: 1 });
    expect(emulator!.state.tasks()).toHaveLength(1);
    clock.advance(HOUR);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expect(emulator!.state.tasks()).toHaveLength(1);
    const [followUp] = await store.db.selectFrom('follow_ups').select('zoho_task_id').execute();
    expect(followUp?.zoho_task_id).toBe(emulator!.state.tasks()[0]?.id);
  });

  it('creates the task once when Zoho took it, never answered, and its search lags behind', async () => {
    const { worker, missedCall, clock, store } = await setup();
    emulator!.state.searchLagMs = 60_000;
    await missedCall(`CA${'4'.repeat(32)}`);
    emulator!.faults.add({ kind: 'accept-then-hang' }, 1, { method: 'POST', path: /\/Tasks$/ });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, retried: 1 });
    expect(emulator!.state.tasks()).toHaveLength(1);

    // Retries come every 20 s; for 60 s the search shows nothing, and no second task is created meanwhile.
    for (let elapsed = 20_000; elapsed < 60_000; elapsed += 20_000) {
      clock.advance(20_000);
      expect(await worker.drainOnce()).toMatchObject({ delivered: 0, retried: 1 });
      expect(emulator!.state.tasks()).toHaveLength(1);
    }
    const waiting = (await outboxRows(store)).find((row) => row.kind === 'create-task');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting?.last_error).toMatch(/^awaiting_crm_search/);
    clock.advance(20_000);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expect(emulator!.state.tasks()).toHaveLength(1);
    const [followUp] = await store.db.selectFrom('follow_ups').select('zoho_task_id').execute();
    expect(followUp?.zoho_task_id).toBe(emulator!.state.tasks()[0]?.id);
  });

  it.each([
    ['contact', { module: 'Contacts', id: SEED_IDS.yamada, name: '山田 太郎' }, '連絡先', 'Who_Id'],
    ['lead', { module: 'Leads', id: SEED_IDS.ito, name: '伊藤 健' }, '見込み客', 'What_Id'],
  ])('creates the task of a caller whose %s Zoho no longer has without the link, saying so, instead of parking it', async (_label, record, moduleName, field) => {
    const { worker, missedCall, store, clock } = await setup();
    await missedCall(`CA${'a'.repeat(32)}`, YAMADA, record);
    // The call is logged on the record; the task meets Zoho's rate limit and waits.
    emulator!.faults.add({ kind: 'rate-limit', retryAfterSeconds: 60 }, 1, { method: 'POST', path: /\/Tasks$/ });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, retried: 1 });
    expect(emulator!.state.calls()[0]).toHaveProperty(field, { id: record.id });
    // Meanwhile a rep merges the duplicate away: Zoho deletes this record.
    emulator!.state.module(record.module)!.delete(record.id);

    clock.advance(120_000);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(emulator!.state.tasks()).toHaveLength(1);
    const [task] = emulator!.state.tasks();
    expect(task).toMatchObject({ Subject: `折り返し電話: ${record.name} 様`, Due_Date: '2026-11-25', Owner: { id: SATO_ZOHO.id } });
    expect(task).not.toHaveProperty(field);
    expect(task).not.toHaveProperty('$se_module');
    const [followUp] = await store.db.selectFrom('follow_ups').select(['id', 'zoho_task_id']).execute();
    expect(task?.['Description']).toBe(
      `不在着信: 03-1234-5678\n最後の着信: 2026-11-24 20:30\n着信番号: 050-1111-0000\n` +
        `紐付けなし: 照合した${moduleName}（ID ${record.id}）が Zoho にないため、レコードに紐付けずに作成しました。\n[yobidashi-task:${followUp?.id}]`,
    );
    expect(followUp?.zoho_task_id).toBe(task?.id);
  });

  it('a rep whose Zoho user was deactivated and a contact gone: the task is created under the connection’s user, unlinked, after one refusal of each', async () => {
    const { worker, missedCall, store, clock } = await setup();
    await store.db.updateTable('users').set({ crm_user_id: SEED_USERS[3].id }).where('id', '=', 'sato').execute();
    await missedCall(`CA${'c'.repeat(32)}`);
    emulator!.faults.add({ kind: 'rate-limit', retryAfterSeconds: 60 }, 1, { method: 'POST', path: /\/Tasks$/ });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, retried: 1 });
    emulator!.state.module('Contacts')!.delete(SEED_IDS.yamada);

    clock.advance(120_000);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    const [task] = emulator!.state.tasks();
    expect(task).toMatchObject({ Owner: { id: SATO_ZOHO.id } });
    expect(task).not.toHaveProperty('Who_Id');
    expect(task?.['Description']).toContain(`紐付けなし: 照合した連絡先（ID ${SEED_IDS.yamada}）が Zoho にないため、レコードに紐付けずに作成しました。`);
    // The rate-limited one, the Owner refused, the link refused, the task created.
    expect(emulator!.state.requests.filter((request) => request.method === 'POST' && request.path === '/crm/v8/Tasks')).toHaveLength(4);
  });

  it('creates the task unlinked, saying so, when the call’s delivery already found the record gone, without trying the dead link', async () => {
    const { worker, missedCall } = await setup();
    await missedCall(`CA${'b'.repeat(32)}`);
    emulator!.state.module('Contacts')!.delete(SEED_IDS.yamada);

    // The call's log goes first (the task waits for it): it meets the refusal, and the call log forgets the link.
    expect(await worker.drainOnce()).toMatchObject({ delivered: 2, parked: 0 });
    expect(emulator!.state.calls()[0]).not.toHaveProperty('Who_Id');
    const [task] = emulator!.state.tasks();
    expect(task).toMatchObject({ Subject: '折り返し電話: 山田 太郎 様' });
    expect(task).not.toHaveProperty('Who_Id');
    expect(task?.['Description']).toContain(`紐付けなし: 照合した連絡先（ID ${SEED_IDS.yamada}）が Zoho にないため、レコードに紐付けずに作成しました。\n[yobidashi-task:`);
    expect(emulator!.state.requests.filter((request) => request.method === 'POST' && request.path === '/crm/v8/Tasks')).toHaveLength(1);
  });

  it('ticking the follow-up off closes the task, once; it leaves the rep’s list', async () => {
    const { worker, missedCall, app, tokens } = await setup();
    await missedCall(`CA${'5'.repeat(32)}`);
    await worker.drainOnce();
    const [followUp] = (await body(await app.call('GET', '/api/follow-ups', { token: tokens.sato }))).followUps;
    const done = await app.call('POST', `/api/follow-ups/${followUp.id}/done`, { token: tokens.sato });
    expect(done.status).toBe(200);
    expect(await body(done)).toMatchObject({ id: followUp.id, done: true });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(emulator!.state.tasks()).toMatchObject([{ Status: 'Completed', Closed_Time: expect.any(String) }]);

    expect((await app.call('POST', `/api/follow-ups/${followUp.id}/done`, { token: tokens.sato })).status).toBe(200);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0 });
    expect((await body(await app.call('GET', '/api/follow-ups', { token: tokens.sato }))).followUps).toEqual([]);
    const updates = emulator!.state.requests.filter((request) => request.method === 'PUT' && request.path.includes('/Tasks/'));
    expect(updates).toHaveLength(1);
  });

  it('ticked off before the task reached Zoho: created, then closed (the close waits for the task)', async () => {
    const { worker, missedCall, app, tokens, store, clock } = await setup();
    await missedCall(`CA${'6'.repeat(32)}`);
    const [followUp] = (await body(await app.call('GET', '/api/follow-ups', { token: tokens.sato }))).followUps;
    await app.call('POST', `/api/follow-ups/${followUp.id}/done`, { token: tokens.sato });
    await worker.drainOnce();
    clock.advance(HOUR);
    await worker.drainOnce();
    expect(emulator!.state.tasks()).toMatchObject([{ Status: 'Completed' }]);
    expect((await outboxRows(store)).map((row) => `${row.kind} ${row.status}`).sort()).toEqual(['close-task done', 'create-task done', 'log-call done']);
  });

  it('a rep who does not take that number’s calls neither sees nor ticks it off', async () => {
    const { missedCall, app, tokens } = await setup();
    await missedCall(`CA${'7'.repeat(32)}`);
    expect((await body(await app.call('GET', '/api/follow-ups', { token: tokens.tanaka }))).followUps).toEqual([]);
    const [followUp] = (await body(await app.call('GET', '/api/follow-ups', { token: tokens.sato }))).followUps;
    const refused = await app.call('POST', `/api/follow-ups/${followUp.id}/done`, { token: tokens.tanaka });
    expect(refused.status).toBe(404);
    expect(await body(refused)).toMatchObject({ error: { code: 'follow_up_not_found' } });
  });

  it('a connection granted before tasks existed parks only the task, with a reason; the call is logged and the CRM stays connected', async () => {
    const { worker, missedCall, store } = await setup({
      scope: 'ZohoCRM.modules.calls.ALL,ZohoCRM.modules.notes.ALL,ZohoCRM.modules.attachments.ALL,ZohoCRM.modules.contacts.READ,ZohoCRM.modules.leads.READ,ZohoCRM.modules.accounts.READ,ZohoCRM.modules.deals.READ,ZohoSearch.securesearch.READ,ZohoCRM.users.READ,ZohoCRM.org.READ',
    });
    await missedCall(`CA${'9'.repeat(32)}`);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 1 });
    expect(emulator!.state.calls()).toHaveLength(1);
    const rows = await outboxRows(store);
    expect(rows.map((row) => `${row.kind} ${row.status}`).sort()).toEqual(['create-task parked', 'log-call done']);
    expect(rows.find((row) => row.kind === 'create-task')?.last_error).toMatch(/^tasks_scope_missing: /);
    expect((await loadCrmConnection(store.db, secretBox))?.problem).toBeNull();
  });

  it('a withheld caller leaves no follow-up (there is nobody to call back)', async () => {
    const { missedCall, store } = await setup();
    await missedCall(`CA${'8'.repeat(32)}`, 'anonymous');
    expect(await store.db.selectFrom('follow_ups').selectAll().execute()).toEqual([]);
  });
});
