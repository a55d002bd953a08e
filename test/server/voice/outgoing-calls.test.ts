import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getPresence } from '../../../server/store/presence.ts';
import { describeCall } from '../../emulators/twilio-call/index.ts';
import { MAIN } from './phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from './voice-harness.ts';

let h: VoiceHarness;

beforeAll(async () => {
  h = await createVoiceHarness({ reps: ['sato', 'suzuki', 'tanaka'] });
  await h.addNumber(MAIN);
  await h.assignOutgoing('sato', MAIN.number, true);
  await h.assignOutgoing('tanaka', MAIN.number);
});
afterAll(() => h.close());
beforeEach(async () => {
  await sql`truncate calls, call_legs, call_recordings, presence, crm_outbox`.execute(h.store.db);
});

const story = (call: { callSid: string }) => describeCall(call as Parameters<typeof describeCall>[0]).replaceAll(call.callSid, '<CallSid>');

describe('a rep calling from the CRM', () => {
  it('dials the number with the rep’s caller ID and records the call, with the CRM record in the log', async () => {
    const call = await h.twilio.outgoingClientCall({
      identity: 'sato',
      params: { To: '090-1234-5678', crm: 'zoho', crmModule: 'Leads', crmId: '4711', crmName: '山田 太郎', crmUrl: 'https://crm.zoho.jp/crm/org1/tab/Leads/4711' },
      script: { dial: { answeredBy: '+819012345678', talkSeconds: 42 } },
      statusCallbackEvents: ['completed'],
    });
    expect(story(call)).toMatchInlineSnapshot(`
      "POST /twilio/voice/outgoing → 200
        dial +819012345678 (timeout=30 callerId=+81312345678 record=record-from-answer-dual) → answered by +819012345678, talked 0 s
      POST /twilio/voice/outgoing/dialed?l=ja-JP DialCallStatus="completed" DialCallDuration="0" RecordingDuration="0" → 200
        conference "CAf7e79d2b47f666309ce301f0b8829f5c" as rep:sato → talking
        left "CAf7e79d2b47f666309ce301f0b8829f5c" (room ended: participant-with-end-conference-on-exit-left)
      POST /twilio/room/left?call=<CallSid>&p=rep%3Asato DialCallStatus="answered" → 200
        hangup
      = completed"
    `);
    expect(call.dials[0]?.answerOnBridge).toBe(true);
    expect((await h.calls())[0]).toMatchObject({
      direction: 'outbound',
      rep_id: 'sato',
      to_number: '+819012345678',
      number_called: MAIN.number,
      status: 'completed',
      crm_record: { provider: 'zoho', module: 'Leads', id: '4711', name: '山田 太郎', url: 'https://crm.zoho.jp/crm/org1/tab/Leads/4711' },
    });
    // The call's end queued its CRM log once, though the Dial action and the status callback both said so.
    const outbox = await h.store.db.selectFrom('crm_outbox').select(['call_sid', 'kind']).orderBy('kind').execute();
    expect(outbox).toEqual([
      { call_sid: call.callSid, kind: 'attach-recording' },
      { call_sid: call.callSid, kind: 'log-call' },
    ]);
    const recordings = await h.store.db.selectFrom('call_recordings').select(['source', 'channels']).execute();
    // One recording of the whole conversation: the room's (the ring Dial's own is not kept once the call moved).
    expect(recordings).toEqual([{ source: 'Conference', channels: 1 }]);
    expect((await getPresence(h.store.db, 'sato', h.clock.now())).onCallSid).toBeNull();
  });

  it.each([
    ['a premium-rate number', '0990-123-456', 'premium-rate'],
    ['a short code', '110', 'invalid'],
    ['a country the account has no number in', '+12125551234', 'country-not-allowed'],
  ])('refuses %s with a spoken explanation (toll-fraud guard)', async (_name, to, reason) => {
    const call = await h.twilio.outgoingClientCall({ identity: 'sato', params: { To: to } });
    expect(call.dials).toEqual([]);
    expect(call.said).toEqual(['この電話番号への発信は許可されていません。管理者にお問い合わせください。']);
    expect(call.events.at(-1)).toEqual({ type: 'hangup' });
    expect((await h.calls())[0]).toMatchObject({ status: 'failed', reason });
  });

  it('tells a rep without an outgoing number why the call cannot be placed, in their language', async () => {
    const call = await h.twilio.outgoingClientCall({ identity: 'suzuki', params: { To: '090-1234-5678', language: 'en-US' } });
    expect(call.said).toEqual(['No outgoing number is assigned to you. Please contact your administrator.']);
    expect((await h.calls())[0]).toMatchObject({ status: 'failed', reason: 'no-outgoing-number', rep_id: 'suzuki' });
  });

  it('refuses a deactivated rep whose browser still holds a Voice token, though their outgoing number is kept, saying their account is deactivated', async () => {
    await h.store.db.updateTable('users').set({ active: false }).where('id', '=', 'tanaka').execute();
    try {
      const call = await h.twilio.outgoingClientCall({ identity: 'tanaka', params: { To: '090-1234-5678', language: 'en-US' } });
      expect(call.dials).toEqual([]);
      expect(call.said).toEqual(['Your account has been deactivated, so you cannot make calls. Please contact your administrator.']);
      expect(call.events.at(-1)).toEqual({ type: 'hangup' });
      // Without the browser's language, in the account's (Japan).
      const inJapanese = await h.twilio.outgoingClientCall({ identity: 'tanaka', params: { To: '090-1234-5678' } });
      expect(inJapanese.said).toEqual(['このアカウントは無効になっているため、発信できません。管理者にお問い合わせください。']);
      expect(await h.calls()).toEqual([]);
    } finally {
      await h.store.db.updateTable('users').set({ active: true }).where('id', '=', 'tanaka').execute();
    }
    // Reactivated, they call from the number they had.
    const again = await h.twilio.outgoingClientCall({ identity: 'tanaka', params: { To: '03-9876-5432' }, script: { dial: { outcome: 'busy' } } });
    expect(again.dials).toHaveLength(1);
  });

  it('refuses an identity that is no user (a removed rep) as a deactivated account, in Japanese by default', async () => {
    const call = await h.twilio.outgoingClientCall({ identity: 'removed_rep', params: { To: '090-1234-5678' } });
    expect(call.dials).toEqual([]);
    expect(call.said).toEqual(['このアカウントは無効になっているため、発信できません。管理者にお問い合わせください。']);
    expect(await h.calls()).toEqual([]);
  });

  it.each([
    ['a deactivated rep', 'tanaka'],
    ['an identity that is no user', 'removed_rep'],
  ])('queues nothing for the CRM when the refused call of %s ends (the call log never had it)', async (_who, identity) => {
    if (identity === 'tanaka') await h.store.db.updateTable('users').set({ active: false }).where('id', '=', 'tanaka').execute();
    try {
      // The TwiML App's status callback reports the call's end as for every call.
      await h.twilio.outgoingClientCall({ identity, params: { To: '090-1234-5678' }, statusCallbackEvents: ['completed'] });
    } finally {
      await h.store.db.updateTable('users').set({ active: true }).where('id', '=', 'tanaka').execute();
    }
    expect(await h.calls()).toEqual([]);
    expect(await h.store.db.selectFrom('crm_outbox').selectAll().execute()).toEqual([]);
  });

  it('keeps the rep’s note on a call refused before dialling in the call log, queuing no CRM update the CRM could never take', async () => {
    const call = await h.twilio.outgoingClientCall({ identity: 'sato', params: { To: '+12125551234' }, statusCallbackEvents: ['completed'] });
    expect((await h.calls())[0]).toMatchObject({ status: 'failed', reason: 'country-not-allowed' });
    const patched = await h.call('PATCH', `/api/calls/${call.callSid}`, { token: await h.signIn('sato@example.jp'), body: { note: '番号違いでした' } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ callSid: call.callSid, note: '番号違いでした' });
    // Its log-call is skipped when sent (refused calls are not logged in Zoho): no update-call after it.
    expect(await h.store.db.selectFrom('crm_outbox').select('kind').execute()).toEqual([{ kind: 'log-call' }]);
  });

  it.each([
    ['a number, as E.164', '+1 212-555-1234', '+12125551234'],
    ['anything else, cut short', '9'.repeat(30_000), '9'.repeat(64)],
    ['anything else, without control characters', 'abc\u0000\ndef', 'abcdef'],
  ])('logs the destination of a refused call as %s', async (_what, to, logged) => {
    const call = await h.twilio.outgoingClientCall({ identity: 'sato', params: { To: to } });
    expect(call.dials).toEqual([]);
    expect((await h.calls())[0]).toMatchObject({ status: 'failed', to_number: logged });
  });

  it('keeps only a web link as the CRM record’s URL', async () => {
    await h.twilio.outgoingClientCall({
      identity: 'sato',
      params: { To: '03-9876-5432', crm: 'zoho', crmModule: 'Contacts', crmId: '42', crmUrl: 'javascript:alert(1)' },
      script: { dial: { outcome: 'busy' } },
    });
    expect((await h.calls())[0]?.['crm_record']).toEqual({ provider: 'zoho', module: 'Contacts', id: '42' });
  });

  it('logs a busy destination as busy', async () => {
    await h.twilio.outgoingClientCall({ identity: 'sato', params: { To: '03-9876-5432' }, script: { dial: { outcome: 'busy' } } });
    expect((await h.calls())[0]).toMatchObject({ status: 'busy', to_number: '+81398765432' });
  });
});
