import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { mp3Bytes } from '../../emulators/twilio-call/index.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_USERS } from '../../fixtures/zoho/seed.ts';
import type { IncomingNumberInput } from '../voice/phone-numbers.ts';
import type { VoiceHarness } from '../voice/voice-harness.ts';
import { adminConnectsZoho, createZohoVoiceHarness } from './zoho-voice-harness.ts';

/**
 * A call that went on as a plain call because Twilio could not be reached when the rep answered, and
 * moved into its room a few seconds later (docs/call-flow.md, "Answer: into the room"), has two
 * recordings: the ring `<Dial>`'s until the move and the room's after it. Both reach the call's CRM
 * record, each in its note, and the call is logged once.
 */

const YAMADA = '+81312345678';
const SALES: IncomingNumberInput = {
  number: '+815011112222',
  label: '営業直通',
  record: true,
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['suzuki'], strategy: 'sequential', ringSeconds: 20, cycles: 1 },
};
const AUDIO = mp3Bytes();

let h: VoiceHarness;
let zoho: ZohoEmulator;
let worker: OutboxWorker;

beforeAll(async () => {
  ({ h, zoho, worker } = await createZohoVoiceHarness({
    // Twilio's recording media comes from the Twilio emulator's REST API.
    fetch: (zohoFetch, harness) => async (input, init) => {
      const request = new Request(input, init);
      return new URL(request.url).hostname === 'api.twilio.com' ? harness().twilio.rest.fetch(request) : zohoFetch(input, init);
    },
  }));
  await h.addUser({ id: 'admin', role: 'admin', email: 'admin@example.jp' });
  await h.addUser({ id: 'suzuki', name: '鈴木', email: 'suzuki@example.jp' });
  await h.addNumber(SALES);
  const adminToken = await h.signIn('admin@example.jp');
  await adminConnectsZoho({ h, zoho }, adminToken);
  const synced = await h.call('POST', '/api/crm/users/sync', { token: adminToken });
  expect(await synced.json()).toMatchObject({ matched: [{ userId: 'suzuki', crmUserId: SEED_USERS[1].id }] });
});
afterAll(async () => {
  zoho.close();
  await h.close();
});

it('attaches both recordings of a call moved into its room late to its one CRM call record', async () => {
  await h.goOnline('suzuki');
  h.twilio.device('suzuki').answerAfter(3).hangUpAfter(null);
  // The answer's redirect into the room and the client's 3 retries: Twilio is unreachable for them.
  h.twilio.restFaults.push({ method: 'POST', path: /^\/Calls\/CA\w+\.json$/, error: { status: 503, code: 20503, message: 'Service Unavailable' }, times: 4 });
  const call = h.twilio.startIncomingCall({ from: YAMADA, to: SALES.number });
  await h.twilio.runUntil(() => h.twilio.device('suzuki').connected.length === 1, 60);
  expect(call.hearing()).toEqual({ kind: 'call', hears: ['client:suzuki'] });

  // 3 s on, the server tries again and gets through.
  await h.twilio.advance(4);
  await h.settled();
  await h.twilio.runUntil(() => call.hearing().kind === 'room', 10);
  await h.twilio.advance(30);
  await call.hangUp();
  await h.twilio.advance(30);

  const recordings = await h.store.db.selectFrom('call_recordings').select(['recording_sid', 'source', 'status']).where('call_sid', '=', call.sid).orderBy('source').execute();
  expect(recordings.map((recording) => `${recording.source} ${recording.status}`)).toEqual(['Conference completed', 'DialVerb completed']);

  expect(await worker.drainOnce()).toMatchObject({ delivered: 3, parked: 0 });
  const [zohoCall, ...others] = zoho.state.calls();
  expect(others).toEqual([]);
  expect(zohoCall).toMatchObject({ Call_Type: 'Inbound', Caller_ID: YAMADA });
  const notes = zoho.state.notes().filter((note) => (note['Parent_Id'] as { id: string }).id === zohoCall!.id);
  expect(notes).toMatchObject([{ Note_Title: '通話録音' }, { Note_Title: '通話録音' }]);
  expect(zoho.state.attachments.filter((attachment) => notes.some((note) => note.id === attachment.parentId))).toMatchObject([
    { parentModule: 'Notes', size: AUDIO.byteLength },
    { parentModule: 'Notes', size: AUDIO.byteLength },
  ]);
  const inCrm = await h.store.db.selectFrom('crm_recordings').select('recording_sid').where('call_sid', '=', call.sid).execute();
  expect(inCrm.map((row) => row.recording_sid).sort()).toEqual(recordings.map((recording) => recording.recording_sid).sort());
});
