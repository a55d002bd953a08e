import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { setAvailability } from '../../../server/store/presence.ts';
import type { CallHandle } from '../../emulators/twilio-call/index.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_IDS, SEED_USERS } from '../../fixtures/zoho/seed.ts';
import type { IncomingNumberInput } from '../voice/phone-numbers.ts';
import type { VoiceHarness } from '../voice/voice-harness.ts';
import { adminConnectsZoho, createZohoVoiceHarness } from './zoho-voice-harness.ts';

/**
 * A supervisor barges into 鈴木's call and 鈴木 hangs up: the supervisor (佐藤) finishes it with the
 * customer, so the CRM logs it once, owned by 佐藤's Zoho user, with who talked first in its history,
 * whatever order Twilio's reports of the rep's leaving, the customer's hang-up, the room's end and the
 * call's status arrive in.
 */

const YAMADA = '+81312345678';
const SALES: IncomingNumberInput = {
  number: '+815011112222',
  label: '営業直通',
  record: false,
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['suzuki'], strategy: 'simultaneous', ringSeconds: 20, cycles: 1 },
};
const [SATO_ZOHO, SUZUKI_ZOHO] = SEED_USERS;

let h: VoiceHarness;
let zoho: ZohoEmulator;
let worker: OutboxWorker;
let tokens: Record<'admin' | 'suzuki' | 'sato', string>;

beforeAll(async () => {
  ({ h, zoho, worker } = await createZohoVoiceHarness({ crmWorker: { wake: () => undefined } }));
  await h.addUser({ id: 'admin', role: 'admin', email: 'admin@example.jp' });
  await h.addUser({ id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp' });
  await h.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'supervisor' });
  await h.addNumber(SALES);
  tokens = { admin: await h.signIn('admin@example.jp'), suzuki: await h.signIn('suzuki@example.jp'), sato: await h.signIn('sato@example.jp') };
  await adminConnectsZoho({ h, zoho }, tokens.admin);
  const synced = await h.call('POST', '/api/crm/users/sync', { token: tokens.admin });
  expect(await synced.json()).toMatchObject({
    matched: expect.arrayContaining([
      expect.objectContaining({ userId: 'suzuki', crmUserId: SUZUKI_ZOHO.id }),
      expect.objectContaining({ userId: 'sato', crmUserId: SATO_ZOHO.id }),
    ]),
  });
});
afterAll(async () => {
  zoho.close();
  await h.close();
});
beforeEach(async () => {
  h.routeWebhooks(null);
  // Whatever the last scenario left behind is delivered (or given up) before this one counts.
  await h.twilio.advance(120);
  await worker.drainOnce();
});

/** Their extensions beat every 30 s while online: virtual minutes must not make them stale. */
const beOnline = async () => {
  for (const id of ['suzuki', 'sato']) await setAvailability(h.store.db, id, true, h.clock.now());
};

const act = async (user: 'suzuki' | 'sato', method: string, path: string, body?: unknown) => {
  await beOnline();
  const response = await h.call(method, path, { token: tokens[user], ...(body === undefined ? {} : { body }) });
  return { status: response.status, body: await response.json() };
};

/** 鈴木 answers 山田's call, 佐藤 barges in; resolves with the call and 鈴木's leg in the room. */
async function bargedCall(): Promise<{ call: CallHandle; repLeg: string }> {
  h.twilio.device('suzuki').answerAfter(3).hangUpAfter(null);
  h.twilio.device('sato').answerAfter(1).hangUpAfter(null);
  await beOnline();
  const call = h.twilio.startIncomingCall({ from: YAMADA, to: SALES.number });
  await h.twilio.advance(10);
  const repLeg = h.twilio.device('suzuki').connected[0]!;
  const barge = await act('sato', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'barge' });
  expect(barge.status, JSON.stringify(barge.body)).toBe(200);
  await h.twilio.advance(20);
  return { call, repLeg };
}

const owner = async (callSid: string) => (await h.store.db.selectFrom('calls').select('rep_id').where('call_sid', '=', callSid).executeTakeFirstOrThrow()).rep_id;
/** The Zoho calls written since `before` (the count when the scenario began). */
const newZohoCalls = (before: number) => zoho.state.calls().slice(before);
const historyOf = (record: Record<string, unknown>) =>
  String(record['Description'])
    .split('\n')
    .map((line) => line.replace(/^\d\d:\d\d /, ''));

/** 鈴木 hangs up on a call 佐藤 barged into, then the customer does; Twilio never reports 鈴木's leg. */
async function callEndedWithRepsLeaveUnreported(): Promise<CallHandle> {
  const { call, repLeg } = await bargedCall();
  h.routeWebhooks(async (request) => {
    const body = new URLSearchParams(await request.clone().text());
    return body.get('CallSid') === repLeg ? new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } }) : h.voice.request(request);
  });
  await h.twilio.device('suzuki').hangUp();
  await h.twilio.advance(30);
  await call.hangUp();
  await h.twilio.advance(5);
  return call;
}

describe('a call a barging supervisor took over, in the CRM', () => {
  it('is one Inbound call on the contact, owned by the supervisor, its history saying who talked first', async () => {
    const before = zoho.state.calls().length;
    const { call } = await bargedCall();
    await h.twilio.device('suzuki').hangUp();
    await h.twilio.advance(30);
    expect(await owner(call.sid)).toBe('sato');
    await call.hangUp();
    await h.twilio.advance(5);

    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    const [record, ...others] = newZohoCalls(before);
    expect(others).toEqual([]);
    expect(record).toMatchObject({ Call_Type: 'Inbound', Who_Id: { id: SEED_IDS.yamada }, Owner: { id: SATO_ZOHO.id } });
    expect(historyOf(record!).slice(0, 5)).toEqual(['通話の経過:', '鈴木 一郎 が応答', '佐藤 花子 がモニタリング (参加)', '鈴木 一郎 が退出', '佐藤 花子 が 鈴木 一郎 から通話を引き継ぎ']);
  });

  it.each([
    ['after the customer’s hang-up, the room’s end and the call’s status', (body: URLSearchParams, repLeg: string) => body.get('CallSid') === repLeg],
    [
      'after the call’s status, with every report of the room late',
      (body: URLSearchParams, repLeg: string, url: URL) => url.pathname === '/twilio/conference' || body.get('CallSid') === repLeg,
    ],
  ])('is owned by the supervisor, and logged once, when Twilio reports the rep’s leaving %s', async (_, late) => {
    const before = zoho.state.calls().length;
    const { call, repLeg } = await bargedCall();
    const held: Request[] = [];
    h.routeWebhooks(async (request) => {
      const body = new URLSearchParams(await request.clone().text());
      if (late(body, repLeg, new URL(request.url))) {
        held.push(request);
        return new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } });
      }
      return h.voice.request(request);
    });
    await h.twilio.device('suzuki').hangUp();
    await h.twilio.advance(30);
    await call.hangUp();
    await h.twilio.advance(5);
    expect(held.length).toBeGreaterThan(0);

    // The call is over and queued for the CRM, but the room's last reports are missing: the log waits for them.
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0, retried: 1 });
    h.routeWebhooks(null);
    for (const request of held) expect((await h.voice.request(request)).status).toBe(200);
    expect(await owner(call.sid)).toBe('sato');

    await h.twilio.advance(10);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    // Twilio retries it all once more: nothing changes.
    for (const request of held) await h.voice.request(request);
    await h.twilio.advance(10);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0 });
    const records = newZohoCalls(before);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ Owner: { id: SATO_ZOHO.id } });
    expect(historyOf(records[0]!).slice(3, 5)).toEqual(['鈴木 一郎 が退出', '佐藤 花子 が 鈴木 一郎 から通話を引き継ぎ']);
  });

  it('carries the owner’s wrap-up only, and the rep’s words as theirs in the history, when the rep’s leave came late', async () => {
    const before = zoho.state.calls().length;
    const { call, repLeg } = await bargedCall();
    const held: Request[] = [];
    h.routeWebhooks(async (request) => {
      const body = new URLSearchParams(await request.clone().text());
      if (body.get('CallSid') === repLeg) {
        held.push(request);
        return new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } });
      }
      return h.voice.request(request);
    });
    await h.twilio.device('suzuki').hangUp();
    await h.twilio.advance(30);
    await call.hangUp();
    await h.twilio.advance(5);
    h.routeWebhooks(null);
    for (const request of held) expect((await h.voice.request(request)).status).toBe(200);

    expect((await act('suzuki', 'PATCH', `/api/calls/${call.sid}`, { note: '見積もりを送付', disposition: 'call-back' })).body).toMatchObject({
      error: { code: 'call_taken_over', params: { owner: '佐藤 花子' } },
    });
    expect((await act('suzuki', 'POST', `/api/calls/${call.sid}/notes`, { note: '見積もりを送付' })).status).toBe(200);
    expect((await act('sato', 'PATCH', `/api/calls/${call.sid}`, { note: '契約手続きを案内', disposition: 'won' })).status).toBe(200);
    await h.twilio.advance(10);
    await worker.drainOnce();
    await worker.drainOnce();

    const [record, ...others] = newZohoCalls(before);
    expect(others).toEqual([]);
    expect(record).toMatchObject({ Owner: { id: SATO_ZOHO.id } });
    const lines = historyOf(record!);
    expect(lines).toContain('鈴木 一郎 のメモ: 見積もりを送付');
    expect(lines).toContain('メモ: 契約手続きを案内');
    expect(lines.filter((line) => line.includes('見積もりを送付'))).toHaveLength(1);
  });

  it.each([
    ['a listening supervisor', [{ mode: 'listen' }]],
    ['a supervisor who barged, then went back to listening', [{ mode: 'barge' }, { mode: 'listen' }]],
  ])('is logged at once, late reports or not, when the only other one of ours was %s (they could never take it over)', async (_, modes) => {
    const before = zoho.state.calls().length;
    h.twilio.device('suzuki').answerAfter(3).hangUpAfter(null);
    h.twilio.device('sato').answerAfter(1).hangUpAfter(null);
    await beOnline();
    const call = h.twilio.startIncomingCall({ from: YAMADA, to: SALES.number });
    await h.twilio.advance(10);
    const repLeg = h.twilio.device('suzuki').connected[0]!;
    for (const body of modes) {
      const monitor = await act('sato', 'POST', `/api/calls/${call.sid}/monitor`, body);
      expect(monitor.status, JSON.stringify(monitor.body)).toBe(200);
      await h.twilio.advance(20);
    }
    // Twilio's reports of 鈴木's leg (its leave, its status) come after the room's end, or not at all.
    h.routeWebhooks(async (request) => {
      const body = new URLSearchParams(await request.clone().text());
      return body.get('CallSid') === repLeg ? new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } }) : h.voice.request(request);
    });
    await call.hangUp();
    await h.twilio.advance(5);

    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, retried: 0, parked: 0 });
    expect(newZohoCalls(before)).toMatchObject([{ Owner: { id: SUZUKI_ZOHO.id } }]);
  });

  it('waits a minute at most for a report Twilio never sends: then it is logged as things stand', async () => {
    const before = zoho.state.calls().length;
    const call = await callEndedWithRepsLeaveUnreported();
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0, retried: 1 });

    await h.twilio.advance(70);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    // 佐藤 stays with the customer on our side of things only once Twilio says 鈴木 left: without that, 鈴木's.
    expect(newZohoCalls(before)).toMatchObject([{ Owner: { id: SUZUKI_ZOHO.id } }]);
    expect(await owner(call.sid)).toBe('suzuki');
  });

  it('spends no delivery attempt while it waits for the room, and looks again within seconds rather than on the back-off', async () => {
    const call = await callEndedWithRepsLeaveUnreported();
    const entry = () =>
      h.store.db
        .selectFrom('crm_outbox')
        .select(['attempts', 'next_attempt_at', 'last_error'])
        .where('call_sid', '=', call.sid)
        .where('kind', '=', 'log-call')
        .executeTakeFirstOrThrow();

    for (let waited = 0; waited < 50; waited += 10) {
      expect(await worker.drainOnce()).toMatchObject({ delivered: 0, retried: 1 });
      const waiting = await entry();
      expect(waiting).toMatchObject({ attempts: 0, last_error: expect.stringMatching(/^room_not_settled: /) });
      // Looked at again within seconds (the leave report may come any moment), not on a growing back-off.
      expect(new Date(waiting.next_attempt_at).getTime() - h.clock.now().getTime()).toBeLessThanOrEqual(5_000);
      await h.twilio.advance(10);
    }
  });
});
