import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { CARD_PARAMETERS } from '../../../server/voice/client-card.ts';
import { mp3Bytes, type CallTranscript } from '../../emulators/twilio-call/index.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_IDS, SEED_USERS } from '../../fixtures/zoho/seed.ts';
import type { IncomingNumberInput } from '../voice/phone-numbers.ts';
import type { VoiceHarness } from '../voice/voice-harness.ts';
import { outboxRows } from './support.ts';
import { adminConnectsZoho, createZohoVoiceHarness } from './zoho-voice-harness.ts';

/**
 * The whole path through the real application: Twilio (the call emulator) calls our webhooks, the
 * rep's phone rings with the caller's CRM record, the callbacks arrive twice and out of order, and
 * the outbox worker writes the call, and its recording in a note, into Zoho (the Zoho emulator).
 */

const YAMADA = '+81312345678';
const SALES: IncomingNumberInput = {
  number: '+815011112222',
  label: '営業直通',
  record: true,
  voice: { language: 'ja-JP' },
  messages: { unavailable: { type: 'text', text: 'ただいま電話に出られません。' } },
  route: { type: 'ring', users: ['suzuki'], strategy: 'sequential', ringSeconds: 20, cycles: 1 },
};
const SUZUKI_ZOHO = SEED_USERS[1];
/** The media Twilio (the emulator) serves for every recording. */
const AUDIO = mp3Bytes();

/** Twilio's recording media (Basic auth with the account's credentials) comes from the Twilio emulator's REST API. */
function twilioMedia(zoho: typeof fetch, twilio: () => VoiceHarness['twilio']): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    return new URL(request.url).hostname === 'api.twilio.com' ? twilio().rest.fetch(request) : zoho(input, init);
  };
}

let h: VoiceHarness;
let zoho: ZohoEmulator;
let worker: OutboxWorker;
let wakes = 0;
let adminToken: string;
let repToken: string;

beforeAll(async () => {
  ({ h, zoho, worker } = await createZohoVoiceHarness({
    fetch: (zohoFetch, harness) => twilioMedia(zohoFetch, () => harness().twilio),
    crmWorker: { wake: () => void wakes++ },
  }));
  await h.addUser({ id: 'admin', role: 'admin', email: 'admin@example.jp' });
  await h.addUser({ id: 'suzuki', name: '鈴木', email: 'suzuki@example.jp' });
  await h.addNumber(SALES);
  adminToken = await h.signIn('admin@example.jp');
  repToken = await h.signIn('suzuki@example.jp');

  // The admin connects Zoho with a Self Client grant code, then matches reps to Zoho users by e-mail.
  await adminConnectsZoho({ h, zoho }, adminToken);
  const synced = await h.call('POST', '/api/crm/users/sync', { token: adminToken });
  expect(await synced.json()).toMatchObject({ matched: [{ userId: 'suzuki', crmUserId: SUZUKI_ZOHO.id }] });
});
afterAll(async () => {
  zoho.close();
  await h.close();
});

const parametersOf = (call: CallTranscript) => call.dials[0]?.clients[0]?.parameters ?? {};

async function ring(script: Parameters<VoiceHarness['twilio']['incomingCall']>[0]['script']) {
  await h.goOnline('suzuki');
  // Twilio sends every callback twice (its retry), then, as a slow network would, all of them again, shuffled.
  const call = await h.twilio.incomingCall({ from: YAMADA, to: SALES.number, script, callbacks: { duplicate: true } });
  await h.twilio.deliver(call.callbacks, { duplicate: true, shuffleSeed: 11 });
  return call;
}

describe('an inbound call from a known contact, end to end', () => {
  it('rings the rep with the contact, and ends as one Inbound call on that contact, owned by the rep, with the recording in a note', async () => {
    const wokenBefore = wakes;
    const call = await ring({ dial: { answeredBy: 'suzuki', ringSeconds: 5, talkSeconds: 125 } });

    expect(call.rang).toEqual([['suzuki']]);
    const match = JSON.parse(parametersOf(call)[CARD_PARAMETERS.crmMatch] ?? 'null');
    expect(match).toEqual({
      status: 'matched',
      module: 'Contacts',
      id: SEED_IDS.yamada,
      name: '山田 太郎',
      url: `https://crm.zoho.jp/crm/org90000001/tab/Contacts/${SEED_IDS.yamada}`,
    });
    expect(parametersOf(call)).toMatchObject({ callerNumber: YAMADA, calledLabel: '営業直通', parentCallSid: call.callSid });
    // One recording of the whole conversation: the room's (the call moved into its room once answered).
    const [room] = h.twilio.conferences().filter((conference) => conference.friendlyName === call.callSid);
    expect(room?.recordings).toHaveLength(1);
    expect(wakes).toBeGreaterThan(wokenBefore);

    expect(await worker.drainOnce()).toEqual({ delivered: 2, skipped: 0, retried: 0, parked: 0 });
    const [zohoCall, ...others] = zoho.state.calls();
    expect(others).toEqual([]);
    expect(zohoCall).toMatchObject({
      Subject: '着信: 山田 太郎',
      Call_Type: 'Inbound',
      Call_Duration: '02:05',
      Who_Id: { id: SEED_IDS.yamada },
      Owner: { id: SUZUKI_ZOHO.id },
      Caller_ID: YAMADA,
    });
    const notes = zoho.state.notes();
    expect(notes).toMatchObject([{ Note_Title: '通話録音', Parent_Id: { module: { api_name: 'Calls' }, id: zohoCall!.id } }]);
    expect(zoho.state.attachments).toMatchObject([{ parentModule: 'Notes', parentId: notes[0]!.id, size: AUDIO.byteLength }]);

    // Twilio retries every callback once more, long after: nothing changes in Zoho.
    await h.twilio.deliver(call.callbacks, { duplicate: true, shuffleSeed: 5 });
    expect(await worker.drainOnce()).toEqual({ delivered: 0, skipped: 0, retried: 0, parked: 0 });

    // The rep's note after the call updates the same record.
    const patched = await h.call('PATCH', `/api/calls/${call.callSid}`, { token: repToken, body: { note: '見積もり送付', disposition: '折り返し' } });
    expect(patched.status).toBe(200);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(zoho.state.calls()).toHaveLength(1);
    expect(zoho.state.calls()[0]?.['Description']).toContain('メモ: 見積もり送付');
    expect(zoho.state.notes()).toHaveLength(1);
    expect(zoho.state.attachments).toHaveLength(1);
    expect((await outboxRows(h.store)).map((row) => `${row.kind} ${row.status}`).sort()).toEqual(['attach-recording done', 'log-call done', 'update-call done']);
  });

  it('logs a voicemail from the contact as a Missed call with the message in a note', async () => {
    const callsBefore = zoho.state.calls().length;
    const call = await ring({ dial: { outcome: 'no-answer' }, record: { seconds: 18 } });
    expect(call.recordings).toMatchObject([{ source: 'RecordVerb', duration: 18 }]);

    expect(await worker.drainOnce()).toMatchObject({ delivered: 3, parked: 0 });
    const zohoCall = zoho.state.calls().at(-1);
    expect(zoho.state.calls()).toHaveLength(callsBefore + 1);
    expect(zohoCall).toMatchObject({ Subject: '留守番電話: 山田 太郎', Call_Type: 'Missed', Who_Id: { id: SEED_IDS.yamada } });
    const note = zoho.state.notes().find((candidate) => (candidate['Parent_Id'] as { id: string }).id === zohoCall!.id);
    expect(zoho.state.attachments.filter((attachment) => attachment.parentId === note?.id)).toMatchObject([{ size: AUDIO.byteLength }]);
    // Nobody forgets to call back: a task on the contact, owned by the rep who was rung.
    expect(zoho.state.tasks()).toMatchObject([
      { Subject: '折り返し電話: 山田 太郎 様', Status: 'Not Started', Priority: 'High', Who_Id: { id: SEED_IDS.yamada }, Owner: { id: SUZUKI_ZOHO.id } },
    ]);
  });
});

describe('who owns a call nobody answered', () => {
  const lastZohoCall = () => zoho.state.calls().at(-1)!;

  it('gives a missed call to the first rep rung when the number names no owner', async () => {
    await ring({ dial: { outcome: 'no-answer' } });
    await worker.drainOnce();
    expect(lastZohoCall()).toMatchObject({ Call_Type: 'Missed', Owner: { id: SUZUKI_ZOHO.id } });
  });

  it('gives it to the number’s owner once one is set, refusing an owner who is not a user', async () => {
    const put = (owner: string) => h.call('PUT', `/api/incoming/${encodeURIComponent(SALES.number)}`, { token: adminToken, body: { ...SALES, owner } });
    const unknown = await put('nobody');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { issues: [{ path: 'owner', message: 'unknown user "nobody"' }] } });

    await h.addUser({ id: 'sato', name: '佐藤', email: 'sato@example.jp' });
    await h.call('POST', '/api/crm/users/sync', { token: adminToken });
    expect((await put('sato')).status).toBe(200);
    await ring({ dial: { outcome: 'no-answer' } });
    await worker.drainOnce();
    expect(lastZohoCall()).toMatchObject({ Call_Type: 'Missed', Owner: { id: SEED_USERS[0].id } });
  });
});

describe('an outgoing call dialled from the popup', () => {
  it('is linked to the record that has the dialled number, as an incoming caller’s would be', async () => {
    await h.assignOutgoing('suzuki', SALES.number);
    // No CRM parameters: the rep typed the number in the popup.
    const call = await h.twilio.outgoingClientCall({ identity: 'suzuki', params: { To: '03-1234-5678' }, script: { dial: { answeredBy: YAMADA, talkSeconds: 40 } } });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(zoho.state.calls().at(-1)).toMatchObject({ Call_Type: 'Outbound', Subject: '発信: 山田 太郎', Who_Id: { id: SEED_IDS.yamada }, Owner: { id: SUZUKI_ZOHO.id } });
    const listed = (await (await h.call('GET', '/api/calls', { token: repToken })).json()) as { calls: { callSid: string; crmRecord: Record<string, string> | null }[] };
    expect(listed.calls.find((entry) => entry.callSid === call.callSid)?.crmRecord).toMatchObject({ module: 'Contacts', id: SEED_IDS.yamada, name: '山田 太郎' });
  });
});

describe('a call handed from one rep to another', () => {
  it('is one Zoho call, owned by the rep who finished it, with its history in the description and one recording', async () => {
    if (!(await h.store.db.selectFrom('users').select('id').where('id', '=', 'sato').executeTakeFirst())) {
      await h.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp' });
    }
    await h.call('POST', '/api/crm/users/sync', { token: adminToken });
    await h.goOnline('suzuki', 'sato');
    const callsBefore = zoho.state.calls().length;
    h.twilio.device('suzuki').answerAfter(3).hangUpAfter(null);
    h.twilio.device('sato').answerAfter(4).hangUpAfter(null);
    const call = h.twilio.startIncomingCall({ from: YAMADA, to: SALES.number });
    await h.twilio.advance(10);
    const transfer = await h.call('POST', `/api/calls/${call.sid}/transfer`, { token: repToken, body: { to: { user: 'sato' }, mode: 'blind', note: '見積もりの件' } });
    expect(transfer.status).toBe(200);
    await h.twilio.advance(60);
    await call.hangUp();
    await h.twilio.advance(5);

    expect(await worker.drainOnce()).toMatchObject({ delivered: 2, parked: 0 });
    expect(zoho.state.calls()).toHaveLength(callsBefore + 1);
    const zohoCall = zoho.state.calls().at(-1)!;
    expect(zohoCall).toMatchObject({ Call_Type: 'Inbound', Owner: { id: SEED_USERS[0].id }, Who_Id: { id: SEED_IDS.yamada } });
    const history = String(zohoCall['Description']).split('\n').map((line) => line.replace(/^\d\d:\d\d /, ''));
    expect(history.slice(0, 6)).toEqual(['通話の経過:', '鈴木 が応答', '鈴木 が 佐藤 に転送 / メモ: 見積もりの件', '保留 (4秒)', '鈴木 が退出', '佐藤 が応答']);
    const note = zoho.state.notes().find((candidate) => (candidate['Parent_Id'] as { id: string }).id === zohoCall.id);
    expect(zoho.state.attachments.filter((attachment) => attachment.parentId === note?.id)).toHaveLength(1);
  });
});
